// Store and window-side costs at scale: fills a store with N requests (default 1,000,000), then measures what the
// window does with it. Not part of the default test run (ctest label "bench"); figures go to docs/performance.md.
//   build/release/tests/bench/bench_store [N] [random]
// "random": bodies of random ids (like real webhooks) instead of a repeated filler, which costs the search index far
// more (distinct trigrams per body).
#include "bodykind.h"
#include "requestfilter.h"
#include "requeststore.h"
#include "textformat.h"
#include "timeformat.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QRandomGenerator>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>

#include <sys/resource.h>

#include <cstdio>

using namespace Hookscope;

namespace {
long peakRssMiB()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_maxrss / 1024;
}

void report(const char *what, qint64 ms, const QString &extra = {})
{
    std::printf("%-58s %8lld ms  peak RSS %5ld MiB  %s\n", what, ms, peakRssMiB(), qPrintable(extra));
    std::fflush(stdout);
}

// About 1 KiB of JSON like a payment provider's event: ids and names of random letters and digits.
QByteArray randomBody(qint64 i, QRandomGenerator &random)
{
    auto id = [&random](int length) {
        static constexpr char Alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        QByteArray text(length, Qt::Uninitialized);
        for (char &c : text)
            c = Alphabet[random.bounded(62)];
        return text;
    };
    return R"({"id":"evt_)" + id(24) + R"(","object":"event","api_version":"2023-10-16","created":)" +
           QByteArray::number(1700000000 + i) + R"(,"data":{"object":{"id":")" +
           (i % 1000 == 0 ? QByteArray("pi_123") : "pi_" + id(24)) +
           R"(","object":"payment_intent","amount":)" + QByteArray::number(random.bounded(100000)) +
           R"(,"currency":"usd","customer":"cus_)" + id(14) + R"(","description":"Order )" + QByteArray::number(i) +
           " for " + id(8) + R"(","metadata":{"order_id":")" + QByteArray::number(i) + R"(","email":")" + id(10) +
           R"(@example.com"},"status":"succeeded","payment_method":"pm_)" + id(24) + R"(","latest_charge":"ch_)" +
           id(24) + R"(","receipt_email":")" + id(8) + R"(@example.org","shipping":{"name":")" + id(6) + " " + id(9) +
           R"(","address":{"city":")" + id(8) + R"(","line1":")" + QByteArray::number(random.bounded(1000)) + " " +
           id(7) + R"( Street","postal_code":")" + QByteArray::number(random.bounded(100000)) +
           R"("}}}},"livemode":false,"pending_webhooks":1,"request":{"id":"req_)" + id(14) +
           R"(","idempotency_key":")" + id(36) + R"("},"type":"payment_intent.succeeded"})";
}

// Turns the store back into a version-5 one (the version-6 objects dropped), as an older Hookscope left it.
bool downgradeToVersion5(const QString &path)
{
    const QString name = QStringLiteral("bench-downgrade");
    bool ok = true;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(path);
        ok = db.open();
        QSqlQuery query(db);
        for (const char *statement : {"DROP TRIGGER requests_search_inserted", "DROP TRIGGER requests_search_deleted",
                                      "DROP TRIGGER requests_search_updated", "DROP TABLE search_index",
                                      "DROP TABLE search_pending", "DROP TABLE search_deleted",
                                      "DROP TABLE search_state", "PRAGMA user_version = 5", "VACUUM"}) {
            if (ok && !query.exec(QString::fromLatin1(statement))) {
                std::fprintf(stderr, "%s: %s\n", statement, qPrintable(query.lastError().text()));
                ok = false;
            }
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    return ok;
}
} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const qint64 count = argc > 1 ? QByteArray(argv[1]).toLongLong() : 1'000'000;
    const bool randomBodies = argc > 2 && QByteArray(argv[2]) == "random";
    QTemporaryDir dir;
    RequestStore store;
    if (!dir.isValid() || !store.open(dir.path())) {
        std::fprintf(stderr, "cannot create a store\n");
        return 1;
    }

    // 1 KiB JSON webhooks on ten paths; one in 1000 carries the needle searched for below.
    QElapsedTimer timer;
    timer.start();
    const QByteArray pad(900, 'x');
    QRandomGenerator random(20261129);
    QList<CapturedRequest> batch;
    for (qint64 i = 0; i < count; ++i) {
        CapturedRequest r;
        r.receivedUs = currentTimeUs() - (count - i) * 1000;
        r.method = i % 7 == 0 ? "PUT" : "POST";
        r.target = "/hooks/provider" + QByteArray::number(i % 10) + "?n=" + QByteArray::number(i);
        r.httpVersion = "HTTP/1.1";
        r.headers = {{"Host", "localhost:7780"}, {"Content-Type", "application/json"},
                     {"X-Event", i % 3 == 0 ? "push" : "payment"}};
        r.body = randomBodies ? randomBody(i, random)
                              : R"({"id":"evt_)" + QByteArray::number(i) + R"(","needle":")" +
                                    (i % 1000 == 0 ? "pi_123" : "none") + R"(","pad":")" + pad + "\"}";
        r.raw = r.method + ' ' + r.target + " HTTP/1.1\r\nHost: localhost:7780\r\n\r\n" + r.body;
        r.statusSent = i % 50 == 0 ? 400 : 200;
        r.remoteAddress = QStringLiteral("127.0.0.1");
        r.remotePort = quint16(40000 + i % 1000);
        batch.append(r);
        if (batch.size() == 10000 || i == count - 1) {
            if (const Result<void> inserted = store.insert(batch); !inserted) {
                std::fprintf(stderr, "insert failed: %s\n", qPrintable(inserted.errorMessage()));
                return 1;
            }
            batch.clear();
        }
    }
    report("fill the store (batches of 10,000)", timer.elapsed(),
           QStringLiteral("%1 requests, %2 MiB on disk").arg(count).arg(store.sizeOnDisk().value() / (1024 * 1024)));

    // The same requests as a version-5 store (no search index), opened: the upgrade, then the indexer catching up.
    store.close();
    timer.restart();
    if (!downgradeToVersion5(QDir(dir.path()).filePath(RequestStore::databaseFileName()))) {
        std::fprintf(stderr, "cannot make a version-5 store\n");
        return 1;
    }
    const QFileInfo file(QDir(dir.path()).filePath(RequestStore::databaseFileName()));
    report("(make it a version-5 store: drop the index, vacuum)", timer.elapsed(),
           QStringLiteral("%1 MiB on disk").arg(file.size() / (1024 * 1024)));
    timer.restart();
    if (const Result<void> opened = store.open(dir.path()); !opened) {
        std::fprintf(stderr, "cannot open the version-5 store: %s\n", qPrintable(opened.errorMessage()));
        return 1;
    }
    report("open it: upgrade to version 6 (requests queued to index)", timer.elapsed(),
           QStringLiteral("%1 waiting").arg(store.searchIndexBacklog().value().pending));
    timer.restart();
    qint64 indexed = 0;
    for (;;) {
        const Result<int> done = store.updateSearchIndex(5000);
        if (!done) {
            std::fprintf(stderr, "indexing failed: %s\n", qPrintable(done.errorMessage()));
            return 1;
        }
        if (done.value() == 0)
            break;
        indexed += done.value();
    }
    report("index every request (steps of 5,000)", timer.elapsed(),
           QStringLiteral("%1 requests, %2 us each, %3 MiB on disk")
               .arg(indexed)
               .arg(double(timer.nsecsElapsed()) / 1000.0 / double(qMax<qint64>(1, indexed)), 0, 'f', 1)
               .arg(store.sizeOnDisk().value() / (1024 * 1024)));

    // What the window does at start: every summary, in pages.
    timer.restart();
    const Result<QList<RequestSummary>> loaded = store.allSummaries();
    if (!loaded) {
        std::fprintf(stderr, "cannot read summaries: %s\n", qPrintable(loaded.errorMessage()));
        return 1;
    }
    const QList<RequestSummary> &all = loaded.value();
    report("load all summaries (window start)", timer.elapsed(), QStringLiteral("%1 rows").arg(all.size()));

    // Filters over the summaries in memory.
    for (const QString &text : {QStringLiteral("method:PUT"), QStringLiteral("status:4xx path:/hooks/provider3")}) {
        const RequestFilter filter = RequestFilter::parse(text).value();
        timer.restart();
        qint64 matched = 0;
        for (const RequestSummary &summary : std::as_const(all))
            matched += filter.verdict(summary) == RequestFilter::Verdict::Match;
        report(qPrintable(QStringLiteral("filter '%1' over all summaries").arg(text)), timer.elapsed(),
               QStringLiteral("%1 match").arg(matched));
    }

    // A body search reading every stored request, as before the search index.
    {
        const RequestFilter filter = RequestFilter::parse(QStringLiteral("body:pi_123")).value();
        timer.restart();
        qint64 matched = 0;
        qint64 index = 0;
        store.forEach([&](const CapturedRequest &request) {
            matched += filter.matches(all.at(index++), &request.headers, request.body);
            return true;
        });
        report("filter 'body:pi_123' reading every request", timer.elapsed(), QStringLiteral("%1 match").arg(matched));
    }
    // The same and other payload filters through the index (RequestStore::matchingIds, what the window runs).
    for (const QString &text : {QStringLiteral("body:pi_123"), QStringLiteral("pi_123"), QStringLiteral("body:PI_123 method:PUT"),
                                QStringLiteral("header:x-event=push body:pi_123"), QStringLiteral("body:pi"),
                                QStringLiteral("-body:pi_123 method:PUT")}) {
        const RequestFilter filter = RequestFilter::parse(text).value();
        timer.restart();
        RequestStore::MatchStats stats;
        const Result<QSet<qint64>> matched = store.matchingIds(filter, all, &stats);
        if (!matched) {
            std::fprintf(stderr, "filter failed: %s\n", qPrintable(matched.errorMessage()));
            return 1;
        }
        report(qPrintable(QStringLiteral("filter '%1' with the index").arg(text)), timer.elapsed(),
               QStringLiteral("%1 match, %2 requests read").arg(matched.value().size()).arg(stats.read));
    }

    // Opening a 50 MB JSON body: validity check and indentation (both run off the GUI thread in the window).
    QByteArray big = "[";
    while (big.size() < 50 * 1024 * 1024)
        big += R"({"id":"evt_1","amount":12345678901234567890,"price":1.50,"tags":["a","b"],"nested":{"k":null}},)";
    big.chop(1);
    big += ']';
    timer.restart();
    const JsonCheck check = checkJson(big);
    report("check a 50 MB JSON body", timer.elapsed(), check.valid ? QStringLiteral("valid") : check.message);
    timer.restart();
    const QByteArray indented = TextFormat::indentJson(big);
    report("indent a 50 MB JSON body", timer.elapsed(), QStringLiteral("%1 MiB of text").arg(indented.size() >> 20));
    return 0;
}
