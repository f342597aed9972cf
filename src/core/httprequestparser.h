#pragma once

#include "capturedrequest.h"

#include <QByteArray>
#include <QString>

#include <memory>

struct http_parser;

namespace Hookscope {

// Incremental HTTP/1.x request parser over libhttp-parser. Feed bytes as they arrive; the parser stops after each
// request's header block and after each complete request so the caller can answer Expect: 100-continue, enforce
// limits and see the exact byte boundaries of pipelined requests.
class HttpRequestParser
{
public:
    struct Limits {
        qint64 maxHeaderBytes = 64 * 1024;
        qint64 maxBodyBytes = 64 * 1024 * 1024;
    };

    enum class Event {
        NeedMoreData,    // everything was consumed, the request is not complete
        HeadersComplete, // the header block ended; call resume() to go on with the body
        MessageComplete, // a request ended; take it with takeRequest(), then resume()
        Error,           // the input is not acceptable: errorStatus() and errorReason() say why
    };

    struct Step {
        qsizetype consumed = 0;
        Event event = Event::NeedMoreData;
    };

    HttpRequestParser();
    explicit HttpRequestParser(Limits limits);
    ~HttpRequestParser();
    HttpRequestParser(const HttpRequestParser &) = delete;
    HttpRequestParser &operator=(const HttpRequestParser &) = delete;

    // Consumes from data until an event or the end. The consumed bytes are appended to the current request's raw
    // bytes (up to the limits).
    Step feed(const char *data, qsizetype size);
    void resume();

    // True from the first byte of a request until takeRequest().
    bool isMessageInProgress() const { return m_messageStarted; }
    bool headersComplete() const { return m_headersComplete; }
    bool expectsContinue() const;
    bool bodyExpected() const;
    bool shouldKeepAlive() const;
    bool isUpgrade() const;
    // The request being parsed: complete after MessageComplete, partial otherwise.
    const CapturedRequest &current() const { return m_current; }
    // Appends bytes the parser did not consume to the current request's raw bytes (for rejected requests).
    void appendUnparsed(QByteArrayView bytes);
    CapturedRequest takeRequest();

    int errorStatus() const { return m_errorStatus; }
    const QString &errorReason() const { return m_errorReason; }

private:
    friend struct HttpParserCallbacks;
    void setError(int status, const QString &reason);
    void reset();
    // Raw bytes kept per request: header block, body, and room for chunk framing and trailers. A request beyond
    // this is refused (413) rather than stored cut.
    qint64 rawLimit() const { return 2 * m_limits.maxHeaderBytes + 2 * m_limits.maxBodyBytes + 64 * 1024; }

    Limits m_limits;
    std::unique_ptr<http_parser> m_parser;
    CapturedRequest m_current;
    QByteArray m_field;
    QByteArray m_value;
    bool m_inValue = false;
    bool m_messageStarted = false;
    bool m_headersComplete = false;
    bool m_messageComplete = false;
    qint64 m_headerBytes = 0;
    qint64 m_trailerBytes = 0;
    Event m_pausedEvent = Event::NeedMoreData;
    int m_errorStatus = 0;
    QString m_errorReason;
};

} // namespace Hookscope
