#include "httpsender.h"

#include "timeformat.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QLoggingCategory>
#include <QNetworkProxy>
#include <QSslSocket>
#include <QTcpSocket>
#include <QTimerEvent>

#include <http_parser.h>

#include <algorithm>
#include <utility>

namespace Hookscope::Resend {

namespace {

Q_LOGGING_CATEGORY(lcResend, "hookscope.resend", QtWarningMsg)

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Hookscope::Resend::HttpSender)
};

QString urlText(const QUrl &url)
{
    return url.toDisplayString(QUrl::RemoveUserInfo | QUrl::RemoveFragment);
}

QString originText(const QUrl &url)
{
    return url.toDisplayString(QUrl::RemoveUserInfo | QUrl::RemovePath | QUrl::RemoveQuery | QUrl::RemoveFragment);
}

bool isHttpScheme(const QUrl &url)
{
    const QString scheme = url.scheme().toLower();
    return scheme == u"http" || scheme == u"https";
}

bool isTls(const QUrl &url)
{
    return url.scheme().compare(u"https", Qt::CaseInsensitive) == 0;
}

// 101 ends HTTP on the connection; every other 1xx is an interim answer before the real one.
bool isInterim(int status)
{
    return status >= 100 && status < 200 && status != 101;
}

bool isFollowedRedirect(int status)
{
    return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
}

// HTTP/1.x response parser over libhttp-parser (HTTP_RESPONSE): interim 1xx answers are skipped, the first final
// response is kept, anything after it is ignored (the connection is closed after one exchange).
class ResponseParser
{
public:
    enum class State { InProgress, Complete, Failed };

    ResponseParser(bool headRequest, qint64 maxBody) : m_headRequest(headRequest), m_maxBody(maxBody) { restart(); }
    ResponseParser(const ResponseParser &) = delete;
    ResponseParser &operator=(const ResponseParser &) = delete;

    State feed(const char *data, qsizetype size)
    {
        if (size > 0)
            m_sawBytes = true;
        while (m_state == State::InProgress && size > 0) {
            const size_t parsed = http_parser_execute(&m_parser, &settings(), data, size_t(size));
            if (m_state != State::InProgress)
                break;
            if (m_messageComplete) {
                if (!isInterim(m_response.status)) {
                    m_state = State::Complete;
                    break;
                }
                // The final response may follow in the same read.
                restart();
            } else if (HTTP_PARSER_ERRNO(&m_parser) != HPE_OK) {
                failMalformed();
                break;
            } else if (parsed == 0) {
                break;
            }
            data += parsed;
            size -= qsizetype(parsed);
        }
        return m_state;
    }

    // The server closed the connection: completes a close-delimited body, anything else unfinished is an error.
    State endOfInput()
    {
        if (m_state != State::InProgress)
            return m_state;
        http_parser_execute(&m_parser, &settings(), nullptr, 0);
        if (m_state != State::InProgress)
            return m_state;
        if (m_messageComplete && !isInterim(m_response.status)) {
            m_state = State::Complete;
        } else {
            m_state = State::Failed;
            m_error = m_sawBytes ? Error::ClosedEarly : Error::ClosedWithoutAnswer;
        }
        return m_state;
    }

    Response takeResponse() { return std::move(m_response); }

    QString errorMessage(const QUrl &url) const
    {
        switch (m_error) {
        case Error::None:
            break;
        case Error::Malformed:
            return Tr::tr("malformed response from %1: %2").arg(urlText(url), m_detail);
        case Error::TooLarge:
            return Tr::tr("the response body from %1 is larger than the limit of %2 bytes")
                .arg(urlText(url))
                .arg(m_maxBody);
        case Error::ClosedEarly:
            return Tr::tr("the connection closed before the response from %1 was complete").arg(urlText(url));
        case Error::ClosedWithoutAnswer:
            return Tr::tr("%1 closed the connection without answering").arg(urlText(url));
        }
        return {};
    }

private:
    enum class Error { None, Malformed, TooLarge, ClosedEarly, ClosedWithoutAnswer };

    static ResponseParser *self(http_parser *parser) { return static_cast<ResponseParser *>(parser->data); }

    void restart()
    {
        http_parser_init(&m_parser, HTTP_RESPONSE);
        m_parser.data = this;
        m_response = Response();
        m_field.clear();
        m_value.clear();
        m_inValue = false;
        m_headersComplete = false;
        m_messageComplete = false;
    }

    void failMalformed()
    {
        const auto error = http_errno(HTTP_PARSER_ERRNO(&m_parser));
        m_state = State::Failed;
        m_error = Error::Malformed;
        m_detail = QString::fromLatin1(http_errno_description(error)) + u" (" +
                   QString::fromLatin1(http_errno_name(error)) + u')';
    }

    void failTooLarge()
    {
        m_state = State::Failed;
        m_error = Error::TooLarge;
    }

    void commitHeader()
    {
        if (m_field.isEmpty() && !m_inValue)
            return;
        (m_headersComplete ? m_response.trailers : m_response.headers).append({m_field, m_value});
        m_field.clear();
        m_value.clear();
        m_inValue = false;
    }

    static int onStatus(http_parser *parser, const char *at, size_t length)
    {
        self(parser)->m_response.reason.append(at, qsizetype(length));
        return 0;
    }

    static int onHeaderField(http_parser *parser, const char *at, size_t length)
    {
        ResponseParser *p = self(parser);
        if (p->m_inValue)
            p->commitHeader();
        p->m_field.append(at, qsizetype(length));
        return 0;
    }

    static int onHeaderValue(http_parser *parser, const char *at, size_t length)
    {
        ResponseParser *p = self(parser);
        p->m_inValue = true;
        p->m_value.append(at, qsizetype(length));
        return 0;
    }

    static int onHeadersComplete(http_parser *parser)
    {
        ResponseParser *p = self(parser);
        p->commitHeader();
        p->m_headersComplete = true;
        Response &response = p->m_response;
        response.status = int(parser->status_code);
        response.httpVersion =
            "HTTP/" + QByteArray::number(parser->http_major) + '.' + QByteArray::number(parser->http_minor);
        const int status = response.status;
        // No body whatever the headers say (RFC 9110 6.4.1); returning 1 tells the parser so.
        if (p->m_headRequest || (status >= 100 && status < 200) || status == 204 || status == 304)
            return 1;
        if (!(parser->flags & F_CHUNKED) && parser->content_length != ULLONG_MAX &&
            parser->content_length > quint64(p->m_maxBody)) {
            p->failTooLarge();
            return -1;
        }
        return 0;
    }

    static int onBody(http_parser *parser, const char *at, size_t length)
    {
        ResponseParser *p = self(parser);
        if (p->m_response.body.size() + qint64(length) > p->m_maxBody) {
            p->failTooLarge();
            return -1;
        }
        p->m_response.body.append(at, qsizetype(length));
        return 0;
    }

    static int onMessageComplete(http_parser *parser)
    {
        ResponseParser *p = self(parser);
        p->commitHeader(); // the last trailer
        p->m_messageComplete = true;
        // Stop here: the parser's idea of what follows (keep-alive or not) does not matter after one exchange.
        http_parser_pause(parser, 1);
        return 0;
    }

    static const http_parser_settings &settings()
    {
        static const http_parser_settings value = [] {
            http_parser_settings s;
            http_parser_settings_init(&s);
            s.on_status = onStatus;
            s.on_header_field = onHeaderField;
            s.on_header_value = onHeaderValue;
            s.on_headers_complete = onHeadersComplete;
            s.on_body = onBody;
            s.on_message_complete = onMessageComplete;
            return s;
        }();
        return value;
    }

    http_parser m_parser;
    const bool m_headRequest;
    const qint64 m_maxBody;
    Response m_response;
    QByteArray m_field;
    QByteArray m_value;
    bool m_inValue = false;
    bool m_headersComplete = false;
    bool m_messageComplete = false;
    bool m_sawBytes = false;
    State m_state = State::InProgress;
    Error m_error = Error::None;
    QString m_detail;
};

// The request to send after a redirect, as curl --location builds it.
OutgoingRequest redirectedRequest(const OutgoingRequest &previous, int status, const QUrl &from, const QUrl &to)
{
    OutgoingRequest request = previous;
    request.target = requestTarget(to);
    const bool toGet = (status == 303 && previous.method != "GET" && previous.method != "HEAD") ||
                       ((status == 301 || status == 302) && previous.method == "POST");
    if (toGet) {
        request.method = "GET";
        request.body.clear();
        for (const QByteArrayView name :
             {"Content-Length", "Content-Type", "Content-Encoding", "Content-Language", "Content-Location"})
            removeHeader(request.headers, name);
    }
    const bool sameOrigin = from.scheme().compare(to.scheme(), Qt::CaseInsensitive) == 0 &&
                            from.host().compare(to.host(), Qt::CaseInsensitive) == 0 &&
                            from.port(isTls(from) ? 443 : 80) == to.port(isTls(to) ? 443 : 80);
    if (!sameOrigin) {
        for (const QByteArrayView name : {"Authorization", "Cookie", "Proxy-Authorization"})
            removeHeader(request.headers, name);
    }
    setHeader(request.headers, "Host", hostHeaderValue(to));
    return request;
}

bool isUntrustedIssuer(QSslError::SslError error)
{
    switch (error) {
    case QSslError::UnableToGetIssuerCertificate:
    case QSslError::UnableToGetLocalIssuerCertificate:
    case QSslError::UnableToVerifyFirstCertificate:
    case QSslError::CertificateUntrusted:
        return true;
    default:
        return false;
    }
}

bool isSelfSigned(QSslError::SslError error)
{
    return error == QSslError::SelfSignedCertificate || error == QSslError::SelfSignedCertificateInChain;
}

} // namespace

struct HttpSender::Job {
    quint64 token = 0;
    SendOptions options;
    Attempt attempt;
    QElapsedTimer clock;
    int timerId = 0;
    QTcpSocket *socket = nullptr;
    std::unique_ptr<ResponseParser> parser;
    QString tlsError; // from sslErrors, reported when the handshake then fails

    qint64 elapsedUs() const { return clock.nsecsElapsed() / 1000; }
};

HttpSender::HttpSender(QObject *parent) : QObject(parent)
{
    qRegisterMetaType<Hookscope::Resend::Attempt>();
}

// Attempts still running end without finished(): nobody is left to receive it.
HttpSender::~HttpSender()
{
    for (auto &[token, job] : m_jobs)
        closeSocket(*job);
}

HttpSender::Job *HttpSender::job(quint64 token) const
{
    const auto it = m_jobs.find(token);
    return it == m_jobs.end() ? nullptr : it->second.get();
}

quint64 HttpSender::send(const QUrl &url, const OutgoingRequest &request, const SendOptions &options)
{
    const quint64 token = m_nextToken++;
    auto job = std::make_unique<Job>();
    job->token = token;
    job->options = options;
    job->attempt.url = url;
    job->attempt.request = request;
    job->attempt.startedUs = currentTimeUs();
    job->clock.start();

    QString error;
    if (!url.isValid() || url.isRelative())
        error = Tr::tr("not a valid URL: %1").arg(url.toDisplayString());
    else if (!isHttpScheme(url))
        error =
            Tr::tr("unsupported scheme \"%1\" in %2: only http and https can be sent to").arg(url.scheme(), urlText(url));
    else if (url.host().isEmpty())
        error = Tr::tr("no host in %1").arg(urlText(url));
    else if (isTls(url) && !QSslSocket::supportsSsl())
        error = Tr::tr("TLS is not available (Qt found no usable OpenSSL), so %1 cannot be reached").arg(urlText(url));
    if (error.isEmpty() && options.timeoutMs > 0)
        job->timerId = startTimer(options.timeoutMs, Qt::PreciseTimer);
    m_jobs.emplace(token, std::move(job));

    // Never finish inside send(): the caller does not know the token yet. Connecting to an IP literal can fail at
    // once, so even the first hop starts from the event loop.
    QMetaObject::invokeMethod(
        this,
        [this, token, error] {
            if (!error.isEmpty())
                finish(token, error);
            else if (Job *j = this->job(token))
                startHop(*j);
        },
        Qt::QueuedConnection);
    return token;
}

void HttpSender::cancel(quint64 token)
{
    finish(token, Tr::tr("cancelled"));
}

void HttpSender::startHop(Job &job)
{
    const QUrl url = job.attempt.url;
    const bool tls = isTls(url);
    job.parser = std::make_unique<ResponseParser>(job.attempt.request.method == "HEAD", job.options.maxResponseBody);
    job.tlsError.clear();
    job.attempt.timing = Timing();

    QTcpSocket *socket = tls ? new QSslSocket(this) : new QTcpSocket(this);
    job.socket = socket;
    // Bytes go to the target itself: a proxy would want the absolute-form request-target.
    socket->setProxy(QNetworkProxy::NoProxy);
    const quint64 token = job.token;
    // Signals of a socket the job no longer uses (closed after a redirect) are ignored.
    const auto current = [this, token, socket]() -> Job * {
        Job *j = this->job(token);
        return j && j->socket == socket ? j : nullptr;
    };
    connect(socket, &QAbstractSocket::connected, this, [this, current] {
        if (Job *j = current())
            onConnected(*j);
    });
    connect(socket, &QIODevice::readyRead, this, [this, current] {
        if (Job *j = current())
            onReadyRead(*j);
    });
    connect(socket, &QAbstractSocket::errorOccurred, this, [this, current](QAbstractSocket::SocketError error) {
        if (Job *j = current())
            onSocketError(*j, int(error));
    });
    connect(socket, &QAbstractSocket::disconnected, this, [this, current] {
        if (Job *j = current())
            onEndOfInput(*j);
    });

    // Qt wants the host without brackets; FullyEncoded gives the ACE form of an international name.
    const QString host = url.host(QUrl::FullyEncoded);
    if (tls) {
        auto *ssl = static_cast<QSslSocket *>(socket);
        connect(ssl, &QSslSocket::encrypted, this, [this, current] {
            if (Job *j = current()) {
                j->attempt.timing.tlsUs = j->elapsedUs();
                j->socket->write(serialize(j->attempt.request));
            }
        });
        connect(ssl, &QSslSocket::sslErrors, this, [this, current, ssl](const QList<QSslError> &errors) {
            Job *j = current();
            if (!j)
                return;
            const auto accepted = [j](const QSslError &error) {
                return j->options.acceptSelfSigned && (isSelfSigned(error.error()) || isUntrustedIssuer(error.error()));
            };
            const auto refused = std::find_if_not(errors.cbegin(), errors.cend(), accepted);
            if (refused == errors.cend()) {
                ssl->ignoreSslErrors();
                return;
            }
            // Aborting inside sslErrors is unsafe in the TLS backend; the handshake fails right after this slot and
            // errorOccurred reports this message.
            const QString origin = originText(j->attempt.url);
            if (isSelfSigned(refused->error()))
                j->tlsError = Tr::tr("TLS: self-signed certificate at %1 (allow self-signed certificates for this target "
                                 "to accept it)")
                                  .arg(origin);
            else if (isUntrustedIssuer(refused->error()))
                j->tlsError = Tr::tr("TLS: %1 at %2 (allow self-signed certificates for this target to accept it)")
                                  .arg(refused->errorString(), origin);
            else
                j->tlsError = Tr::tr("TLS: %1 at %2").arg(refused->errorString(), origin);
        });
        ssl->connectToHostEncrypted(host, quint16(url.port(443)));
    } else {
        socket->connectToHost(host, quint16(url.port(80)));
    }
    // Nothing after the connect: it may already have ended the job.
}

void HttpSender::onConnected(Job &job)
{
    job.attempt.timing.connectUs = job.elapsedUs();
    job.socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    if (!isTls(job.attempt.url))
        job.socket->write(serialize(job.attempt.request));
}

void HttpSender::onReadyRead(Job &job)
{
    const QByteArray bytes = job.socket->readAll();
    if (bytes.isEmpty())
        return;
    if (job.attempt.timing.firstByteUs < 0)
        job.attempt.timing.firstByteUs = job.elapsedUs();
    switch (job.parser->feed(bytes.constData(), bytes.size())) {
    case ResponseParser::State::InProgress:
        return;
    case ResponseParser::State::Complete:
        onResponseComplete(job);
        return;
    case ResponseParser::State::Failed:
        finish(job.token, job.parser->errorMessage(job.attempt.url));
        return;
    }
}

void HttpSender::onSocketError(Job &job, int socketError)
{
    const QUrl &url = job.attempt.url;
    QString message;
    switch (QAbstractSocket::SocketError(socketError)) {
    case QAbstractSocket::RemoteHostClosedError:
        onEndOfInput(job);
        return;
    case QAbstractSocket::ConnectionRefusedError:
        message = Tr::tr("connection refused at %1").arg(originText(url));
        break;
    case QAbstractSocket::HostNotFoundError:
        message = Tr::tr("host not found: %1").arg(url.host());
        break;
    case QAbstractSocket::SslHandshakeFailedError:
        message =
            job.tlsError.isEmpty() ? Tr::tr("TLS: %1 at %2").arg(job.socket->errorString(), originText(url)) : job.tlsError;
        break;
    default:
        message = Tr::tr("%1 at %2").arg(job.socket->errorString(), originText(url));
        break;
    }
    finish(job.token, message);
}

void HttpSender::onEndOfInput(Job &job)
{
    // What the server sent before closing may still sit in the socket.
    if (job.socket->bytesAvailable() > 0) {
        const quint64 token = job.token;
        QTcpSocket *socket = job.socket;
        onReadyRead(job);
        const Job *still = this->job(token);
        if (!still || still->socket != socket)
            return;
    }
    switch (job.parser->endOfInput()) {
    case ResponseParser::State::InProgress:
        return;
    case ResponseParser::State::Complete:
        onResponseComplete(job);
        return;
    case ResponseParser::State::Failed:
        finish(job.token, job.parser->errorMessage(job.attempt.url));
        return;
    }
}

void HttpSender::onResponseComplete(Job &job)
{
    Response response = job.parser->takeResponse();
    if (job.options.followRedirects && isFollowedRedirect(response.status)) {
        const auto location =
            std::find_if(response.headers.cbegin(), response.headers.cend(),
                         [](const HeaderField &f) { return f.first.compare("Location", Qt::CaseInsensitive) == 0; });
        if (location != response.headers.cend() && !location->second.trimmed().isEmpty()) {
            const QByteArray target = location->second.trimmed();
            Redirect redirect{job.attempt.url, job.attempt.request, std::move(response), job.attempt.timing};
            redirect.timing.totalUs = job.elapsedUs();
            job.attempt.redirects.append(std::move(redirect));
            followRedirect(job, target);
            return;
        }
    }
    job.attempt.response = std::move(response);
    finish(job.token, QString());
}

void HttpSender::followRedirect(Job &job, const QByteArray &location)
{
    closeSocket(job);
    const QUrl from = job.attempt.url;
    if (job.attempt.redirects.size() > job.options.maxRedirects) {
        finish(job.token, Tr::tr("too many redirects: more than %1 starting at %2")
                              .arg(job.options.maxRedirects)
                              .arg(urlText(job.attempt.redirects.first().url)));
        return;
    }
    QUrl to = from.resolved(QUrl::fromEncoded(location));
    to.setFragment(QString());
    if (!to.isValid() || !isHttpScheme(to) || to.host().isEmpty()) {
        finish(job.token, Tr::tr("%1 redirected to %2, which cannot be followed (only http and https URLs can)")
                              .arg(urlText(from), QString::fromUtf8(location)));
        return;
    }
    const int status = job.attempt.redirects.last().response.status;
    job.attempt.request = redirectedRequest(job.attempt.request, status, from, to);
    job.attempt.url = to;
    qCDebug(lcResend) << "following" << status << "from" << urlText(from) << "to" << urlText(to);
    startHop(job);
}

void HttpSender::closeSocket(Job &job)
{
    QTcpSocket *socket = std::exchange(job.socket, nullptr);
    if (!socket)
        return;
    socket->disconnect(this);
    socket->abort();
    socket->deleteLater();
}

void HttpSender::finish(quint64 token, const QString &error)
{
    const auto it = m_jobs.find(token);
    if (it == m_jobs.end())
        return;
    const std::unique_ptr<Job> job = std::move(it->second);
    m_jobs.erase(it);
    if (job->timerId != 0)
        killTimer(job->timerId);
    closeSocket(*job);
    Attempt &attempt = job->attempt;
    attempt.error = error;
    if (!error.isEmpty())
        attempt.response.reset();
    attempt.timing.totalUs = job->elapsedUs();
    if (!error.isEmpty())
        qCInfo(lcResend) << "attempt" << token << "failed:" << error;
    emit finished(token, attempt);
}

void HttpSender::timerEvent(QTimerEvent *event)
{
    const auto it = std::find_if(m_jobs.cbegin(), m_jobs.cend(),
                                 [event](const auto &entry) { return entry.second->timerId == event->timerId(); });
    if (it == m_jobs.cend()) {
        QObject::timerEvent(event);
        return;
    }
    Job &job = *it->second;
    const QString seconds = QString::number(job.options.timeoutMs / 1000.0);
    job.attempt.timedOut = true;
    finish(job.token, Tr::tr("timed out after %1 s waiting for %2").arg(seconds, urlText(job.attempt.url)));
}

Attempt HttpSender::sendBlocking(const QUrl &url, const OutgoingRequest &request, const SendOptions &options)
{
    HttpSender sender;
    QEventLoop loop;
    Attempt result;
    connect(&sender, &HttpSender::finished, &loop, [&](quint64, const Attempt &attempt) {
        result = attempt;
        loop.quit();
    });
    sender.send(url, request, options);
    loop.exec();
    return result;
}

} // namespace Hookscope::Resend
