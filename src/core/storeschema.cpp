#include "storeschema.h"

#include "capturedrequest.h"
#include "headerblob.h"
#include "logging.h"
#include "searchindex.h"

#include <QCoreApplication>
#include <QSqlError>
#include <QSqlQuery>
#include <QStringList>

namespace Hookscope::StoreSchema {

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Hookscope::StoreSchema)
};

// Version 1: the first stored format. Bodies always stored beside the raw bytes.
const char *const Version1[] = {
    "CREATE TABLE requests ("
    " id INTEGER PRIMARY KEY,"
    " received_us INTEGER NOT NULL,"
    " duration_us INTEGER NOT NULL DEFAULT 0,"
    " method BLOB NOT NULL,"
    " target BLOB NOT NULL,"
    " http_version TEXT NOT NULL,"
    " headers BLOB NOT NULL,"
    " trailers BLOB,"
    " body BLOB,"
    " raw BLOB NOT NULL,"
    " remote TEXT,"
    " local TEXT,"
    " connection_id INTEGER,"
    " connection_index INTEGER,"
    " status_sent INTEGER,"
    " rejected_reason TEXT)",
    "CREATE TABLE settings (key TEXT PRIMARY KEY, value BLOB)",
};

// Version 2: pinning (exempt from retention), body size for listing without loading bodies, and bodies that are
// a suffix of the raw bytes stored once (body_offset >= 0, body NULL) - halves the size of most stores.
const char *const Version2[] = {
    "ALTER TABLE requests ADD COLUMN pinned INTEGER NOT NULL DEFAULT 0",
    "ALTER TABLE requests ADD COLUMN body_size INTEGER NOT NULL DEFAULT 0",
    "ALTER TABLE requests ADD COLUMN body_offset INTEGER NOT NULL DEFAULT -1",
    "UPDATE requests SET body_size = COALESCE(length(body), 0)",
    "CREATE INDEX requests_received ON requests(received_us)",
    "CREATE INDEX requests_pinned ON requests(pinned) WHERE pinned != 0",
};

// Version 3: the Content-Type of each request in its own column, for the request table and filters without
// decoding the header block of every row.
const char *const Version3[] = {
    "ALTER TABLE requests ADD COLUMN content_type BLOB NOT NULL DEFAULT ''",
};

// Version 4: what verification found (the verdict, -1 until verified), the sending provider and the event type,
// for the table's columns and filters. Older rows are verified by the front end after the upgrade.
const char *const Version4[] = {
    "ALTER TABLE requests ADD COLUMN verdict INTEGER NOT NULL DEFAULT -1",
    "ALTER TABLE requests ADD COLUMN provider TEXT NOT NULL DEFAULT ''",
    "ALTER TABLE requests ADD COLUMN event TEXT NOT NULL DEFAULT ''",
};

// Version 5: resends and forwarding. Every attempt with what was sent and what came back; the durable delivery
// queue (one row per request and forwarding rule, written in the capture's own transaction); the forwarding state of
// each request for the table. Deleting a request deletes its attempts and deliveries.
const char *const Version5[] = {
    "CREATE TABLE attempts ("
    " id INTEGER PRIMARY KEY,"
    " request_id INTEGER NOT NULL,"
    " rule TEXT NOT NULL DEFAULT '',"
    " started_us INTEGER NOT NULL,"
    " url TEXT NOT NULL,"
    " request BLOB NOT NULL,"
    " status INTEGER NOT NULL DEFAULT 0,"
    " reason BLOB,"
    " http_version BLOB,"
    " response_headers BLOB,"
    " response_body BLOB,"
    " connect_us INTEGER NOT NULL DEFAULT -1,"
    " tls_us INTEGER NOT NULL DEFAULT -1,"
    " first_byte_us INTEGER NOT NULL DEFAULT -1,"
    " total_us INTEGER NOT NULL DEFAULT -1,"
    " error TEXT NOT NULL DEFAULT '')",
    "CREATE INDEX attempts_request ON attempts(request_id)",
    "CREATE TABLE deliveries ("
    " rule TEXT NOT NULL,"
    " request_id INTEGER NOT NULL,"
    " target TEXT NOT NULL,"
    " state INTEGER NOT NULL DEFAULT 0,"
    " attempts INTEGER NOT NULL DEFAULT 0,"
    " next_us INTEGER NOT NULL DEFAULT 0,"
    " last_status INTEGER NOT NULL DEFAULT 0,"
    " last_error TEXT NOT NULL DEFAULT '',"
    " PRIMARY KEY (rule, request_id))",
    "CREATE INDEX deliveries_request ON deliveries(request_id)",
    "CREATE INDEX deliveries_pending ON deliveries(rule, request_id) WHERE state = 0",
    "ALTER TABLE requests ADD COLUMN forward_state INTEGER NOT NULL DEFAULT -1",
    "ALTER TABLE requests ADD COLUMN forward_status INTEGER NOT NULL DEFAULT 0",
    "ALTER TABLE requests ADD COLUMN forward_attempts INTEGER NOT NULL DEFAULT 0",
    "ALTER TABLE requests ADD COLUMN forward_next_us INTEGER NOT NULL DEFAULT 0",
    "CREATE TRIGGER requests_deleted AFTER DELETE ON requests BEGIN"
    " DELETE FROM attempts WHERE request_id = old.id;"
    " DELETE FROM deliveries WHERE request_id = old.id; END",
};

// Version 6: the search index for filters (searchindex.h). search_index holds each request's trigram words, without
// a copy of the text (content=''), and only which requests hold a word (detail=none): about 1 KiB per KiB of JSON
// full of random ids, far less for repetitive bodies (docs/performance.md). It is filled in the background
// (RequestStore::updateSearchIndex): a new or upgraded request waits in search_pending, and filters read the requests
// listed there in full. A contentless FTS5 table of SQLite 3.40 takes a document out only when given its words again,
// so deleting an indexed request copies its header block and body (cut like the indexer cuts it) to search_deleted
// until the indexer has done that; bulk = 1 turns the copy off for deletions that empty the index instead
// (RequestStore::finishBulkDelete). The requests of an upgraded store are all queued for the indexer.
static_assert(SearchIndex::MaxBodyBytes == 262144, "requests_search_deleted cuts bodies at the indexed size");
const char *const Version6[] = {
    "CREATE VIRTUAL TABLE search_index USING fts5(words, content='', detail=none, columnsize=0, tokenize='ascii')",
    // A larger in-memory hash than the 1 MiB default before FTS5 writes a segment: ~20% less indexing time for
    // bodies of random ids (most trigrams distinct) in the indexer's large steps.
    "INSERT INTO search_index (search_index, rank) VALUES ('hashsize', 8388608)",
    "CREATE TABLE search_pending (id INTEGER PRIMARY KEY)",
    "CREATE TABLE search_deleted ("
    " seq INTEGER PRIMARY KEY,"
    " id INTEGER NOT NULL,"
    " headers BLOB NOT NULL,"
    " body BLOB NOT NULL)",
    "CREATE TABLE search_state (id INTEGER PRIMARY KEY CHECK (id = 1), bulk INTEGER NOT NULL DEFAULT 0)",
    "INSERT INTO search_state (id) VALUES (1)",
    "INSERT INTO search_pending (id) SELECT id FROM requests",
    "CREATE TRIGGER requests_search_inserted AFTER INSERT ON requests BEGIN"
    " INSERT OR IGNORE INTO search_pending (id) VALUES (new.id); END",
    "CREATE TRIGGER requests_search_deleted AFTER DELETE ON requests BEGIN"
    " INSERT INTO search_deleted (id, headers, body)"
    "  SELECT old.id, CAST(old.headers AS BLOB),"
    "   COALESCE(CASE WHEN old.body_offset >= 0 THEN substr(CAST(old.raw AS BLOB), old.body_offset + 1, 262144)"
    "   ELSE substr(CAST(COALESCE(old.body, x'') AS BLOB), 1, 262144) END, x'')"
    "  WHERE (SELECT bulk FROM search_state) = 0 AND NOT EXISTS (SELECT 1 FROM search_pending WHERE id = old.id);"
    " DELETE FROM search_pending WHERE id = old.id; END",
    // Nothing rewrites a stored request's bytes today; should something do it, the request is indexed again.
    "CREATE TRIGGER requests_search_updated AFTER UPDATE OF id, headers, body, raw, body_offset ON requests BEGIN"
    " INSERT INTO search_deleted (id, headers, body)"
    "  SELECT old.id, CAST(old.headers AS BLOB),"
    "   COALESCE(CASE WHEN old.body_offset >= 0 THEN substr(CAST(old.raw AS BLOB), old.body_offset + 1, 262144)"
    "   ELSE substr(CAST(COALESCE(old.body, x'') AS BLOB), 1, 262144) END, x'')"
    "  WHERE NOT EXISTS (SELECT 1 FROM search_pending WHERE id = old.id);"
    " DELETE FROM search_pending WHERE id = old.id;"
    " INSERT OR IGNORE INTO search_pending (id) VALUES (new.id); END",
};

// Version 7: colour labels (label.h; 0 = none), and the request table's summary columns in one covering index. A
// summary read from the requests table itself walks past each row's header block, body and raw bytes: listing a
// million requests read most of a 3 GB file (4 s). The index holds only what RequestStore::summaries() reads, in id
// order, about 120 bytes a request; building it when a store is upgraded reads the table once (about 10 s a million).
const char *const Version7[] = {
    "ALTER TABLE requests ADD COLUMN label INTEGER NOT NULL DEFAULT 0",
    "CREATE INDEX requests_summary ON requests(id, received_us, method, target, body_size, status_sent,"
    " rejected_reason, pinned, remote, content_type, verdict, provider, event, forward_state, forward_status,"
    " forward_attempts, forward_next_us, label)",
};

// Fills content_type for the rows written before version 3.
Result<void> backfillContentTypes(QSqlDatabase &db)
{
    QSqlQuery query(db);
    query.setForwardOnly(true);
    QSqlQuery update(db);
    if (!query.exec(QStringLiteral("SELECT id, headers FROM requests")))
        return makeError(ErrorCode::StoreFailure, query.lastError().text());
    update.prepare(QStringLiteral("UPDATE requests SET content_type = ? WHERE id = ?"));
    QList<std::pair<qint64, QByteArray>> values;
    while (query.next()) {
        CapturedRequest request;
        request.headers = HeaderBlob::decode(query.value(1).toByteArray());
        const QByteArray contentType = request.headerValue("content-type");
        if (!contentType.isEmpty())
            values.append({query.value(0).toLongLong(), contentType});
    }
    for (const auto &[id, contentType] : values) {
        update.addBindValue(contentType);
        update.addBindValue(id);
        if (!update.exec())
            return makeError(ErrorCode::StoreFailure, update.lastError().text());
    }
    return {};
}

template<size_t N>
Result<void> runStatements(QSqlQuery &query, const char *const (&statements)[N], int toVersion)
{
    for (const char *statement : statements) {
        if (!query.exec(QString::fromLatin1(statement)))
            return makeError(ErrorCode::StoreFailure, Tr::tr("cannot upgrade the store to version %1: %2")
                                                          .arg(toVersion)
                                                          .arg(query.lastError().text()));
    }
    return {};
}

// Upgrades from the version found inside one IMMEDIATE transaction: two processes opening a new store at once
// cannot both create it (the second waits for the lock, then sees the first one's version).
Result<void> runUpTo(QSqlDatabase &db, int to)
{
    QSqlQuery query(db);
    if (!query.exec(QStringLiteral("BEGIN IMMEDIATE")))
        return makeError(ErrorCode::StoreFailure, query.lastError().text());
    const int from = version(db);
    Result<void> result;
    if (from > CurrentVersion)
        result = newerVersionError(from);
    if (result && from < 1 && to >= 1)
        result = runStatements(query, Version1, 1);
    if (result && from < 2 && to >= 2)
        result = runStatements(query, Version2, 2);
    if (result && from < 3 && to >= 3) {
        result = runStatements(query, Version3, 3);
        if (result)
            result = backfillContentTypes(db);
    }
    if (result && from < 4 && to >= 4)
        result = runStatements(query, Version4, 4);
    if (result && from < 5 && to >= 5)
        result = runStatements(query, Version5, 5);
    if (result && from < 6 && to >= 6)
        result = runStatements(query, Version6, 6);
    if (result && from < 7 && to >= 7)
        result = runStatements(query, Version7, 7);
    if (result && from < to && !query.exec(QStringLiteral("PRAGMA user_version = %1").arg(to)))
        result = makeError(ErrorCode::StoreFailure, query.lastError().text());
    if (!result || !query.exec(QStringLiteral("COMMIT"))) {
        const Error error = result ? makeError(ErrorCode::StoreFailure, query.lastError().text()) : result.error();
        query.exec(QStringLiteral("ROLLBACK"));
        return error;
    }
    if (from < to)
        qCInfo(lcStore) << "store schema upgraded from version" << from << "to" << to;
    return {};
}
} // namespace

Error newerVersionError(int found)
{
    return makeError(ErrorCode::StoreFailure,
                     Tr::tr("the store was written by a newer Hookscope (schema %1, this version knows up to %2)")
                         .arg(found)
                         .arg(CurrentVersion));
}

int version(QSqlDatabase &db)
{
    QSqlQuery query(db);
    if (!query.exec(QStringLiteral("PRAGMA user_version")) || !query.next())
        return -1;
    return query.value(0).toInt();
}

Result<void> migrate(QSqlDatabase &db)
{
    if (version(db) < 0)
        return makeError(ErrorCode::StoreFailure, Tr::tr("cannot read the store's schema version: %1")
                                                      .arg(db.lastError().text()));
    return runUpTo(db, CurrentVersion);
}

Result<void> createVersion(QSqlDatabase &db, int targetVersion)
{
    return runUpTo(db, targetVersion);
}

} // namespace Hookscope::StoreSchema
