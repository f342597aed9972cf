#include "forwarder.h"

#include "attemptrecord.h"
#include "logging.h"
#include "outgoing.h"

#include <QDateTime>
#include <QTimer>

namespace Hookscope::Forward
{

namespace
{
constexpr int WakeDelayMs = 20;

qint64 nowUs()
{
    return QDateTime::currentMSecsSinceEpoch() * 1000;
}
} // namespace

Forwarder::Forwarder(QString dataDirectory, RetryPolicy retry, Resend::SendOptions sendOptions, QObject *parent)
    : QObject(parent), m_dataDirectory(std::move(dataDirectory)), m_retry(retry), m_sendOptions(sendOptions)
{
}

Forwarder::~Forwarder()
{
    stop();
}

void Forwarder::start()
{
    // Created here, in the forwarding thread, as children so they move and die with this object.
    m_store = new RequestStore(this);
    m_store->setAnnotateOnInsert(false);
    if (Result<void> opened = m_store->open(m_dataDirectory); !opened) {
        emit failed(opened.errorMessage());
        return;
    }
    m_sender = new Resend::HttpSender(this);
    connect(m_sender, &Resend::HttpSender::finished, this, &Forwarder::onFinished);
    m_timer = new QTimer(this);
    m_timer->setSingleShot(true);
    connect(m_timer, &QTimer::timeout, this, &Forwarder::pump);
    m_running = true;
    emit started();
    pump();
}

void Forwarder::wake()
{
    // Coalesced: under load the capture path commits hundreds of times a second.
    if (m_running && (!m_timer->isActive() || m_timer->remainingTime() > WakeDelayMs))
        m_timer->start(WakeDelayMs);
}

void Forwarder::stop()
{
    if (!m_running)
        return;
    m_running = false;
    if (m_timer)
        m_timer->stop();
    // Attempts in flight are abandoned; their deliveries stay pending and go out again after a restart.
    const QList<quint64> tokens = m_inFlight.keys();
    m_inFlight.clear();
    for (quint64 token : tokens)
        m_sender->cancel(token);
    m_store->close();
}

void Forwarder::setPausedRules(const QSet<QString> &ruleKeys)
{
    m_pausedRules = ruleKeys;
    pump(); // a rule enabled again: its waiting deliveries go now
}

void Forwarder::retryFailed(const QList<qint64> &requestIds)
{
    if (!m_running)
        return;
    const qint64 now = nowUs();
    if (const Result<int> changed = m_store->retryFailedDeliveries(requestIds, now); !changed) {
        emit failed(changed.errorMessage());
        return;
    }
    for (qint64 id : requestIds)
        emit deliveryChanged(id, ForwardInfo{ForwardState::Pending, 0, 0, now});
    pump();
}

void Forwarder::discardFailed(const QList<qint64> &requestIds)
{
    if (!m_running)
        return;
    if (const Result<int> changed = m_store->discardFailedDeliveries(requestIds); !changed) {
        emit failed(changed.errorMessage());
        return;
    }
    for (qint64 id : requestIds)
        emit deliveryChanged(id, ForwardInfo{ForwardState::Discarded, 0, 0, 0});
}

QString Forwarder::originOf(const QUrl &url)
{
    return url.adjusted(QUrl::RemovePath | QUrl::RemoveQuery | QUrl::RemoveFragment | QUrl::RemoveUserInfo).toString();
}

void Forwarder::pump()
{
    if (!m_running)
        return;
    const Result<QList<RequestStore::Delivery>> heads = m_store->deliveryHeads();
    if (!heads) {
        emit failed(heads.errorMessage());
        m_timer->start(1000);
        return;
    }
    const qint64 now = nowUs();
    qint64 nextDue = -1;
    for (const RequestStore::Delivery &delivery : heads.value()) {
        if (m_busyRules.contains(delivery.rule) || m_pausedRules.contains(delivery.rule))
            continue;
        if (delivery.nextUs > now) {
            nextDue = nextDue < 0 ? delivery.nextUs : qMin(nextDue, delivery.nextUs);
            continue;
        }
        const Result<CapturedRequest> request = m_store->request(delivery.requestId);
        if (!request) {
            emit failed(request.errorMessage());
            continue;
        }
        // The stored target is origin + request-target bytes: those bytes go on the request line as they are.
        const QByteArray target = delivery.target.toUtf8();
        const QUrl url = QUrl::fromEncoded(target, QUrl::TolerantMode);
        Resend::OutgoingRequest outgoing = Resend::prepare(request.value(), url);
        const qsizetype schemeEnd = target.indexOf("://");
        const qsizetype pathStart = schemeEnd < 0 ? -1 : target.indexOf('/', schemeEnd + 3);
        if (pathStart > 0)
            outgoing.target = target.mid(pathStart);
        const quint64 token = m_sender->send(url, outgoing, m_sendOptions);
        m_inFlight.insert(token, delivery);
        m_busyRules.insert(delivery.rule);
    }
    if (nextDue >= 0)
        m_timer->start(int(qBound<qint64>(1, (nextDue - now) / 1000 + 1, qint64(24) * 3600 * 1000)));
}

void Forwarder::onFinished(quint64 token, const Resend::Attempt &attempt)
{
    const auto it = m_inFlight.constFind(token);
    if (it == m_inFlight.constEnd())
        return;
    const RequestStore::Delivery delivery = *it;
    m_inFlight.erase(it);
    m_busyRules.remove(delivery.rule);
    if (!m_running)
        return;

    StoredAttempt stored = Resend::toStoredAttempt(attempt);
    stored.requestId = delivery.requestId;
    stored.rule = delivery.rule;
    const int attemptNumber = delivery.attempts + 1;
    RequestStore::DeliveryOutcome outcome = RequestStore::DeliveryOutcome::Retry;
    qint64 next = 0;
    if (stored.delivered()) {
        outcome = RequestStore::DeliveryOutcome::Delivered;
    } else if (attemptNumber >= m_retry.maxAttempts) {
        outcome = RequestStore::DeliveryOutcome::Dead;
    } else {
        next = nowUs() + m_retry.delayMs(attemptNumber + 1) * 1000;
    }
    if (const Result<qint64> recorded = m_store->recordDelivery(delivery, stored, outcome, next); !recorded) {
        // Not recorded: the delivery stays as it was and is tried again (at-least-once).
        emit failed(recorded.errorMessage());
        m_timer->start(1000);
        return;
    }

    const QString origin = originOf(attempt.url);
    if (!attempt.response) {
        if (!m_downOrigins.contains(origin)) {
            m_downOrigins.insert(origin);
            qCInfo(lcCapture).noquote() << "forwarding:" << attempt.error; // the front ends tell the user
            emit targetDown(attempt.error);
        }
    } else if (m_downOrigins.remove(origin)) {
        qCInfo(lcCapture).noquote() << "forwarding: target is up again:" << origin;
        emit targetUp(origin);
    }

    ForwardInfo info;
    info.state = outcome == RequestStore::DeliveryOutcome::Delivered ? ForwardState::Delivered
                 : outcome == RequestStore::DeliveryOutcome::Dead    ? ForwardState::Failed
                                                                     : ForwardState::Retrying;
    info.lastStatus = stored.status;
    info.attempts = attemptNumber;
    info.nextUs = next;
    emit deliveryChanged(delivery.requestId, info);
    pump();
}

} // namespace Hookscope::Forward
