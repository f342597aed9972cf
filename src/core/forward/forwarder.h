#pragma once

#include "forwardrule.h"
#include "httpsender.h"
#include "requeststore.h"

#include <QHash>
#include <QObject>
#include <QSet>

class QTimer;

namespace Hookscope::Forward
{

// Delivers the durable queue's deliveries (RequestStore::deliveryHeads) to their targets: one attempt in flight
// per rule so a rule's requests arrive in order, retries with exponential backoff and jitter, dead letters after the
// last attempt. Works from the store alone, so deliveries left by a killed process go out after a restart.
// Lives in its own thread with its own store connection (WAL: it never blocks the capture path's writer).
class Forwarder : public QObject
{
    Q_OBJECT
public:
    Forwarder(QString dataDirectory, RetryPolicy retry, Resend::SendOptions sendOptions, QObject *parent = nullptr);
    ~Forwarder() override;

public slots:
    void start();
    // New deliveries may be due (the capture path committed some, or the user retried dead letters).
    void wake();
    void stop();
    void setRetryPolicy(const RetryPolicy &retry) { m_retry = retry; }
    // The keys (Rule::key) of disabled rules: their queued deliveries wait, in order, until the rule is enabled
    // again. Deliveries of a rule that no longer exists still go to the target they were queued for (they were
    // accepted under it: at-least-once).
    void setPausedRules(const QSet<QString> &ruleKeys);
    // Dead letters queued again from the first attempt, or dropped (deliveryChanged follows for each).
    void retryFailed(const QList<qint64> &requestIds);
    void discardFailed(const QList<qint64> &requestIds);

signals:
    void started();
    // A delivery changed state (for the table's Forwarding column).
    void deliveryChanged(qint64 requestId, const Hookscope::ForwardInfo &info);
    // Once per outage of a target, not once per event.
    void targetDown(const QString &message);
    void targetUp(const QString &origin);
    void failed(const QString &message);

private:
    void pump();
    void onFinished(quint64 token, const Hookscope::Resend::Attempt &attempt);
    static QString originOf(const QUrl &url);

    QString m_dataDirectory;
    RetryPolicy m_retry;
    Resend::SendOptions m_sendOptions;
    RequestStore *m_store = nullptr;
    Resend::HttpSender *m_sender = nullptr;
    QTimer *m_timer = nullptr;
    QHash<quint64, RequestStore::Delivery> m_inFlight;
    QSet<QString> m_busyRules;
    QSet<QString> m_pausedRules;
    QSet<QString> m_downOrigins;
    bool m_running = false;
};

} // namespace Hookscope::Forward
