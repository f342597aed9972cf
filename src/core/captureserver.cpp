#include "captureserver.h"

#include "attemptrecord.h"

#include "captureconnection.h"
#include "logging.h"

#include <QCoreApplication>
#include <QTcpServer>
#include <QTcpSocket>

namespace Hookscope {

namespace {
// How often idle and slow connections are looked at. One timer for all connections instead of one per
// connection: hundreds of slow clients cost one scan, not hundreds of timer events.
constexpr int SweepIntervalMs = 100;
} // namespace

CaptureServer::CaptureServer(CaptureSettings settings, QObject *parent)
    : QObject(parent), m_settings(std::move(settings)), m_sweep(new QTimer(this))
{
    qRegisterMetaType<Hookscope::CapturedRequest>();
    qRegisterMetaType<QList<Hookscope::CapturedRequest>>();
    qRegisterMetaType<Hookscope::StoreAck>();
    qRegisterMetaType<QList<Hookscope::StoreAck>>();
    qRegisterMetaType<QList<quint64>>();
    qRegisterMetaType<QList<Hookscope::ListenAddress>>();
    qRegisterMetaType<Hookscope::CaptureSettings>();
    m_sweep->setInterval(SweepIntervalMs);
    connect(m_sweep, &QTimer::timeout, this, [this] {
        const QList<CaptureConnection *> connections = m_connections.values();
        for (CaptureConnection *connection : connections)
            connection->checkTimeouts();
    });
}

CaptureServer::~CaptureServer() = default;

void CaptureServer::start()
{
    if (m_stopped)
        return; // a shutdown came first (the store may still have been opening)
    QList<ListenAddress> bound;
    quint16 sharedPort = 0;
    for (const ListenAddress &wanted : std::as_const(m_settings.listen)) {
        auto *listener = new QTcpServer(this);
        // Accepted sockets are queued by the kernel; Qt's pending list only needs to absorb one wake-up's worth.
        listener->setMaxPendingConnections(1024);
        const quint16 port = wanted.port == 0 && sharedPort != 0 ? sharedPort : wanted.port;
        if (!listener->listen(wanted.address, port)) {
            const QString message = tr("cannot listen on %1: %2")
                                        .arg(ListenAddress{wanted.address, port, false}.url(), listener->errorString());
            delete listener;
            if (wanted.optional) {
                qCInfo(lcCapture) << "skipping optional listener:" << message;
                continue;
            }
            for (QTcpServer *opened : std::as_const(m_listeners))
                delete opened;
            m_listeners.clear();
            emit startFailed(message);
            return;
        }
        if (wanted.port == 0 && sharedPort == 0)
            sharedPort = listener->serverPort();
        connect(listener, &QTcpServer::newConnection, this, [this, listener] { onNewConnection(listener); });
        m_listeners.append(listener);
        bound.append(ListenAddress{wanted.address, listener->serverPort(), wanted.optional});
    }
    // A pause and restart keeps the URL: ports picked for port 0 become the ports asked for.
    for (ListenAddress &wanted : m_settings.listen) {
        if (wanted.port == 0 && sharedPort != 0)
            wanted.port = sharedPort;
    }
    m_bound = bound;
    m_sweep->start();
    for (const ListenAddress &address : std::as_const(bound))
        qCInfo(lcCapture) << "listening on" << address.url();
    emit listening(bound);
}

void CaptureServer::stop()
{
    m_stopped = true;
    for (QTcpServer *listener : std::as_const(m_listeners)) {
        listener->close();
        listener->deleteLater();
    }
    m_listeners.clear();
    const QList<CaptureConnection *> connections = m_connections.values();
    for (CaptureConnection *connection : connections)
        connection->shutdown();
    flushOutbox();
}

void CaptureServer::closeListeners()
{
    for (QTcpServer *listener : std::as_const(m_listeners)) {
        listener->close();
        listener->deleteLater();
    }
    m_listeners.clear();
    m_bound.clear();
    emit listenersClosed();
}

void CaptureServer::reconfigure(const CaptureSettings &settings)
{
    closeListeners();
    // Proxy rules come from the forwarding settings (setProxyRules), not from the capture settings: keep them.
    const Forward::RuleList proxyRules = m_settings.proxyRules;
    const int proxyTimeoutMs = m_settings.proxyTimeoutMs;
    m_settings = settings; // connections refer to m_settings: they see the new limits and answers at once
    m_settings.proxyRules = proxyRules;
    m_settings.proxyTimeoutMs = proxyTimeoutMs;
    start();
}

void CaptureServer::closeAll()
{
    const QList<CaptureConnection *> connections = m_connections.values();
    for (CaptureConnection *connection : connections) {
        connection->shutdown();
        connectionFinished(connection);
    }
    m_sweep->stop();
}

void CaptureServer::setResponseRules(const ResponseRules &rules)
{
    m_settings.responses = rules;
}

void CaptureServer::onNewConnection(QTcpServer *listener)
{
    while (QTcpSocket *socket = listener->nextPendingConnection()) {
        if (m_connections.size() >= m_settings.maxConnections) {
            qCWarning(lcCapture) << "connection limit of" << m_settings.maxConnections << "reached; refusing"
                                 << socket->peerAddress().toString();
            socket->write("HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/plain; charset=utf-8\r\n"
                          "Connection: close\r\nContent-Length: 26\r\n\r\ntoo many open connections\n");
            socket->disconnectFromHost();
            connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
            continue;
        }
        auto *connection = new CaptureConnection(socket, m_nextConnectionId++, m_settings, this);
        connect(connection, &CaptureConnection::finished, this, &CaptureServer::connectionFinished);
        m_connections.insert(connection->id(), connection);
        emit connectionCountChanged(int(m_connections.size()));
    }
}

void CaptureServer::connectionFinished(CaptureConnection *connection)
{
    if (m_connections.remove(connection->id()) == 0)
        return;
    connection->deleteLater();
    emit connectionCountChanged(int(m_connections.size()));
}

void CaptureServer::submit(CaptureConnection *connection, CapturedRequest request, quint64 *ticket)
{
    *ticket = m_nextTicket++;
    m_waiting.insert(*ticket, connection);
    m_outbox.append(std::move(request));
    m_outboxTickets.append(*ticket);
    // Requests parsed in the same event-loop pass travel to the store as one batch (one queued call, not one per
    // request).
    if (!m_flushScheduled) {
        m_flushScheduled = true;
        QMetaObject::invokeMethod(this, &CaptureServer::flushOutbox, Qt::QueuedConnection);
    }
}

void CaptureServer::flushOutbox()
{
    m_flushScheduled = false;
    if (m_outbox.isEmpty())
        return;
    emit requestsCaptured(m_outbox, m_outboxTickets);
    m_outbox.clear();
    m_outboxTickets.clear();
}

void CaptureServer::setProxyRules(const Forward::RuleList &rules, int timeoutMs)
{
    // Connections read m_settings by reference, on this thread: they see the new rules from their next request.
    m_settings.proxyRules.clear();
    for (const Forward::Rule &rule : rules) {
        if (rule.mode == Forward::Mode::Proxy)
            m_settings.proxyRules.append(rule);
    }
    m_settings.proxyTimeoutMs = timeoutMs;
}

quint64 CaptureServer::proxy(CaptureConnection *connection, const QUrl &url, const Resend::OutgoingRequest &outgoing,
                             CapturedRequest request, int timeoutMs)
{
    if (!m_sender) {
        m_sender = new Resend::HttpSender(this);
        connect(m_sender, &Resend::HttpSender::finished, this, [this](quint64 token, const Resend::Attempt &attempt) {
            ProxyEntry entry = m_proxying.take(token);
            CapturedRequest &request = entry.request;
            const int answer = attempt.response ? attempt.response->status
                                                : (attempt.timedOut ? 504 : 502);
            request.statusSent = answer;
            request.forward.state = answer >= 200 && answer < 300 ? ForwardState::Delivered : ForwardState::Failed;
            request.forward.lastStatus = attempt.response ? attempt.response->status : 0;
            request.forward.attempts = 1;
            if (entry.connection) {
                entry.connection->proxyAnswered(entry.id, attempt, std::move(request));
                return;
            }
            // The sender is gone: nothing was answered, but the request and the target's answer are kept.
            request.statusSent = 0;
            request.rejectedReason = QStringLiteral("the sender closed the connection before the target answered (%1)")
                                         .arg(attempt.response ? QString::number(attempt.response->status)
                                                               : attempt.error);
            proxyAttemptFinished(nullptr, attempt);
            quint64 ticket = 0;
            submit(nullptr, std::move(request), &ticket);
        });
    }
    Resend::SendOptions options;
    options.timeoutMs = timeoutMs;
    const quint64 id = m_nextProxyId++;
    m_proxying.insert(m_sender->send(url, outgoing, options), ProxyEntry{connection, id, std::move(request)});
    return id;
}

void CaptureServer::proxyAttemptFinished(CaptureConnection *, const Resend::Attempt &attempt)
{
    // submit() follows right away and takes the next ticket: keep the attempt under it.
    m_proxyAttempts.insert(m_nextTicket, Resend::toStoredAttempt(attempt));
}

void CaptureServer::onStored(const QList<StoreAck> &acks)
{
    for (const StoreAck &ack : acks) {
        if (const auto it = m_proxyAttempts.find(ack.ticket); it != m_proxyAttempts.end()) {
            if (ack.stored)
                emit proxyAttemptStored(ack.id, *it);
            m_proxyAttempts.erase(it);
        }
        const QPointer<CaptureConnection> connection = m_waiting.take(ack.ticket);
        if (connection)
            connection->storeAnswered(ack.ticket, ack.stored, ack.error);
    }
}

} // namespace Hookscope
