// The Spanish translation: every source string of the window has one, the .ts file is what lupdate makes of the
// sources today, placeholders and keyboard accelerators survive, and the window shows Spanish with the .qm loaded.
#include "settingsdialog.h"

#include <QDir>
#include <QFile>
#include <QLabel>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTranslator>

#include "httprequestparser.h"
#include <QXmlStreamReader>
#include <QtTest>

using namespace Hookscope;
using namespace Qt::StringLiterals;

namespace {

const QString tsPath = QStringLiteral(HOOKSCOPE_SOURCE_DIR "/resources/translations/hookscope_es.ts");

struct Message {
    QString context;
    QString source;
    QStringList translations; // one, or the numerus forms
    QString type;             // "unfinished", "vanished", "obsolete" or empty
};

QList<Message> readTs(const QString &path, QString *error)
{
    QList<Message> messages;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = file.errorString();
        return messages;
    }
    QXmlStreamReader xml(&file);
    QString context;
    Message current;
    while (!xml.atEnd()) {
        xml.readNext();
        if (!xml.isStartElement())
            continue;
        if (xml.name() == u"name") {
            context = xml.readElementText();
        } else if (xml.name() == u"message") {
            current = Message{context, {}, {}, {}};
        } else if (xml.name() == u"source") {
            current.source = xml.readElementText();
        } else if (xml.name() == u"translation") {
            current.type = xml.attributes().value(u"type"_s).toString();
            // Either text or <numerusform> children.
            QString text;
            while (!xml.atEnd()) {
                xml.readNext();
                if (xml.isCharacters())
                    text += xml.text();
                else if (xml.isStartElement() && xml.name() == u"numerusform")
                    current.translations.append(xml.readElementText());
                else if (xml.isEndElement() && xml.name() == u"translation")
                    break;
            }
            if (current.translations.isEmpty())
                current.translations.append(text);
            messages.append(current);
        }
    }
    if (xml.hasError())
        *error = xml.errorString();
    return messages;
}

QStringList placeholders(const QString &text)
{
    static const QRegularExpression pattern(u"%(\\d+|n)"_s);
    QStringList found;
    for (const QRegularExpressionMatch &match : pattern.globalMatch(text))
        found.append(match.captured());
    found.sort();
    found.removeDuplicates();
    return found;
}

// Keyboard accelerators: "&" before a letter ("&&" is a literal ampersand).
int accelerators(const QString &text)
{
    int count = 0;
    for (qsizetype i = 0; i + 1 < text.size(); ++i) {
        if (text.at(i) != u'&')
            continue;
        if (text.at(i + 1) == u'&') {
            ++i;
            continue;
        }
        if (text.at(i + 1).isLetterOrNumber())
            ++count;
    }
    return count;
}

} // namespace

class TestTranslations : public QObject
{
    Q_OBJECT
private slots:
    void tsFileIsUpToDateWithTheSources();
    void everyStringIsTranslated();
    void windowSpeaksSpanish();
};

void TestTranslations::tsFileIsUpToDateWithTheSources()
{
    // lupdate over the sources into a copy of the .ts file must change nothing.
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString copy = dir.filePath(u"hookscope_es.ts"_s);
    QVERIFY(QFile::copy(tsPath, copy));
    QFile::setPermissions(copy, QFile::ReadOwner | QFile::WriteOwner);
    QProcess lupdate;
    lupdate.setWorkingDirectory(QStringLiteral(HOOKSCOPE_SOURCE_DIR));
    lupdate.setProcessChannelMode(QProcess::MergedChannels);
    lupdate.start(QStringLiteral(HOOKSCOPE_LUPDATE_PATH),
                  {u"-locations"_s, u"none"_s, u"-no-obsolete"_s, u"src/gui"_s, u"src/models"_s, u"src/core"_s,
                   u"ui"_s, u"-ts"_s, copy});
    QVERIFY2(lupdate.waitForFinished(60000), "lupdate did not finish");
    const QByteArray output = lupdate.readAll();
    QCOMPARE(lupdate.exitCode(), 0);
    // A tr() call outside a class lupdate understands lands in a context the program never asks for.
    QVERIFY2(!output.contains("lacks Q_OBJECT"), output.constData());
    QFile original(tsPath);
    QVERIFY(original.open(QIODevice::ReadOnly));
    QFile updated(copy);
    QVERIFY(updated.open(QIODevice::ReadOnly));
    const QByteArray before = original.readAll();
    const QByteArray after = updated.readAll();
    if (before != after) {
        const QList<QByteArray> a = before.split('\n');
        const QList<QByteArray> b = after.split('\n');
        qsizetype line = 0;
        while (line < a.size() && line < b.size() && a.at(line) == b.at(line))
            ++line;
        QFAIL(qPrintable(u"resources/translations/hookscope_es.ts is out of date with the sources (first difference "
                         "at line %1: \"%2\" would become \"%3\"). Run `cmake --build build/dev --target "
                         "update_translations` and translate the new strings."_s.arg(line + 1)
                             .arg(QString::fromUtf8(a.value(line).trimmed()), QString::fromUtf8(b.value(line).trimmed()))));
    }
}

void TestTranslations::everyStringIsTranslated()
{
    QString error;
    const QList<Message> messages = readTs(tsPath, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QVERIFY(messages.size() > 500);
    QStringList problems;
    for (const Message &m : messages) {
        const QString where = m.context + u": \""_s + m.source + u'"';
        if (!m.type.isEmpty()) {
            problems.append(where + u" is " + m.type);
            continue;
        }
        for (const QString &translation : m.translations) {
            if (translation.trimmed().isEmpty() && !m.source.trimmed().isEmpty()) {
                problems.append(where + u" has no translation"_s);
            } else if (placeholders(translation) != placeholders(m.source)) {
                problems.append(where + u" has placeholders "_s + placeholders(translation).join(u' ') +
                                u" in \""_s + translation + u'"');
            } else if (accelerators(translation) != accelerators(m.source)) {
                problems.append(where + u" has %1 keyboard accelerators in \"%2\""_s.arg(accelerators(translation))
                                            .arg(translation));
            }
        }
    }
    QVERIFY2(problems.isEmpty(),
             qPrintable(u"%1 problems:\n"_s.arg(problems.size()) + problems.mid(0, 40).join(u'\n')));
}

void TestTranslations::windowSpeaksSpanish()
{
    // The .qm file lrelease built from the .ts file, as the app embeds it.
    QTranslator translator;
    QVERIFY2(translator.load(u"hookscope_es"_s, QStringLiteral(HOOKSCOPE_QM_DIR)),
             "hookscope_es.qm not found next to the app's build");
    QVERIFY(QCoreApplication::installTranslator(&translator));
    SettingsDialog dialog(CaptureSettings{}, RetentionPolicy{});
    QVERIFY(dialog.windowTitle() != u"Settings"_s);
    QCOMPARE(dialog.windowTitle(),
             QCoreApplication::translate("SettingsDialog", "Settings")); // from the .ui file's context
    // Strings from C++ code reach the window translated too: the dialog's refusal of a bad value.
    dialog.setMaxHeaderText(u"12"_s);
    dialog.accept();
    QVERIFY(!dialog.errorText().isEmpty());
    QVERIFY2(!dialog.errorText().startsWith(u"The header block limit"_s), qPrintable(dialog.errorText()));

    // What goes to senders and is stored with a request stays English: a refused request's reason.
    HttpRequestParser parser(HttpRequestParser::Limits{1024, 10});
    const QByteArray tooLarge = "POST /x HTTP/1.1\r\nContent-Length: 100\r\n\r\n";
    const HttpRequestParser::Step step = parser.feed(tooLarge.constData(), tooLarge.size());
    QCOMPARE(step.event, HttpRequestParser::Event::Error);
    QCOMPARE(parser.errorStatus(), 413);
    QCOMPARE(parser.errorReason(), u"Content-Length 100 is larger than the limit of 10 bytes"_s);
    QCoreApplication::removeTranslator(&translator);
}

QTEST_MAIN(TestTranslations)
#include "tst_translations.moc"
