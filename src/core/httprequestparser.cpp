#include "httprequestparser.h"


#include <http_parser.h>

#include <algorithm>
#include <mutex>

namespace Hookscope {

namespace {
HttpRequestParser *owner(http_parser *parser)
{
    return static_cast<HttpRequestParser *>(parser->data);
}
} // namespace

// The C callbacks, as a friend so they can reach the parser's state.
struct HttpParserCallbacks {
    static void commitHeader(HttpRequestParser *self)
    {
        if (self->m_field.isEmpty() && !self->m_inValue)
            return;
        HeaderList &list = self->m_headersComplete ? self->m_current.trailers : self->m_current.headers;
        list.append({self->m_field, self->m_value});
        self->m_field.clear();
        self->m_value.clear();
        self->m_inValue = false;
    }

    static int onMessageBegin(http_parser *parser)
    {
        HttpRequestParser *self = owner(parser);
        self->m_messageStarted = true;
        self->m_headersComplete = false;
        self->m_messageComplete = false;
        return 0;
    }

    static int onUrl(http_parser *parser, const char *at, size_t length)
    {
        owner(parser)->m_current.target.append(at, qsizetype(length));
        return 0;
    }

    // Trailers count against the header limit like the header block does.
    static bool trailerTooLarge(HttpRequestParser *self, size_t length)
    {
        if (!self->m_headersComplete)
            return false;
        self->m_trailerBytes += qint64(length);
        if (self->m_trailerBytes <= self->m_limits.maxHeaderBytes)
            return false;
        self->setError(431, QStringLiteral("trailers larger than the limit of %1 bytes").arg(self->m_limits.maxHeaderBytes));
        return true;
    }

    static int onHeaderField(http_parser *parser, const char *at, size_t length)
    {
        HttpRequestParser *self = owner(parser);
        if (trailerTooLarge(self, length))
            return 1;
        if (self->m_inValue)
            commitHeader(self);
        self->m_field.append(at, qsizetype(length));
        return 0;
    }

    static int onHeaderValue(http_parser *parser, const char *at, size_t length)
    {
        HttpRequestParser *self = owner(parser);
        if (trailerTooLarge(self, length))
            return 1;
        self->m_inValue = true;
        self->m_value.append(at, qsizetype(length));
        return 0;
    }

    static int onHeadersComplete(http_parser *parser)
    {
        HttpRequestParser *self = owner(parser);
        commitHeader(self);
        CapturedRequest &request = self->m_current;
        request.method = http_method_str(http_method(parser->method));
        request.httpVersion = "HTTP/" + QByteArray::number(parser->http_major) + '.' +
                              QByteArray::number(parser->http_minor);
        self->m_headersComplete = true;
        http_parser_pause(parser, 1);
        self->m_pausedEvent = HttpRequestParser::Event::HeadersComplete;
        return 0;
    }

    static int onBody(http_parser *parser, const char *at, size_t length)
    {
        HttpRequestParser *self = owner(parser);
        if (self->m_current.body.size() + qint64(length) > self->m_limits.maxBodyBytes) {
            self->setError(413, QStringLiteral("body larger than the limit of %1 bytes").arg(self->m_limits.maxBodyBytes));
            return 1;
        }
        self->m_current.body.append(at, qsizetype(length));
        return 0;
    }

    static int onMessageComplete(http_parser *parser)
    {
        HttpRequestParser *self = owner(parser);
        commitHeader(self); // trailers
        self->m_messageComplete = true;
        http_parser_pause(parser, 1);
        self->m_pausedEvent = HttpRequestParser::Event::MessageComplete;
        return 0;
    }

    static const http_parser_settings &settings()
    {
        static const http_parser_settings value = [] {
            http_parser_settings s;
            http_parser_settings_init(&s);
            s.on_message_begin = onMessageBegin;
            s.on_url = onUrl;
            s.on_header_field = onHeaderField;
            s.on_header_value = onHeaderValue;
            s.on_headers_complete = onHeadersComplete;
            s.on_body = onBody;
            s.on_message_complete = onMessageComplete;
            return s;
        }();
        return value;
    }
};

HttpRequestParser::HttpRequestParser() : HttpRequestParser(Limits()) {}

HttpRequestParser::HttpRequestParser(Limits limits) : m_limits(limits), m_parser(std::make_unique<http_parser>())
{
    // libhttp-parser's own header limit is process-wide; keep it above ours so that ours, with its clear reason,
    // normally applies first. Trailers and chunk extensions still count against the library's limit.
    static std::once_flag once;
    std::call_once(once, [] { http_parser_set_max_header_size(16 * 1024 * 1024); });
    http_parser_init(m_parser.get(), HTTP_REQUEST);
    m_parser->data = this;
}

HttpRequestParser::~HttpRequestParser() = default;

// The reasons a request is refused go to the sender in the answer's body and are stored with the request (and its
// exports): English whatever language the window speaks, like HTTP's own reason phrases.
void HttpRequestParser::setError(int status, const QString &reason)
{
    if (m_errorStatus != 0)
        return;
    m_errorStatus = status;
    m_errorReason = reason;
}

HttpRequestParser::Step HttpRequestParser::feed(const char *data, qsizetype size)
{
    Step step;
    if (m_errorStatus != 0) {
        step.event = Event::Error;
        return step;
    }
    m_pausedEvent = Event::NeedMoreData;
    const bool headersCompleteBefore = m_headersComplete;
    const bool messageStartedBefore = m_messageStarted;
    const size_t parsed = http_parser_execute(m_parser.get(), &HttpParserCallbacks::settings(), data, size_t(size));
    step.consumed = qsizetype(parsed);
    const http_errno error = HTTP_PARSER_ERRNO(m_parser.get());

    // Line breaks the parser skipped before a request line (after a pipelined request's body) belong to no request.
    qsizetype skipped = 0;
    if (!messageStartedBefore) {
        while (skipped < step.consumed && (data[skipped] == '\r' || data[skipped] == '\n'))
            ++skipped;
    }
    const qsizetype kept = step.consumed - skipped;
    const qint64 room = rawLimit() - m_current.raw.size();
    if (kept > room && m_errorStatus == 0) {
        setError(413, QStringLiteral("request larger than %1 bytes as received (chunk framing included)").arg(rawLimit()));
    }
    if (room > 0)
        m_current.raw.append(data + skipped, std::min<qsizetype>(kept, qsizetype(room)));
    if (!headersCompleteBefore)
        m_headerBytes += kept;

    if (m_errorStatus != 0) {
        step.event = Event::Error;
        return step;
    }
    if (error == HPE_PAUSED) {
        step.event = m_pausedEvent;
        if (step.event == Event::HeadersComplete) {
            // The parser stops on the header block's final LF without consuming it.
            if (m_headerBytes + 1 > m_limits.maxHeaderBytes) {
                setError(431, QStringLiteral("header block larger than the limit of %1 bytes").arg(m_limits.maxHeaderBytes));
                step.event = Event::Error;
            } else if ((m_parser->flags & F_CHUNKED) && (m_parser->flags & F_CONTENTLENGTH)) {
                setError(400, QStringLiteral("both Content-Length and Transfer-Encoding: chunked were sent"));
                step.event = Event::Error;
            } else if (!(m_parser->flags & F_CHUNKED) && m_parser->content_length != ULLONG_MAX &&
                       qint64(m_parser->content_length) > m_limits.maxBodyBytes) {
                setError(413, QStringLiteral("Content-Length %1 is larger than the limit of %2 bytes")
                                  .arg(m_parser->content_length)
                                  .arg(m_limits.maxBodyBytes));
                step.event = Event::Error;
            }
        }
        return step;
    }
    if (error != HPE_OK) {
        if (error == HPE_HEADER_OVERFLOW) {
            setError(431, QStringLiteral("header block larger than the limit of %1 bytes").arg(m_limits.maxHeaderBytes));
        } else {
            setError(400, QStringLiteral("malformed request: %1 (%2)")
                              .arg(QString::fromLatin1(http_errno_description(error)),
                                   QString::fromLatin1(http_errno_name(error))));
        }
        step.event = Event::Error;
        return step;
    }
    if (!m_headersComplete && m_headerBytes > m_limits.maxHeaderBytes) {
        setError(431, QStringLiteral("header block larger than the limit of %1 bytes").arg(m_limits.maxHeaderBytes));
        step.event = Event::Error;
    }
    return step;
}

void HttpRequestParser::resume()
{
    http_parser_pause(m_parser.get(), 0);
}

bool HttpRequestParser::expectsContinue() const
{
    if (!m_headersComplete || m_parser->http_major != 1 || m_parser->http_minor < 1)
        return false;
    const QByteArray expect = m_current.headerValue("expect").trimmed();
    return expect.compare("100-continue", Qt::CaseInsensitive) == 0;
}

bool HttpRequestParser::bodyExpected() const
{
    return (m_parser->flags & F_CHUNKED) ||
           (m_parser->content_length > 0 && m_parser->content_length != ULLONG_MAX);
}

bool HttpRequestParser::shouldKeepAlive() const
{
    return http_should_keep_alive(m_parser.get()) != 0;
}

bool HttpRequestParser::isUpgrade() const
{
    return m_parser->upgrade != 0;
}

void HttpRequestParser::appendUnparsed(QByteArrayView bytes)
{
    const qint64 room = rawLimit() - m_current.raw.size();
    if (room > 0)
        m_current.raw.append(bytes.first(qsizetype(std::min<qint64>(room, bytes.size()))));
}

CapturedRequest HttpRequestParser::takeRequest()
{
    if (m_errorStatus != 0 && !m_headersComplete) {
        // The request line may not have been parsed: show it as the sender wrote it, so the user sees what was sent.
        const qsizetype lineEnd = m_current.raw.indexOf('\n');
        const QList<QByteArray> parts = m_current.raw.left(lineEnd < 0 ? qsizetype(256) : lineEnd).trimmed().split(' ');
        if (m_current.method.isEmpty() && !parts.isEmpty() && parts.at(0).size() <= 32)
            m_current.method = parts.at(0);
        if (m_current.target.isEmpty() && parts.size() >= 2)
            m_current.target = parts.at(1);
        if (m_current.httpVersion.isEmpty() && parts.size() >= 3 && parts.at(2).startsWith("HTTP/"))
            m_current.httpVersion = parts.at(2);
    }
    CapturedRequest request = std::move(m_current);
    reset();
    return request;
}

void HttpRequestParser::reset()
{
    m_current = CapturedRequest();
    m_field.clear();
    m_value.clear();
    m_inValue = false;
    m_messageStarted = false;
    m_headersComplete = false;
    m_messageComplete = false;
    m_headerBytes = 0;
    m_trailerBytes = 0;
}

} // namespace Hookscope
