#include "requestinspector.h"

#include "asyncresult.h"
#include "bodykind.h"
#include "contentdecoder.h"
#include "formbody.h"
#include "multipartbody.h"
#include "headersmodel.h"
#include "jsondocumentindex.h"
#include "jsontreemodel.h"
#include "textdiff.h"
#include "textformat.h"
#include "timeformat.h"
#include "ui_requestinspector.h"
#include "verdictstyle.h"

#include <QAbstractButton>
#include <QAction>
#include <QClipboard>
#include <QDateTime>
#include <QDialog>
#include <QDialogButtonBox>
#include <QGuiApplication>
#include <QFontDatabase>
#include <QHeaderView>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTextCharFormat>
#include <QTextCursor>
#include <QTextDocumentFragment>
#include <QVBoxLayout>

#include <algorithm>

namespace Hookscope {

using namespace Qt::StringLiterals;

namespace {

struct FormattedBody {
    std::shared_ptr<const JsonDocumentIndex> json; // for the tree view
    QString text;
    RequestInspector::BodyView view = RequestInspector::BodyView::Text;
    QString status;
    qsizetype errorOffset = -1; // in the shown text, for invalid JSON
};

QString tr(const char *text)
{
    return QCoreApplication::translate("Hookscope::RequestInspector", text);
}

void appendFormNode(QByteArray &out, const FormNode &node, int depth)
{
    for (const FormNode &child : node.children) {
        out.append(qsizetype(depth) * 2, ' ');
        out += TextFormat::escapedText(child.key);
        if (child.isLeaf()) {
            out += " = " + TextFormat::escapedText(child.value) + '\n';
        } else {
            out += '\n';
            appendFormNode(out, child, depth + 1);
        }
    }
}

QByteArray formatMultipart(const MultipartBody &multipart)
{
    QByteArray out;
    int index = 0;
    for (const MultipartPart &part : multipart.parts) {
        out += "--- " + QByteArray::number(++index) + ": name=\"" + TextFormat::escapedText(part.name) + '"';
        if (part.hasFileName)
            out += " filename=\"" + part.fileName.toUtf8() + '"';
        out += ", " + QByteArray::number(part.body.size()) + " bytes";
        if (part.truncated)
            out += " (cut: the body ended inside this part)";
        out += '\n';
        for (const HeaderField &field : part.headers)
            out += "    " + TextFormat::escapedText(field.first) + ": " + TextFormat::escapedText(field.second) + '\n';
        const QByteArrayView preview = QByteArrayView(part.body).first(qMin<qsizetype>(part.body.size(), 4096));
        const bool binary = preview.contains('\0');
        out += '\n';
        out += binary ? TextFormat::hexDump(preview, 512) : TextFormat::escapedText(preview) + '\n';
        if (preview.size() < part.body.size())
            out += "...\n";
        out += '\n';
    }
    return out;
}

// Runs on a pool thread: decoding and re-indenting a 50 MB body does not block the window.
// Tree: JSON may open as a tree (the Body tab); Text: as indented text (the Resends tab has no tree view).
enum class JsonPresentation { Tree, Text };

FormattedBody formatBody(const QByteArray &received, const QByteArray &contentType, const QByteArray &encoding,
                         RequestInspector::BodyView wanted, JsonPresentation json = JsonPresentation::Tree)
{
    using View = RequestInspector::BodyView;
    FormattedBody result;
    QByteArray body = received;
    QString decodedNote;
    if (!encoding.trimmed().isEmpty() && encoding.trimmed().toLower() != "identity") {
        const Result<QByteArray> decoded = decodeContent(received, encoding);
        if (decoded) {
            body = decoded.value();
            decodedNote = tr(", decoded from %1 (%2 bytes as received)")
                              .arg(QString::fromLatin1(encoding.trimmed()))
                              .arg(received.size());
        } else {
            decodedNote = tr(" (cannot decode %1: %2)").arg(QString::fromLatin1(encoding.trimmed()), decoded.errorMessage());
        }
    }
    const BodyKind kind = detectBodyKind(contentType, body);
    View view = wanted;
    if (view == View::Auto) {
        switch (kind) {
        case BodyKind::Json: view = View::JsonTree; break;
        case BodyKind::Form: view = View::Form; break;
        case BodyKind::Multipart: view = View::Multipart; break;
        case BodyKind::Image:
        case BodyKind::Binary: view = View::Hex; break;
        default: view = View::Text; break;
        }
    }
    if (view == View::JsonTree && json == JsonPresentation::Text)
        view = View::PrettyJson;
    result.view = view;
    const QString size = QLocale().formattedDataSize(body.size(), 1, QLocale::DataSizeTraditionalFormat);
    if (view == View::JsonTree) {
        // Indexed here, off the GUI thread; the model then only reads the index.
        result.json = JsonDocumentIndex::build(body);
        if (result.json->isValid()) {
            result.status = tr("JSON, %1").arg(size) + decodedNote;
            return result;
        }
        view = View::PrettyJson; // invalid: shown as text with the error marked
        result.view = view;
    }
    switch (view) {
    case View::PrettyJson: {
        const JsonCheck check = checkJson(body);
        if (check.valid) {
            result.text = QString::fromUtf8(TextFormat::indentJson(body));
            result.status = tr("JSON, %1").arg(size);
        } else {
            // Invalid JSON is shown as sent, with the error position marked.
            const QByteArray before = TextFormat::escapedText(QByteArrayView(body).first(qMin(check.errorOffset, body.size())));
            result.text = QString::fromUtf8(TextFormat::escapedText(body));
            result.errorOffset = QString::fromUtf8(before).size();
            result.status = tr("invalid JSON at byte %1: %2").arg(check.errorOffset).arg(check.message);
        }
        break;
    }
    case View::Form: {
        QByteArray out;
        appendFormNode(out, buildFormTree(parseFormUrlEncoded(body)), 0);
        result.text = QString::fromUtf8(out);
        result.status = tr("form fields, %1").arg(size);
        break;
    }
    case View::Multipart: {
        const Result<MultipartBody> multipart = parseMultipart(contentType, body);
        if (multipart) {
            result.text = QString::fromUtf8(formatMultipart(multipart.value()));
            result.status = tr("parts: %1, %2").arg(multipart.value().parts.size()).arg(size);
            if (!multipart.value().complete)
                result.status += u" \u2013 "_s + multipart.value().problem;
        } else {
            result.text = QString::fromUtf8(TextFormat::escapedText(body));
            result.status = multipart.errorMessage();
        }
        break;
    }
    case View::Hex:
        result.text = QString::fromLatin1(TextFormat::hexDump(body));
        result.status = tr("binary, %1").arg(size);
        break;
    case View::Text:
    case View::Auto:
    case View::JsonTree:
        result.text = QString::fromUtf8(TextFormat::escapedText(body));
        result.status = body.isEmpty() ? tr("no body") : tr("text, %1").arg(size);
        break;
    }
    result.status += decodedNote;
    return result;
}

QString escapeHtml(const QByteArray &bytes)
{
    return QString::fromUtf8(TextFormat::escapedText(bytes)).toHtmlEscaped();
}

QString codeHtml(const QString &text)
{
    return u"<code>"_s + text.toHtmlEscaped() + u"</code>"_s;
}

QString signatureState(const Verify::Verification &v)
{
    if (v.signatureValid)
        return tr("valid");
    switch (v.verdict) {
    case Verify::Verdict::Invalid:
        return v.evidence.received.isEmpty() ? tr("does not match (the header cannot be read)") : tr("does not match");
    case Verify::Verdict::NoSecret:
        return tr("not checked: no secret set");
    case Verify::Verdict::Unsigned:
        return tr("none");
    case Verify::Verdict::Error:
        return tr("not checked");
    case Verify::Verdict::Valid:
        break;
    }
    return tr("valid");
}

QString freshnessState(const Verify::Verification &v)
{
    QString state;
    switch (v.freshness) {
    case Verify::Freshness::NotApplicable:
        return v.verdict == Verify::Verdict::Unsigned ? tr("not applicable")
                                                      : tr("not applicable (the scheme signs no timestamp)");
    case Verify::Freshness::Fresh: state = tr("fresh"); break;
    case Verify::Freshness::TooOld: state = tr("too old"); break;
    case Verify::Freshness::TooNew: state = tr("too new"); break;
    case Verify::Freshness::Unknown: state = tr("unknown: the signed timestamp is missing or unreadable"); break;
    }
    QStringList details;
    const Verify::Evidence &e = v.evidence;
    if (e.timestamp)
        details << tr("timestamp %1 (%2)").arg(*e.timestamp).arg(formatRfc3339Us(*e.timestamp * 1000000));
    if (e.skewSeconds) {
        // Judged at arrival: skewSeconds is the arrival time minus the signed timestamp.
        details << (*e.skewSeconds >= 0 ? tr("signed %1 s before it arrived").arg(*e.skewSeconds)
                                        : tr("dated %1 s after it arrived").arg(-*e.skewSeconds));
    }
    details << (e.toleranceSeconds > 0 ? tr("tolerance %1 s").arg(e.toleranceSeconds) : tr("no age limit"));
    return state + u" \u2013 "_s + details.join(u", "_s);
}

// The bytes the signature covers, escaped as the Raw tab shows bytes, cut after the first few kilobytes.
QString signedContentHtml(const QByteArray &content)
{
    constexpr qsizetype Shown = 2048;
    const QByteArrayView shown = QByteArrayView(content).first(qMin(content.size(), Shown));
    QString html = u"<span style='font-family:monospace; white-space:pre-wrap'>"_s + escapeHtml(shown.toByteArray());
    if (shown.size() < content.size())
        html += u"…"_s;
    html += u"</span><br><i>"_s;
    html += (shown.size() < content.size()
                 ? tr("%1 bytes, the first %2 shown").arg(content.size()).arg(shown.size())
                 : tr("%1 bytes").arg(content.size()))
                .toHtmlEscaped();
    return html + u"</i>"_s;
}

} // namespace

RequestInspector::RequestInspector(QWidget *parent)
    : QWidget(parent), ui(std::make_unique<Ui::RequestInspector>()), m_headers(new HeadersModel(this)),
      m_json(new JsonTreeModel(this)), m_responseHeaders(new HeadersModel(this))
{
    ui->setupUi(this);
    ui->jsonTree->setModel(m_json);
    ui->jsonTree->setColumnWidth(JsonTreeModel::KeyColumn, 220);
    ui->jsonTree->setColumnWidth(JsonTreeModel::ValueColumn, 260);
    connect(ui->expandAllButton, &QPushButton::clicked, ui->jsonTree, &QTreeView::expandAll);
    connect(ui->collapseAllButton, &QPushButton::clicked, ui->jsonTree, &QTreeView::collapseAll);
    auto *copyValue = new QAction(tr("Copy value"), this);
    copyValue->setShortcut(QKeySequence::Copy);
    copyValue->setShortcutContext(Qt::WidgetShortcut);
    connect(copyValue, &QAction::triggered, this, [this] {
        const QModelIndex current = ui->jsonTree->currentIndex();
        if (current.isValid())
            QGuiApplication::clipboard()->setText(QString::fromUtf8(m_json->valueText(current)));
    });
    auto *copyPath = new QAction(tr("Copy path"), this);
    copyPath->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C));
    copyPath->setShortcutContext(Qt::WidgetShortcut);
    connect(copyPath, &QAction::triggered, this, [this] {
        const QModelIndex current = ui->jsonTree->currentIndex();
        if (current.isValid())
            QGuiApplication::clipboard()->setText(m_json->path(current));
    });
    ui->jsonTree->addAction(copyValue);
    ui->jsonTree->addAction(copyPath);
    connect(ui->treeSearch, &QLineEdit::returnPressed, this, [this] {
        // Enter finds the next match after the current one, expanding the tree down to it.
        const QModelIndexList found = m_json->find(ui->treeSearch->text(), 10000);
        if (found.isEmpty()) {
            ui->bodyStatus->setText(tr("not found: %1").arg(ui->treeSearch->text()));
            return;
        }
        const QModelIndex current = ui->jsonTree->currentIndex().siblingAtColumn(0);
        qsizetype next = 0;
        for (qsizetype i = 0; i < found.size(); ++i) {
            if (found.at(i) == current) {
                next = (i + 1) % found.size();
                break;
            }
        }
        const QModelIndex target = found.at(next);
        ui->jsonTree->setCurrentIndex(target);
        ui->jsonTree->scrollTo(target);
        ui->bodyStatus->setText(tr("match %1 of %2").arg(next + 1).arg(found.size()));
    });
    ui->headersView->setModel(m_headers);
    ui->headersView->verticalHeader()->hide();
    ui->headersView->horizontalHeader()->setStretchLastSection(true);
    ui->headersView->setColumnWidth(HeadersModel::NameColumn, 200);
    const QFont fixed = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    ui->bodyText->setFont(fixed);
    ui->rawText->setFont(fixed);

    ui->bodyViewCombo->addItem(tr("Automatic"), QVariant::fromValue(BodyView::Auto));
    ui->bodyViewCombo->addItem(tr("JSON tree"), QVariant::fromValue(BodyView::JsonTree));
    ui->bodyViewCombo->addItem(tr("Pretty JSON"), QVariant::fromValue(BodyView::PrettyJson));
    ui->bodyViewCombo->addItem(tr("Form fields"), QVariant::fromValue(BodyView::Form));
    ui->bodyViewCombo->addItem(tr("Multipart"), QVariant::fromValue(BodyView::Multipart));
    ui->bodyViewCombo->addItem(tr("Text"), QVariant::fromValue(BodyView::Text));
    ui->bodyViewCombo->addItem(tr("Hex"), QVariant::fromValue(BodyView::Hex));
    connect(ui->bodyViewCombo, &QComboBox::currentIndexChanged, this, &RequestInspector::showBody);
    connect(ui->rawHexCheck, &QCheckBox::toggled, this, &RequestInspector::showRaw);
    connect(ui->copyHeaderButton, &QPushButton::clicked, this, [this] {
        const QModelIndex current = ui->headersView->currentIndex();
        if (current.isValid())
            QGuiApplication::clipboard()->setText(QString::fromUtf8(m_headers->lineAt(current.row())));
    });
    connect(ui->copyAllHeadersButton, &QPushButton::clicked, this,
            [this] { QGuiApplication::clipboard()->setText(QString::fromUtf8(m_headers->allAsText())); });
    QFont providerFont = ui->signatureProvider->font();
    providerFont.setBold(true);
    providerFont.setPointSizeF(providerFont.pointSizeF() * 1.2);
    ui->signatureProvider->setFont(providerFont);
    ui->signatureIcon->setFixedSize(32, 32);
    // Long hex and base64 signatures have no spaces: let them wrap anywhere rather than widen the pane.
    ui->signatureDetails->setWordWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
    connect(ui->editSecretButton, &QPushButton::clicked, this, [this] {
        if (m_verification)
            emit editSecretRequested(m_verification->provider, QString::fromUtf8(m_request.path()));
    });

    // The Resends tab.
    ui->attemptsTable->setColumnCount(5);
    ui->attemptsTable->setHorizontalHeaderLabels({tr("Time"), tr("Kind"), tr("URL"), tr("Result"), tr("Total")});
    ui->attemptsTable->verticalHeader()->hide();
    ui->attemptsTable->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 6);
    // The URL takes the room left; the other columns are short.
    ui->attemptsTable->horizontalHeader()->setSectionResizeMode(2, QHeaderView::Stretch);
    ui->attemptsTable->setColumnWidth(0, 95);
    ui->attemptsTable->setColumnWidth(1, 85);
    ui->attemptsTable->setColumnWidth(3, 120);
    ui->attemptsTable->setColumnWidth(4, 75);
    ui->attemptsSplitter->setStretchFactor(0, 1);
    ui->attemptsSplitter->setStretchFactor(1, 3);
    ui->responseHeadersView->setModel(m_responseHeaders);
    ui->responseHeadersView->verticalHeader()->hide();
    ui->responseHeadersView->horizontalHeader()->setStretchLastSection(true);
    ui->responseHeadersView->setColumnWidth(HeadersModel::NameColumn, 200);
    ui->responseBodyText->setFont(fixed);
    ui->sentText->setFont(fixed);
    connect(ui->attemptsTable, &QTableWidget::currentCellChanged, this, [this](int row) { showAttempt(row); });
    connect(ui->sentHexCheck, &QCheckBox::toggled, this, &RequestInspector::showSent);
    // Two attempts selected (Ctrl+click) can be compared: "diff later".
    ui->attemptsTable->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_compareBar = new QWidget(ui->resendsTab);
    auto *compareLayout = new QHBoxLayout(m_compareBar);
    compareLayout->setContentsMargins(0, 0, 0, 0);
    compareLayout->addWidget(new QLabel(tr("Select two attempts (Ctrl+click) to compare their responses."),
                                        m_compareBar),
                             1);
    m_compareButton = new QPushButton(tr("Compare"), m_compareBar);
    m_compareButton->setToolTip(tr("Show how the responses of the two selected attempts differ"));
    compareLayout->addWidget(m_compareButton);
    ui->resendsLayout->insertWidget(ui->resendsLayout->indexOf(ui->attemptsSplitter), m_compareBar);
    connect(ui->attemptsTable, &QTableWidget::itemSelectionChanged, this, &RequestInspector::updateCompareButton);
    connect(m_compareButton, &QPushButton::clicked, this, &RequestInspector::compareSelectedAttempts);
    clear();
}

RequestInspector::~RequestInspector() = default;

void RequestInspector::clear()
{
    ++m_generation;
    m_request = CapturedRequest();
    m_headers->clear();
    ui->overviewText->setHtml(u"<p>"_s + tr("Select a request to see it here.").toHtmlEscaped() + u"</p>"_s);
    ui->bodyText->clear();
    m_json->clear();
    ui->rawText->clear();
    ui->bodyStatus->clear();
    ++m_signatureGeneration;
    m_verification.reset();
    ui->signatureIcon->clear();
    ui->signatureProvider->clear();
    ui->signatureVerdict->clear();
    ui->signatureReason->clear();
    ui->signatureDetails->clear();
    ui->editSecretButton->setText(tr("Set secret…"));
    ui->editSecretButton->setEnabled(false);
    ++m_compareGeneration;
    setAttempts(0, {});
    setEnabled(false);
}

void RequestInspector::setRequest(const CapturedRequest &request)
{
    const bool another = request.id != m_request.id;
    m_request = request;
    if (another) {
        ++m_compareGeneration;       // a comparison still running is for the request shown before
        setAttempts(request.id, {}); // the window reads this request's attempts next
    }
    setEnabled(true);
    m_headers->setHeaders(request.headers, request.trailers);
    showOverview();
    verifySignature();
    showBody();
    showRaw();
}

void RequestInspector::setSecrets(const Verify::SecretList &secrets)
{
    m_secrets = secrets;
    if (hasRequest())
        verifySignature();
}

void RequestInspector::verifySignature()
{
    const quint64 generation = ++m_signatureGeneration;
    m_verification.reset();
    ui->signatureIcon->clear();
    ui->signatureVerdict->setText(tr("Checking the signature…").toHtmlEscaped());
    ui->editSecretButton->setEnabled(false);
    // Off the GUI thread: public-key schemes and large bodies take a while.
    runAsync(
        this, [request = m_request, secrets = m_secrets] { return Verify::verifyWithSecrets(request, secrets); },
        [this, generation](const Verify::Verification &verification) {
            if (generation != m_signatureGeneration)
                return; // another request, or other secrets, meanwhile
            showSignature(verification);
            emit signatureShown();
        });
}

bool RequestInspector::hasSecretFor(const QString &provider) const
{
    const QByteArray path = m_request.path();
    for (const Verify::SecretEntry &entry : m_secrets) {
        if (entry.provider.compare(provider, Qt::CaseInsensitive) == 0 &&
            (entry.pathPrefix.isEmpty() || path.startsWith(entry.pathPrefix.toUtf8())))
            return true;
    }
    return false;
}

void RequestInspector::showSignature(const Verify::Verification &v)
{
    m_verification = v;
    const Verify::Scheme *scheme = v.provider.isEmpty() ? nullptr : Verify::findScheme(v.provider);
    ui->signatureProvider->setText(scheme ? scheme->displayName()
                                          : v.provider.isEmpty() ? tr("No known signature") : v.provider);
    const QPalette colors = palette();
    ui->signatureIcon->setPixmap(verdictIcon(v.verdict, colors).pixmap(QSize(32, 32), devicePixelRatioF()));
    ui->signatureIcon->setToolTip(verdictTitle(v.verdict));
    const QString title = verdictTitle(v.verdict);
    QString verdictHtml = u"<span style='color:%1'><b>%2</b></span>"_s.arg(verdictColor(v.verdict, colors).name(),
                                                                         title.toHtmlEscaped());
    // The CLI's name of the verdict too, when it reads differently: it is what filters and exports say.
    if (title.compare(Verify::verdictName(v.verdict), Qt::CaseInsensitive) != 0)
        verdictHtml += u" <span style='color:%1'>(%2)</span>"_s.arg(colors.color(QPalette::PlaceholderText).name(),
                                                                    Verify::verdictName(v.verdict));
    ui->signatureVerdict->setText(verdictHtml);
    ui->signatureReason->setText(v.reason);

    // A request without a known signature may still be signed the generic way.
    const QString provider = v.provider.isEmpty() ? u"generic-hmac"_s : v.provider;
    const bool configured = hasSecretFor(provider);
    ui->editSecretButton->setText(configured ? tr("Change secret…") : tr("Set secret…"));
    ui->editSecretButton->setToolTip(v.provider.isEmpty()
                                         ? tr("Set up a Generic HMAC secret for requests to this path")
                                         : tr("The %1 secret for requests to this path")
                                               .arg(scheme ? scheme->displayName() : v.provider));
    ui->editSecretButton->setEnabled(true);

    QString html = u"<p><b>"_s + tr("Signature:").toHtmlEscaped() + u"</b> "_s + signatureState(v).toHtmlEscaped() +
                   u"<br><b>"_s + tr("Freshness:").toHtmlEscaped() + u"</b> "_s + freshnessState(v).toHtmlEscaped() +
                   u"</p>"_s;

    const Verify::Evidence &e = v.evidence;
    QString evidence;
    auto evidenceRow = [&evidence](const QString &label, const QString &valueHtml) {
        evidence += u"<tr><td valign='top'><b>"_s + label.toHtmlEscaped() + u"</b></td><td>"_s + valueHtml +
                    u"</td></tr>"_s;
    };
    if (!e.header.isEmpty())
        evidenceRow(tr("Header:"), codeHtml(e.header));
    if (!e.received.isEmpty()) {
        QStringList lines;
        for (qsizetype i = 0; i < e.received.size(); ++i) {
            QString line = codeHtml(e.received.at(i));
            if (i == e.matchedSignature)
                line += u" <span style='color:%1'>✔ "_s.arg(verdictColor(Verify::Verdict::Valid, colors).name()) +
                        tr("matches").toHtmlEscaped() + u"</span>"_s;
            lines.append(line);
        }
        evidenceRow(e.received.size() > 1 ? tr("Received (%1):").arg(e.received.size()) : tr("Received:"),
                    lines.join(u"<br>"_s));
    }
    if (!e.expected.isEmpty())
        evidenceRow(tr("Expected:"), codeHtml(e.expected));
    if (!e.url.isEmpty())
        evidenceRow(tr("URL:"), codeHtml(e.url));
    if (!e.signedContent.isEmpty())
        evidenceRow(tr("Signed content:"), signedContentHtml(e.signedContent));
    if (!evidence.isEmpty())
        html += u"<h4>"_s + tr("Evidence").toHtmlEscaped() + u"</h4><table cellspacing='4'>"_s + evidence +
                u"</table>"_s;
    if (!v.diagnostics.isEmpty()) {
        html += u"<h4>"_s + tr("Diagnostics").toHtmlEscaped() + u"</h4><ul>"_s;
        for (const QString &diagnostic : v.diagnostics)
            html += u"<li>"_s + diagnostic.toHtmlEscaped() + u"</li>"_s;
        html += u"</ul>"_s;
    }
    ui->signatureDetails->setHtml(html);
}

void RequestInspector::changeEvent(QEvent *event)
{
    // The verdict's colours and icon follow a theme switch.
    if (event->type() == QEvent::PaletteChange && m_verification)
        showSignature(*m_verification);
    QWidget::changeEvent(event);
}

std::optional<Verify::Verdict> RequestInspector::signatureVerdict() const
{
    if (!m_verification)
        return std::nullopt;
    return m_verification->verdict;
}

QString RequestInspector::signatureText() const
{
    const QString verdict = QTextDocumentFragment::fromHtml(ui->signatureVerdict->text()).toPlainText();
    return ui->signatureProvider->text() + u'\n' + verdict + u'\n' + ui->signatureReason->text() + u'\n' +
           ui->signatureDetails->toPlainText();
}

QAbstractButton *RequestInspector::editSecretButton() const
{
    return ui->editSecretButton;
}

void RequestInspector::showOverview()
{
    const CapturedRequest &r = m_request;
    QString html = u"<table cellspacing='4'>"_s;
    auto row = [&html](const QString &label, const QString &valueHtml) {
        html += u"<tr><td><b>"_s + label.toHtmlEscaped() + u"</b></td><td>"_s + valueHtml + u"</td></tr>"_s;
    };
    row(tr("Request"), escapeHtml(r.method + ' ' + r.target + ' ' + r.httpVersion));
    const QByteArray host = r.headerValue("host");
    if (!host.isEmpty())
        row(tr("URL"), escapeHtml("http://" + host + r.target));
    const QDateTime received = QDateTime::fromMSecsSinceEpoch(r.receivedUs / 1000);
    row(tr("Received"), QLocale().toString(received, QLocale::LongFormat).toHtmlEscaped() + u" ("_s +
                             formatRfc3339Us(r.receivedUs) + u")"_s);
    row(tr("Receive time"), tr("%1 ms").arg(QLocale().toString(double(r.receiveDurationUs) / 1000.0, 'f', 3)));
    row(tr("From"), r.remoteText().toHtmlEscaped());
    row(tr("To"), r.localText().toHtmlEscaped());
    row(tr("Connection"), tr("#%1, request %2 on it").arg(r.connectionId).arg(r.connectionIndex + 1));
    row(tr("Body"), QLocale().formattedDataSize(r.body.size(), 1, QLocale::DataSizeTraditionalFormat).toHtmlEscaped());
    row(tr("Received bytes"), QLocale().toString(r.raw.size()));
    row(tr("Status sent"), QString::number(r.statusSent));
    if (r.isRejected())
        row(tr("Rejected"), u"<span style='color:#b00020'>"_s + r.rejectedReason.toHtmlEscaped() + u"</span>"_s);
    html += u"</table>"_s;

    const qsizetype question = r.target.indexOf('?');
    if (question >= 0) {
        QByteArray query = r.target.mid(question + 1);
        const qsizetype hash = query.indexOf('#');
        if (hash >= 0)
            query.truncate(hash);
        html += u"<h4>"_s + tr("Query parameters").toHtmlEscaped() + u"</h4><table cellspacing='4'>"_s;
        for (const QByteArray &pair : query.split('&')) {
            if (pair.isEmpty())
                continue;
            const qsizetype equals = pair.indexOf('=');
            const QByteArray name = decodeFormComponent(equals < 0 ? pair : pair.left(equals));
            const QByteArray value = equals < 0 ? QByteArray() : decodeFormComponent(pair.mid(equals + 1));
            html += u"<tr><td><code>"_s + escapeHtml(name) + u"</code></td><td><code>"_s + escapeHtml(value) +
                    u"</code></td></tr>"_s;
        }
        html += u"</table>"_s;
    }
    ui->overviewText->setHtml(html);
}

void RequestInspector::showBody()
{
    if (!hasRequest())
        return;
    const quint64 generation = ++m_generation;
    const auto wanted = ui->bodyViewCombo->currentData().value<BodyView>();
    ui->bodyStatus->setText(tr("formatting…"));
    runAsync(
        this,
        [body = m_request.body, contentType = m_request.headerValue("content-type"),
         encoding = m_request.headerValue("content-encoding"), wanted] {
            return formatBody(body, contentType, encoding, wanted);
        },
        [this, generation](const FormattedBody &formatted) {
            if (generation != m_generation)
                return; // another request or view was chosen meanwhile
            m_shownView = formatted.view;
            if (formatted.view == BodyView::JsonTree) {
                m_json->setDocument(formatted.json);
                ui->jsonTree->expandToDepth(2);
                ui->bodyStack->setCurrentWidget(ui->treePage);
            } else {
                m_json->clear();
                ui->bodyStack->setCurrentWidget(ui->bodyText);
            }
            ui->bodyText->setPlainText(formatted.text);
            ui->bodyStatus->setText(formatted.status);
            if (formatted.errorOffset >= 0) {
                // Select the character where the JSON goes wrong.
                QTextCursor cursor = ui->bodyText->textCursor();
                cursor.setPosition(int(qMin<qsizetype>(formatted.errorOffset, formatted.text.size())));
                cursor.movePosition(QTextCursor::NextCharacter, QTextCursor::KeepAnchor);
                ui->bodyText->setTextCursor(cursor);
            }
            emit bodyShown();
        });
}

void RequestInspector::showRaw()
{
    if (!hasRequest())
        return;
    // The exact bytes received; text with escapes for non-printable bytes, or a hex dump.
    ui->rawText->setPlainText(ui->rawHexCheck->isChecked() ? QString::fromLatin1(TextFormat::hexDump(m_request.raw))
                                                           : QString::fromUtf8(TextFormat::escapedText(m_request.raw)));
}

QString RequestInspector::overviewText() const
{
    return ui->overviewText->toPlainText();
}

QString RequestInspector::bodyText() const
{
    return ui->bodyText->toPlainText();
}

QString RequestInspector::bodyStatus() const
{
    return ui->bodyStatus->text();
}

void RequestInspector::setBodyView(BodyView view)
{
    ui->bodyViewCombo->setCurrentIndex(ui->bodyViewCombo->findData(QVariant::fromValue(view)));
}

QString RequestInspector::rawText() const
{
    return ui->rawText->toPlainText();
}

namespace {

QString milliseconds(qint64 us)
{
    return us < 0 ? u"\u2013"_s : tr("%1 ms").arg(QLocale().toString(double(us) / 1000.0, 'f', 1));
}

QString attemptResult(const StoredAttempt &attempt)
{
    if (attempt.status > 0)
        return QString::number(attempt.status) + u' ' + QString::fromUtf8(attempt.reason);
    return tr("not delivered: %1").arg(attempt.error);
}

// An attempt's response as text for a diff: URL and total time, status line, headers in order, a blank line, the
// body formatted as the Response body tab shows it (JSON indented). Runs off the GUI thread.
QStringList attemptLines(const StoredAttempt &a)
{
    QStringList lines{tr("URL: %1").arg(a.url), tr("Total: %1").arg(milliseconds(a.totalUs))};
    if (a.status <= 0) {
        lines.append(tr("Not delivered: %1").arg(a.error));
        return lines;
    }
    QByteArray statusLine = a.httpVersion.isEmpty() ? QByteArray("HTTP/1.1") : a.httpVersion;
    statusLine += ' ' + QByteArray::number(a.status) + ' ' + a.reason;
    lines.append(QString::fromUtf8(TextFormat::escapedText(statusLine)));
    QByteArray contentType;
    QByteArray encoding;
    for (const HeaderField &field : a.responseHeaders) {
        const QByteArray line = field.first + ": " + field.second;
        lines.append(QString::fromUtf8(TextFormat::escapedText(line)));
        if (contentType.isEmpty() && field.first.compare("content-type", Qt::CaseInsensitive) == 0)
            contentType = field.second;
        if (encoding.isEmpty() && field.first.compare("content-encoding", Qt::CaseInsensitive) == 0)
            encoding = field.second;
    }
    lines.append(QString());
    if (!a.responseBody.isEmpty()) {
        QString body = formatBody(a.responseBody, contentType, encoding, RequestInspector::BodyView::Auto,
                                  JsonPresentation::Text)
                           .text;
        if (body.endsWith(u'\n'))
            body.chop(1);
        lines += body.split(u'\n');
    }
    return lines;
}

struct Comparison {
    QList<DiffLine> lines;
    bool cut = false; // a side had more than maxDiffLines lines
};

} // namespace

void RequestInspector::setAttempts(qint64 requestId, const QList<StoredAttempt> &attempts)
{
    if (requestId != m_request.id)
        return; // read for a request that is no longer shown
    m_attempts = attempts;
    ++m_attemptGeneration;
    ui->attemptsTable->setRowCount(int(attempts.size()));
    const QPalette colors = palette();
    for (int row = 0; row < attempts.size(); ++row) {
        const StoredAttempt &a = attempts.at(row);
        const QDateTime started = QDateTime::fromMSecsSinceEpoch(a.startedUs / 1000);
        const QStringList cells{QLocale().toString(started.time(), u"HH:mm:ss.zzz"_s),
                                a.rule.isEmpty() ? tr("resend") : tr("forwarding"), a.url, attemptResult(a),
                                milliseconds(a.totalUs)};
        for (int column = 0; column < cells.size(); ++column) {
            auto *item = new QTableWidgetItem(cells.at(column));
            if (column == 0)
                item->setToolTip(formatRfc3339Us(a.startedUs));
            if (column == 1 && !a.rule.isEmpty())
                item->setToolTip(tr("Forwarding rule %1").arg(a.rule));
            if (column == 3) {
                item->setForeground(verdictColor(a.delivered() ? Verify::Verdict::Valid : Verify::Verdict::Invalid,
                                                 colors));
                item->setToolTip(a.error);
            }
            ui->attemptsTable->setItem(row, column, item);
        }
    }
    ui->tabs->setTabText(ui->tabs->indexOf(ui->resendsTab),
                         attempts.isEmpty() ? tr("Rese&nds") : tr("Rese&nds (%1)").arg(attempts.size()));
    ui->attemptsHint->setText(attempts.isEmpty()
                                  ? tr("Not sent anywhere yet. Resend (Ctrl+R) sends it again, Resend… "
                                       "(Ctrl+Shift+R) lets you edit it first; forwarding rules deliver requests "
                                       "as they come.")
                                  : QString());
    ui->attemptsHint->setVisible(attempts.isEmpty());
    m_compareBar->setVisible(attempts.size() >= 2);
    ui->attemptsSplitter->setVisible(!attempts.isEmpty());
    if (attempts.isEmpty()) {
        showAttempt(-1);
    } else {
        // The newest attempt, which is usually the one the user just made.
        const int newest = int(attempts.size()) - 1;
        if (ui->attemptsTable->currentRow() == newest)
            showAttempt(newest);
        else
            ui->attemptsTable->setCurrentCell(newest, 0);
        ui->attemptsTable->scrollToBottom();
    }
    updateCompareButton();
    emit attemptsShown();
}

QString RequestInspector::attemptRowText(int row) const
{
    if (row < 0 || row >= ui->attemptsTable->rowCount())
        return {};
    QStringList cells;
    for (int column = 0; column < ui->attemptsTable->columnCount(); ++column) {
        const QTableWidgetItem *item = ui->attemptsTable->item(row, column);
        cells.append(item ? item->text() : QString());
    }
    return cells.join(u'\t');
}

void RequestInspector::selectAttempt(int row)
{
    ui->attemptsTable->setCurrentCell(row, 0);
}

void RequestInspector::showResends()
{
    ui->tabs->setCurrentWidget(ui->resendsTab);
}

bool RequestInspector::isShowingResends() const
{
    return ui->tabs->currentWidget() == ui->resendsTab;
}

void RequestInspector::showAttempt(int row)
{
    const quint64 generation = ++m_attemptGeneration;
    if (row < 0 || row >= m_attempts.size()) {
        ui->attemptStatus->clear();
        ui->attemptTiming->clear();
        ui->responseBodyStatus->clear();
        ui->responseBodyText->clear();
        m_responseHeaders->clear();
        ui->sentText->clear();
        return;
    }
    const StoredAttempt &a = m_attempts.at(row);
    const QPalette colors = palette();
    QString status = u"<b>"_s + tr("%1 to %2").arg(a.rule.isEmpty() ? tr("Resent") : tr("Forwarded"),
                                                    a.url.toHtmlEscaped()) +
                     u"</b><br>"_s;
    if (a.status > 0) {
        status += u"<span style='color:%1'><b>%2</b></span>"_s.arg(
            verdictColor(a.delivered() ? Verify::Verdict::Valid : Verify::Verdict::Invalid, colors).name(),
            escapeHtml(a.httpVersion + ' ' + QByteArray::number(a.status) + ' ' + a.reason));
    } else {
        status += u"<span style='color:%1'><b>%2</b></span>"_s.arg(
            verdictColor(Verify::Verdict::Invalid, colors).name(), tr("Not delivered: %1").arg(a.error).toHtmlEscaped());
    }
    ui->attemptStatus->setText(status);
    ui->attemptTiming->setText(tr("Started %1 \u2022 connect %2 \u2022 TLS %3 \u2022 first byte %4 \u2022 total %5")
                                   .arg(QLocale().toString(QDateTime::fromMSecsSinceEpoch(a.startedUs / 1000),
                                                           QLocale::ShortFormat),
                                        milliseconds(a.connectUs), milliseconds(a.tlsUs), milliseconds(a.firstByteUs),
                                        milliseconds(a.totalUs)));
    m_responseHeaders->setHeaders(a.responseHeaders);
    showSent();
    if (a.status <= 0) {
        ui->responseBodyStatus->setText(tr("no response"));
        ui->responseBodyText->clear();
        emit attemptShown();
        return;
    }
    ui->responseBodyStatus->setText(tr("formatting…"));
    QByteArray contentType;
    QByteArray encoding;
    for (const HeaderField &field : a.responseHeaders) {
        if (contentType.isEmpty() && field.first.compare("content-type", Qt::CaseInsensitive) == 0)
            contentType = field.second;
        if (encoding.isEmpty() && field.first.compare("content-encoding", Qt::CaseInsensitive) == 0)
            encoding = field.second;
    }
    runAsync(
        this,
        [body = a.responseBody, contentType, encoding] {
            return formatBody(body, contentType, encoding, BodyView::Auto, JsonPresentation::Text);
        },
        [this, generation](const FormattedBody &formatted) {
            if (generation != m_attemptGeneration)
                return; // another attempt or request is shown now
            ui->responseBodyText->setPlainText(formatted.text);
            ui->responseBodyStatus->setText(formatted.status);
            emit attemptShown();
        });
}

void RequestInspector::showSent()
{
    const int row = ui->attemptsTable->currentRow();
    if (row < 0 || row >= m_attempts.size()) {
        ui->sentText->clear();
        return;
    }
    // The exact bytes that went out, as the Raw tab shows the bytes that came in.
    const QByteArray &sent = m_attempts.at(row).requestBytes;
    ui->sentText->setPlainText(ui->sentHexCheck->isChecked() ? QString::fromLatin1(TextFormat::hexDump(sent))
                                                             : QString::fromUtf8(TextFormat::escapedText(sent)));
}

QList<int> RequestInspector::selectedAttemptRows() const
{
    QList<int> rows;
    const QModelIndexList selected = ui->attemptsTable->selectionModel()->selectedRows();
    for (const QModelIndex &index : selected) {
        if (index.row() < m_attempts.size())
            rows.append(index.row());
    }
    std::sort(rows.begin(), rows.end());
    return rows;
}

void RequestInspector::updateCompareButton()
{
    m_compareButton->setEnabled(selectedAttemptRows().size() == 2);
}

void RequestInspector::selectAttempts(const QList<int> &rows)
{
    ui->attemptsTable->clearSelection();
    for (int i = 0; i < rows.size(); ++i) {
        if (i == 0) {
            ui->attemptsTable->setCurrentCell(rows.at(i), 0,
                                              QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
        } else {
            ui->attemptsTable->selectionModel()->select(ui->attemptsTable->model()->index(rows.at(i), 0),
                                                        QItemSelectionModel::Select | QItemSelectionModel::Rows);
        }
    }
}

QAbstractButton *RequestInspector::compareButton() const
{
    return m_compareButton;
}

void RequestInspector::compareSelectedAttempts()
{
    const QList<int> rows = selectedAttemptRows();
    if (rows.size() != 2)
        return;
    // Older first: what changed from the first attempt to the second.
    const StoredAttempt older = m_attempts.at(rows.first());
    const StoredAttempt newer = m_attempts.at(rows.last());
    const quint64 generation = ++m_compareGeneration;
    const QString title =
        tr("Request #%1: attempt %2 (%3, lines with -) against attempt %4 (%5, lines with +)")
            .arg(m_request.id)
            .arg(rows.first() + 1)
            .arg(formatRfc3339Us(older.startedUs))
            .arg(rows.last() + 1)
            .arg(formatRfc3339Us(newer.startedUs));
    m_compareButton->setEnabled(false);
    runAsync(
        this,
        [older, newer] {
            Comparison comparison;
            QStringList a = attemptLines(older);
            QStringList b = attemptLines(newer);
            comparison.cut = a.size() > maxDiffLines || b.size() > maxDiffLines;
            if (a.size() > maxDiffLines)
                a.resize(maxDiffLines);
            if (b.size() > maxDiffLines)
                b.resize(maxDiffLines);
            comparison.lines = diffLines(a, b);
            return comparison;
        },
        [this, generation, title](const Comparison &comparison) {
            updateCompareButton();
            if (generation != m_compareGeneration)
                return; // another comparison or request since
            if (!m_compareDialog) {
                // A window of its own (not a child of the inspector, which is disabled while no request is shown).
                auto *dialog = new QDialog(window());
                dialog->setWindowTitle(tr("Compare Attempts"));
                auto *layout = new QVBoxLayout(dialog);
                m_compareTitle = new QLabel(dialog);
                m_compareTitle->setWordWrap(true);
                m_compareTitle->setTextInteractionFlags(Qt::TextSelectableByMouse);
                layout->addWidget(m_compareTitle);
                m_compareText = new QPlainTextEdit(dialog);
                m_compareText->setReadOnly(true);
                m_compareText->setLineWrapMode(QPlainTextEdit::NoWrap);
                m_compareText->setFont(ui->responseBodyText->font());
                m_compareText->setAccessibleName(tr("Differences"));
                layout->addWidget(m_compareText, 1);
                auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, dialog);
                connect(buttons, &QDialogButtonBox::rejected, dialog, &QDialog::close);
                layout->addWidget(buttons);
                dialog->resize(820, 600);
                m_compareDialog = dialog;
            }
            QString heading = title;
            if (comparison.cut)
                heading += u'\n' + tr("Only the first %1 lines of each response are compared.").arg(maxDiffLines);
            m_compareTitle->setText(heading);
            // Removed and added lines in the colours of an invalid and a valid verdict, readable on light and dark
            // palettes; unchanged lines as plain text.
            const QPalette colors = m_compareText->palette();
            QTextCharFormat plain;
            QTextCharFormat removed;
            removed.setForeground(verdictColor(Verify::Verdict::Invalid, colors));
            QTextCharFormat added;
            added.setForeground(verdictColor(Verify::Verdict::Valid, colors));
            m_compareText->clear();
            QTextCursor cursor(m_compareText->document());
            cursor.beginEditBlock();
            bool first = true;
            for (const DiffLine &line : comparison.lines) {
                if (!first)
                    cursor.insertBlock();
                first = false;
                switch (line.kind) {
                case DiffLine::Same: cursor.insertText(u"  "_s + line.text, plain); break;
                case DiffLine::Removed: cursor.insertText(u"- "_s + line.text, removed); break;
                case DiffLine::Added: cursor.insertText(u"+ "_s + line.text, added); break;
                }
            }
            cursor.endEditBlock();
            m_compareText->moveCursor(QTextCursor::Start);
            m_compareDialog->show();
            m_compareDialog->raise();
            m_compareDialog->activateWindow();
            emit comparisonShown();
        });
}

QString RequestInspector::comparisonText() const
{
    return m_compareDialog ? m_compareText->toPlainText() : QString();
}

QString RequestInspector::attemptDetailText() const
{
    return QTextDocumentFragment::fromHtml(ui->attemptStatus->text()).toPlainText() + u'\n' +
           ui->attemptTiming->text() + u'\n' + QString::fromUtf8(m_responseHeaders->allAsText()) + u'\n' +
           ui->responseBodyStatus->text() + u'\n' + ui->responseBodyText->toPlainText() + u'\n' +
           ui->sentText->toPlainText();
}

} // namespace Hookscope
