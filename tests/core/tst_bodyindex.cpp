// The store's search index (schema version 6): RequestStore::matchingIds() must give exactly what reading and
// matching every stored request gives, whatever the index holds (nothing yet, everything, deletions not taken out
// yet), and the index must follow inserts, deletes, retention, clearing and an upgrade from version 5.
#include "headerblob.h"
#include "requestfilter.h"
#include "requeststore.h"
#include "searchindex.h"
#include "storeschema.h"
#include "storetesthelpers.h"
#include "timeformat.h"

#include <QDir>
#include <QRandomGenerator>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Hookscope
{

namespace
{

QString databasePath(const QTemporaryDir &dir)
{
    return QDir(dir.path()).filePath(RequestStore::databaseFileName());
}

CapturedRequest makeRequest(const QByteArray &method, const QByteArray &target, const QByteArray &body,
                            HeaderList extraHeaders = {})
{
    CapturedRequest request;
    request.receivedUs = currentTimeUs();
    request.method = method;
    request.target = target;
    request.httpVersion = "HTTP/1.1";
    request.headers = {{"Host", "localhost:7780"}, {"Content-Length", QByteArray::number(body.size())}};
    request.headers += extraHeaders;
    request.body = body;
    request.raw = method + ' ' + target + " HTTP/1.1\r\n" + headerBlock(request.headers) + "\r\n" + body;
    request.remoteAddress = u"127.0.0.1"_s;
    request.remotePort = 40000;
    request.statusSent = 200;
    return request;
}

// A chunked request: the stored body is not the tail of the raw bytes, so it has a column of its own.
CapturedRequest chunkedRequest(const QByteArray &body)
{
    CapturedRequest request = makeRequest("PUT", "/upload", body, {{"Transfer-Encoding", "chunked"}});
    request.headers.removeAt(1); // no Content-Length
    request.raw = "PUT /upload HTTP/1.1\r\n" + headerBlock(request.headers) + "\r\n" +
                  QByteArray::number(body.size(), 16) + "\r\n" + body + "\r\n0\r\n\r\n";
    return request;
}

QList<qint64> sorted(const QSet<qint64> &ids)
{
    QList<qint64> list(ids.cbegin(), ids.cend());
    std::sort(list.begin(), list.end());
    return list;
}

// The reference answer: every stored request read and matched, no index involved.
QList<qint64> scan(RequestStore &store, const RequestFilter &filter)
{
    const Result<QList<RequestSummary>> rows = store.allSummaries();
    if (!rows)
        return {-1};
    QHash<qint64, RequestSummary> summaries;
    for (const RequestSummary &summary : rows.value())
        summaries.insert(summary.id, summary);
    QSet<qint64> ids;
    const Result<void> visited = store.forEach([&](const CapturedRequest &request) {
        if (filter.matches(summaries.value(request.id), &request.headers, request.body))
            ids.insert(request.id);
        return true;
    });
    return visited ? sorted(ids) : QList<qint64>{-1};
}

QList<qint64> indexed(RequestStore &store, const RequestFilter &filter, RequestStore::MatchStats *stats = nullptr)
{
    const Result<QList<RequestSummary>> rows = store.allSummaries();
    if (!rows)
        return {-1};
    const Result<QSet<qint64>> ids = store.matchingIds(filter, rows.value(), stats);
    return ids ? sorted(ids.value()) : QList<qint64>{-2};
}

bool indexEverything(RequestStore &store)
{
    for (;;) {
        const Result<int> done = store.updateSearchIndex(1000);
        if (!done)
            return false;
        if (done.value() == 0)
            return true;
    }
}

qint64 pendingCount(RequestStore &store)
{
    const Result<RequestStore::SearchIndexBacklog> backlog = store.searchIndexBacklog();
    return backlog ? backlog.value().pending : -1;
}

qint64 deletedCount(RequestStore &store)
{
    const Result<RequestStore::SearchIndexBacklog> backlog = store.searchIndexBacklog();
    return backlog ? backlog.value().deleted : -1;
}

// {"id":"pi_123","note":"compressed"}, gzip: the filter searches bodies as stored, so compressed.
const QByteArray GzipBody =
    QByteArray::fromHex("1f8b0800000000000203ab56ca4c51b2522ac88c37343256d251cacb2f4905f293f3730b8a"
                        "528b8b5353946a01b737396923000000");

// UTF-8 "grüß"; bytes that are no UTF-8 around it; the same word in other spellings.
const QByteArray Gruss = QByteArray::fromHex("6772c3bcc39f");
const QByteArray BinaryBody =
    QByteArray::fromHex("000102") + "pi_123" + QByteArray::fromHex("fffe00") + Gruss + QByteArray::fromHex("80") + "e";
const QByteArray GermanBody = "G" + Gruss.sliced(1) + "e aus K" + QByteArray::fromHex("c3b6") + "ln";
const QByteArray UpperBody = "GR" + QByteArray::fromHex("c39c") + "SSE";

// The corpus of matchesLikeTheScan, ids 1 to 15 in this order.
QList<CapturedRequest> corpus()
{
    const HeaderList json{{"Content-Type", "application/json"}};
    QList<CapturedRequest> requests{
        makeRequest("POST", "/hooks/a", R"({"id":"pi_123","amount":5})", json),     // 1
        makeRequest("POST", "/hooks/b", "pi_123 at the start"),                     // 2
        makeRequest("POST", "/hooks/c", "at the end: pi_123"),                      // 3
        makeRequest("POST", "/hooks/d", R"({"ID":"PI_123"})", json),                // 4
        makeRequest("POST", "/hooks/e", GzipBody, {{"Content-Encoding", "gzip"}}),  // 5
        makeRequest("POST", "/hooks/f", BinaryBody),                                // 6
        makeRequest("POST", "/hooks/g", "nothing here", {{"X-Payment", "pi_123"}}), // 7
        makeRequest("POST", "/hooks/h", "nothing", {{"X-Pi_123-Trace", "1"}}),      // 8
        makeRequest("POST", "/hooks/pi_123", "nothing"),                            // 9
        makeRequest("POST", "/hooks/i", "pi_12 pi-123", {{"X-Pi", "_123"}}),        // 10
        makeRequest("POST", "/hooks/j", GermanBody),                                // 11
        makeRequest("POST", "/hooks/k", UpperBody),                                 // 12
        chunkedRequest("chunked pi_123 body"),                                      // 13
        makeRequest("GET", "/empty", {}),                                           // 14
        makeRequest("POST", "/hooks/l", "xxpi_123xx and PI_1234", json),            // 15
    };
    return requests;
}

} // namespace

class TestBodyIndex : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void documentWords();
    void matchesLikeTheScan_data();
    void matchesLikeTheScan();
    void indexNarrowsTheRead();
    void bodyPastTheIndexedPart();
    void deletedRequestsLeaveTheIndex();
    void retentionSmallAndBulk();
    void clearEmptiesTheIndex();
    void migratesVersion5();
    void randomStoresAgreeWithTheScan();
    void indexesInTheBackground();

private:
    // The corpus in three stores: nothing indexed, everything indexed, the first half indexed.
    QTemporaryDir m_dirs[3];
    RequestStore m_stores[3];
};

void TestBodyIndex::initTestCase()
{
    for (int state = 0; state < 3; ++state) {
        QVERIFY(m_dirs[state].isValid());
        VERIFY_OK(m_stores[state].open(m_dirs[state].path()));
        QList<CapturedRequest> requests = corpus();
        VERIFY_OK(m_stores[state].insert(requests));
        QCOMPARE(requests.last().id, qint64(15));
    }
    QVERIFY(indexEverything(m_stores[1]));
    const Result<int> half = m_stores[2].updateSearchIndex(7);
    VERIFY_OK(half);
    QCOMPARE(half.value(), 7);
    QCOMPARE(pendingCount(m_stores[0]), qint64(15));
    QCOMPARE(pendingCount(m_stores[1]), qint64(0));
    QCOMPARE(pendingCount(m_stores[2]), qint64(8));
}

void TestBodyIndex::documentWords()
{
    // Each name and value on its own, folded; the body's trigrams apart from the headers'.
    const QByteArray words = SearchIndex::document({{"X-A", "Bc"}}, "aBcD");
    QCOMPARE(words, QByteArray("b616263 b626364 h782d61 "));
    QCOMPARE(SearchIndex::query("pi", SearchIndex::Field::Body), QByteArray());
    QCOMPARE(SearchIndex::query("abca", SearchIndex::Field::Body), QByteArray(R"("b616263" AND "b626361")"));
    QCOMPARE(SearchIndex::query("aaaa", SearchIndex::Field::Headers), QByteArray(R"("h616161")"));
    QCOMPARE(SearchIndex::queryHeadersOrBody("abc"), QByteArray(R"(("h616263") OR ("b616263"))"));
}

void TestBodyIndex::matchesLikeTheScan_data()
{
    QTest::addColumn<QString>("filter");
    QTest::addColumn<QList<qint64>>("expected");
    const QList<qint64> inBodies{1, 2, 3, 4, 6, 13, 15};
    QTest::newRow("body") << u"body:pi_123"_s << inBodies;
    QTest::newRow("body, upper case") << u"body:PI_123"_s << inBodies;
    QTest::newRow("word") << u"pi_123"_s << QList<qint64>{1, 2, 3, 4, 6, 7, 8, 9, 13, 15};
    QTest::newRow("word, upper case") << u"Pi_123"_s << QList<qint64>{1, 2, 3, 4, 6, 7, 8, 9, 13, 15};
    QTest::newRow("two words") << u"pi_123 nothing"_s << QList<qint64>{7, 8, 9};
    QTest::newRow("phrase") << u"\"at the\""_s << QList<qint64>{2, 3};
    QTest::newRow("word in targets") << u"hooks"_s << QList<qint64>{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 15};
    QTest::newRow("word in a target, body term") << u"pi_123 body:nothing"_s << QList<qint64>{7, 8, 9};
    QTest::newRow("word in targets, body term") << u"hooks body:pi_123"_s << QList<qint64>{1, 2, 3, 4, 6, 15};
    QTest::newRow("short body needle") << u"body:pi"_s << QList<qint64>{1, 2, 3, 4, 6, 10, 13, 15};
    QTest::newRow("one byte") << u"body:_"_s << QList<qint64>{1, 2, 3, 4, 6, 10, 13, 15};
    QTest::newRow("excluded") << u"-body:pi_123"_s << QList<qint64>{5, 7, 8, 9, 10, 11, 12, 14};
    QTest::newRow("and excluded") << u"body:pi_123 -header:content-type"_s << QList<qint64>{2, 3, 6, 13};
    QTest::newRow("with method") << u"body:pi_123 method:PUT"_s << QList<qint64>{13};
    QTest::newRow("two body terms") << u"body:pi_12 body:123"_s << QList<qint64>{1, 2, 3, 4, 6, 10, 13, 15};
    QTest::newRow("longer needle") << u"body:pi_1234"_s << QList<qint64>{15};
    QTest::newRow("not there") << u"body:xyz"_s << QList<qint64>{};
    QTest::newRow("compressed") << u"body:compressed"_s << QList<qint64>{};
    QTest::newRow("header contains") << u"header:x-payment~pi_1"_s << QList<qint64>{7};
    QTest::newRow("header equals") << u"header:X-PAYMENT=pi_123"_s << QList<qint64>{7};
    QTest::newRow("header present") << u"header:x-pi_123-trace"_s << QList<qint64>{8};
    QTest::newRow("header short name") << u"header:x-pi"_s << QList<qint64>{10};
    QTest::newRow("name and value apart") << u"\"pi: _123\""_s << QList<qint64>{};
    QTest::newRow("json word") << u"application/json"_s << QList<qint64>{1, 4, 15};
    QTest::newRow("non-ASCII folds ASCII only") << u"body:grüße"_s << QList<qint64>{11};
    QTest::newRow("non-ASCII exact") << u"body:GRÜSSE"_s << QList<qint64>{12};
    QTest::newRow("after a NUL byte") << u"grüß"_s << QList<qint64>{6, 11};
    QTest::newRow("chunked body") << u"body:\"chunked pi\""_s << QList<qint64>{13};
    QTest::newRow("empty body") << u"size=0"_s << QList<qint64>{14};
}

void TestBodyIndex::matchesLikeTheScan()
{
    QFETCH(QString, filter);
    QFETCH(QList<qint64>, expected);
    const Result<RequestFilter> parsed = RequestFilter::parse(filter);
    VERIFY_OK(parsed);
    for (int state = 0; state < 3; ++state) {
        const QList<qint64> reference = scan(m_stores[state], parsed.value());
        QCOMPARE(reference, expected);
        QCOMPARE(indexed(m_stores[state], parsed.value()), reference);
    }
}

void TestBodyIndex::indexNarrowsTheRead()
{
    RequestStore::MatchStats stats;
    const RequestFilter filter = RequestFilter::parse(u"body:pi_123"_s).value();
    QCOMPARE(indexed(m_stores[1], filter, &stats), (QList<qint64>{1, 2, 3, 4, 6, 13, 15}));
    QCOMPARE(stats.lookups, 1);
    // The seven, and the one holding every trigram apart ("pi_12 pi-123").
    QCOMPARE(stats.read, qint64(8));

    QCOMPARE(indexed(m_stores[0], filter, &stats), (QList<qint64>{1, 2, 3, 4, 6, 13, 15}));
    QCOMPARE(stats.read, qint64(15)); // nothing indexed: every request is read

    // A word found in the target needs no read; in a header, it is looked up like the body.
    indexed(m_stores[1], RequestFilter::parse(u"pi_123"_s).value(), &stats);
    QCOMPARE(stats.read, qint64(10));
    indexed(m_stores[1], RequestFilter::parse(u"body:pi"_s).value(), &stats);
    QCOMPARE(stats.lookups, 0);
    QCOMPARE(stats.read, qint64(15));
}

void TestBodyIndex::bodyPastTheIndexedPart()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    RequestStore store;
    VERIFY_OK(store.open(dir.path()));
    const QByteArray filler(SearchIndex::MaxBodyBytes, 'a');
    QList<CapturedRequest> requests{
        makeRequest("POST", "/late", filler + "pi_123"), makeRequest("POST", "/early", "pi_123" + filler),
        makeRequest("POST", "/none", filler + filler),
        makeRequest("POST", "/edge", filler.first(SearchIndex::MaxBodyBytes - 3) + "pi_123"),
        chunkedRequest(filler + "pi_123")};
    VERIFY_OK(store.insert(requests));
    QVERIFY(indexEverything(store));
    const RequestFilter filter = RequestFilter::parse(u"body:pi_123"_s).value();
    QCOMPARE(scan(store, filter), (QList<qint64>{1, 2, 4, 5}));
    QCOMPARE(indexed(store, filter), (QList<qint64>{1, 2, 4, 5}));

    // A deleted request's body is kept for the indexer as it was indexed: cut at the same size.
    VERIFY_OK(store.remove({1, 5}));
    {
        DirectConnection check(databasePath(dir));
        QVERIFY(check.isOpen());
        QSqlQuery query(check.database());
        QVERIFY(query.exec(u"SELECT id, length(body) FROM search_deleted ORDER BY seq"_s));
        QVERIFY(query.next());
        QCOMPARE(query.value(0).toLongLong(), qint64(1));
        QCOMPARE(query.value(1).toLongLong(), SearchIndex::MaxBodyBytes);
        QVERIFY(query.next());
        QCOMPARE(query.value(0).toLongLong(), qint64(5));
        QCOMPARE(query.value(1).toLongLong(), SearchIndex::MaxBodyBytes);
    }
    QCOMPARE(indexed(store, filter), (QList<qint64>{2, 4}));
    QVERIFY(indexEverything(store));
    QCOMPARE(deletedCount(store), qint64(0));
    QCOMPARE(indexed(store, filter), (QList<qint64>{2, 4}));
}

void TestBodyIndex::deletedRequestsLeaveTheIndex()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    RequestStore store;
    VERIFY_OK(store.open(dir.path()));
    QList<CapturedRequest> requests;
    for (int i = 1; i <= 20; ++i)
        requests.append(makeRequest("POST", "/r", "old body " + QByteArray::number(i) + " alpha_one"));
    requests.append(makeRequest("POST", "/empty", QByteArray())); // 21: no body at all
    VERIFY_OK(store.insert(requests));
    QVERIFY(indexEverything(store));

    // An indexed request without a body is deleted too (its copy for the indexer has an empty body, not NULL).
    const Result<int> removedEmpty = store.remove({21});
    VERIFY_OK(removedEmpty);
    QCOMPARE(removedEmpty.value(), 1);
    QVERIFY(indexEverything(store));
    const Result<int> removed = store.remove({5, 18, 19, 20});
    VERIFY_OK(removed);
    QCOMPARE(removed.value(), 4);
    QCOMPARE(deletedCount(store), qint64(4));
    QCOMPARE(pendingCount(store), qint64(0));

    // The freed ids are given again (as an import keeps ids) to requests with other bodies; their old words are
    // still in the index until the indexer takes them out.
    QList<CapturedRequest> again{makeRequest("POST", "/r", "new body alpha_two"),
                                 makeRequest("POST", "/r", "new body alpha_two")};
    again[0].id = 5;
    again[1].id = 19;
    VERIFY_OK(store.insert(again));
    QCOMPARE(again[0].id, qint64(5));
    QCOMPARE(again[1].id, qint64(19));

    const RequestFilter one = RequestFilter::parse(u"body:alpha_one"_s).value();
    const RequestFilter two = RequestFilter::parse(u"body:alpha_two"_s).value();
    QList<qint64> old;
    for (qint64 id = 1; id <= 17; ++id) {
        if (id != 5)
            old.append(id);
    }
    for (int round = 0; round < 2; ++round) {
        QCOMPARE(scan(store, one), old);
        QCOMPARE(indexed(store, one), old);
        QCOMPARE(scan(store, two), (QList<qint64>{5, 19}));
        QCOMPARE(indexed(store, two), (QList<qint64>{5, 19}));
        QVERIFY(indexEverything(store)); // the second round with everything indexed
    }
    QCOMPARE(deletedCount(store), qint64(0));
    QCOMPARE(pendingCount(store), qint64(0));

    // The reused ids lost their old words: looked up, they are not even read.
    RequestStore::MatchStats stats;
    QCOMPARE(indexed(store, one, &stats), old);
    QCOMPARE(stats.read, qint64(old.size()));

    // Deleted before being indexed: nothing to take out.
    QList<CapturedRequest> fresh{makeRequest("POST", "/r", "fresh alpha_three")};
    VERIFY_OK(store.insert(fresh));
    VERIFY_OK(store.remove({fresh.first().id}));
    QCOMPARE(pendingCount(store), qint64(0));
    QCOMPARE(deletedCount(store), qint64(0));
}

void TestBodyIndex::retentionSmallAndBulk()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    RequestStore store;
    VERIFY_OK(store.open(dir.path()));
    const qint64 now = currentTimeUs();
    QList<CapturedRequest> requests;
    for (int i = 0; i < 12000; ++i) {
        requests.append(makeRequest("POST", "/r", "body " + QByteArray::number(i) + (i % 100 == 0 ? " needle" : "")));
        // Two hundred of the newest are two hours old, for retention by age at the end.
        requests.last().receivedUs = i >= 11500 && i < 11700 ? now - 7200 * qint64(1000000) : now - (12000 - i) * 1000;
    }
    requests[100].pinned = true; // kept by every policy
    VERIFY_OK(store.insert(requests));
    QVERIFY(indexEverything(store));
    const RequestFilter filter = RequestFilter::parse(u"body:needle"_s).value();

    // A few requests age out: copied for the indexer to take out.
    store.setRetention({11000, 0});
    Result<int> removed = store.applyRetention();
    VERIFY_OK(removed);
    QCOMPARE(removed.value(), 999); // 12000 - 11000, less the pinned one
    QCOMPARE(deletedCount(store), qint64(999));
    QCOMPARE(indexed(store, filter), scan(store, filter));
    QVERIFY(indexEverything(store));
    QCOMPARE(indexed(store, filter), scan(store, filter));

    // Most of the store goes at once: the index is emptied and what stays is indexed again.
    store.setRetention({500, 0});
    removed = store.applyRetention();
    VERIFY_OK(removed);
    QCOMPARE(removed.value(), 10500);
    QCOMPARE(deletedCount(store), qint64(0));
    QCOMPARE(pendingCount(store), qint64(501));
    QCOMPARE(indexed(store, filter), scan(store, filter));
    QCOMPARE(scan(store, filter).size(), 6); // the pinned one and five of the last 500
    QVERIFY(indexEverything(store));
    QCOMPARE(indexed(store, filter), scan(store, filter));

    // By age, a few.
    store.setRetention({0, 3600});
    removed = store.applyRetention();
    VERIFY_OK(removed);
    QCOMPARE(removed.value(), 200);
    QCOMPARE(deletedCount(store), qint64(200));
    QCOMPARE(indexed(store, filter), scan(store, filter));
    QVERIFY(indexEverything(store));
    QCOMPARE(indexed(store, filter), scan(store, filter));
}

void TestBodyIndex::clearEmptiesTheIndex()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    RequestStore store;
    VERIFY_OK(store.open(dir.path()));
    QList<CapturedRequest> requests;
    for (int i = 0; i < 30; ++i)
        requests.append(makeRequest("POST", "/r", "body pi_" + QByteArray::number(i)));
    requests[3].pinned = true;
    VERIFY_OK(store.insert(requests));
    QVERIFY(indexEverything(store));

    const Result<int> cleared = store.clear(RequestStore::PinnedHandling::KeepPinned);
    VERIFY_OK(cleared);
    QCOMPARE(cleared.value(), 29);
    QCOMPARE(deletedCount(store), qint64(0));
    QCOMPARE(pendingCount(store), qint64(1));
    const RequestFilter filter = RequestFilter::parse(u"body:pi_"_s).value();
    QCOMPARE(indexed(store, filter), (QList<qint64>{4}));

    // Ids start again at 1 in a reopened empty store: nothing of the old requests may answer for them.
    VERIFY_OK(store.clear(RequestStore::PinnedHandling::DeletePinned));
    QCOMPARE(pendingCount(store), qint64(0));
    store.close();
    VERIFY_OK(store.open(dir.path()));
    QList<CapturedRequest> fresh{makeRequest("POST", "/r", "other"), makeRequest("POST", "/r", "body pi_1")};
    VERIFY_OK(store.insert(fresh));
    QCOMPARE(fresh.first().id, qint64(1));
    QVERIFY(indexEverything(store));
    RequestStore::MatchStats stats;
    QCOMPARE(indexed(store, filter, &stats), (QList<qint64>{2}));
    QCOMPARE(stats.read, qint64(1));
}

void TestBodyIndex::migratesVersion5()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = databasePath(dir);
    const HeaderList headers{{"Host", "old.example"}, {"X-Payment", "pi_old"}};
    {
        DirectConnection v5(path);
        QVERIFY(v5.isOpen());
        QSqlDatabase db = v5.database();
        VERIFY_OK(StoreSchema::createVersion(db, 5));
        QCOMPARE(StoreSchema::version(db), 5);
        QSqlQuery insert(db);
        QVERIFY(insert.prepare(u"INSERT INTO requests (id, received_us, method, target, http_version, headers, body,"
                               " raw, body_size, body_offset) VALUES (?,?,?,?,?,?,?,?,?,?)"_s));
        for (int i = 1; i <= 50; ++i) {
            const QByteArray body = "old body " + QByteArray::number(i) + (i % 10 == 0 ? " pi_123" : "");
            const QByteArray head = "POST /old HTTP/1.1\r\n" + headerBlock(headers) + "\r\n";
            const bool inRaw = i % 2 == 0; // stored once, as the tail of the raw bytes, or in its own column
            const QList<QVariant> row{i,
                                      qint64(1764396062123456) + i,
                                      QByteArray("POST"),
                                      QByteArray("/old"),
                                      u"HTTP/1.1"_s,
                                      HeaderBlob::encode(headers),
                                      inRaw ? QVariant() : QVariant(body),
                                      QByteArray(head + body),
                                      qint64(body.size()),
                                      inRaw ? qint64(head.size()) : qint64(-1)};
            for (const QVariant &value : row)
                insert.addBindValue(value);
            QVERIFY2(insert.exec(), qPrintable(insert.lastError().text()));
        }
    }

    RequestStore store;
    VERIFY_OK(store.open(dir.path()));
    QCOMPARE(schemaVersionOnDisk(path), StoreSchema::CurrentVersion);
    QCOMPARE(store.count().value(), qint64(50));
    QCOMPARE(pendingCount(store), qint64(50)); // every old request waits for the indexer
    const RequestFilter body = RequestFilter::parse(u"body:pi_123"_s).value();
    const RequestFilter header = RequestFilter::parse(u"pi_old"_s).value();
    const QList<qint64> tens{10, 20, 30, 40, 50};
    QCOMPARE(scan(store, body), tens);
    QCOMPARE(indexed(store, body), tens);
    QCOMPARE(indexed(store, header).size(), 50);

    const Result<int> some = store.updateSearchIndex(25);
    VERIFY_OK(some);
    QCOMPARE(some.value(), 25);
    QCOMPARE(indexed(store, body), tens);
    QVERIFY(indexEverything(store));
    RequestStore::MatchStats stats;
    QCOMPARE(indexed(store, body, &stats), tens);
    QCOMPARE(stats.read, qint64(5));
    QCOMPARE(indexed(store, header).size(), 50);
    QCOMPARE(store.request(20).value().body, QByteArray("old body 20 pi_123"));
    QCOMPARE(store.request(21).value().body, QByteArray("old body 21"));
}

void TestBodyIndex::randomStoresAgreeWithTheScan()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    RequestStore store;
    VERIFY_OK(store.open(dir.path()));
    QRandomGenerator random(20261129);
    const QByteArray alphabet("abAB_1\xc3\xa9\x00 ", 10);
    auto text = [&](int maxLength) {
        QByteArray bytes;
        const int length = int(random.bounded(maxLength + 1));
        for (int i = 0; i < length; ++i)
            bytes.append(alphabet.at(int(random.bounded(alphabet.size()))));
        return bytes;
    };
    auto batch = [&](int size) {
        QList<CapturedRequest> requests;
        for (int i = 0; i < size; ++i) {
            CapturedRequest request = random.bounded(4) == 0 ? chunkedRequest(text(40))
                                                             : makeRequest("POST", "/r", text(40), {{"X-R", text(8)}});
            if (random.bounded(5) == 0)
                request.id = 1 + random.bounded(200); // an import: the id is kept when free
            requests.append(request);
        }
        return requests;
    };
    // Needles from the alphabet without the NUL byte (a filter's text is UTF-8 typed by a person).
    const QStringList needles{u"ab"_s, u"aba"_s, u"AB_"_s,  u"b_1"_s,  u"_1a"_s,  u"1 a"_s, u"é"_s,
                              u"aé"_s, u"aéb"_s, u"abab"_s, u"a_b1"_s, u"1111"_s, u"bb"_s,  u"a b_"_s};
    auto check = [&]() {
        for (const QString &needle : needles) {
            for (const QString &form : {u"body:\"%1\""_s, u"\"%1\""_s, u"header:x-r~\"%1\""_s, u"\"%1\" body:a"_s}) {
                const RequestFilter filter = RequestFilter::parse(form.arg(needle)).value();
                const QList<qint64> expected = scan(store, filter);
                const QList<qint64> actual = indexed(store, filter);
                if (actual != expected)
                    qWarning() << "filter" << form.arg(needle);
                QCOMPARE(actual, expected);
            }
        }
    };
    for (int round = 0; round < 8; ++round) {
        QList<CapturedRequest> requests = batch(40);
        VERIFY_OK(store.insert(requests));
        check();
        if (QTest::currentTestFailed())
            return;
        VERIFY_OK(store.updateSearchIndex(int(random.bounded(60))));
        check();
        if (QTest::currentTestFailed())
            return;
        QList<qint64> doomed;
        for (int i = 0; i < 15; ++i)
            doomed.append(1 + random.bounded(qint64(round + 1) * 40));
        VERIFY_OK(store.remove(doomed));
        check();
        if (QTest::currentTestFailed())
            return;
        VERIFY_OK(store.updateSearchIndex(int(random.bounded(60))));
    }
    QVERIFY(indexEverything(store));
    check();
}

void TestBodyIndex::indexesInTheBackground()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    RequestStore store;
    VERIFY_OK(store.open(dir.path()));
    QList<CapturedRequest> requests;
    for (int i = 0; i < 300; ++i)
        requests.append(makeRequest("POST", "/r", "queued body " + QByteArray::number(i)));
    // The capture path: enqueue, then the group commit on the event loop; indexing follows by itself.
    store.enqueue(requests, QList<quint64>(requests.size(), 1));
    QTRY_COMPARE(store.count().value(), qint64(300));
    QTRY_COMPARE(pendingCount(store), qint64(0));
    RequestStore::MatchStats stats;
    QCOMPARE(indexed(store, RequestFilter::parse(u"body:\"body 299\""_s).value(), &stats), (QList<qint64>{300}));
    QCOMPARE(stats.read, qint64(1));
}

} // namespace Hookscope

QTEST_GUILESS_MAIN(Hookscope::TestBodyIndex)
#include "tst_bodyindex.moc"
