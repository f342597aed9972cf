#include "aboutdialog.h"
#include "bodyviewer.h"
#include "captureservice.h"
#include "forwardingdialog.h"
#include "forwardrule.h"
#include "headersmodel.h"
#include "jsontreemodel.h"
#include "mainwindow.h"
#include "requestinspector.h"
#include "requestlistmodel.h"
#include "maskedtextedit.h"
#include "requeststore.h"
#include "resenddialog.h"
#include "secretsdialog.h"
#include "secretstore.h"
#include "settingsdialog.h"
#include "textdiff.h"
#include "theme.h"

#include <QAbstractButton>
#include <QBuffer>
#include <QImage>
#include <QCheckBox>
#include <QClipboard>
#include <QMessageAuthenticationCode>
#include <QProcess>
#include <QPushButton>
#include <QSettings>
#include <QMenu>
#include <QScopeGuard>
#include <QScrollBar>
#include <QTableView>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTemporaryFile>
#include <QtTest>

using namespace Hookscope;
using namespace Qt::StringLiterals;

namespace {
// A window on its own store, capturing on a free loopback port.
struct RunningWindow {
    explicit RunningWindow(const QString &dataDirectory)
        : service([&] {
              CaptureService::Options options;
              options.dataDirectory = dataDirectory;
              options.capture.listen = {ListenAddress{QHostAddress(QHostAddress::LocalHost), 0, false}};
              return options;
          }()),
          window(&service), listening(&service, &CaptureService::listening)
    {
        window.show();
    }
    // Shows the window, starts capturing and waits until the endpoint listens.
    bool start()
    {
        if (!QTest::qWaitForWindowExposed(&window))
            return false;
        service.start();
        return listening.wait(5000);
    }
    // Sends a request to the endpoint over a real socket and waits for the answer to start.
    bool send(const QByteArray &request)
    {
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, service.boundAddresses().first().port);
        return socket.waitForConnected(5000) && socket.write(request) == request.size() && socket.waitForReadyRead(5000);
    }
    CaptureService service;
    MainWindow window;
    QSignalSpy listening;
};

// A second endpoint for requests the window sends on (resend, forwarding): a capture service of its own that answers
// 200 and keeps what it received, exactly as received.
struct Target {
    explicit Target(const QString &dataDirectory, quint16 port = 0)
        : service([&] {
              CaptureService::Options options;
              options.dataDirectory = dataDirectory;
              options.capture.listen = {ListenAddress{QHostAddress(QHostAddress::LocalHost), port, false}};
              options.forwarding = Forward::Settings(); // whatever forwarding.json says: this one forwards nothing
              return options;
          }()),
          stored(&service, &CaptureService::requestsStored), listening(&service, &CaptureService::listening)
    {
    }
    ~Target() { service.shutdown(); }
    bool start()
    {
        service.start();
        return listening.wait(5000);
    }
    QString url() const { return u"http://127.0.0.1:"_s + QString::number(service.boundAddresses().first().port); }
    QList<CapturedRequest> received() const
    {
        QList<CapturedRequest> all;
        for (const QList<QVariant> &signal : stored)
            all += signal.first().value<QList<CapturedRequest>>();
        return all;
    }
    CaptureService service;
    QSignalSpy stored;
    QSignalSpy listening;
};

QByteArray withLength(const QByteArray &head, const QByteArray &body)
{
    return head + "Content-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body;
}

// A push event as GitHub sends it: X-Hub-Signature-256 is the HMAC-SHA256 of signedBody under secret; the body sent
// may differ (a tampered request).
QByteArray githubRequest(const QByteArray &path, const QByteArray &body, const QByteArray &signedBody,
                         const QByteArray &secret)
{
    const QByteArray mac = QMessageAuthenticationCode::hash(signedBody, secret, QCryptographicHash::Sha256).toHex();
    return "POST " + path + " HTTP/1.1\r\nHost: hooks.test\r\nContent-Type: application/json\r\n"
           "X-GitHub-Event: push\r\nX-GitHub-Delivery: 72d3162e-cc78-11e3-81ab-4c9367dc0958\r\n"
           "X-Hub-Signature-256: sha256=" + mac + "\r\nContent-Length: " + QByteArray::number(body.size()) +
           "\r\n\r\n" + body;
}

const char *verdictText(const std::optional<Verify::Verdict> &verdict)
{
    static QByteArray text;
    text = verdict ? Verify::verdictName(*verdict).toUtf8() : QByteArray("(checking)");
    return text.constData();
}
} // namespace

class TestMainWindow : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void showsEndpointAndCountsRequests();
    void showsStartFailureInline();
    void showsHistoryAndInspectsSelectedRequest();
    void historyNewestFirst();
    void bodyViews_data();
    void bodyViews();
    void multipartPartsAndSavingBodies();
    void aboutShowsVersionAndDataDirectory();
    void filterField();
    void pinDeleteAndCopyFromTheKeyboard();
    void labelsFromTheKeyboardAndTheMenu();
    void pauseCaptureAndClear();
    void settingsRefuseBadValuesAndApplyGoodOnes();
    void signatureTabVerifiesWithConfiguredSecrets();
    void secretsDialogRefusesBadInputAndKeepsIt();
    void resendDialogSendsTheEditedRequest();
    void resendAgainToTheLastTarget();
    void resendDialogRefusesBadInputAndKeepsIt();
    void resendSignsAgainForTheTarget();
    void resendBinaryBodyFromAFile();
    void forwardingDialogSavesAndAppliesRules();
    void deadLettersRetriedAndDiscarded();
    void diffLinesMarksRemovedAndAddedLines();
    void compareTwoAttempts();
};

void TestMainWindow::initTestCase()
{
    // Remembered resend targets and options stay out of the user's settings, and one run does not see the last.
    QStandardPaths::setTestModeEnabled(true);
    QSettings().remove(u"resend"_s);
    QSettings().remove(u"capture"_s);
}

void TestMainWindow::showsEndpointAndCountsRequests()
{
    QTemporaryDir dir;
    RunningWindow running(dir.path());
    QVERIFY(running.start());
    CaptureService &service = running.service;
    MainWindow &window = running.window;

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

void TestMainWindow::showsHistoryAndInspectsSelectedRequest()
{
    QTemporaryDir dir;
    {
        // A request captured in an earlier run.
        RequestStore store;
        QVERIFY(store.open(dir.path()));
        CapturedRequest old;
        old.receivedUs = 1'700'000'000'000'000;
        old.method = "PUT";
        old.target = "/earlier";
        old.httpVersion = "HTTP/1.1";
        old.raw = "PUT /earlier HTTP/1.1\r\n\r\n";
        old.body = "";
        old.statusSent = 200;
        QList<CapturedRequest> batch{old};
        QVERIFY(store.insert(batch));
    }
    RunningWindow running(dir.path());
    CaptureService &service = running.service;
    MainWindow &window = running.window;
    QSignalSpy history(&window, &MainWindow::historyLoaded);
    QVERIFY(running.start());
    QTRY_COMPARE(history.size(), 1);
    QCOMPARE(window.requestModel()->rowCount(), 1);
    QCOMPARE(window.requestModel()->index(0, RequestListModel::TargetColumn).data().toString(), u"/earlier"_s);
    QVERIFY(!window.isShowingEmptyState());

    // A live request, sent over a real socket.
    const QByteArray sent = "POST /hooks/stripe?x=%E2%9C%93&y=2 HTTP/1.1\r\nHost: example.test\r\n"
                            "Content-Type: application/json\r\nX-Dup: one\r\nx-dup: two\r\nContent-Length: 44\r\n\r\n"
                            "{\"amount\":12345678901234567890,\"price\":1.50}";
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, service.boundAddresses().first().port);
    QVERIFY(socket.waitForConnected(5000));
    socket.write(sent);
    QVERIFY(socket.waitForReadyRead(5000));
    QTRY_COMPARE(window.requestModel()->rowCount(), 2);

    QSignalSpy bodyShown(window.inspector(), &RequestInspector::bodyShown);
    window.selectRow(1);
    QVERIFY2(bodyShown.wait(5000), qPrintable(window.statusBar()->currentMessage() + u" / inspector has request: "_s +
                                              QString::number(window.inspector()->request().id)));
    RequestInspector *inspector = window.inspector();
    // JSON opens as a tree: keys in order, numbers exactly as sent, element counts, paths.
    QCOMPARE(inspector->effectiveBodyView(), RequestInspector::BodyView::JsonTree);
    JsonTreeModel *json = inspector->jsonModel();
    const QModelIndex root = json->index(0, JsonTreeModel::KeyColumn);
    QCOMPARE(json->index(0, JsonTreeModel::ValueColumn).data().toString(), u"{2}"_s);
    QCOMPARE(json->rowCount(root), 2);
    const QModelIndex amount = json->index(0, JsonTreeModel::ValueColumn, root);
    QCOMPARE(amount.data().toString(), u"12345678901234567890"_s);
    QCOMPARE(json->index(1, JsonTreeModel::ValueColumn, root).data().toString(), u"1.50"_s);
    QCOMPARE(json->path(amount), u"$.amount"_s);
    // The same body as indented text.
    bodyShown.clear();
    inspector->setBodyView(RequestInspector::BodyView::PrettyJson);
    QVERIFY(bodyShown.wait(5000));
    QCOMPARE(inspector->bodyText(), u"{\n  \"amount\": 12345678901234567890,\n  \"price\": 1.50\n}"_s);
    HeadersModel *headers = inspector->headersModel();
    QCOMPARE(headers->rowCount(), 5);
    QCOMPARE(headers->index(2, HeadersModel::NameColumn).data().toString(), u"X-Dup"_s);
    QCOMPARE(headers->index(3, HeadersModel::NameColumn).data().toString(), u"x-dup"_s);
    QCOMPARE(headers->index(3, HeadersModel::ValueColumn).data().toString(), u"two"_s);
    QVERIFY(inspector->rawText().startsWith(u"POST /hooks/stripe?x=%E2%9C%93&y=2 HTTP/1.1\n"_s));
    const QString overview = inspector->overviewText();
    QVERIFY2(overview.contains(u"http://example.test/hooks/stripe"_s), qPrintable(overview));
    QVERIFY(overview.contains(u"\u2713"_s)); // query parameters decoded
    QVERIFY(overview.contains(u"127.0.0.1:"_s + QString::number(socket.localPort())));

    // Selecting the older row shows it.
    window.selectRow(0);
    QTRY_VERIFY(inspector->rawText().startsWith(u"PUT /earlier"_s));
    service.shutdown();
}

void TestMainWindow::bodyViews_data()
{
    QTest::addColumn<QByteArray>("headers");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("view");
    QTest::addColumn<QString>("textPart");
    QTest::addColumn<QString>("statusPart");
    QTest::addColumn<QString>("highlighting");
    const QByteArray json = R"({"event":"open","n":1.50})";
    QTest::newRow("deflate-encoded JSON")
        << QByteArray("Content-Type: application/json\r\nContent-Encoding: deflate\r\n") << qCompress(json).mid(4)
        << int(RequestInspector::BodyView::JsonTree) << QString() << u"decoded from deflate"_s << QString();
    QTest::newRow("nested form fields")
        << QByteArray("Content-Type: application/x-www-form-urlencoded\r\n")
        << QByteArray("type=subscribe&contact[email]=a%40b.c&contact[fields][1]=x")
        << int(RequestInspector::BodyView::Form) << u"contact\n  email = a@b.c\n  fields\n    1 = x"_s
        << u"form fields"_s << QString();
    QTest::newRow("invalid JSON") << QByteArray("Content-Type: application/json\r\n") << QByteArray(R"({"a":1,})")
                                  << int(RequestInspector::BodyView::PrettyJson) << u"{\"a\":1,}"_s
                                  << u"invalid JSON at byte 7"_s << QString();
    QTest::newRow("multipart")
        << QByteArray("Content-Type: multipart/form-data; boundary=XyZ\r\n")
        << QByteArray("--XyZ\r\nContent-Disposition: form-data; name=\"event\"\r\n\r\nbounce\r\n--XyZ--\r\n")
        << int(RequestInspector::BodyView::Multipart) << u"name=\"event\""_s << u"parts: 1"_s << QString();
    // XML is indented and coloured; comments and attributes kept.
    QTest::newRow("XML") << QByteArray("Content-Type: application/xml\r\n")
                         << QByteArray(R"(<?xml version="1.0"?><notification id="7"><!-- sns --><a>1</a></notification>)")
                         << int(RequestInspector::BodyView::PrettyXml)
                         << u"<notification id=\"7\">\n  <!-- sns -->\n  <a>1</a>\n</notification>"_s << u"XML"_s
                         << u"xml"_s;
    // Namespaces as sent: prefixes and xmlns attributes are not rewritten (SOAP, Atom, SAML).
    QTest::newRow("XML namespaces")
        << QByteArray("Content-Type: text/xml\r\n")
        << QByteArray(R"(<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body>)"
                      R"(<notify xmlns="urn:sf"><Id>1</Id></notify></soap:Body></soap:Envelope>)")
        << int(RequestInspector::BodyView::PrettyXml)
        << u"<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\">\n  <soap:Body>\n"
           "    <notify xmlns=\"urn:sf\">\n      <Id>1</Id>\n    </notify>\n  </soap:Body>\n</soap:Envelope>"_s
        << u"XML"_s << u"xml"_s;
    QTest::newRow("invalid XML") << QByteArray("Content-Type: text/xml\r\n") << QByteArray("<a><b></a>")
                                 << int(RequestInspector::BodyView::PrettyXml) << u"<a><b></a>"_s
                                 << u"invalid XML at line 1, column"_s << QString();
    QTest::newRow("pretty JSON coloured")
        << QByteArray("Content-Type: text/plain\r\n") << QByteArray(R"({"a":[1,true]})")
        << int(RequestInspector::BodyView::JsonTree) << QString() << u"JSON"_s << QString();
    QImage image(3, 2, QImage::Format_RGB32);
    image.fill(Qt::red);
    QByteArray png;
    QBuffer buffer(&png);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "PNG");
    QTest::newRow("PNG image") << QByteArray("Content-Type: image/png\r\n") << png
                               << int(RequestInspector::BodyView::Image) << QString()
                               << u"PNG image, 3 \u00d7 2 pixels"_s << QString();
    QTest::newRow("broken image") << QByteArray("Content-Type: image/png\r\n") << QByteArray("\x89PNG\r\n\x1a\n\0\0")
                                  << int(RequestInspector::BodyView::Hex) << u"89 50 4e 47"_s
                                  << u"not an image that can be shown"_s << QString();
}

void TestMainWindow::bodyViews()
{
    QFETCH(QByteArray, headers);
    QFETCH(QByteArray, body);
    QFETCH(int, view);
    QFETCH(QString, textPart);
    QFETCH(QString, statusPart);
    QFETCH(QString, highlighting);
    QTemporaryDir dir;
    RunningWindow running(dir.path());
    QVERIFY(running.start());
    CaptureService &service = running.service;
    MainWindow &window = running.window;
    QVERIFY(running.send("POST /hook HTTP/1.1\r\nHost: h\r\n" + headers + "Content-Length: " +
                         QByteArray::number(body.size()) + "\r\n\r\n" + body));
    QTRY_COMPARE(window.requestModel()->rowCount(), 1);
    QSignalSpy bodyShown(window.inspector(), &RequestInspector::bodyShown);
    window.selectRow(0);
    QVERIFY(bodyShown.wait(5000));
    QCOMPARE(int(window.inspector()->effectiveBodyView()), view);
    QVERIFY2(window.inspector()->bodyText().contains(textPart), qPrintable(window.inspector()->bodyText()));
    QVERIFY2(window.inspector()->bodyStatus().contains(statusPart), qPrintable(window.inspector()->bodyStatus()));
    BodyViewer *viewer = window.inspector()->bodyViewer();
    QCOMPARE(viewer->highlighting(), highlighting);
    if (view == int(RequestInspector::BodyView::Image))
        QCOMPARE(viewer->imageSize(), QSize(3, 2));
    if (view == int(RequestInspector::BodyView::JsonTree)) {
        // The same body as indented text, coloured as JSON.
        QSignalSpy again(viewer, &BodyViewer::shown);
        viewer->setView(BodyViewer::View::PrettyJson);
        QVERIFY(again.wait(5000));
        QCOMPARE(viewer->effectiveView(), BodyViewer::View::PrettyJson);
        QCOMPARE(viewer->highlighting(), u"json"_s);
        viewer->setView(BodyViewer::View::Auto);
        QVERIFY(again.wait(5000));
    }
    service.shutdown();
}

void TestMainWindow::multipartPartsAndSavingBodies()
{
    QTemporaryDir dir;
    RunningWindow running(dir.path());
    QVERIFY(running.start());
    MainWindow &window = running.window;
    // A form with a text field and a JSON file whose name tries to leave the save directory.
    const QByteArray multipart = "--b1\r\nContent-Disposition: form-data; name=\"event\"\r\n\r\nbounce\r\n"
                                 "--b1\r\nContent-Disposition: form-data; name=\"report\"; filename=\"../x/report.json\"\r\n"
                                 "Content-Type: application/json\r\n\r\n{\"id\":7,\"ok\":true}\r\n--b1--\r\n";
    QVERIFY(running.send(withLength("POST /upload HTTP/1.1\r\nHost: h\r\nContent-Type: multipart/form-data; boundary=b1\r\n",
                                    multipart)));
    const QByteArray json = R"({"event":"delivered","n":1})";
    QVERIFY(running.send(withLength("POST /zipped HTTP/1.1\r\nHost: h\r\nContent-Type: application/json\r\n"
                                    "Content-Encoding: deflate\r\n",
                                    qCompress(json).mid(4))));
    QTRY_COMPARE(window.requestModel()->rowCount(), 2);
    BodyViewer *viewer = window.inspector()->bodyViewer();
    QSignalSpy shown(viewer, &BodyViewer::shown);
    window.selectRow(0);
    QVERIFY(shown.wait(5000));
    QCOMPARE(viewer->effectiveView(), BodyViewer::View::Multipart);
    QCOMPARE(viewer->partCount(), 2);
    // Each part in a viewer of its own: the text field as text, the JSON file as a tree.
    QVERIFY(viewer->partViewer());
    QTRY_COMPARE(viewer->partViewer()->effectiveView(), BodyViewer::View::Text);
    QCOMPARE(viewer->partViewer()->text(), u"bounce"_s);
    QSignalSpy partShown(viewer->partViewer(), &BodyViewer::shown);
    viewer->selectPart(1);
    QVERIFY(partShown.wait(5000));
    QCOMPARE(viewer->partViewer()->effectiveView(), BodyViewer::View::JsonTree);
    QVERIFY(!viewer->partViewer()->jsonModel()->find(u"ok"_s, 10).isEmpty());
    // "Save part…" writes the part's bytes.
    const QString partPath = dir.filePath(u"part.json"_s);
    QVERIFY(viewer->partViewer()->saveTo(partPath));
    QFile part(partPath);
    QVERIFY(part.open(QIODevice::ReadOnly));
    QCOMPARE(part.readAll(), QByteArray(R"({"id":7,"ok":true})"));

    // A compressed body is saved decoded.
    window.selectRow(1);
    QVERIFY(shown.wait(5000));
    QCOMPARE(viewer->effectiveView(), BodyViewer::View::JsonTree);
    QCOMPARE(viewer->saveableBytes(), json);
    const QString bodyPath = dir.filePath(u"body.json"_s);
    QVERIFY(viewer->saveTo(bodyPath));
    QFile saved(bodyPath);
    QVERIFY(saved.open(QIODevice::ReadOnly));
    QCOMPARE(saved.readAll(), json);
    // A file that cannot be written is an error with the reason, and nothing is lost.
    const Result<void> failed = viewer->saveTo(dir.filePath(u"missing/dir/body.json"_s));
    QVERIFY(!failed);
    QVERIFY2(failed.errorMessage().contains(u"Cannot write"_s), qPrintable(failed.errorMessage()));
    running.service.shutdown();
}

void TestMainWindow::aboutShowsVersionAndDataDirectory()
{
    QTemporaryDir dir;
    RunningWindow running(dir.path());
    QVERIFY(running.start());
    AboutDialog *about = running.window.openAbout();
    QVERIFY(QTest::qWaitForWindowExposed(about));
    const QString text = about->text();
    QVERIFY2(text.contains(u"Hookscope " HOOKSCOPE_VERSION ""_s), qPrintable(text));
    QVERIFY2(text.contains(QDir::toNativeSeparators(dir.path())), qPrintable(text));
    QVERIFY2(text.contains(QString::fromLatin1(qVersion())), qPrintable(text));
    about->close();
    running.service.shutdown();
}

void TestMainWindow::filterField()
{
    QTemporaryDir dir;
    RunningWindow running(dir.path());
    QVERIFY(running.start());
    CaptureService &service = running.service;
    MainWindow &window = running.window;
    auto send = [&running](const QByteArray &request) { return running.send(request); };
    QVERIFY(send("POST /github HTTP/1.1\r\nX-GitHub-Event: push\r\nContent-Length: 7\r\n\r\n{\"a\":1}"));
    QVERIFY(send("POST /stripe/events HTTP/1.1\r\nContent-Length: 15\r\n\r\n{\"id\":\"pi_123\"}"));
    QVERIFY(send("PUT /other HTTP/1.1\r\nContent-Length: 0\r\n\r\n"));
    QTRY_COMPARE(window.requestModel()->rowCount(), 3);

    QSignalSpy applied(&window, &MainWindow::filterApplied);
    auto filterTo = [&](const QString &text) {
        applied.clear();
        window.setFilterText(text);
        return applied.wait(5000);
    };
    QVERIFY(filterTo(u"method:PUT"_s));
    QCOMPARE(window.requestModel()->rowCount(), 1);
    QCOMPARE(window.requestModel()->summary(0).target, "/other");
    QVERIFY(filterTo(u"header:x-github-event=push"_s)); // needs headers: loaded from the store
    QCOMPARE(window.requestModel()->rowCount(), 1);
    QCOMPARE(window.requestModel()->summary(0).target, "/github");
    QVERIFY(filterTo(u"body:pi_123 path:/stripe*"_s));
    QCOMPARE(window.requestModel()->rowCount(), 1);
    QVERIFY(filterTo(u"-method:PUT"_s));
    QCOMPARE(window.requestModel()->rowCount(), 2);

    // A request arriving while filtered shows only when it matches.
    QVERIFY(send("PUT /late HTTP/1.1\r\nContent-Length: 0\r\n\r\n"));
    QVERIFY(send("POST /late HTTP/1.1\r\nContent-Length: 0\r\n\r\n"));
    QTRY_COMPARE(window.requestModel()->rowCount(), 3);
    QCOMPARE(window.requestModel()->summary(2).method, "POST");

    // Bad syntax is said inline; the list stays as it was.
    window.setFilterText(u"status:abc"_s);
    QTRY_VERIFY(!window.filterError().isEmpty());
    QCOMPARE(window.requestModel()->rowCount(), 3);

    QVERIFY(filterTo(QString()));
    QVERIFY(window.filterError().isEmpty());
    QCOMPARE(window.requestModel()->rowCount(), 5);
    service.shutdown();
}

void TestMainWindow::pinDeleteAndCopyFromTheKeyboard()
{
    QTemporaryDir dir;
    RunningWindow running(dir.path());
    QVERIFY(running.start());
    CaptureService &service = running.service;
    MainWindow &window = running.window;
    for (const QByteArray &path : {QByteArray("/one"), QByteArray("/two")})
        QVERIFY(running.send("POST " + path + " HTTP/1.1\r\nHost: h.test\r\nContent-Length: 2\r\n\r\n{}"));
    QTRY_COMPARE(window.requestModel()->rowCount(), 2);
    auto *table = window.findChild<QTableView *>();
    QVERIFY(table);
    table->setFocus();
    window.selectRow(0);
    QSignalSpy edited(&window, &MainWindow::selectionEdited);

    QTest::keyClick(table, Qt::Key_P, Qt::ControlModifier);
    QVERIFY(edited.wait(5000));
    QVERIFY(window.requestModel()->summary(0).pinned);
    QVERIFY(window.requestModel()->index(0, 0).data().toString().startsWith(u"\u2605"_s));

    QTest::keyClick(table, Qt::Key_C, Qt::ControlModifier);
    QTRY_VERIFY(QGuiApplication::clipboard()->text().contains(u"\tPOST\t/one\t"_s));
    QTest::keyClick(table, Qt::Key_C, Qt::ControlModifier | Qt::ShiftModifier);
    QTRY_VERIFY(QGuiApplication::clipboard()->text().startsWith(u"curl --path-as-is -X 'POST' -H 'Host: h.test'"_s));
    QVERIFY(QGuiApplication::clipboard()->text().endsWith(u"'http://h.test/one'"_s));

    // Arrows move the selection and the inspector follows; Enter goes into the inspector; Ctrl+F to the filter.
    QVERIFY(QTest::qWaitForWindowActive(&window));
    table->setFocus();
    QTest::keyClick(table, Qt::Key_Down);
    QTRY_COMPARE(window.inspector()->request().target, QByteArray("/two"));
    QTest::keyClick(table, Qt::Key_Up);
    QTRY_COMPARE(window.inspector()->request().target, QByteArray("/one"));
    QTest::keyClick(table, Qt::Key_Return);
    QTRY_VERIFY(QApplication::focusWidget() && (QApplication::focusWidget() == window.inspector() ||
                                                window.inspector()->isAncestorOf(QApplication::focusWidget())));
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_F, Qt::ControlModifier);
    QTRY_VERIFY(QApplication::focusWidget() && QApplication::focusWidget()->objectName() == u"filterEdit"_s);
    table->setFocus();

    window.selectRow(1);
    edited.clear();
    QTest::keyClick(table, Qt::Key_Delete);
    QVERIFY(edited.wait(5000));
    QCOMPARE(window.requestModel()->rowCount(), 1);
    service.shutdown();

    // Both edits reached the store.
    RequestStore store;
    QVERIFY(store.open(dir.path()));
    QCOMPARE(store.count().value(), 1);
    QVERIFY(store.request(1).value().pinned);
}

// The history comes in two steps: the newest rows at once, then the rest in front of them. The view stays on the
// rows the user looks at, in both time orders, and a filter set meanwhile covers every row.
void TestMainWindow::historyNewestFirst()
{
    QTemporaryDir dir;
    {
        RequestStore store;
        QVERIFY(store.open(dir.path()));
        QList<CapturedRequest> batch;
        for (int i = 1; i <= 300; ++i) {
            CapturedRequest request;
            request.receivedUs = 1'700'000'000'000'000 + qint64(i) * 1'000'000;
            request.method = "POST";
            request.target = "/r/" + QByteArray::number(i);
            request.httpVersion = "HTTP/1.1";
            request.raw = "POST " + request.target + " HTTP/1.1\r\n\r\n";
            request.body = "";
            request.statusSent = 200;
            batch.append(request);
        }
        QVERIFY(store.insert(batch));
    }
    MainWindow::setRecentHistoryRows(40);
    const auto restoreRows = qScopeGuard([] { MainWindow::setRecentHistoryRows(5000); });
    auto ids = [](const RequestListModel *model) {
        QList<qint64> list;
        for (int row = 0; row < model->rowCount(); ++row)
            list.append(model->summary(row).id);
        return list;
    };
    auto range = [](qint64 from, qint64 to) {
        QList<qint64> list;
        for (qint64 id = from; from <= to ? id <= to : id >= to; id += from <= to ? 1 : -1)
            list.append(id);
        return list;
    };

    {
        // Oldest on top: the newest 40 first, scrolled to the newest; the user then reads one of them.
        RunningWindow running(dir.path());
        MainWindow &window = running.window;
        auto *table = window.findChild<QTableView *>();
        table->sortByColumn(RequestListModel::TimeColumn, Qt::AscendingOrder);
        table->resize(table->width(), 300); // fewer rows than 40 in view
        QList<qint64> firstStep;
        bool followedNewest = false;
        bool clearWhileLoading = true;
        connect(&window, &MainWindow::recentHistoryShown, &window, [&](int count) {
            QCOMPARE(count, 40);
            firstStep = ids(window.requestModel());
            followedNewest = table->verticalScrollBar()->value() == table->verticalScrollBar()->maximum() &&
                             table->verticalScrollBar()->maximum() > 0;
            window.selectRow(10); // id 271
            clearWhileLoading = window.clearAction()->isEnabled();
            table->scrollTo(window.requestModel()->index(5, 0), QAbstractItemView::PositionAtTop); // id 266
        });
        QSignalSpy history(&window, &MainWindow::historyLoaded);
        QVERIFY(running.start());
        QTRY_COMPARE_WITH_TIMEOUT(history.size(), 1, 10000); // may have come while start() waited
        QCOMPARE(history.first().first().toInt(), 300);
        QCOMPARE(firstStep, range(261, 300));
        QVERIFY(followedNewest);
        // Clear waits for the whole history (it would leave the older rows to appear after it).
        QVERIFY(!clearWhileLoading);
        QVERIFY(window.clearAction()->isEnabled());
        QCOMPARE(ids(window.requestModel()), range(1, 300));
        // The same row is selected and the same row is at the top of the view.
        QCOMPARE(window.requestModel()->summary(table->currentIndex().row()).id, 271);
        QTRY_COMPARE(window.inspector()->request().id, 271); // read from the store while the history was
        QCOMPARE(window.requestModel()->summary(table->rowAt(0)).id, 266);

        // A filter covers the older rows too.
        QSignalSpy applied(&window, &MainWindow::filterApplied);
        window.setFilterText(u"path:/r/1?"_s);
        QVERIFY(applied.wait(5000));
        QCOMPARE(ids(window.requestModel()), range(10, 19));
        running.service.shutdown();
    }
    {
        // Newest on top: the older rows go below.
        RunningWindow running(dir.path());
        MainWindow &window = running.window;
        auto *table = window.findChild<QTableView *>();
        table->sortByColumn(RequestListModel::TimeColumn, Qt::DescendingOrder);
        QList<qint64> firstStep;
        connect(&window, &MainWindow::recentHistoryShown, &window,
                [&] { firstStep = ids(window.requestModel()); });
        QSignalSpy history(&window, &MainWindow::historyLoaded);
        QVERIFY(running.start());
        QTRY_COMPARE_WITH_TIMEOUT(history.size(), 1, 10000); // may have come while start() waited
        QCOMPARE(firstStep, range(300, 261));
        QCOMPARE(ids(window.requestModel()), range(300, 1));
        QCOMPARE(table->verticalScrollBar()->value(), 0);
        running.service.shutdown();
    }
}

void TestMainWindow::labelsFromTheKeyboardAndTheMenu()
{
    QTemporaryDir dir;
    RunningWindow running(dir.path());
    QVERIFY(running.start());
    CaptureService &service = running.service;
    MainWindow &window = running.window;
    for (const QByteArray &path : {QByteArray("/a"), QByteArray("/b"), QByteArray("/c")})
        QVERIFY(running.send("POST " + path + " HTTP/1.1\r\nContent-Length: 0\r\n\r\n"));
    QTRY_COMPARE(window.requestModel()->rowCount(), 3);
    auto *table = window.findChild<QTableView *>();
    QVERIFY(table);
    QVERIFY(QTest::qWaitForWindowActive(&window));
    table->setFocus();
    window.selectRow(0);
    table->selectionModel()->select(window.requestModel()->index(1, 0),
                                    QItemSelectionModel::Select | QItemSelectionModel::Rows);
    QSignalSpy edited(&window, &MainWindow::selectionEdited);

    // Ctrl+2: orange on both selected rows, tinted in the table.
    QTest::keyClick(table, Qt::Key_2, Qt::ControlModifier);
    QVERIFY(edited.wait(5000));
    const RequestListModel *model = window.requestModel();
    QCOMPARE(model->summary(0).label, Label::Orange);
    QCOMPARE(model->summary(1).label, Label::Orange);
    QCOMPARE(model->summary(2).label, Label::None);
    QCOMPARE(model->index(0, RequestListModel::MethodColumn).data(Qt::BackgroundRole).value<QColor>().rgb(),
             RequestListModel::labelColor(Label::Orange).rgb());
    QCOMPARE(window.labelAction(Label::Orange)->shortcut(), QKeySequence(u"Ctrl+2"_s));
    QCOMPARE(window.labelAction(Label::None)->shortcut(), QKeySequence(u"Ctrl+0"_s));

    // The context menu has a Label submenu with the seven colours and No Label.
    window.selectRow(1);
    emit table->customContextMenuRequested(table->visualRect(model->index(1, 0)).center());
    QTRY_VERIFY(QApplication::activePopupWidget());
    auto *menu = qobject_cast<QMenu *>(QApplication::activePopupWidget());
    QVERIFY(menu);
    QMenu *labelMenu = nullptr;
    for (QAction *action : menu->actions()) {
        if (action->menu() && action->text().remove(u'&') == u"Label")
            labelMenu = action->menu();
    }
    QVERIFY(labelMenu);
    QStringList names;
    for (QAction *action : labelMenu->actions()) {
        if (!action->isSeparator())
            names.append(action->text().remove(u'&'));
    }
    QCOMPARE(names, (QStringList{u"Red"_s, u"Orange"_s, u"Yellow"_s, u"Green"_s, u"Blue"_s, u"Purple"_s, u"Gray"_s,
                                 u"No Label"_s}));
    QVERIFY(!window.labelAction(Label::Red)->icon().isNull());
    edited.clear();
    labelMenu->actions().constLast()->trigger(); // No Label, on row 1 only
    menu->close();
    QVERIFY(edited.wait(5000));
    QCOMPARE(model->summary(1).label, Label::None);
    QVERIFY(!model->index(1, 0).data(Qt::BackgroundRole).isValid());

    // Two labels in quick succession: the second wins, in the table and (below) in the store.
    window.selectRow(2);
    edited.clear();
    window.labelAction(Label::Red)->trigger();
    window.labelAction(Label::Yellow)->trigger();
    QTRY_COMPARE(edited.size(), 2);
    QCOMPARE(model->summary(2).label, Label::Yellow);

    // The filter finds labelled requests.
    QSignalSpy applied(&window, &MainWindow::filterApplied);
    window.setFilterText(u"label:orange"_s);
    QVERIFY(applied.wait(5000));
    QCOMPARE(model->rowCount(), 1);
    QCOMPARE(model->summary(0).target, "/a");
    service.shutdown();

    // In the store, for the next start and the CLI.
    RequestStore store;
    QVERIFY(store.open(dir.path()));
    QCOMPARE(store.request(1).value().label, Label::Orange);
    QCOMPARE(store.request(2).value().label, Label::None);
    QCOMPARE(store.request(3).value().label, Label::Yellow);
}

void TestMainWindow::pauseCaptureAndClear()
{
    QTemporaryDir dir;
    RunningWindow running(dir.path());
    QVERIFY(running.start());
    CaptureService &service = running.service;
    MainWindow &window = running.window;
    const quint16 port = service.boundAddresses().first().port;
    auto post = [&running](const QByteArray &path) {
        return running.send("POST " + path + " HTTP/1.1\r\nContent-Length: 0\r\n\r\n");
    };
    QVERIFY(post("/a"));
    QVERIFY(post("/b"));
    QTRY_COMPARE(window.requestModel()->rowCount(), 2);

    // Capture off: the endpoint refuses connections; on again: same URL, capturing.
    QSignalSpy paused(&service, &CaptureService::capturePaused);
    window.captureAction()->trigger();
    QVERIFY(paused.wait(5000));
    QVERIFY(!window.captureAction()->isChecked());
    QTcpSocket refused;
    refused.connectToHost(QHostAddress::LocalHost, port);
    QVERIFY(!refused.waitForConnected(2000)); // nothing listens on the port any more
    window.captureAction()->trigger();
    QVERIFY(running.listening.wait(5000));
    QCOMPARE(service.boundAddresses().first().port, port);
    QVERIFY(post("/c"));
    QTRY_COMPARE(window.requestModel()->rowCount(), 3);

    // Clear keeps pinned requests.
    window.selectRow(0);
    QSignalSpy edited(&window, &MainWindow::selectionEdited);
    window.pinAction()->trigger();
    QVERIFY(edited.wait(5000));
    window.clearAction()->trigger();
    QVERIFY(edited.wait(5000));
    QCOMPARE(window.requestModel()->rowCount(), 1);
    QCOMPARE(window.requestModel()->summary(0).target, "/a");
    service.shutdown();
    RequestStore store;
    QVERIFY(store.open(dir.path()));
    QCOMPARE(store.count().value(), 1);
}

void TestMainWindow::settingsRefuseBadValuesAndApplyGoodOnes()
{
    QTemporaryDir dir;
    RunningWindow running(dir.path());
    QVERIFY(running.start());
    CaptureService &service = running.service;
    MainWindow &window = running.window;
    const quint16 oldPort = service.boundAddresses().first().port;

    SettingsDialog *dialog = window.openSettings();
    QVERIFY(QTest::qWaitForWindowExposed(dialog));
    // Each bad value is refused with a message; the dialog stays open and nothing is applied.
    dialog->setListenText(u"nowhere:80"_s);
    dialog->accept();
    QVERIFY2(dialog->errorText().contains(u"nowhere"_s), qPrintable(dialog->errorText()));
    QVERIFY(dialog->isVisible());
    dialog->setListenText(u"127.0.0.1:0"_s);
    dialog->setMaxBodyText(u"lots"_s);
    dialog->accept();
    QVERIFY(dialog->errorText().contains(u"lots"_s));
    dialog->setMaxBodyText(u"10"_s);
    dialog->setMaxAgeText(u"soon"_s);
    dialog->accept();
    QVERIFY(dialog->errorText().contains(u"soon"_s));
    dialog->setMaxAgeText(u"7d"_s);
    dialog->setMaxHeaderText(u"100"_s); // too small for any request
    dialog->accept();
    QVERIFY2(dialog->errorText().contains(u"between 1k and 16M"_s), qPrintable(dialog->errorText()));
    QCOMPARE(service.boundAddresses().first().port, oldPort);

    // Good values: applied to the running endpoint.
    dialog->setMaxHeaderText(u"2k"_s);
    dialog->setTimeouts(3, 20);
    dialog->setAnswer(202, u"queued"_s);
    dialog->setTheme(Theme::Dark);
    QSignalSpy applied(&window, &MainWindow::settingsApplied);
    running.listening.clear();
    dialog->accept();
    QVERIFY(running.listening.wait(5000));
    QVERIFY(!applied.isEmpty() || applied.wait(5000));
    QCOMPARE(service.options().retention.maxAgeSeconds, qint64(7 * 86400));
    QCOMPARE(service.options().capture.maxHeaderBytes, qint64(2048));
    QCOMPARE(service.options().capture.idleTimeoutMs, 3000);
    QCOMPARE(service.options().capture.requestTimeoutMs, 20000);
    // Dark theme: dark window, light text.
    QVERIFY(window.palette().color(QPalette::Window).lightness() < 100);
    QVERIFY(window.palette().color(QPalette::WindowText).lightness() > 180);
    applyTheme(Theme::System);
    const quint16 port = service.boundAddresses().first().port;
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, port);
    QVERIFY(socket.waitForConnected(5000));
    socket.write("POST /after HTTP/1.1\r\nContent-Length: 2\r\n\r\nok");
    QTRY_VERIFY((socket.waitForReadyRead(50), socket.bytesAvailable() > 0));
    QByteArray answer;
    QTRY_VERIFY((answer += socket.readAll(), answer.endsWith("queued")));
    QVERIFY(answer.startsWith("HTTP/1.1 202 "));
    // The new body limit applies too: 11 bytes are refused.
    QTcpSocket big;
    big.connectToHost(QHostAddress::LocalHost, port);
    QVERIFY(big.waitForConnected(5000));
    big.write("POST /big HTTP/1.1\r\nContent-Length: 11\r\n\r\n01234567890");
    QVERIFY(big.waitForReadyRead(5000));
    QVERIFY(big.readAll().startsWith("HTTP/1.1 413 "));
    // So does the header limit: a 3 KiB header block gets 431.
    QTcpSocket longHeaders;
    longHeaders.connectToHost(QHostAddress::LocalHost, port);
    QVERIFY(longHeaders.waitForConnected(5000));
    longHeaders.write("GET /h HTTP/1.1\r\nX-Long: " + QByteArray(3072, 'a') + "\r\n\r\n");
    QVERIFY(longHeaders.waitForReadyRead(5000));
    const QByteArray refused = longHeaders.readAll();
    QVERIFY2(refused.startsWith("HTTP/1.1 431 "), refused.constData());
    service.shutdown();
    // Saved for the next start.
    CaptureSettings saved;
    RetentionPolicy savedRetention;
    MainWindow::loadSavedSettings(&saved, &savedRetention);
    QCOMPARE(saved.maxHeaderBytes, qint64(2048));
    QCOMPARE(saved.idleTimeoutMs, 3000);
    // A hand-edited file with values the dialog would refuse: the defaults stay.
    QSettings().setValue(u"capture/maxHeaderBytes"_s, 0);
    QSettings().setValue(u"capture/idleTimeoutMs"_s, -5);
    CaptureSettings edited;
    MainWindow::loadSavedSettings(&edited, &savedRetention);
    QCOMPARE(edited.maxHeaderBytes, CaptureSettings().maxHeaderBytes);
    QCOMPARE(edited.idleTimeoutMs, CaptureSettings().idleTimeoutMs);
    // The answer is saved with the data directory.
    RequestStore store;
    QVERIFY(store.open(dir.path()));
    QCOMPARE(store.loadResponseRules().value().fallback().status, 202);
}

void TestMainWindow::signatureTabVerifiesWithConfiguredSecrets()
{
    QTemporaryDir dir;
    RunningWindow running(dir.path());
    QVERIFY(running.start());
    CaptureService &service = running.service;
    MainWindow &window = running.window;
    RequestInspector *inspector = window.inspector();
    const QByteArray secret = "It's a Secret to Everybody";
    const QByteArray body = R"({"ref":"refs/heads/main","zen":"Keep it logically awesome."})";
    QVERIFY(running.send(githubRequest("/hooks/github", body, body, secret)));
    QTRY_COMPARE(window.requestModel()->rowCount(), 1);

    // (a) Signed by GitHub, but no secret is set yet.
    window.selectRow(0);
    QTRY_VERIFY2(inspector->signatureVerdict() == Verify::Verdict::NoSecret, verdictText(inspector->signatureVerdict()));
    QString shown = inspector->signatureText();
    QVERIFY2(shown.contains(u"GitHub"_s), qPrintable(shown));
    QVERIFY2(shown.contains(u"no-secret"_s), qPrintable(shown));
    QVERIFY(shown.contains(u"no secret is set"_s));
    QVERIFY(shown.contains(u"X-Hub-Signature-256"_s));
    QCOMPARE(inspector->editSecretButton()->text(), u"Set secret\u2026"_s);

    // (b) The tab's button opens the Secrets dialog on a new GitHub entry for this path; saving it verifies again.
    QSignalSpy secretsChanged(&window, &MainWindow::secretsChanged);
    QTest::mouseClick(inspector->editSecretButton(), Qt::LeftButton);
    SecretsDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = window.findChild<SecretsDialog *>()) != nullptr);
    QVERIFY(QTest::qWaitForWindowExposed(dialog));
    QVERIFY(dialog->isEditingEntry());
    QCOMPARE(dialog->provider(), u"github"_s);
    QCOMPARE(dialog->pathPrefixText(), u"/hooks/github"_s);
    auto *secretsEdit = dialog->findChild<MaskedTextEdit *>();
    QVERIFY(secretsEdit);
    QVERIFY(secretsEdit->isMasked());
    QTest::keyClicks(secretsEdit, QString::fromUtf8(secret));
    QCOMPARE(dialog->secretsText(), QString::fromUtf8(secret));
    QVERIFY(!secretsEdit->toPlainText().contains(u"Secret"_s)); // shown as bullets
    dialog->accept();
    QVERIFY(secretsChanged.wait(5000));
    QCOMPARE(secretsChanged.first().first().value<Verify::SecretList>().size(), 1);
    QTRY_VERIFY2(inspector->signatureVerdict() == Verify::Verdict::Valid, verdictText(inspector->signatureVerdict()));
    shown = inspector->signatureText();
    QVERIFY2(shown.contains(u"Signature: valid"_s), qPrintable(shown));
    QVERIFY(shown.contains(u"Valid GitHub signature"_s));
    QVERIFY(!shown.contains(QString::fromUtf8(secret))); // the secret itself is never shown
    QCOMPARE(inspector->editSecretButton()->text(), u"Change secret\u2026"_s);
    // Saved for the data directory, readable by the owner only.
    const QString file = Verify::SecretStore::filePath(dir.path());
    QCOMPARE(Verify::SecretStore::load(dir.path()).value().first().secrets, QList<QByteArray>{secret});
    QVERIFY(!(QFile::permissions(file) & (QFile::ReadGroup | QFile::ReadOther | QFile::WriteGroup | QFile::WriteOther)));

    // (c) A body changed after signing: invalid, and the tab says why.
    const QByteArray tampered = R"({"ref":"refs/heads/evil","zen":"Keep it logically awesome."})";
    QVERIFY(running.send(githubRequest("/hooks/github", tampered, body, secret)));
    QTRY_COMPARE(window.requestModel()->rowCount(), 2);
    window.selectRow(1);
    QTRY_VERIFY2(inspector->signatureVerdict() == Verify::Verdict::Invalid, verdictText(inspector->signatureVerdict()));
    shown = inspector->signatureText();
    QVERIFY2(shown.contains(u"The signature does not match"_s), qPrintable(shown));
    QVERIFY(shown.contains(u"Signature: does not match"_s));
    QVERIFY(shown.contains(u"refs/heads/evil"_s)); // the signed content, as received

    // A secrets file written elsewhere (a rotation: the old secret second) and read again the way the dialog's
    // save is: the window verifies with it and announces it.
    window.selectRow(0);
    QTRY_VERIFY(inspector->signatureVerdict() == Verify::Verdict::Valid);
    Verify::SecretEntry rotated;
    rotated.provider = u"github"_s;
    rotated.pathPrefix = u"/hooks"_s;
    rotated.secrets = {"the-new-secret", secret};
    QVERIFY(Verify::SecretStore::save(dir.path(), {rotated}));
    secretsChanged.clear();
    window.reloadSecrets(MainWindow::SecretsReload::Announce);
    QVERIFY(secretsChanged.wait(5000));
    QCOMPARE(window.secrets().first().pathPrefix, u"/hooks"_s);
    QTRY_VERIFY2(inspector->signatureText().contains(u"with secret 2 of 2"_s), qPrintable(inspector->signatureText()));
    QCOMPARE(inspector->signatureVerdict(), std::optional(Verify::Verdict::Valid));
    service.shutdown();
}

void TestMainWindow::secretsDialogRefusesBadInputAndKeepsIt()
{
    QTemporaryDir dir;
    RunningWindow running(dir.path());
    QVERIFY(running.start());
    MainWindow &window = running.window;
    const QString file = Verify::SecretStore::filePath(dir.path());

    SecretsDialog *dialog = window.openSecrets(u"github"_s, u"/hooks/github"_s);
    // Where the secrets will go (the tests keep them in the data directory's file, never in a desktop keyring).
    QVERIFY2(dialog->storageText().contains(u"secrets.json"_s), qPrintable(dialog->storageText()));
    QVERIFY(QTest::qWaitForWindowExposed(dialog));
    QVERIFY(dialog->isEditingEntry());
    QVERIFY(!dialog->isGenericEditable()); // generic settings are for Generic HMAC only

    // No secret: refused, nothing saved, the typed values stay.
    dialog->setPublicUrlText(u"https://example.com/hooks/github"_s);
    dialog->accept();
    QVERIFY2(dialog->errorText().contains(u"secret"_s), qPrintable(dialog->errorText()));
    QVERIFY(dialog->isVisible());
    QVERIFY(dialog->isEditingEntry());
    QCOMPARE(dialog->pathPrefixText(), u"/hooks/github"_s);
    QCOMPARE(dialog->publicUrlText(), u"https://example.com/hooks/github"_s);

    // Typing while masked: bullets on screen, the secret kept; line breaks separate secrets (rotation).
    auto *secretsEdit = dialog->findChild<MaskedTextEdit *>();
    QVERIFY(secretsEdit);
    QTest::keyClicks(secretsEdit, u"ab"_s);
    QTest::keyClick(secretsEdit, Qt::Key_Return);
    QTest::keyClicks(secretsEdit, u"cd"_s);
    QTest::keyClick(secretsEdit, Qt::Key_Left);
    QTest::keyClick(secretsEdit, Qt::Key_Backspace);
    QCOMPARE(dialog->secretsText(), u"ab\nd"_s);
    QCOMPARE(secretsEdit->toPlainText(), u"\u2022\u2022\n\u2022"_s);
    auto *show = dialog->findChild<QCheckBox *>();
    QVERIFY(show);
    show->click();
    QVERIFY(!dialog->areSecretsMasked());
    QCOMPARE(secretsEdit->toPlainText(), u"ab\nd"_s);
    show->click();
    QVERIFY(dialog->areSecretsMasked());

    // A public URL that is not http(s).
    dialog->setPublicUrlText(u"ftp://example.com/hook"_s);
    dialog->accept();
    QVERIFY2(dialog->errorText().contains(u"http"_s), qPrintable(dialog->errorText()));
    QCOMPARE(dialog->publicUrlText(), u"ftp://example.com/hook"_s);
    dialog->setPublicUrlText(QString());

    // Generic HMAC with settings that do not parse.
    dialog->setProvider(u"generic-hmac"_s);
    QVERIFY(dialog->isGenericEditable());
    dialog->setGenericText(u"algorithm=md5;header=X-Sig"_s);
    dialog->accept();
    QVERIFY2(dialog->errorText().contains(u"md5"_s), qPrintable(dialog->errorText()));
    QCOMPARE(dialog->genericText(), u"algorithm=md5;header=X-Sig"_s);
    QCOMPARE(dialog->secretsText(), u"ab\nd"_s);
    QVERIFY(!QFile::exists(file));

    // Fixed: saved, the window reads the list back.
    QSignalSpy secretsChanged(&window, &MainWindow::secretsChanged);
    dialog->setGenericText(u"algorithm=sha512;header=X-Sig;prefix=v1="_s);
    dialog->accept();
    QVERIFY(secretsChanged.wait(5000));
    QCOMPARE(window.secrets().size(), 1);
    const Verify::SecretEntry saved = window.secrets().first();
    QCOMPARE(saved.provider, u"generic-hmac"_s);
    QCOMPARE(saved.secrets, (QList<QByteArray>{"ab", "d"}));
    QCOMPARE(saved.generic.algorithm, QByteArray("sha512"));
    QCOMPARE(saved.generic.prefix, QByteArray("v1="));

    // A second entry for the same provider and prefix is refused.
    SecretsDialog *again = window.openSecrets(u"generic-hmac"_s, u"/elsewhere"_s);
    QVERIFY(QTest::qWaitForWindowExposed(again));
    QCOMPARE(again->pathPrefixText(), u"/elsewhere"_s); // no entry matches this path: a new one
    again->setPathPrefixText(u"/hooks/github"_s);
    again->setSecretsText(u"x"_s);
    again->accept();
    QVERIFY2(again->errorText().contains(u"already"_s), qPrintable(again->errorText()));
    QCOMPARE(again->pathPrefixText(), u"/hooks/github"_s);
    again->reject();

    // A file that cannot be written: said in the dialog, which stays open with the entry listed.
    QFile blocker(dir.filePath(u"not-a-directory"_s));
    QVERIFY(blocker.open(QIODevice::WriteOnly));
    blocker.close();
    SecretsDialog unwritable(blocker.fileName(), {});
    unwritable.show();
    QVERIFY(QTest::qWaitForWindowExposed(&unwritable));
    unwritable.editEntryFor(u"stripe"_s, u"/stripe"_s);
    unwritable.setSecretsText(u"whsec_test"_s);
    unwritable.accept();
    QTRY_VERIFY2(unwritable.errorText().contains(u"Cannot save"_s), qPrintable(unwritable.errorText()));
    QVERIFY(unwritable.isVisible());
    QCOMPARE(unwritable.entries().size(), 1);
    running.service.shutdown();
}

void TestMainWindow::resendDialogSendsTheEditedRequest()
{
    QTemporaryDir dir;
    QTemporaryDir targetDir;
    RunningWindow running(dir.path());
    QVERIFY(running.start());
    MainWindow &window = running.window;
    Target target(targetDir.path());
    QVERIFY(target.start());
    const QByteArray body = R"({"id":"evt_1","amount":1.50})";
    // Duplicate headers in mixed case, a percent-encoded query: all of it must go out as it came in.
    QVERIFY(running.send(withLength("POST /hooks/orders?shop=%E2%9C%93&n=1 HTTP/1.1\r\nHost: hooks.test\r\n"
                                    "Content-Type: application/json\r\nX-Trace: one\r\nx-dup: a\r\nX-Dup: b\r\n",
                                    body)));
    QTRY_COMPARE(window.requestModel()->rowCount(), 1);
    window.selectRow(0);
    RequestInspector *inspector = window.inspector();
    QTRY_VERIFY(inspector->hasRequest());
    QVERIFY(inspector->attempts().isEmpty());

    ResendDialog *dialog = window.openResend();
    QVERIFY(dialog);
    QVERIFY(QTest::qWaitForWindowExposed(dialog));
    QTRY_VERIFY(dialog->hasRequest());
    QVERIFY(dialog->sendButton()->isEnabled());
    QCOMPARE(dialog->methodText(), u"POST"_s);
    QCOMPARE(dialog->requestTargetText(), u"/hooks/orders?shop=%E2%9C%93&n=1"_s);
    QCOMPARE(dialog->headerRows().size(), 6);
    QCOMPARE(dialog->headerRows().at(3), std::pair(u"x-dup"_s, u"a"_s));
    QVERIFY(dialog->isTextBodyAvailable());
    QCOMPARE(dialog->bodySource(), ResendDialog::BodySource::Original);
    QVERIFY(!dialog->isResignAvailable()); // no known signature
    dialog->setTargetText(target.url());
    QVERIFY2(dialog->resolvedUrlText().contains(target.url() + u"/hooks/orders?shop=%E2%9C%93&n=1"_s),
             qPrintable(dialog->resolvedUrlText()));
    dialog->setHeader(u"X-Trace"_s, u"two"_s);
    QSignalSpy stored(&window, &MainWindow::resendAttemptStored);
    QTest::mouseClick(dialog->sendButton(), Qt::LeftButton);
    QVERIFY(stored.wait(10000));
    const StoredAttempt attempt = stored.first().first().value<StoredAttempt>();
    QCOMPARE(attempt.status, 200);
    QVERIFY(attempt.error.isEmpty());

    // The second endpoint got the edited request byte for byte, Host naming it.
    QTRY_COMPARE(target.received().size(), 1);
    const QByteArray port = QByteArray::number(target.service.boundAddresses().first().port);
    const QByteArray expected = withLength("POST /hooks/orders?shop=%E2%9C%93&n=1 HTTP/1.1\r\nHost: 127.0.0.1:" + port +
                                               "\r\nContent-Type: application/json\r\nX-Trace: two\r\nx-dup: a\r\n"
                                               "X-Dup: b\r\n",
                                           body);
    QCOMPARE(target.received().first().raw, expected);
    QCOMPARE(attempt.requestBytes, expected);

    // The Resends tab lists it, with the response and what was sent.
    QTRY_COMPARE(inspector->attempts().size(), 1);
    QVERIFY(inspector->isShowingResends());
    const QString row = inspector->attemptRowText(0);
    QVERIFY2(row.contains(u"\tresend\t"_s + target.url() + u"/hooks/orders"_s), qPrintable(row));
    QVERIFY2(row.contains(u"\t200 OK\t"_s), qPrintable(row));
    // The JSON answer in the same body views as requests: a tree, or indented text.
    BodyViewer *response = inspector->responseViewer();
    QTRY_COMPARE(response->effectiveView(), BodyViewer::View::JsonTree);
    QVERIFY(!response->jsonModel()->find(u"received_by"_s, 10).isEmpty());
    response->setView(BodyViewer::View::PrettyJson);
    QTRY_VERIFY2(inspector->attemptDetailText().contains(u"\"received_by\": \"hookscope\""_s),
                 qPrintable(inspector->attemptDetailText()));
    response->setView(BodyViewer::View::Auto);
    const QString detail = inspector->attemptDetailText();
    QVERIFY2(detail.contains(u"HTTP/1.1 200 OK"_s), qPrintable(detail));
    QVERIFY(detail.contains(u"Content-Type: application/json"_s)); // response headers
    QVERIFY(detail.contains(u"first byte"_s));
    QVERIFY(detail.contains(u"X-Trace: two"_s)); // the request as sent
    QCOMPARE(ResendDialog::savedTargets().value(0), target.url());

    // What the resend changed, against the request as captured: the edited header and the Host of the target.
    QVERIFY(!inspector->compareButton()->isEnabled());
    QVERIFY(inspector->compareRequestButton()->isEnabled());
    QSignalSpy compared(inspector, &RequestInspector::comparisonShown);
    QTest::mouseClick(inspector->compareRequestButton(), Qt::LeftButton);
    QVERIFY(compared.wait(5000));
    const QStringList diff = inspector->comparisonText().split(u'\n');
    const QString diffText = inspector->comparisonText();
    QCOMPARE(diff.value(0), u"  POST /hooks/orders?shop=%E2%9C%93&n=1 HTTP/1.1"_s);
    QVERIFY2(diff.contains(u"- Host: hooks.test"_s), qPrintable(diffText));
    QVERIFY2(diff.contains(u"+ Host: 127.0.0.1:"_s + QString::fromLatin1(port)), qPrintable(diffText));
    QVERIFY2(diff.contains(u"- X-Trace: one"_s) && diff.contains(u"+ X-Trace: two"_s), qPrintable(diffText));
    QVERIFY2(diff.contains(u"  x-dup: a"_s) && diff.contains(u"  X-Dup: b"_s), qPrintable(diffText));
    QVERIFY2(diff.contains(u"    \"amount\": 1.50"_s), qPrintable(diffText)); // the body, indented, unchanged
    QVERIFY2(!diff.contains(u"- Content-Type: application/json"_s), qPrintable(diffText));

    running.service.shutdown();
    RequestStore store;
    QVERIFY(store.open(dir.path()));
    const QList<StoredAttempt> attempts = store.attempts(1).value();
    QCOMPARE(attempts.size(), 1);
    QCOMPARE(attempts.first().status, 200);
    QVERIFY(attempts.first().rule.isEmpty());
}

void TestMainWindow::resendAgainToTheLastTarget()
{
    QTemporaryDir dir;
    QTemporaryDir targetDir;
    RunningWindow running(dir.path());
    QVERIFY(running.start());
    MainWindow &window = running.window;
    Target target(targetDir.path());
    QVERIFY(target.start());
    QVERIFY(running.send("POST /a HTTP/1.1\r\nHost: h\r\nContent-Length: 1\r\n\r\na"));
    QVERIFY(running.send("PUT /b HTTP/1.1\r\nHost: h\r\nContent-Length: 1\r\n\r\nb"));
    QTRY_COMPARE(window.requestModel()->rowCount(), 2);
    auto *table = window.findChild<QTableView *>();
    QVERIFY(table);
    table->setFocus();
    window.selectRow(0);
    QTRY_VERIFY(window.inspector()->hasRequest());
    QVERIFY(window.resendAction()->isEnabled());
    QSignalSpy stored(&window, &MainWindow::resendAttemptStored);

    // No target yet in this session: Resend asks for one. (Triggered, not typed: QTest's key release would go to a
    // window blocked by the modal dialog, and Ctrl would stay down for the rest of the run.)
    QCOMPARE(window.resendAction()->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_R));
    window.resendAction()->trigger();
    ResendDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = window.findChild<ResendDialog *>()) != nullptr);
    QVERIFY(QTest::qWaitForWindowExposed(dialog));
    QTRY_VERIFY(dialog->hasRequest());
    dialog->setTargetText(target.url());
    dialog->setMethodText(u"PATCH"_s); // an edit of this request, made again by Ctrl+R on it
    dialog->accept();
    QVERIFY(stored.wait(10000));
    QTRY_COMPARE(target.received().size(), 1);
    QCOMPARE(target.received().at(0).method, QByteArray("PATCH"));
    QTRY_VERIFY(window.findChild<ResendDialog *>() == nullptr);
    window.activateWindow(); // the offscreen platform does not give the focus back when a dialog closes
    QVERIFY(QTest::qWaitForWindowActive(&window));
    table->setFocus();

    // The other request: Ctrl+R sends it as captured to the same target, without a dialog.
    window.selectRow(1);
    QTest::keyClick(table, Qt::Key_R, Qt::ControlModifier);
    QVERIFY(window.findChild<ResendDialog *>() == nullptr);
    QVERIFY(stored.wait(10000));
    QTRY_COMPARE(target.received().size(), 2);
    QCOMPARE(target.received().at(1).method, QByteArray("PUT"));
    QCOMPARE(target.received().at(1).target, QByteArray("/b"));
    QCOMPARE(target.received().at(1).body, QByteArray("b"));

    // Both: sent in the order they arrived; the first with the edit the dialog made.
    table->selectAll();
    QTest::keyClick(table, Qt::Key_R, Qt::ControlModifier);
    QTRY_COMPARE(target.received().size(), 4);
    QCOMPARE(target.received().at(2).target, QByteArray("/a"));
    QCOMPARE(target.received().at(2).method, QByteArray("PATCH"));
    QCOMPARE(target.received().at(3).target, QByteArray("/b"));
    QTRY_COMPARE(stored.size(), 4);
    QVERIFY(window.findChild<ResendDialog *>() == nullptr);

    // Resend… (Ctrl+Shift+R) always asks, with the last target on top of the history.
    window.selectRow(0);
    QCOMPARE(window.resendToAction()->shortcut(), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R));
    window.resendToAction()->trigger();
    QTRY_VERIFY((dialog = window.findChild<ResendDialog *>()) != nullptr);
    QCOMPARE(dialog->targetText(), target.url());
    dialog->reject();
    running.service.shutdown();
}

void TestMainWindow::resendDialogRefusesBadInputAndKeepsIt()
{
    QTemporaryDir dir;
    RunningWindow running(dir.path());
    QVERIFY(running.start());
    MainWindow &window = running.window;
    QVERIFY(running.send("POST /hook HTTP/1.1\r\nHost: h\r\nX-One: 1\r\nContent-Length: 2\r\n\r\n{}"));
    QTRY_COMPARE(window.requestModel()->rowCount(), 1);
    window.selectRow(0);
    QTRY_VERIFY(window.inspector()->hasRequest());
    ResendDialog *dialog = window.openResend();
    QVERIFY(dialog);
    QVERIFY(QTest::qWaitForWindowExposed(dialog));
    QTRY_VERIFY(dialog->hasRequest());
    dialog->setHeader(u"X-Added"_s, u"typed by hand"_s);
    dialog->removeHeaderRow(1); // X-One
    const QList<std::pair<QString, QString>> headers = dialog->headerRows();
    QCOMPARE(headers.size(), 3);

    // Not an http(s) URL: refused, everything typed stays.
    dialog->setTargetText(u"ftp://example.com/upload"_s);
    QVERIFY(dialog->resolvedUrlText().contains(u"http"_s));
    QTest::mouseClick(dialog->sendButton(), Qt::LeftButton);
    QVERIFY2(dialog->errorText().contains(u"http://"_s), qPrintable(dialog->errorText()));
    QVERIFY(dialog->errorText().contains(u"ftp://example.com/upload"_s));
    QVERIFY(dialog->isVisible());
    QCOMPARE(dialog->targetText(), u"ftp://example.com/upload"_s);
    QCOMPARE(dialog->headerRows(), headers);

    // An empty method, a header name with a space, a path with a space.
    dialog->setTargetText(u"http://127.0.0.1:9/"_s);
    dialog->setMethodText(QString());
    dialog->accept();
    QVERIFY2(dialog->errorText().contains(u"method"_s), qPrintable(dialog->errorText()));
    dialog->setMethodText(u"POST"_s);
    dialog->setHeader(u"Bad Name"_s, u"x"_s);
    dialog->accept();
    QVERIFY2(dialog->errorText().contains(u"\"Bad Name\" is not a header name"_s), qPrintable(dialog->errorText()));
    QCOMPARE(dialog->headerRows().size(), 4);
    dialog->removeHeaderRow(3);
    dialog->setRequestTargetText(u"/a path"_s);
    dialog->accept();
    QVERIFY2(dialog->errorText().contains(u"no spaces"_s), qPrintable(dialog->errorText()));
    QCOMPARE(dialog->requestTargetText(), u"/a path"_s);
    QCOMPARE(dialog->headerRows(), headers);
    QVERIFY(dialog->isVisible());
    dialog->reject();

    // Nothing was sent, so nothing was stored.
    running.service.shutdown();
    RequestStore store;
    QVERIFY(store.open(dir.path()));
    QVERIFY(store.attempts(1).value().isEmpty());
}

void TestMainWindow::resendSignsAgainForTheTarget()
{
    QTemporaryDir dir;
    QTemporaryDir targetDir;
    RunningWindow running(dir.path());
    QVERIFY(running.start());
    MainWindow &window = running.window;
    Target target(targetDir.path());
    QVERIFY(target.start());
    const QByteArray secret = "It's a Secret to Everybody";
    const QByteArray body = R"({"zen":"Keep it logically awesome."})";
    QVERIFY(running.send(githubRequest("/hooks/github", body, body, secret)));
    QTRY_COMPARE(window.requestModel()->rowCount(), 1);
    window.selectRow(0);
    QTRY_VERIFY(window.inspector()->hasRequest());

    // No secret in the list: the dialog asks for one to be pasted.
    ResendDialog *dialog = window.openResend();
    QVERIFY(dialog);
    QTRY_VERIFY(dialog->hasRequest());
    QVERIFY(dialog->isResignAvailable());
    dialog->setTargetText(target.url());
    dialog->setBodyText(u"{\"zen\":\"edited\"}"_s);
    dialog->setResign(true);
    dialog->accept();
    QVERIFY2(dialog->errorText().contains(u"secret"_s), qPrintable(dialog->errorText()));
    dialog->setSecretText(QString::fromUtf8(secret));
    QSignalSpy stored(&window, &MainWindow::resendAttemptStored);
    dialog->accept();
    QVERIFY(stored.wait(10000));
    QTRY_COMPARE(target.received().size(), 1);
    // Signed after the edit: the new body's signature, valid with the secret.
    const CapturedRequest received = target.received().first();
    QCOMPARE(received.body, QByteArray(R"({"zen":"edited"})"));
    QCOMPARE(received.headerValue("x-hub-signature-256"),
             "sha256=" + QMessageAuthenticationCode::hash(received.body, secret, QCryptographicHash::Sha256).toHex());
    QVERIFY(!received.raw.contains(secret));
    running.service.shutdown();
}

void TestMainWindow::resendBinaryBodyFromAFile()
{
    QTemporaryDir dir;
    QTemporaryDir targetDir;
    RunningWindow running(dir.path());
    QVERIFY(running.start());
    MainWindow &window = running.window;
    Target target(targetDir.path());
    QVERIFY(target.start());
    const QByteArray captured("\x00\x01\x02png\r\n", 8);
    QVERIFY(running.send(withLength("POST /upload HTTP/1.1\r\nHost: h\r\nContent-Type: image/png\r\n", captured)));
    QTRY_COMPARE(window.requestModel()->rowCount(), 1);
    window.selectRow(0);
    QTRY_VERIFY(window.inspector()->hasRequest());
    ResendDialog *dialog = window.openResend();
    QVERIFY(dialog);
    QTRY_VERIFY(dialog->hasRequest());
    QVERIFY(!dialog->isTextBodyAvailable()); // a text editor would change these bytes
    dialog->setTargetText(target.url());

    // From a file: refused until one is read; then its bytes go out, with their length.
    QTemporaryFile file;
    QVERIFY(file.open());
    const QByteArray replacement("\x89PNG\r\n\x1a\n\x00\x00\xff", 11);
    file.write(replacement);
    file.close();
    QSignalSpy read(dialog, &ResendDialog::bodyFileRead);
    dialog->setBodyFile(file.fileName());
    QCOMPARE(dialog->bodySource(), ResendDialog::BodySource::File);
    QVERIFY(read.wait(5000));
    QSignalSpy stored(&window, &MainWindow::resendAttemptStored);
    dialog->accept();
    QVERIFY2(dialog->errorText().isEmpty(), qPrintable(dialog->errorText()));
    QVERIFY(stored.wait(10000));
    QTRY_COMPARE(target.received().size(), 1);
    QCOMPARE(target.received().first().body, replacement);
    QCOMPARE(target.received().first().headerValue("content-length"), QByteArray("11"));
    QCOMPARE(target.received().first().headerValue("content-type"), QByteArray("image/png"));
    running.service.shutdown();
}

void TestMainWindow::forwardingDialogSavesAndAppliesRules()
{
    QTemporaryDir dir;
    QTemporaryDir targetDir;
    RunningWindow running(dir.path());
    QVERIFY(running.start());
    MainWindow &window = running.window;
    Target target(targetDir.path());
    QVERIFY(target.start());
    const QString file = Forward::filePath(dir.path());

    ForwardingDialog *dialog = window.openForwarding();
    QVERIFY(QTest::qWaitForWindowExposed(dialog));
    dialog->addRule();
    QVERIFY(dialog->isEditingRule());
    dialog->setPrefixText(u"hooks"_s);
    dialog->setTargetText(target.url());
    dialog->accept();
    QVERIFY2(dialog->errorText().contains(u"starts with /"_s), qPrintable(dialog->errorText()));
    QVERIFY(dialog->isVisible());
    QVERIFY(dialog->isEditingRule());
    QCOMPARE(dialog->prefixText(), u"hooks"_s);
    QCOMPARE(dialog->targetText(), target.url());
    dialog->setPrefixText(u"/hooks"_s);
    dialog->setTargetText(u"localhost:3000"_s);
    dialog->accept();
    QVERIFY2(dialog->errorText().contains(u"http://"_s), qPrintable(dialog->errorText()));
    dialog->setTargetText(target.url());
    // Retry numbers: the first delay may not be longer than the longest.
    Forward::RetryPolicy retry;
    retry.initialMs = 60000;
    retry.maxMs = 1000;
    retry.maxAttempts = 3;
    dialog->setRetryPolicy(retry);
    dialog->accept();
    QVERIFY2(dialog->errorText().contains(u"longer than the longest"_s), qPrintable(dialog->errorText()));
    QVERIFY(!QFile::exists(file));
    retry.initialMs = 500;
    dialog->setRetryPolicy(retry);
    QSignalSpy applied(&window, &MainWindow::forwardingApplied);
    dialog->accept();
    QVERIFY(applied.wait(5000));

    const Forward::Settings saved = Forward::load(dir.path()).value();
    QCOMPARE(saved.rules.size(), 1);
    QCOMPARE(saved.rules.first().prefix, u"/hooks"_s);
    QCOMPARE(saved.rules.first().target.toString(), target.url());
    QCOMPARE(saved.rules.first().mode, Forward::Mode::Queue);
    QCOMPARE(saved.retry.initialMs, 500);
    QCOMPARE(saved.retry.maxAttempts, 3);

    // Applied at once: the next request under /hooks is delivered, one elsewhere is not.
    QVERIFY(running.send("POST /other HTTP/1.1\r\nHost: h\r\nContent-Length: 0\r\n\r\n"));
    QVERIFY(running.send("POST /hooks/orders?x=1 HTTP/1.1\r\nHost: h\r\nContent-Length: 2\r\n\r\n{}"));
    QTRY_COMPARE(window.requestModel()->rowCount(), 2);
    QTRY_COMPARE(window.requestModel()->index(1, RequestListModel::ForwardColumn).data().toString(),
                 u"delivered (200)"_s);
    QCOMPARE(window.requestModel()->index(0, RequestListModel::ForwardColumn).data().toString(), QString());
    QCOMPARE(target.received().size(), 1);
    QCOMPARE(target.received().first().target, QByteArray("/orders?x=1"));
    QCOMPARE(target.received().first().body, QByteArray("{}"));

    // The delivery attempt is on the request's Resends tab.
    window.selectRow(1);
    QTRY_COMPARE(window.inspector()->attempts().size(), 1);
    QVERIFY2(window.inspector()->attemptRowText(0).contains(u"\tforwarding\t"_s),
             qPrintable(window.inspector()->attemptRowText(0)));

    // Paused from the list: saved disabled.
    ForwardingDialog *again = window.openForwarding();
    QVERIFY(QTest::qWaitForWindowExposed(again));
    QCOMPARE(again->settings().rules.size(), 1);
    again->setRuleEnabledAt(0, false);
    applied.clear();
    again->accept();
    QVERIFY(applied.wait(5000));
    QVERIFY(!Forward::load(dir.path()).value().rules.first().enabled);
    running.service.shutdown();
}

void TestMainWindow::deadLettersRetriedAndDiscarded()
{
    QTemporaryDir dir;
    QTemporaryDir targetDir;
    RunningWindow running(dir.path());
    QVERIFY(running.start());
    MainWindow &window = running.window;
    // A port nobody listens on, for now.
    quint16 port = 0;
    {
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
        port = probe.serverPort();
    }
    ForwardingDialog *dialog = window.openForwarding();
    QVERIFY(QTest::qWaitForWindowExposed(dialog));
    dialog->addRule();
    dialog->setPrefixText(u"/"_s);
    dialog->setTargetText(u"http://127.0.0.1:"_s + QString::number(port));
    Forward::RetryPolicy once;
    once.initialMs = 100;
    once.maxMs = 100;
    once.maxAttempts = 1;
    dialog->setRetryPolicy(once);
    QSignalSpy applied(&window, &MainWindow::forwardingApplied);
    dialog->accept();
    QVERIFY(applied.wait(5000));

    QVERIFY(running.send("POST /one HTTP/1.1\r\nHost: h\r\nContent-Length: 0\r\n\r\n"));
    QVERIFY(running.send("POST /two HTTP/1.1\r\nHost: h\r\nContent-Length: 0\r\n\r\n"));
    QTRY_COMPARE(window.requestModel()->rowCount(), 2);
    auto forwardText = [&window](int row) {
        return window.requestModel()->index(row, RequestListModel::ForwardColumn).data().toString();
    };
    QTRY_COMPARE(forwardText(0), u"failed"_s);
    QTRY_COMPARE(forwardText(1), u"failed"_s);

    // The target is up now: the first dead letter is delivered again, the second dropped.
    Target target(targetDir.path(), port);
    QVERIFY(target.start());
    window.selectRow(0);
    QTRY_VERIFY(window.retryDeliveryAction()->isEnabled());
    QVERIFY(window.discardDeliveryAction()->isEnabled());
    window.retryDeliveryAction()->trigger();
    QTRY_COMPARE(forwardText(0), u"delivered (200)"_s);
    QTRY_VERIFY(!window.retryDeliveryAction()->isEnabled()); // not a dead letter any more
    QCOMPARE(target.received().size(), 1);
    QCOMPARE(target.received().first().target, QByteArray("/one"));
    window.selectRow(1);
    QTRY_VERIFY(window.discardDeliveryAction()->isEnabled());
    window.discardDeliveryAction()->trigger();
    QTRY_COMPARE(forwardText(1), u"discarded"_s);
    QVERIFY(!window.discardDeliveryAction()->isEnabled());
    QCOMPARE(target.received().size(), 1);
    running.service.shutdown();
}

void TestMainWindow::diffLinesMarksRemovedAndAddedLines()
{
    auto render = [](const QList<DiffLine> &lines) {
        QStringList out;
        for (const DiffLine &line : lines)
            out.append((line.kind == DiffLine::Same ? u"  "_s : line.kind == DiffLine::Removed ? u"- "_s : u"+ "_s) +
                       line.text);
        return out;
    };
    QCOMPARE(diffLines({}, {}).size(), 0);
    QCOMPARE(render(diffLines({}, {u"a"_s, u"b"_s})), (QStringList{u"+ a"_s, u"+ b"_s}));
    QCOMPARE(render(diffLines({u"a"_s, u"b"_s}, {})), (QStringList{u"- a"_s, u"- b"_s}));
    QCOMPARE(render(diffLines({u"a"_s, u"b"_s}, {u"a"_s, u"b"_s})), (QStringList{u"  a"_s, u"  b"_s}));
    // A changed line in the middle: removed before added, common lines kept on both sides.
    QCOMPARE(render(diffLines({u"x"_s, u"status 500"_s, u"y"_s, u"z"_s}, {u"x"_s, u"status 200"_s, u"y"_s, u"z"_s})),
             (QStringList{u"  x"_s, u"- status 500"_s, u"+ status 200"_s, u"  y"_s, u"  z"_s}));
    // A line inserted and one taken out elsewhere.
    QCOMPARE(render(diffLines({u"a"_s, u"b"_s, u"c"_s, u"d"_s}, {u"a"_s, u"n"_s, u"b"_s, u"d"_s})),
             (QStringList{u"  a"_s, u"+ n"_s, u"  b"_s, u"- c"_s, u"  d"_s}));
    // Blank lines count as lines.
    QCOMPARE(render(diffLines({u""_s}, {u""_s, u""_s})), (QStringList{u"  "_s, u"+ "_s}));
}

void TestMainWindow::compareTwoAttempts()
{
    QTemporaryDir dir;
    {
        // A request and two resends of it stored in an earlier run: the first failed, the second was delivered.
        RequestStore store;
        QVERIFY(store.open(dir.path()));
        CapturedRequest request;
        request.receivedUs = 1'700'000'000'000'000;
        request.method = "POST";
        request.target = "/hooks/orders";
        request.httpVersion = "HTTP/1.1";
        request.raw = "POST /hooks/orders HTTP/1.1\r\n\r\n";
        request.statusSent = 200;
        QList<CapturedRequest> batch{request};
        QVERIFY(store.insert(batch));
        StoredAttempt attempt;
        attempt.requestId = batch.first().id;
        attempt.startedUs = 1'700'000'001'000'000;
        attempt.url = u"http://127.0.0.1:9/hooks/orders"_s;
        attempt.requestBytes = "POST /hooks/orders HTTP/1.1\r\nHost: 127.0.0.1:9\r\n\r\n";
        attempt.status = 500;
        attempt.reason = "Internal Server Error";
        attempt.httpVersion = "HTTP/1.1";
        attempt.responseHeaders = {{"Content-Type", "application/json"}, {"X-Request-Id", "r1"}};
        attempt.responseBody = R"({"ok":false,"error":"db down","retry":true})";
        attempt.totalUs = 1500;
        QVERIFY(store.recordAttempt(attempt));
        attempt.startedUs += 60'000'000;
        attempt.status = 200;
        attempt.reason = "OK";
        attempt.responseHeaders = {{"Content-Type", "application/json"}, {"X-Request-Id", "r2"}};
        attempt.responseBody = R"({"ok":true,"retry":true})";
        attempt.totalUs = 2500;
        QVERIFY(store.recordAttempt(attempt));
    }
    RunningWindow running(dir.path());
    MainWindow &window = running.window;
    QSignalSpy history(&window, &MainWindow::historyLoaded);
    QVERIFY(running.start());
    QTRY_COMPARE(history.size(), 1);
    QCOMPARE(window.requestModel()->rowCount(), 1);
    window.selectRow(0);
    RequestInspector *inspector = window.inspector();
    QTRY_COMPARE(inspector->attempts().size(), 2);
    inspector->showResends();
    QVERIFY(inspector->isShowingResends());

    // One attempt selected (the newest, as shown): nothing to compare.
    QVERIFY(!inspector->compareButton()->isEnabled());
    inspector->selectAttempts({0, 1});
    QVERIFY(inspector->compareButton()->isEnabled());
    QSignalSpy shown(inspector, &RequestInspector::comparisonShown);
    QTest::mouseClick(inspector->compareButton(), Qt::LeftButton);
    QVERIFY(shown.wait(5000));
    const QString text = inspector->comparisonText();
    const QStringList lines = text.split(u'\n');
    QVERIFY2(lines.value(0).startsWith(u"  URL: http://127.0.0.1:9/hooks/orders"_s), qPrintable(text));
    QVERIFY2(lines.contains(u"- HTTP/1.1 500 Internal Server Error"_s), qPrintable(text));
    QVERIFY2(lines.contains(u"+ HTTP/1.1 200 OK"_s), qPrintable(text));
    QVERIFY2(lines.contains(u"  Content-Type: application/json"_s), qPrintable(text));
    QVERIFY2(lines.contains(u"- X-Request-Id: r1"_s) && lines.contains(u"+ X-Request-Id: r2"_s), qPrintable(text));
    // The one-line JSON bodies are indented, so only the changed members differ.
    QVERIFY2(lines.contains(u"-   \"ok\": false,"_s) && lines.contains(u"+   \"ok\": true,"_s), qPrintable(text));
    QVERIFY2(lines.contains(u"-   \"error\": \"db down\","_s), qPrintable(text));
    QVERIFY2(lines.contains(u"    \"retry\": true"_s), qPrintable(text));

    // One selected: Compare is off again.
    inspector->selectAttempts({1});
    QVERIFY(!inspector->compareButton()->isEnabled());
    running.service.shutdown();
}

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
