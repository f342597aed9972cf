#pragma once

#include "outgoing.h"

#include <QMetaType>
#include <QObject>
#include <QUrl>

#include <memory>
#include <optional>
#include <unordered_map>

QT_BEGIN_NAMESPACE
class QTimerEvent;
QT_END_NAMESPACE

namespace Hookscope::Resend {

struct SendOptions {
    int timeoutMs = 30000; // the whole attempt: connect, TLS, every redirect, the last response byte; <= 0: none
    bool acceptSelfSigned = false;
    // 301/302/303/307/308 with a Location, as curl --location does: 303 turns anything but GET/HEAD into a GET
    // without body; 301 and 302 turn POST (only) into a GET without body; 307 and 308 keep method and body.
    // Authorization, Cookie and Proxy-Authorization are dropped when the redirect leaves the origin (curl without
    // --location-trusted).
    bool followRedirects = false;
    int maxRedirects = 5;
    qint64 maxResponseBody = 64 * 1024 * 1024;
};

// Microseconds from the start of the attempt (the first hop's start when redirects were followed) to the moment the
// TCP connection was up, the TLS handshake done, the first response byte read, the attempt over (response complete or
// failed). -1: the attempt did not get there. For a followed redirect chain, connect/tls/firstByte are the last hop's.
struct Timing {
    qint64 connectUs = -1;
    qint64 tlsUs = -1;
    qint64 firstByteUs = -1;
    qint64 totalUs = -1;
};

struct Response {
    int status = 0;
    QByteArray reason;
    QByteArray httpVersion; // "HTTP/1.1"
    HeaderList headers;     // arrival order and casing, duplicates kept
    HeaderList trailers;    // chunked trailers, arrival order
    QByteArray body;        // chunked framing removed, content encodings untouched
};

// A 3xx response that was followed, with the request that got it.
struct Redirect {
    QUrl url;
    OutgoingRequest request;
    Response response;
    Timing timing;
};

struct Attempt {
    QUrl url;                // where the (last) request went
    OutgoingRequest request; // the (last) request as sent
    qint64 startedUs = 0;    // microseconds since the Unix epoch
    std::optional<Response> response;
    Timing timing;
    QList<Redirect> redirects; // the redirects followed, in order; empty unless SendOptions::followRedirects
    // Empty on success; else a plain message naming the cause and the URL ("connection refused at
    // http://localhost:3000", "host not found: nosuch.invalid", "timed out after 30 s waiting for http://...").
    QString error;
    bool timedOut = false; // the error is the timeout (a proxy answers 504 then, 502 for the other errors)

    bool delivered() const { return response.has_value(); }
};

// Sends requests byte for byte as given, one connection per attempt, and reads the response with libhttp-parser.
// QNetworkAccessManager is not used on purpose: it adds headers of its own and may change their casing and order.
// Lives in one thread; several sends may run at once.
class HttpSender : public QObject
{
    Q_OBJECT
public:
    explicit HttpSender(QObject *parent = nullptr);
    ~HttpSender() override;

    // Starts an attempt; finished(token, attempt) follows exactly once, never before send() returns. http and https
    // only (another scheme finishes at once with an error).
    quint64 send(const QUrl &url, const OutgoingRequest &request, const SendOptions &options = {});
    // Ends an attempt still running: finished() with the error "cancelled". Nothing happens for an unknown token.
    void cancel(quint64 token);
    int pendingCount() const { return int(m_jobs.size()); }

    // For the CLI: runs a local event loop until the attempt is over. Never on the GUI thread.
    static Attempt sendBlocking(const QUrl &url, const OutgoingRequest &request, const SendOptions &options = {});

signals:
    void finished(quint64 token, const Hookscope::Resend::Attempt &attempt);

protected:
    void timerEvent(QTimerEvent *event) override;

private:
    struct Job;
    Job *job(quint64 token) const;
    void startHop(Job &job);
    void onConnected(Job &job);
    void onReadyRead(Job &job);
    void onSocketError(Job &job, int socketError);
    void onEndOfInput(Job &job);
    void onResponseComplete(Job &job);
    void followRedirect(Job &job, const QByteArray &location);
    void closeSocket(Job &job);
    // Ends the attempt; job is gone afterwards.
    void finish(quint64 token, const QString &error);

    std::unordered_map<quint64, std::unique_ptr<Job>> m_jobs;
    quint64 m_nextToken = 1;
};

} // namespace Hookscope::Resend

Q_DECLARE_METATYPE(Hookscope::Resend::Attempt)
