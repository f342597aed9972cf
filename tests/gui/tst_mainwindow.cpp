#include "captureservice.h"
#include "mainwindow.h"
#include "requestlistmodel.h"

#include <QProcess>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QtTest>

using namespace Hookscope;
using namespace Qt::StringLiterals;

class TestMainWindow : public QObject
{
    Q_OBJECT
private slots:
    void showsEndpointAndCountsRequests();
    void showsStartFailureInline();
};

void TestMainWindow::showsEndpointAndCountsRequests()
{
    QTemporaryDir dir;
    CaptureService::Options options;
    options.dataDirectory = dir.path();
    options.capture.listen = {ListenAddress{QHostAddress(QHostAddress::LocalHost), 0, false}};
    CaptureService service(options);
    MainWindow window(&service);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QSignalSpy listening(&service, &CaptureService::listening);
    service.start();
    QVERIFY(listening.wait(5000));

    const quint16 port = service.boundAddresses().first().port;
    const QString url = u"http://127.0.0.1:"_s + QString::number(port) + u'/';
    QCOMPARE(window.endpointText(), url);
    QVERIFY(window.windowTitle().contains(url));
    QVERIFY(window.isShowingEmptyState());
    QVERIFY(window.exampleCommand().startsWith(u"curl "_s));
    QVERIFY(window.exampleCommand().contains(url));

    // A request through the real endpoint shows up in the table and the count. When curl is installed, the example
    // command shown to the user is the one that is run.
    const QString curl = QStandardPaths::findExecutable(u"curl"_s);
    if (!curl.isEmpty()) {
        QProcess process;
        process.startCommand(window.exampleCommand() + u" -s -o /dev/null"_s);
        QVERIFY(process.waitForFinished(10000));
        QCOMPARE(process.exitCode(), 0);
    } else {
        qInfo("curl not installed: sending the request with QTcpSocket instead of the example command");
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, port);
        QVERIFY(socket.waitForConnected(5000));
        socket.write("POST /webhook HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\n{}");
        QVERIFY(socket.waitForReadyRead(5000));
    }
    QTRY_COMPARE(window.requestModel()->rowCount(), 1);
    QCOMPARE(window.requestModel()->index(0, RequestListModel::MethodColumn).data().toString(), u"POST"_s);
    QCOMPARE(window.requestModel()->index(0, RequestListModel::TargetColumn).data().toString(), u"/webhook"_s);
    QVERIFY2(window.countText().contains(u"Stored requests: 1"_s), qPrintable(window.countText()));
    QVERIFY(!window.isShowingEmptyState());
    service.shutdown();
}

void TestMainWindow::showsStartFailureInline()
{
    QTemporaryDir dir;
    QTcpServer occupied;
    QVERIFY(occupied.listen(QHostAddress::LocalHost, 0));
    CaptureService::Options options;
    options.dataDirectory = dir.path();
    options.capture.listen = {ListenAddress{QHostAddress(QHostAddress::LocalHost), occupied.serverPort(), false}};
    CaptureService service(options);
    MainWindow window(&service);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QSignalSpy failed(&service, &CaptureService::failed);
    service.start();
    QVERIFY(failed.wait(5000));
    QVERIFY(window.endpointText().isEmpty());
    QVERIFY(window.statusBar()->currentMessage().contains(QString::number(occupied.serverPort())));
}

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
