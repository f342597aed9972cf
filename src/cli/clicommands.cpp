#include "clicommands.h"

#include "datadirectory.h"
#include "exchange.h"
#include "requeststore.h"
#include "signature.h"
#include "timeformat.h"

#include <QCommandLineParser>
#include <QFile>
#include <QRegularExpression>
#include <QSaveFile>

#include <cstdio>
#include <memory>

namespace Hookscope::Cli {

using namespace Qt::StringLiterals;

void printError(const QString &message)
{
    const QByteArray line = "hookscope-cli: " + message.toUtf8() + '\n';
    std::fwrite(line.constData(), 1, size_t(line.size()), stderr);
    std::fflush(stderr);
}

bool printOut(const QByteArray &bytes)
{
    const size_t written = std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stdout);
    return std::fflush(stdout) == 0 && written == size_t(bytes.size()) && !std::ferror(stdout);
}

namespace {

QCommandLineOption dataDirOption()
{
    return QCommandLineOption(QStringLiteral("data-dir"),
                              QStringLiteral("Store directory (default: %1).").arg(DataDirectory::defaultPath()),
                              QStringLiteral("DIR"));
}

// Parses a command's arguments; on a usage error prints it and returns false with *exitCode set.
bool parseArguments(QCommandLineParser &parser, const QStringList &arguments, const QString &summary, int *exitCode)
{
    parser.setApplicationDescription(summary);
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    const QCommandLineOption help(QStringList{QStringLiteral("h"), QStringLiteral("help")},
                                  QStringLiteral("Show this help."));
    parser.addOption(help);
    if (!parser.parse(arguments)) {
        printError(parser.errorText());
        *exitCode = UsageError;
        return false;
    }
    if (parser.isSet(help)) {
        printOut(parser.helpText().toUtf8());
        *exitCode = Success;
        return false;
    }
    return true;
}

std::unique_ptr<RequestStore> openStore(const QCommandLineParser &parser, int *exitCode)
{
    const QString requested = parser.isSet(QStringLiteral("data-dir")) ? parser.value(QStringLiteral("data-dir"))
                                                                        : DataDirectory::defaultPath();
    const Result<QString> directory = DataDirectory::prepare(requested);
    if (!directory) {
        printError(directory.errorMessage());
        *exitCode = Failure;
        return nullptr;
    }
    auto store = std::make_unique<RequestStore>();
    if (const Result<void> opened = store->open(directory.value()); !opened) {
        printError(opened.errorMessage());
        *exitCode = Failure;
        return nullptr;
    }
    return store;
}

bool parseId(const QString &text, qint64 *id)
{
    bool ok = false;
    *id = text.toLongLong(&ok);
    if (!ok || *id <= 0) {
        printError(QStringLiteral("'%1' is not a request id (a positive number)").arg(text));
        return false;
    }
    return true;
}

} // namespace

bool parseIds(const QStringList &texts, QList<qint64> *ids)
{
    for (const QString &text : texts) {
        qint64 id = 0;
        if (!parseId(text, &id))
            return false;
        ids->append(id);
    }
    return true;
}

namespace {

QByteArray forwardText(const ForwardInfo &info)
{
    const QByteArray status = info.lastStatus ? " (" + QByteArray::number(info.lastStatus) + ')' : QByteArray();
    switch (info.state) {
    case ForwardState::None: return {};
    case ForwardState::Pending: return "pending";
    case ForwardState::Delivered: return "delivered" + status;
    case ForwardState::Retrying: return "retrying after attempt " + QByteArray::number(info.attempts) + status;
    case ForwardState::Failed: return "failed after " + QByteArray::number(info.attempts) + " attempts" + status;
    case ForwardState::Discarded: return "discarded";
    }
    return {};
}

QByteArray summaryLine(const RequestSummary &summary)
{
    QByteArray line = QByteArray::number(summary.id).rightJustified(7) + "  " +
                      formatRfc3339Us(summary.receivedUs).toLatin1() + "  " + summary.method.leftJustified(7) + ' ' +
                      summary.target + "  " + QByteArray::number(summary.bodySize) + " B  " +
                      QByteArray::number(summary.statusSent);
    // What verification and forwarding found, when there is something to say.
    const RequestAnnotation &annotation = summary.annotation;
    if (!annotation.provider.isEmpty())
        line += "  " + annotation.provider.toUtf8() + (annotation.event.isEmpty() ? QByteArray() : ' ' + annotation.event.toUtf8());
    if (annotation.verdict >= 0 && annotation.verdict != qint8(Verify::Verdict::Unsigned))
        line += "  signature " + Verify::verdictName(Verify::Verdict(annotation.verdict)).toUtf8();
    if (summary.forward.state != ForwardState::None)
        line += "  forward " + forwardText(summary.forward);
    if (summary.pinned)
        line += "  pinned";
    if (summary.label != Label::None)
        line += "  label " + QByteArray(labelName(summary.label).data(), labelName(summary.label).size());
    if (!summary.rejectedReason.isEmpty())
        line += "  rejected: " + summary.rejectedReason.toUtf8();
    return line + '\n';
}

} // namespace

int list(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.addOption(dataDirOption());
    const QCommandLineOption after(QStringLiteral("after"), QStringLiteral("Only requests with a greater id."),
                                   QStringLiteral("ID"), QStringLiteral("0"));
    const QCommandLineOption limit(QStringLiteral("limit"), QStringLiteral("At most N requests."), QStringLiteral("N"));
    const QCommandLineOption count(QStringLiteral("count"), QStringLiteral("Print only the number of stored requests."));
    parser.addOptions({after, limit, count});
    int exitCode = Success;
    if (!parseArguments(parser, arguments, QStringLiteral("List stored requests, oldest first."), &exitCode))
        return exitCode;
    if (!parser.positionalArguments().isEmpty()) {
        printError(QStringLiteral("list takes no arguments (got '%1')").arg(parser.positionalArguments().first()));
        return UsageError;
    }
    bool afterOk = true;
    bool limitOk = true;
    qint64 afterId = parser.value(after).toLongLong(&afterOk);
    qint64 remaining = parser.isSet(limit) ? parser.value(limit).toLongLong(&limitOk) : -1;
    if (!afterOk || afterId < 0 || !limitOk || (parser.isSet(limit) && remaining < 0)) {
        printError(QStringLiteral("--%1 takes a non-negative number (got '%2')")
                       .arg(afterOk && afterId >= 0 ? u"limit"_s : u"after"_s,
                            afterOk && afterId >= 0 ? parser.value(limit) : parser.value(after)));
        return UsageError;
    }
    std::unique_ptr<RequestStore> store = openStore(parser, &exitCode);
    if (!store)
        return exitCode;
    if (parser.isSet(count)) {
        const Result<qint64> total = store->count();
        if (!total) {
            printError(total.errorMessage());
            return Failure;
        }
        return printOut(QByteArray::number(total.value()) + '\n') ? Success : Failure;
    }
    // Pages keep memory flat with a million stored requests.
    constexpr int PageSize = 2000;
    while (remaining != 0) {
        const int page = remaining < 0 ? PageSize : int(qMin<qint64>(remaining, PageSize));
        const Result<QList<RequestSummary>> summaries = store->summaries(afterId, page);
        if (!summaries) {
            printError(summaries.errorMessage());
            return Failure;
        }
        QByteArray out;
        for (const RequestSummary &summary : summaries.value())
            out += summaryLine(summary);
        if (!printOut(out)) {
            printError(QStringLiteral("cannot write to standard output"));
            return Failure;
        }
        if (summaries.value().size() < page)
            break;
        afterId = summaries.value().last().id;
        if (remaining > 0)
            remaining -= summaries.value().size();
    }
    return Success;
}

int show(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.addOption(dataDirOption());
    const QCommandLineOption raw(QStringLiteral("raw"), QStringLiteral("Write the exact bytes received."));
    const QCommandLineOption body(QStringLiteral("body"), QStringLiteral("Write only the body."));
    const QCommandLineOption json(QStringLiteral("json"), QStringLiteral("Print the JSON Lines record."));
    parser.addOptions({raw, body, json});
    parser.addPositionalArgument(QStringLiteral("ID"), QStringLiteral("The request's id (see list)."));
    int exitCode = Success;
    if (!parseArguments(parser, arguments, QStringLiteral("Print one stored request."), &exitCode))
        return exitCode;
    if (parser.positionalArguments().size() != 1) {
        printError(QStringLiteral("show takes exactly one request id"));
        return UsageError;
    }
    qint64 id = 0;
    if (!parseId(parser.positionalArguments().first(), &id))
        return UsageError;
    std::unique_ptr<RequestStore> store = openStore(parser, &exitCode);
    if (!store)
        return exitCode;
    const Result<CapturedRequest> request = store->request(id);
    if (!request) {
        printError(request.errorMessage());
        return Failure;
    }
    const CapturedRequest &r = request.value();
    QByteArray out;
    if (parser.isSet(raw)) {
        out = r.raw;
    } else if (parser.isSet(body)) {
        out = r.body;
    } else if (parser.isSet(json)) {
        out = Exchange::toJsonLine(r) + '\n';
    } else {
    out += "id:          " + QByteArray::number(r.id) + '\n';
    out += "received:    " + formatRfc3339Us(r.receivedUs).toLatin1() + " (in " +
           QByteArray::number(r.receiveDurationUs) + " us)\n";
    out += "request:     " + r.method + ' ' + r.target + ' ' + r.httpVersion + '\n';
    out += "from:        " + r.remoteText().toUtf8() + "  to " + r.localText().toUtf8() + "  connection " +
           QByteArray::number(r.connectionId) + " #" + QByteArray::number(r.connectionIndex) + '\n';
    out += "status sent: " + QByteArray::number(r.statusSent) + '\n';
    if (r.isRejected())
        out += "rejected:    " + r.rejectedReason.toUtf8() + '\n';
    if (r.pinned)
        out += "pinned:      yes\n";
    if (r.label != Label::None)
        out += "label:       " + QByteArray(labelName(r.label).data(), labelName(r.label).size()) + '\n';
    out += "\n";
    for (const HeaderField &field : r.headers)
        out += field.first + ": " + field.second + '\n';
    for (const HeaderField &field : r.trailers)
        out += "(trailer) " + field.first + ": " + field.second + '\n';
    out += "\n";
    out += r.body;
    if (!r.body.isEmpty() && !r.body.endsWith('\n'))
        out += '\n';
    }
    if (!printOut(out)) {
        printError(QStringLiteral("cannot write to standard output"));
        return Failure;
    }
    return Success;
}

int exportRequests(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.addOption(dataDirOption());
    const QCommandLineOption format(QStringLiteral("format"), QStringLiteral("jsonl (default) or har."),
                                    QStringLiteral("FORMAT"), QStringLiteral("jsonl"));
    const QCommandLineOption output(QStringList{QStringLiteral("o"), QStringLiteral("output")},
                                    QStringLiteral("Write to FILE instead of standard output."), QStringLiteral("FILE"));
    parser.addOptions({format, output});
    int exitCode = Success;
    if (!parseArguments(parser, arguments, QStringLiteral("Export every stored request."), &exitCode))
        return exitCode;
    const QString formatName = parser.value(format).toLower();
    if (formatName != u"jsonl" && formatName != u"har") {
        printError(QStringLiteral("unknown export format '%1' (use jsonl or har)").arg(parser.value(format)));
        return UsageError;
    }
    if (!parser.positionalArguments().isEmpty()) {
        printError(QStringLiteral("export takes no arguments (got '%1')").arg(parser.positionalArguments().first()));
        return UsageError;
    }
    std::unique_ptr<RequestStore> store = openStore(parser, &exitCode);
    if (!store)
        return exitCode;

    QFile standardOutput;
    QSaveFile file; // written completely or not at all
    QIODevice *device = nullptr;
    if (parser.isSet(output)) {
        file.setFileName(parser.value(output));
        if (!file.open(QIODevice::WriteOnly)) {
            printError(QStringLiteral("cannot write %1: %2").arg(parser.value(output), file.errorString()));
            return Failure;
        }
        device = &file;
    } else {
        if (!standardOutput.open(stdout, QIODevice::WriteOnly)) {
            printError(QStringLiteral("cannot write to standard output"));
            return Failure;
        }
        device = &standardOutput;
    }

    bool writeOk = true;
    Result<void> visited;
    if (formatName == u"har") {
        Exchange::HarWriter writer(device);
        writeOk = writer.begin();
        visited = store->forEach([&](const CapturedRequest &request) { return writeOk = writer.add(request); });
        writeOk = writeOk && writer.finish();
    } else {
        visited = store->forEach([&](const CapturedRequest &request) {
            writeOk = device->write(Exchange::toJsonLine(request) + '\n') >= 0;
            return writeOk;
        });
    }
    if (!visited) {
        printError(visited.errorMessage());
        return Failure;
    }
    // Flush before committing: a full disk must fail the export, not leave a cut file or exit 0.
    if (writeOk && device == &file)
        writeOk = file.flush() && file.commit();
    if (writeOk && device == &standardOutput)
        writeOk = standardOutput.flush() && std::fflush(stdout) == 0 && !std::ferror(stdout);
    if (!writeOk) {
        printError(QStringLiteral("writing the export failed: %1").arg(device->errorString()));
        return Failure;
    }
    return Success;
}

int importRequests(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.addOption(dataDirOption());
    parser.addPositionalArgument(QStringLiteral("FILE"), QStringLiteral("A JSON Lines or HAR file ('-': stdin)."));
    int exitCode = Success;
    if (!parseArguments(parser, arguments, QStringLiteral("Import requests from JSON Lines or HAR."), &exitCode))
        return exitCode;
    if (parser.positionalArguments().size() != 1) {
        printError(QStringLiteral("import takes exactly one file"));
        return UsageError;
    }
    const QString path = parser.positionalArguments().first();
    QFile file;
    const bool opened = path == u"-" ? file.open(stdin, QIODevice::ReadOnly) : (file.setFileName(path), file.open(QIODevice::ReadOnly));
    if (!opened) {
        printError(QStringLiteral("cannot read %1: %2").arg(path, file.errorString()));
        return Failure;
    }
    const QByteArray content = file.readAll();
    QList<CapturedRequest> requests;
    if (Exchange::detectFormat(QByteArrayView(content).first(qMin<qsizetype>(4096, content.size()))) == Exchange::Format::Har) {
        Result<QList<CapturedRequest>> parsed = Exchange::fromHar(content);
        if (!parsed) {
            printError(QStringLiteral("%1: %2").arg(path, parsed.errorMessage()));
            return Failure;
        }
        requests = std::move(parsed).value();
    } else {
        int lineNumber = 0;
        for (qsizetype start = 0; start < content.size();) {
            qsizetype end = content.indexOf('\n', start);
            if (end < 0)
                end = content.size();
            const QByteArrayView line = QByteArrayView(content).sliced(start, end - start);
            start = end + 1;
            ++lineNumber;
            if (line.trimmed().isEmpty())
                continue;
            Result<CapturedRequest> parsed = Exchange::fromJsonLine(line);
            if (!parsed) {
                // Nothing is imported from a file with a bad line: a half import is harder to undo than none.
                printError(QStringLiteral("%1:%2: %3").arg(path).arg(lineNumber).arg(parsed.errorMessage()));
                return Failure;
            }
            requests.append(std::move(parsed).value());
        }
    }
    std::unique_ptr<RequestStore> store = openStore(parser, &exitCode);
    if (!store)
        return exitCode;
    if (const Result<void> inserted = store->insert(requests); !inserted) {
        printError(inserted.errorMessage());
        return Failure;
    }
    return printOut("imported " + QByteArray::number(requests.size()) + " requests\n") ? Success : Failure;
}

int clear(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.addOption(dataDirOption());
    const QCommandLineOption all(QStringLiteral("all"), QStringLiteral("Delete pinned requests too."));
    parser.addOption(all);
    int exitCode = Success;
    if (!parseArguments(parser, arguments, QStringLiteral("Delete stored requests."), &exitCode))
        return exitCode;
    if (!parser.positionalArguments().isEmpty()) {
        // 'clear 5' must not be taken for 'clear everything'.
        printError(QStringLiteral("clear takes no arguments (got '%1'); it deletes every unpinned request")
                       .arg(parser.positionalArguments().first()));
        return UsageError;
    }
    std::unique_ptr<RequestStore> store = openStore(parser, &exitCode);
    if (!store)
        return exitCode;
    const Result<int> removed = store->clear(parser.isSet(all) ? RequestStore::PinnedHandling::DeletePinned
                                                                : RequestStore::PinnedHandling::KeepPinned);
    if (!removed) {
        printError(removed.errorMessage());
        return Failure;
    }
    return printOut("deleted " + QByteArray::number(removed.value()) + " requests\n") ? Success : Failure;
}

int pin(const QStringList &arguments, bool pinned)
{
    QCommandLineParser parser;
    parser.addOption(dataDirOption());
    parser.addPositionalArgument(QStringLiteral("ID"), QStringLiteral("Request ids."));
    int exitCode = Success;
    if (!parseArguments(parser, arguments,
                        pinned ? QStringLiteral("Keep requests through retention and clear.")
                               : QStringLiteral("Let retention and clear delete requests again."),
                        &exitCode))
        return exitCode;
    if (parser.positionalArguments().isEmpty()) {
        printError(QStringLiteral("give at least one request id"));
        return UsageError;
    }
    QList<qint64> ids;
    if (!parseIds(parser.positionalArguments(), &ids))
        return UsageError;
    std::unique_ptr<RequestStore> store = openStore(parser, &exitCode);
    if (!store)
        return exitCode;
    for (qint64 id : ids) {
        if (const Result<void> r = store->setPinned(id, pinned); !r) {
            printError(r.errorMessage());
            return Failure;
        }
    }
    return Success;
}

int label(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.addOption(dataDirOption());
    parser.addPositionalArgument(QStringLiteral("COLOR"), QStringLiteral("%1; none takes the label off.")
                                                              .arg(QString(labelNames()).section(u", "_s, 1)));
    parser.addPositionalArgument(QStringLiteral("ID"), QStringLiteral("Request ids."));
    int exitCode = Success;
    if (!parseArguments(parser, arguments, QStringLiteral("Put a colour label on requests, or take it off."),
                        &exitCode))
        return exitCode;
    const QStringList positional = parser.positionalArguments();
    if (positional.size() < 2) {
        printError(QStringLiteral("give a colour and at least one request id: hookscope-cli label red 42"));
        return UsageError;
    }
    const std::optional<Label> color = labelFromName(positional.first());
    if (!color) {
        printError(QStringLiteral("unknown label '%1'; labels: %2").arg(positional.first(), labelNames()));
        return UsageError;
    }
    QList<qint64> ids;
    if (!parseIds(positional.mid(1), &ids))
        return UsageError;
    std::unique_ptr<RequestStore> store = openStore(parser, &exitCode);
    if (!store)
        return exitCode;
    const Result<QList<qint64>> missing = store->setLabel(ids, *color);
    if (!missing) {
        printError(missing.errorMessage());
        return Failure;
    }
    if (!missing.value().isEmpty()) {
        QStringList texts;
        for (qint64 id : missing.value())
            texts.append(QString::number(id));
        printError(QStringLiteral("no request with id %1 (the others were labelled)").arg(texts.join(u", "_s)));
        return Failure;
    }
    return Success;
}

} // namespace Hookscope::Cli
