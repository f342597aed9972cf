// The main window with a large store, and under live load. Fills a store with N requests (default 1,000,000), then
// measures what a user waits for: start to the first painted table, filters and a body search through the filter
// field, opening a 50 MB JSON body, memory, and how late the GUI thread's event loop runs while requests arrive at
// 5,000/s compared with no load in the same run. Not part of the default test run (ctest label "bench"); figures go
// to docs/performance.md.
//   QT_QPA_PLATFORM=offscreen build/release/tests/bench/bench_window [--rows N] [--data-dir DIR]
//   xvfb-run -a build/release/tests/bench/bench_window ...      (painting through a real X server)
// With --data-dir the store is kept between runs (filled once), and the requests a run adds are removed at its end.
#include "captureservice.h"
#include "datadirectory.h"
#include "mainwindow.h"
#include "requestinspector.h"
#include "requestlistmodel.h"
#include "requeststore.h"
#include "timeformat.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QMetaEnum>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTimer>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <fcntl.h>
#include <functional>
#include <thread>
#include <vector>

using namespace Hookscope;
using namespace Qt::StringLiterals;

namespace
{

// The text a body search looks for: in one request of 10,000.
constexpr char Needle[] = "zq_needle_7781";
constexpr int NeedleEvery = 10000;
constexpr int ProbeIntervalMs = 10;

long peakRssMiB()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_maxrss / 1024; // KiB on Linux
}

// CPU time (user + system) of the calling thread, or of the whole process.
double cpuSeconds(int who)
{
    rusage usage{};
    getrusage(who, &usage);
    return double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
           double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

long currentRssMiB()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').first().toLong() / 1024;
    }
    return -1;
}

QString milliseconds(double ms)
{
    return QString::number(ms, 'f', ms < 10 ? 1 : 0) + QStringLiteral(" ms");
}

// Every result, printed once more as a table at the end.
struct Row {
    QString what;
    QString value;
    QString note;
};
QList<Row> g_rows;

void record(const QString &what, const QString &value, const QString &note = {})
{
    g_rows.append({what, value, note});
    std::printf("  %-52s %14s  %s\n", qPrintable(what), qPrintable(value), qPrintable(note));
    std::fflush(stdout);
}

// A fast generator for random ids: the bodies then look like real webhooks to the search index (distinct text per
// request), without QRandomGenerator's per-call cost in a million-row fill.
struct Random {
    quint64 state;
    quint64 next()
    {
        state ^= state >> 12;
        state ^= state << 25;
        state ^= state >> 27;
        return state * 0x2545F4914F6CDD1DULL;
    }
    QByteArray id(int length)
    {
        static constexpr char Alphabet[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
        QByteArray text(length, Qt::Uninitialized);
        for (char &c : text)
            c = Alphabet[next() % 62];
        return text;
    }
    QByteArray hex(int length)
    {
        QByteArray text(length, Qt::Uninitialized);
        for (char &c : text)
            c = "0123456789abcdef"[next() % 16];
        return text;
    }
};

// A webhook as one of five kinds of sender would post it to /hooks/provider<i % 10>: GitHub, Stripe, Shopify and Slack
// (recognised by their headers, so the Provider and Event columns fill) and an unsigned one. About 1 KiB in all.
CapturedRequest webhook(qint64 i, Random &random, qint64 receivedUs)
{
    static const QByteArray GitHubEvents[] = {"push", "pull_request", "issues", "workflow_run"};
    static const QByteArray StripeEvents[] = {"payment_intent.succeeded", "charge.refunded", "invoice.paid",
                                              "customer.created"};
    static const QByteArray ShopifyTopics[] = {"orders/create", "orders/paid", "products/update"};
    CapturedRequest r;
    r.receivedUs = receivedUs;
    r.method = i % 7 == 0 ? "PUT" : "POST";
    r.target = "/hooks/provider" + QByteArray::number(i % 10) + "?delivery=" + QByteArray::number(i);
    r.httpVersion = "HTTP/1.1";
    r.headers = {{"Host", "localhost:7780"}, {"Content-Type", "application/json"}, {"Accept", "*/*"}};
    const QByteArray created = QByteArray::number(1700000000 + i);
    QByteArray type;
    switch (i % 5) {
    case 0:
        type = GitHubEvents[i % 4];
        r.headers += HeaderList{{"User-Agent", "GitHub-Hookshot/7a3c1f2"},
                                {"X-GitHub-Event", type},
                                {"X-GitHub-Delivery",
                                 random.hex(8) + '-' + random.hex(4) + "-11ee-" + random.hex(4) + '-' + random.hex(12)},
                                {"X-Hub-Signature-256", "sha256=" + random.hex(64)}};
        break;
    case 1:
        type = StripeEvents[i % 4];
        r.headers += HeaderList{{"User-Agent", "Stripe/1.0 (+https://stripe.com/docs/webhooks)"},
                                {"Stripe-Signature", "t=" + created + ",v1=" + random.hex(64)}};
        break;
    case 2:
        type = ShopifyTopics[i % 3];
        r.headers += HeaderList{{"X-Shopify-Topic", type},
                                {"X-Shopify-Hmac-Sha256", random.id(43) + '='},
                                {"X-Shopify-Shop-Domain", "shop" + QByteArray::number(i % 97) + ".myshopify.com"}};
        break;
    case 3:
        type = "event_callback";
        r.headers += HeaderList{{"User-Agent", "Slackbot 1.0 (+https://api.slack.com/robots)"},
                                {"X-Slack-Request-Timestamp", created},
                                {"X-Slack-Signature", "v0=" + random.hex(64)}};
        break;
    default:
        type = i % 3 == 0 ? "order.shipped" : "order.created";
        r.headers += HeaderList{{"User-Agent", "internal-notifier/2.3"}, {"X-Event", type}};
        break;
    }
    const QByteArray customer = i % NeedleEvery == 4242 ? QByteArray(Needle) : QByteArray("cus_" + random.id(14));
    r.body = R"({"id":"evt_)" + random.id(24) + R"(","type":")" + type + R"(","created":)" + created +
             R"(,"livemode":false,"data":{"object":{"id":"obj_)" + random.id(24) + R"(","amount":)" +
             QByteArray::number(random.next() % 100000) + R"(,"currency":"eur","customer":")" + customer +
             R"(","description":"Order )" + QByteArray::number(i) + " from " + random.id(10) +
             R"(","metadata":{"order_id":")" + QByteArray::number(i) + R"(","email":")" + random.id(9) +
             R"(@example.com","cart":")" + random.id(20) + R"("},"shipping":{"name":")" + random.id(7) + ' ' +
             random.id(10) + R"(","address":{"line1":")" + QByteArray::number(random.next() % 999) + ' ' +
             random.id(8) + R"( Road","city":")" + random.id(9) + R"(","postal_code":")" +
             QByteArray::number(random.next() % 99999) + R"(","country":"DE"}},"items":[{"sku":")" + random.id(12) +
             R"(","quantity":)" + QByteArray::number(random.next() % 9 + 1) + R"(},{"sku":")" + random.id(12) +
             R"(","quantity":1}],"payment_method":"pm_)" + random.id(24) + R"(","receipt":"rcpt_)" + random.id(24) +
             R"("}},"request":{"id":"req_)" + random.id(14) + R"(","idempotency_key":")" + random.id(36) +
             R"("},"pending_webhooks":1})";
    r.headers += HeaderList{{"Content-Length", QByteArray::number(r.body.size())}};
    QByteArray raw = r.method + ' ' + r.target + " HTTP/1.1\r\n";
    for (const auto &[name, value] : std::as_const(r.headers))
        raw += name + ": " + value + "\r\n";
    r.raw = raw + "\r\n" + r.body;
    r.statusSent = i % 50 == 0 ? 400 : (i % 97 == 0 ? 404 : 200);
    r.remoteAddress = QStringLiteral("127.0.0.1");
    r.remotePort = quint16(40000 + i % 2000);
    r.localAddress = QStringLiteral("127.0.0.1");
    r.localPort = 7780;
    r.connectionId = quint64(i / 100);
    r.connectionIndex = int(i % 100);
    return r;
}

// Brings the store to `rows` requests (adding what is missing) with a search index that is up to date, as a store
// is after a while of use.
bool fillStore(const QString &directory, qint64 rows)
{
    RequestStore store;
    if (const Result<void> opened = store.open(directory); !opened) {
        std::fprintf(stderr, "cannot open the store: %s\n", qPrintable(opened.errorMessage()));
        return false;
    }
    const qint64 existing = store.count().value();
    QElapsedTimer timer;
    timer.start();
    if (existing < rows) {
        Random random{0x9E3779B97F4A7C15ULL + quint64(existing)};
        const qint64 now = currentTimeUs();
        QList<CapturedRequest> batch;
        for (qint64 i = existing; i < rows; ++i) {
            batch.append(webhook(i, random, now - (rows - i) * 2000)); // one every 2 ms, ending now
            if (batch.size() == 10000 || i == rows - 1) {
                if (const Result<void> inserted = store.insert(batch); !inserted) {
                    std::fprintf(stderr, "insert failed: %s\n", qPrintable(inserted.errorMessage()));
                    return false;
                }
                batch.clear();
                if ((i + 1) % 100000 == 0) {
                    std::printf("  ... %lld requests stored\n", i + 1);
                    std::fflush(stdout);
                }
            }
        }
        record(QStringLiteral("fill the store (batches of 10,000)"), milliseconds(double(timer.elapsed())),
               QStringLiteral("%1 requests added to %2").arg(rows - existing).arg(existing));
    } else {
        record(QStringLiteral("reuse the store"), QStringLiteral("%1 rows").arg(existing));
    }
    timer.restart();
    qint64 indexed = 0;
    for (;;) {
        const Result<int> step = store.updateSearchIndex(5000);
        if (!step) {
            std::fprintf(stderr, "indexing failed: %s\n", qPrintable(step.errorMessage()));
            return false;
        }
        if (step.value() == 0)
            break;
        indexed += step.value();
    }
    if (indexed > 0)
        record(QStringLiteral("bring the search index up to date"), milliseconds(double(timer.elapsed())),
               QStringLiteral("%1 requests").arg(indexed));
    record(QStringLiteral("store on disk"), QStringLiteral("%1 MiB").arg(store.sizeOnDisk().value() >> 20),
           QStringLiteral("%1 requests").arg(store.count().value()));
    return true;
}

// Runs the event loop until done() holds (checked every 5 ms) or timeoutMs passed.
bool waitUntil(const std::function<bool()> &done, int timeoutMs)
{
    if (done())
        return true;
    QEventLoop loop;
    QTimer check;
    check.setInterval(5);
    QObject::connect(&check, &QTimer::timeout, &loop, [&] {
        if (done())
            loop.quit();
    });
    QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
    check.start();
    loop.exec();
    return done();
}

// How late the GUI thread's event loop runs: a 10 ms precise timer, each tick's delay past its interval.
class StallProbe : public QObject
{
public:
    StallProbe()
    {
        m_timer.setTimerType(Qt::PreciseTimer);
        m_timer.setInterval(ProbeIntervalMs);
        connect(&m_timer, &QTimer::timeout, this, [this] {
            const qint64 ns = m_sinceTick.nsecsElapsed();
            m_sinceTick.restart();
            m_lateNs.push_back(std::max<qint64>(0, ns - qint64(ProbeIntervalMs) * 1000000));
        });
    }
    void restart()
    {
        m_lateNs.clear();
        m_sinceTick.start();
        m_timer.start();
    }
    struct Stats {
        double maxMs = 0;
        double p99Ms = 0;
        double meanMs = 0;
        qsizetype ticks = 0;
    };
    Stats stats() const
    {
        Stats stats;
        std::vector<qint64> sorted = m_lateNs;
        if (sorted.empty())
            return stats;
        std::sort(sorted.begin(), sorted.end());
        stats.ticks = qsizetype(sorted.size());
        stats.maxMs = double(sorted.back()) / 1e6;
        stats.p99Ms = double(sorted[std::min(sorted.size() - 1, sorted.size() * 99 / 100)]) / 1e6;
        qint64 sum = 0;
        for (qint64 ns : sorted)
            sum += ns;
        stats.meanMs = double(sum) / double(sorted.size()) / 1e6;
        return stats;
    }

private:
    QTimer m_timer;
    QElapsedTimer m_sinceTick;
    std::vector<qint64> m_lateNs;
};

// Paint events of the table's viewport: when the first one with rows came, and the newest one.
class PaintWatch : public QObject
{
public:
    PaintWatch(const QElapsedTimer &clock, const QAbstractItemModel *model) : m_clock(clock), m_model(model) {}
    qint64 paints = 0;
    qint64 lastPaintNs = -1;
    qint64 firstRowsPaintNs = -1;
    qint64 firstRowsFrameDoneNs = -1; // the event loop's next pass after that paint: the frame is out

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() == QEvent::Paint) {
            ++paints;
            lastPaintNs = m_clock.nsecsElapsed();
            if (firstRowsPaintNs < 0 && m_model->rowCount() > 0) {
                firstRowsPaintNs = lastPaintNs;
                QTimer::singleShot(0, this, [this] { firstRowsFrameDoneNs = m_clock.nsecsElapsed(); });
            }
        }
        return QObject::eventFilter(watched, event);
    }

private:
    const QElapsedTimer &m_clock;
    const QAbstractItemModel *m_model;
};

// Paint events of every widget, by class: which parts of the window repaint under load.
class WindowPaints : public QObject
{
public:
    QHash<QByteArray, qint64> byClass;

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() == QEvent::Paint)
            ++byClass[QByteArray(watched->metaObject()->className())];
        return QObject::eventFilter(watched, event);
    }
};

int connectLoopback(quint16 port)
{
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0)
        return -1;
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd, reinterpret_cast<const sockaddr *>(&address), sizeof address) != 0) {
        ::close(fd);
        return -1;
    }
    const int on = 1;
    ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &on, sizeof on);
    return fd;
}

// One complete response at the front of buffer: its length (0 while incomplete) and its status.
qsizetype responseLength(const QByteArray &buffer, int *status)
{
    const qsizetype headEnd = buffer.indexOf("\r\n\r\n");
    if (headEnd < 0)
        return 0;
    const QByteArray head = buffer.left(headEnd).toLower();
    *status = buffer.mid(9, 3).toInt();
    qsizetype length = 0;
    if (const qsizetype at = head.indexOf("\r\ncontent-length:"); at >= 0) {
        const qsizetype end = head.indexOf("\r\n", at + 2);
        length = head.mid(at + 17, end < 0 ? -1 : end - at - 17).trimmed().toLongLong();
    }
    const qsizetype total = headEnd + 4 + length;
    return buffer.size() >= total ? total : 0;
}

// A paced HTTP/1.1 client on its own thread: keep-alive connections, one request in flight on each, a new request
// started whenever the schedule (rate per second) says one is due and a connection is free, like wrk2. Requests
// that cannot start on time start as soon as a connection frees up, so the rate reached is what the server gave.
struct LoadResult {
    qint64 sent = 0;
    qint64 ok = 0;      // 2xx answers
    qint64 failed = 0;  // other answers and broken connections
    double seconds = 0; // first request to last answer
    double latencyP50Ms = 0;
    double latencyP99Ms = 0;
    double cpuSeconds = 0; // of the client thread
};

LoadResult runLoad(quint16 port, int connectionCount, double rate, double seconds, const QList<QByteArray> &requests)
{
    using Clock = std::chrono::steady_clock;
    struct Connection {
        int fd = -1;
        bool busy = false;
        QByteArray out;
        qsizetype written = 0;
        QByteArray in;
        Clock::time_point sentAt;
    };
    LoadResult result;
    const double cpuAtStart = cpuSeconds(RUSAGE_THREAD);
    std::vector<Connection> connections(static_cast<size_t>(connectionCount));
    for (Connection &c : connections) {
        c.fd = connectLoopback(port);
        if (c.fd >= 0)
            ::fcntl(c.fd, F_SETFL, ::fcntl(c.fd, F_GETFL) | O_NONBLOCK);
    }
    std::vector<qint64> latencyUs;
    latencyUs.reserve(size_t(rate * seconds) + 1024);
    const Clock::time_point start = Clock::now();
    const Clock::time_point sendUntil =
        start + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(seconds));
    const Clock::time_point giveUpAt = sendUntil + std::chrono::seconds(20);
    Clock::time_point lastAnswer = start;
    const qint64 total = qint64(rate * seconds);
    std::vector<pollfd> polled;
    char chunk[65536];
    for (;;) {
        const Clock::time_point now = Clock::now();
        const double elapsed = std::chrono::duration<double>(now - start).count();
        const qint64 due = std::min(total, qint64(elapsed * rate) + 1);
        bool anyBusy = false;
        for (Connection &c : connections) {
            if (c.fd < 0)
                continue;
            if (!c.busy && result.sent < due && now < sendUntil) {
                c.out = requests.at(result.sent % requests.size());
                c.written = 0;
                c.busy = true;
                c.sentAt = now;
                ++result.sent;
            }
            if (c.busy && c.written < c.out.size()) {
                const ssize_t n =
                    ::send(c.fd, c.out.constData() + c.written, size_t(c.out.size() - c.written), MSG_NOSIGNAL);
                if (n > 0)
                    c.written += n;
            }
            anyBusy = anyBusy || c.busy;
        }
        if ((!anyBusy && (now >= sendUntil || result.sent >= total)) || now >= giveUpAt)
            break;
        polled.clear();
        for (const Connection &c : connections) {
            if (c.fd >= 0 && c.busy)
                polled.push_back({c.fd, short(POLLIN | (c.written < c.out.size() ? POLLOUT : 0)), 0});
        }
        ::poll(polled.data(), nfds_t(polled.size()), 1); // 1 ms: 5 requests due per wake-up at 5,000/s
        for (const pollfd &p : polled) {
            if (!(p.revents & (POLLIN | POLLERR | POLLHUP)))
                continue;
            Connection &c = *std::find_if(connections.begin(), connections.end(),
                                          [&p](const Connection &x) { return x.fd == p.fd; });
            for (;;) {
                const ssize_t n = ::recv(c.fd, chunk, sizeof chunk, 0);
                if (n > 0) {
                    c.in.append(chunk, n);
                    continue;
                }
                if (n == 0 || (errno != EAGAIN && errno != EWOULDBLOCK)) {
                    // Closed by the server: count what was in flight as failed, open a new connection.
                    ::close(c.fd);
                    if (c.busy)
                        ++result.failed;
                    c = Connection();
                    c.fd = connectLoopback(port);
                    if (c.fd >= 0)
                        ::fcntl(c.fd, F_SETFL, ::fcntl(c.fd, F_GETFL) | O_NONBLOCK);
                }
                break;
            }
            int status = 0;
            while (const qsizetype length = responseLength(c.in, &status)) {
                c.in.remove(0, length);
                const Clock::time_point answered = Clock::now();
                lastAnswer = answered;
                if (status >= 200 && status < 300)
                    ++result.ok;
                else
                    ++result.failed;
                latencyUs.push_back(std::chrono::duration_cast<std::chrono::microseconds>(answered - c.sentAt).count());
                c.busy = false;
            }
        }
    }
    for (Connection &c : connections) {
        if (c.fd >= 0)
            ::close(c.fd);
    }
    result.seconds = std::chrono::duration<double>(lastAnswer - start).count();
    result.cpuSeconds = cpuSeconds(RUSAGE_THREAD) - cpuAtStart;
    if (!latencyUs.empty()) {
        std::sort(latencyUs.begin(), latencyUs.end());
        result.latencyP50Ms = double(latencyUs[latencyUs.size() / 2]) / 1000.0;
        result.latencyP99Ms = double(latencyUs[std::min(latencyUs.size() - 1, latencyUs.size() * 99 / 100)]) / 1000.0;
    }
    return result;
}

// Sends one request on a new connection and waits for the answer's status (-1 when none came).
int sendOnce(quint16 port, const QByteArray &request)
{
    const int fd = connectLoopback(port);
    if (fd < 0)
        return -1;
    qsizetype written = 0;
    while (written < request.size()) {
        const ssize_t n = ::send(fd, request.constData() + written, size_t(request.size() - written), MSG_NOSIGNAL);
        if (n <= 0) {
            ::close(fd);
            return -1;
        }
        written += n;
    }
    QByteArray in;
    char chunk[4096];
    int status = -1;
    while (responseLength(in, &status) == 0) {
        const ssize_t n = ::recv(fd, chunk, sizeof chunk, 0);
        if (n <= 0)
            break;
        in.append(chunk, n);
    }
    ::close(fd);
    return responseLength(in, &status) > 0 ? status : -1;
}

QByteArray bigJson(qsizetype size)
{
    QByteArray json;
    json.reserve(size + 256);
    json += '[';
    Random random{42};
    for (qint64 i = 0; json.size() < size; ++i) {
        json += R"({"id":"evt_)" + QByteArray::number(i) + R"(","amount":)" +
                QByteArray::number(random.next() % 1000000) +
                R"(,"price":12.5,"paid":true,"tags":["a","b"],"customer":{"id":"cus_)" + random.id(14) +
                R"(","email":null}},)";
    }
    json.chop(1);
    json += ']';
    return json;
}

QString statsText(const StallProbe::Stats &stats)
{
    return QStringLiteral("max %1 ms, p99 %2 ms, mean %3 ms")
        .arg(stats.maxMs, 0, 'f', 1)
        .arg(stats.p99Ms, 0, 'f', 1)
        .arg(stats.meanMs, 0, 'f', 2);
}

QString ratio(double value, double baseline)
{
    return baseline > 0 ? QString::number(value / baseline, 'f', 1) + u'x' : QStringLiteral("-");
}

} // namespace

int main(int argc, char *argv[])
{
    // Offscreen unless there is a display to paint on (xvfb-run sets DISPLAY).
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM") && qEnvironmentVariableIsEmpty("DISPLAY") &&
        qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QStandardPaths::setTestModeEnabled(true); // the window's saved layout stays out of the user's settings

    QCommandLineParser parser;
    parser.addHelpOption();
    const QCommandLineOption rowsOption(QStringLiteral("rows"),
                                        QStringLiteral("Requests in the store (a kept store with more is used as it "
                                                       "is)."),
                                        QStringLiteral("N"), QStringLiteral("1000000"));
    const QCommandLineOption dataDirOption(QStringLiteral("data-dir"),
                                           QStringLiteral("Keep the store here between runs (default: a temporary "
                                                          "directory)."),
                                           QStringLiteral("DIR"));
    const QCommandLineOption rateOption(QStringLiteral("rate"), QStringLiteral("Requests per second of the load."),
                                        QStringLiteral("N"), QStringLiteral("5000"));
    const QCommandLineOption secondsOption(QStringLiteral("seconds"),
                                           QStringLiteral("Duration of the load, and of the baseline without it."),
                                           QStringLiteral("S"), QStringLiteral("10"));
    const QCommandLineOption connectionsOption(QStringLiteral("connections"),
                                               QStringLiteral("Keep-alive connections of the load."),
                                               QStringLiteral("N"), QStringLiteral("32"));
    const QCommandLineOption skipOption(QStringLiteral("skip"),
                                        QStringLiteral("Parts to leave out, comma-separated: filters, search (the body "
                                                       "searches: minutes at a million rows), body, load."),
                                        QStringLiteral("PARTS"));
    parser.addOptions({rowsOption, dataDirOption, rateOption, secondsOption, connectionsOption, skipOption});
    parser.process(app);
    const QStringList skipped = parser.value(skipOption).split(u',', Qt::SkipEmptyParts);
    const qint64 rows = parser.value(rowsOption).toLongLong();
    const double rate = parser.value(rateOption).toDouble();
    const double seconds = parser.value(secondsOption).toDouble();
    const int connectionCount = std::max(1, parser.value(connectionsOption).toInt());

    QTemporaryDir temporary;
    const bool keepStore = parser.isSet(dataDirOption);
    const Result<QString> directory =
        DataDirectory::prepare(keepStore ? parser.value(dataDirOption) : temporary.path());
    if (!directory) {
        std::fprintf(stderr, "%s\n", qPrintable(directory.errorMessage()));
        return 1;
    }
    const bool realDisplay = QGuiApplication::platformName() != QLatin1String("offscreen");
    std::printf("Hookscope window benchmark: %lld rows, platform \"%s\" (%s), store in %s\n", rows,
                qPrintable(QGuiApplication::platformName()),
                realDisplay ? "painting to a display server" : "offscreen: painted into memory, never shown",
                qPrintable(directory.value()));
    std::fflush(stdout);

    std::printf("\nThe store\n");
    if (!fillStore(directory.value(), rows))
        return 1;
    record(QStringLiteral("memory after the fill (current / peak)"),
           QStringLiteral("%1 / %2 MiB").arg(currentRssMiB()).arg(peakRssMiB()));
    {
        // The database read once, so that the start below and the reference at the end both find it in the page
        // cache: a start after a reboot also waits for the disk (seconds more for a 3 GB store).
        QElapsedTimer timer;
        timer.start();
        QFile file(QDir(directory.value()).filePath(RequestStore::databaseFileName()));
        qint64 bytes = 0;
        if (file.open(QIODevice::ReadOnly)) {
            QByteArray chunk(8 << 20, Qt::Uninitialized);
            for (qint64 n; (n = file.read(chunk.data(), chunk.size())) > 0;)
                bytes += n;
        }
        record(QStringLiteral("read the database file once (page cache)"), milliseconds(double(timer.elapsed())),
               QStringLiteral("%1 MiB").arg(bytes >> 20));
    }

    // 1. Start: the window and the service built as main.cpp does, then the history and the first painted rows.
    std::printf("\nStart\n");
    QElapsedTimer clock;
    clock.start();
    StallProbe probe;
    CaptureService::Options options;
    options.dataDirectory = directory.value();
    options.capture.listen = {ListenAddress{QHostAddress(QHostAddress::LocalHost), 0, false}};
    auto service = std::make_unique<CaptureService>(options);
    auto window = std::make_unique<MainWindow>(service.get());
    const qint64 constructedNs = clock.nsecsElapsed();
    RequestListModel *model = window->requestModel();
    auto *table = window->findChild<QTableView *>();
    PaintWatch paints(clock, model);
    table->viewport()->installEventFilter(&paints);
    qint64 storeOpenedNs = -1, listeningNs = -1, recentNs = -1, historyNs = -1;
    int historyRows = -1;
    int recentRows = -1;
    QObject::connect(service.get(), &CaptureService::storeOpened, [&] { storeOpenedNs = clock.nsecsElapsed(); });
    QObject::connect(service.get(), &CaptureService::listening, [&] { listeningNs = clock.nsecsElapsed(); });
    QObject::connect(window.get(), &MainWindow::recentHistoryShown, [&](int count) {
        recentNs = clock.nsecsElapsed();
        recentRows = count;
    });
    QObject::connect(window.get(), &MainWindow::historyLoaded, [&](int count) {
        historyNs = clock.nsecsElapsed();
        historyRows = count;
    });
    window->resize(1280, 800);
    window->show();
    service->start();
    probe.restart();
    if (!waitUntil([&] { return historyNs >= 0 && paints.firstRowsFrameDoneNs >= 0 && listeningNs >= 0; }, 600000)) {
        std::fprintf(stderr, "the window did not show the stored requests within 10 minutes\n");
        return 1;
    }
    const StallProbe::Stats startStall = probe.stats();
    const quint16 port = service->boundAddresses().first().port;
    auto sinceStart = [](qint64 ns) { return milliseconds(double(ns) / 1e6); };
    record(QStringLiteral("window and service constructed"), sinceStart(constructedNs));
    record(QStringLiteral("store opened (storeOpened)"), sinceStart(storeOpenedNs));
    record(QStringLiteral("listening"), sinceStart(listeningNs));
    record(QStringLiteral("newest rows in the model (recentHistoryShown)"), sinceStart(recentNs),
           QStringLiteral("%1 rows").arg(recentRows));
    record(QStringLiteral("all summaries in the model (historyLoaded)"), sinceStart(historyNs),
           QStringLiteral("%1 rows").arg(historyRows));
    record(QStringLiteral("first paint of the table with rows"), sinceStart(paints.firstRowsPaintNs));
    record(QStringLiteral("that frame done (start to usable)"), sinceStart(paints.firstRowsFrameDoneNs));
    record(QStringLiteral("event-loop lateness during start"), QStringLiteral("%1 ms").arg(startStall.maxMs, 0, 'f', 0),
           QStringLiteral("max; p99 %1 ms").arg(startStall.p99Ms, 0, 'f', 1));
    record(QStringLiteral("memory with the table shown (current / peak)"),
           QStringLiteral("%1 / %2 MiB").arg(currentRssMiB()).arg(peakRssMiB()));
    qint64 lastHistoryId = 0;
    for (const RequestSummary &summary : model->allSummaries())
        lastHistoryId = std::max(lastHistoryId, summary.id);

    // At the end: the window and the service closed; with --data-dir the requests this run added removed again;
    // the store-level reference for the start (the same summaries read without the window); the table.
    auto finish = [&](std::unique_ptr<MainWindow> shownWindow, std::unique_ptr<CaptureService> runningService) {
        shownWindow.reset();
        runningService->shutdown();
        runningService.reset();
        RequestStore store;
        const bool opened = bool(store.open(directory.value()));
        if (opened && keepStore) {
            QList<qint64> added;
            for (;;) {
                const Result<QList<RequestSummary>> page =
                    store.summaries(added.isEmpty() ? lastHistoryId : added.last(), 10000);
                if (!page || page.value().isEmpty())
                    break;
                for (const RequestSummary &summary : page.value())
                    added.append(summary.id);
            }
            store.remove(added);
            for (Result<int> step = store.updateSearchIndex(5000); step && step.value() > 0;
                 step = store.updateSearchIndex(5000)) {
            }
            std::printf("\n(removed the %lld requests this run added from %s)\n", qint64(added.size()),
                        qPrintable(directory.value()));
        }
        if (opened) {
            std::printf("\nReference: the store alone, no window\n");
            QElapsedTimer timer;
            timer.start();
            const Result<QList<RequestSummary>> all = store.allSummaries();
            record(QStringLiteral("RequestStore::allSummaries() on this thread"), milliseconds(double(timer.elapsed())),
                   QStringLiteral("%1 rows; start above / this: %2")
                       .arg(all ? all.value().size() : -1)
                       .arg(ratio(double(historyNs) / 1e6, double(timer.elapsed()))));
        }

        std::printf("\n%-52s %14s  %s\n", "measurement", "value", "notes");
        for (const Row &row : std::as_const(g_rows))
            std::printf("%-52s %14s  %s\n", qPrintable(row.what), qPrintable(row.value), qPrintable(row.note));
        std::fflush(stdout);
    };

    // 2. Filters through the filter field: text set, debounce, the job, the model reset, the next paint.
    int shown = -1;
    qint64 appliedNs = -1;
    QObject::connect(window.get(), &MainWindow::filterApplied, [&](int count) {
        shown = count;
        appliedNs = clock.nsecsElapsed();
    });
    auto filterBy = [&](const QString &text) {
        appliedNs = -1;
        probe.restart();
        const qint64 startNs = clock.nsecsElapsed();
        window->setFilterText(text);
        if (!waitUntil([&] { return appliedNs >= 0; }, 600000)) {
            record(QStringLiteral("filter '%1'").arg(text), QStringLiteral("timeout"));
            return;
        }
        waitUntil([&] { return paints.lastPaintNs > appliedNs; }, 5000);
        const StallProbe::Stats stall = probe.stats();
        record(QStringLiteral("filter '%1'").arg(text.isEmpty() ? QStringLiteral("(cleared)") : text),
               milliseconds(double(appliedNs - startNs) / 1e6),
               QStringLiteral("%1 rows shown, painted +%2 ms; GUI lateness max %3 ms")
                   .arg(shown)
                   .arg(double(paints.lastPaintNs - appliedNs) / 1e6, 0, 'f', 1)
                   .arg(stall.maxMs, 0, 'f', 0));
    };
    if (!skipped.contains(u"filters"_s)) {
        std::printf("\nFilters through the filter field (times include the %d ms debounce)\n",
                    MainWindow::FilterDebounceMs);
        for (const QString &text :
             {u"method:PUT"_s, u"status:4xx path:/hooks/provider3"_s, u"provider:stripe event:invoice.paid"_s}) {
            filterBy(text);
            filterBy(QString());
        }
    }
    if (!skipped.contains(u"sort"_s)) {
        // A click on a column header: the sort runs on the GUI thread, then the view repaints.
        std::printf("\nSorting through the header\n");
        for (const auto &[column, order] : {std::pair{int(RequestListModel::TargetColumn), Qt::AscendingOrder},
                                            std::pair{int(RequestListModel::SizeColumn), Qt::DescendingOrder},
                                            std::pair{int(RequestListModel::TimeColumn), Qt::AscendingOrder}}) {
            probe.restart();
            bool sorted = false;
            const QMetaObject::Connection connection =
                QObject::connect(model, &RequestListModel::sorted, [&] { sorted = true; });
            const qint64 startNs = clock.nsecsElapsed();
            table->sortByColumn(column, order);
            waitUntil([&] { return sorted; }, 120000);
            QObject::disconnect(connection);
            const qint64 sortedNs = clock.nsecsElapsed();
            const qint64 paintsBefore = paints.paints;
            waitUntil([&] { return paints.paints > paintsBefore; }, 10000);
            record(QStringLiteral("sort by %1, %2")
                       .arg(model->headerData(column, Qt::Horizontal).toString(),
                            order == Qt::AscendingOrder ? QStringLiteral("ascending") : QStringLiteral("descending")),
                   milliseconds(double(sortedNs - startNs) / 1e6),
                   QStringLiteral("painted +%1 ms; GUI lateness max %2 ms")
                       .arg(double(paints.lastPaintNs - sortedNs) / 1e6, 0, 'f', 1)
                       .arg(probe.stats().maxMs, 0, 'f', 0));
        }
    }
    if (!skipped.contains(u"search"_s)) {
        std::printf("\nBody search through the filter field\n");
        filterBy(u"body:"_s + QLatin1String(Needle));
        filterBy(QString());
        filterBy(u"body:"_s + QLatin1String(Needle) + u" method:POST"_s);
        filterBy(QString());
    }

    // 3. A 50 MB JSON body: posted to the endpoint, then selected; the time until the Body tab shows it.
    if (!skipped.contains(u"body"_s)) {
        std::printf("\nA 50 MB JSON body\n");
        const QByteArray body = bigJson(50 * 1024 * 1024);
        const QByteArray request =
            "POST /hooks/export HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
            "Content-Length: " +
            QByteArray::number(body.size()) + "\r\n\r\n" + body;
        const int rowsBefore = model->rowCount();
        std::atomic<int> status{0};
        const qint64 sendNs = clock.nsecsElapsed();
        probe.restart();
        std::thread sender([&] { status = sendOnce(port, request); });
        waitUntil([&] { return status != 0 && model->rowCount() > rowsBefore; }, 120000);
        sender.join();
        const qint64 inTableNs = clock.nsecsElapsed();
        record(QStringLiteral("post it, until it is in the table"), milliseconds(double(inTableNs - sendNs) / 1e6),
               QStringLiteral("status %1, %2 MiB; GUI lateness max %3 ms")
                   .arg(status.load())
                   .arg(body.size() >> 20)
                   .arg(probe.stats().maxMs, 0, 'f', 0));
        const int row = model->rowCount() - 1;
        if (model->summary(row).bodySize != body.size()) {
            std::fprintf(stderr, "the last row is not the 50 MB request\n");
            return 1;
        }
        bool bodyShown = false;
        QObject::connect(window->inspector(), &RequestInspector::bodyShown, [&] { bodyShown = true; });
        probe.restart();
        const qint64 selectNs = clock.nsecsElapsed();
        window->selectRow(row);
        waitUntil([&] { return bodyShown; }, 300000);
        const qint64 shownNs = clock.nsecsElapsed();
        const StallProbe::Stats stall = probe.stats();
        record(QStringLiteral("select it, until the body is shown (bodyShown)"),
               bodyShown ? milliseconds(double(shownNs - selectNs) / 1e6) : QStringLiteral("timeout"),
               QStringLiteral("view %1; GUI lateness max %2 ms, p99 %3 ms")
                   .arg(QString::fromLatin1(QMetaEnum::fromType<BodyViewer::View>().valueToKey(
                       int(window->inspector()->effectiveBodyView()))))
                   .arg(stall.maxMs, 0, 'f', 0)
                   .arg(stall.p99Ms, 0, 'f', 1));
        record(QStringLiteral("memory with it shown (current / peak)"),
               QStringLiteral("%1 / %2 MiB").arg(currentRssMiB()).arg(peakRssMiB()));
        window->selectRow(-1); // nothing selected: the inspector lets go of it
        waitUntil([] { return false; }, 500);
    }

    // 4. The event loop with no load, then under load, in the same run: the table at the bottom, following newest.
    // CPU time is counted per thread: the GUI thread, the load client, and the rest (capture, storage, pool).
    if (skipped.contains(u"load"_s)) {
        finish(std::move(window), std::move(service));
        return 0;
    }
    std::printf("\nResponsiveness: %d ms timer on the GUI thread, %.0f s without load, then %.0f s at %.0f req/s\n",
                ProbeIntervalMs, seconds, seconds, rate);
    table->scrollToBottom();
    waitUntil([] { return false; }, 300);
    {
        // What one view update costs at least: the table painted once more (synchronously, same size, same rows).
        QElapsedTimer timer;
        timer.start();
        for (int i = 0; i < 20; ++i)
            table->viewport()->repaint();
        record(QStringLiteral("one repaint of the table, synchronous"),
               milliseconds(double(timer.nsecsElapsed()) / 20e6),
               QStringLiteral("mean of 20; %1 x %2 px viewport")
                   .arg(table->viewport()->width())
                   .arg(table->viewport()->height()));
    }
    qint64 inserts = 0;
    qint64 insertStartNs = 0, insertHandlingNs = 0, insertHandlingMaxNs = 0;
    // beginInsertRows to endInsertRows returning: the model, the view's own handling and the window's (follow newest).
    QObject::connect(model, &QAbstractItemModel::rowsAboutToBeInserted, [&] { insertStartNs = clock.nsecsElapsed(); });
    QObject::connect(model, &QAbstractItemModel::rowsInserted, [&] {
        ++inserts;
        QTimer::singleShot(0, [&, startNs = insertStartNs] {
            const qint64 ns = clock.nsecsElapsed() - startNs;
            insertHandlingNs += ns;
            insertHandlingMaxNs = std::max(insertHandlingMaxNs, ns);
        });
    });
    qint64 storedSignals = 0;
    QObject::connect(service.get(), &CaptureService::requestsStored, [&] { ++storedSignals; });
    WindowPaints windowPaints;
    app.installEventFilter(&windowPaints);
    probe.restart();
    const qint64 idlePaints = paints.paints;
    const double idleGuiCpu = cpuSeconds(RUSAGE_THREAD), idleProcessCpu = cpuSeconds(RUSAGE_SELF);
    waitUntil([] { return false; }, int(seconds * 1000));
    const StallProbe::Stats idle = probe.stats();
    record(QStringLiteral("no load: event-loop lateness"), QStringLiteral("%1 ms").arg(idle.p99Ms, 0, 'f', 1),
           QStringLiteral("p99; ") + statsText(idle) +
               QStringLiteral(", %1 table paints").arg(paints.paints - idlePaints));
    record(QStringLiteral("no load: CPU, GUI thread / whole process"),
           QStringLiteral("%1% / %2%")
               .arg(100.0 * (cpuSeconds(RUSAGE_THREAD) - idleGuiCpu) / seconds, 0, 'f', 1)
               .arg(100.0 * (cpuSeconds(RUSAGE_SELF) - idleProcessCpu) / seconds, 0, 'f', 1),
           QStringLiteral("of one core"));

    QList<QByteArray> loadRequests;
    {
        Random random{7};
        for (qint64 i = 0; i < 512; ++i) {
            CapturedRequest r = webhook(i + 1, random, 0);
            r.raw.replace(0, r.method.size(), "POST"); // the load posts every one
            loadRequests.append(r.raw);
        }
    }
    const int rowsBefore = model->rowCount();
    const qint64 storedBefore = window->storedCount();
    inserts = 0;
    insertHandlingNs = insertHandlingMaxNs = 0;
    storedSignals = 0;
    windowPaints.byClass.clear();
    const qint64 loadPaintsBefore = paints.paints;
    std::atomic<bool> loadDone{false};
    LoadResult load;
    probe.restart();
    const double loadGuiCpu = cpuSeconds(RUSAGE_THREAD), loadProcessCpu = cpuSeconds(RUSAGE_SELF);
    const qint64 loadStartNs = clock.nsecsElapsed();
    std::thread client([&] {
        load = runLoad(port, connectionCount, rate, seconds, loadRequests);
        loadDone = true;
    });
    waitUntil([&] { return loadDone.load(); }, int(seconds * 1000) + 60000);
    const qint64 loadEndNs = clock.nsecsElapsed();
    const double guiCpu = cpuSeconds(RUSAGE_THREAD) - loadGuiCpu, processCpu = cpuSeconds(RUSAGE_SELF) - loadProcessCpu;
    const StallProbe::Stats busy = probe.stats();
    const qint64 loadInserts = inserts;
    const double insertMeanMs = loadInserts ? double(insertHandlingNs) / double(loadInserts) / 1e6 : 0.0;
    const double insertMaxMs = double(insertHandlingMaxNs) / 1e6;
    const qint64 loadStoredSignals = storedSignals;
    const QHash<QByteArray, qint64> loadWindowPaints = windowPaints.byClass;
    const qint64 loadPaints = paints.paints - loadPaintsBefore;
    client.join();
    // Answered means stored; every stored request reaches the model within a flush (100 ms).
    const bool allArrived = waitUntil([&] { return model->rowCount() - rowsBefore >= load.ok; }, 15000);
    const double loadSeconds = double(loadEndNs - loadStartNs) / 1e9;
    record(QStringLiteral("load: requests answered 2xx / sent"), QStringLiteral("%1 / %2").arg(load.ok).arg(load.sent),
           QStringLiteral("%1 failed; %2 keep-alive connections").arg(load.failed).arg(connectionCount));
    record(QStringLiteral("load: achieved rate"),
           QStringLiteral("%1 req/s").arg(double(load.ok) / load.seconds, 0, 'f', 0),
           QStringLiteral("target %1 (%2%); latency p50 %3 ms, p99 %4 ms")
               .arg(rate, 0, 'f', 0)
               .arg(100.0 * double(load.ok) / load.seconds / rate, 0, 'f', 0)
               .arg(load.latencyP50Ms, 0, 'f', 1)
               .arg(load.latencyP99Ms, 0, 'f', 1));
    record(QStringLiteral("load: event-loop lateness"), QStringLiteral("%1 ms").arg(busy.p99Ms, 0, 'f', 1),
           QStringLiteral("p99; ") + statsText(busy));
    record(QStringLiteral("load / no load: p99 lateness"), ratio(busy.p99Ms, idle.p99Ms),
           QStringLiteral("max: %1, mean: %2").arg(ratio(busy.maxMs, idle.maxMs)).arg(ratio(busy.meanMs, idle.meanMs)));
    record(QStringLiteral("load: CPU, GUI / client / rest of the process"),
           QStringLiteral("%1% / %2% / %3%")
               .arg(100.0 * guiCpu / loadSeconds, 0, 'f', 0)
               .arg(100.0 * load.cpuSeconds / loadSeconds, 0, 'f', 0)
               .arg(100.0 * (processCpu - guiCpu - load.cpuSeconds) / loadSeconds, 0, 'f', 0),
           QStringLiteral("of one core; the rest: capture, storage (and its indexer), pool threads"));
    record(QStringLiteral("load: view updates (rowsInserted)"),
           QStringLiteral("%1 /s").arg(double(loadInserts) / loadSeconds, 0, 'f', 1),
           QStringLiteral("%1 in %2 s, %3 rows each on average; %4 table paints/s; from beginInsertRows until the "
                          "event loop runs again: %5 ms (max %6)")
               .arg(loadInserts)
               .arg(loadSeconds, 0, 'f', 1)
               .arg(loadInserts ? double(load.ok) / double(loadInserts) : 0.0, 0, 'f', 0)
               .arg(double(loadPaints) / loadSeconds, 0, 'f', 1)
               .arg(insertMeanMs, 0, 'f', 1)
               .arg(insertMaxMs, 0, 'f', 1));
    {
        qint64 all = 0;
        QList<std::pair<qint64, QByteArray>> classes;
        for (auto it = loadWindowPaints.cbegin(); it != loadWindowPaints.cend(); ++it) {
            all += it.value();
            classes.append({it.value(), it.key()});
        }
        std::sort(classes.rbegin(), classes.rend());
        QStringList top;
        for (qsizetype i = 0; i < std::min<qsizetype>(5, classes.size()); ++i)
            top.append(QStringLiteral("%1 %2").arg(QString::fromLatin1(classes.at(i).second)).arg(classes.at(i).first));
        record(QStringLiteral("load: paint events in the whole window"),
               QStringLiteral("%1 /s").arg(double(all) / loadSeconds, 0, 'f', 0),
               QStringLiteral("most: ") + top.join(QStringLiteral(", ")));
        record(QStringLiteral("load: requestsStored signals to the window"),
               QStringLiteral("%1 /s").arg(double(loadStoredSignals) / loadSeconds, 0, 'f', 0),
               QStringLiteral("%1 requests each on average; GUI thread CPU / signals: %2 ms")
                   .arg(loadStoredSignals ? double(load.ok) / double(loadStoredSignals) : 0.0, 0, 'f', 1)
                   .arg(loadStoredSignals ? 1000.0 * guiCpu / double(loadStoredSignals) : 0.0, 0, 'f', 2));
    }
    record(QStringLiteral("load: every answered request in the table"),
           allArrived ? QStringLiteral("yes") : QStringLiteral("NO"),
           QStringLiteral("%1 rows added, %2 counted by the window")
               .arg(model->rowCount() - rowsBefore)
               .arg(window->storedCount() - storedBefore));
    record(QStringLiteral("memory at the end (current / peak)"),
           QStringLiteral("%1 / %2 MiB").arg(currentRssMiB()).arg(peakRssMiB()));

    finish(std::move(window), std::move(service));
    return 0;
}
