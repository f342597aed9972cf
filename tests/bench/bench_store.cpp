// Store and window-side costs at scale: fills a store with N requests (default 1,000,000), then measures what the
// window does with it. Not part of the default test run (ctest label "bench"); figures go to docs/performance.md.
//   build/release/tests/bench/bench_store [N]
#include "bodykind.h"
#include "requestfilter.h"
#include "requeststore.h"
#include "textformat.h"
#include "timeformat.h"

#include <QCoreApplication>
#include <QElapsedTimer>
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
} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const qint64 count = argc > 1 ? QByteArray(argv[1]).toLongLong() : 1'000'000;
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
    QList<CapturedRequest> batch;
    for (qint64 i = 0; i < count; ++i) {
        CapturedRequest r;
        r.receivedUs = currentTimeUs() - (count - i) * 1000;
        r.method = i % 7 == 0 ? "PUT" : "POST";
        r.target = "/hooks/provider" + QByteArray::number(i % 10) + "?n=" + QByteArray::number(i);
        r.httpVersion = "HTTP/1.1";
        r.headers = {{"Host", "localhost:7780"}, {"Content-Type", "application/json"},
                     {"X-Event", i % 3 == 0 ? "push" : "payment"}};
        r.body = R"({"id":"evt_)" + QByteArray::number(i) + R"(","needle":")" + (i % 1000 == 0 ? "pi_123" : "none") +
                 R"(","pad":")" + pad + "\"}";
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

    // A body search reads every stored request (no full-text index yet).
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
