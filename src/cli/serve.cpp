#include "clicommands.h"

#include "captureservice.h"
#include "datadirectory.h"
#include "exchange.h"
#include "timeformat.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QSocketNotifier>

#include <csignal>
#include <sys/socket.h>
#include <unistd.h>

namespace Hookscope::Cli {

namespace {

int signalPipe[2] = {-1, -1};

void onSignal(int)
{
    const char byte = 1;
    [[maybe_unused]] const ssize_t written = ::write(signalPipe[1], &byte, 1);
}

QByteArray requestLine(const CapturedRequest &request)
{
    QByteArray line = formatRfc3339Us(request.receivedUs).toLatin1() + "  #" + QByteArray::number(request.id) + "  " +
                      request.method + ' ' + request.target + "  " + QByteArray::number(request.body.size()) +
                      " B  " + QByteArray::number(request.statusSent);
    if (request.isRejected())
        line += "  rejected: " + request.rejectedReason.toUtf8();
    return line + '\n';
}

} // namespace

int serve(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Run the capture endpoint: every request is stored, then answered.\n"
        "Prints 'listening on URL' for each listener, then one line per request."));
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    const QCommandLineOption help(QStringList{QStringLiteral("h"), QStringLiteral("help")},
                                  QStringLiteral("Show this help."));
    const QCommandLineOption listen(QStringLiteral("listen"),
                                    QStringLiteral("Listen on HOST:PORT, [IPv6]:PORT, PORT (loopback) or *:PORT (all "
                                                   "interfaces); repeatable; port 0 picks a free one. Default: "
                                                   "127.0.0.1 and ::1 on port %1.")
                                        .arg(DefaultPort),
                                    QStringLiteral("ADDRESS"));
    const QCommandLineOption dataDir(QStringLiteral("data-dir"),
                                     QStringLiteral("Store directory (default: %1).").arg(DataDirectory::defaultPath()),
                                     QStringLiteral("DIR"));
    const QCommandLineOption maxBody(QStringLiteral("max-body"),
                                     QStringLiteral("Largest accepted body (default 64M); larger ones get 413."),
                                     QStringLiteral("BYTES"));
    const QCommandLineOption maxHeader(QStringLiteral("max-header"),
                                       QStringLiteral("Largest accepted header block (default 64k); larger get 431."),
                                       QStringLiteral("BYTES"));
    const QCommandLineOption respond(QStringLiteral("respond"),
                                     QStringLiteral("Answer every request with STATUS and optional BODY (default 200 "
                                                    "with a small JSON body)."),
                                     QStringLiteral("STATUS[:BODY]"));
    const QCommandLineOption rule(QStringLiteral("rule"),
                                  QStringLiteral("Answer requests matching METHOD (or *) and a path glob; repeatable, "
                                                 "first match wins, e.g. 'POST /stripe/* 400:{\"error\":1}'."),
                                  QStringLiteral("'METHOD PATH STATUS[:BODY]'"));
    const QCommandLineOption delay(QStringLiteral("delay-ms"),
                                   QStringLiteral("Wait this long before answering (applies to --respond)."),
                                   QStringLiteral("MS"));
    const QCommandLineOption saveRules(QStringLiteral("save-rules"),
                                       QStringLiteral("Store the --respond/--rule answers as the data directory's "
                                                      "default (also used by the desktop app)."));
    const QCommandLineOption jsonl(QStringLiteral("jsonl"),
                                   QStringLiteral("Print each request as a JSON Lines record instead of a summary."));
    const QCommandLineOption idleTimeout(QStringLiteral("idle-timeout-ms"),
                                         QStringLiteral("Close connections silent this long (default 15000)."),
                                         QStringLiteral("MS"));
    const QCommandLineOption requestTimeout(QStringLiteral("request-timeout-ms"),
                                            QStringLiteral("A request must arrive completely within this time "
                                                           "(default 60000); slower ones get 408."),
                                            QStringLiteral("MS"));
    const QCommandLineOption maxConnections(QStringLiteral("max-connections"),
                                            QStringLiteral("Open connections at most (default 1024)."),
                                            QStringLiteral("N"));
    const QCommandLineOption maxRequests(QStringLiteral("max-requests"),
                                         QStringLiteral("Keep at most N requests (pinned ones not counted)."),
                                         QStringLiteral("N"));
    const QCommandLineOption maxAge(QStringLiteral("max-age"),
                                    QStringLiteral("Delete unpinned requests older than this (90s, 30m, 12h, 7d)."),
                                    QStringLiteral("DURATION"));
    const QCommandLineOption maxStoreSize(QStringLiteral("max-store-size"),
                                          QStringLiteral("Cap the store file; past it requests get 503 like on a "
                                                         "full disk."),
                                          QStringLiteral("BYTES"));
    const QCommandLineOption forward(QStringLiteral("forward"),
                                     QStringLiteral("Forward requests under PREFIX to URL (the rest of the path and the "
                                                    "query are appended), e.g. /stripe=http://localhost:3000/webhooks. "
                                                    "Repeatable. Default: the rules saved in the data directory."),
                                     QStringLiteral("PREFIX=URL"));
    const QCommandLineOption forwardMode(QStringLiteral("forward-mode"),
                                         QStringLiteral("queue (default): answer at once, deliver through the durable "
                                                        "queue with retries; proxy: wait for the target and answer "
                                                        "with its response."),
                                         QStringLiteral("MODE"), QStringLiteral("queue"));
    const QCommandLineOption retryInitial(QStringLiteral("retry-initial-ms"),
                                          QStringLiteral("First retry after about this long (default 1000)."),
                                          QStringLiteral("MS"));
    const QCommandLineOption retryMax(QStringLiteral("retry-max-ms"),
                                      QStringLiteral("Longest wait between attempts (default 300000)."),
                                      QStringLiteral("MS"));
    const QCommandLineOption retryAttempts(QStringLiteral("retry-max-attempts"),
                                           QStringLiteral("Attempts before a delivery goes to the dead letters "
                                                          "(default 10)."),
                                           QStringLiteral("N"));
    const QCommandLineOption forwardTimeout(QStringLiteral("forward-timeout-ms"),
                                            QStringLiteral("Give up on one delivery attempt after this long (default "
                                                           "30000); in proxy mode the sender then gets 504."),
                                            QStringLiteral("MS"));
    parser.addOptions({help, listen, dataDir, maxBody, maxHeader, respond, rule, delay, saveRules, jsonl, idleTimeout,
                       requestTimeout, maxConnections, maxRequests, maxAge, maxStoreSize, forward, forwardMode,
                       retryInitial, retryMax, retryAttempts, forwardTimeout});
    if (!parser.parse(arguments)) {
        printError(parser.errorText());
        return UsageError;
    }
    if (parser.isSet(help)) {
        printOut(parser.helpText().toUtf8());
        return Success;
    }
    if (!parser.positionalArguments().isEmpty()) {
        printError(QStringLiteral("serve takes no arguments (got '%1')").arg(parser.positionalArguments().first()));
        return UsageError;
    }

    CaptureService::Options options;
    if (parser.isSet(listen)) {
        const Result<QList<ListenAddress>> addresses = ListenAddress::parseAll(parser.values(listen));
        if (!addresses) {
            printError(addresses.errorMessage());
            return UsageError;
        }
        options.capture.listen = addresses.value();
    }
    auto sizeOption = [&](const QCommandLineOption &option, qint64 *into) {
        if (!parser.isSet(option))
            return true;
        const qint64 value = parseByteSize(parser.value(option));
        if (value <= 0) {
            printError(QStringLiteral("--%1 takes a size in bytes such as 1048576, 64k or 10M (got '%2')")
                           .arg(option.names().first(), parser.value(option)));
            return false;
        }
        *into = value;
        return true;
    };
    auto numberOption = [&](const QCommandLineOption &option, auto *into) {
        if (!parser.isSet(option))
            return true;
        bool ok = false;
        const qint64 value = parser.value(option).toLongLong(&ok);
        if (!ok || value < 0 || value > std::numeric_limits<std::remove_pointer_t<decltype(into)>>::max()) {
            printError(QStringLiteral("--%1 takes a non-negative number (got '%2')")
                           .arg(option.names().first(), parser.value(option)));
            return false;
        }
        *into = std::remove_pointer_t<decltype(into)>(value);
        return true;
    };
    int delayMs = 0;
    if (!sizeOption(maxBody, &options.capture.maxBodyBytes) || !sizeOption(maxHeader, &options.capture.maxHeaderBytes) ||
        !sizeOption(maxStoreSize, &options.maxStoreBytes) || !numberOption(idleTimeout, &options.capture.idleTimeoutMs) ||
        !numberOption(requestTimeout, &options.capture.requestTimeoutMs) ||
        !numberOption(maxConnections, &options.capture.maxConnections) ||
        !numberOption(maxRequests, &options.retention.maxCount) || !numberOption(delay, &delayMs))
        return UsageError;
    if (parser.isSet(maxAge)) {
        options.retention.maxAgeSeconds = parseDuration(parser.value(maxAge));
        if (options.retention.maxAgeSeconds <= 0) {
            printError(QStringLiteral("--max-age takes a duration such as 3600, 90s, 30m, 12h or 7d (got '%1')")
                           .arg(parser.value(maxAge)));
            return UsageError;
        }
    }

    // Forwarding: --forward rules, or those saved in the data directory (resolved once the directory is known).
    std::optional<Forward::Settings> forwarding;
    const QString mode = parser.value(forwardMode);
    if (mode != u"queue" && mode != u"proxy") {
        printError(QStringLiteral("--forward-mode is queue or proxy (got '%1')").arg(mode));
        return UsageError;
    }
    Forward::RetryPolicy retry;
    int forwardTimeoutMs = 30000;
    if (!numberOption(retryInitial, &retry.initialMs) || !numberOption(retryMax, &retry.maxMs) ||
        !numberOption(retryAttempts, &retry.maxAttempts) || !numberOption(forwardTimeout, &forwardTimeoutMs))
        return UsageError;
    if (forwardTimeoutMs < 1) {
        printError(QStringLiteral("--forward-timeout-ms must be at least 1"));
        return UsageError;
    }
    if (retry.maxAttempts < 1 || retry.initialMs < 1 || retry.maxMs < retry.initialMs) {
        printError(QStringLiteral("retries need --retry-max-attempts >= 1 and 1 <= --retry-initial-ms <= --retry-max-ms"));
        return UsageError;
    }
    if (parser.isSet(forward)) {
        forwarding = Forward::Settings{{}, retry, forwardTimeoutMs};
        for (const QString &spec : parser.values(forward)) {
            const Result<Forward::Rule> parsed =
                Forward::Rule::parse(spec, mode == u"proxy" ? Forward::Mode::Proxy : Forward::Mode::Queue);
            if (!parsed) {
                printError(QStringLiteral("--forward: %1").arg(parsed.errorMessage()));
                return UsageError;
            }
            forwarding->rules.append(parsed.value());
        }
    }
    const bool retryGiven = parser.isSet(retryInitial) || parser.isSet(retryMax) || parser.isSet(retryAttempts);

    // Answers: --respond and --rule, or those stored in the data directory.
    bool rulesGiven = parser.isSet(respond) || parser.isSet(rule) || parser.isSet(delay);
    ResponseRule fallback = ResponseRule::defaultRule();
    if (parser.isSet(respond)) {
        const Result<ResponseRule> parsed = ResponseRule::fromStatusSpec(parser.value(respond));
        if (!parsed) {
            printError(QStringLiteral("--respond: %1").arg(parsed.errorMessage()));
            return UsageError;
        }
        fallback = parsed.value();
    }
    fallback.delayMs = delayMs;
    QList<ResponseRule> rules;
    for (const QString &spec : parser.values(rule)) {
        const Result<ResponseRule> parsed = ResponseRule::fromRuleSpec(spec);
        if (!parsed) {
            printError(QStringLiteral("--rule: %1").arg(parsed.errorMessage()));
            return UsageError;
        }
        rules.append(parsed.value());
    }

    const Result<QString> directory = DataDirectory::prepare(parser.isSet(dataDir) ? parser.value(dataDir)
                                                                                   : DataDirectory::defaultPath());
    if (!directory) {
        printError(directory.errorMessage());
        return Failure;
    }
    options.dataDirectory = directory.value();
    {
        RequestStore store;
        if (const Result<void> opened = store.open(options.dataDirectory); !opened) {
            printError(opened.errorMessage());
            return Failure;
        }
        if (rulesGiven) {
            options.capture.responses = ResponseRules(rules, fallback);
            if (parser.isSet(saveRules)) {
                if (const Result<void> saved = store.saveResponseRules(options.capture.responses); !saved) {
                    printError(saved.errorMessage());
                    return Failure;
                }
            }
        } else {
            const Result<ResponseRules> stored = store.loadResponseRules();
            if (!stored) {
                printError(stored.errorMessage());
                return Failure;
            }
            options.capture.responses = stored.value();
        }
    }

    if (!forwarding) {
        Result<Forward::Settings> saved = Forward::load(options.dataDirectory);
        if (!saved) {
            printError(saved.errorMessage());
            return Failure;
        }
        forwarding = saved.value();
        if (retryGiven)
            forwarding->retry = retry;
        if (parser.isSet(forwardTimeout))
            forwarding->timeoutMs = forwardTimeoutMs;
    }
    options.forwarding = forwarding;

    if (::socketpair(AF_UNIX, SOCK_STREAM, 0, signalPipe) != 0) {
        printError(QStringLiteral("cannot set up signal handling"));
        return Failure;
    }
    QSocketNotifier signalNotifier(signalPipe[0], QSocketNotifier::Read);
    struct sigaction action = {};
    action.sa_handler = onSignal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    sigaction(SIGINT, &action, nullptr);
    sigaction(SIGTERM, &action, nullptr);

    const bool printJson = parser.isSet(jsonl);
    CaptureService service(options);
    int exitCode = Success;
    QObject::connect(&service, &CaptureService::listening, [](const QList<ListenAddress> &addresses) {
        QByteArray out;
        for (const ListenAddress &address : addresses)
            out += "listening on " + address.url().toUtf8() + '\n';
        printOut(out);
    });
    QObject::connect(&service, &CaptureService::failed, [&exitCode](const QString &message) {
        printError(message);
        exitCode = Failure;
        QCoreApplication::exit(Failure);
    });
    QObject::connect(&service, &CaptureService::requestsStored, [printJson](const QList<CapturedRequest> &requests) {
        QByteArray out;
        for (const CapturedRequest &request : requests)
            out += printJson ? Exchange::toJsonLine(request) + '\n' : requestLine(request);
        printOut(out);
    });
    QObject::connect(&service, &CaptureService::storeWriteFailed, [](const QString &message) {
        printError(QStringLiteral("could not store requests (answered 503): %1").arg(message));
    });
    QObject::connect(&service, &CaptureService::forwardTargetDown, [](const QString &message) {
        printError(QStringLiteral("forwarding: %1 (deliveries are kept and retried)").arg(message));
    });
    QObject::connect(&service, &CaptureService::forwardTargetUp, [](const QString &origin) {
        printError(QStringLiteral("forwarding: %1 answers again").arg(origin));
    });
    QObject::connect(&service, &CaptureService::forwardError, [](const QString &message) {
        printError(QStringLiteral("forwarding: %1").arg(message));
    });
    QObject::connect(&signalNotifier, &QSocketNotifier::activated, [] { QCoreApplication::exit(Success); });

    service.start();
    const int loopResult = QCoreApplication::exec();
    service.shutdown();
    // Print the requests committed by the final flush.
    QCoreApplication::sendPostedEvents();
    // A late Ctrl+C now ends the process the default way instead of writing to a closed pipe.
    std::signal(SIGINT, SIG_DFL);
    std::signal(SIGTERM, SIG_DFL);
    ::close(signalPipe[0]);
    ::close(signalPipe[1]);
    signalPipe[0] = signalPipe[1] = -1;
    return exitCode != Success ? exitCode : loopResult;
}

} // namespace Hookscope::Cli
