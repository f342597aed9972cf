#pragma once

#include "capturedrequest.h"
#include "attempt.h"
#include "forwardrule.h"
#include "secretstore.h"
#include "captureserver.h"
#include "responserule.h"
#include "result.h"

#include <QElapsedTimer>
#include <QHash>
#include <QObject>
#include <QSet>
#include <QSqlDatabase>

#include <functional>
#include <limits>
#include <memory>

QT_BEGIN_NAMESPACE
class QSqlQuery;
class QTimer;
QT_END_NAMESPACE

struct sqlite3;
struct sqlite3_stmt;

namespace Hookscope {

class RequestFilter;

struct RetentionPolicy {
    qint64 maxCount = 0;      // 0: unlimited
    qint64 maxAgeSeconds = 0; // 0: unlimited
};

// The SQLite store of captured requests (WAL). One instance owns one connection and must be used from one thread:
// the capture path runs it on the storage thread (group commit through enqueue()); the CLI uses its own instance
// directly for reading, importing and clearing.
class RequestStore : public QObject
{
    Q_OBJECT
public:
    enum class PinnedHandling { KeepPinned, DeletePinned };

    explicit RequestStore(QObject *parent = nullptr);
    ~RequestStore() override;

    static QString databaseFileName() { return QStringLiteral("hookscope.db"); }
    // Opens (and creates or upgrades) the store in a prepared data directory.
    Result<void> open(const QString &dataDirectory);
    void close();
    bool isOpen() const;
    QString databasePath() const { return m_path; }

    void setRetention(RetentionPolicy policy) { m_retention = policy; }
    // Caps the database file; past it, writes fail like on a full disk. 0: no cap.
    Result<void> setMaximumSize(qint64 bytes);

    // Stores requests in one transaction and gives them ids. Ids already set are kept when free (import).
    Result<void> insert(QList<CapturedRequest> &requests);

    Result<qint64> count();
    Result<qint64> sizeOnDisk();
    // Summaries with id > afterId, oldest first.
    Result<QList<RequestSummary>> summaries(qint64 afterId, int limit);
    // The newest summaries with id < beforeId, at most limit of them, oldest first: what the window lists first.
    Result<QList<RequestSummary>> newestSummaries(qint64 beforeId, int limit);
    // Every summary with id < beforeId, oldest first (the window's history at start).
    Result<QList<RequestSummary>> allSummaries(qint64 beforeId = std::numeric_limits<qint64>::max());
    // The SQL of those three reads (for tests: SQLite's plan for each must use the covering index).
    enum class SummaryQuery { After, NewestBefore, Below };
    static QByteArray summarySql(SummaryQuery query);
    Result<CapturedRequest> request(qint64 id);
    // Visits every request, oldest first, without holding them all in memory. The visitor returns false to stop.
    Result<void> forEach(const std::function<bool(const CapturedRequest &)> &visitor);
    Result<int> clear(PinnedHandling pinned);
    Result<int> remove(const QList<qint64> &ids);
    Result<void> setPinned(qint64 id, bool pinned);
    // Puts a colour label on requests (Label::None takes it off), in transactions of a few thousand. Returns the ids
    // that are not in the store (deleted meanwhile); the others are labelled.
    Result<QList<qint64>> setLabel(const QList<qint64> &ids, Label label);
    Result<int> applyRetention();

    // Filtering stored requests (docs/filter.md): the ids of the rows that filter matches, exactly what verdict()
    // and, for the rows it leaves undecided, matches() on the stored headers and body say. The search index
    // (SearchIndex, schema version 6) rules out most rows without reading them; the others are read and matched:
    // rows not indexed yet, bodies over SearchIndex::MaxBodyBytes, and all undecided rows when no term gives text of
    // three bytes or more to look up (short needles, excluded terms only).
    struct MatchStats {
        int lookups = 0; // texts looked up in the index (in one query)
        qint64 read = 0; // rows read and matched
    };
    Result<QSet<qint64>> matchingIds(const RequestFilter &filter, const QList<RequestSummary> &rows,
                                     MatchStats *stats = nullptr);

    // The search index is brought up to date in the background, after the capture's transactions (startIndexing()).
    // This runs one step directly, in one transaction: up to maxRows deleted requests taken out of the index, then
    // up to the rest of maxRows stored requests put in. Returns how many; 0 when the index is up to date.
    Result<int> updateSearchIndex(int maxRows);
    struct SearchIndexBacklog {
        qint64 pending = 0; // stored requests not in the index yet (filters read them in full)
        qint64 deleted = 0; // deleted requests still in the index
    };
    Result<SearchIndexBacklog> searchIndexBacklog();

    // Verification and event detection at insert (on by default), with the secrets of the data directory
    // (secrets.json, or the desktop keyring it points to), read at the first insert, by reloadSecrets(), or given by
    // setSecrets() (the window has read them already). When they cannot be read, the last ones known stay in use and
    // the next insert a minute later tries again.
    void setAnnotateOnInsert(bool on) { m_annotate = on; }
    void reloadSecrets();
    void setSecrets(const Verify::SecretList &secrets);
    RequestAnnotation annotate(const CapturedRequest &request) const;
    static RequestAnnotation annotate(const CapturedRequest &request, const Verify::SecretList &secrets);
    // Verifies stored requests again with these secrets (all, or only those never verified) and stores what
    // changed; *changed receives the new annotations by id.
    Result<int> reannotate(const Verify::SecretList &secrets, bool onlyUnverified,
                           QList<std::pair<qint64, RequestAnnotation>> *changed = nullptr);

    // Requests matching a queue-mode rule get a delivery row in the same transaction as their capture.
    void setForwardRules(const Forward::RuleList &rules) { m_forwardRules = rules; }

    // The durable delivery queue (docs/resend.md). A delivery is due when it is the oldest pending one of its rule
    // (deliveries of one rule go out in arrival order) and its time has come.
    struct Delivery {
        QString rule;
        qint64 requestId = 0;
        QString target;
        int attempts = 0;
        qint64 nextUs = 0;
    };
    enum class DeliveryOutcome { Delivered, Retry, Dead };
    // The head of each rule's queue, due or not, oldest first.
    Result<QList<Delivery>> deliveryHeads();
    // Stores the attempt and moves the delivery on, in one transaction. nextUs: when Retry.
    Result<qint64> recordDelivery(const Delivery &delivery, const StoredAttempt &attempt, DeliveryOutcome outcome,
                                  qint64 nextUs);
    // A resend by hand.
    Result<qint64> recordAttempt(const StoredAttempt &attempt);
    Result<QList<StoredAttempt>> attempts(qint64 requestId);
    // Dead letters: queued again from the first attempt, or dropped. Returns how many requests changed.
    Result<int> retryFailedDeliveries(const QList<qint64> &requestIds, qint64 nowUs);
    Result<int> discardFailedDeliveries(const QList<qint64> &requestIds);
    Result<qint64> pendingDeliveryCount();

    Result<ResponseRules> loadResponseRules();
    Result<void> saveResponseRules(const ResponseRules &rules);

public slots:
    // Group commit: requests queued while a transaction runs are written together by the next one.
    void enqueue(const QList<Hookscope::CapturedRequest> &requests, const QList<quint64> &tickets);
    // Writes everything queued now (used at shutdown).
    void flush();
    // Keeps the search index up to date from this object's thread (its event loop): not while the capture is under
    // load (group commits of several requests), in short steps at most half the time while requests trickle in,
    // continuously when idle. flush() starts it too after each write.
    void startIndexing();

signals:
    void committed(const QList<Hookscope::StoreAck> &acks);
    // Stored requests, with their ids, for the front ends.
    void requestsStored(const QList<Hookscope::CapturedRequest> &requests);
    void writeFailed(const QString &message);

private:
    Result<void> openConnection(const QString &dataDirectory);
    Result<void> exec(const QString &sql);
    CapturedRequest readRow(QSqlQuery &query) const;
    QString lastErrorText() const;
    Result<int> indexBatch(int maxRows, qint64 budgetMs);
    void scheduleIndexing(int delayMs);
    void indexStep();
    Result<bool> beginBulkDelete(qint64 deleting);
    Result<void> finishBulkDelete();

    QString m_connectionName;
    QString m_path;
    RetentionPolicy m_retention;
    qint64 m_nextId = 1;
    QList<CapturedRequest> m_pending;
    QList<quint64> m_pendingTickets;
    bool m_flushScheduled = false;
    QElapsedTimer m_sinceRetention;
    // The capture path's statements run on SQLite directly (the same connection Qt opened): binding through
    // QSqlQuery/QVariant cost about a third of the storage thread's time at 17k requests/s (perf, Release build).
    struct Statement;
    // One of the summary statements, bound to bound (and limit, unless negative), read to the end.
    Result<QList<RequestSummary>> readSummaries(Statement *query, qint64 bound, int limit);
    Result<void> summaryRows(Statement &query, QList<RequestSummary> *rows);
    sqlite3 *m_handle = nullptr;
    std::unique_ptr<Statement> m_insert;
    std::unique_ptr<Statement> m_insertDelivery;
    std::unique_ptr<Statement> m_exists;
    std::unique_ptr<Statement> m_begin;
    std::unique_ptr<Statement> m_commit;
    std::unique_ptr<Statement> m_rollback;
    std::unique_ptr<Statement> m_maxId;
    std::unique_ptr<Statement> m_summaries;
    std::unique_ptr<Statement> m_summariesBefore;
    std::unique_ptr<Statement> m_summariesBelow;
    struct SearchStatements;
    std::unique_ptr<SearchStatements> m_search;
    QTimer *m_indexTimer = nullptr;
    QElapsedTimer m_sinceFlush; // whether requests are arriving, for the indexer's share of the thread
    qsizetype m_lastBatchSize = 0;
    QHash<QByteArray, QByteArray> m_interned; // repeated summary values, shared
    QHash<QByteArray, QString> m_internedText; // providers and events (by their UTF-8), shared
    QString m_dataDirectory;
    Verify::SecretList m_secrets;
    bool m_secretsLoaded = false;
    QElapsedTimer m_secretsRetry; // since the last failed read
    void loadSecretsIfDue();
    bool m_annotate = true;
    Forward::RuleList m_forwardRules;
};

} // namespace Hookscope
