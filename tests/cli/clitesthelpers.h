#pragma once

// Helpers shared by the end-to-end suites of hookscope-cli (tst_cli, tst_forwarding): running the real binary and
// curl with QProcess, a running `hookscope-cli serve`, and HTTP on the client side over loopback.
//
// Where the suites differ (how they wait for processes, how much output a failure message shows, curl's time limits),
// each says so in its own suiteSettings(), declared below and defined in the suite.

#include <QByteArray>
#include <QDeadlineTimer>
#include <QEventLoop>
#include <QHostAddress>
#include <QJsonDocument>
#include <QJsonObject>
#include <QList>
#include <QProcess>
#include <QProcessEnvironment>
#include <QRegularExpression>
#include <QString>
#include <QStringList>
#include <QTcpSocket>
#include <QTest>
#include <QTimer>

#include <utility>

#include <csignal>
#include <sys/types.h>

namespace {

using namespace Qt::StringLiterals;

constexpr int ProcessTimeoutMs = 20000;
constexpr int NetworkTimeoutMs = 10000;

// What the suites sharing these helpers do differently.
struct SuiteSettings {
    // true: wait for processes with this thread's event loop running (polling), for a suite whose own servers on this
    // thread must keep answering meanwhile (the program waited for may be talking to one); false: block in
    // QProcess::waitFor*().
    bool keepEventLoopRunning;
    // How much of a run's stdout and of its stderr Finished::describe() shows.
    qsizetype describedOutputBytes;
    // curl(): curl's own --max-time, and how long to wait for curl to end.
    int curlMaxTimeSeconds;
    int curlTimeoutMs;
};

// Defined by each suite.
const SuiteSettings &suiteSettings();

inline QString cliPath()
{
    return QStringLiteral(HOOKSCOPE_CLI_PATH);
}

// Every process gets a private XDG_DATA_HOME and HOME (set by the suite's initTestCase), so a command that would fall
// back to the default store never touches the user's real one.
inline QProcessEnvironment &processEnvironment()
{
    static QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    return environment;
}

// Polls condition (processing events in between, so servers inside the test keep working) until it holds or the
// deadline passes.
template<typename Condition>
bool waitUntil(Condition condition, int timeoutMs)
{
    const QDeadlineTimer deadline(timeoutMs);
    while (!condition()) {
        if (deadline.hasExpired())
            return condition();
        QTest::qWait(10);
    }
    return true;
}

struct Finished {
    bool started = false;
    bool finished = false;
    QProcess::ExitStatus exitStatus = QProcess::CrashExit;
    int exitCode = -1;
    QByteArray out;
    QByteArray err;

    bool exited(int code) const { return finished && exitStatus == QProcess::NormalExit && exitCode == code; }
    bool ok() const { return exited(0); }
    // For failure messages.
    QByteArray describe() const
    {
        const qsizetype shown = suiteSettings().describedOutputBytes;
        return "started=" + QByteArray::number(started) + " finished=" + QByteArray::number(finished) +
               " exitStatus=" + QByteArray::number(int(exitStatus)) + " exitCode=" + QByteArray::number(exitCode) +
               "\nstdout: " + out.left(shown) + "\nstderr: " + err.left(shown);
    }
};

// Runs a program to its end (with the event loop running meanwhile if the suite says so: a target inside the test may
// be the one the program talks to).
inline Finished runProgram(const QString &program, const QStringList &arguments, const QString &workingDirectory = {},
                           int timeoutMs = ProcessTimeoutMs)
{
    Finished result;
    QProcess process;
    process.setProcessEnvironment(processEnvironment());
    if (!workingDirectory.isEmpty())
        process.setWorkingDirectory(workingDirectory);
    process.start(program, arguments);
    result.started = process.waitForStarted(ProcessTimeoutMs);
    if (!result.started)
        return result;
    process.closeWriteChannel();
    if (suiteSettings().keepEventLoopRunning) {
        if (process.state() != QProcess::NotRunning) {
            QEventLoop loop;
            QTimer timer;
            timer.setSingleShot(true);
            QObject::connect(&process, &QProcess::finished, &loop, &QEventLoop::quit);
            QObject::connect(&timer, &QTimer::timeout, &loop, &QEventLoop::quit);
            timer.start(timeoutMs);
            loop.exec();
        }
        result.finished = process.state() == QProcess::NotRunning;
    } else {
        result.finished = process.waitForFinished(timeoutMs);
    }
    if (!result.finished) {
        process.kill();
        process.waitForFinished(ProcessTimeoutMs);
    }
    result.exitStatus = process.exitStatus();
    result.exitCode = process.exitCode();
    result.out = process.readAllStandardOutput();
    result.err = process.readAllStandardError();
    return result;
}

inline Finished runCli(const QStringList &arguments)
{
    return runProgram(cliPath(), arguments);
}

// A usage or runtime error: exactly one line on stderr, prefixed with the program name.
inline bool isOneErrorLine(const QByteArray &err)
{
    return err.startsWith("hookscope-cli: ") && err.endsWith('\n') && err.count('\n') == 1;
}

// JSON Lines export as a list of objects.
inline QList<QJsonObject> parseJsonLines(const QByteArray &jsonl, bool *ok)
{
    *ok = true;
    QList<QJsonObject> records;
    for (const QByteArray &line : jsonl.split('\n')) {
        if (line.isEmpty())
            continue;
        const QJsonDocument document = QJsonDocument::fromJson(line);
        if (!document.isObject()) {
            *ok = false;
            return records;
        }
        records.append(document.object());
    }
    return records;
}

// ---------------------------------------------------------------------------------------------------------------
// HTTP on the client side (talking to serve, which never depends on this thread to answer)

struct HttpReply {
    int status = 0;  // 0: no (complete) response
    QByteArray head; // status line and headers
    QByteArray body;

    QByteArray header(QByteArrayView name) const
    {
        for (const QByteArray &line : head.split('\n')) {
            const qsizetype colon = line.indexOf(':');
            if (colon > 0 && QByteArrayView(line).first(colon).trimmed().compare(name, Qt::CaseInsensitive) == 0)
                return line.mid(colon + 1).trimmed();
        }
        return {};
    }
};

// Length of the first complete response in buffer (Content-Length framing, as the capture server always sends);
// 0 while incomplete. Interim 1xx responses are consumed as part of the final one.
inline qsizetype completeResponse(const QByteArray &buffer, HttpReply *reply)
{
    qsizetype start = 0;
    for (;;) {
        const qsizetype headEnd = buffer.indexOf("\r\n\r\n", start);
        if (headEnd < 0)
            return 0;
        const QByteArray head = buffer.mid(start, headEnd - start);
        const QList<QByteArray> statusLine = head.left(head.indexOf("\r\n")).split(' ');
        const int status = statusLine.size() >= 2 ? statusLine.at(1).toInt() : 0;
        if (status >= 100 && status < 200) {
            start = headEnd + 4;
            continue;
        }
        HttpReply parsed;
        parsed.status = status;
        parsed.head = head;
        const qsizetype length = parsed.header("Content-Length").toLongLong();
        const qsizetype total = headEnd + 4 + length;
        if (buffer.size() < total)
            return 0;
        parsed.body = buffer.mid(headEnd + 4, length);
        if (reply)
            *reply = std::move(parsed);
        return total;
    }
}

// Sends bytes on a new connection and reads one response (blocking: only for talking to serve).
inline HttpReply exchange(quint16 port, const QByteArray &request)
{
    QTcpSocket socket;
    socket.connectToHost(QHostAddress(QHostAddress::LocalHost), port);
    if (!socket.waitForConnected(NetworkTimeoutMs))
        return {};
    socket.write(request);
    QByteArray buffer;
    const QDeadlineTimer deadline(NetworkTimeoutMs);
    for (;;) {
        buffer += socket.readAll();
        HttpReply reply;
        if (completeResponse(buffer, &reply) > 0)
            return reply;
        if (deadline.hasExpired() || socket.state() != QAbstractSocket::ConnectedState)
            return {};
        socket.waitForReadyRead(int(qMax<qint64>(1, deadline.remainingTime())));
    }
}

inline QByteArray postRequest(const QByteArray &target, const QByteArray &body, const QByteArray &extraHeaders = {})
{
    return "POST " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: text/plain\r\n" + extraHeaders +
           "Content-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body;
}

// Runs the real curl with -s -i and splits its output; the interim 100 Continue, if any, is skipped.
inline HttpReply curl(const QStringList &arguments, Finished *run = nullptr)
{
    const SuiteSettings &settings = suiteSettings();
    const QStringList curlArguments =
        QStringList{u"-s"_s, u"-i"_s, u"--max-time"_s, QString::number(settings.curlMaxTimeSeconds)} + arguments;
    const Finished finished = runProgram(u"curl"_s, curlArguments, {}, settings.curlTimeoutMs);
    if (run)
        *run = finished;
    HttpReply reply;
    if (!finished.ok() || completeResponse(finished.out, &reply) != finished.out.size())
        return {};
    return reply;
}

// ---------------------------------------------------------------------------------------------------------------
// A running `hookscope-cli serve`

class Server
{
public:
    ~Server()
    {
        if (m_process.state() != QProcess::NotRunning) {
            m_process.kill();
            m_process.waitForFinished(ProcessTimeoutMs);
        }
    }

    // Starts serve on 127.0.0.1:0 and waits for the first line, which must name the listening address.
    bool start(const QString &dataDir, const QStringList &extraArguments = {})
    {
        m_process.setProcessEnvironment(processEnvironment());
        m_process.start(cliPath(), QStringList{u"serve"_s, u"--listen"_s, u"127.0.0.1:0"_s, u"--data-dir"_s, dataDir} +
                                       extraArguments);
        if (!m_process.waitForStarted(ProcessTimeoutMs)) {
            qWarning("serve did not start: %s", qPrintable(m_process.errorString()));
            return false;
        }
        if (!waitForOutput([this] { return m_output.contains('\n'); }, ProcessTimeoutMs)) {
            qWarning("serve printed no listening line; stdout: %s stderr: %s", m_output.constData(),
                     standardError().constData());
            return false;
        }
        static const QRegularExpression listening(QStringLiteral(R"(^listening on http://127\.0\.0\.1:(\d+)/$)"));
        const QByteArray first = m_output.left(m_output.indexOf('\n'));
        const QRegularExpressionMatch match = listening.match(QString::fromUtf8(first));
        if (!match.hasMatch()) {
            qWarning("unexpected first line from serve: %s", first.constData());
            return false;
        }
        m_port = quint16(match.captured(1).toUInt());
        return m_port != 0;
    }

    quint16 port() const { return m_port; }
    QString url(const QString &target) const { return u"http://127.0.0.1:"_s + QString::number(m_port) + target; }
    QProcess &process() { return m_process; }

    // stdout lines after the listening line (one per stored request).
    QList<QByteArray> requestLines()
    {
        readAvailable();
        QList<QByteArray> lines = m_output.split('\n');
        lines.removeFirst(); // listening line
        lines.removeLast();  // the part after the last newline (empty or incomplete)
        return lines;
    }

    bool waitForRequestLines(int count)
    {
        return waitForOutput([this, count] { return requestLines().size() >= count; }, NetworkTimeoutMs);
    }

    QByteArray standardError() { return m_errors += m_process.readAllStandardError(); }
    qsizetype errorLinesContaining(const QByteArray &text)
    {
        qsizetype count = 0;
        for (const QByteArray &line : standardError().split('\n'))
            count += line.contains(text) ? 1 : 0;
        return count;
    }

    // SIGINT (Ctrl+C), then waits for the exit.
    bool interrupt() { return ::kill(pid_t(m_process.processId()), SIGINT) == 0 && waitForExitAndRead(); }

    // SIGTERM, then waits for the exit.
    bool terminate()
    {
        m_process.terminate();
        return waitForExitAndRead();
    }

    // SIGKILL, then waits for the exit.
    bool killHard()
    {
        m_process.kill();
        return waitForExitAndRead() && m_process.exitStatus() == QProcess::CrashExit;
    }

private:
    const QByteArray &readAvailable() { return m_output += m_process.readAllStandardOutput(); }

    // Waits until condition holds, reading stdout as it comes; false when serve exits or timeoutMs pass first.
    template<typename Condition>
    bool waitForOutput(Condition condition, int timeoutMs)
    {
        if (suiteSettings().keepEventLoopRunning) {
            const auto heldOrExited = [this, &condition] {
                readAvailable();
                return condition() || m_process.state() == QProcess::NotRunning;
            };
            return waitUntil(heldOrExited, timeoutMs) && condition();
        }
        const QDeadlineTimer deadline(timeoutMs);
        while (!condition()) {
            if (deadline.hasExpired() || m_process.state() == QProcess::NotRunning) {
                readAvailable();
                return false;
            }
            m_process.waitForReadyRead(int(qMax<qint64>(1, deadline.remainingTime())));
            readAvailable();
        }
        return true;
    }

    // Waits for serve to end, then keeps the rest of its output; true when it ended in time.
    bool waitForExitAndRead()
    {
        const bool finished =
            suiteSettings().keepEventLoopRunning
                ? waitUntil([this] { return m_process.state() == QProcess::NotRunning; }, ProcessTimeoutMs)
                : m_process.waitForFinished(ProcessTimeoutMs);
        readAvailable();
        standardError();
        return finished;
    }

    QProcess m_process;
    QByteArray m_output;
    QByteArray m_errors;
    quint16 m_port = 0;
};

// The id in a serve summary line ("...  #12  POST /x  5 B  200"); -1 when absent.
inline qint64 idInServeLine(const QByteArray &line)
{
    static const QRegularExpression id(QStringLiteral(R"(  #(\d+)  )"));
    const QRegularExpressionMatch match = id.match(QString::fromUtf8(line));
    return match.hasMatch() ? match.captured(1).toLongLong() : -1;
}

} // namespace
