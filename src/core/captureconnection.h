#pragma once

#include "capturedrequest.h"
#include "capturesettings.h"
#include "httprequestparser.h"
#include "httpsender.h"

#include <QElapsedTimer>
#include <QObject>
#include <QPointer>
#include <QTcpSocket>

#include <deque>

namespace Hookscope {

class CaptureServer;

// One client connection on the capture thread: parses its requests, hands each to the server for storing and
// answers in request order once the store confirms (responses of pipelined requests never overtake each other).
class CaptureConnection : public QObject
{
    Q_OBJECT
public:
    CaptureConnection(QTcpSocket *socket, quint64 id, const CaptureSettings &settings, CaptureServer *server);
    ~CaptureConnection() override;

    quint64 id() const { return m_id; }
    // Called by the server when the store answered for one of this connection's requests.
    void storeAnswered(quint64 ticket, bool stored, const QString &error);
    // Enforces the idle and request timeouts; called periodically by the server.
    void checkTimeouts();
    // Stops reading; answers already queued are still written.
    void shutdown();
    bool isBusy() const { return !m_outgoing.empty() || m_parser.isMessageInProgress(); }
    // Proxy mode: the target answered (or failed) for the request waiting under proxyId; request comes back with
    // the status to send (statusSent) and its forwarding state filled in.
    void proxyAnswered(quint64 proxyId, const Resend::Attempt &attempt, CapturedRequest request);

signals:
    void finished(Hookscope::CaptureConnection *connection);

private:
    struct Outgoing {
        quint64 ticket = 0; // 0 for answers that need no store confirmation (100 Continue)
        bool ready = false;
        bool closeAfter = false;
        QByteArray bytes;
        ResponseRule rule; // for accepted requests: what to answer once stored
        bool headRequest = false;
        bool rejected = false;
        bool http10KeepAlive = false; // HTTP/1.0 clients keep the connection only when the answer says so
        // Proxy mode: the request waits in the server (not yet stored) until the target answers; then this answer is
        // the target's response.
        quint64 proxyId = 0;
        std::optional<Resend::Response> proxyResponse;
        int proxyStatus = 0; // what the sender gets: the target's status, 502 or 504
    };

    void onReadyRead();
    bool canRead() const;
    void resumeReading();
    void processBuffer();
    void completeRequest();
    void reject(int status, const QString &reason, QByteArrayView unparsed);
    void submit(CapturedRequest request, Outgoing outgoing);
    // Connection id, the request's index on it, and the addresses.
    void describeConnection(CapturedRequest &request);
    void writeReady();
    void beginClose();
    void finish();
    enum class ConnectionHeader { None, Close, KeepAlive };
    static QByteArray buildResponse(int status, const HeaderList &headers, const QByteArray &body,
                                    ConnectionHeader connection, bool headRequest);
    static ConnectionHeader connectionHeader(const Outgoing &outgoing);

    QPointer<QTcpSocket> m_socket;
    quint64 m_id;
    const CaptureSettings &m_settings;
    CaptureServer *m_server;
    HttpRequestParser m_parser;
    QByteArray m_buffer; // received, not yet parsed
    std::deque<Outgoing> m_outgoing;
    int m_requestIndex = 0;
    qint64 m_messageStartUs = 0;
    QElapsedTimer m_messageTimer;
    QElapsedTimer m_lastActivity; // last byte read or written
    QElapsedTimer m_idleSince;    // connection start, last complete request or last answer written
    bool m_readPaused = false; // bytes left in the socket while answers pile up
    bool m_stopReading = false; // after a request that ends the connection
    bool m_closing = false;     // write side done, draining the peer
    bool m_finished = false;
};

} // namespace Hookscope
