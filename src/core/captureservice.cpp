#include "captureservice.h"

#include "captureserver.h"
#include "forwarder.h"
#include "logging.h"

#include <QDir>

namespace Hookscope {

CaptureService::CaptureService(Options options, QObject *parent) : QObject(parent), m_options(std::move(options))
{
    m_captureThread.setObjectName(QStringLiteral("hookscope-capture"));
    m_storageThread.setObjectName(QStringLiteral("hookscope-storage"));
    m_forwardThread.setObjectName(QStringLiteral("hookscope-forward"));

    m_server = new CaptureServer(m_options.capture);
    m_store = new RequestStore;
    m_server->moveToThread(&m_captureThread);
    m_store->moveToThread(&m_storageThread);

    connect(m_server, &CaptureServer::requestsCaptured, m_store, &RequestStore::enqueue);
    connect(m_store, &RequestStore::committed, m_server, &CaptureServer::onStored);
    connect(m_store, &RequestStore::requestsStored, this, &CaptureService::requestsStored);
    connect(m_store, &RequestStore::writeFailed, this, &CaptureService::storeWriteFailed);
    connect(m_server, &CaptureServer::proxyAttemptStored, m_store, [this, store = m_store](qint64 id, StoredAttempt attempt) {
        attempt.requestId = id;
        if (const Result<qint64> recorded = store->recordAttempt(attempt); !recorded)
            emit forwardError(tr("a proxied attempt was not stored: %1").arg(recorded.errorMessage()));
    });
    connect(m_server, &CaptureServer::startFailed, this, [this](const QString &message) {
        if (!m_listenedOnce)
            m_running = false;
        emit failed(message);
    });
    connect(m_server, &CaptureServer::listenersClosed, this, [this] {
        m_bound.clear();
        emit capturePaused();
    });
    connect(m_server, &CaptureServer::listening, this, [this](const QList<ListenAddress> &addresses) {
        m_bound = addresses;
        m_listenedOnce = true;
        emit listening(addresses);
    });

    m_captureThread.start();
    m_storageThread.start();
}

CaptureService::~CaptureService()
{
    shutdown();
    QMetaObject::invokeMethod(m_server, [server = m_server] { delete server; }, Qt::BlockingQueuedConnection);
    QMetaObject::invokeMethod(m_store, [store = m_store] { delete store; }, Qt::BlockingQueuedConnection);
    if (m_forwarder)
        QMetaObject::invokeMethod(m_forwarder, [forwarder = m_forwarder] { delete forwarder; },
                                  Qt::BlockingQueuedConnection);
    m_captureThread.quit();
    m_storageThread.quit();
    m_forwardThread.quit();
    m_captureThread.wait();
    m_storageThread.wait();
    m_forwardThread.wait();
}

QString CaptureService::databasePath() const
{
    return QDir(m_options.dataDirectory).filePath(RequestStore::databaseFileName());
}

void CaptureService::start()
{
    m_running = true;
    if (!m_options.forwarding) {
        Result<Forward::Settings> saved = Forward::load(m_options.dataDirectory);
        if (!saved)
            qCWarning(lcCapture).noquote() << saved.errorMessage();
        m_options.forwarding = saved ? saved.value() : Forward::Settings();
    }
    // The forwarder works from the store alone: deliveries left by a previous run go out as soon as it starts.
    if (m_forwarder) {
        QMetaObject::invokeMethod(m_forwarder, [forwarder = m_forwarder] { delete forwarder; },
                                  Qt::BlockingQueuedConnection);
        m_forwarder = nullptr;
    }
    Resend::SendOptions sendOptions;
    sendOptions.timeoutMs = m_options.forwarding->timeoutMs;
    m_forwarder = new Forward::Forwarder(m_options.dataDirectory, m_options.forwarding->retry, sendOptions);
    m_forwarder->moveToThread(&m_forwardThread);
    connect(m_store, &RequestStore::committed, m_forwarder, &Forward::Forwarder::wake);
    connect(m_forwarder, &Forward::Forwarder::deliveryChanged, this, &CaptureService::deliveryChanged);
    connect(m_forwarder, &Forward::Forwarder::targetDown, this, &CaptureService::forwardTargetDown);
    connect(m_forwarder, &Forward::Forwarder::targetUp, this, &CaptureService::forwardTargetUp);
    connect(m_forwarder, &Forward::Forwarder::failed, this, &CaptureService::forwardError);
    m_forwardThread.start();
    QMetaObject::invokeMethod(m_store, [this, store = m_store, server = m_server, options = m_options,
                                        forwarder = m_forwarder] {
        Result<void> opened = store->open(options.dataDirectory);
        if (opened && options.maxStoreBytes > 0)
            opened = store->setMaximumSize(options.maxStoreBytes);
        if (!opened) {
            QMetaObject::invokeMethod(this, [this, message = opened.errorMessage()] {
                m_running = false;
                emit failed(message);
            });
            return;
        }
        store->setRetention(options.retention);
        store->setForwardRules(options.forwarding->rules);
        store->applyRetention();
        store->startIndexing(); // an upgraded store's backlog is indexed from now on, not at the first capture
        // After the store exists (and its schema is current), never before.
        QMetaObject::invokeMethod(forwarder, [forwarder, paused = Forward::pausedRuleKeys(options.forwarding->rules)] {
            forwarder->setPausedRules(paused);
            forwarder->start();
        });
        QMetaObject::invokeMethod(server, [server, forwarding = *options.forwarding] {
            server->setProxyRules(forwarding.rules, forwarding.timeoutMs);
        });
        const Result<qint64> count = store->count();
        QMetaObject::invokeMethod(this, [this, stored = count ? count.value() : 0] { emit storeOpened(stored); });
        QMetaObject::invokeMethod(server, &CaptureServer::start);
    });
}

void CaptureService::pauseCapture()
{
    if (m_running)
        QMetaObject::invokeMethod(m_server, &CaptureServer::closeListeners);
}

void CaptureService::resumeCapture()
{
    if (m_running)
        QMetaObject::invokeMethod(m_server, &CaptureServer::start);
}

void CaptureService::applySettings(const CaptureSettings &capture, const RetentionPolicy &retention)
{
    m_options.capture = capture;
    m_options.retention = retention;
    if (!m_running)
        return;
    QMetaObject::invokeMethod(m_server, [server = m_server, capture] { server->reconfigure(capture); });
    QMetaObject::invokeMethod(m_store, [store = m_store, retention] {
        store->setRetention(retention);
        store->applyRetention();
    });
}

void CaptureService::setSecrets(const Verify::SecretList &secrets)
{
    if (!m_running)
        return;
    // Blocking: the caller re-verifies the stored rows next, and rows stored after this call must use the new
    // secrets. The storage thread only finishes its current transaction first; nothing is read (no wait on the
    // desktop keyring).
    QMetaObject::invokeMethod(m_store, [store = m_store, secrets] { store->setSecrets(secrets); },
                              Qt::BlockingQueuedConnection);
}

void CaptureService::applyForwarding(const Forward::Settings &settings)
{
    m_options.forwarding = settings;
    if (!m_running)
        return;
    QMetaObject::invokeMethod(m_store, [store = m_store, rules = settings.rules] { store->setForwardRules(rules); });
    QMetaObject::invokeMethod(m_server, [server = m_server, settings] {
        server->setProxyRules(settings.rules, settings.timeoutMs);
    });
    QMetaObject::invokeMethod(m_forwarder, [forwarder = m_forwarder, retry = settings.retry,
                                            paused = Forward::pausedRuleKeys(settings.rules)] {
        forwarder->setRetryPolicy(retry);
        forwarder->setPausedRules(paused);
        forwarder->wake();
    });
}

void CaptureService::retryFailedDeliveries(const QList<qint64> &requestIds)
{
    if (!m_running)
        return;
    QMetaObject::invokeMethod(m_forwarder, [forwarder = m_forwarder, requestIds] { forwarder->retryFailed(requestIds); });
}

void CaptureService::discardFailedDeliveries(const QList<qint64> &requestIds)
{
    if (!m_running)
        return;
    QMetaObject::invokeMethod(m_forwarder,
                              [forwarder = m_forwarder, requestIds] { forwarder->discardFailed(requestIds); });
}

void CaptureService::shutdown()
{
    if (!m_running)
        return;
    m_running = false;
    if (m_forwarder)
        QMetaObject::invokeMethod(m_forwarder, &Forward::Forwarder::stop, Qt::BlockingQueuedConnection);
    // Each step is queued behind the work the previous one produced: captured batches reach the store before the
    // final flush, and the store's answers reach the connections before they are closed.
    QMetaObject::invokeMethod(m_server, &CaptureServer::stop, Qt::BlockingQueuedConnection);
    QMetaObject::invokeMethod(m_store, &RequestStore::flush, Qt::BlockingQueuedConnection);
    QMetaObject::invokeMethod(m_server, &CaptureServer::closeAll, Qt::BlockingQueuedConnection);
    QMetaObject::invokeMethod(m_store, [store = m_store] { store->close(); }, Qt::BlockingQueuedConnection);
    qCInfo(lcCapture) << "capture stopped";
}

} // namespace Hookscope
