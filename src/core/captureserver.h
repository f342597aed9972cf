#pragma once

#include "attempt.h"
#include "capturedrequest.h"
#include "httpsender.h"
#include "capturesettings.h"

#include <QHash>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QTimer>

QT_BEGIN_NAMESPACE
class QTcpServer;
QT_END_NAMESPACE

namespace Hookscope {

class CaptureConnection;

// The store's answer for one captured request.
struct StoreAck {
    quint64 ticket = 0;
    qint64 id = 0;
    bool stored = false;
    QString error;
};

// The HTTP endpoint. Lives on the capture thread; one event loop serves every listener and connection.
class CaptureServer : public QObject
{
    Q_OBJECT
public:
    explicit CaptureServer(CaptureSettings settings, QObject *parent = nullptr);
    ~CaptureServer() override;

    // Opens every listener; emits listening() or startFailed(). With port 0, the first listener picks a free port
    // and the others of the same list reuse it.
    Q_INVOKABLE void start();
    // Closes the listeners and stops reading; answers already queued are still written.
    Q_INVOKABLE void stop();
    // Pauses capturing: the listeners close (new connections are refused), open connections are served to the end.
    // start() opens them again on the same ports.
    Q_INVOKABLE void closeListeners();
    Q_INVOKABLE void setResponseRules(const Hookscope::ResponseRules &rules);
    // New addresses, limits and answers: the listeners reopen with them; open connections keep going under the new
    // limits. Ends with listening() or startFailed().
    Q_INVOKABLE void reconfigure(const Hookscope::CaptureSettings &settings);
    // Sends pending answers and closes every connection (the last step of a shutdown).
    Q_INVOKABLE void closeAll();
    // Proxy-mode forwarding rules (the others are the store's business).
    Q_INVOKABLE void setProxyRules(const Hookscope::Forward::RuleList &rules, int timeoutMs);

    QList<ListenAddress> boundAddresses() const { return m_bound; }
    int connectionCount() const { return int(m_connections.size()); }

    // Used by connections.
    void submit(CaptureConnection *connection, CapturedRequest request, quint64 *ticket);
    // Proxy mode: sends outgoing to the target; the connection's proxyAnswered() follows with request. Returns the
    // proxy id. When the connection is gone by then (the sender hung up while waiting), the server stores the
    // request itself with the target's answer and says why nothing was sent back: what arrived is never lost.
    quint64 proxy(CaptureConnection *connection, const QUrl &url, const Resend::OutgoingRequest &outgoing,
                  CapturedRequest request,
                  int timeoutMs);
    // The connection's proxied request is about to be stored: its attempt is kept until the store gives the id.
    void proxyAttemptFinished(CaptureConnection *connection, const Resend::Attempt &attempt);

public slots:
    void onStored(const QList<Hookscope::StoreAck> &acks);

signals:
    void listening(const QList<Hookscope::ListenAddress> &addresses);
    void startFailed(const QString &message);
    void listenersClosed();
    // Batches of requests to store; each request's ticket comes back in a StoreAck.
    void requestsCaptured(const QList<Hookscope::CapturedRequest> &requests, const QList<quint64> &tickets);
    void connectionCountChanged(int count);
    // A proxied request was stored: its attempt, for the store's attempts table.
    void proxyAttemptStored(qint64 requestId, const Hookscope::StoredAttempt &attempt);

private:
    void onNewConnection(QTcpServer *listener);
    void flushOutbox();
    void connectionFinished(CaptureConnection *connection);

    CaptureSettings m_settings;
    QList<QTcpServer *> m_listeners;
    QList<ListenAddress> m_bound;
    QHash<quint64, CaptureConnection *> m_connections;
    QHash<quint64, QPointer<CaptureConnection>> m_waiting; // ticket -> connection
    QList<CapturedRequest> m_outbox;
    QList<quint64> m_outboxTickets;
    bool m_flushScheduled = false;
    bool m_stopped = false;
    quint64 m_nextConnectionId = 1;
    quint64 m_nextTicket = 1;
    Resend::HttpSender *m_sender = nullptr; // created on first use, on the capture thread
    struct ProxyEntry {
        QPointer<CaptureConnection> connection;
        quint64 id = 0;
        CapturedRequest request; // stored once the target answered
    };
    QHash<quint64, ProxyEntry> m_proxying; // sender token -> waiting request
    quint64 m_nextProxyId = 1;
    QHash<quint64, StoredAttempt> m_proxyAttempts; // ticket -> attempt, until the store answers
    QTimer *m_sweep; // a child, so that it moves to the capture thread with the server
};

} // namespace Hookscope

Q_DECLARE_METATYPE(Hookscope::StoreAck)
