#include "requestinspector.h"

#include "asyncresult.h"
#include "bodyviewer.h"
#include "bodykind.h"
#include "contentdecoder.h"
#include "formbody.h"
#include "httprequestparser.h"
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
#include <QCoreApplication>

namespace Hookscope {

using namespace Qt::StringLiterals;

namespace {

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Hookscope::RequestInspector)
};

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
        return Tr::tr("valid");
    switch (v.verdict) {
    case Verify::Verdict::Invalid:
        return v.evidence.received.isEmpty() ? Tr::tr("does not match (the header cannot be read)") : Tr::tr("does not match");
    case Verify::Verdict::NoSecret:
        return Tr::tr("not checked: no secret set");
    case Verify::Verdict::Unsigned:
        return Tr::tr("none");
    case Verify::Verdict::Error:
        return Tr::tr("not checked");
    case Verify::Verdict::Valid:
        break;
    }
    return Tr::tr("valid");
}

QString freshnessState(const Verify::Verification &v)
{
    QString state;
    switch (v.freshness) {
    case Verify::Freshness::NotApplicable:
        return v.verdict == Verify::Verdict::Unsigned ? Tr::tr("not applicable")
                                                      : Tr::tr("not applicable (the scheme signs no timestamp)");
    case Verify::Freshness::Fresh: state = Tr::tr("fresh"); break;
    case Verify::Freshness::TooOld: state = Tr::tr("too old"); break;
    case Verify::Freshness::TooNew: state = Tr::tr("too new"); break;
    case Verify::Freshness::Unknown: state = Tr::tr("unknown: the signed timestamp is missing or unreadable"); break;
    }
    QStringList details;
    const Verify::Evidence &e = v.evidence;
    if (e.timestamp)
        details << Tr::tr("timestamp %1 (%2)").arg(*e.timestamp).arg(formatRfc3339Us(*e.timestamp * 1000000));
    if (e.skewSeconds) {
        // Judged at arrival: skewSeconds is the arrival time minus the signed timestamp.
        details << (*e.skewSeconds >= 0 ? Tr::tr("signed %1 s before it arrived").arg(*e.skewSeconds)
                                        : Tr::tr("dated %1 s after it arrived").arg(-*e.skewSeconds));
    }
    details << (e.toleranceSeconds > 0 ? Tr::tr("tolerance %1 s").arg(e.toleranceSeconds) : Tr::tr("no age limit"));
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
                 ? Tr::tr("%1 bytes, the first %2 shown").arg(content.size()).arg(shown.size())
                 : Tr::tr("%1 bytes").arg(content.size()))
                .toHtmlEscaped();
    return html + u"</i>"_s;
}

} // namespace

RequestInspector::RequestInspector(QWidget *parent)
    : QWidget(parent), ui(std::make_unique<Ui::RequestInspector>()), m_headers(new HeadersModel(this)),
      m_responseHeaders(new HeadersModel(this))
{
    ui->setupUi(this);
    m_body = new BodyViewer(ui->bodyTab);
    ui->bodyLayout->addWidget(m_body);
    connect(m_body, &BodyViewer::shown, this, &RequestInspector::bodyShown);
    m_response = new BodyViewer(ui->responseBodyTab);
    m_response->setSaveText(Tr::tr("Save…"), Tr::tr("Save the response body to a file (decoded when it was sent compressed)"));
    ui->responseBodyLayout->addWidget(m_response);
    connect(m_response, &BodyViewer::shown, this, &RequestInspector::attemptShown);
    ui->headersView->setModel(m_headers);
    ui->headersView->verticalHeader()->hide();
    ui->headersView->horizontalHeader()->setStretchLastSection(true);
    ui->headersView->setColumnWidth(HeadersModel::NameColumn, 200);
    const QFont fixed = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    ui->rawText->setFont(fixed);

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
    ui->attemptsTable->setHorizontalHeaderLabels({Tr::tr("Time"), Tr::tr("Kind"), Tr::tr("URL"), Tr::tr("Result"), Tr::tr("Total")});
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
    ui->sentText->setFont(fixed);
    connect(ui->attemptsTable, &QTableWidget::currentCellChanged, this, [this](int row) { showAttempt(row); });
    connect(ui->sentHexCheck, &QCheckBox::toggled, this, &RequestInspector::showSent);
    // Two attempts selected (Ctrl+click) can be compared: "diff later".
    ui->attemptsTable->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_compareBar = new QWidget(ui->resendsTab);
    auto *compareLayout = new QHBoxLayout(m_compareBar);
    compareLayout->setContentsMargins(0, 0, 0, 0);
    auto *compareHint = new QLabel(Tr::tr("Compare what an attempt sent with the request as captured, or two "
                                          "attempts' responses (Ctrl+click selects two)."),
                                   m_compareBar);
    compareHint->setWordWrap(true); // the hint must not widen the inspector and squeeze the request list
    compareLayout->addWidget(compareHint, 1);
    m_compareRequestButton = new QPushButton(Tr::tr("Compare with request"), m_compareBar);
    m_compareRequestButton->setToolTip(
        Tr::tr("Show how the request the selected attempt sent differs from the request as it was captured"));
    compareLayout->addWidget(m_compareRequestButton);
    m_compareButton = new QPushButton(Tr::tr("Compare responses"), m_compareBar);
    m_compareButton->setToolTip(Tr::tr("Show how the responses of the two selected attempts differ"));
    compareLayout->addWidget(m_compareButton);
    ui->resendsLayout->insertWidget(ui->resendsLayout->indexOf(ui->attemptsSplitter), m_compareBar);
    connect(ui->attemptsTable, &QTableWidget::itemSelectionChanged, this, &RequestInspector::updateCompareButton);
    connect(m_compareButton, &QPushButton::clicked, this, &RequestInspector::compareSelectedAttempts);
    connect(m_compareRequestButton, &QPushButton::clicked, this, &RequestInspector::compareWithRequest);
    clear();
}

RequestInspector::~RequestInspector() = default;

void RequestInspector::clear()
{
    m_request = CapturedRequest();
    m_headers->clear();
    ui->overviewText->setHtml(u"<p>"_s + Tr::tr("Select a request to see it here.").toHtmlEscaped() + u"</p>"_s);
    m_body->clear();
    ui->rawText->clear();
    ++m_signatureGeneration;
    m_verification.reset();
    ui->signatureIcon->clear();
    ui->signatureProvider->clear();
    ui->signatureVerdict->clear();
    ui->signatureReason->clear();
    ui->signatureDetails->clear();
    ui->editSecretButton->setText(Tr::tr("Set secret…"));
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
    m_body->setBody(request.body, request.headerValue("content-type"), request.headerValue("content-encoding"));
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
    ui->signatureVerdict->setText(Tr::tr("Checking the signature…").toHtmlEscaped());
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
                                          : v.provider.isEmpty() ? Tr::tr("No known signature") : v.provider);
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
    ui->editSecretButton->setText(configured ? Tr::tr("Change secret…") : Tr::tr("Set secret…"));
    ui->editSecretButton->setToolTip(v.provider.isEmpty()
                                         ? Tr::tr("Set up a Generic HMAC secret for requests to this path")
                                         : Tr::tr("The %1 secret for requests to this path")
                                               .arg(scheme ? scheme->displayName() : v.provider));
    ui->editSecretButton->setEnabled(true);

    QString html = u"<p><b>"_s + Tr::tr("Signature:").toHtmlEscaped() + u"</b> "_s + signatureState(v).toHtmlEscaped() +
                   u"<br><b>"_s + Tr::tr("Freshness:").toHtmlEscaped() + u"</b> "_s + freshnessState(v).toHtmlEscaped() +
                   u"</p>"_s;

    const Verify::Evidence &e = v.evidence;
    QString evidence;
    auto evidenceRow = [&evidence](const QString &label, const QString &valueHtml) {
        evidence += u"<tr><td valign='top'><b>"_s + label.toHtmlEscaped() + u"</b></td><td>"_s + valueHtml +
                    u"</td></tr>"_s;
    };
    if (!e.header.isEmpty())
        evidenceRow(Tr::tr("Header:"), codeHtml(e.header));
    if (!e.received.isEmpty()) {
        QStringList lines;
        for (qsizetype i = 0; i < e.received.size(); ++i) {
            QString line = codeHtml(e.received.at(i));
            if (i == e.matchedSignature)
                line += u" <span style='color:%1'>✔ "_s.arg(verdictColor(Verify::Verdict::Valid, colors).name()) +
                        Tr::tr("matches").toHtmlEscaped() + u"</span>"_s;
            lines.append(line);
        }
        evidenceRow(e.received.size() > 1 ? Tr::tr("Received (%1):").arg(e.received.size()) : Tr::tr("Received:"),
                    lines.join(u"<br>"_s));
    }
    if (!e.expected.isEmpty())
        evidenceRow(Tr::tr("Expected:"), codeHtml(e.expected));
    if (!e.url.isEmpty())
        evidenceRow(Tr::tr("URL:"), codeHtml(e.url));
    if (!e.signedContent.isEmpty())
        evidenceRow(Tr::tr("Signed content:"), signedContentHtml(e.signedContent));
    if (!evidence.isEmpty())
        html += u"<h4>"_s + Tr::tr("Evidence").toHtmlEscaped() + u"</h4><table cellspacing='4'>"_s + evidence +
                u"</table>"_s;
    if (!v.diagnostics.isEmpty()) {
        html += u"<h4>"_s + Tr::tr("Diagnostics").toHtmlEscaped() + u"</h4><ul>"_s;
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
    row(Tr::tr("Request"), escapeHtml(r.method + ' ' + r.target + ' ' + r.httpVersion));
    const QByteArray host = r.headerValue("host");
    if (!host.isEmpty())
        row(Tr::tr("URL"), escapeHtml("http://" + host + r.target));
    const QDateTime received = QDateTime::fromMSecsSinceEpoch(r.receivedUs / 1000);
    row(Tr::tr("Received"), QLocale().toString(received, QLocale::LongFormat).toHtmlEscaped() + u" ("_s +
                             formatRfc3339Us(r.receivedUs) + u")"_s);
    row(Tr::tr("Receive time"), Tr::tr("%1 ms").arg(QLocale().toString(double(r.receiveDurationUs) / 1000.0, 'f', 3)));
    row(Tr::tr("From"), r.remoteText().toHtmlEscaped());
    row(Tr::tr("To"), r.localText().toHtmlEscaped());
    row(Tr::tr("Connection"), Tr::tr("#%1, request %2 on it").arg(r.connectionId).arg(r.connectionIndex + 1));
    row(Tr::tr("Body"), QLocale().formattedDataSize(r.body.size(), 1, QLocale::DataSizeTraditionalFormat).toHtmlEscaped());
    row(Tr::tr("Received bytes"), QLocale().toString(r.raw.size()));
    row(Tr::tr("Status sent"), QString::number(r.statusSent));
    if (r.isRejected())
        row(Tr::tr("Rejected"), u"<span style='color:#b00020'>"_s + r.rejectedReason.toHtmlEscaped() + u"</span>"_s);
    html += u"</table>"_s;

    const qsizetype question = r.target.indexOf('?');
    if (question >= 0) {
        QByteArray query = r.target.mid(question + 1);
        const qsizetype hash = query.indexOf('#');
        if (hash >= 0)
            query.truncate(hash);
        html += u"<h4>"_s + Tr::tr("Query parameters").toHtmlEscaped() + u"</h4><table cellspacing='4'>"_s;
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

void RequestInspector::showRaw()
{
    if (!hasRequest())
        return;
    // The exact bytes received; text with escapes for non-printable bytes, or a hex dump. Only the first MiB: a text
    // box laying out a 50 MB line froze the window for seconds (docs/performance.md); the Body tab's Save has all.
    constexpr qsizetype Shown = 1024 * 1024;
    const QByteArrayView shown = QByteArrayView(m_request.raw).first(qMin(m_request.raw.size(), Shown));
    QString text = ui->rawHexCheck->isChecked() ? QString::fromLatin1(TextFormat::hexDump(shown, Shown))
                                                : QString::fromUtf8(TextFormat::escapedText(shown));
    if (shown.size() < m_request.raw.size())
        text += u'\n' + Tr::tr("[%1 of %2 bytes shown; the body can be saved from the Body tab]")
                             .arg(shown.size())
                             .arg(m_request.raw.size());
    ui->rawText->setPlainText(text);
}

QString RequestInspector::overviewText() const
{
    return ui->overviewText->toPlainText();
}

QString RequestInspector::bodyText() const
{
    return m_body->text();
}

QString RequestInspector::bodyStatus() const
{
    return m_body->status();
}

void RequestInspector::setBodyView(BodyView view)
{
    m_body->setView(view);
}

JsonTreeModel *RequestInspector::jsonModel() const
{
    return m_body->jsonModel();
}

RequestInspector::BodyView RequestInspector::effectiveBodyView() const
{
    return m_body->effectiveView();
}

QString RequestInspector::rawText() const
{
    return ui->rawText->toPlainText();
}

namespace {

QString milliseconds(qint64 us)
{
    return us < 0 ? u"\u2013"_s : Tr::tr("%1 ms").arg(QLocale().toString(double(us) / 1000.0, 'f', 1));
}

QString attemptResult(const StoredAttempt &attempt)
{
    if (attempt.status > 0)
        return QString::number(attempt.status) + u' ' + QString::fromUtf8(attempt.reason);
    return Tr::tr("not delivered: %1").arg(attempt.error);
}

// A message as text for a diff: start line, headers in order, a blank line, the body formatted as the body views
// show it (JSON indented), so that a changed member is one changed line. Runs off the GUI thread.
QStringList messageLines(const QByteArray &startLine, const HeaderList &headers, const QByteArray &body)
{
    QStringList lines{QString::fromUtf8(TextFormat::escapedText(startLine))};
    for (const HeaderField &field : headers)
        lines.append(QString::fromUtf8(TextFormat::escapedText(QByteArray(field.first + ": " + field.second))));
    lines.append(QString());
    if (!body.isEmpty()) {
        QString text = bodyAsText(body, headerValue(headers, "content-type"), headerValue(headers, "content-encoding"));
        if (text.endsWith(u'\n'))
            text.chop(1);
        lines += text.split(u'\n');
    }
    return lines;
}

// An attempt's response for a diff: URL and total time, then the response as messageLines gives it.
QStringList attemptLines(const StoredAttempt &a)
{
    QStringList lines{Tr::tr("URL: %1").arg(a.url), Tr::tr("Total: %1").arg(milliseconds(a.totalUs))};
    if (a.status <= 0) {
        lines.append(Tr::tr("Not delivered: %1").arg(a.error));
        return lines;
    }
    const QByteArray statusLine = (a.httpVersion.isEmpty() ? QByteArray("HTTP/1.1") : a.httpVersion) + ' ' +
                                  QByteArray::number(a.status) + ' ' + a.reason;
    return lines + messageLines(statusLine, a.responseHeaders, a.responseBody);
}

// The request an attempt sent, read back with the capture's own parser; bytes it cannot read are compared as text.
QStringList sentLines(const QByteArray &bytes)
{
    HttpRequestParser parser;
    qsizetype offset = 0;
    while (offset <= bytes.size()) {
        const HttpRequestParser::Step step = parser.feed(bytes.constData() + offset, bytes.size() - offset);
        offset += step.consumed;
        if (step.event == HttpRequestParser::Event::HeadersComplete) {
            parser.resume();
            continue;
        }
        if (step.event == HttpRequestParser::Event::MessageComplete) {
            const CapturedRequest sent = parser.takeRequest();
            return messageLines(sent.method + ' ' + sent.target + ' ' + sent.httpVersion, sent.headers, sent.body);
        }
        break; // NeedMoreData at the end, or an error
    }
    QString text = QString::fromUtf8(TextFormat::escapedText(bytes));
    if (text.endsWith(u'\n'))
        text.chop(1);
    return text.split(u'\n');
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
    ui->attemptsTable->setRowCount(int(attempts.size()));
    const QPalette colors = palette();
    for (int row = 0; row < attempts.size(); ++row) {
        const StoredAttempt &a = attempts.at(row);
        const QDateTime started = QDateTime::fromMSecsSinceEpoch(a.startedUs / 1000);
        const QStringList cells{QLocale().toString(started.time(), u"HH:mm:ss.zzz"_s),
                                a.rule.isEmpty() ? Tr::tr("resend") : Tr::tr("forwarding"), a.url, attemptResult(a),
                                milliseconds(a.totalUs)};
        for (int column = 0; column < cells.size(); ++column) {
            auto *item = new QTableWidgetItem(cells.at(column));
            if (column == 0)
                item->setToolTip(formatRfc3339Us(a.startedUs));
            if (column == 1 && !a.rule.isEmpty())
                item->setToolTip(Tr::tr("Forwarding rule %1").arg(a.rule));
            if (column == 3) {
                item->setForeground(verdictColor(a.delivered() ? Verify::Verdict::Valid : Verify::Verdict::Invalid,
                                                 colors));
                item->setToolTip(a.error);
            }
            ui->attemptsTable->setItem(row, column, item);
        }
    }
    ui->tabs->setTabText(ui->tabs->indexOf(ui->resendsTab),
                         attempts.isEmpty() ? Tr::tr("Rese&nds") : Tr::tr("Rese&nds (%1)").arg(attempts.size()));
    ui->attemptsHint->setText(attempts.isEmpty()
                                  ? Tr::tr("Not sent anywhere yet. Resend (Ctrl+R) sends it again, Resend… "
                                       "(Ctrl+Shift+R) lets you edit it first; forwarding rules deliver requests "
                                       "as they come.")
                                  : QString());
    ui->attemptsHint->setVisible(attempts.isEmpty());
    m_compareBar->setVisible(!attempts.isEmpty());
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
    if (row < 0 || row >= m_attempts.size()) {
        ui->attemptStatus->clear();
        ui->attemptTiming->clear();
        m_response->clear();
        m_responseHeaders->clear();
        ui->sentText->clear();
        return;
    }
    const StoredAttempt &a = m_attempts.at(row);
    const QPalette colors = palette();
    QString status = u"<b>"_s + Tr::tr("%1 to %2").arg(a.rule.isEmpty() ? Tr::tr("Resent") : Tr::tr("Forwarded"),
                                                    a.url.toHtmlEscaped()) +
                     u"</b><br>"_s;
    if (a.status > 0) {
        status += u"<span style='color:%1'><b>%2</b></span>"_s.arg(
            verdictColor(a.delivered() ? Verify::Verdict::Valid : Verify::Verdict::Invalid, colors).name(),
            escapeHtml(a.httpVersion + ' ' + QByteArray::number(a.status) + ' ' + a.reason));
    } else {
        status += u"<span style='color:%1'><b>%2</b></span>"_s.arg(
            verdictColor(Verify::Verdict::Invalid, colors).name(), Tr::tr("Not delivered: %1").arg(a.error).toHtmlEscaped());
    }
    ui->attemptStatus->setText(status);
    ui->attemptTiming->setText(Tr::tr("Started %1 \u2022 connect %2 \u2022 TLS %3 \u2022 first byte %4 \u2022 total %5")
                                   .arg(QLocale().toString(QDateTime::fromMSecsSinceEpoch(a.startedUs / 1000),
                                                           QLocale::ShortFormat),
                                        milliseconds(a.connectUs), milliseconds(a.tlsUs), milliseconds(a.firstByteUs),
                                        milliseconds(a.totalUs)));
    m_responseHeaders->setHeaders(a.responseHeaders);
    showSent();
    if (a.status <= 0) {
        m_response->clear();
        emit attemptShown();
        return;
    }
    m_response->setBody(a.responseBody, headerValue(a.responseHeaders, "content-type"),
                        headerValue(a.responseHeaders, "content-encoding")); // attemptShown follows when it is on screen
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
    const qsizetype selected = selectedAttemptRows().size();
    m_compareButton->setEnabled(selected == 2);
    m_compareRequestButton->setEnabled(selected == 1);
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

QAbstractButton *RequestInspector::compareRequestButton() const
{
    return m_compareRequestButton;
}

void RequestInspector::compareSelectedAttempts()
{
    const QList<int> rows = selectedAttemptRows();
    if (rows.size() != 2)
        return;
    // Older first: what changed from the first attempt to the second.
    const StoredAttempt older = m_attempts.at(rows.first());
    const StoredAttempt newer = m_attempts.at(rows.last());
    const QString title =
        Tr::tr("Request #%1: attempt %2 (%3, lines with -) against attempt %4 (%5, lines with +)")
            .arg(m_request.id)
            .arg(rows.first() + 1)
            .arg(formatRfc3339Us(older.startedUs))
            .arg(rows.last() + 1)
            .arg(formatRfc3339Us(newer.startedUs));
    compare(title, [older, newer] { return std::pair(attemptLines(older), attemptLines(newer)); });
}

void RequestInspector::compareWithRequest()
{
    const QList<int> rows = selectedAttemptRows();
    if (rows.size() != 1)
        return;
    const StoredAttempt attempt = m_attempts.at(rows.first());
    const CapturedRequest &r = m_request;
    const QString title = Tr::tr("Request #%1 as captured (lines with -) against what attempt %2 sent to %3 (lines with +)")
                              .arg(r.id)
                              .arg(rows.first() + 1)
                              .arg(attempt.url);
    compare(title, [startLine = QByteArray(r.method + ' ' + r.target + ' ' + r.httpVersion), headers = r.headers,
                    body = r.body, sent = attempt.requestBytes] {
        return std::pair(messageLines(startLine, headers, body), sentLines(sent));
    });
}

void RequestInspector::compare(const QString &title, std::function<std::pair<QStringList, QStringList>()> sides)
{
    const quint64 generation = ++m_compareGeneration;
    m_compareButton->setEnabled(false);
    m_compareRequestButton->setEnabled(false);
    runAsync(
        this,
        [sides = std::move(sides)] {
            Comparison comparison;
            auto [a, b] = sides();
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
            showComparison(title, comparison.lines, comparison.cut);
        });
}

void RequestInspector::showComparison(const QString &title, const QList<DiffLine> &lines, bool cut)
{
    if (!m_compareDialog) {
        // A window of its own (not a child of the inspector, which is disabled while no request is shown).
        auto *dialog = new QDialog(window());
        dialog->setWindowTitle(Tr::tr("Compare"));
        auto *layout = new QVBoxLayout(dialog);
        m_compareTitle = new QLabel(dialog);
        m_compareTitle->setWordWrap(true);
        m_compareTitle->setTextInteractionFlags(Qt::TextSelectableByMouse);
        layout->addWidget(m_compareTitle);
        m_compareText = new QPlainTextEdit(dialog);
        m_compareText->setReadOnly(true);
        m_compareText->setLineWrapMode(QPlainTextEdit::NoWrap);
        m_compareText->setFont(ui->sentText->font());
        m_compareText->setAccessibleName(Tr::tr("Differences"));
        layout->addWidget(m_compareText, 1);
        auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, dialog);
        connect(buttons, &QDialogButtonBox::rejected, dialog, &QDialog::close);
        layout->addWidget(buttons);
        dialog->resize(820, 600);
        m_compareDialog = dialog;
    }
    QString heading = title;
    if (cut)
        heading += u'\n' + Tr::tr("Only the first %1 lines of each side are compared.").arg(maxDiffLines);
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
    for (const DiffLine &line : lines) {
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
}

QString RequestInspector::comparisonText() const
{
    return m_compareDialog ? m_compareText->toPlainText() : QString();
}

QString RequestInspector::attemptDetailText() const
{
    return QTextDocumentFragment::fromHtml(ui->attemptStatus->text()).toPlainText() + u'\n' +
           ui->attemptTiming->text() + u'\n' + QString::fromUtf8(m_responseHeaders->allAsText()) + u'\n' +
           m_response->status() + u'\n' + m_response->text() + u'\n' +
           ui->sentText->toPlainText();
}

} // namespace Hookscope
