#include "aboutdialog.h"

#include <QApplication>
#include <QDialogButtonBox>
#include <QDir>
#include <QHBoxLayout>
#include <QLabel>
#include <QLibraryInfo>
#include <QSettings>
#include <QTextDocumentFragment>
#include <QVBoxLayout>

namespace Hookscope {

using namespace Qt::StringLiterals;

AboutDialog::AboutDialog(const QString &dataDirectory, QWidget *parent) : QDialog(parent)
{
    setWindowTitle(tr("About Hookscope"));
    auto *layout = new QVBoxLayout(this);
    auto *top = new QHBoxLayout;
    auto *icon = new QLabel(this);
    icon->setPixmap(QApplication::windowIcon().pixmap(QSize(96, 96), devicePixelRatioF()));
    icon->setAlignment(Qt::AlignTop);
    top->addWidget(icon);
    auto *texts = new QVBoxLayout;
    // The version the build was made from; the app also sets it as the application version.
    const QString version = QStringLiteral(HOOKSCOPE_VERSION);
    m_title = new QLabel(u"<h2>Hookscope %1</h2>"_s.arg(version.toHtmlEscaped()) + u"<p>"_s +
                             tr("Capture, inspect, verify and replay webhooks on your own machine.").toHtmlEscaped() +
                             u"</p>"_s,
                         this);
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    texts->addWidget(m_title);
    const QString settingsFile = QSettings().fileName();
    m_details = new QLabel(this);
    m_details->setWordWrap(true);
    m_details->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_details->setText(
        u"<p>"_s + tr("Built with Qt %1, running on Qt %2.").arg(QStringLiteral(QT_VERSION_STR), QString::fromLatin1(qVersion())).toHtmlEscaped() +
        u"</p><p>"_s + tr("Data directory: %1").arg(QDir::toNativeSeparators(dataDirectory)).toHtmlEscaped() + u"<br>"_s +
        tr("Settings: %1").arg(QDir::toNativeSeparators(settingsFile)).toHtmlEscaped() + u"</p><p>"_s +
        tr("Documentation: man hookscope, man hookscope-cli, and the guides in the docs folder of the source.")
            .toHtmlEscaped() +
        u"</p>"_s);
    texts->addWidget(m_details);
    top->addLayout(texts, 1);
    layout->addLayout(top);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
}

QString AboutDialog::text() const
{
    return QTextDocumentFragment::fromHtml(m_title->text()).toPlainText() + u'\n' +
           QTextDocumentFragment::fromHtml(m_details->text()).toPlainText();
}

} // namespace Hookscope
