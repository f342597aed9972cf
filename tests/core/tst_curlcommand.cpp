#include "captureservice.h"
#include "curlcommand.h"

#include <QProcess>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

using namespace Hookscope;
using namespace Qt::StringLiterals;

class TestCurlCommand : public QObject
{
    Q_OBJECT
private slots:
    void commandLine();
    void replaysTheRequest_data();
    void replaysTheRequest();
};

void TestCurlCommand::commandLine()
{
    CapturedRequest request;
    request.method = "POST";
    request.target = "/a/../b?x='1'";
    request.headers = {{"Host", "example.test"}, {"X-Quote", "it's"}, {"Content-Length", "2"}};
    request.body = "{}";
    const CurlCommand curl = CurlCommand::fromRequest(request);
    QCOMPARE(curl.command, uR"(curl --path-as-is -X 'POST' -H 'Host: example.test' -H 'X-Quote: it'\''s' --data-binary '{}' 'http://example.test/a/../b?x='\''1'\''')"_s);
    QVERIFY(!curl.needsBodyFile);
    request.body = QByteArray("\x00\x01", 2);
    const CurlCommand binary = CurlCommand::fromRequest(request, u"http://127.0.0.1:9/"_s, u"payload.bin"_s);
    QVERIFY(binary.needsBodyFile);
    QVERIFY(binary.command.contains(u"--data-binary '@payload.bin' 'http://127.0.0.1:9/a/../b"_s));
}

void TestCurlCommand::replaysTheRequest_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::newRow("text") << QByteArray("{\"amount\":1.50,\"note\":\"it's \\\"quoted\\\"\\n$HOME `x`\"}");
    QTest::newRow("binary") << QByteArray("\x00\xff\x01 bytes\r\n", 11);
    QTest::newRow("empty") << QByteArray();
}

void TestCurlCommand::replaysTheRequest()
{
    QFETCH(QByteArray, body);
    if (QStandardPaths::findExecutable(u"curl"_s).isEmpty() || QStandardPaths::findExecutable(u"sh"_s).isEmpty())
        QSKIP("curl or sh is not installed (apt-get install curl): the generated command cannot be run");
    QTemporaryDir dir;
    CaptureService::Options options;
    options.dataDirectory = dir.path();
    options.capture.listen = {ListenAddress{QHostAddress(QHostAddress::LocalHost), 0, false}};
    CaptureService service(options);
    QSignalSpy listening(&service, &CaptureService::listening);
    QSignalSpy stored(&service, &CaptureService::requestsStored);
    service.start();
    QVERIFY(listening.wait(5000));

    CapturedRequest original;
    original.method = "PATCH";
    original.target = "/hooks/../x?q=%E2%9C%93&q=2";
    original.headers = {{"X-Event", "payment"}, {"x-event", "duplicate"}, {"Content-Type", "application/json"}};
    original.body = body;
    const QString base = u"http://127.0.0.1:"_s + QString::number(service.boundAddresses().first().port);
    const QString bodyFile = dir.filePath(u"body.bin"_s);
    const CurlCommand curl = CurlCommand::fromRequest(original, base, bodyFile);
    if (curl.needsBodyFile) {
        QFile file(bodyFile);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(body);
    }
    QProcess process;
    process.start(u"sh"_s, {u"-c"_s, curl.command + u" -s -o /dev/null"_s});
    QVERIFY(process.waitForFinished(10000));
    QCOMPARE(process.exitCode(), 0);
    QVERIFY(stored.wait(5000));
    const CapturedRequest replayed = stored.first().first().value<QList<CapturedRequest>>().first();
    QCOMPARE(replayed.method, original.method);
    QCOMPARE(replayed.target, original.target);
    QCOMPARE(replayed.body, original.body);
    // The captured headers come back in order, casing kept (curl adds only Host, User-Agent, Accept and length).
    HeaderList sentBack;
    for (const HeaderField &field : replayed.headers) {
        if (field.first.startsWith('X') || field.first.startsWith('x') || field.first == "Content-Type")
            sentBack.append(field);
    }
    QCOMPARE(sentBack, original.headers);
    service.shutdown();
}

QTEST_GUILESS_MAIN(TestCurlCommand)
#include "tst_curlcommand.moc"
