#pragma once

#include "capturedrequest.h"
#include "capturesettings.h"
#include "forwardrule.h"
#include "requeststore.h"

#include <QObject>
#include <QThread>

namespace Hookscope {

class CaptureServer;
namespace Forward {
class Forwarder;
}

// The capture engine as the front ends use it: the capture thread (server and every connection) and the storage
// thread (the store's write connection), wired so that a request is answered only once its row is committed.
// See docs/architecture.md for the thread map.
class CaptureService : public QObject
{
    Q_OBJECT
public:
    struct Options {
        QString dataDirectory; // prepared with DataDirectory::prepare
        CaptureSettings capture;
        RetentionPolicy retention;
        qint64 maxStoreBytes = 0; // 0: no cap
        // Forwarding rules and retries; unset: those saved in the data directory (forwarding.json).
        std::optional<Forward::Settings> forwarding;
    };

    explicit CaptureService(Options options, QObject *parent = nullptr);
    ~CaptureService() override;

    // Opens the store, then the listeners; ends with listening() or failed(). Does not block.
    void start();
    // Stops listening, commits everything received, answers what can still be answered, stops both threads.
    // Blocks for as long as the last commit takes.
    void shutdown();

    // Pause and resume capturing without closing the store (the toolbar's Capture button).
    void pauseCapture();
    void resumeCapture();
    // Applies new settings while running: listeners reopen (listening() or failed() follows), retention runs.
    void applySettings(const CaptureSettings &capture, const RetentionPolicy &retention);
    // The webhook secrets (as the caller read them from the data directory): requests stored from now on are
    // verified with them. Without this call the store reads them itself at the first request.
    void setSecrets(const Verify::SecretList &secrets);
    // New forwarding rules and retry policy: requests stored from now on are queued by them.
    void applyForwarding(const Forward::Settings &settings);
    // Dead letters queued again, or dropped.
    void retryFailedDeliveries(const QList<qint64> &requestIds);
    void discardFailedDeliveries(const QList<qint64> &requestIds);

    const Options &options() const { return m_options; }
    QList<ListenAddress> boundAddresses() const { return m_bound; }
    QString databasePath() const;

signals:
    void storeOpened(qint64 storedCount);
    void listening(const QList<Hookscope::ListenAddress> &addresses);
    void failed(const QString &message);
    void capturePaused();
    void requestsStored(const QList<Hookscope::CapturedRequest> &requests);
    void storeWriteFailed(const QString &message);
    void deliveryChanged(qint64 requestId, const Hookscope::ForwardInfo &info);
    // Once per outage ("connection refused at http://localhost:3000"), and when the target answers again.
    void forwardTargetDown(const QString &message);
    void forwardTargetUp(const QString &origin);
    void forwardError(const QString &message);

private:
    Options m_options;
    QThread m_captureThread;
    QThread m_storageThread;
    QThread m_forwardThread;
    Forward::Forwarder *m_forwarder = nullptr;
    CaptureServer *m_server = nullptr;
    RequestStore *m_store = nullptr;
    QList<ListenAddress> m_bound;
    bool m_running = false;
    bool m_listenedOnce = false; // a failure after that (new settings) leaves the service running
};

} // namespace Hookscope
