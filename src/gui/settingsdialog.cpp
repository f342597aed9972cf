#include "settingsdialog.h"

#include "ui_settingsdialog.h"
#include "units.h"

#include <QPushButton>

namespace Hookscope {

using namespace Qt::StringLiterals;

namespace {
QString sizeText(qint64 bytes)
{
    return bytes % (1 << 20) == 0   ? QString::number(bytes >> 20) + u'M'
           : bytes % (1 << 10) == 0 ? QString::number(bytes >> 10) + u'k'
                                    : QString::number(bytes);
}

QString listenText(const QList<ListenAddress> &addresses)
{
    // The default pair (both loopbacks on one port) reads back as the single port the user would type.
    if (addresses.size() == 2 && addresses.at(0).address == QHostAddress(QHostAddress::LocalHost) &&
        addresses.at(1).address == QHostAddress(QHostAddress::LocalHostIPv6) && addresses.at(0).port == addresses.at(1).port)
        return QString::number(addresses.at(0).port);
    QStringList parts;
    for (const ListenAddress &address : addresses) {
        QString url = address.url();
        url.remove(QStringLiteral("http://"));
        url.chop(1);
        parts.append(url == QStringLiteral("0.0.0.0:") + QString::number(address.port) ? QStringLiteral("*:") + QString::number(address.port) : url);
    }
    return parts.join(u' ');
}
} // namespace

SettingsDialog::SettingsDialog(const CaptureSettings &capture, const RetentionPolicy &retention, QWidget *parent)
    : QDialog(parent), ui(std::make_unique<Ui::SettingsDialog>()), m_capture(capture), m_retention(retention)
{
    ui->setupUi(this);
    ui->listenEdit->setText(listenText(capture.listen));
    ui->statusSpin->setValue(capture.responses.fallback().status);
    ui->bodyEdit->setPlainText(QString::fromUtf8(capture.responses.fallback().body));
    ui->maxBodyEdit->setText(sizeText(capture.maxBodyBytes));
    ui->maxHeaderEdit->setText(sizeText(capture.maxHeaderBytes));
    setTimeouts(qBound(1, (capture.idleTimeoutMs + 999) / 1000, ui->idleSpin->maximum()),
                qBound(1, (capture.requestTimeoutMs + 999) / 1000, ui->requestTimeSpin->maximum()));
    ui->keepSpin->setValue(int(qMin<qint64>(retention.maxCount, ui->keepSpin->maximum())));
    if (retention.maxAgeSeconds > 0)
        ui->ageEdit->setText(QString::number(retention.maxAgeSeconds) + u's');
    ui->themeCombo->addItem(tr("Follow the system"), QVariant::fromValue(int(Theme::System)));
    ui->themeCombo->addItem(tr("Light"), QVariant::fromValue(int(Theme::Light)));
    ui->themeCombo->addItem(tr("Dark"), QVariant::fromValue(int(Theme::Dark)));
    setTheme(currentTheme());
    // Language names in their own language, so a user who cannot read the current one still finds theirs.
    ui->languageCombo->addItem(tr("Follow the system"), QString());
    ui->languageCombo->addItem(u"English"_s, u"en"_s);
    ui->languageCombo->addItem(u"Español"_s, u"es"_s);
    connect(ui->buttons, &QDialogButtonBox::accepted, this, &SettingsDialog::accept);
    connect(ui->buttons, &QDialogButtonBox::rejected, this, &SettingsDialog::reject);
}

SettingsDialog::~SettingsDialog() = default;

Theme SettingsDialog::theme() const
{
    return Theme(ui->themeCombo->currentData().toInt());
}

void SettingsDialog::setTheme(Theme theme)
{
    ui->themeCombo->setCurrentIndex(ui->themeCombo->findData(QVariant::fromValue(int(theme))));
}

QString SettingsDialog::language() const
{
    return ui->languageCombo->currentData().toString();
}

void SettingsDialog::setLanguage(const QString &language)
{
    const int index = ui->languageCombo->findData(language);
    ui->languageCombo->setCurrentIndex(qMax(0, index));
}

void SettingsDialog::setMaxHeaderText(const QString &text)
{
    ui->maxHeaderEdit->setText(text);
}

void SettingsDialog::setTimeouts(int idleSeconds, int requestSeconds)
{
    ui->idleSpin->setValue(idleSeconds);
    ui->requestTimeSpin->setValue(requestSeconds);
}

QString SettingsDialog::errorText() const
{
    return ui->errorLabel->isVisibleTo(this) ? ui->errorLabel->text() : QString();
}

void SettingsDialog::setListenText(const QString &text)
{
    ui->listenEdit->setText(text);
}

void SettingsDialog::setAnswer(int status, const QString &body)
{
    ui->statusSpin->setValue(status);
    ui->bodyEdit->setPlainText(body);
}

void SettingsDialog::setMaxBodyText(const QString &text)
{
    ui->maxBodyEdit->setText(text);
}

void SettingsDialog::setMaxAgeText(const QString &text)
{
    ui->ageEdit->setText(text);
}

void SettingsDialog::accept()
{
    auto refuse = [this](QWidget *field, const QString &message) {
        ui->errorLabel->setText(message);
        ui->errorLabel->setVisible(true);
        field->setFocus();
    };
    const Result<QList<ListenAddress>> listen =
        ListenAddress::parseAll(ui->listenEdit->text().split(u' ', Qt::SkipEmptyParts));
    if (!listen || listen.value().isEmpty()) {
        refuse(ui->listenEdit, listen ? tr("Give at least one address to listen on.") : listen.errorMessage());
        return;
    }
    const qint64 maxBody = parseByteSize(ui->maxBodyEdit->text());
    if (maxBody <= 0) {
        refuse(ui->maxBodyEdit, tr("'%1' is not a size: use bytes or a unit, such as 64k, 10M or 1G.")
                                    .arg(ui->maxBodyEdit->text()));
        return;
    }
    // The header block must hold at least a request line and a few headers.
    const qint64 maxHeader = parseByteSize(ui->maxHeaderEdit->text());
    if (maxHeader < 1024 || maxHeader > 16 * 1024 * 1024) {
        refuse(ui->maxHeaderEdit, maxHeader <= 0
                                      ? tr("'%1' is not a size: use bytes or a unit, such as 16k or 64k.")
                                            .arg(ui->maxHeaderEdit->text())
                                      : tr("The header block limit must be between 1k and 16M."));
        return;
    }
    qint64 maxAge = 0;
    if (!ui->ageEdit->text().trimmed().isEmpty()) {
        maxAge = parseDuration(ui->ageEdit->text());
        if (maxAge <= 0) {
            refuse(ui->ageEdit, tr("'%1' is not a duration: use 90s, 30m, 12h or 7d, or leave it empty.")
                                    .arg(ui->ageEdit->text()));
            return;
        }
    }
    // Everything is valid: only now do the values change.
    ResponseRule fallback = m_capture.responses.fallback();
    fallback.status = ui->statusSpin->value();
    fallback.body = ui->bodyEdit->toPlainText().toUtf8();
    m_capture.listen = listen.value();
    m_capture.maxBodyBytes = maxBody;
    m_capture.maxHeaderBytes = maxHeader;
    m_capture.idleTimeoutMs = ui->idleSpin->value() * 1000;
    m_capture.requestTimeoutMs = ui->requestTimeSpin->value() * 1000;
    m_capture.responses = ResponseRules(m_capture.responses.rules(), fallback);
    m_retention.maxCount = ui->keepSpin->value();
    m_retention.maxAgeSeconds = maxAge;
    ui->errorLabel->setVisible(false);
    QDialog::accept();
}

} // namespace Hookscope
