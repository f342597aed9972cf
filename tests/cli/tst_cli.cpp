// End-to-end tests of hookscope-cli: the real binary, driven with QProcess, over loopback with real clients (curl and
// QTcpSocket). Every test works on its own QTemporaryDir as --data-dir and listens on 127.0.0.1:0.

#include "clitesthelpers.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHostAddress>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QMessageAuthenticationCode>
#include <QTest>

#include <algorithm>
#include <memory>
#include <vector>

#include <csignal>
#include <sys/types.h>

using namespace Qt::StringLiterals;

namespace {

// Nothing in this suite has to answer on the test thread while it waits for a process: it waits blocking.
const SuiteSettings &suiteSettings()
{
    static constexpr SuiteSettings settings{.keepEventLoopRunning = false,
                                            .describedOutputBytes = 2000,
                                            .curlMaxTimeSeconds = 15,
                                            .curlTimeoutMs = ProcessTimeoutMs};
    return settings;
}

const QByteArray DefaultBody = QByteArrayLiteral(R"({"ok":true,"received_by":"hookscope"})");

QString sourceDir()
{
    return QStringLiteral(HOOKSCOPE_SOURCE_DIR);
}

qint64 storedCount(const QString &dataDir)
{
    const Finished run = runCli({u"list"_s, u"--count"_s, u"--data-dir"_s, dataDir});
    if (!run.ok())
        return -1;
    bool ok = false;
    const qint64 count = run.out.trimmed().toLongLong(&ok);
    return ok ? count : -1;
}

// The ids printed by `list`, in order.
QList<qint64> listedIds(const QByteArray &listOutput)
{
    static const QRegularExpression idAtStart(QStringLiteral(R"(^\s*(\d+)\s)"));
    QList<qint64> ids;
    for (const QByteArray &line : listOutput.split('\n')) {
        if (line.isEmpty())
            continue;
        const QRegularExpressionMatch match = idAtStart.match(QString::fromUtf8(line));
        ids.append(match.hasMatch() ? match.captured(1).toLongLong() : -1);
    }
    return ids;
}

QByteArray lineWithId(const QByteArray &listOutput, qint64 id)
{
    const QList<qint64> ids = listedIds(listOutput);
    const QList<QByteArray> lines = listOutput.split('\n');
    for (qsizetype i = 0; i < ids.size(); ++i) {
        if (ids.at(i) == id)
            return lines.at(i);
    }
    return {};
}

bool writeFile(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size();
}

QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

QByteArray binaryBody()
{
    return QByteArrayLiteral("bin\x00\x01\x02 ary\xff\xfe\x80 tail\r\n\x00\xff");
}

} // namespace

class TestCli : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();

    void version();
    void help();
    void usageErrors_data();
    void usageErrors();

    void serveCapturesAndShows();
    void serveJsonLines();
    void serveRespond();
    void serveRules();
    void serveMaxBodyRejects();

    void errorPortInUse();
    void errorDataDirBelowFile_data();
    void errorDataDirBelowFile();
    void errorInvalidMaxBody();
    void errorShowMissing();
    void errorImportBadLine();

    void exportImportRoundTrip();
    void harValidates();

    void durabilityUnderKill();

    void clearAndPin();
    void label();
    void retention();

    // Regressions of bugs found while writing these tests.
    void clearRejectsArguments();
    void importJsonLinesMentioningLog();
    void importWhileServing();
    void signAndVerify();
    void verifyExplainsAndFailsClearly();
    void verifyStoredRequestWithStoredSecrets();

private:
    // Captures a varied set (text, binary, chunked with curl, chunked with trailers, a non-UTF-8 header, a 413 and
    // a malformed request) into dataDir; returns the number of requests captured, -1 on failure.
    int captureSampleSet(const QString &dataDir, const QString &scratchDir);

    QTemporaryDir m_home;
};

void TestCli::initTestCase()
{
    QVERIFY2(QFileInfo(cliPath()).isExecutable(), qPrintable(u"hookscope-cli not built at "_s + cliPath()));
    QVERIFY2(!QStandardPaths::findExecutable(u"curl"_s).isEmpty(), "these tests need the curl binary in PATH");
    QVERIFY(m_home.isValid());
    processEnvironment().insert(u"XDG_DATA_HOME"_s, m_home.filePath(u"xdg-data"_s));
    processEnvironment().insert(u"HOME"_s, m_home.path());
}

// ---------------------------------------------------------------------------------------------------------------
// Command line

void TestCli::version()
{
    const Finished run = runCli({u"--version"_s});
    QVERIFY2(run.ok(), run.describe().constData());
    QCOMPARE(run.out, QByteArrayLiteral("hookscope-cli 0.1.0\n"));
    QCOMPARE(run.err, QByteArray());
}

void TestCli::help()
{
    const Finished run = runCli({u"--help"_s});
    QVERIFY2(run.ok(), run.describe().constData());
    QVERIFY2(run.out.startsWith("Usage: hookscope-cli COMMAND"), run.out.constData());
    for (const char *command : {"serve", "list", "show", "export", "import", "clear", "pin", "label"})
        QVERIFY2(run.out.contains(QByteArray(QByteArray("  ") + command)), command);
    QCOMPARE(run.err, QByteArray());

    const Finished serveHelp = runCli({u"serve"_s, u"--help"_s});
    QVERIFY2(serveHelp.ok(), serveHelp.describe().constData());
    QVERIFY(serveHelp.out.contains("--listen"));
    QVERIFY(serveHelp.out.contains("--max-body"));
    QCOMPARE(serveHelp.err, QByteArray());
}

void TestCli::usageErrors_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QByteArray>("mentions");
    QTest::newRow("no command") << QStringList() << QByteArrayLiteral("no command");
    QTest::newRow("unknown command") << QStringList{u"frobnicate"_s} << QByteArrayLiteral("frobnicate");
    QTest::newRow("unknown serve flag") << QStringList{u"serve"_s, u"--bogus"_s} << QByteArrayLiteral("bogus");
    QTest::newRow("unknown list flag") << QStringList{u"list"_s, u"--bogus"_s} << QByteArrayLiteral("bogus");
    QTest::newRow("show without id") << QStringList{u"show"_s} << QByteArrayLiteral("id");
    QTest::newRow("show with a word") << QStringList{u"show"_s, u"abc"_s} << QByteArrayLiteral("abc");
    QTest::newRow("export format") << QStringList{u"export"_s, u"--format"_s, u"csv"_s} << QByteArrayLiteral("csv");
    QTest::newRow("list --after word with --limit")
        << QStringList{u"list"_s, u"--after"_s, u"abc"_s, u"--limit"_s, u"5"_s} << QByteArrayLiteral("--after");
    QTest::newRow("bad listen address") << QStringList{u"serve"_s, u"--listen"_s, u"nowhere:80"_s}
                                        << QByteArrayLiteral("nowhere");
}

void TestCli::usageErrors()
{
    QFETCH(QStringList, arguments);
    QFETCH(QByteArray, mentions);
    const Finished run = runCli(arguments);
    QVERIFY2(run.finished && run.exitStatus == QProcess::NormalExit, run.describe().constData());
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(isOneErrorLine(run.err), run.err.constData());
    QVERIFY2(run.err.contains(mentions), run.err.constData());
    QCOMPARE(run.out, QByteArray());
}

// ---------------------------------------------------------------------------------------------------------------
// serve

void TestCli::serveCapturesAndShows()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString dataDir = dir.filePath(u"store"_s);
    const QByteArray body = binaryBody();
    const QString bodyFile = dir.filePath(u"body.bin"_s);
    QVERIFY(writeFile(bodyFile, body));

    Server server;
    // The listening line arrives while serve keeps running: it is flushed, not held in a pipe buffer.
    QVERIFY(server.start(dataDir));
    QCOMPARE(server.requestLines().size(), 0);

    const HttpReply reply = curl({u"-X"_s, u"POST"_s, u"-H"_s, u"X-Custom: A"_s, u"--data-binary"_s, u"@"_s + bodyFile,
                                  server.url(u"/path?q=1"_s)});
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.body, DefaultBody);
    QCOMPARE(reply.header("Content-Type"), QByteArrayLiteral("application/json"));

    QVERIFY(server.waitForRequestLines(1));
    const QByteArray line = server.requestLines().constFirst();
    QVERIFY2(line.contains(" POST /path?q=1 "), line.constData());
    QVERIFY2(line.contains(QByteArray(QByteArray::number(body.size()) + " B")), line.constData());
    QVERIFY2(line.endsWith(" 200"), line.constData());
    const qint64 id = idInServeLine(line);
    QVERIFY2(id > 0, line.constData());

    QVERIFY(server.terminate());
    QCOMPARE(server.process().exitStatus(), QProcess::NormalExit);
    QCOMPARE(server.process().exitCode(), 0);
    QCOMPARE(server.standardError(), QByteArray());
    QCOMPARE(server.requestLines().size(), 1);

    // Captured requests carry secrets: the directory is 0700, the database 0600.
    const QFileDevice::Permissions groupOrOther = QFileDevice::ReadGroup | QFileDevice::WriteGroup |
                                                  QFileDevice::ExeGroup | QFileDevice::ReadOther |
                                                  QFileDevice::WriteOther | QFileDevice::ExeOther;
    const QFileDevice::Permissions dirPermissions = QFileInfo(dataDir).permissions();
    QCOMPARE(dirPermissions & (QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner | groupOrOther),
             QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    const QFileDevice::Permissions dbPermissions = QFileInfo(dataDir + u"/hookscope.db"_s).permissions();
    QCOMPARE(dbPermissions & (QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner | groupOrOther),
             QFileDevice::ReadOwner | QFileDevice::WriteOwner);

    const QString idText = QString::number(id);
    const Finished list = runCli({u"list"_s, u"--data-dir"_s, dataDir});
    QVERIFY2(list.ok(), list.describe().constData());
    QCOMPARE(listedIds(list.out), QList<qint64>{id});
    QVERIFY2(list.out.contains(QByteArray(" POST    /path?q=1  " + QByteArray::number(body.size()) + " B  200\n")),
             list.out.constData());

    const Finished show = runCli({u"show"_s, idText, u"--data-dir"_s, dataDir});
    QVERIFY2(show.ok(), show.describe().constData());
    QVERIFY2(show.out.contains("request:     POST /path?q=1 HTTP/1.1\n"), show.out.constData());
    QVERIFY2(show.out.contains("\nX-Custom: A\n"), show.out.constData());
    QVERIFY2(show.out.contains("status sent: 200\n"), show.out.constData());
    QVERIFY2(show.out.contains(body), show.out.constData());

    const Finished raw = runCli({u"show"_s, idText, u"--raw"_s, u"--data-dir"_s, dataDir});
    QVERIFY2(raw.ok(), raw.describe().constData());
    QVERIFY2(raw.out.startsWith("POST /path?q=1 HTTP/1.1\r\n"), raw.out.constData());
    QVERIFY2(raw.out.contains("\r\nX-Custom: A\r\n"), raw.out.constData());
    QVERIFY2(raw.out.contains(QByteArray("\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n")),
             raw.out.constData());
    QVERIFY(raw.out.endsWith(QByteArray("\r\n\r\n" + body)));

    const Finished bodyOnly = runCli({u"show"_s, idText, u"--body"_s, u"--data-dir"_s, dataDir});
    QVERIFY2(bodyOnly.ok(), bodyOnly.describe().constData());
    QCOMPARE(bodyOnly.out, body);

    const Finished json = runCli({u"show"_s, idText, u"--json"_s, u"--data-dir"_s, dataDir});
    QVERIFY2(json.ok(), json.describe().constData());
    const QJsonObject record = QJsonDocument::fromJson(json.out).object();
    QCOMPARE(record.value(u"id"_s).toInteger(), id);
    QCOMPARE(QByteArray::fromBase64(record.value(u"body_base64"_s).toString().toLatin1()), body);
    QCOMPARE(QByteArray::fromBase64(record.value(u"raw_base64"_s).toString().toLatin1()), raw.out);
}

void TestCli::serveJsonLines()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString dataDir = dir.filePath(u"store"_s);
    const QByteArray body = QByteArrayLiteral(R"({"event":"push","n":1})");
    const QString bodyFile = dir.filePath(u"body.json"_s);
    QVERIFY(writeFile(bodyFile, body));

    Server server;
    QVERIFY(server.start(dataDir, {u"--jsonl"_s}));
    const HttpReply reply =
        curl({u"-X"_s, u"POST"_s, u"-H"_s, u"X-Custom: A"_s, u"-H"_s, u"Content-Type: application/json"_s,
              u"--data-binary"_s, u"@"_s + bodyFile, server.url(u"/hooks/github?x=1"_s)});
    QCOMPARE(reply.status, 200);
    QVERIFY(server.waitForRequestLines(1));
    const QByteArray line = server.requestLines().constFirst();

    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(line, &error);
    QVERIFY2(document.isObject(), qPrintable(error.errorString() + u": "_s + QString::fromUtf8(line)));
    const QJsonObject record = document.object();
    for (const QString &key :
         {u"id"_s, u"received_at"_s, u"method"_s, u"target"_s, u"http_version"_s, u"headers"_s, u"trailers"_s,
          u"body_base64"_s, u"raw_base64"_s, u"remote"_s, u"local"_s, u"status_sent"_s, u"rejected_reason"_s}) {
        QVERIFY2(record.contains(key), qPrintable(key + u" missing in "_s + QString::fromUtf8(line)));
    }
    QVERIFY(record.value(u"id"_s).toInteger() > 0);
    static const QRegularExpression rfc3339(QStringLiteral(R"(^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$)"));
    QVERIFY2(rfc3339.match(record.value(u"received_at"_s).toString()).hasMatch(),
             qPrintable(record.value(u"received_at"_s).toString()));
    QCOMPARE(record.value(u"method"_s).toString(), u"POST"_s);
    QCOMPARE(record.value(u"target"_s).toString(), u"/hooks/github?x=1"_s);
    QCOMPARE(record.value(u"http_version"_s).toString(), u"HTTP/1.1"_s);
    QVERIFY(record.value(u"headers"_s).toArray().contains(QJsonArray{u"X-Custom"_s, u"A"_s}));
    QVERIFY(record.value(u"headers"_s).toArray().contains(QJsonArray{u"Content-Type"_s, u"application/json"_s}));
    QCOMPARE(record.value(u"trailers"_s).toArray(), QJsonArray());
    QCOMPARE(QByteArray::fromBase64(record.value(u"body_base64"_s).toString().toLatin1()), body);
    const QByteArray raw = QByteArray::fromBase64(record.value(u"raw_base64"_s).toString().toLatin1());
    QVERIFY(raw.startsWith("POST /hooks/github?x=1 HTTP/1.1\r\n"));
    QVERIFY(raw.endsWith(QByteArray("\r\n\r\n" + body)));
    QVERIFY2(record.value(u"remote"_s).toString().startsWith(u"127.0.0.1:"),
             qPrintable(record.value(u"remote"_s).toString()));
    QCOMPARE(record.value(u"local"_s).toString(), u"127.0.0.1:"_s + QString::number(server.port()));
    QCOMPARE(record.value(u"status_sent"_s).toInt(), 200);
    QVERIFY(record.value(u"rejected_reason"_s).isNull());

    QVERIFY(server.terminate());
    QCOMPARE(server.process().exitCode(), 0);

    // The printed record is the stored one.
    const Finished show =
        runCli({u"show"_s, QString::number(record.value(u"id"_s).toInteger()), u"--json"_s, u"--data-dir"_s, dataDir});
    QVERIFY2(show.ok(), show.describe().constData());
    QCOMPARE(show.out, QByteArray(line + '\n'));
}

void TestCli::serveRespond()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString dataDir = dir.filePath(u"store"_s);
    Server server;
    QVERIFY(server.start(dataDir, {u"--respond"_s, u"201:created"_s}));
    const HttpReply reply = curl({u"-X"_s, u"POST"_s, u"--data-binary"_s, u"x=1"_s, server.url(u"/anything"_s)});
    QCOMPARE(reply.status, 201);
    QCOMPARE(reply.body, QByteArrayLiteral("created"));
    QCOMPARE(reply.header("Content-Type"), QByteArrayLiteral("text/plain; charset=utf-8"));
    QVERIFY(server.waitForRequestLines(1));
    QVERIFY2(server.requestLines().constFirst().endsWith(" 201"), server.requestLines().constFirst().constData());
    QVERIFY(server.terminate());
    QCOMPARE(server.process().exitCode(), 0);

    const Finished list = runCli({u"list"_s, u"--data-dir"_s, dataDir});
    QVERIFY2(list.ok(), list.describe().constData());
    QVERIFY2(list.out.endsWith(" 201\n"), list.out.constData());
}

void TestCli::serveRules()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    Server server;
    QVERIFY(server.start(dir.filePath(u"store"_s), {u"--rule"_s, uR"(POST /stripe/* 402:{"e":1})"_s}));

    const HttpReply stripe = curl({u"-X"_s, u"POST"_s, u"--data-binary"_s, u"{}"_s, server.url(u"/stripe/x"_s)});
    QCOMPARE(stripe.status, 402);
    QCOMPARE(stripe.body, QByteArrayLiteral(R"({"e":1})"));
    QCOMPARE(stripe.header("Content-Type"), QByteArrayLiteral("application/json"));

    // The glob matches the path only, not the query.
    const HttpReply withQuery = curl({u"-X"_s, u"POST"_s, u"--data-binary"_s, u"{}"_s, server.url(u"/stripe/y?a=1"_s)});
    QCOMPARE(withQuery.status, 402);

    const HttpReply elsewhere = curl({u"-X"_s, u"POST"_s, u"--data-binary"_s, u"{}"_s, server.url(u"/github"_s)});
    QCOMPARE(elsewhere.status, 200);
    QCOMPARE(elsewhere.body, DefaultBody);

    const HttpReply otherMethod = curl({server.url(u"/stripe/x"_s)});
    QCOMPARE(otherMethod.status, 200);
    QCOMPARE(otherMethod.body, DefaultBody);

    QVERIFY(server.waitForRequestLines(4));
    const QList<QByteArray> lines = server.requestLines();
    QVERIFY2(lines.at(0).contains("POST /stripe/x ") && lines.at(0).endsWith(" 402"), lines.at(0).constData());
    QVERIFY2(lines.at(2).contains("POST /github ") && lines.at(2).endsWith(" 200"), lines.at(2).constData());
    QVERIFY2(lines.at(3).contains("GET /stripe/x ") && lines.at(3).endsWith(" 200"), lines.at(3).constData());
    // Ctrl+C ends serve as cleanly as SIGTERM.
    QVERIFY(server.interrupt());
    QCOMPARE(server.process().exitStatus(), QProcess::NormalExit);
    QCOMPARE(server.process().exitCode(), 0);
}

void TestCli::serveMaxBodyRejects()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString dataDir = dir.filePath(u"store"_s);
    const QString bodyFile = dir.filePath(u"body.txt"_s);
    QVERIFY(writeFile(bodyFile, QByteArray(100, 'x')));

    Server server;
    QVERIFY(server.start(dataDir, {u"--max-body"_s, u"10"_s}));
    const HttpReply small = curl({u"-X"_s, u"POST"_s, u"--data-binary"_s, u"12345"_s, server.url(u"/small"_s)});
    QCOMPARE(small.status, 200);
    const HttpReply large = curl({u"-X"_s, u"POST"_s, u"--data-binary"_s, u"@"_s + bodyFile, server.url(u"/large"_s)});
    QCOMPARE(large.status, 413);
    QVERIFY(server.waitForRequestLines(2));
    QVERIFY2(server.requestLines().at(1).contains("rejected"), server.requestLines().at(1).constData());
    QVERIFY(server.terminate());
    QCOMPARE(server.process().exitCode(), 0);

    const Finished list = runCli({u"list"_s, u"--data-dir"_s, dataDir});
    QVERIFY2(list.ok(), list.describe().constData());
    const QList<QByteArray> lines = list.out.trimmed().split('\n');
    QCOMPARE(lines.size(), 2);
    QVERIFY2(lines.at(0).contains("/small") && !lines.at(0).contains("rejected"), lines.at(0).constData());
    QVERIFY2(lines.at(1).contains("/large") && lines.at(1).contains(" 413  rejected: "), lines.at(1).constData());
}

// ---------------------------------------------------------------------------------------------------------------
// Errors

void TestCli::errorPortInUse()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QTcpServer blocker;
    QVERIFY(blocker.listen(QHostAddress(QHostAddress::LocalHost), 0));
    const QString address = u"127.0.0.1:"_s + QString::number(blocker.serverPort());

    const Finished run = runCli({u"serve"_s, u"--listen"_s, address, u"--data-dir"_s, dir.filePath(u"store"_s)});
    QVERIFY2(run.finished && run.exitStatus == QProcess::NormalExit, run.describe().constData());
    QVERIFY2(run.exitCode != 0, run.describe().constData());
    QVERIFY2(isOneErrorLine(run.err), run.err.constData());
    QVERIFY2(run.err.contains(address.toUtf8()), run.err.constData());
    QVERIFY2(!run.out.contains("listening on"), run.out.constData());
}

void TestCli::errorDataDirBelowFile_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::newRow("serve") << QStringList{u"serve"_s, u"--listen"_s, u"127.0.0.1:0"_s};
    QTest::newRow("list") << QStringList{u"list"_s};
    QTest::newRow("show") << QStringList{u"show"_s, u"1"_s};
    QTest::newRow("export") << QStringList{u"export"_s};
    QTest::newRow("clear") << QStringList{u"clear"_s};
    QTest::newRow("pin") << QStringList{u"pin"_s, u"1"_s};
    QTest::newRow("label") << QStringList{u"label"_s, u"red"_s, u"1"_s};
}

void TestCli::errorDataDirBelowFile()
{
    QFETCH(QStringList, arguments);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString file = dir.filePath(u"regular-file"_s);
    QVERIFY(writeFile(file, "not a directory"));
    const QString dataDir = file + u"/store"_s;

    const Finished run = runCli(arguments + QStringList{u"--data-dir"_s, dataDir});
    QVERIFY2(run.finished && run.exitStatus == QProcess::NormalExit, run.describe().constData());
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(isOneErrorLine(run.err), run.err.constData());
    QVERIFY2(run.err.contains(dataDir.toUtf8()), run.err.constData());
    QVERIFY2(!run.out.contains("listening on"), run.out.constData());
    QVERIFY(QFileInfo(file).isFile());
}

void TestCli::errorInvalidMaxBody()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString dataDir = dir.filePath(u"store"_s);
    const Finished run =
        runCli({u"serve"_s, u"--listen"_s, u"127.0.0.1:0"_s, u"--max-body"_s, u"abc"_s, u"--data-dir"_s, dataDir});
    QVERIFY2(run.finished && run.exitStatus == QProcess::NormalExit, run.describe().constData());
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(isOneErrorLine(run.err), run.err.constData());
    QVERIFY2(run.err.contains("--max-body") && run.err.contains("abc"), run.err.constData());
    QCOMPARE(run.out, QByteArray());
    // A usage error is found before anything is created.
    QVERIFY(!QFileInfo::exists(dataDir));
}

void TestCli::errorShowMissing()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const Finished run = runCli({u"show"_s, u"999"_s, u"--data-dir"_s, dir.filePath(u"store"_s)});
    QVERIFY2(run.finished && run.exitStatus == QProcess::NormalExit, run.describe().constData());
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(isOneErrorLine(run.err), run.err.constData());
    QVERIFY2(run.err.contains("999"), run.err.constData());
    QCOMPARE(run.out, QByteArray());
}

void TestCli::errorImportBadLine()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QByteArray goodLine =
        QByteArrayLiteral(R"({"id":1,"received_at":"2026-01-31T12:00:00.000000Z","method":"POST","target":"/a"})");
    const QString goodFile = dir.filePath(u"good.jsonl"_s);
    const QString badFile = dir.filePath(u"bad.jsonl"_s);
    QVERIFY(writeFile(goodFile, goodLine + '\n'));
    QVERIFY(writeFile(badFile, goodLine + "\n{\"id\":2,\"received_at\":\n"));

    const QString dataDir = dir.filePath(u"store"_s);
    const Finished run = runCli({u"import"_s, badFile, u"--data-dir"_s, dataDir});
    QVERIFY2(run.finished && run.exitStatus == QProcess::NormalExit, run.describe().constData());
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(isOneErrorLine(run.err), run.err.constData());
    QVERIFY2(run.err.contains(QByteArray(badFile.toUtf8() + ":2:")), run.err.constData());
    QCOMPARE(storedCount(dataDir), qint64(0));

    // The first line alone is fine: the failure above is the second line's.
    const Finished good = runCli({u"import"_s, goodFile, u"--data-dir"_s, dataDir});
    QVERIFY2(good.ok(), good.describe().constData());
    QCOMPARE(good.out, QByteArrayLiteral("imported 1 requests\n"));
    QCOMPARE(storedCount(dataDir), qint64(1));
}

// ---------------------------------------------------------------------------------------------------------------
// Export and import

int TestCli::captureSampleSet(const QString &dataDir, const QString &scratchDir)
{
    const QString textFile = QDir(scratchDir).filePath(u"text.json"_s);
    const QString binaryFile = QDir(scratchDir).filePath(u"binary.bin"_s);
    const QString largeFile = QDir(scratchDir).filePath(u"large.txt"_s);
    if (!writeFile(textFile, QByteArrayLiteral("{\"text\":\"caf\xc3\xa9 \\\"quoted\\\"\",\"n\":[1,2]}\n")) ||
        !writeFile(binaryFile, binaryBody()) || !writeFile(largeFile, QByteArray(3000, 'L'))) {
        return -1;
    }
    Server server;
    if (!server.start(dataDir, {u"--max-body"_s, u"2k"_s}))
        return -1;
    int expected = 0;
    auto check = [&expected](bool ok, const char *what) {
        if (!ok)
            qWarning("sample request failed: %s", what);
        ++expected;
        return ok;
    };
    bool ok = true;
    ok = ok && check(curl({u"-X"_s, u"POST"_s, u"-H"_s, u"Content-Type: application/json"_s, u"-H"_s, u"X-Custom: A"_s,
                           u"--data-binary"_s, u"@"_s + textFile, server.url(u"/text?a=1&b=%20x"_s)})
                             .status == 200,
                     "text");
    ok = ok && check(curl({u"-X"_s, u"PUT"_s, u"-H"_s, u"Content-Type: application/octet-stream"_s, u"--data-binary"_s,
                           u"@"_s + binaryFile, server.url(u"/binary"_s)})
                             .status == 200,
                     "binary");
    ok = ok && check(curl({u"-X"_s, u"POST"_s, u"-H"_s, u"Transfer-Encoding: chunked"_s, u"--data-binary"_s,
                           u"@"_s + textFile, server.url(u"/chunked"_s)})
                             .status == 200,
                     "chunked");
    ok = ok &&
         check(exchange(server.port(), readFile(sourceDir() + u"/tests/data/chunked-trailers.http"_s)).status == 200,
               "chunked with trailers");
    ok = ok && check(exchange(server.port(), "GET /form?x=%41+b&y HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: a=1; b=2\r\n"
                                             "X-Latin1: caf\xe9\r\nX-Dup: 1\r\nX-Dup: 2\r\n\r\n")
                             .status == 200,
                     "non-UTF-8 header");
    ok = ok &&
         check(exchange(server.port(), postRequest("/form-post", "a=1&b=hello+world%21", "X-Kind: form\r\n")).status ==
                   200,
               "form post");
    ok = ok &&
         check(curl({u"-X"_s, u"POST"_s, u"--data-binary"_s, u"@"_s + largeFile, server.url(u"/too-large"_s)}).status ==
                   413,
               "413");
    ok = ok && check(exchange(server.port(), "NOT-A-METHOD /x HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").status == 400,
                     "malformed");
    if (!ok || !server.waitForRequestLines(expected) || !server.terminate() || server.process().exitCode() != 0)
        return -1;
    return expected;
}

void TestCli::exportImportRoundTrip()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString original = dir.filePath(u"original"_s);
    const int captured = captureSampleSet(original, dir.path());
    QVERIFY(captured > 0);
    QCOMPARE(storedCount(original), qint64(captured));

    // JSON Lines to standard output and to a file: the same bytes.
    const Finished exported = runCli({u"export"_s, u"--data-dir"_s, original});
    QVERIFY2(exported.ok(), exported.describe().constData());
    QCOMPARE(exported.err, QByteArray());
    QCOMPARE(exported.out.count('\n'), captured);
    bool parsed = false;
    const QList<QJsonObject> records = parseJsonLines(exported.out, &parsed);
    QVERIFY(parsed);
    QCOMPARE(records.size(), captured);
    // What was captured is what was exported.
    QCOMPARE(QByteArray::fromBase64(records.at(1).value(u"body_base64"_s).toString().toLatin1()), binaryBody());
    QCOMPARE(records.at(2).value(u"target"_s).toString(), u"/chunked"_s);
    QCOMPARE(QByteArray::fromBase64(records.at(2).value(u"body_base64"_s).toString().toLatin1()),
             readFile(dir.filePath(u"text.json"_s)));
    QCOMPARE(records.at(3).value(u"trailers"_s).toArray(),
             (QJsonArray{QJsonArray{u"X-Checksum"_s, u"abc123"_s}, QJsonArray{u"X-Other"_s, u"2"_s}}));
    QCOMPARE(QByteArray::fromBase64(records.at(3).value(u"body_base64"_s).toString().toLatin1()),
             QByteArrayLiteral("hello, world"));
    QCOMPARE(records.at(6).value(u"status_sent"_s).toInt(), 413);
    QVERIFY(!records.at(6).value(u"rejected_reason"_s).toString().isEmpty());
    QCOMPARE(records.at(7).value(u"status_sent"_s).toInt(), 400);
    QVERIFY(!records.at(7).value(u"rejected_reason"_s).toString().isEmpty());

    const QString jsonlFile = dir.filePath(u"export.jsonl"_s);
    const Finished toFile =
        runCli({u"export"_s, u"--format"_s, u"jsonl"_s, u"-o"_s, jsonlFile, u"--data-dir"_s, original});
    QVERIFY2(toFile.ok(), toFile.describe().constData());
    QCOMPARE(toFile.out, QByteArray());
    QCOMPARE(readFile(jsonlFile), exported.out);

    // JSON Lines into a fresh store and out again: byte-identical.
    const QString fromJsonl = dir.filePath(u"from-jsonl"_s);
    const Finished imported = runCli({u"import"_s, jsonlFile, u"--data-dir"_s, fromJsonl});
    QVERIFY2(imported.ok(), imported.describe().constData());
    QCOMPARE(imported.out, QByteArray("imported " + QByteArray::number(captured) + " requests\n"));
    const Finished again = runCli({u"export"_s, u"--data-dir"_s, fromJsonl});
    QVERIFY2(again.ok(), again.describe().constData());
    QCOMPARE(again.out, exported.out);

    // HAR into a fresh store and out as JSON Lines: byte-identical to the original JSON Lines.
    const QString harFile = dir.filePath(u"a.har"_s);
    const Finished har = runCli({u"export"_s, u"--format"_s, u"har"_s, u"-o"_s, harFile, u"--data-dir"_s, original});
    QVERIFY2(har.ok(), har.describe().constData());
    const QJsonDocument harDocument = QJsonDocument::fromJson(readFile(harFile));
    QCOMPARE(harDocument.object().value(u"log"_s).toObject().value(u"entries"_s).toArray().size(), captured);
    const QString fromHar = dir.filePath(u"from-har"_s);
    const Finished harImported = runCli({u"import"_s, harFile, u"--data-dir"_s, fromHar});
    QVERIFY2(harImported.ok(), harImported.describe().constData());
    QCOMPARE(harImported.out, QByteArray("imported " + QByteArray::number(captured) + " requests\n"));
    const Finished fromHarExport = runCli({u"export"_s, u"--data-dir"_s, fromHar});
    QVERIFY2(fromHarExport.ok(), fromHarExport.describe().constData());
    const QList<QByteArray> expectedLines = exported.out.split('\n');
    const QList<QByteArray> actualLines = fromHarExport.out.split('\n');
    QCOMPARE(actualLines.size(), expectedLines.size());
    for (qsizetype i = 0; i < expectedLines.size(); ++i)
        QCOMPARE(actualLines.at(i), expectedLines.at(i)); // per line: a difference names the record
    QCOMPARE(fromHarExport.out, exported.out);
}

void TestCli::harValidates()
{
    const QString node = QStandardPaths::findExecutable(u"node"_s);
    if (node.isEmpty())
        QSKIP("node is not in PATH: install Node.js (e.g. apt-get install nodejs), then run "
              "'npm ci --prefix tests/tools' in the source tree");
    if (!QFileInfo::exists(sourceDir() + u"/tests/tools/node_modules/har-validator/package.json"_s))
        QSKIP(
            "tests/tools/node_modules/har-validator is missing: run 'npm ci --prefix tests/tools' in the source tree");

    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString dataDir = dir.filePath(u"store"_s);
    const int captured = captureSampleSet(dataDir, dir.path());
    QVERIFY(captured > 0);
    const QString harFile = dir.filePath(u"a.har"_s);
    const Finished har = runCli({u"export"_s, u"--format"_s, u"har"_s, u"-o"_s, harFile, u"--data-dir"_s, dataDir});
    QVERIFY2(har.ok(), har.describe().constData());

    const Finished validated = runProgram(node, {u"tests/tools/validate-har.js"_s, harFile}, sourceDir());
    QVERIFY2(validated.ok(), validated.describe().constData());
    QVERIFY2(validated.out.contains(QByteArray("valid HAR 1.2 (" + QByteArray::number(captured) + " entries)")),
             validated.out.constData());

    // An empty store is a valid HAR document too.
    const QString emptyHar = dir.filePath(u"empty.har"_s);
    const Finished empty = runCli(
        {u"export"_s, u"--format"_s, u"har"_s, u"-o"_s, emptyHar, u"--data-dir"_s, dir.filePath(u"empty-store"_s)});
    QVERIFY2(empty.ok(), empty.describe().constData());
    const Finished emptyValidated = runProgram(node, {u"tests/tools/validate-har.js"_s, emptyHar}, sourceDir());
    QVERIFY2(emptyValidated.ok(), emptyValidated.describe().constData());
}

// ---------------------------------------------------------------------------------------------------------------
// Durability

void TestCli::durabilityUnderKill()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString dataDir = dir.filePath(u"store"_s);
    auto server = std::make_unique<Server>();
    QVERIFY(server->start(dataDir));
    const quint16 port = server->port();

    struct Client {
        QTcpSocket socket;
        QByteArray buffer;
        QByteArray path; // of the request in flight
    };
    constexpr int ClientCount = 32;
    constexpr int ResponsesBeforeKill = 400;
    std::vector<std::unique_ptr<Client>> clients;
    const qint64 pid = server->process().processId();
    QVERIFY(pid > 0);
    int nextPath = 0;
    int responses = 0;
    QList<QByteArray> unexpected; // responses other than 200
    bool killed = false;
    int killResult = -1;
    QSet<QByteArray> acknowledged;

    auto sendNext = [&nextPath](Client *client) {
        client->path = "/k/" + QByteArray::number(nextPath++);
        client->socket.write(postRequest(client->path, "durable " + client->path));
    };
    for (int i = 0; i < ClientCount; ++i) {
        Client *client = clients.emplace_back(std::make_unique<Client>()).get();
        connect(&client->socket, &QTcpSocket::connected, &client->socket, [client, &sendNext] { sendNext(client); });
        connect(&client->socket, &QTcpSocket::readyRead, &client->socket, [&, client] {
            client->buffer += client->socket.readAll();
            HttpReply reply;
            while (const qsizetype length = completeResponse(client->buffer, &reply)) {
                client->buffer.remove(0, length);
                ++responses;
                if (reply.status == 200)
                    acknowledged.insert(client->path); // answered only after its row was committed
                else
                    unexpected.append(reply.head);
                if (killed)
                    continue;
                sendNext(client);
                if (responses >= ResponsesBeforeKill) {
                    // Killed from here, with every client's next request on its way: the store is mid-stream.
                    client->socket.flush();
                    killed = true;
                    killResult = ::kill(pid_t(pid), SIGKILL);
                }
            }
        });
        client->socket.connectToHost(QHostAddress(QHostAddress::LocalHost), port);
    }

    QTRY_VERIFY_WITH_TIMEOUT(killed, 30000);
    QCOMPARE(killResult, 0);
    QTRY_COMPARE_WITH_TIMEOUT(server->process().state(), QProcess::NotRunning, ProcessTimeoutMs);
    QCOMPARE(server->process().exitStatus(), QProcess::CrashExit);
    // Answers already on the way are still read; then every connection ends with the process.
    QTRY_VERIFY_WITH_TIMEOUT(std::all_of(clients.cbegin(), clients.cend(),
                                         [](const std::unique_ptr<Client> &client) {
                                             return client->socket.state() == QAbstractSocket::UnconnectedState;
                                         }),
                             10000);
    QVERIFY2(unexpected.isEmpty(), unexpected.value(0).constData());
    QVERIFY(acknowledged.size() >= ResponsesBeforeKill);
    clients.clear();
    server.reset();

    // Every acknowledged request is in the store.
    const Finished exported = runCli({u"export"_s, u"--data-dir"_s, dataDir});
    QVERIFY2(exported.ok(), exported.describe().constData());
    bool parsed = false;
    const QList<QJsonObject> records = parseJsonLines(exported.out, &parsed);
    QVERIFY(parsed);
    QSet<QByteArray> stored;
    qint64 maxId = 0;
    for (const QJsonObject &record : records) {
        stored.insert(record.value(u"target"_s).toString().toUtf8());
        maxId = qMax(maxId, record.value(u"id"_s).toInteger());
    }
    QSet<QByteArray> lost = acknowledged;
    lost.subtract(stored);
    QVERIFY2(lost.isEmpty(), qPrintable(QString::number(lost.size()) + u" acknowledged requests lost, e.g. "_s +
                                        QString::fromUtf8(lost.isEmpty() ? QByteArray() : *lost.cbegin())));
    QCOMPARE(qsizetype(records.size()), stored.size()); // no request stored twice

    // A restarted serve continues the store: nothing lost, new ids after the old ones.
    Server restarted;
    QVERIFY(restarted.start(dataDir));
    QVERIFY(storedCount(dataDir) >= acknowledged.size());
    QCOMPARE(storedCount(dataDir), qint64(records.size()));
    QCOMPARE(exchange(restarted.port(), postRequest("/after-restart", "new")).status, 200);
    QCOMPARE(exchange(restarted.port(), postRequest("/after-restart-2", "new")).status, 200);
    QVERIFY(restarted.waitForRequestLines(2));
    const qint64 firstNewId = idInServeLine(restarted.requestLines().at(0));
    const qint64 secondNewId = idInServeLine(restarted.requestLines().at(1));
    QVERIFY2(firstNewId > maxId, restarted.requestLines().at(0).constData());
    QVERIFY2(secondNewId > firstNewId, restarted.requestLines().at(1).constData());
    QVERIFY(restarted.terminate());
    QCOMPARE(restarted.process().exitCode(), 0);
    QCOMPARE(storedCount(dataDir), qint64(records.size()) + 2);
}

// ---------------------------------------------------------------------------------------------------------------
// clear, pin, retention

void TestCli::clearAndPin()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString dataDir = dir.filePath(u"store"_s);
    Server server;
    QVERIFY(server.start(dataDir));
    for (int i = 1; i <= 4; ++i)
        QCOMPARE(exchange(server.port(), postRequest("/r" + QByteArray::number(i), "x")).status, 200);
    QVERIFY(server.terminate());
    QCOMPARE(server.process().exitCode(), 0);

    const Finished list = runCli({u"list"_s, u"--data-dir"_s, dataDir});
    QVERIFY2(list.ok(), list.describe().constData());
    QCOMPARE(listedIds(list.out), (QList<qint64>{1, 2, 3, 4}));

    for (const QString &id : {u"1"_s, u"2"_s, u"3"_s}) {
        const Finished pin = runCli({u"pin"_s, id, u"--data-dir"_s, dataDir});
        QVERIFY2(pin.ok(), pin.describe().constData());
    }
    const Finished unpin = runCli({u"unpin"_s, u"3"_s, u"--data-dir"_s, dataDir});
    QVERIFY2(unpin.ok(), unpin.describe().constData());
    const Finished pinMissing = runCli({u"pin"_s, u"999"_s, u"--data-dir"_s, dataDir});
    QCOMPARE(pinMissing.exitCode, 1);
    QVERIFY2(isOneErrorLine(pinMissing.err), pinMissing.err.constData());

    const Finished pinnedList = runCli({u"list"_s, u"--data-dir"_s, dataDir});
    QVERIFY2(pinnedList.ok(), pinnedList.describe().constData());
    QVERIFY2(lineWithId(pinnedList.out, 1).endsWith("  pinned"), pinnedList.out.constData());
    QVERIFY2(lineWithId(pinnedList.out, 2).endsWith("  pinned"), pinnedList.out.constData());
    QVERIFY2(!lineWithId(pinnedList.out, 3).contains("pinned"), pinnedList.out.constData());
    QVERIFY2(!lineWithId(pinnedList.out, 4).contains("pinned"), pinnedList.out.constData());
    const Finished showPinned = runCli({u"show"_s, u"1"_s, u"--data-dir"_s, dataDir});
    QVERIFY(showPinned.out.contains("pinned:      yes\n"));

    const Finished clear = runCli({u"clear"_s, u"--data-dir"_s, dataDir});
    QVERIFY2(clear.ok(), clear.describe().constData());
    QCOMPARE(clear.out, QByteArrayLiteral("deleted 2 requests\n"));
    const Finished afterClear = runCli({u"list"_s, u"--data-dir"_s, dataDir});
    QCOMPARE(listedIds(afterClear.out), (QList<qint64>{1, 2}));

    const Finished clearAgain = runCli({u"clear"_s, u"--data-dir"_s, dataDir});
    QCOMPARE(clearAgain.out, QByteArrayLiteral("deleted 0 requests\n"));

    const Finished unpinTwo = runCli({u"unpin"_s, u"2"_s, u"--data-dir"_s, dataDir});
    QVERIFY2(unpinTwo.ok(), unpinTwo.describe().constData());
    const Finished clearUnpinned = runCli({u"clear"_s, u"--data-dir"_s, dataDir});
    QCOMPARE(clearUnpinned.out, QByteArrayLiteral("deleted 1 requests\n"));
    QCOMPARE(storedCount(dataDir), qint64(1));

    const Finished clearAll = runCli({u"clear"_s, u"--all"_s, u"--data-dir"_s, dataDir});
    QVERIFY2(clearAll.ok(), clearAll.describe().constData());
    QCOMPARE(clearAll.out, QByteArrayLiteral("deleted 1 requests\n"));
    QCOMPARE(storedCount(dataDir), qint64(0));
}

void TestCli::label()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString dataDir = dir.filePath(u"store"_s);
    Server server;
    QVERIFY(server.start(dataDir));
    for (int i = 1; i <= 3; ++i)
        QCOMPARE(exchange(server.port(), postRequest("/r" + QByteArray::number(i), "x")).status, 200);
    // Labelled while serve runs (another process writing the same store).
    const Finished red = runCli({u"label"_s, u"red"_s, u"1"_s, u"3"_s, u"--data-dir"_s, dataDir});
    QVERIFY2(red.ok(), red.describe().constData());
    QVERIFY(server.terminate());
    const Finished grey = runCli({u"label"_s, u"GREY"_s, u"3"_s, u"--data-dir"_s, dataDir});
    QVERIFY2(grey.ok(), grey.describe().constData());

    const Finished list = runCli({u"list"_s, u"--data-dir"_s, dataDir});
    QVERIFY2(list.ok(), list.describe().constData());
    QVERIFY2(lineWithId(list.out, 1).endsWith("  label red"), list.out.constData());
    QVERIFY2(!lineWithId(list.out, 2).contains("label"), list.out.constData());
    QVERIFY2(lineWithId(list.out, 3).endsWith("  label gray"), list.out.constData());
    const Finished show = runCli({u"show"_s, u"1"_s, u"--data-dir"_s, dataDir});
    QVERIFY2(show.out.contains("label:       red\n"), show.out.constData());
    const Finished exported = runCli({u"export"_s, u"--data-dir"_s, dataDir});
    QVERIFY2(exported.out.contains("\"label\":\"red\""), exported.out.constData());
    QVERIFY2(exported.out.contains("\"label\":null"), exported.out.constData());

    const Finished none = runCli({u"label"_s, u"none"_s, u"1"_s, u"--data-dir"_s, dataDir});
    QVERIFY2(none.ok(), none.describe().constData());
    QVERIFY(!lineWithId(runCli({u"list"_s, u"--data-dir"_s, dataDir}).out, 1).contains("label"));

    // Bad input: a clear message, a non-zero exit, nothing changed.
    const Finished unknown = runCli({u"label"_s, u"pink"_s, u"3"_s, u"--data-dir"_s, dataDir});
    QCOMPARE(unknown.exitCode, 2);
    QVERIFY2(isOneErrorLine(unknown.err) && unknown.err.contains("pink") && unknown.err.contains("purple"),
             unknown.err.constData());
    const Finished noId = runCli({u"label"_s, u"red"_s, u"--data-dir"_s, dataDir});
    QCOMPARE(noId.exitCode, 2);
    QVERIFY2(isOneErrorLine(noId.err), noId.err.constData());
    const Finished missing = runCli({u"label"_s, u"blue"_s, u"2"_s, u"999"_s, u"--data-dir"_s, dataDir});
    QCOMPARE(missing.exitCode, 1);
    QVERIFY2(isOneErrorLine(missing.err) && missing.err.contains("999"), missing.err.constData());
    const Finished after = runCli({u"list"_s, u"--data-dir"_s, dataDir});
    QVERIFY2(lineWithId(after.out, 2).endsWith("  label blue"), after.out.constData()); // the existing one is labelled
    QVERIFY2(lineWithId(after.out, 3).endsWith("  label gray"), after.out.constData());
}

void TestCli::retention()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString dataDir = dir.filePath(u"store"_s);
    Server server;
    QVERIFY(server.start(dataDir, {u"--max-requests"_s, u"3"_s}));
    for (int i = 1; i <= 6; ++i)
        QCOMPARE(exchange(server.port(), postRequest("/r" + QByteArray::number(i), "x")).status, 200);
    // Pinned while serve runs: retention must keep it and not count it.
    const Finished pin = runCli({u"pin"_s, u"1"_s, u"--data-dir"_s, dataDir});
    QVERIFY2(pin.ok(), pin.describe().constData());

    // Retention runs after a commit at most once a second; once that second has passed, the next request's commit
    // applies it. (The wait only makes the second pass; the assertion below polls.)
    QTest::qWait(1200);
    QCOMPARE(exchange(server.port(), postRequest("/r7", "x")).status, 200);
    QTRY_COMPARE_WITH_TIMEOUT(storedCount(dataDir), qint64(4), 5000);
    const Finished list = runCli({u"list"_s, u"--data-dir"_s, dataDir});
    QVERIFY2(list.ok(), list.describe().constData());
    QCOMPARE(listedIds(list.out), (QList<qint64>{1, 5, 6, 7}));

    QVERIFY(server.terminate());
    QCOMPARE(server.process().exitCode(), 0);
    QCOMPARE(server.standardError(), QByteArray());
    QCOMPARE(storedCount(dataDir), qint64(4));
}

// ---------------------------------------------------------------------------------------------------------------
// Regressions of bugs found while writing these tests

namespace {
QByteArray recordLine(int id, const QByteArray &target, const QByteArray &extra = {})
{
    return "{\"id\":" + QByteArray::number(id) +
           R"(,"received_at":"2026-01-31T12:00:00.000000Z","method":"POST",)"
           R"("target":")" +
           target + '"' + extra + "}\n";
}
} // namespace

void TestCli::clearRejectsArguments()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString dataDir = dir.filePath(u"store"_s);
    const QString file = dir.filePath(u"two.jsonl"_s);
    QVERIFY(writeFile(file, recordLine(5, "/a") + recordLine(6, "/b")));
    QVERIFY(runCli({u"import"_s, file, u"--data-dir"_s, dataDir}).ok());

    // "clear 5" reads like "delete request 5"; like list and export, clear takes no arguments.
    const Finished run = runCli({u"clear"_s, u"5"_s, u"--data-dir"_s, dataDir});
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(isOneErrorLine(run.err), run.err.constData());
    QCOMPARE(storedCount(dataDir), qint64(2));
}

void TestCli::importJsonLinesMentioningLog()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString dataDir = dir.filePath(u"store"_s);
    const QString file = dir.filePath(u"log-header.jsonl"_s);
    // A header whose value is "log" puts the JSON string "log" in the first line.
    QVERIFY(writeFile(file, recordLine(1, "/a", R"(,"headers":[["X-Kind","log"]])") + recordLine(2, "/b")));

    const Finished run = runCli({u"import"_s, file, u"--data-dir"_s, dataDir});
    QVERIFY2(run.ok(), run.describe().constData());
    QCOMPARE(storedCount(dataDir), qint64(2));
}

void TestCli::importWhileServing()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString dataDir = dir.filePath(u"store"_s);
    Server server;
    QVERIFY(server.start(dataDir));
    QCOMPARE(exchange(server.port(), postRequest("/before", "x")).status, 200);

    // Records without ids take the next free ones: 2 and 3.
    const QString file = dir.filePath(u"two.jsonl"_s);
    QVERIFY(writeFile(
        file, QByteArrayLiteral(R"({"received_at":"2026-01-31T12:00:00.000000Z","method":"POST","target":"/i1"})"
                                "\n"
                                R"({"received_at":"2026-01-31T12:00:00.000000Z","method":"POST","target":"/i2"})"
                                "\n")));
    const Finished imported = runCli({u"import"_s, file, u"--data-dir"_s, dataDir});
    QVERIFY2(imported.ok(), imported.describe().constData());

    // The running serve must go on storing (and answering 200), not collide with the imported ids.
    const HttpReply after = exchange(server.port(), postRequest("/after", "x"));
    QCOMPARE(after.status, 200);
    QCOMPARE(storedCount(dataDir), qint64(4));
}

namespace
{
// A GitHub-style request record as the JSON Lines export writes it.
QByteArray recordLine(const QByteArray &target, const QList<std::pair<QByteArray, QByteArray>> &headers,
                      const QByteArray &body)
{
    QJsonArray headerArray;
    for (const auto &[name, value] : headers)
        headerArray.append(QJsonArray{QString::fromUtf8(name), QString::fromUtf8(value)});
    const QJsonObject record{{u"received_at"_s, u"2026-01-01T12:00:00.000000Z"_s},
                             {u"method"_s, u"POST"_s},
                             {u"target"_s, QString::fromUtf8(target)},
                             {u"headers"_s, headerArray},
                             {u"body_base64"_s, QString::fromLatin1(body.toBase64())}};
    return QJsonDocument(record).toJson(QJsonDocument::Compact) + '\n';
}

QString writeFile(const QTemporaryDir &dir, const QString &name, const QByteArray &bytes)
{
    const QString path = dir.filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size())
        qFatal("cannot write %s", qPrintable(path));
    return path;
}
} // namespace

void TestCli::signAndVerify()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QByteArray body = "{\"id\":\"evt_1\",\"name\":\"Zo\xc3\xab\"}\n";
    const QString unsignedFile = writeFile(
        dir, u"unsigned.jsonl"_s,
        recordLine("/hooks/stripe", {{"Host", "localhost:7780"}, {"Content-Type", "application/json"}}, body));
    const Finished signedRun = runCli({u"sign"_s, u"--provider"_s, u"stripe"_s, u"--secret"_s, u"whsec_test"_s,
                                       u"--now"_s, u"1767268800"_s, unsignedFile});
    QVERIFY2(signedRun.ok(), signedRun.describe().constData());
    QCOMPARE(signedRun.out.count('\n'), 1);
    const QJsonObject record = QJsonDocument::fromJson(signedRun.out).object();
    QCOMPARE(QByteArray::fromBase64(record.value(u"body_base64").toString().toLatin1()), body);
    const QJsonArray headers = record.value(u"headers").toArray();
    QCOMPARE(headers.size(), 3);
    QCOMPARE(headers.at(2).toArray().at(0).toString(), u"Stripe-Signature"_s);
    // The same HMAC computed here, independently of the CLI.
    const QByteArray expected
        = QMessageAuthenticationCode::hash("1767268800." + body, "whsec_test", QCryptographicHash::Sha256).toHex();
    QCOMPARE(headers.at(2).toArray().at(1).toString(), QString::fromLatin1("t=1767268800,v1=" + expected));
    const QString signedFile = writeFile(dir, u"signed.jsonl"_s, signedRun.out);

    const Finished valid = runCli({u"verify"_s, u"--secret"_s, u"whsec_test"_s, u"--now"_s, u"1767268900"_s, signedFile});
    QVERIFY2(valid.ok(), valid.describe().constData());
    QVERIFY2(valid.out.contains("verdict   valid") && valid.out.contains("provider  stripe"), valid.describe().constData());
    // An hour later: the signature is still right, the timestamp is not.
    const Finished stale = runCli({u"verify"_s, u"--secret"_s, u"whsec_test"_s, u"--now"_s, u"1767272400"_s,
                                   u"--json"_s, signedFile});
    QCOMPARE(stale.exitCode, 1);
    const QJsonObject report = QJsonDocument::fromJson(stale.out).object();
    QCOMPARE(report.value(u"verdict").toString(), u"invalid"_s);
    QCOMPARE(report.value(u"signature_valid").toBool(), true);
    QCOMPARE(report.value(u"freshness").toString(), u"too-old"_s);
    QCOMPARE(report.value(u"evidence").toObject().value(u"skew_seconds").toInt(), 3600);
    const Finished noWindow = runCli({u"verify"_s, u"--secret"_s, u"whsec_test"_s, u"--now"_s, u"1767272400"_s,
                                      u"--tolerance"_s, u"0"_s, signedFile});
    QVERIFY2(noWindow.ok(), noWindow.describe().constData());
    // Rotation through a secret file read from standard input's sibling: the second secret matches.
    const QString secrets = writeFile(dir, u"secrets.txt"_s, "whsec_old\nwhsec_test\n");
    QProcess process;
    process.start(cliPath(), {u"verify"_s, u"--secret-file"_s, secrets, u"--now"_s, u"1767268800"_s, u"-"_s});
    QVERIFY(process.waitForStarted());
    process.write(signedRun.out);
    process.closeWriteChannel();
    QVERIFY(process.waitForFinished());
    QCOMPARE(process.exitCode(), 0);
    QVERIFY(process.readAllStandardOutput().contains("secret 2 of 2"));
    // A changed body: rejected, exit 1.
    QByteArray tampered = signedRun.out;
    tampered.replace(record.value(u"body_base64").toString().toLatin1(), QByteArray("{\"id\":\"evt_2\"}").toBase64());
    const Finished bad = runCli({u"verify"_s, u"--secret"_s, u"whsec_test"_s, u"--now"_s, u"1767268800"_s,
                                 writeFile(dir, u"tampered.jsonl"_s, tampered)});
    QCOMPARE(bad.exitCode, 1);
    QVERIFY2(bad.out.contains("verdict   invalid") && bad.out.contains("does not match"), bad.describe().constData());
}

void TestCli::verifyExplainsAndFailsClearly()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QByteArray body = "{\"action\":\"opened\"}";
    const QByteArray mac = QMessageAuthenticationCode::hash(body + '\n', "s3", QCryptographicHash::Sha256).toHex();
    // Signed with a trailing newline the body lost on the way.
    const QString file = writeFile(dir, u"gh.jsonl"_s,
                                   recordLine("/gh", {{"X-GitHub-Event", "issues"}, {"X-Hub-Signature-256", "sha256=" + mac}},
                                              body));
    const Finished lost = runCli({u"verify"_s, u"--secret"_s, u"s3"_s, file});
    QCOMPARE(lost.exitCode, 1);
    QVERIFY2(lost.out.contains("final newline"), lost.describe().constData());
    const Finished noSecret = runCli({u"verify"_s, file});
    QCOMPARE(noSecret.exitCode, 1);
    QVERIFY2(noSecret.out.contains("verdict   no-secret"), noSecret.describe().constData());
    const Finished unsignedRun = runCli({u"verify"_s, u"--secret"_s, u"x"_s,
                                         writeFile(dir, u"plain.jsonl"_s, recordLine("/p", {}, "{}"))});
    QCOMPARE(unsignedRun.exitCode, 1);
    QVERIFY(unsignedRun.out.contains("verdict   unsigned"));

    // Usage and input errors: exit 2, one line on stderr, nothing on stdout.
    const QList<QStringList> usageErrors{
        {u"verify"_s, u"--provider"_s, u"nosuch"_s, file},
        {u"verify"_s, u"--now"_s, u"yesterday"_s, file},
        {u"verify"_s, u"--tolerance"_s, u"-5"_s, file},
        {u"verify"_s, u"--generic"_s, u"algorithm=md5"_s, file},
        {u"verify"_s, u"--secret"_s, u"x"_s},
        {u"verify"_s, u"--secret"_s, u"x"_s, dir.filePath(u"missing.jsonl"_s)},
        {u"verify"_s, u"--secret"_s, u"x"_s, writeFile(dir, u"bad.jsonl"_s, "{\"method\":\"POST\"}\n")},
        {u"verify"_s, u"--secret"_s, u"x"_s, writeFile(dir, u"empty.jsonl"_s, "\n\n")},
        {u"sign"_s, u"--provider"_s, u"github"_s, file},
        {u"sign"_s, u"--provider"_s, u"github"_s, u"--secret"_s, u"a"_s, u"--secret"_s, u"b"_s, file},
        {u"verify"_s, u"--request"_s, u"abc"_s},
    };
    for (const QStringList &arguments : usageErrors) {
        const Finished run = runCli(arguments);
        QVERIFY2(run.finished && run.exitCode == 2, qPrintable(arguments.join(u' ') + u"\n"_s + QString::fromUtf8(run.describe())));
        QVERIFY2(isOneErrorLine(run.err), run.describe().constData());
        QVERIFY(run.out.isEmpty());
    }
    // A scheme that cannot sign: a plain error, exit 1.
    const Finished sendgrid = runCli({u"sign"_s, u"--provider"_s, u"sendgrid"_s, u"--secret"_s, u"k"_s, file});
    QCOMPARE(sendgrid.exitCode, 1);
    QVERIFY(isOneErrorLine(sendgrid.err));
}

void TestCli::verifyStoredRequestWithStoredSecrets()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString data = dir.filePath(u"data"_s);
    const QByteArray body = "{\"action\":\"opened\"}";
    const QByteArray mac = QMessageAuthenticationCode::hash(body, "right", QCryptographicHash::Sha256).toHex();
    const QString file = writeFile(dir, u"gh.jsonl"_s,
                                   recordLine("/hooks/gh", {{"X-GitHub-Event", "issues"}, {"X-Hub-Signature-256", "sha256=" + mac}},
                                              body));
    QVERIFY(QDir().mkpath(data));
    writeFile(dir, u"data/secrets.json"_s,
              R"({"version":1,"entries":[{"provider":"github","path_prefix":"/hooks","secrets":["right"]}]})");
    const Finished imported = runCli({u"import"_s, u"--data-dir"_s, data, file});
    QVERIFY2(imported.ok(), imported.describe().constData());
    const Finished run = runCli({u"verify"_s, u"--data-dir"_s, data, u"--request"_s, u"1"_s});
    QVERIFY2(run.ok(), run.describe().constData());
    // Verified when it was imported (with the secrets of the data directory): list says so.
    const Finished listed = runCli({u"list"_s, u"--data-dir"_s, data});
    QVERIFY2(listed.out.contains("  github issues.opened  signature valid\n"), listed.describe().constData());
    QVERIFY(run.out.contains("verdict   valid"));
    const Finished missing = runCli({u"verify"_s, u"--data-dir"_s, data, u"--request"_s, u"99"_s});
    QCOMPARE(missing.exitCode, 1);
    QVERIFY(isOneErrorLine(missing.err));
}

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
