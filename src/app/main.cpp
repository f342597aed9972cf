#include "captureservice.h"
#include "datadirectory.h"
#include "mainwindow.h"
#include "theme.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QIcon>
#include <QLibraryInfo>
#include <QLocale>
#include <QTranslator>
#include <QSettings>
#include <QMessageBox>

#include <cstdio>

using namespace Hookscope;

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("hookscope"));
    QApplication::setOrganizationName(QStringLiteral("hookscope")); // settings in ~/.config/hookscope/hookscope.conf
    QApplication::setApplicationDisplayName(QStringLiteral("Hookscope"));
    QApplication::setApplicationVersion(QStringLiteral(HOOKSCOPE_VERSION));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/hookscope.svg")));
    QGuiApplication::setDesktopFileName(QStringLiteral("io.github.hookscope.Hookscope"));

    // The system's language, unless the Settings dialog chose another. Dates, numbers and sizes follow the same
    // locale. The first of the user's languages that Hookscope speaks wins, English (the source language, no file)
    // included: "en_US:es" stays English. Qt's own strings (standard buttons, file dialogs) follow from Qt's
    // translations when installed.
    const QString language = QSettings().value(QStringLiteral("window/language")).toString();
    const QLocale locale = language.isEmpty() ? QLocale::system() : QLocale(language);
    QLocale::setDefault(locale);
    QTranslator translator;
    QTranslator qtTranslator;
    for (QString uiLanguage : locale.uiLanguages()) {
        uiLanguage.replace(u'-', u'_');
        if (uiLanguage == u"C" || uiLanguage.startsWith(u"en"))
            break;
        if (translator.load(QStringLiteral("hookscope_") + uiLanguage, QStringLiteral(":/i18n"))) {
            QCoreApplication::installTranslator(&translator);
            if (qtTranslator.load(QStringLiteral("qtbase_") + uiLanguage,
                                  QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
                QCoreApplication::installTranslator(&qtTranslator);
            break;
        }
    }

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Hookscope: capture, inspect and replay webhooks."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption dataDir(QStringLiteral("data-dir"), QStringLiteral("Store directory."),
                                     QStringLiteral("DIR"), DataDirectory::defaultPath());
    const QCommandLineOption listen(QStringLiteral("listen"),
                                    QStringLiteral("Listen on HOST:PORT (repeatable; default 127.0.0.1 and ::1 on "
                                                   "port %1).")
                                        .arg(DefaultPort),
                                    QStringLiteral("ADDRESS"));
    parser.addOptions({dataDir, listen});
    parser.process(app);

    CaptureService::Options options;
    // Settings saved from the Settings dialog; command-line options win over them.
    MainWindow::loadSavedSettings(&options.capture, &options.retention);
    if (parser.isSet(listen)) {
        const Result<QList<ListenAddress>> addresses = ListenAddress::parseAll(parser.values(listen));
        if (!addresses) {
            std::fprintf(stderr, "hookscope: %s\n", qPrintable(addresses.errorMessage()));
            return 2;
        }
        options.capture.listen = addresses.value();
    }
    const Result<QString> directory = DataDirectory::prepare(parser.value(dataDir));
    if (!directory) {
        std::fprintf(stderr, "hookscope: %s\n", qPrintable(directory.errorMessage()));
        return 1;
    }
    options.dataDirectory = directory.value();
    {
        RequestStore store; // the answers configured for this data directory (hookscope-cli serve --save-rules)
        if (store.open(options.dataDirectory)) {
            if (const Result<ResponseRules> rules = store.loadResponseRules(); rules)
                options.capture.responses = rules.value();
        }
    }

    applyTheme(themeFromName(QSettings().value(QStringLiteral("window/theme")).toString()));
    CaptureService service(options);
    MainWindow window(&service);
    window.show();
    service.start();
    const int result = QApplication::exec();
    service.shutdown();
    return result;
}
