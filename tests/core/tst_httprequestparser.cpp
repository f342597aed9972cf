#include "httprequestparser.h"

#include <QFile>
#include <QtTest>

#include "testdata.h"

using namespace Hookscope;
using namespace Qt::StringLiterals;

namespace {
using TestData::fixture;

struct Outcome {
    QList<CapturedRequest> requests;
    int errorStatus = 0;
    QString errorReason;
    int continues = 0; // HeadersComplete events where 100-continue was expected
};

// Feeds data in pieces of chunkSize bytes, as a connection would, and collects what the parser produces.
Outcome parseAll(const QByteArray &data, qsizetype chunkSize, HttpRequestParser::Limits limits = {})
{
    Outcome outcome;
    HttpRequestParser parser(limits);
    for (qsizetype start = 0; start < data.size(); start += chunkSize) {
        const QByteArray piece = data.mid(start, chunkSize);
        qsizetype offset = 0;
        while (offset < piece.size()) {
            const HttpRequestParser::Step step = parser.feed(piece.constData() + offset, piece.size() - offset);
            offset += step.consumed;
            if (step.event == HttpRequestParser::Event::HeadersComplete) {
                if (parser.expectsContinue())
                    ++outcome.continues;
                parser.resume();
            } else if (step.event == HttpRequestParser::Event::MessageComplete) {
                parser.resume();
                outcome.requests.append(parser.takeRequest());
            } else if (step.event == HttpRequestParser::Event::Error) {
                parser.appendUnparsed(QByteArrayView(piece).sliced(offset));
                outcome.errorStatus = parser.errorStatus();
                outcome.errorReason = parser.errorReason();
                outcome.requests.append(parser.takeRequest());
                return outcome;
            } else {
                break;
            }
        }
    }
    return outcome;
}
} // namespace

class TestHttpRequestParser : public QObject
{
    Q_OBJECT
private slots:
    void postJson();
    void chunkedWithTrailers();
    void unusualMethodAndHttp10();
    void pipelinedRequestsKeepTheirBytes();
    void expectContinue();
    void rejections_data();
    void rejections();
    void chunkedBodyOverLimit();
};

void TestHttpRequestParser::postJson()
{
    const QByteArray data = fixture(u"post-json.http"_s);
    // The same request whole, in 7-byte pieces and one byte at a time must parse identically.
    for (qsizetype chunk : {data.size(), qsizetype(7), qsizetype(1)}) {
        const Outcome outcome = parseAll(data, chunk);
        QCOMPARE(outcome.errorStatus, 0);
        QCOMPARE(outcome.requests.size(), 1);
        const CapturedRequest &r = outcome.requests.first();
        QCOMPARE(r.method, "POST");
        QCOMPARE(r.target, "/hooks/stripe?x=1&y=2");
        QCOMPARE(r.path(), "/hooks/stripe");
        QCOMPARE(r.httpVersion, "HTTP/1.1");
        QCOMPARE(r.headers.size(), 7);
        QCOMPARE(r.headers.at(0), (HeaderField{"Host", "localhost:7780"}));
        QCOMPARE(r.headers.at(3), (HeaderField{"Stripe-Signature", "t=1,v1=abc"}));
        // Duplicates and original casing kept, in arrival order.
        QCOMPARE(r.headers.at(4), (HeaderField{"X-Dup", "one"}));
        QCOMPARE(r.headers.at(5), (HeaderField{"x-dup", "two"}));
        QCOMPARE(r.headerValue("content-type"), "application/json; charset=utf-8");
        // The number text is untouched: bytes in, bytes out.
        QCOMPARE(r.body, R"({"id":"evt_1","amount":12345678901234567890})" "\n");
        QCOMPARE(r.raw, data);
        QVERIFY(r.trailers.isEmpty());
    }
}

void TestHttpRequestParser::chunkedWithTrailers()
{
    const QByteArray data = fixture(u"chunked-trailers.http"_s);
    for (qsizetype chunk : {data.size(), qsizetype(3), qsizetype(1)}) {
        const Outcome outcome = parseAll(data, chunk);
        QCOMPARE(outcome.errorStatus, 0);
        QCOMPARE(outcome.requests.size(), 1);
        const CapturedRequest &r = outcome.requests.first();
        QCOMPARE(r.body, "hello, world");
        QCOMPARE(r.raw, data); // chunk framing, extension and trailers kept in the raw bytes
        QCOMPARE(r.headers.size(), 3);
        QCOMPARE(r.trailers.size(), 2);
        QCOMPARE(r.trailers.at(0), (HeaderField{"X-Checksum", "abc123"}));
        QCOMPARE(r.trailers.at(1), (HeaderField{"X-Other", "2"}));
    }
}

void TestHttpRequestParser::unusualMethodAndHttp10()
{
    Outcome outcome = parseAll(fixture(u"propfind.http"_s), 1024);
    QCOMPARE(outcome.requests.size(), 1);
    QCOMPARE(outcome.requests.first().method, "PROPFIND");
    QCOMPARE(outcome.requests.first().target, "/dav/file.txt");

    HttpRequestParser parser;
    const QByteArray http10 = fixture(u"http10.http"_s);
    const HttpRequestParser::Step headers = parser.feed(http10.constData(), http10.size());
    QCOMPARE(headers.event, HttpRequestParser::Event::HeadersComplete);
    parser.resume();
    const HttpRequestParser::Step done =
        parser.feed(http10.constData() + headers.consumed, http10.size() - headers.consumed);
    QCOMPARE(done.event, HttpRequestParser::Event::MessageComplete);
    QCOMPARE(headers.consumed + done.consumed, http10.size());
    QVERIFY(!parser.shouldKeepAlive()); // HTTP/1.0 without keep-alive closes
    QCOMPARE(parser.takeRequest().httpVersion, "HTTP/1.0");
}

void TestHttpRequestParser::pipelinedRequestsKeepTheirBytes()
{
    const QByteArray first = fixture(u"post-json.http"_s);
    const QByteArray second = fixture(u"chunked-trailers.http"_s);
    const QByteArray third = fixture(u"form.http"_s);
    const QByteArray all = first + second + third;
    for (qsizetype chunk : {all.size(), qsizetype(5), qsizetype(1)}) {
        const Outcome outcome = parseAll(all, chunk);
        QCOMPARE(outcome.errorStatus, 0);
        QCOMPARE(outcome.requests.size(), 3);
        QCOMPARE(outcome.requests.at(0).raw, first);
        QCOMPARE(outcome.requests.at(1).raw, second);
        QCOMPARE(outcome.requests.at(2).raw, third);
        QCOMPARE(outcome.requests.at(2).body, "type=subscribe&contact[email]=a%40b.c&contact[id]=42&x=");
    }
}

void TestHttpRequestParser::expectContinue()
{
    const QByteArray data = "PUT /upload HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 4\r\n\r\nbody";
    const Outcome outcome = parseAll(data, data.size());
    QCOMPARE(outcome.continues, 1);
    QCOMPARE(outcome.requests.size(), 1);
    QCOMPARE(outcome.requests.first().body, "body");

    // HTTP/1.0 senders do not get an interim response.
    const QByteArray old = "PUT /upload HTTP/1.0\r\nExpect: 100-continue\r\nContent-Length: 4\r\n\r\nbody";
    QCOMPARE(parseAll(old, old.size()).continues, 0);
}

void TestHttpRequestParser::rejections_data()
{
    QTest::addColumn<QByteArray>("data");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("reasonPart");

    QTest::newRow("garbage request line") << QByteArray("HELLO THERE\r\n\r\n") << 400 << u"invalid HTTP method"_s;
    QTest::newRow("bad version") << QByteArray("GET / HTTP/x.1\r\n\r\n") << 400 << u"HPE_INVALID_VERSION"_s;
    QTest::newRow("header without colon") << QByteArray("GET / HTTP/1.1\r\nNoColonHere\r\n\r\n") << 400
                                          << u"HPE_INVALID_HEADER_TOKEN"_s;
    QTest::newRow("control byte in header name") << QByteArray("GET / HTTP/1.1\r\nBad\x01Name: x\r\n\r\n") << 400
                                                 << u"malformed request"_s;
    QTest::newRow("content-length and chunked")
        << QByteArray("POST / HTTP/1.1\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n")
        << 400 << u"content-length"_s;
    QTest::newRow("two content-lengths") << QByteArray("POST / HTTP/1.1\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\nabcd")
                                         << 400 << u"content-length"_s;
    QTest::newRow("bad chunk size") << QByteArray("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n") << 400
                                    << u"chunk size"_s;
    QTest::newRow("header block too large") << ("GET / HTTP/1.1\r\nX-Big: " + QByteArray(2000, 'a') + "\r\n\r\n")
                                            << 431 << u"header block larger than the limit of 1024"_s;
    QTest::newRow("header block too large, unfinished") << ("GET / HTTP/1.1\r\nX-Big: " + QByteArray(5000, 'a'))
                                                        << 431 << u"header block larger"_s;
    QTest::newRow("content-length over limit") << QByteArray("POST / HTTP/1.1\r\nContent-Length: 5000\r\n\r\n") << 413
                                               << u"Content-Length 5000 is larger than the limit of 4096"_s;
}

void TestHttpRequestParser::rejections()
{
    QFETCH(QByteArray, data);
    QFETCH(int, status);
    QFETCH(QString, reasonPart);
    const HttpRequestParser::Limits limits{1024, 4096};
    for (qsizetype chunk : {data.size(), qsizetype(1)}) {
        const Outcome outcome = parseAll(data, chunk, limits);
        QCOMPARE(outcome.errorStatus, status);
        QVERIFY2(outcome.errorReason.contains(reasonPart, Qt::CaseInsensitive), qPrintable(outcome.errorReason));
        QCOMPARE(outcome.requests.size(), 1);
        // What was received is kept for the user to see (here: everything, all below the raw limit).
        const CapturedRequest &r = outcome.requests.first();
        if (chunk == data.size())
            QCOMPARE(r.raw, data);
        else
            QVERIFY(data.startsWith(r.raw));
        QVERIFY(!r.method.isEmpty());
    }
}

void TestHttpRequestParser::chunkedBodyOverLimit()
{
    const QByteArray data = "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n400\r\n" + QByteArray(1024, 'x') +
                            "\r\n400\r\n" + QByteArray(1024, 'y') + "\r\n0\r\n\r\n";
    const Outcome outcome = parseAll(data, 100, HttpRequestParser::Limits{1024, 1500});
    QCOMPARE(outcome.errorStatus, 413);
    QVERIFY(outcome.errorReason.contains(u"1500"_s));
}

QTEST_GUILESS_MAIN(TestHttpRequestParser)
#include "tst_httprequestparser.moc"
