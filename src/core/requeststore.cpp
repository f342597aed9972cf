#include "requeststore.h"

#include "headerblob.h"
#include "logging.h"
#include "requestfilter.h"
#include "searchindex.h"
#include "storeschema.h"
#include "timeformat.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlDriver>
#include <QTimer>
#include <QtEndian>

#include <sqlite3.h>

#include "eventinfo.h"
#include "forwardrule.h"
#include "secretstore.h"

#include <algorithm>
#include <atomic>
#include <vector>

namespace Hookscope {

namespace {
const QString SelectColumns = QStringLiteral(
    "SELECT id, received_us, duration_us, method, target, http_version, headers, trailers, body, raw, remote, local,"
    " connection_id, connection_index, status_sent, rejected_reason, pinned, body_size, body_offset, verdict, provider,"
    " event, forward_state, forward_status, forward_attempts, forward_next_us, label FROM requests");

// The request table's columns (RequestSummary), in the order summaryRows() reads them.
const char SummarySelect[] =
    "SELECT id, received_us, method, target, body_size, status_sent, rejected_reason, pinned, remote, content_type,"
    " verdict, provider, event, forward_state, forward_status, forward_attempts, forward_next_us, label"
    " FROM requests INDEXED BY requests_summary";

// Connection names must be unique per process.
QString nextConnectionName()
{
    static std::atomic<int> counter{0};
    return QStringLiteral("hookscope-store-%1").arg(++counter);
}

// Retention runs at most this often on the capture path: deleting is cheap, but not free at every commit.
constexpr qint64 RetentionIntervalMs = 1000;

// The search index's background steps (indexStep). Indexing costs about 0.5 us per distinct trigram, 0.3-0.5 ms for
// a 1 KiB JSON body of random ids, far more than storing the request (docs/performance.md), so it never runs inside
// the capture's transaction. Under load (requests queued while a commit ran: group commits of several) it waits:
// steps of 5 ms at half the thread's time cost 40% of the capture rate under wrk (the connections wait for their
// commits). While requests trickle in, transactions of about BusyStepMs with at least as long a pause after each.
// When idle, longer transactions back to back: each one flushes FTS5's in-memory hash to a new segment, and fewer,
// larger segments cost less to merge.
constexpr qint64 BusyStepMs = 5;
constexpr qint64 IdleStepMs = 100;
constexpr qint64 BusyWindowMs = 250; // a write this recent: requests are arriving
constexpr qsizetype LoadedBatch = 4; // a group commit of more: the capture is under load
constexpr int StepMaxRows = 5000;
// Deleting at least this many requests, and most of the store, empties the search index and indexes what stays
// (beginBulkDelete) instead of copying every deleted request for the indexer to take out.
constexpr qint64 BulkDeleteMinimum = 10000;

QByteArrayView columnBytes(sqlite3_stmt *statement, int column)
{
    const auto *data = static_cast<const char *>(sqlite3_column_blob(statement, column));
    return QByteArrayView(data, sqlite3_column_bytes(statement, column));
}

// Runs body inside BEGIN IMMEDIATE ... COMMIT, rolling back on any error.
template<typename T, typename F>
Result<T> inTransaction(QSqlDatabase &db, F &&body)
{
    QSqlQuery control(db);
    if (!control.exec(QStringLiteral("BEGIN IMMEDIATE")))
        return makeError(ErrorCode::StoreFailure, control.lastError().text());
    Result<T> result = body();
    if (!result) {
        control.exec(QStringLiteral("ROLLBACK"));
        return result;
    }
    if (!control.exec(QStringLiteral("COMMIT"))) {
        const QString error = control.lastError().text();
        control.exec(QStringLiteral("ROLLBACK"));
        return makeError(ErrorCode::StoreFailure, error);
    }
    return result;
}
} // namespace

// A prepared statement, finalized with its owner.
struct RequestStore::Statement {
    sqlite3_stmt *statement = nullptr;
    sqlite3 *handle = nullptr;
    QString lastError; // of the last failed run(), taken before the reset clears it

    ~Statement() { sqlite3_finalize(statement); }
    bool prepare(sqlite3 *db, const char *sql)
    {
        handle = db;
        return sqlite3_prepare_v3(db, sql, -1, SQLITE_PREPARE_PERSISTENT, &statement, nullptr) == SQLITE_OK;
    }
    void bind(int column, qint64 value) { sqlite3_bind_int64(statement, column, value); }
    void bindNull(int column) { sqlite3_bind_null(statement, column); }
    // SQLITE_STATIC: the bytes outlive the step (the caller holds them until reset()).
    void bindBlob(int column, const QByteArray &bytes)
    {
        sqlite3_bind_blob64(statement, column, bytes.isNull() ? "" : bytes.constData(), sqlite3_uint64(bytes.size()),
                            SQLITE_STATIC);
    }
    void bindText(int column, const QByteArray &utf8)
    {
        sqlite3_bind_text64(statement, column, utf8.isNull() ? "" : utf8.constData(), sqlite3_uint64(utf8.size()),
                            SQLITE_STATIC, SQLITE_UTF8);
    }
    int step() { return sqlite3_step(statement); }
    // One step of a statement with results: SQLITE_ROW, SQLITE_DONE or an error, kept in lastError.
    int next()
    {
        const int result = sqlite3_step(statement);
        if (result != SQLITE_ROW && result != SQLITE_DONE)
            lastError = QString::fromUtf8(sqlite3_errmsg(handle));
        return result;
    }
    void reset()
    {
        sqlite3_reset(statement);
        sqlite3_clear_bindings(statement);
    }
    // Runs a statement without results; returns the SQLite result code.
    int run()
    {
        const int result = step();
        if (result != SQLITE_DONE && result != SQLITE_ROW)
            lastError = QString::fromUtf8(sqlite3_errmsg(handle));
        reset();
        return result;
    }
    Error error(int code) const
    {
        return makeError(code == SQLITE_FULL ? ErrorCode::StoreFull : ErrorCode::StoreFailure, lastError);
    }
};

// The search index's statements (schema version 6, storeschema.cpp).
struct RequestStore::SearchStatements {
    Statement pendingIds;
    Statement deletedSeqs;
    Statement readDeleted;
    Statement readPending;
    Statement insertWords;
    Statement deleteWords;
    Statement unpend;
    Statement forgetDeleted;
    Statement match;
    Statement allPending;
    Statement payload;
    Statement beginRead;

    bool prepare(sqlite3 *db)
    {
        // The body as requests_search_deleted copies it: the words taken out must be the words put in.
        static_assert(SearchIndex::MaxBodyBytes == 262144, "the indexed body is cut like requests_search_deleted");
        return pendingIds.prepare(db, "SELECT id FROM search_pending ORDER BY id LIMIT ?") &&
               deletedSeqs.prepare(db, "SELECT seq FROM search_deleted ORDER BY seq LIMIT ?") &&
               readDeleted.prepare(db, "SELECT id, headers, body FROM search_deleted WHERE seq = ?") &&
               readPending.prepare(db, "SELECT CAST(headers AS BLOB), CASE WHEN body_offset >= 0"
                                       " THEN substr(CAST(raw AS BLOB), body_offset + 1, 262144)"
                                       " ELSE substr(CAST(COALESCE(body, x'') AS BLOB), 1, 262144) END"
                                       " FROM requests WHERE id = ?") &&
               insertWords.prepare(db, "INSERT INTO search_index (rowid, words) VALUES (?, ?)") &&
               deleteWords.prepare(db, "INSERT INTO search_index (search_index, rowid, words)"
                                       " VALUES ('delete', ?, ?)") &&
               unpend.prepare(db, "DELETE FROM search_pending WHERE id = ?") &&
               forgetDeleted.prepare(db, "DELETE FROM search_deleted WHERE seq = ?") &&
               match.prepare(db, "SELECT rowid FROM search_index WHERE search_index MATCH ?") &&
               allPending.prepare(db, "SELECT id FROM search_pending ORDER BY id") &&
               payload.prepare(db, "SELECT headers, body, raw, body_offset FROM requests WHERE id = ?") &&
               beginRead.prepare(db, "BEGIN");
    }
};

RequestStore::RequestStore(QObject *parent) : QObject(parent), m_connectionName(nextConnectionName())
{
    m_indexTimer = new QTimer(this);
    m_indexTimer->setSingleShot(true);
    connect(m_indexTimer, &QTimer::timeout, this, &RequestStore::indexStep);
    qRegisterMetaType<QList<Hookscope::CapturedRequest>>();
    qRegisterMetaType<QList<Hookscope::StoreAck>>();
    qRegisterMetaType<QList<quint64>>();
}

RequestStore::~RequestStore()
{
    close();
}

bool RequestStore::isOpen() const
{
    return QSqlDatabase::contains(m_connectionName) && QSqlDatabase::database(m_connectionName, false).isOpen();
}

QString RequestStore::lastErrorText() const
{
    return QSqlDatabase::database(m_connectionName, false).lastError().text();
}

Result<void> RequestStore::exec(const QString &sql)
{
    QSqlQuery query(QSqlDatabase::database(m_connectionName, false));
    if (!query.exec(sql))
        return makeError(ErrorCode::StoreFailure, query.lastError().text());
    return {};
}

Result<void> RequestStore::open(const QString &dataDirectory)
{
    close();
    Result<void> opened = openConnection(dataDirectory);
    if (!opened)
        close(); // a refused store stays untouched and unusable
    return opened;
}

Result<void> RequestStore::openConnection(const QString &dataDirectory)
{
    m_path = QDir(dataDirectory).filePath(databaseFileName());
    if (!QFile::exists(m_path)) {
        // Create the file ourselves so it starts owner-only; SQLite gives its -wal and -shm files the same mode.
        QFile file(m_path);
        if (!file.open(QIODevice::WriteOnly))
            return makeError(ErrorCode::Io, tr("cannot create the store %1: %2").arg(m_path, file.errorString()));
        file.setPermissions(QFile::ReadOwner | QFile::WriteOwner);
    }
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connectionName);
    db.setDatabaseName(m_path);
    db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=5000"));
    if (!db.open())
        return makeError(ErrorCode::StoreFailure, tr("cannot open the store %1: %2").arg(m_path, db.lastError().text()));
    // A store written by a newer Hookscope is refused before anything (the journal mode included) is changed.
    if (const int found = StoreSchema::version(db); found > StoreSchema::CurrentVersion)
        return StoreSchema::newerVersionError(found);
    // WAL: readers (the CLI, the GUI's loader) never block the writer. synchronous=NORMAL: a committed transaction
    // survives the process being killed (the OS has the WAL pages); only a power cut may lose the last commits.
    for (const QString &pragma : {QStringLiteral("PRAGMA journal_mode=WAL"), QStringLiteral("PRAGMA synchronous=NORMAL"),
                                  QStringLiteral("PRAGMA temp_store=MEMORY")}) {
        if (Result<void> r = exec(pragma); !r)
            return makeError(ErrorCode::StoreFailure, tr("cannot open the store %1: %2").arg(m_path, r.errorMessage()));
    }
    if (Result<void> r = StoreSchema::migrate(db); !r)
        return r;
    QSqlQuery maxId(db);
    if (maxId.exec(QStringLiteral("SELECT COALESCE(MAX(id), 0) FROM requests")) && maxId.next())
        m_nextId = maxId.value(0).toLongLong() + 1;
    const QVariant handle = db.driver()->handle();
    if (qstrcmp(handle.typeName(), "sqlite3*") != 0 || !(m_handle = *static_cast<sqlite3 *const *>(handle.constData())))
        return makeError(ErrorCode::StoreFailure, tr("the SQLite driver gave no database handle"));
    m_insert = std::make_unique<Statement>();
    m_insertDelivery = std::make_unique<Statement>();
    m_exists = std::make_unique<Statement>();
    m_begin = std::make_unique<Statement>();
    m_commit = std::make_unique<Statement>();
    m_rollback = std::make_unique<Statement>();
    m_maxId = std::make_unique<Statement>();
    m_summaries = std::make_unique<Statement>();
    m_summariesBefore = std::make_unique<Statement>();
    m_summariesBelow = std::make_unique<Statement>();
    // Through the covering index of the summary columns (schema version 7): never the wide table rows.
    if (!m_summaries->prepare(m_handle, summarySql(SummaryQuery::After).constData()) ||
        !m_summariesBefore->prepare(m_handle, summarySql(SummaryQuery::NewestBefore).constData()) ||
        !m_summariesBelow->prepare(m_handle, summarySql(SummaryQuery::Below).constData()) ||
        !m_maxId->prepare(m_handle, "SELECT COALESCE(MAX(id), 0) FROM requests") || !m_insert->prepare(m_handle,
                           "INSERT INTO requests (id, received_us, duration_us, method, target, http_version, headers,"
                           " trailers, body, raw, remote, local, connection_id, connection_index, status_sent,"
                           " rejected_reason, pinned, body_size, body_offset, content_type, verdict, provider, event,"
                           " forward_state, forward_next_us, label)"
                           " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)") ||
        !m_insertDelivery->prepare(m_handle, "INSERT OR IGNORE INTO deliveries (rule, request_id, target, next_us)"
                                             " VALUES (?,?,?,?)") ||
        !m_exists->prepare(m_handle, "SELECT 1 FROM requests WHERE id = ?") ||
        !m_begin->prepare(m_handle, "BEGIN IMMEDIATE") || !m_commit->prepare(m_handle, "COMMIT") ||
        !m_rollback->prepare(m_handle, "ROLLBACK") ||
        !(m_search = std::make_unique<SearchStatements>())->prepare(m_handle)) {
        const QString error = QString::fromUtf8(sqlite3_errmsg(m_handle));
        close();
        return makeError(ErrorCode::StoreFailure, error);
    }
    m_sinceRetention.start();
    m_dataDirectory = dataDirectory;
    // Secrets are read when the first request is annotated, not here: most stores (the window's reads, pin,
    // delete, the CLI's listing) never annotate, and reading them may ask the desktop keyring.
    m_secretsLoaded = false;
    qCInfo(lcStore) << "opened" << m_path << "next id" << m_nextId;
    return {};
}

void RequestStore::close()
{
    // Statements first: a connection with unfinalized statements cannot close.
    m_insert.reset();
    m_insertDelivery.reset();
    m_exists.reset();
    m_begin.reset();
    m_commit.reset();
    m_rollback.reset();
    m_maxId.reset();
    m_summaries.reset();
    m_summariesBefore.reset();
    m_summariesBelow.reset();
    m_search.reset();
    if (m_indexTimer->isActive())
        m_indexTimer->stop();
    m_interned.clear();
    m_internedText.clear();
    m_handle = nullptr;
    if (QSqlDatabase::contains(m_connectionName)) {
        QSqlDatabase::database(m_connectionName, false).close();
        QSqlDatabase::removeDatabase(m_connectionName);
    }
}

Result<void> RequestStore::setMaximumSize(qint64 bytes)
{
    QSqlQuery query(QSqlDatabase::database(m_connectionName, false));
    if (!query.exec(QStringLiteral("PRAGMA page_size")) || !query.next())
        return makeError(ErrorCode::StoreFailure, query.lastError().text());
    const qint64 pageSize = qMax<qint64>(512, query.value(0).toLongLong());
    const qint64 pages = bytes > 0 ? qMax<qint64>(1, bytes / pageSize) : 4294967294LL;
    return exec(QStringLiteral("PRAGMA max_page_count = %1").arg(pages));
}

Result<void> RequestStore::insert(QList<CapturedRequest> &requests)
{
    if (!m_insert)
        return makeError(ErrorCode::StoreFailure, tr("the store is not open"));
    // IMMEDIATE: take the write lock first, so a commit by another process (pin, clear, import) between our read of
    // MAX(id) and the insert cannot fail the batch with SQLITE_BUSY; the busy timeout waits for the lock instead.
    if (const int result = m_begin->run(); result != SQLITE_DONE)
        return m_begin->error(result);
    // Another process (an import, a second front end) may have added rows since the last transaction.
    if (m_maxId->step() == SQLITE_ROW)
        m_nextId = qMax(m_nextId, sqlite3_column_int64(m_maxId->statement, 0) + 1);
    m_maxId->reset();
    const qint64 firstId = m_nextId;
    QList<qint64> givenIds;
    givenIds.reserve(requests.size());
    for (const CapturedRequest &request : std::as_const(requests))
        givenIds.append(request.id);
    auto fail = [&](Statement &statement, int result) -> Result<void> {
        const Error error = statement.error(result);
        m_rollback->run();
        m_nextId = firstId;
        for (qsizetype i = 0; i < requests.size(); ++i)
            requests[i].id = givenIds[i]; // nothing was stored: the caller's ids, as they were
        return error;
    };
    for (CapturedRequest &request : requests) {
        qint64 id = 0;
        if (request.id > 0) { // imported: keep the id when it is free
            m_exists->bind(1, request.id);
            if (m_exists->run() == SQLITE_DONE)
                id = request.id;
        }
        if (id == 0)
            id = m_nextId;
        // A body that is the tail of the raw bytes (no chunked framing) is stored once.
        const bool bodyInRaw = !request.body.isEmpty() && request.raw.endsWith(request.body);
        // Bound without copying: these locals and the request outlive the step.
        const QByteArray headers = HeaderBlob::encode(request.headers);
        const QByteArray trailers = request.trailers.isEmpty() ? QByteArray() : HeaderBlob::encode(request.trailers);
        const QByteArray remote = request.remoteText().toUtf8();
        const QByteArray local = request.localText().toUtf8();
        const QByteArray rejected = request.rejectedReason.toUtf8();
        const QByteArray contentType = request.headerValue("content-type");
        Statement &insert = *m_insert;
        insert.bind(1, id);
        insert.bind(2, request.receivedUs);
        insert.bind(3, request.receiveDurationUs);
        insert.bindBlob(4, request.method);
        insert.bindBlob(5, request.target);
        insert.bindText(6, request.httpVersion);
        insert.bindBlob(7, headers);
        if (trailers.isEmpty())
            insert.bindNull(8);
        else
            insert.bindBlob(8, trailers);
        if (bodyInRaw || request.body.isEmpty())
            insert.bindNull(9);
        else
            insert.bindBlob(9, request.body);
        insert.bindBlob(10, request.raw);
        insert.bindText(11, remote);
        insert.bindText(12, local);
        insert.bind(13, qint64(request.connectionId));
        insert.bind(14, request.connectionIndex);
        insert.bind(15, request.statusSent);
        if (rejected.isEmpty())
            insert.bindNull(16);
        else
            insert.bindText(16, rejected);
        insert.bind(17, request.pinned ? 1 : 0);
        insert.bind(18, request.body.size());
        insert.bind(19, bodyInRaw ? request.raw.size() - request.body.size() : -1);
        insert.bindBlob(20, contentType);
        if (request.annotation.verdict < 0 && m_annotate && !m_secretsLoaded)
            loadSecretsIfDue();
        if (request.annotation.verdict < 0 && m_annotate)
            request.annotation = annotate(request);
        const QByteArray provider = request.annotation.provider.toUtf8();
        const QByteArray event = request.annotation.event.toUtf8();
        insert.bind(21, request.annotation.verdict);
        insert.bindText(22, provider);
        insert.bindText(23, event);
        // Queue-mode forwarding: the delivery is written in the capture's own transaction, so a request that was
        // answered is never lost to the queue, even if the process is killed right after.
        const Forward::Rule *rule = request.forward.state == ForwardState::None ? Forward::match(m_forwardRules, request)
                                                                                : nullptr;
        if (rule && rule->mode == Forward::Mode::Queue) {
            request.forward.state = ForwardState::Pending;
            request.forward.nextUs = request.receivedUs;
        }
        insert.bind(24, qint8(request.forward.state));
        insert.bind(25, request.forward.nextUs);
        insert.bind(26, int(request.label));
        if (const int result = insert.run(); result != SQLITE_DONE)
            return fail(insert, result);
        if (rule && rule->mode == Forward::Mode::Queue) {
            const QByteArray key = rule->key().toUtf8();
            // As bytes: the forwarder sends the captured path and query exactly, not as QUrl would normalize them.
            const QByteArray target = rule->resolveBytes(request.target);
            Statement &delivery = *m_insertDelivery;
            delivery.bindText(1, key);
            delivery.bind(2, id);
            delivery.bindText(3, target);
            delivery.bind(4, request.receivedUs);
            if (const int result = delivery.run(); result != SQLITE_DONE)
                return fail(delivery, result);
        }
        request.id = id;
        m_nextId = qMax(m_nextId, id + 1);
    }
    if (const int result = m_commit->run(); result != SQLITE_DONE)
        return fail(*m_commit, result);
    return {};
}

void RequestStore::enqueue(const QList<CapturedRequest> &requests, const QList<quint64> &tickets)
{
    m_pending.append(requests);
    m_pendingTickets.append(tickets);
    if (!m_flushScheduled) {
        m_flushScheduled = true;
        // Queued behind the batches already waiting in this thread's event queue: they join this transaction.
        QMetaObject::invokeMethod(this, &RequestStore::flush, Qt::QueuedConnection);
    }
}

void RequestStore::flush()
{
    m_flushScheduled = false;
    if (m_pending.isEmpty())
        return;
    QList<CapturedRequest> batch = std::move(m_pending);
    const QList<quint64> tickets = std::move(m_pendingTickets);
    m_pending.clear();
    m_pendingTickets.clear();

    const Result<void> result = insert(batch);
    QList<StoreAck> acks;
    acks.reserve(tickets.size());
    for (qsizetype i = 0; i < tickets.size(); ++i)
        acks.append(StoreAck{tickets[i], result ? batch[i].id : 0, result.isOk(), result.errorMessage()});
    emit committed(acks);
    if (result) {
        emit requestsStored(batch);
        m_sinceFlush.start();
        m_lastBatchSize = batch.size();
        scheduleIndexing(0);
    } else {
        qCWarning(lcStore) << "could not store" << batch.size() << "requests:" << result.errorMessage();
        emit writeFailed(result.errorMessage());
    }
    // Also after a failed write: requests aging out can make room in a full store.
    if ((m_retention.maxCount > 0 || m_retention.maxAgeSeconds > 0) &&
        m_sinceRetention.elapsed() >= RetentionIntervalMs) {
        applyRetention();
    }
}

Result<int> RequestStore::applyRetention()
{
    m_sinceRetention.start();
    if (m_retention.maxAgeSeconds <= 0 && m_retention.maxCount <= 0)
        return 0;
    QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
    const Result<int> result = inTransaction<int>(db, [&]() -> Result<int> {
        QSqlQuery query(db);
        // Deletes the requests matching condition (bound to value), counted first: deleting most of the store
        // empties the search index instead (beginBulkDelete). The count walks the same rows as the delete.
        auto deleteWhere = [&](const QString &condition, qint64 value) -> Result<int> {
            query.prepare(QStringLiteral("SELECT COUNT(*) FROM requests WHERE ") + condition);
            query.addBindValue(value);
            if (!query.exec() || !query.next())
                return makeError(ErrorCode::StoreFailure, query.lastError().text());
            const qint64 deleting = query.value(0).toLongLong();
            query.finish();
            if (deleting == 0)
                return 0;
            const Result<bool> bulk = beginBulkDelete(deleting);
            if (!bulk)
                return bulk.error();
            query.prepare(QStringLiteral("DELETE FROM requests WHERE ") + condition);
            query.addBindValue(value);
            if (!query.exec())
                return makeError(ErrorCode::StoreFailure, query.lastError().text());
            const int deleted = query.numRowsAffected();
            if (bulk.value()) {
                if (const Result<void> finished = finishBulkDelete(); !finished)
                    return finished.error();
            }
            return deleted;
        };
        int removed = 0;
        if (m_retention.maxAgeSeconds > 0) {
            // Requests still waiting for delivery are kept: dropping them would lose the events they carry.
            const Result<int> deleted = deleteWhere(
                QStringLiteral("pinned = 0 AND forward_state NOT IN (0, 2) AND received_us < ?"),
                currentTimeUs() - m_retention.maxAgeSeconds * 1000000);
            if (!deleted)
                return deleted;
            removed += deleted.value();
        }
        if (m_retention.maxCount > 0) {
            // The newest unpinned request past the limit; it and older ones go.
            query.prepare(QStringLiteral("SELECT id FROM requests WHERE pinned = 0 ORDER BY id DESC LIMIT 1 OFFSET ?"));
            query.addBindValue(m_retention.maxCount);
            if (!query.exec())
                return makeError(ErrorCode::StoreFailure, query.lastError().text());
            if (query.next()) {
                const qint64 last = query.value(0).toLongLong();
                query.finish();
                const Result<int> deleted =
                    deleteWhere(QStringLiteral("pinned = 0 AND forward_state NOT IN (0, 2) AND id <= ?"), last);
                if (!deleted)
                    return deleted;
                removed += deleted.value();
            }
        }
        return removed;
    });
    if (result && result.value() > 0) {
        qCInfo(lcStore) << "retention removed" << result.value() << "requests";
        scheduleIndexing(0);
    }
    return result;
}

Result<bool> RequestStore::beginBulkDelete(qint64 deleting)
{
    if (deleting < BulkDeleteMinimum)
        return false;
    QSqlQuery query(QSqlDatabase::database(m_connectionName, false));
    if (!query.exec(QStringLiteral("SELECT COUNT(*) FROM requests")) || !query.next())
        return makeError(ErrorCode::StoreFailure, query.lastError().text());
    if (deleting * 2 < query.value(0).toLongLong())
        return false;
    query.finish();
    // The delete trigger stops copying deleted requests to search_deleted until finishBulkDelete().
    if (!query.exec(QStringLiteral("UPDATE search_state SET bulk = 1")))
        return makeError(ErrorCode::StoreFailure, query.lastError().text());
    return true;
}

Result<void> RequestStore::finishBulkDelete()
{
    // In the deleting transaction: the index is emptied, and every request left (pending or not) is indexed again.
    for (const QString &statement :
         {QStringLiteral("INSERT INTO search_index (search_index) VALUES ('delete-all')"),
          QStringLiteral("DELETE FROM search_deleted"),
          QStringLiteral("INSERT OR IGNORE INTO search_pending (id) SELECT id FROM requests"),
          QStringLiteral("UPDATE search_state SET bulk = 0")}) {
        if (Result<void> r = exec(statement); !r)
            return r;
    }
    return {};
}

CapturedRequest RequestStore::readRow(QSqlQuery &query) const
{
    CapturedRequest request;
    request.id = query.value(0).toLongLong();
    request.receivedUs = query.value(1).toLongLong();
    request.receiveDurationUs = query.value(2).toLongLong();
    request.method = query.value(3).toByteArray();
    request.target = query.value(4).toByteArray();
    request.httpVersion = query.value(5).toString().toLatin1();
    request.headers = HeaderBlob::decode(query.value(6).toByteArray());
    request.trailers = HeaderBlob::decode(query.value(7).toByteArray());
    request.raw = query.value(9).toByteArray();
    const qint64 bodyOffset = query.value(18).toLongLong();
    request.body = bodyOffset >= 0 ? request.raw.mid(bodyOffset) : query.value(8).toByteArray();
    if (request.body.isNull())
        request.body = QByteArray("");
    CapturedRequest::parseEndpoint(query.value(10).toString(), &request.remoteAddress, &request.remotePort);
    CapturedRequest::parseEndpoint(query.value(11).toString(), &request.localAddress, &request.localPort);
    request.connectionId = query.value(12).toULongLong();
    request.connectionIndex = query.value(13).toInt();
    request.statusSent = query.value(14).toInt();
    request.rejectedReason = query.value(15).toString();
    request.pinned = query.value(16).toInt() != 0;
    request.annotation.verdict = qint8(query.value(19).toInt());
    request.annotation.provider = query.value(20).toString();
    request.annotation.event = query.value(21).toString();
    request.forward.state = ForwardState(query.value(22).toInt());
    request.forward.lastStatus = query.value(23).toInt();
    request.forward.attempts = query.value(24).toInt();
    request.forward.nextUs = query.value(25).toLongLong();
    request.label = labelFromNumber(query.value(26).toInt());
    return request;
}

RequestAnnotation RequestStore::annotate(const CapturedRequest &request, const Verify::SecretList &secrets)
{
    RequestAnnotation annotation;
    const Verify::Verification verification = Verify::verifyWithSecrets(request, secrets);
    annotation.verdict = qint8(verification.verdict);
    const Verify::EventInfo info = Verify::describeEvent(request);
    // The signature names the provider when there is one; the event module knows the unsigned senders too.
    annotation.provider = verification.provider.isEmpty() ? info.provider : verification.provider;
    annotation.event = info.event;
    return annotation;
}

RequestAnnotation RequestStore::annotate(const CapturedRequest &request) const
{
    return annotate(request, m_secrets);
}

void RequestStore::reloadSecrets()
{
    Result<Verify::SecretList> secrets = Verify::SecretStore::load(m_dataDirectory);
    if (!secrets) {
        // The secrets known so far stay in use (an unreachable keyring must not turn every verdict into
        // "no secret"); they are read again at the next request a minute from now.
        qCWarning(lcStore) << "secrets not loaded:" << secrets.errorMessage();
        m_secretsLoaded = false;
        m_secretsRetry.start();
        return;
    }
    setSecrets(std::move(secrets).value());
}

void RequestStore::setSecrets(const Verify::SecretList &secrets)
{
    m_secrets = secrets;
    m_secretsLoaded = true;
}

void RequestStore::loadSecretsIfDue()
{
    if (!m_secretsRetry.isValid() || m_secretsRetry.hasExpired(60 * 1000))
        reloadSecrets();
}

Result<int> RequestStore::reannotate(const Verify::SecretList &secrets, bool onlyUnverified,
                                     QList<std::pair<qint64, RequestAnnotation>> *changed)
{
    // Read everything first, then write in one transaction: the read statement is finished before the writes.
    QList<std::pair<qint64, RequestAnnotation>> updates;
    Result<void> read = forEach([&](const CapturedRequest &request) {
        if (onlyUnverified && request.annotation.verdict >= 0)
            return true;
        const RequestAnnotation annotation = annotate(request, secrets);
        if (annotation != request.annotation)
            updates.append({request.id, annotation});
        return true;
    });
    if (!read)
        return read.error();
    QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
    QSqlQuery query(db);
    if (!query.exec(QStringLiteral("BEGIN IMMEDIATE")))
        return makeError(ErrorCode::StoreFailure, query.lastError().text());
    query.prepare(QStringLiteral("UPDATE requests SET verdict = ?, provider = ?, event = ? WHERE id = ?"));
    for (const auto &[id, annotation] : std::as_const(updates)) {
        query.addBindValue(int(annotation.verdict));
        // A null QString binds as NULL; the columns hold '' for "none".
        query.addBindValue(annotation.provider.isEmpty() ? QStringLiteral("") : annotation.provider);
        query.addBindValue(annotation.event.isEmpty() ? QStringLiteral("") : annotation.event);
        query.addBindValue(id);
        if (!query.exec()) {
            const Error error = makeError(ErrorCode::StoreFailure, query.lastError().text());
            QSqlQuery(db).exec(QStringLiteral("ROLLBACK"));
            return error;
        }
    }
    if (!QSqlQuery(db).exec(QStringLiteral("COMMIT")))
        return makeError(ErrorCode::StoreFailure, db.lastError().text());
    if (changed)
        *changed = std::move(updates);
    return int(changed ? changed->size() : updates.size());
}

Result<QList<RequestStore::Delivery>> RequestStore::deliveryHeads()
{
    QSqlQuery query(QSqlDatabase::database(m_connectionName, false));
    query.setForwardOnly(true);
    // The oldest pending delivery of each rule: later ones wait behind it (arrival order per rule).
    if (!query.exec(QStringLiteral(
            "SELECT d.rule, d.request_id, d.target, d.attempts, d.next_us FROM deliveries d"
            " JOIN (SELECT rule, MIN(request_id) AS head FROM deliveries WHERE state = 0 GROUP BY rule) h"
            " ON d.rule = h.rule AND d.request_id = h.head ORDER BY d.next_us")))
        return makeError(ErrorCode::StoreFailure, query.lastError().text());
    QList<Delivery> heads;
    while (query.next())
        heads.append({query.value(0).toString(), query.value(1).toLongLong(), query.value(2).toString(),
                      query.value(3).toInt(), query.value(4).toLongLong()});
    if (query.lastError().isValid())
        return makeError(ErrorCode::StoreFailure, query.lastError().text());
    return heads;
}

namespace
{
Result<qint64> insertAttempt(QSqlDatabase &db, const StoredAttempt &attempt)
{
    QSqlQuery query(db);
    query.prepare(QStringLiteral(
        "INSERT INTO attempts (request_id, rule, started_us, url, request, status, reason, http_version,"
        " response_headers, response_body, connect_us, tls_us, first_byte_us, total_us, error)"
        " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"));
    query.addBindValue(attempt.requestId);
    query.addBindValue(attempt.rule.isEmpty() ? QStringLiteral("") : attempt.rule);
    query.addBindValue(attempt.startedUs);
    query.addBindValue(attempt.url.isEmpty() ? QStringLiteral("") : attempt.url);
    query.addBindValue(attempt.requestBytes.isNull() ? QByteArray("") : attempt.requestBytes);
    query.addBindValue(attempt.status);
    query.addBindValue(attempt.reason);
    query.addBindValue(attempt.httpVersion);
    query.addBindValue(HeaderBlob::encode(attempt.responseHeaders));
    query.addBindValue(attempt.responseBody);
    query.addBindValue(attempt.connectUs);
    query.addBindValue(attempt.tlsUs);
    query.addBindValue(attempt.firstByteUs);
    query.addBindValue(attempt.totalUs);
    query.addBindValue(attempt.error.isEmpty() ? QStringLiteral("") : attempt.error);
    if (!query.exec())
        return makeError(ErrorCode::StoreFailure, query.lastError().text());
    return query.lastInsertId().toLongLong();
}
} // namespace

Result<qint64> RequestStore::recordDelivery(const Delivery &delivery, const StoredAttempt &attempt,
                                            DeliveryOutcome outcome, qint64 nextUs)
{
    QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
    return inTransaction<qint64>(db, [&]() -> Result<qint64> {
        const Result<qint64> id = insertAttempt(db, attempt);
        if (!id)
            return id;
        const int state = outcome == DeliveryOutcome::Delivered ? 1 : outcome == DeliveryOutcome::Dead ? 2 : 0;
        const ForwardState requestState = outcome == DeliveryOutcome::Delivered ? ForwardState::Delivered
                                          : outcome == DeliveryOutcome::Dead    ? ForwardState::Failed
                                                                                : ForwardState::Retrying;
        QSqlQuery query(db);
        query.prepare(QStringLiteral("UPDATE deliveries SET state = ?, attempts = attempts + 1, next_us = ?,"
                                     " last_status = ?, last_error = ? WHERE rule = ? AND request_id = ?"));
        query.addBindValue(state);
        query.addBindValue(nextUs);
        query.addBindValue(attempt.status);
        query.addBindValue(attempt.error.isEmpty() ? QStringLiteral("") : attempt.error);
        query.addBindValue(delivery.rule);
        query.addBindValue(delivery.requestId);
        if (!query.exec())
            return makeError(ErrorCode::StoreFailure, query.lastError().text());
        query.prepare(QStringLiteral("UPDATE requests SET forward_state = ?, forward_status = ?,"
                                     " forward_attempts = forward_attempts + 1, forward_next_us = ? WHERE id = ?"));
        query.addBindValue(int(requestState));
        query.addBindValue(attempt.status);
        query.addBindValue(outcome == DeliveryOutcome::Retry ? nextUs : 0);
        query.addBindValue(delivery.requestId);
        if (!query.exec())
            return makeError(ErrorCode::StoreFailure, query.lastError().text());
        return id;
    });
}

Result<qint64> RequestStore::recordAttempt(const StoredAttempt &attempt)
{
    QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
    return inTransaction<qint64>(db, [&] { return insertAttempt(db, attempt); });
}

Result<QList<StoredAttempt>> RequestStore::attempts(qint64 requestId)
{
    QSqlQuery query(QSqlDatabase::database(m_connectionName, false));
    query.setForwardOnly(true);
    query.prepare(QStringLiteral(
        "SELECT id, request_id, rule, started_us, url, request, status, reason, http_version, response_headers,"
        " response_body, connect_us, tls_us, first_byte_us, total_us, error FROM attempts WHERE request_id = ?"
        " ORDER BY id"));
    query.addBindValue(requestId);
    if (!query.exec())
        return makeError(ErrorCode::StoreFailure, query.lastError().text());
    QList<StoredAttempt> list;
    while (query.next()) {
        StoredAttempt a;
        a.id = query.value(0).toLongLong();
        a.requestId = query.value(1).toLongLong();
        a.rule = query.value(2).toString();
        a.startedUs = query.value(3).toLongLong();
        a.url = query.value(4).toString();
        a.requestBytes = query.value(5).toByteArray();
        a.status = query.value(6).toInt();
        a.reason = query.value(7).toByteArray();
        a.httpVersion = query.value(8).toByteArray();
        a.responseHeaders = HeaderBlob::decode(query.value(9).toByteArray());
        a.responseBody = query.value(10).toByteArray();
        a.connectUs = query.value(11).toLongLong();
        a.tlsUs = query.value(12).toLongLong();
        a.firstByteUs = query.value(13).toLongLong();
        a.totalUs = query.value(14).toLongLong();
        a.error = query.value(15).toString();
        list.append(a);
    }
    if (query.lastError().isValid())
        return makeError(ErrorCode::StoreFailure, query.lastError().text());
    return list;
}

Result<int> RequestStore::retryFailedDeliveries(const QList<qint64> &requestIds, qint64 nowUs)
{
    QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
    return inTransaction<int>(db, [&]() -> Result<int> {
        int changed = 0;
        QSqlQuery query(db);
        for (qint64 id : requestIds) {
            query.prepare(QStringLiteral("UPDATE deliveries SET state = 0, attempts = 0, next_us = ? WHERE request_id = ?"
                                         " AND state = 2"));
            query.addBindValue(nowUs);
            query.addBindValue(id);
            if (!query.exec())
                return makeError(ErrorCode::StoreFailure, query.lastError().text());
            if (query.numRowsAffected() <= 0)
                continue;
            ++changed;
            query.prepare(QStringLiteral("UPDATE requests SET forward_state = 0, forward_attempts = 0,"
                                         " forward_next_us = ? WHERE id = ?"));
            query.addBindValue(nowUs);
            query.addBindValue(id);
            if (!query.exec())
                return makeError(ErrorCode::StoreFailure, query.lastError().text());
        }
        return changed;
    });
}

Result<int> RequestStore::discardFailedDeliveries(const QList<qint64> &requestIds)
{
    QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
    return inTransaction<int>(db, [&]() -> Result<int> {
        int changed = 0;
        QSqlQuery query(db);
        for (qint64 id : requestIds) {
            query.prepare(QStringLiteral("DELETE FROM deliveries WHERE request_id = ? AND state = 2"));
            query.addBindValue(id);
            if (!query.exec())
                return makeError(ErrorCode::StoreFailure, query.lastError().text());
            if (query.numRowsAffected() <= 0)
                continue;
            ++changed;
            query.prepare(QStringLiteral("UPDATE requests SET forward_state = 4 WHERE id = ?"));
            query.addBindValue(id);
            if (!query.exec())
                return makeError(ErrorCode::StoreFailure, query.lastError().text());
        }
        return changed;
    });
}

Result<qint64> RequestStore::pendingDeliveryCount()
{
    QSqlQuery query(QSqlDatabase::database(m_connectionName, false));
    if (!query.exec(QStringLiteral("SELECT COUNT(*) FROM deliveries WHERE state = 0")) || !query.next())
        return makeError(ErrorCode::StoreFailure, query.lastError().text());
    return query.value(0).toLongLong();
}

Result<qint64> RequestStore::count()
{
    QSqlQuery query(QSqlDatabase::database(m_connectionName, false));
    if (!query.exec(QStringLiteral("SELECT COUNT(*) FROM requests")) || !query.next())
        return makeError(ErrorCode::StoreFailure, query.lastError().text());
    return query.value(0).toLongLong();
}

Result<qint64> RequestStore::sizeOnDisk()
{
    qint64 size = 0;
    for (const QString &suffix : {QString(), QStringLiteral("-wal")})
        size += QFile(m_path + suffix).size();
    return size;
}

QByteArray RequestStore::summarySql(SummaryQuery query)
{
    switch (query) {
    case SummaryQuery::After: return QByteArray(SummarySelect) + " WHERE id > ? ORDER BY id LIMIT ?";
    case SummaryQuery::NewestBefore: return QByteArray(SummarySelect) + " WHERE id < ? ORDER BY id DESC LIMIT ?";
    case SummaryQuery::Below: break;
    }
    return QByteArray(SummarySelect) + " WHERE id < ? ORDER BY id";
}

Result<QList<RequestSummary>> RequestStore::summaries(qint64 afterId, int limit)
{
    return readSummaries(m_summaries.get(), afterId, limit);
}

Result<QList<RequestSummary>> RequestStore::newestSummaries(qint64 beforeId, int limit)
{
    Result<QList<RequestSummary>> result = readSummaries(m_summariesBefore.get(), beforeId, limit);
    if (result)
        std::reverse(result.value().begin(), result.value().end()); // read newest first, given oldest first
    return result;
}

Result<QList<RequestSummary>> RequestStore::allSummaries(qint64 beforeId)
{
    // One statement over the index, appended to one list: no pages to join.
    return readSummaries(m_summariesBelow.get(), beforeId, -1);
}

Result<QList<RequestSummary>> RequestStore::readSummaries(Statement *query, qint64 bound, int limit)
{
    if (!query)
        return makeError(ErrorCode::StoreFailure, tr("the store is not open"));
    query->bind(1, bound);
    QList<RequestSummary> result;
    if (limit >= 0) {
        query->bind(2, limit);
        result.reserve(qMin(limit, 100000));
    }
    if (Result<void> read = summaryRows(*query, &result); !read)
        return read.error();
    return result;
}

Result<void> RequestStore::summaryRows(Statement &query, QList<RequestSummary> *rows)
{
    // Straight from SQLite, like the insert path: the window reads a million summaries at start, and QVariant per
    // cell doubled that time. Methods, content types, providers and events repeat: one shared copy each (interned).
    auto blob = [&query](int column) {
        return QByteArray(static_cast<const char *>(sqlite3_column_blob(query.statement, column)),
                          sqlite3_column_bytes(query.statement, column));
    };
    auto text = [&query](int column) {
        return QString::fromUtf8(reinterpret_cast<const char *>(sqlite3_column_text(query.statement, column)),
                                 sqlite3_column_bytes(query.statement, column));
    };
    // Looked up by the bytes in SQLite's buffer: a repeated value costs a hash lookup, not an allocation.
    auto intern = [this, &query](int column) {
        const QByteArrayView bytes = columnBytes(query.statement, column);
        if (bytes.isEmpty())
            return QByteArray();
        auto it = m_interned.constFind(QByteArray::fromRawData(bytes.data(), bytes.size()));
        if (it != m_interned.constEnd())
            return *it;
        const QByteArray value = bytes.toByteArray();
        if (m_interned.size() < 4096) // bounded: odd values are not worth keeping
            m_interned.insert(value, value);
        return value;
    };
    auto internText = [this, &query](int column) {
        const QByteArrayView bytes = columnBytes(query.statement, column);
        if (bytes.isEmpty())
            return QString();
        auto it = m_internedText.constFind(QByteArray::fromRawData(bytes.data(), bytes.size()));
        if (it != m_internedText.constEnd())
            return *it;
        const QString value = QString::fromUtf8(bytes);
        if (m_internedText.size() < 4096)
            m_internedText.insert(bytes.toByteArray(), value);
        return value;
    };
    int step = SQLITE_ROW;
    while ((step = query.step()) == SQLITE_ROW) {
        RequestSummary &summary = rows->emplace_back();
        summary.id = sqlite3_column_int64(query.statement, 0);
        summary.receivedUs = sqlite3_column_int64(query.statement, 1);
        summary.method = intern(2);
        summary.target = blob(3);
        summary.bodySize = sqlite3_column_int64(query.statement, 4);
        summary.statusSent = sqlite3_column_int(query.statement, 5);
        if (sqlite3_column_type(query.statement, 6) != SQLITE_NULL)
            summary.rejectedReason = text(6);
        summary.pinned = sqlite3_column_int(query.statement, 7) != 0;
        summary.remote = text(8);
        summary.contentType = intern(9);
        summary.annotation.verdict = qint8(sqlite3_column_int(query.statement, 10));
        summary.annotation.provider = internText(11);
        summary.annotation.event = internText(12);
        summary.forward.state = ForwardState(sqlite3_column_int(query.statement, 13));
        summary.forward.lastStatus = sqlite3_column_int(query.statement, 14);
        summary.forward.attempts = sqlite3_column_int(query.statement, 15);
        summary.forward.nextUs = sqlite3_column_int64(query.statement, 16);
        summary.label = labelFromNumber(sqlite3_column_int(query.statement, 17));
    }
    const QString error = step == SQLITE_DONE ? QString() : QString::fromUtf8(sqlite3_errmsg(m_handle));
    query.reset();
    if (!error.isEmpty())
        return makeError(ErrorCode::StoreFailure, error); // a read error must not look like the end of the list
    return {};
}

Result<CapturedRequest> RequestStore::request(qint64 id)
{
    QSqlQuery query(QSqlDatabase::database(m_connectionName, false));
    query.prepare(SelectColumns + QStringLiteral(" WHERE id = ?"));
    query.addBindValue(id);
    if (!query.exec())
        return makeError(ErrorCode::StoreFailure, query.lastError().text());
    if (!query.next())
        return makeError(ErrorCode::NotFound, tr("no request with id %1").arg(id));
    return readRow(query);
}

Result<void> RequestStore::forEach(const std::function<bool(const CapturedRequest &)> &visitor)
{
    QSqlQuery query(QSqlDatabase::database(m_connectionName, false));
    query.setForwardOnly(true);
    if (!query.exec(SelectColumns + QStringLiteral(" ORDER BY id")))
        return makeError(ErrorCode::StoreFailure, query.lastError().text());
    while (query.next()) {
        if (!visitor(readRow(query)))
            return {};
    }
    // next() is also false on a read error: an export must not end early and look complete.
    if (query.lastError().isValid())
        return makeError(ErrorCode::StoreFailure, query.lastError().text());
    return {};
}

Result<int> RequestStore::clear(PinnedHandling pinned)
{
    QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
    return inTransaction<int>(db, [&]() -> Result<int> {
        // All but the pinned requests go: the search index is emptied rather than told about each one.
        QSqlQuery query(db);
        if (!query.exec(QStringLiteral("UPDATE search_state SET bulk = 1")))
            return makeError(ErrorCode::StoreFailure, query.lastError().text());
        if (!query.exec(pinned == PinnedHandling::KeepPinned ? QStringLiteral("DELETE FROM requests WHERE pinned = 0")
                                                             : QStringLiteral("DELETE FROM requests")))
            return makeError(ErrorCode::StoreFailure, query.lastError().text());
        const int removed = query.numRowsAffected();
        if (const Result<void> finished = finishBulkDelete(); !finished)
            return finished.error();
        return removed;
    });
}

Result<int> RequestStore::remove(const QList<qint64> &ids)
{
    QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
    return inTransaction<int>(db, [&]() -> Result<int> {
        const Result<bool> bulk = beginBulkDelete(ids.size());
        if (!bulk)
            return bulk.error();
        QSqlQuery query(db);
        query.prepare(QStringLiteral("DELETE FROM requests WHERE id = ?"));
        int removed = 0;
        for (qint64 id : ids) {
            query.addBindValue(id);
            if (!query.exec())
                return makeError(ErrorCode::StoreFailure, query.lastError().text());
            removed += query.numRowsAffected();
        }
        if (bulk.value()) {
            if (const Result<void> finished = finishBulkDelete(); !finished)
                return finished.error();
        }
        return removed;
    });
}

Result<void> RequestStore::setPinned(qint64 id, bool pinned)
{
    QSqlQuery query(QSqlDatabase::database(m_connectionName, false));
    query.prepare(QStringLiteral("UPDATE requests SET pinned = ? WHERE id = ?"));
    query.addBindValue(pinned ? 1 : 0);
    query.addBindValue(id);
    if (!query.exec())
        return makeError(ErrorCode::StoreFailure, query.lastError().text());
    if (query.numRowsAffected() == 0)
        return makeError(ErrorCode::NotFound, tr("no request with id %1").arg(id));
    return {};
}

Result<QList<qint64>> RequestStore::setLabel(const QList<qint64> &ids, Label label)
{
    // In transactions of a few thousand: labelling a million selected rows must not hold the write lock so long
    // that the capture, waiting for it, answers senders 503.
    constexpr qsizetype Chunk = 5000;
    QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
    QList<qint64> missing;
    for (qsizetype first = 0; first < ids.size(); first += Chunk) {
        const Result<void> done = inTransaction<void>(db, [&]() -> Result<void> {
            QSqlQuery query(db);
            query.prepare(QStringLiteral("UPDATE requests SET label = ? WHERE id = ?"));
            for (qint64 id : ids.mid(first, Chunk)) {
                query.addBindValue(int(label));
                query.addBindValue(id);
                if (!query.exec())
                    return makeError(ErrorCode::StoreFailure, query.lastError().text());
                if (query.numRowsAffected() == 0)
                    missing.append(id);
            }
            return {};
        });
        if (!done)
            return done.error();
    }
    return missing;
}

Result<ResponseRules> RequestStore::loadResponseRules()
{
    QSqlQuery query(QSqlDatabase::database(m_connectionName, false));
    if (!query.exec(QStringLiteral("SELECT value FROM settings WHERE key = 'response_rules'")))
        return makeError(ErrorCode::StoreFailure, query.lastError().text());
    if (!query.next())
        return ResponseRules();
    return ResponseRules::fromJson(query.value(0).toByteArray());
}

Result<void> RequestStore::saveResponseRules(const ResponseRules &rules)
{
    QSqlQuery query(QSqlDatabase::database(m_connectionName, false));
    query.prepare(QStringLiteral("INSERT OR REPLACE INTO settings (key, value) VALUES ('response_rules', ?)"));
    query.addBindValue(rules.toJson());
    if (!query.exec())
        return makeError(ErrorCode::StoreFailure, query.lastError().text());
    return {};
}

// ---------------------------------------------------------------------------------------------------------------
// The search index (searchindex.h, schema version 6)

Result<int> RequestStore::updateSearchIndex(int maxRows)
{
    return indexBatch(maxRows, -1);
}

Result<int> RequestStore::indexBatch(int maxRows, qint64 budgetMs)
{
    if (!m_search)
        return makeError(ErrorCode::StoreFailure, tr("the store is not open"));
    SearchStatements &search = *m_search;
    QElapsedTimer elapsed;
    elapsed.start();
    auto overBudget = [&] { return budgetMs >= 0 && elapsed.elapsed() >= budgetMs; };
    if (const int result = m_begin->run(); result != SQLITE_DONE)
        return m_begin->error(result);
    auto fail = [this](Statement &statement, int result) -> Result<int> {
        const Error error = statement.error(result);
        m_rollback->run();
        return error;
    };
    // The ids a statement lists, read before anything is written: no cursor stays open on a table being changed.
    auto listIds = [](Statement &statement, qint64 limit, QList<qint64> *ids) {
        statement.bind(1, limit);
        int result = SQLITE_ROW;
        while ((result = statement.next()) == SQLITE_ROW)
            ids->append(sqlite3_column_int64(statement.statement, 0));
        statement.reset();
        return result;
    };

    int done = 0;
    // Deleted requests leave the index before stored ones enter it: a request id used again must lose its old
    // words before it gets its new ones (a contentless table takes out whatever words it is given for the id).
    QList<qint64> deleted;
    if (const int result = listIds(search.deletedSeqs, maxRows, &deleted); result != SQLITE_DONE)
        return fail(search.deletedSeqs, result);
    for (const qint64 seq : std::as_const(deleted)) {
        Statement &read = search.readDeleted;
        read.bind(1, seq);
        const int found = read.next();
        if (found == SQLITE_ROW) {
            const qint64 id = sqlite3_column_int64(read.statement, 0);
            const HeaderList headers = HeaderBlob::decode(columnBytes(read.statement, 1).toByteArray());
            const QByteArray words = SearchIndex::document(headers, columnBytes(read.statement, 2));
            read.reset();
            search.deleteWords.bind(1, id);
            search.deleteWords.bindText(2, words);
            if (const int result = search.deleteWords.run(); result != SQLITE_DONE)
                return fail(search.deleteWords, result);
        } else {
            read.reset();
            if (found != SQLITE_DONE)
                return fail(read, found);
        }
        search.forgetDeleted.bind(1, seq);
        if (const int result = search.forgetDeleted.run(); result != SQLITE_DONE)
            return fail(search.forgetDeleted, result);
        ++done;
        if (overBudget())
            break;
    }

    if (done == deleted.size() && done < maxRows && !overBudget()) {
        QList<qint64> pending;
        if (const int result = listIds(search.pendingIds, maxRows - done, &pending); result != SQLITE_DONE)
            return fail(search.pendingIds, result);
        for (const qint64 id : std::as_const(pending)) {
            Statement &read = search.readPending;
            read.bind(1, id);
            const int found = read.next();
            if (found == SQLITE_ROW) {
                const HeaderList headers = HeaderBlob::decode(columnBytes(read.statement, 0).toByteArray());
                const QByteArray words = SearchIndex::document(headers, columnBytes(read.statement, 1));
                read.reset();
                search.insertWords.bind(1, id);
                search.insertWords.bindText(2, words);
                if (const int result = search.insertWords.run(); result != SQLITE_DONE)
                    return fail(search.insertWords, result);
            } else {
                read.reset(); // no such request any more: nothing to index
                if (found != SQLITE_DONE)
                    return fail(read, found);
            }
            search.unpend.bind(1, id);
            if (const int result = search.unpend.run(); result != SQLITE_DONE)
                return fail(search.unpend, result);
            ++done;
            if (overBudget())
                break;
        }
    }
    if (const int result = m_commit->run(); result != SQLITE_DONE)
        return fail(*m_commit, result);
    return done;
}

Result<RequestStore::SearchIndexBacklog> RequestStore::searchIndexBacklog()
{
    QSqlQuery query(QSqlDatabase::database(m_connectionName, false));
    if (!query.exec(QStringLiteral(
            "SELECT (SELECT COUNT(*) FROM search_pending), (SELECT COUNT(*) FROM search_deleted)")) ||
        !query.next())
        return makeError(ErrorCode::StoreFailure, query.lastError().text());
    return SearchIndexBacklog{query.value(0).toLongLong(), query.value(1).toLongLong()};
}

void RequestStore::startIndexing()
{
    scheduleIndexing(0);
}

void RequestStore::scheduleIndexing(int delayMs)
{
    if (m_search && !m_indexTimer->isActive())
        m_indexTimer->start(delayMs);
}

void RequestStore::indexStep()
{
    if (!m_search)
        return;
    const bool busy = m_sinceFlush.isValid() && m_sinceFlush.elapsed() < BusyWindowMs;
    if (busy && m_lastBatchSize > LoadedBatch) {
        scheduleIndexing(int(BusyWindowMs));
        return;
    }
    QElapsedTimer step;
    step.start();
    const Result<int> done = indexBatch(StepMaxRows, busy ? BusyStepMs : IdleStepMs);
    if (!done) {
        // A full disk, or the write lock held elsewhere for long: tried again after the next write.
        qCWarning(lcStore) << "search index not updated:" << done.errorMessage();
        return;
    }
    if (done.value() > 0)
        scheduleIndexing(busy ? int(std::max(step.elapsed(), BusyStepMs)) : 0);
}

Result<QSet<qint64>> RequestStore::matchingIds(const RequestFilter &filter, const QList<RequestSummary> &rows,
                                               MatchStats *stats)
{
    MatchStats counted;
    QSet<qint64> matched;
    QList<qsizetype> undecided;
    for (qsizetype i = 0; i < rows.size(); ++i) {
        switch (filter.verdict(rows.at(i))) {
        case RequestFilter::Verdict::Match:
            matched.insert(rows.at(i).id);
            break;
        case RequestFilter::Verdict::NeedsPayload:
            undecided.append(i);
            break;
        case RequestFilter::Verdict::NoMatch:
            break;
        }
    }
    if (undecided.isEmpty()) {
        if (stats)
            *stats = counted;
        return matched;
    }

    if (!m_search)
        return makeError(ErrorCode::StoreFailure, tr("the store is not open"));
    SearchStatements &search = *m_search;
    // One read transaction: the index, the pending list and the requests come from one snapshot, so a request the
    // indexer moves meanwhile is seen pending or indexed, never neither.
    if (const int result = search.beginRead.run(); result != SQLITE_DONE)
        return search.beginRead.error(result);
    auto fail = [this](Statement &statement, int result) -> Result<QSet<qint64>> {
        const Error error = statement.error(result);
        m_rollback->run();
        return error;
    };
    auto readIds = [](Statement &statement, std::vector<qint64> *ids) {
        int result = SQLITE_ROW;
        while ((result = statement.next()) == SQLITE_ROW)
            ids->push_back(sqlite3_column_int64(statement.statement, 0));
        statement.reset();
        std::sort(ids->begin(), ids->end());
        return result;
    };

    // The required texts the index can look up, ANDed in one query: FTS5 intersects the posting lists itself,
    // skipping through the long ones (a common header name) by the rare ones. A word found in the method or target
    // of an undecided row is left out, since that row matches it whatever its headers and body hold; so is a text
    // under three bytes. A body longer than what was indexed may hold a text anywhere: such rows stay candidates.
    using Where = RequestFilter::RequiredText::Where;
    QByteArray query;
    bool bodyLookedUp = false;
    for (const RequestFilter::RequiredText &text : filter.requiredTexts()) {
        const QByteArray part = text.where == Where::Body ? SearchIndex::query(text.folded, SearchIndex::Field::Body)
                                : text.where == Where::Headers
                                    ? SearchIndex::query(text.folded, SearchIndex::Field::Headers)
                                    : SearchIndex::queryHeadersOrBody(text.folded);
        if (part.isEmpty())
            continue;
        if (text.where == Where::HeadersOrBody &&
            std::any_of(undecided.cbegin(), undecided.cend(),
                        [&](qsizetype index) { return filter.foundInSummary(text, rows.at(index)); }))
            continue;
        query += (query.isEmpty() ? "(" : " AND (") + part + ')';
        bodyLookedUp = bodyLookedUp || text.where != Where::Headers;
        ++counted.lookups;
    }
    std::vector<qint64> found;
    std::vector<qint64> pending;
    if (!query.isEmpty()) {
        search.match.bindText(1, query);
        if (const int result = readIds(search.match, &found); result != SQLITE_DONE)
            return fail(search.match, result);
        if (const int result = readIds(search.allPending, &pending); result != SQLITE_DONE)
            return fail(search.allPending, result);
    }
    auto contains = [](const std::vector<qint64> &ids, qint64 id) {
        return std::binary_search(ids.begin(), ids.end(), id);
    };
    auto candidate = [&](const RequestSummary &row) {
        return query.isEmpty() || contains(found, row.id) || contains(pending, row.id) ||
               (bodyLookedUp && row.bodySize > SearchIndex::MaxBodyBytes);
    };

    Statement &payload = search.payload;
    const bool needsHeaders = filter.needsHeaders();
    for (const qsizetype index : std::as_const(undecided)) {
        const RequestSummary &row = rows.at(index);
        if (!candidate(row))
            continue;
        ++counted.read;
        payload.bind(1, row.id);
        const int found = payload.next();
        if (found == SQLITE_ROW) {
            HeaderList headers;
            if (needsHeaders)
                headers = HeaderBlob::decode(columnBytes(payload.statement, 0).toByteArray());
            // The body as readRow() gives it, viewed in SQLite's buffer (valid until the reset).
            QByteArrayView body;
            const qint64 bodyOffset = sqlite3_column_int64(payload.statement, 3);
            if (bodyOffset >= 0) {
                const QByteArrayView raw = columnBytes(payload.statement, 2);
                body = raw.sliced(std::min<qsizetype>(bodyOffset, raw.size()));
            } else {
                body = columnBytes(payload.statement, 1);
            }
            if (filter.matches(row, needsHeaders ? &headers : nullptr, body))
                matched.insert(row.id);
        }
        payload.reset();
        if (found != SQLITE_ROW && found != SQLITE_DONE)
            return fail(payload, found);
    }
    if (const int result = m_commit->run(); result != SQLITE_DONE)
        return fail(*m_commit, result);
    if (stats)
        *stats = counted;
    return matched;
}

} // namespace Hookscope
