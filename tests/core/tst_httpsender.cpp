#include "captureservice.h"
#include "httprequestparser.h"
#include "httpsender.h"
#include "outgoing.h"

#include <QFile>
#include <QHostAddress>
#include <QProcess>
#include <QSignalSpy>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslKey>
#include <QSslServer>
#include <QSslSocket>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTimer>
#include <QtTest>

#include <memory>

using namespace Hookscope;
using namespace Hookscope::Resend;
using namespace Qt::StringLiterals;

namespace {

// One answer of a ScriptedServer.
struct Reply {
    enum class Mode { Whole, OneByteWrites, Never };
    QByteArray bytes;
    Mode mode = Mode::Whole;
    bool closeAfter = false;
};

// A server on a real socket that records every request it receives (parsed by Hookscope's request parser, so the
// exact bytes are in CapturedRequest::raw) and answers the n-th request with replies[n] (the last one repeats).
class ScriptedServer : public QObject
{
public:
    // Takes ownership of server, which must already listen.
    ScriptedServer(QTcpServer *server, QList<Reply> replies) : m_server(server), m_replies(std::move(replies))
    {
        server->setParent(this);
        // QSslServer offers a connection only after its handshake, through this signal.
        connect(server, &QTcpServer::pendingConnectionAvailable, this, [this] {
            while (QTcpSocket *socket = m_server->nextPendingConnection())
                accept(socket);
        });
    }

    static std::unique_ptr<ScriptedServer> listen(QList<Reply> replies,
                                                  const QHostAddress &address = QHostAddress(QHostAddress::LocalHost))
    {
        auto *server = new QTcpServer;
        if (!server->listen(address, 0)) {
            delete server;
            return nullptr;
        }
        return std::make_unique<ScriptedServer>(server, std::move(replies));
    }

    quint16 port() const { return m_server->serverPort(); }
    QString origin() const { return u"http://127.0.0.1:"_s + QString::number(port()); }
    QUrl url(const QString &path) const { return QUrl(origin() + path); }

    QList<CapturedRequest> requests;
    int connections = 0;

private:
    void accept(QTcpSocket *socket)
    {
        ++connections;
        socket->setParent(this);
        auto parser = std::make_shared<HttpRequestParser>();
        connect(socket, &QIODevice::readyRead, this, [this, socket, parser] {
            const QByteArray data = socket->readAll();
            qsizetype offset = 0;
            while (offset < data.size()) {
                const HttpRequestParser::Step step = parser->feed(data.constData() + offset, data.size() - offset);
                offset += step.consumed;
                if (step.event == HttpRequestParser::Event::HeadersComplete) {
                    parser->resume();
                } else if (step.event == HttpRequestParser::Event::MessageComplete) {
                    requests.append(parser->takeRequest());
                    parser->resume();
                    answer(socket);
                } else if (step.event == HttpRequestParser::Event::Error) {
                    qWarning("the test server could not parse a request: %s", qPrintable(parser->errorReason()));
                    socket->abort();
                    return;
                } else if (step.consumed == 0) {
                    break;
                }
            }
        });
    }

    void answer(QTcpSocket *socket)
    {
        const Reply reply = m_replies.at(std::min(requests.size(), m_replies.size()) - 1);
        switch (reply.mode) {
        case Reply::Mode::Never:
            return;
        case Reply::Mode::Whole:
            socket->write(reply.bytes);
            if (reply.closeAfter)
                socket->disconnectFromHost();
            return;
        case Reply::Mode::OneByteWrites: {
            auto *timer = new QTimer(socket);
            auto written = std::make_shared<qsizetype>(0);
            connect(timer, &QTimer::timeout, socket, [socket, timer, written, reply] {
                if (*written < reply.bytes.size()) {
                    socket->write(reply.bytes.mid((*written)++, 1));
                    socket->flush();
                    return;
                }
                timer->stop();
                if (reply.closeAfter)
                    socket->disconnectFromHost();
            });
            timer->start(1);
            return;
        }
        }
    }

    QTcpServer *m_server;
    QList<Reply> m_replies;
};

Reply whole(const QByteArray &bytes, bool closeAfter = false)
{
    return Reply{bytes, Reply::Mode::Whole, closeAfter};
}

const QByteArray Ok = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok";

OutgoingRequest request(const QByteArray &method, const QUrl &url, HeaderList headers = {}, const QByteArray &body = {})
{
    OutgoingRequest r;
    r.method = method;
    r.target = requestTarget(url);
    r.headers = {{"Host", hostHeaderValue(url)}};
    r.headers += headers;
    if (!body.isEmpty() || method == "POST" || method == "PUT" || method == "PATCH")
        r.headers.append({"Content-Length", QByteArray::number(body.size())});
    r.body = body;
    return r;
}

Attempt run(const QUrl &url, const OutgoingRequest &request, const SendOptions &options = {})
{
    HttpSender sender;
    QSignalSpy spy(&sender, &HttpSender::finished);
    const quint64 token = sender.send(url, request, options);
    if (!spy.wait(20000)) {
        qWarning("no finished() within 20 s for %s", qPrintable(url.toString()));
        return {};
    }
    if (spy.first().at(0).toULongLong() != token)
        qWarning("finished() came with another token");
    return spy.first().at(1).value<Attempt>();
}

bool sameName(const QByteArray &a, const QByteArray &b)
{
    return a.compare(b, Qt::CaseInsensitive) == 0;
}

HeaderList without(HeaderList headers, const QList<QByteArray> &names)
{
    headers.removeIf([&names](const HeaderField &field) {
        return std::any_of(names.cbegin(), names.cend(),
                           [&field](const QByteArray &n) { return sameName(n, field.first); });
    });
    return headers;
}

} // namespace

class TestHttpSender : public QObject
{
    Q_OBJECT
private slots:
    // Preparing and writing requests.
    void resolveTargetCases_data();
    void resolveTargetCases();
    void prepareRemovesHopByHopHeaders();
    void prepareReplacesHostAndLengthInPlace();
    void prepareAddsWhatIsMissing_data();
    void prepareAddsWhatIsMissing();
    void prepareKeepsTheCapturedTarget_data();
    void prepareKeepsTheCapturedTarget();
    void prepareUsesAnExplicitTarget();
    void hostHeader_data();
    void hostHeader();
    void serializeFormat();

    // On the wire.
    void fidelityThroughCaptureEndpoint();
    void exactBytesOnTheWire();
    void responses_data();
    void responses();
    void responseErrors_data();
    void responseErrors();
    void connectionRefused();
    void timeout();
    void unknownScheme();
    void hostNotFound();
    void ipv6Literal();
    void cancel();
    void cancelBeforeStart();
    void concurrentSends();
    void sendBlocking();
    void timingForHttp();
    void https();
    void redirectNotFollowed();
    void redirectFollowed_data();
    void redirectFollowed();
    void redirectToOtherOriginDropsCredentials();
    void redirectLimit();
};

void TestHttpSender::resolveTargetCases_data()
{
    QTest::addColumn<QString>("target");
    QTest::addColumn<QByteArray>("captured");
    QTest::addColumn<QByteArray>("expected");
    QTest::newRow("origin") << u"http://localhost:3000"_s << QByteArray("/hooks/stripe?x=1")
                            << QByteArray("http://localhost:3000/hooks/stripe?x=1");
    QTest::newRow("origin with slash") << u"http://localhost:3000/"_s << QByteArray("/hooks/stripe?x=1")
                                       << QByteArray("http://localhost:3000/hooks/stripe?x=1");
    QTest::newRow("https origin") << u"https://example.com"_s << QByteArray("/a")
                                  << QByteArray("https://example.com/a");
    QTest::newRow("path given") << u"http://localhost:3000/other"_s << QByteArray("/hooks")
                                << QByteArray("http://localhost:3000/other");
    QTest::newRow("query given") << u"http://localhost:3000/?q=1"_s << QByteArray("/hooks")
                                 << QByteArray("http://localhost:3000/?q=1");
    QTest::newRow("absolute-form captured") << u"http://localhost:3000"_s << QByteArray("http://proxy.example/p?q=2")
                                            << QByteArray("http://localhost:3000/p?q=2");
    QTest::newRow("asterisk") << u"http://localhost:3000"_s << QByteArray("*") << QByteArray("http://localhost:3000");
    QTest::newRow("double slash stays a path") << u"http://localhost:3000"_s << QByteArray("//evil.example/x")
                                               << QByteArray("http://localhost:3000//evil.example/x");
    QTest::newRow("ipv6 origin") << u"http://[::1]:3000"_s << QByteArray("/v6") << QByteArray("http://[::1]:3000/v6");
}

void TestHttpSender::resolveTargetCases()
{
    QFETCH(QString, target);
    QFETCH(QByteArray, captured);
    QFETCH(QByteArray, expected);
    QCOMPARE(resolveTarget(QUrl(target), captured).toEncoded(), expected);
}

void TestHttpSender::prepareRemovesHopByHopHeaders()
{
    CapturedRequest captured;
    captured.method = "POST";
    captured.target = "/x";
    captured.body = "abc";
    captured.headers = {{"Host", "old"},
                        {"Connection", "keep-alive, X-Hop-A,x-hop-b"},
                        {"X-Keep", "1"},
                        {"keep-alive", "timeout=5"},
                        {"x-HOP-a", "gone"},
                        {"Proxy-Connection", "keep-alive"},
                        {"TE", "trailers"},
                        {"Trailer", "X-T"},
                        {"transfer-encoding", "chunked"},
                        {"Upgrade", "h2c"},
                        {"X-Hop-B", "gone"},
                        {"connection", "X-Named-Later"},
                        {"X-Named-Later", "gone"},
                        {"X-Last", "2"}};
    captured.trailers = {{"X-T", "t"}};
    const OutgoingRequest prepared = prepare(captured, QUrl(u"http://example.com:8080/x"_s));
    const HeaderList expected = {
        {"Host", "example.com:8080"}, {"X-Keep", "1"}, {"X-Last", "2"}, {"Content-Length", "3"}};
    QCOMPARE(prepared.headers, expected);
    QCOMPARE(prepared.body, "abc");
    QCOMPARE(prepared.method, "POST");
}

void TestHttpSender::prepareReplacesHostAndLengthInPlace()
{
    CapturedRequest captured;
    captured.method = "PUT";
    captured.target = "/x";
    captured.body = QByteArray("a\0b", 3);
    captured.headers = {{"A", "1"}, {"hOST", "old"}, {"B", "2"}, {"content-length", "999"},
                        {"C", "3"}, {"Host", "dup"}};
    const OutgoingRequest prepared = prepare(captured, QUrl(u"http://new.example/x"_s));
    const HeaderList expected = {{"A", "1"}, {"hOST", "new.example"}, {"B", "2"}, {"content-length", "3"}, {"C", "3"}};
    QCOMPARE(prepared.headers, expected);
}

void TestHttpSender::prepareAddsWhatIsMissing_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<HeaderList>("captured");
    QTest::addColumn<HeaderList>("expected");
    const HeaderList x = {{"X", "1"}};
    const HeaderList hostAppended = {{"X", "1"}, {"Host", "h.example"}};
    QTest::newRow("GET without body") << QByteArray("GET") << QByteArray() << x << hostAppended;
    QTest::newRow("DELETE without body") << QByteArray("DELETE") << QByteArray() << x << hostAppended;
    QTest::newRow("GET with body") << QByteArray("GET") << QByteArray("q") << x
                                   << HeaderList{{"X", "1"}, {"Host", "h.example"}, {"Content-Length", "1"}};
    QTest::newRow("GET with Content-Length: 0")
        << QByteArray("GET") << QByteArray() << HeaderList{{"Content-Length", "0"}, {"X", "1"}}
        << HeaderList{{"Content-Length", "0"}, {"X", "1"}, {"Host", "h.example"}};
    for (const char *method : {"POST", "PUT", "PATCH"})
        QTest::addRow("empty %s", method) << QByteArray(method) << QByteArray() << x
                                          << HeaderList{{"X", "1"}, {"Host", "h.example"}, {"Content-Length", "0"}};
}

void TestHttpSender::prepareAddsWhatIsMissing()
{
    QFETCH(QByteArray, method);
    QFETCH(QByteArray, body);
    QFETCH(HeaderList, captured);
    QFETCH(HeaderList, expected);
    CapturedRequest request;
    request.method = method;
    request.target = "/";
    request.body = body;
    request.headers = captured;
    QCOMPARE(prepare(request, QUrl(u"http://h.example"_s)).headers, expected);
}

void TestHttpSender::prepareKeepsTheCapturedTarget_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QByteArray>("target");
    QTest::newRow("plain") << QByteArray("POST") << QByteArray("/hooks/stripe?x=1&y=2");
    QTest::newRow("percent-encoding as sent") << QByteArray("POST") << QByteArray("/a%2Fb/%41?q=%20&x=a+b&%7e");
    QTest::newRow("raw non-ASCII and brackets") << QByteArray("POST") << QByteArray("/caf\xc3\xa9/{x}|y?a=[1]&b=\"q\"");
    QTest::newRow("invalid UTF-8") << QByteArray("POST") << QByteArray("/\xff\xfe?\xff");
    QTest::newRow("stray percent") << QByteArray("GET") << QByteArray("/p%zz?x=%");
    QTest::newRow("dot segments") << QByteArray("GET") << QByteArray("/a/../b/./c");
    QTest::newRow("double slash") << QByteArray("GET") << QByteArray("//evil.example/x");
    QTest::newRow("empty query") << QByteArray("GET") << QByteArray("/x?");
    QTest::newRow("asterisk") << QByteArray("OPTIONS") << QByteArray("*");
}

void TestHttpSender::prepareKeepsTheCapturedTarget()
{
    QFETCH(QByteArray, method);
    QFETCH(QByteArray, target);
    CapturedRequest captured;
    captured.method = method;
    captured.target = target;
    for (const QString &origin : {u"http://localhost:3000"_s, u"https://[::1]:8443/"_s}) {
        const QUrl url = resolveTarget(QUrl(origin), target);
        QVERIFY2(url.isValid(), qPrintable(url.errorString()));
        QCOMPARE(prepare(captured, url).target, target);
    }
}

void TestHttpSender::prepareUsesAnExplicitTarget()
{
    CapturedRequest captured;
    captured.method = "POST";
    captured.target = "/captured?a=1";
    const QUrl url = resolveTarget(QUrl(u"http://localhost:3000/other/p%61th?x=%2F"_s), captured.target);
    // QUrl decodes percent-encoded unreserved characters (%61 is "a"): equivalent by RFC 3986 6.2.2.2.
    QCOMPARE(prepare(captured, url).target, "/other/path?x=%2F");
    QCOMPARE(prepare(captured, QUrl(u"http://localhost:3000/sp ace"_s)).target, "/sp%20ace");
}

void TestHttpSender::hostHeader_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<QByteArray>("host");
    QTest::newRow("plain") << u"http://example.com/x"_s << QByteArray("example.com");
    QTest::newRow("default http port") << u"http://example.com:80/"_s << QByteArray("example.com");
    QTest::newRow("default https port") << u"https://example.com:443"_s << QByteArray("example.com");
    QTest::newRow("http port on https") << u"https://example.com:80"_s << QByteArray("example.com:80");
    QTest::newRow("other port") << u"http://localhost:3000"_s << QByteArray("localhost:3000");
    QTest::newRow("user info left out") << u"http://user:pw@example.com:8080/x"_s << QByteArray("example.com:8080");
    QTest::newRow("ipv6 with port") << u"http://[::1]:3000/"_s << QByteArray("[::1]:3000");
    QTest::newRow("ipv6") << u"http://[::1]/"_s << QByteArray("[::1]");
    QTest::newRow("international name") << u"http://b\u00fccher.example/"_s << QByteArray("xn--bcher-kva.example");
}

void TestHttpSender::hostHeader()
{
    QFETCH(QString, url);
    QFETCH(QByteArray, host);
    QCOMPARE(hostHeaderValue(QUrl(url)), host);
}

void TestHttpSender::serializeFormat()
{
    OutgoingRequest request;
    request.method = "PATCH";
    request.target = "/a b";
    request.headers = {{"x-lower", "v"}, {"X-Injected", "a\r\nEvil: 1"}, {"X-Dup", "1"}, {"X-Dup", "2"}};
    request.body = QByteArray("\0\r\n\r\n", 5);
    QCOMPARE(serialize(request), "PATCH /a%20b HTTP/1.1\r\nx-lower: v\r\nX-Injected: a  Evil: 1\r\nX-Dup: 1\r\n"
                                 "X-Dup: 2\r\n\r\n" +
                                     request.body);
}

void TestHttpSender::fidelityThroughCaptureEndpoint()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    CaptureService::Options options;
    options.dataDirectory = dir.path();
    options.capture.listen = {ListenAddress{QHostAddress(QHostAddress::LocalHost), 0, false}};
    CaptureService service(options);
    QSignalSpy stored(&service, &CaptureService::requestsStored);
    QSignalSpy listening(&service, &CaptureService::listening);
    service.start();
    QVERIFY(listening.wait(5000));
    const quint16 port = service.boundAddresses().first().port;
    const auto storedRequests = [&stored] {
        QList<CapturedRequest> all;
        for (const QList<QVariant> &emission : std::as_const(stored))
            all += emission.first().value<QList<CapturedRequest>>();
        return all;
    };

    // The original, as a webhook sender would send it: chunked, keep-alive, odd casing, duplicates, binary body.
    const QByteArray body = QByteArray("bin\0ary\r\n\xff\xfe", 11) + QByteArray(3000, '\0') + "end";
    QByteArray raw = "POST /hooks/st%41ripe/{id}?a=1&b=%2F&c HTTP/1.1\r\n"
                     "host: capture.example:9\r\n"
                     "X-ODD-casing: Mixed Value\r\n"
                     "x-dup: one\r\n"
                     "X-Dup: two\r\n"
                     "X-Unicode: caf\xc3\xa9 \xe2\x98\x83 \xff\r\n"
                     "Connection: keep-alive, X-Hop-Secret\r\n"
                     "X-Hop-Secret: gone\r\n"
                     "Keep-Alive: timeout=5\r\n"
                     "Transfer-Encoding: chunked\r\n"
                     "content-type: application/octet-stream\r\n"
                     "X-Empty:\r\n"
                     "\r\n";
    raw += QByteArray::number(100, 16) + "\r\n" + body.left(100) + "\r\n";
    raw += QByteArray::number(body.size() - 100, 16) + "\r\n" + body.mid(100) + "\r\n";
    raw += "0\r\nX-Trailer: t\r\n\r\n";
    QTcpSocket client;
    client.connectToHost(QHostAddress::LocalHost, port);
    QVERIFY(client.waitForConnected(5000));
    client.write(raw);
    QTRY_COMPARE_WITH_TIMEOUT(storedRequests().size(), 1, 5000);
    const CapturedRequest original = storedRequests().at(0);
    QCOMPARE(original.body, body);
    QCOMPARE(original.trailers.size(), 1);

    const QUrl url = resolveTarget(QUrl(u"http://127.0.0.1:"_s + QString::number(port)), original.target);
    const OutgoingRequest prepared = prepare(original, url);
    const Attempt attempt = run(url, prepared);
    QVERIFY2(attempt.delivered(), qPrintable(attempt.error));
    QCOMPARE(attempt.response->status, 200);
    QCOMPARE(attempt.request, prepared);

    QTRY_COMPARE_WITH_TIMEOUT(storedRequests().size(), 2, 5000);
    const CapturedRequest resent = storedRequests().at(1);
    // The bytes on the wire are exactly the prepared request.
    QCOMPARE(resent.raw, serialize(prepared));
    QCOMPARE(resent.method, original.method);
    QCOMPARE(resent.target, original.target);
    QCOMPARE(resent.httpVersion, "HTTP/1.1");
    QCOMPARE(resent.body, original.body);
    QVERIFY(resent.trailers.isEmpty());
    const QList<QByteArray> hopByHop = {"Connection", "X-Hop-Secret", "Keep-Alive", "Transfer-Encoding"};
    const QList<QByteArray> framing = {"Host", "Content-Length"};
    QCOMPARE(without(resent.headers, framing), without(without(original.headers, hopByHop), framing));
    QCOMPARE(resent.headerValue("host"), "127.0.0.1:" + QByteArray::number(port));
    QCOMPARE(resent.headerValue("content-length"), QByteArray::number(body.size()));
    // Nothing appeared that the original did not have, apart from the framing it lost with chunked.
    for (const HeaderField &field : resent.headers) {
        const bool known = std::any_of(original.headers.cbegin(), original.headers.cend(),
                                       [&field](const HeaderField &o) { return o.first == field.first; });
        QVERIFY2(known || field.first == "Content-Length", field.first.constData());
    }
    QCOMPARE(resent.headers.size(), original.headers.size() - hopByHop.size() + 1);
}

void TestHttpSender::exactBytesOnTheWire()
{
    auto server = ScriptedServer::listen({whole(Ok)});
    QVERIFY(server);
    // Built by hand, as the CLI may: whatever is given goes out, nothing more.
    OutgoingRequest get;
    get.method = "GET";
    get.target = "/exact?q=%41";
    get.headers = {{"hOsT", hostHeaderValue(server->url({}))},
                   {"accept", "*/*"},
                   {"X-Dup", "1"},
                   {"x-dup", "2"},
                   {"X-Latin", "\xe9t\xe9"}};
    Attempt attempt = run(server->url(u"/exact?q=%41"_s), get);
    QVERIFY2(attempt.delivered(), qPrintable(attempt.error));
    QCOMPARE(server->requests.size(), 1);
    QCOMPARE(server->requests.at(0).raw, serialize(get));
    QCOMPARE(server->requests.at(0).headers, get.headers);

    // A large binary body goes out whole.
    QByteArray big(3 * 1024 * 1024, '\0');
    for (qsizetype i = 0; i < big.size(); ++i)
        big[i] = char(i * 7);
    const OutgoingRequest post =
        request("POST", server->url(u"/big"_s), {{"Content-Type", "application/x-binary"}}, big);
    attempt = run(server->url(u"/big"_s), post);
    QVERIFY2(attempt.delivered(), qPrintable(attempt.error));
    QCOMPARE(server->requests.size(), 2);
    QCOMPARE(server->requests.at(1).raw, serialize(post));
}

void TestHttpSender::responses_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QByteArray>("response");
    QTest::addColumn<bool>("oneByteWrites");
    QTest::addColumn<bool>("closeAfter");
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("reason");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<HeaderList>("headers");
    QTest::addColumn<HeaderList>("trailers");

    const QByteArray lengthFramed = "HTTP/1.1 200 OK\r\nContent-Length: 5\r\nX-Dup: a\r\nx-dup: b\r\n\r\nhello";
    const HeaderList lengthHeaders = {{"Content-Length", "5"}, {"X-Dup", "a"}, {"x-dup", "b"}};
    const QByteArray chunked = "HTTP/1.1 201 Created\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n6\r\n world\r\n"
                               "0\r\nX-Checksum: abc\r\nx-other: d\r\n\r\n";
    const HeaderList chunkedHeaders = {{"Transfer-Encoding", "chunked"}};
    const HeaderList chunkedTrailers = {{"X-Checksum", "abc"}, {"x-other", "d"}};
    const QByteArray binary = QByteArray("\0\xff\r\n\0", 5);

    QTest::newRow("content-length") << QByteArray("GET") << lengthFramed << false << false << 200 << QByteArray("OK")
                                    << QByteArray("hello") << lengthHeaders << HeaderList();
    QTest::newRow("content-length, 1-byte writes")
        << QByteArray("GET") << lengthFramed << true << false << 200 << QByteArray("OK") << QByteArray("hello")
        << lengthHeaders << HeaderList();
    QTest::newRow("chunked with trailers")
        << QByteArray("POST") << chunked << false << false << 201 << QByteArray("Created") << QByteArray("hello world")
        << chunkedHeaders << chunkedTrailers;
    QTest::newRow("chunked, 1-byte writes")
        << QByteArray("POST") << chunked << true << false << 201 << QByteArray("Created") << QByteArray("hello world")
        << chunkedHeaders << chunkedTrailers;
    QTest::newRow("until close") << QByteArray("GET")
                                 << QByteArray("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\nuntil the end")
                                 << false << true << 200 << QByteArray("OK") << QByteArray("until the end")
                                 << HeaderList{{"Content-Type", "text/plain"}} << HeaderList();
    QTest::newRow("until close, 1-byte writes")
        << QByteArray("GET") << QByteArray("HTTP/1.0 200 Fine\r\n\r\nold style") << true << true << 200
        << QByteArray("Fine") << QByteArray("old style") << HeaderList() << HeaderList();
    // The server keeps the connection open: a client waiting for the announced body would time out.
    QTest::newRow("HEAD") << QByteArray("HEAD") << QByteArray("HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n")
                          << false << false << 200 << QByteArray("OK") << QByteArray()
                          << HeaderList{{"Content-Length", "1000"}} << HeaderList();
    QTest::newRow("204") << QByteArray("DELETE") << QByteArray("HTTP/1.1 204 No Content\r\nX-A: 1\r\n\r\n") << false
                         << false << 204 << QByteArray("No Content") << QByteArray() << HeaderList{{"X-A", "1"}}
                         << HeaderList();
    QTest::newRow("304 with Content-Length")
        << QByteArray("GET") << QByteArray("HTTP/1.1 304 Not Modified\r\nContent-Length: 10\r\nETag: \"x\"\r\n\r\n")
        << false << false << 304 << QByteArray("Not Modified") << QByteArray()
        << HeaderList{{"Content-Length", "10"}, {"ETag", "\"x\""}} << HeaderList();
    QTest::newRow("100-continue then 200")
        << QByteArray("POST")
        << QByteArray("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok") << false << false
        << 200 << QByteArray("OK") << QByteArray("ok") << HeaderList{{"Content-Length", "2"}} << HeaderList();
    QTest::newRow("100 and 103 then 200, 1-byte writes")
        << QByteArray("POST")
        << QByteArray("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\nLink: </a>\r\n\r\n"
                      "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok")
        << true << false << 200 << QByteArray("OK") << QByteArray("ok") << HeaderList{{"Content-Length", "2"}}
        << HeaderList();
    QTest::newRow("binary body") << QByteArray("GET") << "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\n" + binary
                                 << false << false << 200 << QByteArray("OK") << binary
                                 << HeaderList{{"Content-Length", "5"}} << HeaderList();
    QTest::newRow("no reason phrase") << QByteArray("GET") << QByteArray("HTTP/1.1 202\r\nContent-Length: 0\r\n\r\n")
                                      << false << false << 202 << QByteArray() << QByteArray()
                                      << HeaderList{{"Content-Length", "0"}} << HeaderList();
    QTest::newRow("bytes after the response ignored")
        << QByteArray("GET") << QByteArray("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nokGARBAGE") << false << false
        << 200 << QByteArray("OK") << QByteArray("ok") << HeaderList{{"Content-Length", "2"}} << HeaderList();
}

void TestHttpSender::responses()
{
    QFETCH(QByteArray, method);
    QFETCH(QByteArray, response);
    QFETCH(bool, oneByteWrites);
    QFETCH(bool, closeAfter);
    auto server = ScriptedServer::listen(
        {Reply{response, oneByteWrites ? Reply::Mode::OneByteWrites : Reply::Mode::Whole, closeAfter}});
    QVERIFY(server);
    const QUrl url = server->url(u"/r"_s);
    SendOptions options;
    options.timeoutMs = 10000;
    const Attempt attempt =
        run(url, request(method, url, {}, method == "POST" ? QByteArray("{}") : QByteArray()), options);
    QVERIFY2(attempt.delivered(), qPrintable(attempt.error));
    QVERIFY(attempt.error.isEmpty());
    QTEST(attempt.response->status, "status");
    QTEST(attempt.response->reason, "reason");
    QTEST(attempt.response->body, "body");
    QTEST(attempt.response->headers, "headers");
    QTEST(attempt.response->trailers, "trailers");
    QCOMPARE(attempt.response->httpVersion, response.left(8));
}

void TestHttpSender::responseErrors_data()
{
    QTest::addColumn<QByteArray>("response");
    QTest::addColumn<bool>("closeAfter");
    QTest::addColumn<qint64>("maxBody");
    QTest::addColumn<QString>("error");
    QTest::newRow("Content-Length over the limit")
        << "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n" + QByteArray(100, 'x') << false << qint64(10)
        << u"larger than the limit of 10 bytes"_s;
    QTest::newRow("chunked over the limit")
        << QByteArray("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n")
        << false << qint64(10) << u"larger than the limit of 10 bytes"_s;
    QTest::newRow("until close over the limit") << "HTTP/1.1 200 OK\r\n\r\n" + QByteArray(11, 'x') << true << qint64(10)
                                                << u"larger than the limit of 10 bytes"_s;
    QTest::newRow("not HTTP") << QByteArray("NOT HTTP AT ALL\r\n\r\n") << false << qint64(1000)
                              << u"malformed response from http://127.0.0.1:"_s;
    QTest::newRow("bad Content-Length") << QByteArray("HTTP/1.1 200 OK\r\nContent-Length: abc\r\n\r\n") << false
                                        << qint64(1000) << u"malformed response"_s;
    QTest::newRow("bad chunk size")
        << QByteArray("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nhello\r\n0\r\n\r\n") << false
        << qint64(1000) << u"malformed response"_s;
    QTest::newRow("closed mid-body") << QByteArray("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc") << true
                                     << qint64(1000) << u"closed before the response from"_s;
    QTest::newRow("closed after 100-continue")
        << QByteArray("HTTP/1.1 100 Continue\r\n\r\n") << true << qint64(1000) << u"closed before the response from"_s;
    QTest::newRow("closed without answering")
        << QByteArray() << true << qint64(1000) << u"closed the connection without answering"_s;
}

void TestHttpSender::responseErrors()
{
    QFETCH(QByteArray, response);
    QFETCH(bool, closeAfter);
    QFETCH(qint64, maxBody);
    QFETCH(QString, error);
    auto server = ScriptedServer::listen({whole(response, closeAfter)});
    QVERIFY(server);
    const QUrl url = server->url(u"/e"_s);
    SendOptions options;
    options.maxResponseBody = maxBody;
    options.timeoutMs = 10000;
    const Attempt attempt = run(url, request("GET", url), options);
    QVERIFY(!attempt.delivered());
    QVERIFY2(attempt.error.contains(error), qPrintable(attempt.error));
    QVERIFY2(attempt.error.contains(u"/e"_s) || attempt.error.contains(server->origin()), qPrintable(attempt.error));
}

void TestHttpSender::connectionRefused()
{
    QTcpServer closed;
    QVERIFY(closed.listen(QHostAddress::LocalHost, 0));
    const quint16 port = closed.serverPort();
    closed.close();
    const QUrl url(u"http://127.0.0.1:"_s + QString::number(port) + u"/hook"_s);
    const Attempt attempt = run(url, request("POST", url, {}, "{}"));
    QVERIFY(!attempt.delivered());
    QCOMPARE(attempt.error, u"connection refused at http://127.0.0.1:"_s + QString::number(port));
    QCOMPARE(attempt.timing.connectUs, -1);
    QVERIFY(attempt.timing.totalUs >= 0);
}

void TestHttpSender::timeout()
{
    auto server = ScriptedServer::listen({Reply{{}, Reply::Mode::Never}});
    QVERIFY(server);
    const QUrl url = server->url(u"/slow"_s);
    SendOptions options;
    options.timeoutMs = 300;
    const Attempt attempt = run(url, request("GET", url), options);
    QVERIFY(!attempt.delivered());
    QCOMPARE(attempt.error, u"timed out after 0.3 s waiting for "_s + server->origin() + u"/slow"_s);
    QCOMPARE(server->requests.size(), 1); // it did arrive
    QVERIFY(attempt.timing.connectUs >= 0);
    QCOMPARE(attempt.timing.firstByteUs, -1);
}

void TestHttpSender::unknownScheme()
{
    HttpSender sender;
    QSignalSpy spy(&sender, &HttpSender::finished);
    const QUrl url(u"ftp://example.com/file"_s);
    const quint64 token = sender.send(url, request("GET", url));
    QCOMPARE(spy.size(), 0); // never inside send()
    QVERIFY(spy.wait(5000));
    QCOMPARE(spy.first().at(0).toULongLong(), token);
    const Attempt attempt = spy.first().at(1).value<Attempt>();
    QVERIFY(!attempt.delivered());
    QVERIFY2(attempt.error.contains(u"\"ftp\""_s) && attempt.error.contains(u"ftp://example.com/file"_s),
             qPrintable(attempt.error));
    QTest::qWait(50);
    QCOMPARE(spy.size(), 1);
}

void TestHttpSender::hostNotFound()
{
    const QUrl url(u"http://nosuch.invalid/hook"_s);
    SendOptions options;
    options.timeoutMs = 15000;
    const Attempt attempt = run(url, request("GET", url), options);
    QVERIFY(!attempt.delivered());
    QCOMPARE(attempt.error, u"host not found: nosuch.invalid"_s);
}

void TestHttpSender::ipv6Literal()
{
    auto server = ScriptedServer::listen({whole(Ok)}, QHostAddress(QHostAddress::LocalHostIPv6));
    if (!server)
        QSKIP("this machine has no IPv6 loopback (::1)");
    const QString origin = u"http://[::1]:"_s + QString::number(server->port());
    CapturedRequest captured;
    captured.method = "POST";
    captured.target = "/v6?x=1";
    captured.headers = {{"Host", "original"}};
    captured.body = "{}";
    const QUrl url = resolveTarget(QUrl(origin), captured.target);
    const Attempt attempt = run(url, prepare(captured, url));
    QVERIFY2(attempt.delivered(), qPrintable(attempt.error));
    QCOMPARE(server->requests.size(), 1);
    QCOMPARE(server->requests.at(0).target, "/v6?x=1");
    QCOMPARE(server->requests.at(0).headerValue("host"), "[::1]:" + QByteArray::number(server->port()));
}

void TestHttpSender::cancel()
{
    auto server = ScriptedServer::listen({Reply{{}, Reply::Mode::Never}});
    QVERIFY(server);
    HttpSender sender;
    QSignalSpy spy(&sender, &HttpSender::finished);
    const QUrl url = server->url(u"/wait"_s);
    const quint64 token = sender.send(url, request("GET", url));
    QTRY_COMPARE(server->requests.size(), 1);
    sender.cancel(token);
    QCOMPARE(spy.size(), 1);
    QCOMPARE(spy.first().at(0).toULongLong(), token);
    QCOMPARE(spy.first().at(1).value<Attempt>().error, u"cancelled"_s);
    QCOMPARE(sender.pendingCount(), 0);
    sender.cancel(token); // already over: nothing
    QTest::qWait(100);
    QCOMPARE(spy.size(), 1);
}

void TestHttpSender::cancelBeforeStart()
{
    auto server = ScriptedServer::listen({whole(Ok)});
    QVERIFY(server);
    HttpSender sender;
    QSignalSpy spy(&sender, &HttpSender::finished);
    const QUrl url = server->url(u"/never"_s);
    const quint64 token = sender.send(url, request("GET", url));
    const quint64 invalid = sender.send(QUrl(u"gopher://x"_s), request("GET", url));
    sender.cancel(token);
    sender.cancel(invalid);
    QCOMPARE(spy.size(), 2);
    QTest::qWait(200);
    QCOMPARE(spy.size(), 2);
    QCOMPARE(spy.at(1).at(1).value<Attempt>().error, u"cancelled"_s);
    QCOMPARE(server->connections, 0);
}

void TestHttpSender::concurrentSends()
{
    auto server = ScriptedServer::listen({Reply{Ok, Reply::Mode::OneByteWrites}});
    QVERIFY(server);
    HttpSender sender;
    QSignalSpy spy(&sender, &HttpSender::finished);
    QList<quint64> tokens;
    for (int i = 0; i < 4; ++i) {
        const QUrl url = server->url(u"/c"_s + QString::number(i));
        tokens.append(sender.send(url, request("GET", url)));
    }
    QTRY_COMPARE_WITH_TIMEOUT(spy.size(), 4, 10000);
    QList<quint64> finished;
    for (const QList<QVariant> &emission : std::as_const(spy)) {
        finished.append(emission.at(0).toULongLong());
        const Attempt attempt = emission.at(1).value<Attempt>();
        QVERIFY2(attempt.delivered(), qPrintable(attempt.error));
        QCOMPARE(attempt.response->body, "ok");
    }
    std::sort(finished.begin(), finished.end());
    QCOMPARE(finished, tokens);
    QCOMPARE(server->connections, 4);
}

void TestHttpSender::sendBlocking()
{
    auto server = ScriptedServer::listen({whole(Ok)});
    QVERIFY(server);
    const QUrl url = server->url(u"/blocking"_s);
    SendOptions options;
    options.timeoutMs = 0; // no time limit
    const Attempt attempt = HttpSender::sendBlocking(url, request("GET", url), options);
    QVERIFY2(attempt.delivered(), qPrintable(attempt.error));
    QCOMPARE(attempt.response->body, "ok");
    QCOMPARE(attempt.url, url);
    QVERIFY(attempt.startedUs > 0);
}

void TestHttpSender::timingForHttp()
{
    auto server = ScriptedServer::listen({Reply{Ok, Reply::Mode::OneByteWrites}});
    QVERIFY(server);
    const QUrl url = server->url(u"/t"_s);
    const Attempt attempt = run(url, request("GET", url));
    QVERIFY2(attempt.delivered(), qPrintable(attempt.error));
    const Timing &t = attempt.timing;
    QCOMPARE(t.tlsUs, -1);
    QVERIFY(t.connectUs >= 0);
    QVERIFY(t.connectUs <= t.firstByteUs);
    QVERIFY(t.firstByteUs <= t.totalUs);
}

void TestHttpSender::https()
{
    if (!QSslSocket::supportsSsl())
        QSKIP("Qt has no TLS backend here (QSslSocket::supportsSsl() is false)");
    const QString openssl = QStandardPaths::findExecutable(u"openssl"_s);
    if (openssl.isEmpty()) {
        qInfo("skipping: the openssl command-line tool, which makes the test certificate, is not installed");
        QSKIP("openssl is not installed");
    }
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QProcess process;
    process.setWorkingDirectory(dir.path());
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(openssl,
                  {u"req"_s, u"-x509"_s, u"-newkey"_s, u"ec"_s, u"-pkeyopt"_s, u"ec_paramgen_curve:prime256v1"_s,
                   u"-nodes"_s, u"-days"_s, u"1"_s, u"-subj"_s, u"/CN=localhost"_s, u"-addext"_s,
                   u"subjectAltName=DNS:localhost"_s, u"-keyout"_s, u"k.pem"_s, u"-out"_s, u"c.pem"_s});
    QVERIFY(process.waitForFinished(30000));
    QVERIFY2(process.exitCode() == 0, process.readAll().constData());
    const QList<QSslCertificate> certificates = QSslCertificate::fromPath(dir.filePath(u"c.pem"_s));
    QCOMPARE(certificates.size(), 1);
    QFile keyFile(dir.filePath(u"k.pem"_s));
    QVERIFY(keyFile.open(QIODevice::ReadOnly));
    const QSslKey key(keyFile.readAll(), QSsl::Ec);
    QVERIFY(!key.isNull());

    QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
    configuration.setLocalCertificate(certificates.first());
    configuration.setPrivateKey(key);
    configuration.setPeerVerifyMode(QSslSocket::VerifyNone);
    auto *tlsServer = new QSslServer;
    tlsServer->setSslConfiguration(configuration);
    QVERIFY(tlsServer->listen(QHostAddress::LocalHost, 0));
    ScriptedServer server(tlsServer, {whole("HTTP/1.1 200 OK\r\nContent-Length: 6\r\n\r\nsecure")});
    // The certificate names localhost only (localhost may resolve to ::1 first; the socket then tries 127.0.0.1).
    const QString origin = u"https://localhost:"_s + QString::number(server.port());
    const QUrl url(origin + u"/tls"_s);

    const Attempt refused = run(url, request("POST", url, {}, "{}"));
    QVERIFY(!refused.delivered());
    QVERIFY2(refused.error.contains(u"self-signed"_s) && refused.error.contains(origin), qPrintable(refused.error));
    QVERIFY(refused.timing.connectUs >= 0);
    QCOMPARE(refused.timing.tlsUs, -1);
    QCOMPARE(server.requests.size(), 0);

    SendOptions options;
    options.acceptSelfSigned = true;
    const Attempt accepted = run(url, request("POST", url, {}, "{}"), options);
    QVERIFY2(accepted.delivered(), qPrintable(accepted.error));
    QCOMPARE(accepted.response->body, "secure");
    QCOMPARE(server.requests.size(), 1);
    QCOMPARE(server.requests.at(0).raw, serialize(request("POST", url, {}, "{}")));
    const Timing &t = accepted.timing;
    QVERIFY(t.connectUs >= 0);
    QVERIFY(t.connectUs <= t.tlsUs);
    QVERIFY(t.tlsUs <= t.firstByteUs);
    QVERIFY(t.firstByteUs <= t.totalUs);

    // Accepting a self-signed certificate is not accepting it for another name.
    const QUrl otherName(u"https://127.0.0.1:"_s + QString::number(server.port()) + u"/tls"_s);
    const Attempt mismatch = run(otherName, request("GET", otherName), options);
    QVERIFY(!mismatch.delivered());
    QVERIFY2(mismatch.error.startsWith(u"TLS: "_s) && !mismatch.error.contains(u"self-signed"_s) &&
                 mismatch.error.contains(u"https://127.0.0.1:"_s),
             qPrintable(mismatch.error));
    qInfo("%s", qPrintable(mismatch.error));
    QCOMPARE(server.requests.size(), 1);
}

void TestHttpSender::redirectNotFollowed()
{
    auto server = ScriptedServer::listen(
        {whole("HTTP/1.1 302 Found\r\nLocation: /next\r\nContent-Length: 4\r\n\r\nmove"), whole(Ok)});
    QVERIFY(server);
    const QUrl url = server->url(u"/start"_s);
    const Attempt attempt = run(url, request("POST", url, {}, "{}"));
    QVERIFY2(attempt.delivered(), qPrintable(attempt.error));
    QCOMPARE(attempt.response->status, 302);
    QCOMPARE(attempt.response->body, "move");
    QVERIFY(attempt.redirects.isEmpty());
    QCOMPARE(server->requests.size(), 1);
}

void TestHttpSender::redirectFollowed_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QByteArray>("expectedMethod");
    // As curl --location: 303 makes a GET of anything but HEAD; 301 and 302 make a GET of POST only.
    QTest::newRow("301 POST") << 301 << QByteArray("POST") << QByteArray("GET");
    QTest::newRow("302 POST") << 302 << QByteArray("POST") << QByteArray("GET");
    QTest::newRow("303 POST") << 303 << QByteArray("POST") << QByteArray("GET");
    QTest::newRow("303 PUT") << 303 << QByteArray("PUT") << QByteArray("GET");
    QTest::newRow("303 HEAD") << 303 << QByteArray("HEAD") << QByteArray("HEAD");
    QTest::newRow("301 PUT") << 301 << QByteArray("PUT") << QByteArray("PUT");
    QTest::newRow("302 DELETE") << 302 << QByteArray("DELETE") << QByteArray("DELETE");
    QTest::newRow("307 POST") << 307 << QByteArray("POST") << QByteArray("POST");
    QTest::newRow("308 PATCH") << 308 << QByteArray("PATCH") << QByteArray("PATCH");
}

void TestHttpSender::redirectFollowed()
{
    QFETCH(int, status);
    QFETCH(QByteArray, method);
    QFETCH(QByteArray, expectedMethod);
    auto server = ScriptedServer::listen(
        {whole("HTTP/1.1 " + QByteArray::number(status) + " Moved\r\nLocation: next?n=1\r\nContent-Length: 0\r\n\r\n"),
         whole(Ok)});
    QVERIFY(server);
    const QUrl url = server->url(u"/a/start"_s);
    const QByteArray body = method == "HEAD" ? QByteArray() : QByteArray("{\"k\":1}");
    const OutgoingRequest first =
        request(method, url, {{"Content-Type", "application/json"}, {"X-Signature", "sig"}}, body);
    SendOptions options;
    options.followRedirects = true;
    const Attempt attempt = run(url, first, options);
    QVERIFY2(attempt.delivered(), qPrintable(attempt.error));
    QCOMPARE(attempt.response->status, 200);
    QCOMPARE(attempt.redirects.size(), 1);
    QCOMPARE(attempt.redirects.at(0).response.status, status);
    QCOMPARE(attempt.redirects.at(0).url, url);
    QCOMPARE(attempt.redirects.at(0).request, first);
    QCOMPARE(attempt.url, server->url(u"/a/next?n=1"_s));

    QCOMPARE(server->requests.size(), 2);
    const CapturedRequest &second = server->requests.at(1);
    QCOMPARE(second.raw, serialize(attempt.request));
    QCOMPARE(second.method, expectedMethod);
    QCOMPARE(second.target, "/a/next?n=1");
    QCOMPARE(second.headerValue("X-Signature"), "sig");
    QCOMPARE(second.headerValue("Host"), hostHeaderValue(url));
    if (expectedMethod == method) {
        QCOMPARE(second.body, body);
        QCOMPARE(second.headers, server->requests.at(0).headers);
    } else {
        QVERIFY(second.body.isEmpty());
        QVERIFY(second.headerValue("Content-Length").isEmpty());
        QVERIFY(second.headerValue("Content-Type").isEmpty());
    }
}

void TestHttpSender::redirectToOtherOriginDropsCredentials()
{
    auto target = ScriptedServer::listen({whole(Ok)});
    QVERIFY(target);
    auto server =
        ScriptedServer::listen({whole("HTTP/1.1 307 Temporary Redirect\r\nLocation: " + target->origin().toLatin1() +
                                      "/there\r\nContent-Length: 0\r\n\r\n")});
    QVERIFY(server);
    const QUrl url = server->url(u"/here"_s);
    SendOptions options;
    options.followRedirects = true;
    const Attempt attempt = run(
        url,
        request("POST", url,
                {{"Authorization", "Bearer secret"}, {"Cookie", "a=b"}, {"X-Hub-Signature-256", "sha256=00"}}, "{}"),
        options);
    QVERIFY2(attempt.delivered(), qPrintable(attempt.error));
    QCOMPARE(target->requests.size(), 1);
    const CapturedRequest &arrived = target->requests.at(0);
    QCOMPARE(arrived.method, "POST");
    QCOMPARE(arrived.body, "{}");
    QCOMPARE(arrived.headerValue("Host"), hostHeaderValue(target->url({})));
    QVERIFY(arrived.headerValue("Authorization").isEmpty());
    QVERIFY(arrived.headerValue("Cookie").isEmpty());
    QCOMPARE(arrived.headerValue("X-Hub-Signature-256"), "sha256=00");
    QCOMPARE(server->requests.at(0).headerValue("Authorization"), "Bearer secret");
}

void TestHttpSender::redirectLimit()
{
    auto server = ScriptedServer::listen({whole("HTTP/1.1 302 Found\r\nLocation: /loop\r\nContent-Length: 0\r\n\r\n")});
    QVERIFY(server);
    const QUrl url = server->url(u"/loop"_s);
    SendOptions options;
    options.followRedirects = true;
    options.maxRedirects = 2;
    const Attempt attempt = run(url, request("GET", url), options);
    QVERIFY(!attempt.delivered());
    QVERIFY2(attempt.error.contains(u"too many redirects"_s) && attempt.error.contains(u"more than 2"_s),
             qPrintable(attempt.error));
    QCOMPARE(attempt.redirects.size(), 3);
    QCOMPARE(server->requests.size(), 3);
}

QTEST_GUILESS_MAIN(TestHttpSender)
#include "tst_httpsender.moc"
