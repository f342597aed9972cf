// End-to-end tests of `hookscope-cli resend` and of `hookscope-cli serve --forward`: the real binary, driven with
// QProcess, over loopback with real sockets. Targets are either another `serve` or a small HTTP server inside this
// test (TestTarget), which records what arrives. Every test works on its own QTemporaryDir data directories and
// listens on 127.0.0.1:0 (or on a port picked free just before).
//
// Waiting is always on a real condition (a line printed, a request arrived, a row in the store), polled with a
// generous deadline; the only "nothing happens for a while" checks (no retry after the last attempt, one outage
// line only) poll for a fixed window and fail as soon as the unwanted thing happens.

#include "clitesthelpers.h"
#include "forwardrule.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHostAddress>
#include <QJsonArray>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QSet>
#include <QElapsedTimer>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

#include <functional>
#include <algorithm>
#include <memory>

#include <csignal>
#include <sys/types.h>

using namespace Qt::StringLiterals;

namespace {

// The tests run HTTP targets of their own on this thread (TestTarget): while a process runs, the event loop keeps
// running for them.
const SuiteSettings &suiteSettings()
{
    static constexpr SuiteSettings settings{.keepEventLoopRunning = true,
                                            .describedOutputBytes = 3000,
                                            .curlMaxTimeSeconds = 60,
                                            .curlTimeoutMs = 65000};
    return settings;
}

using Header = std::pair<QByteArray, QByteArray>;
using Headers = QList<Header>;

// A port nobody listens on right now: bound, then released.
quint16 freePort()
{
    QTcpServer probe;
    if (!probe.listen(QHostAddress(QHostAddress::LocalHost), 0))
        return 0;
    const quint16 port = probe.serverPort();
    probe.close();
    return port;
}

Headers headersOf(const QJsonObject &record)
{
    Headers headers;
    for (const QJsonValue &pair : record.value(u"headers"_s).toArray())
        headers.append({pair.toArray().at(0).toString().toUtf8(), pair.toArray().at(1).toString().toUtf8()});
    return headers;
}

QByteArray bodyOf(const QJsonObject &record)
{
    return QByteArray::fromBase64(record.value(u"body_base64"_s).toString().toLatin1());
}

QByteArray describeHeaders(const Headers &headers)
{
    QByteArray text;
    for (const Header &header : headers)
        text += "  " + header.first + ": " + header.second + '\n';
    return text;
}

// Rows of a read-only query on the store of dataDir (the SQLite file itself, as the CLI exposes no forwarding state).
// WAL mode: this works while serve writes.
QList<QVariantList> storeRows(const QString &dataDir, const QString &sql, QString *error = nullptr)
{
    static int counter = 0;
    const QString name = u"tst_forwarding_reader_"_s + QString::number(++counter);
    QList<QVariantList> rows;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, name);
        db.setDatabaseName(QDir(dataDir).filePath(u"hookscope.db"_s));
        db.setConnectOptions(u"QSQLITE_OPEN_READONLY;QSQLITE_BUSY_TIMEOUT=5000"_s);
        if (!db.open()) {
            if (error)
                *error = db.lastError().text();
        } else {
            QSqlQuery query(db);
            if (!query.exec(sql)) {
                if (error)
                    *error = query.lastError().text();
            } else {
                while (query.next()) {
                    QVariantList row;
                    for (int i = 0; i < query.record().count(); ++i)
                        row.append(query.value(i));
                    rows.append(row);
                }
            }
            query.finish();
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    return rows;
}

qint64 storeNumber(const QString &dataDir, const QString &sql)
{
    const QList<QVariantList> rows = storeRows(dataDir, sql);
    return rows.isEmpty() || rows.first().isEmpty() ? -1 : rows.first().first().toLongLong();
}

// ---------------------------------------------------------------------------------------------------------------
// An HTTP target inside the test: records every request in arrival order and answers it (or never does).

struct ReceivedRequest {
    QByteArray method;
    QByteArray target;
    Headers headers;
    QByteArray body;
};

class TestTarget : public QObject
{
public:
    explicit TestTarget(int status = 200, QByteArray reason = "OK", QByteArray body = "ok")
        : m_status(status), m_reason(std::move(reason)), m_body(std::move(body))
    {
        connect(&m_server, &QTcpServer::newConnection, this, &TestTarget::accept);
    }

    bool listen(quint16 port = 0)
    {
        if (!m_server.listen(QHostAddress(QHostAddress::LocalHost), port)) {
            qWarning("test target cannot listen on %u: %s", port, qPrintable(m_server.errorString()));
            return false;
        }
        return true;
    }
    quint16 port() const { return m_server.serverPort(); }
    QString url(const QString &path) const { return u"http://127.0.0.1:"_s + QString::number(port()) + path; }
    void setHang(bool hang) { m_hang = hang; }

    QList<ReceivedRequest> requests;
    QList<QByteArray> malformed;
    // Called for each request once it is recorded; false: leave it unanswered.
    std::function<bool(const ReceivedRequest &)> beforeAnswer;

private:
    void accept()
    {
        while (QTcpSocket *socket = m_server.nextPendingConnection()) {
            socket->setParent(this);
            auto buffer = std::make_shared<QByteArray>();
            connect(socket, &QTcpSocket::readyRead, socket, [this, socket, buffer] {
                *buffer += socket->readAll();
                handle(socket, *buffer);
            });
            connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
        }
    }

    void handle(QTcpSocket *socket, QByteArray &buffer)
    {
        const qsizetype headEnd = buffer.indexOf("\r\n\r\n");
        if (headEnd < 0)
            return;
        const QList<QByteArray> lines = buffer.left(headEnd).split('\n');
        ReceivedRequest request;
        const QList<QByteArray> requestLine = lines.first().trimmed().split(' ');
        if (requestLine.size() != 3) {
            malformed.append(buffer);
            buffer.clear();
            socket->abort();
            return;
        }
        request.method = requestLine.at(0);
        request.target = requestLine.at(1);
        qsizetype length = 0;
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const QByteArray line = lines.at(i).endsWith('\r') ? lines.at(i).chopped(1) : lines.at(i);
            const qsizetype colon = line.indexOf(':');
            const Header header{line.left(colon), line.mid(colon + 1).trimmed()};
            request.headers.append(header);
            if (header.first.compare("Content-Length", Qt::CaseInsensitive) == 0)
                length = header.second.toLongLong();
            if (header.first.compare("Transfer-Encoding", Qt::CaseInsensitive) == 0)
                malformed.append("unexpected Transfer-Encoding: " + buffer.left(headEnd));
        }
        if (buffer.size() < headEnd + 4 + length)
            return;
        request.body = buffer.mid(headEnd + 4, length);
        buffer.clear();
        requests.append(request);
        if (m_hang || (beforeAnswer && !beforeAnswer(request)))
            return;
        socket->write("HTTP/1.1 " + QByteArray::number(m_status) + ' ' + m_reason +
                      "\r\nContent-Type: text/plain\r\nContent-Length: " + QByteArray::number(m_body.size()) +
                      "\r\nConnection: close\r\n\r\n" + m_body);
        socket->disconnectFromHost();
    }

    QTcpServer m_server;
    int m_status;
    QByteArray m_reason;
    QByteArray m_body;
    bool m_hang = false;
};

QByteArray binaryBody()
{
    return QByteArrayLiteral("bin\x00\x01\x02 ary\xff\xfe\x80 tail\r\n\r\n\x00\xff{\"x\":1}");
}

// The one line resend prints for a request that got an answer.
const QRegularExpression &answeredLine()
{
    static const QRegularExpression line(QStringLiteral(
        R"(^#(\d+) (\S+) (\S+) -> (\d{3}) ([^\n]*?)  \(connect \d+\.\d ms, first byte \d+\.\d ms, total \d+\.\d ms\)\n$)"));
    return line;
}

} // namespace

class TestForwarding : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();

    void resendFidelity();
    void resendDropsHopByHopHeaders();
    void resendEditsAndFullUrl();
    void resendExitCodes();
    void resendUsageErrors_data();
    void resendUsageErrors();

    void forwardingSurvivesKill();
    void forwardingKillMidDelivery();
    void forwardingRulesIndependent();
    void forwardingOddTarget();
    void deadLetters();
    void proxyMode();
    void proxyModeOddTarget();
    void proxyModeTimeout();
    void proxyModeSenderHangsUp();
    void pausedRuleHoldsItsQueue();

private:
    QTemporaryDir m_home;
};

void TestForwarding::initTestCase()
{
    QVERIFY2(QFileInfo(cliPath()).isExecutable(), qPrintable(u"hookscope-cli not built at "_s + cliPath()));
    QVERIFY2(!QStandardPaths::findExecutable(u"curl"_s).isEmpty(), "these tests need the curl binary in PATH");
    QVERIFY2(QSqlDatabase::isDriverAvailable(u"QSQLITE"_s), "these tests need Qt's QSQLITE driver");
    QVERIFY(m_home.isValid());
    processEnvironment().insert(u"XDG_DATA_HOME"_s, m_home.filePath(u"xdg-data"_s));
    processEnvironment().insert(u"HOME"_s, m_home.path());
}

// ---------------------------------------------------------------------------------------------------------------
// resend

// A request with odd header casing, duplicates, a binary body and an encoded query goes from serve A to serve B:
// B stores the same method, target and body, and the same headers in the same order and casing, with only Host
// (and Content-Length, which has the same value here) set for the new target. Nothing is added.
void TestForwarding::resendFidelity()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString dataA = dir.filePath(u"a"_s);
    const QString dataB = dir.filePath(u"b"_s);
    Server a;
    Server b;
    QVERIFY(a.start(dataA));
    QVERIFY(b.start(dataB));

    const QByteArray body = binaryBody();
    const QByteArray target = "/hooks/Odd%2Fpath/%7Euser?b=2&a=1&a=%41&sp=%20&empty=&flag";
    const QByteArray request = "PUT " + target + " HTTP/1.1\r\n"
                               "x-lower-case: v1\r\n"
                               "X-UPPER-CASE: V2\r\n"
                               "host: 127.0.0.1:" + QByteArray::number(a.port()) + "\r\n"
                               "X-Dup: first\r\n"
                               "x-dup: second\r\n"
                               "X-DUP: third, with comma\r\n"
                               "Content-Type: application/octet-stream\r\n"
                               "content-length: " + QByteArray::number(body.size()) + "\r\n"
                               "X-Utf8: caf\xc3\xa9 \xe2\x9c\x93\r\n"
                               "Authorization: Bearer abc.def\r\n"
                               "X-Spaces:   inner  spaces  \r\n"
                               "\r\n" + body;
    const HttpReply reply = exchange(a.port(), request);
    QCOMPARE(reply.status, 200);
    QTRY_COMPARE_WITH_TIMEOUT(a.requestLines().size(), 1, NetworkTimeoutMs);
    QCOMPARE(idInServeLine(a.requestLines().first()), 1);

    const QString bOrigin = u"http://127.0.0.1:"_s + QString::number(b.port());
    const Finished resend = runCli({u"resend"_s, u"1"_s, u"--to"_s, bOrigin, u"--data-dir"_s, dataA});
    QVERIFY2(resend.ok(), resend.describe().constData());
    QCOMPARE(resend.err, QByteArray());
    const QRegularExpressionMatch line = answeredLine().match(QString::fromUtf8(resend.out));
    QVERIFY2(line.hasMatch(), resend.out.constData());
    QCOMPARE(line.captured(1), u"1"_s);
    QCOMPARE(line.captured(2), u"PUT"_s);
    // The printed URL is the target's, in QUrl's normal form (%7E is printed as ~); what goes on the wire is the
    // captured request-target byte for byte (checked below).
    QCOMPARE(QUrl::fromEncoded(line.captured(3).toUtf8()),
             QUrl::fromEncoded(QByteArray(bOrigin.toUtf8() + target)));
    QCOMPARE(line.captured(4), u"200"_s);
    QCOMPARE(line.captured(5), u"OK"_s);
    QTRY_COMPARE_WITH_TIMEOUT(b.requestLines().size(), 1, NetworkTimeoutMs);

    QVERIFY(a.terminate());
    QVERIFY(b.terminate());
    QCOMPARE(a.standardError(), QByteArray());
    QCOMPARE(b.standardError(), QByteArray());

    bool parsed = false;
    const Finished exportA = runCli({u"export"_s, u"--data-dir"_s, dataA});
    QVERIFY2(exportA.ok(), exportA.describe().constData());
    const QList<QJsonObject> recordsA = parseJsonLines(exportA.out, &parsed);
    QVERIFY(parsed);
    const Finished exportB = runCli({u"export"_s, u"--data-dir"_s, dataB});
    QVERIFY2(exportB.ok(), exportB.describe().constData());
    const QList<QJsonObject> recordsB = parseJsonLines(exportB.out, &parsed);
    QVERIFY(parsed);
    QCOMPARE(recordsA.size(), 1);
    QCOMPARE(recordsB.size(), 1);
    const QJsonObject &original = recordsA.first();
    const QJsonObject &resent = recordsB.first();

    QCOMPARE(original.value(u"method"_s).toString(), u"PUT"_s);
    QCOMPARE(original.value(u"target"_s).toString().toUtf8(), target); // captured as sent (sanity)
    QCOMPARE(bodyOf(original), body);
    QCOMPARE(resent.value(u"method"_s).toString(), original.value(u"method"_s).toString());
    QCOMPARE(resent.value(u"target"_s).toString(), original.value(u"target"_s).toString());
    QCOMPARE(bodyOf(resent), bodyOf(original));
    QCOMPARE(resent.value(u"trailers"_s).toArray(), QJsonArray());

    // Headers: the captured list with Host's value replaced in place; same order, same casing, nothing added.
    Headers expected = headersOf(original);
    bool hostSeen = false;
    for (Header &header : expected) {
        if (header.first.compare("Host", Qt::CaseInsensitive) == 0) {
            QVERIFY(!hostSeen);
            hostSeen = true;
            header.second = "127.0.0.1:" + QByteArray::number(b.port());
        }
    }
    QVERIFY(hostSeen);
    const Headers actual = headersOf(resent);
    QVERIFY2(actual == expected,
             QByteArray("B received:\n" + describeHeaders(actual) + "expected:\n" + describeHeaders(expected)).constData());

    // The raw bytes B received are the attempt A stored, byte for byte.
    const QByteArray rawB = QByteArray::fromBase64(resent.value(u"raw_base64"_s).toString().toLatin1());
    QVERIFY(rawB.startsWith(QByteArray("PUT " + target + " HTTP/1.1\r\n")));
    QString error;
    const QList<QVariantList> attempts =
        storeRows(dataA, u"SELECT request_id, rule, url, status, request, error FROM attempts"_s, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(attempts.size(), 1);
    QCOMPARE(attempts.first().at(0).toLongLong(), 1);
    QCOMPARE(attempts.first().at(1).toString(), QString());
    QCOMPARE(QUrl::fromEncoded(attempts.first().at(2).toString().toUtf8()),
             QUrl::fromEncoded(QByteArray(bOrigin.toUtf8() + target)));
    QCOMPARE(attempts.first().at(3).toInt(), 200);
    QCOMPARE(attempts.first().at(4).toByteArray(), rawB);
    QCOMPARE(attempts.first().at(5).toString(), QString());
}

// Hop-by-hop headers (and those Connection names) are not sent; a chunked body goes out with a Content-Length
// appended (where none was), trailers are not sent. Everything else stays as it was.
void TestForwarding::resendDropsHopByHopHeaders()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString dataA = dir.filePath(u"a"_s);
    const QString dataB = dir.filePath(u"b"_s);
    Server a;
    Server b;
    QVERIFY(a.start(dataA));
    QVERIFY(b.start(dataB));

    const QByteArray request = "POST /chunked?x=1 HTTP/1.1\r\n"
                               "Host: 127.0.0.1:" + QByteArray::number(a.port()) + "\r\n"
                               "X-Before: 1\r\n"
                               "Connection: keep-alive, X-Private\r\n"
                               "Keep-Alive: timeout=5\r\n"
                               "X-Private: hop-only\r\n"
                               "TE: trailers\r\n"
                               "Transfer-Encoding: chunked\r\n"
                               "Trailer: X-Checksum\r\n"
                               "Proxy-Connection: keep-alive\r\n"
                               "X-After: 2\r\n"
                               "\r\n"
                               "5\r\nhello\r\n6\r\n world\r\n0\r\nX-Checksum: abc\r\n\r\n";
    QCOMPARE(exchange(a.port(), request).status, 200);
    QTRY_COMPARE_WITH_TIMEOUT(a.requestLines().size(), 1, NetworkTimeoutMs);

    const Finished resend = runCli({u"resend"_s, u"1"_s, u"--to"_s, b.url(u"/"_s), u"--data-dir"_s, dataA});
    QVERIFY2(resend.ok(), resend.describe().constData());
    QTRY_COMPARE_WITH_TIMEOUT(b.requestLines().size(), 1, NetworkTimeoutMs);
    QVERIFY(a.terminate());
    QVERIFY(b.terminate());

    const Finished exportB = runCli({u"export"_s, u"--data-dir"_s, dataB});
    QVERIFY2(exportB.ok(), exportB.describe().constData());
    bool parsed = false;
    const QList<QJsonObject> records = parseJsonLines(exportB.out, &parsed);
    QVERIFY(parsed);
    QCOMPARE(records.size(), 1);
    QCOMPARE(records.first().value(u"target"_s).toString(), u"/chunked?x=1"_s);
    QCOMPARE(bodyOf(records.first()), QByteArrayLiteral("hello world"));
    QCOMPARE(records.first().value(u"trailers"_s).toArray(), QJsonArray());
    const Headers expected{{"Host", "127.0.0.1:" + QByteArray::number(b.port())},
                           {"X-Before", "1"},
                           {"X-After", "2"},
                           {"Content-Length", "11"}};
    const Headers actual = headersOf(records.first());
    QVERIFY2(actual == expected,
             QByteArray("B received:\n" + describeHeaders(actual) + "expected:\n" + describeHeaders(expected)).constData());
}

// -X, -H (replace in place, remove), and a --to with a path (used as is, the captured path is not appended).
void TestForwarding::resendEditsAndFullUrl()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString dataA = dir.filePath(u"a"_s);
    const QString dataB = dir.filePath(u"b"_s);
    Server a;
    Server b;
    QVERIFY(a.start(dataA));
    QVERIFY(b.start(dataB));
    const QByteArray request = "POST /orig/path?q=1 HTTP/1.1\r\n"
                               "Host: x\r\n"
                               "X-One: 1\r\n"
                               "x-dup: a\r\n"
                               "X-Remove: gone\r\n"
                               "X-Dup: b\r\n"
                               "Content-Length: 4\r\n"
                               "\r\nbody";
    QCOMPARE(exchange(a.port(), request).status, 200);
    // A GET without a body: no Content-Length is added.
    QCOMPARE(exchange(a.port(), "GET /get?x=1 HTTP/1.1\r\nX-A: a\r\nHost: h\r\n\r\n").status, 200);
    QTRY_COMPARE_WITH_TIMEOUT(a.requestLines().size(), 2, NetworkTimeoutMs);

    const Finished get = runCli({u"resend"_s, u"2"_s, u"--to"_s, b.url(QString()), u"--data-dir"_s, dataA});
    QVERIFY2(get.ok(), get.describe().constData());
    QTRY_COMPARE_WITH_TIMEOUT(b.requestLines().size(), 1, NetworkTimeoutMs);

    const Finished resend =
        runCli({u"resend"_s, u"1"_s, u"--to"_s, b.url(u"/other/place?z=9"_s), u"--data-dir"_s, dataA, u"-X"_s,
                u"PATCH"_s, u"-H"_s, u"X-Dup: replaced"_s, u"-H"_s, u"x-remove:"_s, u"-H"_s, u"X-New: added"_s});
    QVERIFY2(resend.ok(), resend.describe().constData());
    const QRegularExpressionMatch line = answeredLine().match(QString::fromUtf8(resend.out));
    QVERIFY2(line.hasMatch(), resend.out.constData());
    QCOMPARE(line.captured(2), u"PATCH"_s);
    QCOMPARE(line.captured(3), b.url(u"/other/place?z=9"_s));
    QTRY_COMPARE_WITH_TIMEOUT(b.requestLines().size(), 2, NetworkTimeoutMs);
    QVERIFY(a.terminate());
    QVERIFY(b.terminate());

    const Finished exportB = runCli({u"export"_s, u"--data-dir"_s, dataB});
    QVERIFY2(exportB.ok(), exportB.describe().constData());
    bool parsed = false;
    QList<QJsonObject> records = parseJsonLines(exportB.out, &parsed);
    QVERIFY(parsed);
    QCOMPARE(records.size(), 2);
    const QJsonObject getRecord = records.takeFirst();
    QCOMPARE(getRecord.value(u"method"_s).toString(), u"GET"_s);
    QCOMPARE(getRecord.value(u"target"_s).toString(), u"/get?x=1"_s);
    const Headers getExpected{{"X-A", "a"}, {"Host", "127.0.0.1:" + QByteArray::number(b.port())}};
    QVERIFY2(headersOf(getRecord) == getExpected, describeHeaders(headersOf(getRecord)).constData());
    QCOMPARE(records.first().value(u"method"_s).toString(), u"PATCH"_s);
    QCOMPARE(records.first().value(u"target"_s).toString(), u"/other/place?z=9"_s);
    QCOMPARE(bodyOf(records.first()), QByteArrayLiteral("body"));
    const Headers expected{{"Host", "127.0.0.1:" + QByteArray::number(b.port())},
                           {"X-One", "1"},
                           {"x-dup", "replaced"},
                           {"Content-Length", "4"},
                           {"X-New", "added"}};
    const Headers actual = headersOf(records.first());
    QVERIFY2(actual == expected,
             QByteArray("B received:\n" + describeHeaders(actual) + "expected:\n" + describeHeaders(expected)).constData());
}

void TestForwarding::resendExitCodes()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString dataA = dir.filePath(u"a"_s);
    Server a;
    QVERIFY(a.start(dataA));
    QCOMPARE(exchange(a.port(), postRequest("/one", "1")).status, 200);
    QCOMPARE(exchange(a.port(), postRequest("/two", "2")).status, 200);
    QTRY_COMPARE_WITH_TIMEOUT(a.requestLines().size(), 2, NetworkTimeoutMs);
    QVERIFY(a.terminate());

    // 2xx: 0.
    {
        TestTarget ok(204, "No Content", {});
        QVERIFY(ok.listen());
        const Finished run =
            runCli({u"resend"_s, u"1"_s, u"2"_s, u"--to"_s, ok.url(u"/"_s), u"--data-dir"_s, dataA});
        QVERIFY2(run.ok(), run.describe().constData());
        const QList<QByteArray> lines = run.out.split('\n');
        QCOMPARE(lines.size(), 3);
        QVERIFY2(lines.at(0).startsWith(QByteArray("#1 POST " + ok.url(u"/one"_s).toUtf8() + " -> 204 No Content  (connect ")),
                 run.out.constData());
        QVERIFY2(lines.at(1).startsWith(QByteArray("#2 POST " + ok.url(u"/two"_s).toUtf8() + " -> 204 No Content  (connect ")),
                 run.out.constData());
        QCOMPARE(ok.requests.size(), 2);
    }

    // A non-2xx answer: 3 (a serve answering 500).
    {
        Server failing;
        QVERIFY(failing.start(dir.filePath(u"failing"_s), {u"--respond"_s, u"500:broken"_s}));
        const Finished run =
            runCli({u"resend"_s, u"1"_s, u"--to"_s, failing.url(u"/"_s), u"--data-dir"_s, dataA});
        QVERIFY2(run.exited(3), run.describe().constData());
        const QRegularExpressionMatch line = answeredLine().match(QString::fromUtf8(run.out));
        QVERIFY2(line.hasMatch(), run.out.constData());
        QCOMPARE(line.captured(4), u"500"_s);
        QCOMPARE(run.err, QByteArray());
    }

    // Mixed 2xx and non-2xx: 3.
    {
        TestTarget teapot(418, "I'm a teapot", "short and stout");
        QVERIFY(teapot.listen());
        const Finished run =
            runCli({u"resend"_s, u"2"_s, u"--to"_s, teapot.url(u"/"_s), u"--data-dir"_s, dataA});
        QVERIFY2(run.exited(3), run.describe().constData());
        QVERIFY2(run.out.contains(" -> 418 I'm a teapot  (connect "), run.out.constData());
    }

    // Nobody listening: 4, "connection refused" on the request's line; the other request still goes (and its 2xx
    // does not hide the failure).
    {
        const quint16 closed = freePort();
        QVERIFY(closed != 0);
        const QString closedUrl = u"http://127.0.0.1:"_s + QString::number(closed);
        const Finished run = runCli({u"resend"_s, u"1"_s, u"--to"_s, closedUrl, u"--data-dir"_s, dataA});
        QVERIFY2(run.exited(4), run.describe().constData());
        QCOMPARE(run.out, QByteArray("#1 POST " + closedUrl.toUtf8() + "/one -> not delivered: connection refused at " +
                                     closedUrl.toUtf8() + "\n"));
        QCOMPARE(run.err, QByteArray());
    }

    // No answer within --timeout: 4, "timed out".
    {
        TestTarget silent;
        silent.setHang(true);
        QVERIFY(silent.listen());
        QElapsedTimer elapsed;
        elapsed.start();
        const Finished run = runCli(
            {u"resend"_s, u"1"_s, u"--to"_s, silent.url(u"/"_s), u"--timeout"_s, u"0.5"_s, u"--data-dir"_s, dataA});
        QVERIFY2(run.exited(4), run.describe().constData());
        QVERIFY2(run.out.startsWith(QByteArray("#1 POST " + silent.url(u"/one"_s).toUtf8() + " -> not delivered: timed out")),
                 run.out.constData());
        QCOMPARE(silent.requests.size(), 1);
        QVERIFY2(elapsed.elapsed() < 10000, QByteArray::number(elapsed.elapsed()).constData());
    }

    // Every attempt was stored, the failed ones too.
    const QList<QVariantList> attempts =
        storeRows(dataA, u"SELECT request_id, status, error FROM attempts ORDER BY id"_s);
    QCOMPARE(attempts.size(), 6);
    QCOMPARE(attempts.at(0).at(1).toInt(), 204);
    QCOMPARE(attempts.at(2).at(1).toInt(), 500);
    QCOMPARE(attempts.at(3).at(1).toInt(), 418);
    QCOMPARE(attempts.at(4).at(0).toLongLong(), 1);
    QCOMPARE(attempts.at(4).at(1).toInt(), 0);
    QVERIFY2(attempts.at(4).at(2).toString().startsWith(u"connection refused at "_s),
             qPrintable(attempts.at(4).at(2).toString()));
    QCOMPARE(attempts.at(5).at(1).toInt(), 0);
    QVERIFY2(attempts.at(5).at(2).toString().startsWith(u"timed out"_s), qPrintable(attempts.at(5).at(2).toString()));

    // An id that is not stored: not delivered, named on stderr.
    {
        TestTarget ok;
        QVERIFY(ok.listen());
        const Finished run = runCli({u"resend"_s, u"99"_s, u"--to"_s, ok.url(u"/"_s), u"--data-dir"_s, dataA});
        QVERIFY2(run.finished && run.exitStatus == QProcess::NormalExit && run.exitCode != 0, run.describe().constData());
        QVERIFY2(isOneErrorLine(run.err) && run.err.contains("99"), run.describe().constData());
        QCOMPARE(ok.requests.size(), 0);
        qInfo("resend of an unknown id exits %d (%s)", run.exitCode, run.err.trimmed().constData());
    }
}

void TestForwarding::resendUsageErrors_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QByteArray>("mentions");
    const QString to = u"http://127.0.0.1:9/"_s;
    QTest::newRow("no id") << QStringList{u"--to"_s, to} << QByteArrayLiteral("id");
    QTest::newRow("no --to") << QStringList{u"1"_s} << QByteArrayLiteral("--to");
    QTest::newRow("--to not a URL") << QStringList{u"1"_s, u"--to"_s, u"not a url"_s} << QByteArrayLiteral("not a url");
    QTest::newRow("--to ftp") << QStringList{u"1"_s, u"--to"_s, u"ftp://127.0.0.1/x"_s} << QByteArrayLiteral("ftp://");
    QTest::newRow("--to without host") << QStringList{u"1"_s, u"--to"_s, u"http:///path"_s}
                                       << QByteArrayLiteral("http:///path");
    QTest::newRow("id a word") << QStringList{u"abc"_s, u"--to"_s, to} << QByteArrayLiteral("abc");
    QTest::newRow("id zero") << QStringList{u"0"_s, u"--to"_s, to} << QByteArrayLiteral("'0'");
    QTest::newRow("second id bad") << QStringList{u"1"_s, u"2x"_s, u"--to"_s, to} << QByteArrayLiteral("2x");
    QTest::newRow("-H without colon") << QStringList{u"1"_s, u"--to"_s, to, u"-H"_s, u"NoColon"_s}
                                      << QByteArrayLiteral("NoColon");
    QTest::newRow("-H without name") << QStringList{u"1"_s, u"--to"_s, to, u"-H"_s, u": value"_s}
                                     << QByteArrayLiteral("--header");
    QTest::newRow("-H name with space") << QStringList{u"1"_s, u"--to"_s, to, u"-H"_s, u"Bad Name: v"_s}
                                        << QByteArrayLiteral("Bad Name");
    QTest::newRow("--timeout zero") << QStringList{u"1"_s, u"--to"_s, to, u"--timeout"_s, u"0"_s}
                                    << QByteArrayLiteral("--timeout");
    QTest::newRow("--secret without --resign") << QStringList{u"1"_s, u"--to"_s, to, u"--secret"_s, u"s"_s}
                                               << QByteArrayLiteral("--resign");
    QTest::newRow("unknown provider") << QStringList{u"1"_s, u"--to"_s, to, u"--resign"_s, u"--provider"_s, u"nope"_s}
                                      << QByteArrayLiteral("nope");
    QTest::newRow("unknown option") << QStringList{u"1"_s, u"--to"_s, to, u"--bogus"_s} << QByteArrayLiteral("bogus");
}

void TestForwarding::resendUsageErrors()
{
    QFETCH(QStringList, arguments);
    QFETCH(QByteArray, mentions);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const Finished run = runCli(QStringList{u"resend"_s} + arguments + QStringList{u"--data-dir"_s, dir.filePath(u"d"_s)});
    QVERIFY2(run.exited(2), run.describe().constData());
    QVERIFY2(isOneErrorLine(run.err), run.err.constData());
    QVERIFY2(run.err.contains(mentions), run.err.constData());
    QCOMPARE(run.out, QByteArray());
}

// ---------------------------------------------------------------------------------------------------------------
// serve --forward

// 200 requests to a target that is down; serve is killed with SIGKILL and started again; then the target comes up:
// every request arrives, in order, at the rewritten path.
void TestForwarding::forwardingSurvivesKill()
{
    constexpr int Count = 200;
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString dataDir = dir.filePath(u"store"_s);
    const quint16 targetPort = freePort();
    QVERIFY(targetPort != 0);
    const QString targetOrigin = u"http://127.0.0.1:"_s + QString::number(targetPort);
    // The target stays down for several seconds: the default 10 attempts (about 1 s at these intervals) would move the
    // head requests to the dead letters before it comes up, so the attempts are not limited here.
    const QStringList arguments{u"--forward"_s,          u"/hooks="_s + targetOrigin + u"/in"_s,
                                u"--retry-initial-ms"_s, u"50"_s,
                                u"--retry-max-ms"_s,     u"200"_s,
                                u"--retry-max-attempts"_s, u"1000000"_s};

    auto first = std::make_unique<Server>();
    QVERIFY(first->start(dataDir, arguments));
    for (int i = 1; i <= Count; ++i) {
        const HttpReply reply = exchange(first->port(), postRequest("/hooks/e?n=" + QByteArray::number(i),
                                                                    QByteArray::number(i)));
        QVERIFY2(reply.status == 200, qPrintable(u"request %1 got %2"_s.arg(i).arg(reply.status)));
    }
    // A request outside the prefix is not forwarded.
    QCOMPARE(exchange(first->port(), postRequest("/other?n=0", "0")).status, 200);
    QTRY_COMPARE_WITH_TIMEOUT(first->requestLines().size(), Count + 1, NetworkTimeoutMs);

    // One line per outage, not one per attempt: the head has been retried many times by now.
    const QByteArray refusedLine = "hookscope-cli: forwarding: connection refused at " + targetOrigin.toUtf8() +
                                   " (deliveries are kept and retried)";
    QTRY_VERIFY_WITH_TIMEOUT(first->errorLinesContaining("connection refused") >= 1, NetworkTimeoutMs);
    QTRY_VERIFY_WITH_TIMEOUT(storeNumber(dataDir, u"SELECT forward_attempts FROM requests WHERE id = 1"_s) >= 5,
                             NetworkTimeoutMs);
    QVERIFY2(first->errorLinesContaining(refusedLine) == 1, first->standardError().constData());
    QCOMPARE(storeNumber(dataDir, u"SELECT COUNT(*) FROM deliveries"_s), Count);
    QCOMPARE(storeNumber(dataDir, u"SELECT COUNT(*) FROM requests WHERE forward_state = -1"_s), 1); // /other

    QVERIFY(first->killHard());
    // Checked at the end, so that the deliveries are checked whatever this says.
    const QByteArray firstErrors = first->standardError();
    first.reset();

    Server second;
    QVERIFY(second.start(dataDir, arguments));
    TestTarget target;
    QVERIFY(target.listen(targetPort));

    auto distinct = [&target] {
        QSet<QByteArray> seen;
        for (const ReceivedRequest &request : std::as_const(target.requests))
            seen.insert(request.target);
        return seen.size();
    };
    QTRY_COMPARE_WITH_TIMEOUT(distinct(), Count, 30000);
    // Every delivery recorded as delivered (the last one is recorded just after the target saw it).
    QTRY_COMPARE_WITH_TIMEOUT(storeNumber(dataDir, u"SELECT COUNT(*) FROM requests WHERE forward_state = 1"_s), Count,
                              NetworkTimeoutMs);
    QVERIFY2(target.malformed.isEmpty(), target.malformed.value(0).constData());

    QList<int> order; // n of each arrival, duplicates removed (at-least-once)
    int duplicates = 0;
    for (const ReceivedRequest &request : std::as_const(target.requests)) {
        static const QRegularExpression path(QStringLiteral(R"(^/in/e\?n=(\d+)$)"));
        const QRegularExpressionMatch match = path.match(QString::fromUtf8(request.target));
        QVERIFY2(match.hasMatch(), request.target.constData());
        const int n = match.captured(1).toInt();
        QCOMPARE(request.method, QByteArrayLiteral("POST"));
        QCOMPARE(request.body, QByteArray::number(n));
        if (order.contains(n)) {
            ++duplicates;
            QVERIFY2(order.last() == n, qPrintable(u"duplicate of %1 arrived after %2"_s.arg(n).arg(order.last())));
            continue;
        }
        order.append(n);
    }
    QList<int> expected;
    for (int i = 1; i <= Count; ++i)
        expected.append(i);
    QCOMPARE(order, expected);
    qInfo("%d deliveries, %d duplicate(s)", int(target.requests.size()), duplicates);

    // The restarted process found the target down at most once, and says when it answers again.
    const QByteArray restartedErrors = second.standardError();
    const QByteArray upLine = "hookscope-cli: forwarding: " + targetOrigin.toUtf8() + " answers again";
    const bool wasDown = second.errorLinesContaining(refusedLine) == 1;
    QVERIFY2(second.errorLinesContaining(refusedLine) <= 1, restartedErrors.constData());
    if (wasDown)
        QTRY_COMPARE_WITH_TIMEOUT(second.errorLinesContaining(upLine), 1, NetworkTimeoutMs);
    else
        QCOMPARE(second.errorLinesContaining(upLine), 0);
    const qsizetype received = target.requests.size();
    QVERIFY(second.terminate());
    QCOMPARE(second.process().exitStatus(), QProcess::NormalExit);
    QCOMPARE(second.process().exitCode(), 0);
    QCOMPARE(target.requests.size(), received);
    QCOMPARE(storeNumber(dataDir, u"SELECT COUNT(*) FROM deliveries WHERE state != 1"_s), 0);
    QCOMPARE(storeNumber(dataDir, u"SELECT COUNT(*) FROM attempts WHERE status = 200"_s), received);

    // The outage was reported once, as the CLI's one-line message, and nothing else was printed on stderr.
    QVERIFY2(firstErrors == refusedLine + '\n', firstErrors.constData());
}

// serve is killed while a delivery is in flight (the target has the request and has not answered): after the
// restart that delivery goes out again (at-least-once) and every other one exactly once, in order.
void TestForwarding::forwardingKillMidDelivery()
{
    constexpr int Count = 200;
    constexpr int KillAt = 50;
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString dataDir = dir.filePath(u"store"_s);
    TestTarget target;
    QVERIFY(target.listen());
    const QStringList arguments{u"--forward"_s, u"/hooks="_s + target.url(u"/in"_s), u"--retry-initial-ms"_s, u"50"_s,
                                u"--retry-max-ms"_s, u"200"_s};

    auto first = std::make_unique<Server>();
    QVERIFY(first->start(dataDir, arguments));
    const qint64 pid = first->process().processId();
    int killResult = -1;
    bool killed = false;
    target.beforeAnswer = [&](const ReceivedRequest &request) {
        if (killed || request.target != "/in/e?n=" + QByteArray::number(KillAt))
            return true;
        killed = true;
        killResult = ::kill(pid_t(pid), SIGKILL);
        return false; // never answered: the attempt was in flight when serve died
    };
    // The target is not served while this thread sends (blocking): deliveries wait in its listen backlog.
    for (int i = 1; i <= Count; ++i) {
        const HttpReply reply = exchange(first->port(), postRequest("/hooks/e?n=" + QByteArray::number(i),
                                                                    QByteArray::number(i)));
        QVERIFY2(reply.status == 200, qPrintable(u"request %1 got %2"_s.arg(i).arg(reply.status)));
    }
    QTRY_VERIFY_WITH_TIMEOUT(killed, 30000);
    QCOMPARE(killResult, 0);
    QTRY_COMPARE_WITH_TIMEOUT(first->process().state(), QProcess::NotRunning, ProcessTimeoutMs);
    QCOMPARE(first->process().exitStatus(), QProcess::CrashExit);
    QCOMPARE(target.requests.size(), KillAt); // one at a time, in order: nothing after the one in flight
    first.reset();

    Server second;
    QVERIFY(second.start(dataDir, arguments));
    auto distinct = [&target] {
        QSet<QByteArray> seen;
        for (const ReceivedRequest &request : std::as_const(target.requests))
            seen.insert(request.target);
        return int(seen.size());
    };
    QTRY_COMPARE_WITH_TIMEOUT(distinct(), Count, 30000);
    QTRY_COMPARE_WITH_TIMEOUT(storeNumber(dataDir, u"SELECT COUNT(*) FROM requests WHERE forward_state = 1"_s),
                              qint64(Count), NetworkTimeoutMs);
    QVERIFY2(target.malformed.isEmpty(), target.malformed.value(0).constData());

    QList<int> arrivals;
    for (const ReceivedRequest &request : std::as_const(target.requests)) {
        QVERIFY2(request.target.startsWith("/in/e?n="), request.target.constData());
        const int n = request.target.mid(8).toInt();
        QCOMPARE(request.body, QByteArray::number(n));
        arrivals.append(n);
    }
    QList<int> expected;
    for (int i = 1; i <= Count; ++i) {
        expected.append(i);
        if (i == KillAt)
            expected.append(i); // the delivery in flight at the kill, sent again
    }
    QCOMPARE(arrivals, expected);
    qInfo("%d deliveries, %d duplicate(s)", int(arrivals.size()), int(arrivals.size()) - Count);
    QVERIFY(second.terminate());
    QCOMPARE(second.process().exitCode(), 0);
    // Two attempts stored for the one in flight? No: the first was never recorded (the process died before).
    QCOMPARE(storeNumber(dataDir, u"SELECT COUNT(*) FROM attempts"_s), qint64(Count));
}

// Each rule has its own queue: a target that is down holds up only its own rule's deliveries. The longest prefix
// wins, and a request is delivered by one rule only.
void TestForwarding::forwardingRulesIndependent()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString dataDir = dir.filePath(u"store"_s);
    TestTarget up;
    QVERIFY(up.listen());
    const quint16 downPort = freePort();
    QVERIFY(downPort != 0);
    const QString downOrigin = u"http://127.0.0.1:"_s + QString::number(downPort);
    Server server;
    QVERIFY(server.start(dataDir, {u"--forward"_s, u"/="_s + downOrigin + u"/all"_s, u"--forward"_s,
                                   u"/hooks="_s + up.url(u"/h/"_s), u"--retry-initial-ms"_s, u"50"_s,
                                   u"--retry-max-ms"_s, u"100"_s, u"--retry-max-attempts"_s, u"1000000"_s}));
    for (int i = 1; i <= 5; ++i) {
        QCOMPARE(exchange(server.port(), postRequest("/other/" + QByteArray::number(i), "o")).status, 200);
        QCOMPARE(exchange(server.port(), postRequest("/hooks/" + QByteArray::number(i), "h")).status, 200);
    }
    QTRY_COMPARE_WITH_TIMEOUT(up.requests.size(), 5, NetworkTimeoutMs);
    QList<QByteArray> targets;
    for (const ReceivedRequest &request : std::as_const(up.requests))
        targets.append(request.target);
    QCOMPARE(targets, (QList<QByteArray>{"/h/1", "/h/2", "/h/3", "/h/4", "/h/5"}));
    const QByteArray refusedLine = "hookscope-cli: forwarding: connection refused at " + downOrigin.toUtf8();
    QTRY_VERIFY_WITH_TIMEOUT(server.errorLinesContaining(refusedLine) >= 1, NetworkTimeoutMs);
    QVERIFY2(server.errorLinesContaining(refusedLine) == 1, server.standardError().constData());
    QVERIFY(server.terminate());
    QCOMPARE(storeNumber(dataDir, u"SELECT COUNT(*) FROM deliveries"_s), qint64(10));
    QCOMPARE(storeNumber(dataDir, u"SELECT COUNT(*) FROM deliveries WHERE state = 1 AND target LIKE '%/h/%'"_s),
             qint64(5));
    QCOMPARE(storeNumber(dataDir, u"SELECT COUNT(*) FROM deliveries WHERE state = 0 AND target LIKE '%/all/other/%'"_s),
             qint64(5));
}

// Request-targets the capture accepts but QUrl's strict mode does not (an invalid percent escape) are forwarded too,
// with the rest of the path and the query appended; and in any case a request that cannot be delivered must not hold
// up the ones after it.
void TestForwarding::forwardingOddTarget()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString dataDir = dir.filePath(u"store"_s);
    TestTarget target;
    QVERIFY(target.listen());
    Server server;
    QVERIFY(server.start(dataDir, {u"--forward"_s, u"/h="_s + target.url(u"/in"_s), u"--retry-initial-ms"_s, u"20"_s,
                                   u"--retry-max-ms"_s, u"50"_s, u"--retry-max-attempts"_s, u"3"_s}));
    const QList<QByteArray> sent{"/h/x?a=%zz", "/h/after?n=2", "/h/p%20q?a=[1]", "/h/last?n=4"};
    for (const QByteArray &path : sent)
        QCOMPARE(exchange(server.port(), postRequest(path, "x")).status, 200);

    // Whatever happens to the odd ones, the plain ones arrive.
    auto arrived = [&target](const QByteArray &path) {
        return std::any_of(target.requests.cbegin(), target.requests.cend(),
                           [&path](const ReceivedRequest &request) { return request.target == path; });
    };
    const bool plainArrived = waitUntil([&] { return arrived("/in/after?n=2") && arrived("/in/last?n=4"); }, 10000);
    QList<QByteArray> targets;
    for (const ReceivedRequest &request : std::as_const(target.requests))
        targets.append(request.target);
    const QByteArray errors = server.standardError();
    QVERIFY2(plainArrived, QByteArray("arrived: " + targets.join(' ') + "\nserve's stderr:\n" + errors.left(1000)).constData());
    QTRY_COMPARE_WITH_TIMEOUT(target.requests.size(), 4, NetworkTimeoutMs);
    targets.clear();
    for (const ReceivedRequest &request : std::as_const(target.requests))
        targets.append(request.target);
    // The invalid escape as it came, or with its % escaped (QUrl's tolerant reading): either way the receiver sees
    // the same query the sender sent.
    QVERIFY2(targets.first() == "/in/x?a=%zz" || targets.first() == "/in/x?a=%25zz", targets.first().constData());
    QCOMPARE(targets.mid(1), (QList<QByteArray>{"/in/after?n=2", "/in/p%20q?a=[1]", "/in/last?n=4"}));
    QVERIFY(server.terminate());
}

// A target answering 503: three attempts, then the delivery is a dead letter and is not tried again; the next
// request is not held up by it.
void TestForwarding::deadLetters()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString dataDir = dir.filePath(u"store"_s);
    TestTarget target(503, "Service Unavailable", "later");
    QVERIFY(target.listen());
    Server server;
    QVERIFY(server.start(dataDir, {u"--forward"_s, u"/="_s + target.url(u"/sink"_s), u"--retry-max-attempts"_s, u"3"_s,
                                   u"--retry-initial-ms"_s, u"20"_s}));
    QCOMPARE(exchange(server.port(), postRequest("/first", "1")).status, 200);
    QCOMPARE(exchange(server.port(), postRequest("/second", "2")).status, 200);
    QTRY_COMPARE_WITH_TIMEOUT(target.requests.size(), 6, NetworkTimeoutMs);
    // No fourth attempt for either: watch for a second.
    const QDeadlineTimer quiet(1000);
    while (!quiet.hasExpired()) {
        QTest::qWait(20);
        QVERIFY2(target.requests.size() == 6, qPrintable(u"attempt %1 arrived"_s.arg(target.requests.size())));
    }
    QList<QByteArray> targets;
    for (const ReceivedRequest &request : std::as_const(target.requests))
        targets.append(request.target);
    QCOMPARE(targets, (QList<QByteArray>{"/sink/first", "/sink/first", "/sink/first", "/sink/second", "/sink/second",
                                         "/sink/second"}));
    // A 503 is an answer: no outage line.
    QCOMPARE(server.errorLinesContaining("connection refused"), 0);

    // `list` still shows both requests (the CLI has no view of the forwarding state: read the store).
    const Finished list = runCli({u"list"_s, u"--data-dir"_s, dataDir});
    QVERIFY2(list.ok(), list.describe().constData());
    QCOMPARE(list.out.count('\n'), 2);
    QVERIFY(server.terminate());
    QCOMPARE(server.process().exitCode(), 0);

    QString error;
    const QList<QVariantList> requests = storeRows(
        dataDir, u"SELECT id, forward_state, forward_status, forward_attempts FROM requests ORDER BY id"_s, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(requests.size(), 2);
    for (const QVariantList &row : requests) {
        QCOMPARE(row.at(1).toInt(), 3); // ForwardState::Failed
        QCOMPARE(row.at(2).toInt(), 503);
        QCOMPARE(row.at(3).toInt(), 3);
    }
    const QList<QVariantList> attempts =
        storeRows(dataDir, u"SELECT request_id, status, error FROM attempts ORDER BY id"_s, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(attempts.size(), 6);
    for (int i = 0; i < 6; ++i) {
        QCOMPARE(attempts.at(i).at(0).toLongLong(), qint64(i / 3 + 1));
        QCOMPARE(attempts.at(i).at(1).toInt(), 503);
    }
    QCOMPARE(storeNumber(dataDir, u"SELECT COUNT(*) FROM deliveries WHERE state = 2 AND attempts = 3"_s), 2);
}

// --forward-mode proxy: the sender waits for the target and gets its answer; 502 when the target is down.
void TestForwarding::proxyMode()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString dataDir = dir.filePath(u"store"_s);
    TestTarget target(201, "Created", "hello");
    QVERIFY(target.listen());
    const quint16 downPort = freePort();
    QVERIFY(downPort != 0);
    Server server;
    const bool started = server.start(
        dataDir, {u"--forward-mode"_s, u"proxy"_s, u"--forward"_s, u"/up="_s + target.url(u"/t"_s), u"--forward"_s,
                  u"/down=http://127.0.0.1:"_s + QString::number(downPort) + u"/t"_s});
    if (!started)
        QSKIP("serve --forward-mode proxy does not start: proxy mode is not implemented");

    const HttpReply up = curl({u"-X"_s, u"POST"_s, u"--data-binary"_s, u"ping"_s, server.url(u"/up/x?y=1"_s)});
    QCOMPARE(up.status, 201);
    QCOMPARE(up.body, QByteArrayLiteral("hello"));
    QCOMPARE(target.requests.size(), 1);
    QCOMPARE(target.requests.first().target, QByteArrayLiteral("/t/x?y=1"));
    QCOMPARE(target.requests.first().body, QByteArrayLiteral("ping"));

    Finished curlRun;
    const HttpReply down =
        curl({u"-X"_s, u"POST"_s, u"--data-binary"_s, u"ping"_s, server.url(u"/down/x"_s)}, &curlRun);
    QVERIFY2(down.status == 502, curlRun.describe().constData());

    // Stored with the status the sender got.
    QTRY_COMPARE_WITH_TIMEOUT(server.requestLines().size(), 2, NetworkTimeoutMs);
    QVERIFY2(server.requestLines().at(0).endsWith(" 201"), server.requestLines().at(0).constData());
    QVERIFY2(server.requestLines().at(1).endsWith(" 502"), server.requestLines().at(1).constData());
    QVERIFY(server.terminate());
    QCOMPARE(server.process().exitCode(), 0);
    // Not queued: no delivery rows; the attempts are stored.
    QCOMPARE(storeNumber(dataDir, u"SELECT COUNT(*) FROM deliveries"_s), 0);
    QCOMPARE(storeNumber(dataDir, u"SELECT COUNT(*) FROM attempts"_s), 2);
}

// In proxy mode too, a request-target with an invalid percent escape reaches the target (and is not answered 502
// "could not be reached" while the target is up), and its attempt is stored.
void TestForwarding::proxyModeOddTarget()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString dataDir = dir.filePath(u"store"_s);
    TestTarget target(201, "Created", "hello");
    QVERIFY(target.listen());
    Server server;
    QVERIFY(server.start(dataDir, {u"--forward-mode"_s, u"proxy"_s, u"--forward"_s, u"/up="_s + target.url(u"/t"_s)}));
    Finished curlRun;
    const HttpReply reply =
        curl({u"-X"_s, u"POST"_s, u"--data-binary"_s, u"ping"_s, server.url(u"/up/x?a=%zz"_s)}, &curlRun);
    QVERIFY2(reply.status == 201, curlRun.describe().constData());
    QCOMPARE(reply.body, QByteArrayLiteral("hello"));
    QCOMPARE(target.requests.size(), 1);
    QVERIFY2(target.requests.first().target == "/t/x?a=%zz" || target.requests.first().target == "/t/x?a=%25zz",
             target.requests.first().target.constData());
    QVERIFY(server.terminate());
    QCOMPARE(server.standardError(), QByteArray());
    QCOMPARE(storeNumber(dataDir, u"SELECT COUNT(*) FROM attempts"_s), qint64(1));
}

// A target that never answers: 504 once --forward-timeout-ms has passed; the request is stored with that status.
void TestForwarding::proxyModeTimeout()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString dataDir = dir.filePath(u"store"_s);
    TestTarget target;
    target.setHang(true);
    QVERIFY(target.listen());
    Server server;
    QVERIFY(server.start(dataDir, {u"--forward-mode"_s, u"proxy"_s, u"--forward"_s, u"/="_s + target.url(u"/"_s),
                                   u"--forward-timeout-ms"_s, u"500"_s}));
    QElapsedTimer elapsed;
    elapsed.start();
    Finished curlRun;
    const HttpReply reply = curl({u"-X"_s, u"POST"_s, u"--data-binary"_s, u"ping"_s, server.url(u"/slow"_s)}, &curlRun);
    const qint64 ms = elapsed.elapsed();
    QVERIFY2(reply.status == 504, curlRun.describe().constData());
    QCOMPARE(target.requests.size(), 1);
    QVERIFY2(ms >= 450 && ms < 10000, QByteArray::number(ms).constData());
    QTRY_COMPARE_WITH_TIMEOUT(server.requestLines().size(), 1, NetworkTimeoutMs);
    QVERIFY2(server.requestLines().first().endsWith(" 504"), server.requestLines().first().constData());
    QVERIFY(server.terminate());
    QCOMPARE(server.process().exitCode(), 0);
    const QList<QVariantList> attempts = storeRows(dataDir, u"SELECT status, error FROM attempts"_s);
    QCOMPARE(attempts.size(), 1);
    QCOMPARE(attempts.first().at(0).toInt(), 0);
    QVERIFY2(attempts.first().at(1).toString().startsWith(u"timed out"_s), qPrintable(attempts.first().at(1).toString()));
}

// The sender closes its connection while the target is still working: nobody can be answered, but the request is
// stored, with the target's answer as its attempt and the reason it was not answered.
void TestForwarding::proxyModeSenderHangsUp()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString dataDir = dir.filePath(u"store"_s);
    TestTarget target;
    target.setHang(true);
    QVERIFY(target.listen());
    Server server;
    QVERIFY(server.start(dataDir, {u"--forward-mode"_s, u"proxy"_s, u"--forward"_s, u"/="_s + target.url(u"/"_s),
                                   u"--forward-timeout-ms"_s, u"1000"_s}));
    QTcpSocket sender;
    sender.connectToHost(QHostAddress::LocalHost, server.port());
    QVERIFY(sender.waitForConnected(NetworkTimeoutMs));
    sender.write("POST /gone HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\n\r\nping");
    QVERIFY(sender.waitForBytesWritten(NetworkTimeoutMs));
    QTRY_COMPARE_WITH_TIMEOUT(target.requests.size(), 1, NetworkTimeoutMs); // the target has it...
    sender.abort();                                                        // ...and the sender hangs up
    QTRY_COMPARE_WITH_TIMEOUT(storeNumber(dataDir, u"SELECT COUNT(*) FROM attempts"_s), qint64(1), NetworkTimeoutMs);
    QVERIFY(server.terminate());
    QCOMPARE(server.process().exitCode(), 0);
    const QList<QVariantList> rows = storeRows(dataDir, u"SELECT target, status_sent, rejected_reason FROM requests"_s);
    QCOMPARE(rows.size(), 1);
    QCOMPARE(rows.first().at(0).toByteArray(), QByteArray("/gone"));
    QCOMPARE(rows.first().at(1).toInt(), 0);
    QVERIFY2(rows.first().at(2).toString().contains(u"sender closed the connection"_s),
             qPrintable(rows.first().at(2).toString()));
    QVERIFY2(rows.first().at(2).toString().contains(u"timed out"_s), qPrintable(rows.first().at(2).toString()));
}

// A rule unticked in the Forwarding dialog (enabled: false in forwarding.json) holds its queued deliveries until it
// is enabled again; then they go out.
void TestForwarding::pausedRuleHoldsItsQueue()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString dataDir = dir.filePath(u"store"_s);
    // The target fails first, so the delivery stays queued and retrying.
    auto failing = std::make_unique<TestTarget>(503, "Service Unavailable", "down");
    QVERIFY(failing->listen());
    const quint16 port = failing->port();
    const QString target = failing->url(u"/t"_s);
    {
        Server server;
        QVERIFY(server.start(dataDir, {u"--forward"_s, u"/a="_s + target, u"--retry-initial-ms"_s, u"200"_s,
                                       u"--retry-max-ms"_s, u"200"_s, u"--retry-max-attempts"_s, u"1000"_s}));
        Finished run;
        QVERIFY2(curl({u"-X"_s, u"POST"_s, u"--data-binary"_s, u"one"_s, server.url(u"/a/x"_s)}, &run).status == 200,
                 run.describe().constData());
        QTRY_VERIFY_WITH_TIMEOUT(failing->requests.size() >= 1, NetworkTimeoutMs);
        QVERIFY(server.terminate());
    }
    failing.reset();
    TestTarget working;
    QVERIFY(working.listen(port)); // the same URL answers now
    Hookscope::Forward::Settings settings;
    Hookscope::Forward::Rule rule;
    rule.prefix = u"/a"_s;
    rule.target = QUrl(target);
    rule.enabled = false;
    settings.rules = {rule};
    settings.retry = {200, 200, 1000};
    QVERIFY(Hookscope::Forward::save(dataDir, settings));
    {
        Server server; // no --forward: the rules of forwarding.json
        QVERIFY(server.start(dataDir, {}));
        QTest::qWait(1500); // several retry periods
        QCOMPARE(working.requests.size(), 0);
        QVERIFY(server.terminate());
    }
    settings.rules[0].enabled = true;
    QVERIFY(Hookscope::Forward::save(dataDir, settings));
    Server server;
    QVERIFY(server.start(dataDir, {}));
    QTRY_COMPARE_WITH_TIMEOUT(working.requests.size(), 1, NetworkTimeoutMs);
    QCOMPARE(working.requests.first().body, QByteArray("one"));
    QVERIFY(server.terminate());
}

QTEST_GUILESS_MAIN(TestForwarding)
#include "tst_forwarding.moc"
