#include "resenddialog.h"

#include "asyncresult.h"
#include "outgoing.h"
#include "signature.h"
#include "textformat.h"
#include "ui_resenddialog.h"
#include "verdictstyle.h"

#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFontDatabase>
#include <QHeaderView>
#include <QLocale>
#include <QPushButton>
#include <QSettings>
#include <QSignalBlocker>

#include <algorithm>

namespace Hookscope
{

using namespace Qt::StringLiterals;

namespace
{

const QString TargetsKey = u"resend/targets"_s;
const QString SelfSignedKey = u"resend/selfSigned"_s; // origins whose untrusted certificate the user accepted
const QString RedirectsKey = u"resend/followRedirects"_s;
const QString TimeoutKey = u"resend/timeoutSeconds"_s;
constexpr int OriginalBytesRole = Qt::UserRole;    // a header cell's bytes as captured
constexpr int OriginalTextRole = Qt::UserRole + 1; // and as first shown: unchanged text sends the captured bytes
// Larger bodies are not offered for editing as text: a QPlainTextEdit with megabytes of text is slow to fill.
constexpr qsizetype MaxTextBody = 4 * 1024 * 1024;
constexpr qsizetype MaxPreview = 64 * 1024;

// RFC 9110 token: methods and header names.
bool isToken(QStringView text)
{
    static constexpr QStringView extra = u"!#$%&'*+-.^_`|~";
    if (text.isEmpty())
        return false;
    for (const QChar c : text) {
        const bool alnum = (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z') || (c >= u'0' && c <= u'9');
        if (!alnum && !extra.contains(c))
            return false;
    }
    return true;
}

bool isOriginOnly(const QUrl &url)
{
    return (url.path().isEmpty() || url.path() == u"/") && !url.hasQuery();
}

QUrl parseHttpUrl(const QString &text)
{
    const QUrl url(text.trimmed(), QUrl::StrictMode);
    if (!url.isValid() || url.host().isEmpty() || (url.scheme() != u"http" && url.scheme() != u"https"))
        return {};
    return url;
}

QString originText(const QUrl &url)
{
    return url.isValid()
               ? url.adjusted(QUrl::RemovePath | QUrl::RemoveQuery | QUrl::RemoveFragment | QUrl::RemoveUserInfo)
                     .toString(QUrl::FullyEncoded)
               : QString();
}

// Text typed as a request-target: bytes outside ASCII are percent-encoded (UTF-8), as a browser would send them.
QByteArray encodedTarget(const QString &text)
{
    static constexpr char hex[] = "0123456789ABCDEF";
    QByteArray out;
    for (const char c : text.toUtf8()) {
        const auto b = uchar(c);
        if (b >= 0x80) {
            out += '%';
            out += hex[b >> 4];
            out += hex[b & 0xf];
        } else {
            out += c;
        }
    }
    return out;
}

bool isEditableText(const QByteArray &body)
{
    // A text editor would lose NUL bytes, turn CR LF into LF and replace invalid UTF-8.
    return body.size() <= MaxTextBody && !body.contains('\0') && !body.contains('\r') &&
           QString::fromUtf8(body).toUtf8() == body;
}

QString preview(const QByteArray &bytes)
{
    if (isEditableText(bytes))
        return QString::fromUtf8(bytes);
    return QString::fromLatin1(TextFormat::hexDump(bytes, MaxPreview));
}

} // namespace

ResendDialog::ResendDialog(const QList<qint64> &requestIds, const Verify::SecretList &secrets, QWidget *parent)
    : QDialog(parent), ui(std::make_unique<Ui::ResendDialog>()), m_requestIds(requestIds), m_secrets(secrets)
{
    ui->setupUi(this);
    QPalette errorPalette = ui->errorLabel->palette();
    errorPalette.setColor(QPalette::WindowText, verdictColor(Verify::Verdict::Invalid, palette()));
    ui->errorLabel->setPalette(errorPalette);
    m_sendButton = ui->buttons->button(QDialogButtonBox::Ok);
    m_sendButton->setText(tr("&Send"));
    m_sendButton->setDefault(true);
    m_sendButton->setEnabled(false); // until the request is read

    ui->targetCombo->addItems(savedTargets());
    ui->targetCombo->lineEdit()->setPlaceholderText(u"http://localhost:3000"_s);
    ui->targetCombo->setCurrentIndex(ui->targetCombo->count() > 0 ? 0 : -1);
    ui->methodCombo->addItems({u"GET"_s, u"POST"_s, u"PUT"_s, u"PATCH"_s, u"DELETE"_s, u"HEAD"_s, u"OPTIONS"_s});
    ui->headersTable->setColumnCount(2);
    ui->headersTable->setHorizontalHeaderLabels({tr("Name"), tr("Value")});
    ui->headersTable->verticalHeader()->hide();
    ui->headersTable->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 8);
    ui->headersTable->horizontalHeader()->setStretchLastSection(true);
    ui->headersTable->setColumnWidth(0, 220);
    ui->editorSplitter->setStretchFactor(0, 3);
    ui->editorSplitter->setStretchFactor(1, 2);
    ui->bodyEdit->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));

    const QSettings settings;
    ui->redirectsCheck->setChecked(settings.value(RedirectsKey, false).toBool());
    ui->timeoutSpin->setValue(settings.value(TimeoutKey, 30).toInt());

    if (m_requestIds.size() > 1) {
        ui->multipleLabel->setText(tr("%1 requests are sent one after the other, each as it was captured (with Host "
                                      "and Content-Length for the target). To edit a request, resend it alone.")
                                       .arg(m_requestIds.size()));
        ui->multipleLabel->setVisible(true);
    }
    ui->methodCombo->setEnabled(false);
    ui->requestTargetEdit->setEnabled(false);
    ui->headersBox->setEnabled(false);
    ui->bodyBox->setEnabled(false);
    ui->resignCheck->setEnabled(false);
    ui->secretEdit->setEnabled(false);
    ui->bodyStatus->setText(tr("Reading the request…"));

    connect(ui->targetCombo, &QComboBox::currentTextChanged, this, [this] {
        updateResolved();
        updateSelfSigned();
    });
    connect(ui->requestTargetEdit, &QLineEdit::textChanged, this, &ResendDialog::updateResolved);
    // An editable combo box keeps Return to itself; in these two it sends, as in the other fields.
    for (QComboBox *combo : {ui->targetCombo, ui->methodCombo})
        connect(combo->lineEdit(), &QLineEdit::returnPressed, this, &ResendDialog::accept);
    connect(ui->addHeaderButton, &QPushButton::clicked, this, &ResendDialog::addHeaderRow);
    connect(ui->removeHeaderButton, &QPushButton::clicked, this, [this] {
        // Every selected row, from the bottom so that the indexes stay right.
        QList<int> rows;
        for (const QModelIndex &index : ui->headersTable->selectionModel()->selectedRows())
            rows.append(index.row());
        if (rows.isEmpty() && ui->headersTable->currentRow() >= 0)
            rows.append(ui->headersTable->currentRow());
        std::sort(rows.begin(), rows.end(), std::greater<>());
        for (const int row : std::as_const(rows))
            ui->headersTable->removeRow(row);
    });
    for (QRadioButton *radio : {ui->originalBodyRadio, ui->textBodyRadio, ui->fileBodyRadio}) {
        connect(radio, &QRadioButton::toggled, this, [this](bool on) {
            if (on)
                updateBodySource();
        });
    }
    connect(ui->textBodyRadio, &QRadioButton::toggled, this, [this](bool on) {
        if (!on)
            m_bodyText = ui->bodyEdit->toPlainText(); // kept for when the user comes back to it
    });
    connect(ui->chooseFileButton, &QPushButton::clicked, this, &ResendDialog::chooseFile);
    connect(ui->resignCheck, &QCheckBox::toggled, this, &ResendDialog::updateResign);
    connect(ui->buttons, &QDialogButtonBox::accepted, this, &ResendDialog::accept);
    connect(ui->buttons, &QDialogButtonBox::rejected, this, &ResendDialog::reject);
    updateResolved();
    updateSelfSigned();
    updateResign();
    ui->targetCombo->setFocus();
}

ResendDialog::~ResendDialog() = default;

QStringList ResendDialog::savedTargets()
{
    QStringList targets = QSettings().value(TargetsKey).toStringList();
    targets.removeAll(QString());
    return targets.mid(0, MaxTargets);
}

void ResendDialog::setRequest(const CapturedRequest &request)
{
    m_request = request;
    m_scheme = Verify::detectScheme(request);
    const bool single = m_requestIds.size() <= 1;
    ui->methodCombo->setEditText(QString::fromLatin1(request.method));
    ui->requestTargetEdit->setText(QString::fromUtf8(request.target));
    fillHeaders(request.headers);
    m_textBody = isEditableText(request.body);
    m_bodyText = m_textBody ? QString::fromUtf8(request.body) : QString();
    ui->textBodyRadio->setEnabled(m_textBody);
    ui->textBodyRadio->setToolTip(m_textBody ? QString()
                                             : tr("The body is binary, too large or has CR bytes: a text editor "
                                                  "would change it. Send it as captured or from a file."));
    ui->methodCombo->setEnabled(single);
    ui->headersBox->setEnabled(single);
    ui->bodyBox->setEnabled(single);
    ui->originalBodyRadio->setChecked(true);
    updateBodySource();
    updateResolved();
    updateResign();
    m_sendButton->setEnabled(true);
}

void ResendDialog::setLoadError(const QString &message)
{
    ui->bodyStatus->setText(QString());
    refuse(nullptr, tr("Cannot read the request: %1").arg(message));
}

void ResendDialog::fillHeaders(const HeaderList &headers)
{
    ui->headersTable->setRowCount(0);
    ui->headersTable->setRowCount(int(headers.size()));
    for (int row = 0; row < headers.size(); ++row) {
        const HeaderField &field = headers.at(row);
        const QByteArray *bytes[2] = {&field.first, &field.second};
        for (int column = 0; column < 2; ++column) {
            const QString text = QString::fromUtf8(*bytes[column]);
            auto *item = new QTableWidgetItem(text);
            item->setData(OriginalBytesRole, *bytes[column]);
            item->setData(OriginalTextRole, text);
            ui->headersTable->setItem(row, column, item);
        }
    }
}

void ResendDialog::addHeaderRow()
{
    // After the current row, so that a header can be put where it belongs; order is kept when sending.
    const int row =
        ui->headersTable->currentRow() < 0 ? ui->headersTable->rowCount() : ui->headersTable->currentRow() + 1;
    ui->headersTable->insertRow(row);
    ui->headersTable->setItem(row, 0, new QTableWidgetItem);
    ui->headersTable->setItem(row, 1, new QTableWidgetItem);
    ui->headersTable->setCurrentCell(row, 0);
    if (isVisible())
        ui->headersTable->editItem(ui->headersTable->item(row, 0));
}

void ResendDialog::updateResolved()
{
    const QUrl base = parseHttpUrl(ui->targetCombo->currentText());
    const bool single = m_requestIds.size() <= 1;
    const bool originOnly = !base.isEmpty() && isOriginOnly(base);
    ui->requestTargetEdit->setEnabled(single && hasRequest() && (base.isEmpty() || originOnly));
    ui->requestTargetEdit->setToolTip(
        base.isEmpty() || originOnly ? QString() : tr("The target URL has a path of its own: it is used as it is."));
    QString text;
    if (base.isEmpty()) {
        text = tr("Enter an http:// or https:// URL.");
    } else if (!single) {
        text = originOnly ? tr("Each request goes to %1 followed by its own path and query.")
                                .arg(base.toString(QUrl::FullyEncoded))
                          : tr("Every request goes to %1.").arg(base.toString(QUrl::FullyEncoded));
    } else {
        const QString typed = ui->requestTargetEdit->text();
        const QByteArray target =
            typed == QString::fromUtf8(m_request.target) ? m_request.target : encodedTarget(typed);
        const QString url = Resend::resolveTarget(base, target).toString(QUrl::FullyEncoded);
        text = originOnly ? tr("Sends to %1").arg(url)
                          : tr("Sends to %1 (the URL's own path and query; the request's are not used)").arg(url);
    }
    // One line; a URL too long for it is cut at the edge and shown whole in the tooltip.
    ui->resolvedLabel->setText(text);
    ui->resolvedLabel->setToolTip(text);
}

void ResendDialog::updateSelfSigned()
{
    const QUrl url = parseHttpUrl(ui->targetCombo->currentText());
    const bool https = url.scheme() == u"https";
    ui->selfSignedCheck->setEnabled(https);
    const QString origin = originText(url);
    if (origin == m_selfSignedOrigin)
        return; // still the same target: what the user ticked stays
    m_selfSignedOrigin = origin;
    ui->selfSignedCheck->setChecked(https && QSettings().value(SelfSignedKey).toStringList().contains(origin));
}

void ResendDialog::updateBodySource()
{
    const BodySource source = bodySource();
    ui->bodyEdit->setReadOnly(source != BodySource::Text);
    ui->chooseFileButton->setEnabled(source == BodySource::File);
    const QLocale locale;
    switch (source) {
    case BodySource::Original:
        ui->bodyEdit->setPlainText(preview(m_request.body));
        ui->bodyStatus->setText(m_request.body.isEmpty()
                                    ? tr("No body.")
                                    : tr("%1 bytes, sent as captured (Content-Encoding untouched).")
                                          .arg(locale.toString(m_request.body.size())));
        break;
    case BodySource::Text:
        ui->bodyEdit->setPlainText(m_bodyText);
        ui->bodyStatus->setText(tr("Sent as UTF-8; Content-Length follows the text."));
        ui->bodyEdit->setFocus();
        break;
    case BodySource::File:
        if (m_fileBody) {
            ui->bodyEdit->setPlainText(preview(*m_fileBody));
            ui->bodyStatus->setText(tr("%1: %2 bytes, sent as they are.")
                                        .arg(QFileInfo(m_fileName).fileName(), locale.toString(m_fileBody->size())));
        } else {
            ui->bodyEdit->clear();
            ui->bodyStatus->setText(tr("Choose the file whose bytes are sent as the body."));
        }
        break;
    }
}

void ResendDialog::chooseFile()
{
    // open(), not exec(): no nested event loop.
    auto *chooser = new QFileDialog(this, tr("Body from a file"));
    chooser->setAttribute(Qt::WA_DeleteOnClose);
    chooser->setFileMode(QFileDialog::ExistingFile);
    connect(chooser, &QFileDialog::fileSelected, this, &ResendDialog::setBodyFile);
    chooser->open();
}

void ResendDialog::setBodyFile(const QString &path)
{
    m_fileName = path;
    m_fileBody.reset();
    const quint64 generation = ++m_fileGeneration;
    {
        const QSignalBlocker blocker(ui->fileBodyRadio);
        ui->fileBodyRadio->setChecked(true);
    }
    ui->bodyEdit->clear();
    ui->bodyEdit->setReadOnly(true);
    ui->chooseFileButton->setEnabled(true);
    ui->bodyStatus->setText(tr("Reading %1…").arg(QFileInfo(path).fileName()));
    runAsync(
        this,
        [path]() -> Result<QByteArray> {
            QFile file(path);
            if (!file.open(QIODevice::ReadOnly))
                return makeError(ErrorCode::Io, tr("Cannot read %1: %2").arg(path, file.errorString()));
            return file.readAll();
        },
        [this, generation](const Result<QByteArray> &read) {
            if (generation != m_fileGeneration)
                return; // another file was chosen meanwhile
            if (!read) {
                m_fileName.clear();
                updateBodySource();
                refuse(ui->chooseFileButton, read.errorMessage());
                return;
            }
            m_fileBody = read.value();
            if (bodySource() == BodySource::File)
                updateBodySource();
            emit bodyFileRead();
        });
}

void ResendDialog::updateResign()
{
    const bool single = m_requestIds.size() <= 1;
    const bool canSign = m_scheme && m_scheme->canSign();
    ui->resignCheck->setEnabled(hasRequest() && canSign);
    if (!canSign && ui->resignCheck->isChecked())
        ui->resignCheck->setChecked(false);
    const Verify::SecretEntry *found = m_scheme ? Verify::findEntry(m_secrets, m_scheme->name(), m_request) : nullptr;
    const bool entry = found && !found->secrets.isEmpty();
    QString text;
    if (!hasRequest())
        text = QString();
    else if (!m_scheme)
        text = tr("The request carries no signature Hookscope knows.");
    else if (!m_scheme->canSign())
        text = tr("%1 signatures cannot be made again.").arg(m_scheme->displayName());
    else if (!single)
        text = tr("Each request with its own provider's secret from the Secrets list (or the one pasted below).");
    else if (entry)
        text = tr("%1, with the secret from the Secrets list, or the one pasted below.").arg(m_scheme->displayName());
    else
        text = tr("%1: no secret for this path in the Secrets list; paste it below.").arg(m_scheme->displayName());
    ui->resignLabel->setText(text);
    const bool on = ui->resignCheck->isChecked();
    ui->secretEdit->setEnabled(on);
    ui->secretLabel->setEnabled(on);
    ui->secretEdit->setPlaceholderText(!on                  ? QString()
                                       : (entry || !single) ? tr("the secret from the Secrets list")
                                                            : tr("paste the secret"));
}

void ResendDialog::refuse(QWidget *field, const QString &message)
{
    ui->errorLabel->setText(message);
    ui->errorLabel->setVisible(true);
    if (field)
        field->setFocus();
}

bool ResendDialog::buildPlan()
{
    ResendPlan plan;
    const QString targetText = ui->targetCombo->currentText().trimmed();
    plan.target = parseHttpUrl(targetText);
    if (plan.target.isEmpty()) {
        refuse(ui->targetCombo, targetText.isEmpty() ? tr("Enter the URL to send to, such as http://localhost:3000.")
                                                     : tr("The target must be an http:// or https:// URL, such as "
                                                          "http://localhost:3000; \"%1\" is not one.")
                                                           .arg(targetText));
        return false;
    }
    const bool single = m_requestIds.size() <= 1;
    if (single) {
        RequestEdits edits;
        const QString method = ui->methodCombo->currentText().trimmed();
        if (method.isEmpty()) {
            refuse(ui->methodCombo, tr("Enter a method, such as POST."));
            return false;
        }
        if (!isToken(method)) {
            refuse(ui->methodCombo,
                   tr("\"%1\" is not a method: letters, digits and !#$%&'*+-.^_`|~ only, no spaces.").arg(method));
            return false;
        }
        edits.method = method == QString::fromLatin1(m_request.method) ? m_request.method : method.toLatin1();
        const QString target = ui->requestTargetEdit->text();
        if (target == QString::fromUtf8(m_request.target)) {
            edits.target = m_request.target;
        } else {
            const bool blank = target.isEmpty() || std::any_of(target.cbegin(), target.cend(),
                                                               [](QChar c) { return c <= u' ' || c == u'\x7f'; });
            if (blank || !(target.startsWith(u'/') || target == u"*")) {
                refuse(ui->requestTargetEdit, tr("The path starts with / and has no spaces, such as "
                                                 "/hooks/github?delivery=1."));
                return false;
            }
            edits.target = encodedTarget(target);
        }
        for (int row = 0; row < ui->headersTable->rowCount(); ++row) {
            const QTableWidgetItem *nameItem = ui->headersTable->item(row, 0);
            const QTableWidgetItem *valueItem = ui->headersTable->item(row, 1);
            const QString name = nameItem ? nameItem->text() : QString();
            const QString value = valueItem ? valueItem->text() : QString();
            if (name.trimmed().isEmpty() && value.isEmpty())
                continue; // an empty row added and not used
            if (!isToken(name.trimmed())) {
                ui->headersTable->setCurrentCell(row, 0);
                refuse(ui->headersTable,
                       name.trimmed().isEmpty()
                           ? tr("Header %1 has a value but no name.").arg(row + 1)
                           : tr("\"%1\" is not a header name: letters, digits and !#$%&'*+-.^_`|~ only, no spaces or "
                                "colons.")
                                 .arg(name));
                return false;
            }
            if (value.contains(u'\r') || value.contains(u'\n') || value.contains(QChar(0))) {
                ui->headersTable->setCurrentCell(row, 1);
                refuse(ui->headersTable, tr("The value of %1 has a line break: a header value is one line.").arg(name));
                return false;
            }
            // Unchanged cells send the captured bytes, whatever their encoding.
            const auto bytes = [](const QTableWidgetItem *item, const QString &text, bool trim) {
                if (item && item->data(OriginalTextRole).toString() == text)
                    return item->data(OriginalBytesRole).toByteArray();
                return (trim ? text.trimmed() : text).toUtf8();
            };
            edits.headers.append({bytes(nameItem, name, true), bytes(valueItem, value, false)});
        }
        switch (bodySource()) {
        case BodySource::Original:
            break;
        case BodySource::Text:
            edits.body = ui->bodyEdit->toPlainText().toUtf8();
            break;
        case BodySource::File:
            if (!m_fileBody) {
                refuse(ui->chooseFileButton, m_fileName.isEmpty() ? tr("Choose the file to send as the body.")
                                                                  : tr("Still reading %1.").arg(m_fileName));
                return false;
            }
            edits.body = *m_fileBody;
            break;
        }
        plan.editedRequestId = m_request.id;
        plan.edits = std::move(edits);
    }
    if (ui->resignCheck->isEnabled() && ui->resignCheck->isChecked()) {
        plan.signing = ResendPlan::Signing::Resign;
        plan.secret = ui->secretEdit->text().trimmed().toUtf8();
        // Several requests: each one's own provider, detected when it is sent.
        plan.provider = single && m_scheme ? m_scheme->name() : QString();
        const Verify::SecretEntry *found = Verify::findEntry(m_secrets, m_scheme->name(), m_request);
        if (single && plan.secret.isEmpty() && !(found && !found->secrets.isEmpty())) {
            refuse(ui->secretEdit,
                   tr("Paste the %1 secret to sign with, or add it in Secrets.").arg(m_scheme->displayName()));
            return false;
        }
    }
    plan.options.acceptSelfSigned = plan.target.scheme() == u"https" && ui->selfSignedCheck->isChecked();
    plan.options.followRedirects = ui->redirectsCheck->isChecked();
    plan.options.timeoutMs = ui->timeoutSpin->value() * 1000;
    m_plan = std::move(plan);
    return true;
}

void ResendDialog::accept()
{
    if (!hasRequest() || !buildPlan())
        return;
    ui->errorLabel->setVisible(false);
    // The target goes to the top of the history; the certificate choice is remembered for its origin.
    QSettings settings;
    const QString target = m_plan.target.toString();
    QStringList targets = savedTargets();
    targets.removeAll(target);
    targets.prepend(target);
    settings.setValue(TargetsKey, QStringList(targets.mid(0, MaxTargets)));
    if (m_plan.target.scheme() == u"https") {
        QStringList origins = settings.value(SelfSignedKey).toStringList();
        const QString origin = originText(m_plan.target);
        origins.removeAll(origin);
        if (m_plan.options.acceptSelfSigned)
            origins.append(origin);
        settings.setValue(SelfSignedKey, origins);
    }
    settings.setValue(RedirectsKey, m_plan.options.followRedirects);
    settings.setValue(TimeoutKey, ui->timeoutSpin->value());
    QDialog::accept();
}

void ResendDialog::setTargetText(const QString &text)
{
    ui->targetCombo->setEditText(text);
}

QString ResendDialog::targetText() const
{
    return ui->targetCombo->currentText();
}

QString ResendDialog::resolvedUrlText() const
{
    return ui->resolvedLabel->text();
}

void ResendDialog::setMethodText(const QString &text)
{
    ui->methodCombo->setEditText(text);
}

QString ResendDialog::methodText() const
{
    return ui->methodCombo->currentText();
}

void ResendDialog::setRequestTargetText(const QString &text)
{
    ui->requestTargetEdit->setText(text);
}

QString ResendDialog::requestTargetText() const
{
    return ui->requestTargetEdit->text();
}

QList<std::pair<QString, QString>> ResendDialog::headerRows() const
{
    QList<std::pair<QString, QString>> rows;
    for (int row = 0; row < ui->headersTable->rowCount(); ++row) {
        const QTableWidgetItem *name = ui->headersTable->item(row, 0);
        const QTableWidgetItem *value = ui->headersTable->item(row, 1);
        rows.append({name ? name->text() : QString(), value ? value->text() : QString()});
    }
    return rows;
}

void ResendDialog::setHeader(const QString &name, const QString &value)
{
    for (int row = 0; row < ui->headersTable->rowCount(); ++row) {
        const QTableWidgetItem *item = ui->headersTable->item(row, 0);
        if (item && item->text().compare(name, Qt::CaseInsensitive) == 0) {
            ui->headersTable->item(row, 1)->setText(value);
            return;
        }
    }
    const int row = ui->headersTable->rowCount();
    ui->headersTable->insertRow(row);
    ui->headersTable->setItem(row, 0, new QTableWidgetItem(name));
    ui->headersTable->setItem(row, 1, new QTableWidgetItem(value));
}

void ResendDialog::removeHeaderRow(int row)
{
    ui->headersTable->removeRow(row);
}

ResendDialog::BodySource ResendDialog::bodySource() const
{
    if (ui->textBodyRadio->isChecked())
        return BodySource::Text;
    if (ui->fileBodyRadio->isChecked())
        return BodySource::File;
    return BodySource::Original;
}

bool ResendDialog::isTextBodyAvailable() const
{
    return m_textBody;
}

void ResendDialog::setBodyText(const QString &text)
{
    ui->textBodyRadio->setChecked(true);
    ui->bodyEdit->setPlainText(text);
}

bool ResendDialog::isResignAvailable() const
{
    return ui->resignCheck->isEnabled();
}

void ResendDialog::setResign(bool on)
{
    ui->resignCheck->setChecked(on);
}

void ResendDialog::setSecretText(const QString &text)
{
    ui->secretEdit->setText(text);
}

void ResendDialog::setAcceptSelfSigned(bool on)
{
    ui->selfSignedCheck->setChecked(on);
}

bool ResendDialog::acceptsSelfSigned() const
{
    return ui->selfSignedCheck->isEnabled() && ui->selfSignedCheck->isChecked();
}

void ResendDialog::setFollowRedirects(bool on)
{
    ui->redirectsCheck->setChecked(on);
}

void ResendDialog::setTimeoutSeconds(int seconds)
{
    ui->timeoutSpin->setValue(seconds);
}

QString ResendDialog::errorText() const
{
    return ui->errorLabel->isVisible() ? ui->errorLabel->text() : QString();
}

} // namespace Hookscope
