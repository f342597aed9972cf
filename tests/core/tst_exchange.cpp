#include "exchange.h"
#include "timeformat.h"

#include <QBuffer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QTest>

using namespace Qt::StringLiterals;

namespace Hookscope
{

namespace
{

constexpr qint64 sampleTimeUs = 1764396062123456; // 2025-11-29T06:01:02.123456Z

CapturedRequest githubPush()
{
    CapturedRequest request;
    request.id = 42;
    request.receivedUs = sampleTimeUs;
    request.receiveDurationUs = 1234;
    request.method = "POST";
    request.target = "/hooks/github?x=1&tag=a%2Fb&tag=c+d&flag";
    request.httpVersion = "HTTP/1.1";
    request.body = "{\"zen\":\"Keep it logically awesome.\",\"hook_id\":1}";
    request.headers = {{"Host", "localhost:8080"},
                       {"User-Agent", "GitHub-Hookshot/abc"},
                       {"Content-Type", "application/json"},
                       {"Content-Length", QByteArray::number(request.body.size())},
                       {"Cookie", "session=abc; theme=dark"},
                       {"X-GitHub-Event", "push"}};
    request.raw = request.method + ' ' + request.target + " HTTP/1.1\r\n";
    for (const HeaderField &field : request.headers)
        request.raw += field.first + ": " + field.second + "\r\n";
    request.raw += "\r\n" + request.body;
    request.remoteAddress = u"127.0.0.1"_s;
    request.remotePort = 51234;
    request.localAddress = u"127.0.0.1"_s;
    request.localPort = 8080;
    request.connectionId = 7;
    request.connectionIndex = 2;
    request.statusSent = 200;
    return request;
}

// Requests that exercise every corner of the formats; shared by the JSON Lines and HAR round trips.
QList<std::pair<const char *, CapturedRequest>> sampleRequests()
{
    QList<std::pair<const char *, CapturedRequest>> samples;
    samples.append({"plain JSON webhook", githubPush()});

    CapturedRequest binary = githubPush();
    binary.body = QByteArrayLiteral("\x00\x01\x02\xff\xfe\x80 png\x00\r\n\"\\");
    binary.headers[3].second = QByteArray::number(binary.body.size());
    binary.headers[2].second = "application/octet-stream";
    binary.raw = "POST /upload HTTP/1.1\r\nContent-Length: 15\r\n\r\n" + binary.body;
    samples.append({"binary body with NUL bytes", binary});

    CapturedRequest invalidHeader = githubPush();
    invalidHeader.headers.append(HeaderField("X-Bin\xff", "caf\xe9 \xc3\x28"));
    invalidHeader.headers.append(HeaderField("X-Also-Ok", "fine"));
    samples.append({"invalid UTF-8 header", invalidHeader});

    CapturedRequest nearlyUtf8 = githubPush();
    nearlyUtf8.headers.append(HeaderField("X-Surrogate", "\xed\xa0\x80"));  // UTF-16 surrogate, CESU-8 style
    nearlyUtf8.headers.append(HeaderField("X-Overlong", "\xc0\xaf"));       // overlong '/'
    nearlyUtf8.headers.append(HeaderField("X-Truncated", "caf\xc3"));       // sequence cut short
    nearlyUtf8.headers.append(HeaderField("X-Beyond", "\xf4\x90\x80\x80")); // above U+10FFFF
    samples.append({"almost UTF-8 header values", nearlyUtf8});

    CapturedRequest controls = githubPush();
    controls.headers.append(HeaderField("X-Controls", QByteArrayLiteral("a\x00"
                                                                        "b\tc\x01\x1f\x7f\"quoted\" \\ /")));
    controls.headers.append(HeaderField("X-Unicode", "\xef\xbb\xbf"
                                                     "BOM first, caf\xc3\xa9, \xf0\x9f\x98\x80, \xef\xbf\xbf"));
    samples.append({"control characters and Unicode in headers", controls});

    CapturedRequest oddLine = githubPush();
    oddLine.method = "G\xffT";
    oddLine.target = "/p\xfe th?q=\x80&r=%zz";
    oddLine.httpVersion = "HTTP/1.\xff";
    oddLine.headers.prepend(HeaderField(":pseudo", "kept"));
    samples.append({"invalid UTF-8 method, target and version", oddLine});

    CapturedRequest chunked = githubPush();
    chunked.headers[3] = {"Transfer-Encoding", "chunked"};
    chunked.body = "hello world";
    chunked.raw = "POST /c HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n6\r\n world\r\n0\r\n"
                  "X-Checksum: abc\r\nX-Bin: \xff\r\n\r\n";
    chunked.trailers = {{"X-Checksum", "abc"}, {"X-Bin", "\xff"}};
    samples.append({"chunked with trailers", chunked});

    CapturedRequest rejected;
    rejected.id = 9;
    rejected.receivedUs = sampleTimeUs;
    rejected.method = "GET";
    rejected.target = "/";
    rejected.httpVersion = "HTTP/1.1";
    rejected.raw = "GET / HTTP/1.1\r\nX-Huge: aaaaaaaa";
    rejected.remoteAddress = u"::1"_s;
    rejected.remotePort = 40000;
    rejected.localAddress = u"::1"_s;
    rejected.localPort = 8080;
    rejected.statusSent = 431;
    rejected.rejectedReason = u"Header section exceeds 64 KiB \"limit\" (r\u00e9sum\u00e9)"_s;
    samples.append({"rejected, IPv6", rejected});

    CapturedRequest empty;
    samples.append({"default-constructed", empty});

    CapturedRequest extremes = githubPush();
    extremes.id = (qint64(1) << 53) + 1; // not representable as a double
    extremes.receivedUs = -1;            // 1969-12-31T23:59:59.999999Z
    extremes.receiveDurationUs = std::numeric_limits<qint64>::max();
    extremes.connectionId = std::numeric_limits<qint64>::max();
    extremes.connectionIndex = std::numeric_limits<int>::max();
    extremes.remoteAddress.clear(); // only a port, written ":51234"
    extremes.localAddress = u"fe80::1%eth0"_s;
    extremes.pinned = true;
    extremes.label = Label::Gray;
    extremes.body.clear();
    samples.append({"extreme numbers, pinned, labelled", extremes});
    return samples;
}

void compareRequests(const CapturedRequest &actual, const CapturedRequest &expected)
{
    QCOMPARE(actual.id, expected.id);
    QCOMPARE(actual.receivedUs, expected.receivedUs);
    QCOMPARE(actual.receiveDurationUs, expected.receiveDurationUs);
    QCOMPARE(actual.method, expected.method);
    QCOMPARE(actual.target, expected.target);
    QCOMPARE(actual.httpVersion, expected.httpVersion);
    QCOMPARE(actual.headers.size(), expected.headers.size());
    for (qsizetype i = 0; i < expected.headers.size(); ++i) {
        QCOMPARE(actual.headers.at(i).first, expected.headers.at(i).first);
        QCOMPARE(actual.headers.at(i).second, expected.headers.at(i).second);
    }
    QCOMPARE(actual.trailers, expected.trailers);
    QCOMPARE(actual.body, expected.body);
    QCOMPARE(actual.raw, expected.raw);
    QCOMPARE(actual.remoteAddress, expected.remoteAddress);
    QCOMPARE(actual.remotePort, expected.remotePort);
    QCOMPARE(actual.localAddress, expected.localAddress);
    QCOMPARE(actual.localPort, expected.localPort);
    QCOMPARE(actual.connectionId, expected.connectionId);
    QCOMPARE(actual.connectionIndex, expected.connectionIndex);
    QCOMPARE(actual.statusSent, expected.statusSent);
    QCOMPARE(actual.rejectedReason, expected.rejectedReason);
    QCOMPARE(actual.pinned, expected.pinned);
    QCOMPARE(actual.label, expected.label);
}

QJsonObject parseObject(const QByteArray &json)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError)
        qWarning("JSON parse error: %s", qPrintable(error.errorString()));
    return document.object();
}

QByteArray writeHar(const QList<CapturedRequest> &requests)
{
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    Exchange::HarWriter writer(&buffer);
    bool ok = writer.begin();
    for (const CapturedRequest &request : requests)
        ok = writer.add(request) && ok;
    ok = writer.finish() && ok;
    return ok ? buffer.data() : QByteArray();
}

QJsonObject harEntry(const CapturedRequest &request)
{
    return parseObject(writeHar({request}))[u"log"][u"entries"][0].toObject();
}

// A valid record to break field by field.
QJsonObject goodRecord()
{
    return parseObject(Exchange::toJsonLine(githubPush()));
}

QByteArray compact(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

QByteArray recordWith(const QString &key, const QJsonValue &value)
{
    QJsonObject record = goodRecord();
    record.insert(key, value);
    return compact(record);
}

QByteArray recordWithout(const QString &key)
{
    QJsonObject record = goodRecord();
    record.remove(key);
    return compact(record);
}

QByteArray harWithEntry(const QJsonObject &entry)
{
    return compact(QJsonObject{{u"log"_s, QJsonObject{{u"version"_s, u"1.2"_s}, {u"entries"_s, QJsonArray{entry}}}}});
}

QJsonObject minimalHarEntry()
{
    return QJsonObject{{u"startedDateTime"_s, u"2024-05-06T07:08:09.123Z"_s},
                       {u"request"_s, QJsonObject{{u"method"_s, u"GET"_s}, {u"url"_s, u"http://example.com/"_s}}}};
}

} // namespace

class TestExchange : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void jsonLineRoundTrip_data();
    void jsonLineRoundTrip();
    void jsonLineRoundTripRandomBytes();
    void jsonLineFields();
    void jsonLineExactBytesForInvalidUtf8();
    void jsonLineDefaults();
    void jsonLinePrefersExactBytes();
    void jsonLineBad_data();
    void jsonLineBad();

    void harDocument();
    void harRoundTrip();
    void harEntryFields();
    void harTextBodyUnchanged();
    void harBinaryBody_data();
    void harBinaryBody();
    void harUrl_data();
    void harUrl();
    void harFromOtherTool();
    void harBad_data();
    void harBad();
    void harWriterClosedDevice();

    void detectFormat_data();
    void detectFormat();
};

void TestExchange::jsonLineRoundTrip_data()
{
    QTest::addColumn<CapturedRequest>("request");
    for (const auto &[name, request] : sampleRequests())
        QTest::newRow(name) << request;
}

void TestExchange::jsonLineRoundTrip()
{
    QFETCH(CapturedRequest, request);
    const QByteArray line = Exchange::toJsonLine(request);
    QVERIFY(!line.contains('\n'));
    QVERIFY(!line.contains('\r'));
    QVERIFY(line.isValidUtf8());

    const Result<CapturedRequest> parsed = Exchange::fromJsonLine(line);
    QVERIFY2(parsed.isOk(), qPrintable(parsed.errorMessage()));
    compareRequests(parsed.value(), request);
    if (QTest::currentTestFailed())
        return;
    QCOMPARE(Exchange::toJsonLine(parsed.value()), line);

    // A CRLF file leaves the carriage return on the line.
    const Result<CapturedRequest> withCr = Exchange::fromJsonLine(QByteArray(line + "\r"));
    QVERIFY2(withCr.isOk(), qPrintable(withCr.errorMessage()));
    QCOMPARE(Exchange::toJsonLine(withCr.value()), line);
}

void TestExchange::jsonLineRoundTripRandomBytes()
{
    // Fixed seed: the same bytes on every run, so a failure reproduces.
    QRandomGenerator random(20261129);
    const auto randomBytes = [&random](int maximumSize) {
        QByteArray bytes(random.bounded(maximumSize + 1), Qt::Uninitialized);
        for (char &byte : bytes) {
            // Mostly ASCII with a share of UTF-8 lead and continuation bytes, so valid and invalid sequences mix.
            const quint32 roll = random.bounded(10);
            byte = char(roll < 6   ? random.bounded(0x20, 0x7f)
                        : roll < 8 ? random.bounded(0x80, 0x100)
                                   : random.bounded(0, 0x20));
        }
        return bytes;
    };
    for (int round = 0; round < 300; ++round) {
        CapturedRequest request;
        request.id = random.bounded(1000000);
        request.receivedUs = qint64(random.bounded(4000000000u)) * 1000000 + random.bounded(1000000);
        request.method = randomBytes(8);
        request.target = randomBytes(40);
        request.httpVersion = randomBytes(9);
        for (int i = random.bounded(6); i > 0; --i)
            request.headers.append(HeaderField(randomBytes(12), randomBytes(30)));
        for (int i = random.bounded(2); i > 0; --i)
            request.trailers.append(HeaderField(randomBytes(12), randomBytes(30)));
        request.body = randomBytes(200);
        request.raw = randomBytes(300);
        request.rejectedReason = QString::fromUtf8(randomBytes(10));
        request.pinned = random.bounded(2) == 1;
        request.label = Label(random.bounded(LabelCount));

        const QByteArray line = Exchange::toJsonLine(request);
        const Result<CapturedRequest> parsed = Exchange::fromJsonLine(line);
        QVERIFY2(parsed.isOk(), qPrintable(parsed.errorMessage()));
        compareRequests(parsed.value(), request);
        if (QTest::currentTestFailed()) {
            qWarning("round %d: %s", round, line.constData());
            return;
        }
        QCOMPARE(Exchange::toJsonLine(parsed.value()), line);

        const Result<QList<CapturedRequest>> har = Exchange::fromHar(writeHar({request}));
        QVERIFY2(har.isOk(), qPrintable(har.errorMessage()));
        QCOMPARE(har.value().size(), 1);
        QCOMPARE(Exchange::toJsonLine(har.value().constFirst()), line);
    }
}

void TestExchange::jsonLineFields()
{
    const CapturedRequest request = githubPush();
    const QByteArray line = Exchange::toJsonLine(request);
    const QJsonObject record = parseObject(line);

    // Documented key order, checked on the text since QJsonObject sorts its keys.
    const QList<QByteArray> order = {"id",
                                     "received_at",
                                     "method",
                                     "target",
                                     "http_version",
                                     "headers",
                                     "trailers",
                                     "body_base64",
                                     "raw_base64",
                                     "remote",
                                     "local",
                                     "status_sent",
                                     "rejected_reason",
                                     "connection_id",
                                     "connection_index",
                                     "receive_duration_us",
                                     "pinned",
                                     "label"};
    qsizetype previous = -1;
    for (const QByteArray &key : order) {
        const qsizetype position = line.indexOf(QByteArray('"' + key + "\":"));
        QVERIFY2(position > previous, key.constData());
        previous = position;
    }
    QCOMPARE(record.size(), order.size());
    QVERIFY(line.startsWith("{\"id\":42,\"received_at\":\"2025-11-29T06:01:02.123456Z\",\"method\":\"POST\","));

    QCOMPARE(record[u"id"].toInteger(), 42);
    QCOMPARE(record[u"received_at"].toString(), u"2025-11-29T06:01:02.123456Z"_s);
    QCOMPARE(record[u"method"].toString(), u"POST"_s);
    QCOMPARE(record[u"target"].toString(), u"/hooks/github?x=1&tag=a%2Fb&tag=c+d&flag"_s);
    QCOMPARE(record[u"http_version"].toString(), u"HTTP/1.1"_s);
    const QJsonArray headers = record[u"headers"].toArray();
    QCOMPARE(headers.size(), request.headers.size());
    QCOMPARE(headers.at(0).toArray(), (QJsonArray{u"Host"_s, u"localhost:8080"_s}));
    QCOMPARE(headers.at(5).toArray(), (QJsonArray{u"X-GitHub-Event"_s, u"push"_s}));
    QCOMPARE(record[u"trailers"].toArray(), QJsonArray());
    QCOMPARE(QByteArray::fromBase64(record[u"body_base64"].toString().toLatin1()), request.body);
    QCOMPARE(QByteArray::fromBase64(record[u"raw_base64"].toString().toLatin1()), request.raw);
    QCOMPARE(record[u"remote"].toString(), u"127.0.0.1:51234"_s);
    QCOMPARE(record[u"local"].toString(), u"127.0.0.1:8080"_s);
    QCOMPARE(record[u"status_sent"].toInteger(), 200);
    QVERIFY(record[u"rejected_reason"].isNull());
    QCOMPARE(record[u"connection_id"].toInteger(), 7);
    QCOMPARE(record[u"connection_index"].toInteger(), 2);
    QCOMPARE(record[u"receive_duration_us"].toInteger(), 1234);
    QCOMPARE(record[u"pinned"].toBool(true), false);
    QVERIFY(record[u"label"].isNull());

    CapturedRequest rejected = request;
    rejected.rejectedReason = u"Body exceeds limit"_s;
    rejected.remoteAddress = u"::1"_s;
    rejected.pinned = true;
    rejected.label = Label::Orange;
    const QJsonObject rejectedRecord = parseObject(Exchange::toJsonLine(rejected));
    QCOMPARE(rejectedRecord[u"label"].toString(), u"orange"_s);
    QCOMPARE(rejectedRecord[u"rejected_reason"].toString(), u"Body exceeds limit"_s);
    QCOMPARE(rejectedRecord[u"remote"].toString(), u"[::1]:51234"_s);
    QCOMPARE(rejectedRecord[u"pinned"].toBool(false), true);
}

void TestExchange::jsonLineExactBytesForInvalidUtf8()
{
    CapturedRequest request = githubPush();
    request.method = "P\xffST";
    request.target = "/a\xfe";
    request.headers = {{"X-Name\xff", "ok"}, {"X-Ok", "caf\xc3\xa9"}, {"X-Value", "\xc3\x28"}};
    const QJsonObject record = parseObject(Exchange::toJsonLine(request));

    QCOMPARE(record[u"method"].toString(), u"P\uFFFDST"_s);
    QCOMPARE(QByteArray::fromBase64(record[u"method_base64"].toString().toLatin1()), request.method);
    QCOMPARE(QByteArray::fromBase64(record[u"target_base64"].toString().toLatin1()), request.target);
    QVERIFY(!record.contains(u"http_version_base64"));

    const QJsonArray headers = record[u"headers"].toArray();
    const QJsonArray badName = headers.at(0).toArray();
    QCOMPARE(badName.size(), 3);
    QCOMPARE(badName.at(0).toString(), u"X-Name\uFFFD"_s);
    QCOMPARE(QByteArray::fromBase64(badName.at(2)[u"name_base64"].toString().toLatin1()), "X-Name\xff");
    QCOMPARE(QByteArray::fromBase64(badName.at(2)[u"value_base64"].toString().toLatin1()), "ok");
    QCOMPARE(headers.at(1).toArray(), (QJsonArray{u"X-Ok"_s, u"caf\u00e9"_s}));
    const QJsonArray badValue = headers.at(2).toArray();
    QCOMPARE(badValue.size(), 3);
    QCOMPARE(badValue.at(1).toString(), u"\uFFFD("_s);
    QCOMPARE(QByteArray::fromBase64(badValue.at(2)[u"value_base64"].toString().toLatin1()), "\xc3\x28");
}

void TestExchange::jsonLineDefaults()
{
    const QByteArray line = R"({"method":"POST","target":"/x","received_at":"2024-01-02T03:04:05Z",)"
                            R"("headers":[["A","b"]],"body_base64":"aGk=","rejected_reason":null})";
    const Result<CapturedRequest> parsed = Exchange::fromJsonLine(line);
    QVERIFY2(parsed.isOk(), qPrintable(parsed.errorMessage()));
    const CapturedRequest &request = parsed.value();
    QCOMPARE(request.id, 0);
    QCOMPARE(request.receivedUs, parseRfc3339Us(u"2024-01-02T03:04:05Z"_s).value());
    QCOMPARE(request.httpVersion, "HTTP/1.1");
    QCOMPARE(request.body, "hi");
    QVERIFY(request.trailers.isEmpty());
    // Without raw_base64 the raw bytes are rebuilt from the parts.
    QCOMPARE(request.raw, "POST /x HTTP/1.1\r\nA: b\r\n\r\nhi");
    QVERIFY(request.remoteAddress.isEmpty());
    QCOMPARE(request.remotePort, 0);
    QCOMPARE(request.statusSent, 0);
    QVERIFY(request.rejectedReason.isEmpty());
    QCOMPARE(request.connectionId, 0u);
    QCOMPARE(request.pinned, false);
}

void TestExchange::jsonLinePrefersExactBytes()
{
    const QByteArray line =
        R"({"method":"G?T","method_base64":"R/9U","target":"/","received_at":"2024-01-02T03:04:05Z",)"
        R"("headers":[["X-?","?",{"name_base64":"WC3/","value_base64":"/g=="}],["Y","z",{}]]})";
    const Result<CapturedRequest> parsed = Exchange::fromJsonLine(line);
    QVERIFY2(parsed.isOk(), qPrintable(parsed.errorMessage()));
    QCOMPARE(parsed.value().method, "G\xffT");
    QCOMPARE(parsed.value().headers.size(), 2);
    QCOMPARE(parsed.value().headers.at(0).first, "X-\xff");
    QCOMPARE(parsed.value().headers.at(0).second, "\xfe");
    QCOMPARE(parsed.value().headers.at(1).first, "Y");
    QCOMPARE(parsed.value().headers.at(1).second, "z");
}

void TestExchange::jsonLineBad_data()
{
    QTest::addColumn<QByteArray>("line");
    QTest::addColumn<QString>("expected");

    QTest::newRow("not JSON") << QByteArray("{\"method\": GET}") << u"not valid JSON"_s;
    QTest::newRow("empty line") << QByteArray() << u"not valid JSON"_s;
    QTest::newRow("truncated") << Exchange::toJsonLine(githubPush()).chopped(10) << u"not valid JSON"_s;
    QTest::newRow("array") << QByteArray("[1,2]") << u"not a JSON object"_s;
    QTest::newRow("missing method") << recordWithout(u"method"_s) << u"field \"method\" is missing"_s;
    QTest::newRow("method not a string") << recordWith(u"method"_s, 5) << u"field \"method\" must be a string"_s;
    QTest::newRow("missing target") << recordWithout(u"target"_s) << u"field \"target\" is missing"_s;
    QTest::newRow("missing received_at") << recordWithout(u"received_at"_s) << u"field \"received_at\" is missing"_s;
    QTest::newRow("bad received_at") << recordWith(u"received_at"_s, u"yesterday"_s)
                                     << u"field \"received_at\" is not an RFC 3339 date-time"_s;
    QTest::newRow("impossible date") << recordWith(u"received_at"_s, u"2024-02-30T00:00:00Z"_s)
                                     << u"field \"received_at\" is not an RFC 3339 date-time"_s;
    QTest::newRow("bad body base64") << recordWith(u"body_base64"_s, u"@@not base64@@"_s)
                                     << u"field \"body_base64\" is not valid base64"_s;
    QTest::newRow("non-Latin-1 base64") << recordWith(u"raw_base64"_s, u"\u00e9\u4e2d"_s)
                                        << u"field \"raw_base64\" is not valid base64"_s;
    QTest::newRow("bad method base64") << recordWith(u"method_base64"_s, u"!"_s)
                                       << u"field \"method_base64\" is not valid base64"_s;
    QTest::newRow("header not a pair") << recordWith(u"headers"_s, QJsonArray{QJsonArray{u"A"_s}})
                                       << u"field \"headers[0]\" must be [name, value]"_s;
    QTest::newRow("header value not a string")
        << recordWith(u"headers"_s, QJsonArray{QJsonArray{u"A"_s, u"b"_s}, QJsonArray{u"C"_s, 1}})
        << u"field \"headers[1]\" must be [name, value]"_s;
    QTest::newRow("headers not an array")
        << recordWith(u"headers"_s, QJsonObject()) << u"field \"headers\" must be an array"_s;
    QTest::newRow("bad exact header bytes")
        << recordWith(u"trailers"_s, QJsonArray{QJsonArray{u"A"_s, u"b"_s, QJsonObject{{u"name_base64"_s, u"%%"_s}}}})
        << u"field \"trailers[0][2].name_base64\" is not valid base64"_s;
    QTest::newRow("fractional id") << recordWith(u"id"_s, 1.5) << u"field \"id\" must be an integer"_s;
    QTest::newRow("id as string") << recordWith(u"id"_s, u"7"_s) << u"field \"id\" must be an integer"_s;
    QTest::newRow("status out of range") << recordWith(u"status_sent"_s, 1000)
                                         << u"field \"status_sent\" must be an integer from 0 to 999"_s;
    QTest::newRow("connection index too big")
        << recordWith(u"connection_index"_s, 3e9) << u"field \"connection_index\" must be an integer"_s;
    QTest::newRow("negative connection id")
        << recordWith(u"connection_id"_s, -1) << u"field \"connection_id\" must be an integer"_s;
    QTest::newRow("bad remote") << recordWith(u"remote"_s, u"nowhere"_s) << u"field \"remote\" is not an endpoint"_s;
    QTest::newRow("bad local port") << recordWith(u"local"_s, u"127.0.0.1:99999"_s)
                                    << u"field \"local\" is not an endpoint"_s;
    QTest::newRow("pinned not a bool") << recordWith(u"pinned"_s, u"yes"_s)
                                       << u"field \"pinned\" must be true or false"_s;
    QTest::newRow("unknown label") << recordWith(u"label"_s, u"pink"_s)
                                   << u"field \"label\" must be one of none, red, orange"_s;
    QTest::newRow("label not a string") << recordWith(u"label"_s, 2) << u"field \"label\" must be a string"_s;
    QTest::newRow("rejected_reason number")
        << recordWith(u"rejected_reason"_s, 3) << u"field \"rejected_reason\" must be a string"_s;
}

void TestExchange::jsonLineBad()
{
    QFETCH(QByteArray, line);
    QFETCH(QString, expected);
    const Result<CapturedRequest> parsed = Exchange::fromJsonLine(line);
    QVERIFY(!parsed.isOk());
    QCOMPARE(parsed.error().code, ErrorCode::Parse);
    QVERIFY2(parsed.errorMessage().startsWith(u"Invalid record: "), qPrintable(parsed.errorMessage()));
    QVERIFY2(parsed.errorMessage().contains(expected), qPrintable(parsed.errorMessage()));
}

void TestExchange::harDocument()
{
    const QByteArray empty = writeHar({});
    QVERIFY(!empty.isEmpty());
    const QJsonObject log = parseObject(empty)[u"log"].toObject();
    QCOMPARE(log[u"version"].toString(), u"1.2"_s);
    QCOMPARE(log[u"creator"][u"name"].toString(), u"Hookscope"_s);
    QCOMPARE(log[u"creator"][u"version"].toString(), QStringLiteral(HOOKSCOPE_VERSION));
    QCOMPARE(log[u"entries"].toArray(), QJsonArray());
    const Result<QList<CapturedRequest>> none = Exchange::fromHar(empty);
    QVERIFY2(none.isOk(), qPrintable(none.errorMessage()));
    QVERIFY(none.value().isEmpty());

    const QByteArray two = writeHar({githubPush(), githubPush()});
    QCOMPARE(parseObject(two)[u"log"][u"entries"].toArray().size(), 2);
    // A byte order mark, as some editors save it, is skipped.
    const Result<QList<CapturedRequest>> withBom = Exchange::fromHar("\xef\xbb\xbf" + two);
    QVERIFY2(withBom.isOk(), qPrintable(withBom.errorMessage()));
    QCOMPARE(withBom.value().size(), 2);
}

void TestExchange::harRoundTrip()
{
    QList<CapturedRequest> requests;
    for (const auto &sample : sampleRequests())
        requests.append(sample.second);
    const QByteArray document = writeHar(requests);
    QVERIFY(!document.isEmpty());
    QVERIFY(!QJsonDocument::fromJson(document).isNull());

    const Result<QList<CapturedRequest>> parsed = Exchange::fromHar(document);
    QVERIFY2(parsed.isOk(), qPrintable(parsed.errorMessage()));
    QCOMPARE(parsed.value().size(), requests.size());
    for (qsizetype i = 0; i < requests.size(); ++i) {
        compareRequests(parsed.value().at(i), requests.at(i));
        if (QTest::currentTestFailed()) {
            qWarning("HAR entry %lld (%s) differs", qlonglong(i), sampleRequests().at(i).first);
            return;
        }
        QCOMPARE(Exchange::toJsonLine(parsed.value().at(i)), Exchange::toJsonLine(requests.at(i)));
    }
}

void TestExchange::harEntryFields()
{
    const CapturedRequest request = githubPush();
    const QJsonObject entry = harEntry(request);

    QCOMPARE(entry[u"startedDateTime"].toString(), u"2025-11-29T06:01:02.123456Z"_s);
    QCOMPARE(entry[u"time"].toDouble(), 1.234);
    QCOMPARE(entry[u"cache"].toObject(), QJsonObject());
    QCOMPARE(entry[u"timings"].toObject(), (QJsonObject{{u"send"_s, 0}, {u"wait"_s, 0}, {u"receive"_s, 1.234}}));

    const QJsonObject harRequest = entry[u"request"].toObject();
    QCOMPARE(harRequest[u"method"].toString(), u"POST"_s);
    QCOMPARE(harRequest[u"url"].toString(), u"http://localhost:8080/hooks/github?x=1&tag=a%2Fb&tag=c+d&flag"_s);
    QCOMPARE(harRequest[u"httpVersion"].toString(), u"HTTP/1.1"_s);
    const QJsonArray headers = harRequest[u"headers"].toArray();
    QCOMPARE(headers.size(), request.headers.size());
    QCOMPARE(headers.at(1).toObject(),
             (QJsonObject{{u"name"_s, u"User-Agent"_s}, {u"value"_s, u"GitHub-Hookshot/abc"_s}}));
    const QJsonArray expectedQuery = {
        QJsonObject{{u"name"_s, u"x"_s}, {u"value"_s, u"1"_s}},
        QJsonObject{{u"name"_s, u"tag"_s}, {u"value"_s, u"a/b"_s}},
        QJsonObject{{u"name"_s, u"tag"_s}, {u"value"_s, u"c d"_s}},
        QJsonObject{{u"name"_s, u"flag"_s}, {u"value"_s, u""_s}},
    };
    QCOMPARE(harRequest[u"queryString"].toArray(), expectedQuery);
    CapturedRequest oddQuery = request;
    oddQuery.target = "/q?bad=%zz&pct=100%&&plus=a+b%2Bc%2b&=empty-name&caf%C3%A9";
    const QJsonArray expectedOddQuery = {
        QJsonObject{{u"name"_s, u"bad"_s}, {u"value"_s, u"%zz"_s}},
        QJsonObject{{u"name"_s, u"pct"_s}, {u"value"_s, u"100%"_s}},
        QJsonObject{{u"name"_s, u"plus"_s}, {u"value"_s, u"a b+c+"_s}},
        QJsonObject{{u"name"_s, u""_s}, {u"value"_s, u"empty-name"_s}},
        QJsonObject{{u"name"_s, u"caf\u00e9"_s}, {u"value"_s, u""_s}},
    };
    QCOMPARE(harEntry(oddQuery)[u"request"][u"queryString"].toArray(), expectedOddQuery);
    const QJsonArray expectedCookies = {
        QJsonObject{{u"name"_s, u"session"_s}, {u"value"_s, u"abc"_s}},
        QJsonObject{{u"name"_s, u"theme"_s}, {u"value"_s, u"dark"_s}},
    };
    QCOMPARE(harRequest[u"cookies"].toArray(), expectedCookies);
    const QJsonObject postData = harRequest[u"postData"].toObject();
    QCOMPARE(postData[u"mimeType"].toString(), u"application/json"_s);
    QCOMPARE(postData[u"text"].toString().toUtf8(), request.body);
    QVERIFY(!postData.contains(u"_base64"));
    QVERIFY(!postData.contains(u"params"));
    QCOMPARE(harRequest[u"headersSize"].toInteger(), request.raw.size() - request.body.size());
    QCOMPARE(harRequest[u"bodySize"].toInteger(), request.body.size());

    const QJsonObject response = entry[u"response"].toObject();
    QCOMPARE(response[u"status"].toInteger(), 200);
    QCOMPARE(response[u"statusText"].toString(), u"OK"_s);
    QCOMPARE(response[u"headersSize"].toInteger(), -1);
    QCOMPARE(response[u"bodySize"].toInteger(), -1);
    QCOMPARE(response[u"content"].toObject(), (QJsonObject{{u"size"_s, 0}, {u"mimeType"_s, u""_s}}));

    const QJsonObject hookscope = entry[u"_hookscope"].toObject();
    QCOMPARE(hookscope[u"id"].toInteger(), 42);
    QCOMPARE(hookscope[u"target"].toString(), u"/hooks/github?x=1&tag=a%2Fb&tag=c+d&flag"_s);
    QCOMPARE(hookscope[u"remote"].toString(), u"127.0.0.1:51234"_s);
    QCOMPARE(hookscope[u"connection_index"].toInteger(), 2);
    QCOMPARE(QByteArray::fromBase64(hookscope[u"raw_base64"].toString().toLatin1()), request.raw);
    QVERIFY(!hookscope.contains(u"headers_exact")); // the standard headers hold them exactly

    // No body, no postData; a rejected request without a response has status 0.
    CapturedRequest rejected = request;
    rejected.body.clear();
    rejected.statusSent = 0;
    rejected.rejectedReason = u"Too slow"_s;
    rejected.headers.append(HeaderField("X-Bad", "\xff"));
    const QJsonObject rejectedEntry = harEntry(rejected);
    QVERIFY(!rejectedEntry[u"request"].toObject().contains(u"postData"));
    QCOMPARE(rejectedEntry[u"response"][u"status"].toInteger(-1), 0);
    QCOMPARE(rejectedEntry[u"_hookscope"][u"rejected_reason"].toString(), u"Too slow"_s);
    QVERIFY(rejectedEntry[u"_hookscope"].toObject().contains(u"headers_exact"));

    // A form body also gets decoded params.
    CapturedRequest form = request;
    form.headers[2].second = "application/x-www-form-urlencoded; charset=UTF-8";
    form.body = "a=1&b=x+y&c=%C3%A9&a=2";
    const QJsonArray expectedParams = {
        QJsonObject{{u"name"_s, u"a"_s}, {u"value"_s, u"1"_s}},
        QJsonObject{{u"name"_s, u"b"_s}, {u"value"_s, u"x y"_s}},
        QJsonObject{{u"name"_s, u"c"_s}, {u"value"_s, u"\u00e9"_s}},
        QJsonObject{{u"name"_s, u"a"_s}, {u"value"_s, u"2"_s}},
    };
    const QJsonObject formPost = harEntry(form)[u"request"][u"postData"].toObject();
    QCOMPARE(formPost[u"params"].toArray(), expectedParams);
    QCOMPARE(formPost[u"text"].toString().toUtf8(), form.body);
}

void TestExchange::harTextBodyUnchanged()
{
    CapturedRequest request = githubPush();
    request.body = "plain text with caf\xc3\xa9, \xe4\xb8\xad\xe6\x96\x87 and \xf0\x9f\x98\x80 / slashes";
    const QByteArray document = writeHar({request});
    // The bytes appear verbatim: no \u escapes, no re-encoding.
    QVERIFY(document.contains(request.body));
    const QJsonObject postData = parseObject(document)[u"log"][u"entries"][0][u"request"][u"postData"].toObject();
    QCOMPARE(postData[u"text"].toString().toUtf8(), request.body);
    QVERIFY(!postData.contains(u"_base64"));
}

void TestExchange::harBinaryBody_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::newRow("invalid UTF-8") << QByteArray("caf\xe9");
    QTest::newRow("NUL byte in ASCII") << QByteArrayLiteral("abc\x00"
                                                            "def");
    QTest::newRow("PNG header") << QByteArrayLiteral("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR");
}

void TestExchange::harBinaryBody()
{
    QFETCH(QByteArray, body);
    CapturedRequest request = githubPush();
    request.body = body;
    const QJsonObject postData = harEntry(request)[u"request"][u"postData"].toObject();
    QCOMPARE(postData[u"text"].toString(), QString());
    QCOMPARE(QByteArray::fromBase64(postData[u"_base64"].toString().toLatin1()), body);
    QCOMPARE(postData[u"mimeType"].toString(), u"application/json"_s);
}

void TestExchange::harUrl_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QByteArray>("target");
    QTest::addColumn<QByteArray>("host");
    QTest::addColumn<QString>("localAddress");
    QTest::addColumn<QString>("url");

    QTest::newRow("origin-form with Host")
        << QByteArray("GET") << QByteArray("/a/b?c=d") << QByteArray("example.com:81") << u"127.0.0.1"_s
        << u"http://example.com:81/a/b?c=d"_s;
    QTest::newRow("no Host, IPv4 local") << QByteArray("GET") << QByteArray("/x") << QByteArray() << u"127.0.0.1"_s
                                         << u"http://127.0.0.1:8080/x"_s;
    QTest::newRow("no Host, IPv6 local") << QByteArray("GET") << QByteArray("/x") << QByteArray() << u"::1"_s
                                         << u"http://[::1]:8080/x"_s;
    QTest::newRow("no Host, no local") << QByteArray("GET") << QByteArray("/x") << QByteArray() << QString()
                                       << u"http://localhost/x"_s;
    QTest::newRow("characters a URL cannot hold")
        << QByteArray("GET") << QByteArray("/a b/\xff{}|\"<>#?q=%20&r=%zz") << QByteArray("h") << QString()
        << u"http://h/a%20b/%FF%7B%7D%7C%22%3C%3E%23?q=%20&r=%25zz"_s;
    QTest::newRow("absolute-form") << QByteArray("GET") << QByteArray("http://proxy.test/p?q") << QByteArray("other")
                                   << QString() << u"http://proxy.test/p?q"_s;
    QTest::newRow("asterisk-form") << QByteArray("OPTIONS") << QByteArray("*") << QByteArray("h") << QString()
                                   << u"http://h/*"_s;
    QTest::newRow("authority-form") << QByteArray("CONNECT") << QByteArray("example.com:443") << QByteArray()
                                    << QString() << u"http://example.com:443"_s;
    QTest::newRow("empty target") << QByteArray("GET") << QByteArray() << QByteArray("h") << QString()
                                  << u"http://h/"_s;
}

void TestExchange::harUrl()
{
    QFETCH(QByteArray, method);
    QFETCH(QByteArray, target);
    QFETCH(QByteArray, host);
    QFETCH(QString, localAddress);
    QFETCH(QString, url);

    CapturedRequest request;
    request.method = method;
    request.target = target;
    request.httpVersion = "HTTP/1.1";
    if (!host.isEmpty())
        request.headers.append(HeaderField("Host", host));
    request.localAddress = localAddress;
    request.localPort = localAddress.isEmpty() ? 0 : 8080;
    QCOMPARE(harEntry(request)[u"request"][u"url"].toString(), url);
}

void TestExchange::harFromOtherTool()
{
    // Shaped like a Chrome DevTools export: HTTP/2 pseudo headers, absolute URLs, millisecond times.
    const QByteArray document = R"({
  "log": {
    "version": "1.2",
    "creator": {"name": "WebInspector", "version": "537.36"},
    "pages": [],
    "entries": [
      {
        "_initiator": {"type": "other"},
        "_resourceType": "fetch",
        "cache": {},
        "connection": "443",
        "request": {
          "method": "POST",
          "url": "https://api.example.com/hooks/ci?build=42&tag=a%2Fb#section",
          "httpVersion": "http/2.0",
          "headers": [
            {"name": ":authority", "value": "api.example.com"},
            {"name": ":method", "value": "POST"},
            {"name": ":path", "value": "/hooks/ci?build=42&tag=a%2Fb"},
            {"name": "content-type", "value": "application/json"},
            {"name": "user-agent", "value": "Mozilla/5.0"}
          ],
          "queryString": [{"name": "build", "value": "42"}, {"name": "tag", "value": "a%2Fb"}],
          "cookies": [],
          "headersSize": -1,
          "bodySize": 31,
          "postData": {"mimeType": "application/json", "text": "{\"status\":\"ok\",\"name\":\"caf\u00e9\"}"}
        },
        "response": {"status": 202, "statusText": "", "httpVersion": "http/2.0", "headers": [], "cookies": [],
                     "content": {"size": 0, "mimeType": "x-unknown"}, "redirectURL": "", "headersSize": -1,
                     "bodySize": -1},
        "serverIPAddress": "203.0.113.5",
        "startedDateTime": "2024-05-06T07:08:09.123Z",
        "time": 85.2,
        "timings": {"blocked": 1.1, "dns": -1, "ssl": -1, "connect": -1, "send": 0.2, "wait": 80.1, "receive": 3.8}
      },
      {
        "startedDateTime": "2024-05-06T09:08:09.5+02:00",
        "time": 1,
        "request": {"method": "GET", "url": "http://example.com?only=query", "httpVersion": "",
                    "headers": [{"name": "Host", "value": "example.com"}], "queryString": [], "cookies": [],
                    "headersSize": -1, "bodySize": 0},
        "response": {"status": 0, "statusText": "", "httpVersion": "", "headers": [], "cookies": [],
                     "content": {"size": 0, "mimeType": ""}, "redirectURL": "", "headersSize": -1, "bodySize": -1},
        "cache": {},
        "timings": {"send": 0, "wait": 0, "receive": 0}
      },
      {
        "startedDateTime": "2024-05-06T07:08:10Z",
        "request": {"method": "PUT", "url": "http://example.com/form", "httpVersion": "HTTP/1.1",
                    "headers": [{"name": "Content-Type", "value": "application/x-www-form-urlencoded"}],
                    "postData": {"mimeType": "application/x-www-form-urlencoded",
                                 "params": [{"name": "a", "value": "1"}, {"name": "b c", "value": "x&y\u00e9"}]}}
      },
      {
        "startedDateTime": "2024-05-06T07:08:11Z",
        "request": {"method": "POST", "url": "/relative/path", "headers": [],
                    "postData": {"mimeType": "application/octet-stream", "text": "", "_base64": "AP8Q"}}
      }
    ]
  }
})";
    QCOMPARE(Exchange::detectFormat(document.left(64)), Exchange::Format::Har);
    const Result<QList<CapturedRequest>> parsed = Exchange::fromHar(document);
    QVERIFY2(parsed.isOk(), qPrintable(parsed.errorMessage()));
    QCOMPARE(parsed.value().size(), 4);

    const CapturedRequest &chrome = parsed.value().at(0);
    QCOMPARE(chrome.id, 0);
    QCOMPARE(chrome.method, "POST");
    QCOMPARE(chrome.target, "/hooks/ci?build=42&tag=a%2Fb");
    QCOMPARE(chrome.httpVersion, "http/2.0");
    QCOMPARE(chrome.headers, (HeaderList{{"content-type", "application/json"}, {"user-agent", "Mozilla/5.0"}}));
    QCOMPARE(chrome.body, "{\"status\":\"ok\",\"name\":\"caf\xc3\xa9\"}");
    QCOMPARE(chrome.receivedUs, parseRfc3339Us(u"2024-05-06T07:08:09.123Z"_s).value());
    QCOMPARE(chrome.statusSent, 202);
    QCOMPARE(chrome.raw, "POST /hooks/ci?build=42&tag=a%2Fb http/2.0\r\n"
                         "content-type: application/json\r\n"
                         "user-agent: Mozilla/5.0\r\n"
                         "\r\n"
                         "{\"status\":\"ok\",\"name\":\"caf\xc3\xa9\"}");

    const CapturedRequest &plain = parsed.value().at(1);
    QCOMPARE(plain.target, "/?only=query");
    QCOMPARE(plain.httpVersion, "HTTP/1.1"); // empty in the file
    QCOMPARE(plain.receivedUs, parseRfc3339Us(u"2024-05-06T07:08:09.500Z"_s).value());
    QCOMPARE(plain.statusSent, 0);
    QCOMPARE(plain.raw, "GET /?only=query HTTP/1.1\r\nHost: example.com\r\n\r\n");

    const CapturedRequest &form = parsed.value().at(2);
    QCOMPARE(form.body, "a=1&b+c=x%26y%C3%A9");
    QCOMPARE(form.raw, "PUT /form HTTP/1.1\r\nContent-Type: application/x-www-form-urlencoded\r\n\r\n"
                       "a=1&b+c=x%26y%C3%A9");

    const CapturedRequest &binary = parsed.value().at(3);
    QCOMPARE(binary.target, "/relative/path");
    QCOMPARE(binary.body, QByteArrayLiteral("\x00\xff\x10"));
    QCOMPARE(binary.raw, QByteArrayLiteral("POST /relative/path HTTP/1.1\r\n\r\n\x00\xff\x10"));

    // The imported requests survive an export of their own.
    for (const CapturedRequest &request : parsed.value()) {
        const Result<CapturedRequest> again = Exchange::fromJsonLine(Exchange::toJsonLine(request));
        QVERIFY2(again.isOk(), qPrintable(again.errorMessage()));
        QCOMPARE(Exchange::toJsonLine(again.value()), Exchange::toJsonLine(request));
    }
}

void TestExchange::harBad_data()
{
    QTest::addColumn<QByteArray>("document");
    QTest::addColumn<QString>("expected");

    QJsonObject noMethod = minimalHarEntry();
    noMethod[u"request"] = QJsonObject{{u"url"_s, u"http://x/"_s}};
    QJsonObject noUrl = minimalHarEntry();
    noUrl[u"request"] = QJsonObject{{u"method"_s, u"GET"_s}};
    QJsonObject badTime = minimalHarEntry();
    badTime[u"startedDateTime"] = u"May 6th"_s;
    QJsonObject badBase64 = minimalHarEntry();
    badBase64[u"request"] = QJsonObject{{u"method"_s, u"POST"_s},
                                        {u"url"_s, u"http://x/"_s},
                                        {u"postData"_s, QJsonObject{{u"mimeType"_s, u""_s}, {u"_base64"_s, u"*"_s}}}};
    QJsonObject badHeader = minimalHarEntry();
    badHeader[u"request"] = QJsonObject{{u"method"_s, u"GET"_s},
                                        {u"url"_s, u"http://x/"_s},
                                        {u"headers"_s, QJsonArray{QJsonObject{{u"value"_s, u"v"_s}}}}};
    QJsonObject badExtension = minimalHarEntry();
    badExtension[u"_hookscope"] = QJsonObject{{u"raw_base64"_s, u"%%%"_s}};

    QTest::newRow("not JSON") << QByteArray("<html></html>") << u"not valid JSON"_s;
    QTest::newRow("array") << QByteArray("[]") << u"not a JSON object"_s;
    QTest::newRow("no log") << QByteArray("{}") << u"field \"log\" is missing"_s;
    QTest::newRow("log not an object") << QByteArray(R"({"log":[]})") << u"field \"log\" must be an object"_s;
    QTest::newRow("no entries") << QByteArray(R"({"log":{"version":"1.2"}})") << u"field \"log.entries\" is missing"_s;
    QTest::newRow("entries not an array")
        << QByteArray(R"({"log":{"entries":{}}})") << u"field \"log.entries\" must be an array"_s;
    QTest::newRow("entry not an object") << QByteArray(R"({"log":{"entries":[1]}})")
                                         << u"field \"log.entries[0]\" must be an object"_s;
    QTest::newRow("no request") << QByteArray(R"({"log":{"entries":[{}]}})")
                                << u"field \"log.entries[0].request\" is missing"_s;
    QTest::newRow("second entry without method")
        << compact(QJsonObject{{u"log"_s, QJsonObject{{u"entries"_s, QJsonArray{minimalHarEntry(), noMethod}}}}})
        << u"field \"log.entries[1].request.method\" is missing"_s;
    QTest::newRow("no url") << harWithEntry(noUrl) << u"field \"log.entries[0].request.url\" is missing"_s;
    QTest::newRow("bad startedDateTime") << harWithEntry(badTime)
                                         << u"field \"log.entries[0].startedDateTime\" is not an RFC 3339"_s;
    QTest::newRow("bad postData._base64")
        << harWithEntry(badBase64) << u"field \"log.entries[0].request.postData._base64\" is not valid base64"_s;
    QTest::newRow("header without name") << harWithEntry(badHeader)
                                         << u"field \"log.entries[0].request.headers[0]\" must be an object"_s;
    QTest::newRow("bad _hookscope field")
        << harWithEntry(badExtension) << u"field \"log.entries[0]._hookscope.raw_base64\" is not valid base64"_s;
}

void TestExchange::harBad()
{
    QFETCH(QByteArray, document);
    QFETCH(QString, expected);
    const Result<QList<CapturedRequest>> parsed = Exchange::fromHar(document);
    QVERIFY(!parsed.isOk());
    QCOMPARE(parsed.error().code, ErrorCode::Parse);
    QVERIFY2(parsed.errorMessage().startsWith(u"Invalid HAR: "), qPrintable(parsed.errorMessage()));
    QVERIFY2(parsed.errorMessage().contains(expected), qPrintable(parsed.errorMessage()));
}

void TestExchange::harWriterClosedDevice()
{
    QBuffer closed;
    Exchange::HarWriter writer(&closed);
    QVERIFY(!writer.begin());
    QVERIFY(!writer.add(githubPush()));
    QVERIFY(!writer.finish());

    QBuffer readOnly;
    readOnly.open(QIODevice::ReadOnly);
    Exchange::HarWriter readOnlyWriter(&readOnly);
    QVERIFY(!readOnlyWriter.begin());
}

void TestExchange::detectFormat_data()
{
    QTest::addColumn<QByteArray>("head");
    QTest::addColumn<Exchange::Format>("format");

    QTest::newRow("JSON Lines record") << Exchange::toJsonLine(githubPush()).left(200) << Exchange::Format::JsonLines;
    QTest::newRow("compact HAR") << writeHar({githubPush()}).left(200) << Exchange::Format::Har;
    QTest::newRow("pretty HAR") << QByteArray("\n\n  {\n  \"log\": {\n    \"version\": \"1.2\"")
                                << Exchange::Format::Har;
    QTest::newRow("HAR with BOM") << QByteArray("\xef\xbb\xbf{\"log\":{") << Exchange::Format::Har;
    QTest::newRow("empty") << QByteArray() << Exchange::Format::JsonLines;
    QTest::newRow("whitespace only") << QByteArray(" \n\t") << Exchange::Format::JsonLines;
    QTest::newRow("log but not an object") << QByteArray("[\"log\"]") << Exchange::Format::JsonLines;
    CapturedRequest mentionsLog = githubPush();
    mentionsLog.headers.append(HeaderField{"X-Kind", "log"});
    mentionsLog.headers.prepend(HeaderField{"log", "\"log\""});
    QTest::newRow("JSON Lines record mentioning log") << Exchange::toJsonLine(mentionsLog) << Exchange::Format::JsonLines;
}

void TestExchange::detectFormat()
{
    QFETCH(QByteArray, head);
    QFETCH(Exchange::Format, format);
    QCOMPARE(Exchange::detectFormat(head), format);
}

} // namespace Hookscope

QTEST_GUILESS_MAIN(Hookscope::TestExchange)
#include "tst_exchange.moc"
