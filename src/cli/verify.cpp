// hookscope-cli verify / sign: check a captured request's webhook signature, or sign it afresh.

#include "clicommands.h"

#include "datadirectory.h"
#include "exchange.h"
#include "requeststore.h"
#include "secretstore.h"
#include "signature.h"
#include "textformat.h"
#include "timeformat.h"

#include <QCommandLineParser>
#include <QDateTime>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cstdio>

namespace Hookscope::Cli
{

using namespace Qt::StringLiterals;
using namespace Hookscope::Verify;

namespace
{

struct CommonOptions {
    QCommandLineOption provider{u"provider"_s,
                                u"Provider scheme: auto (detect from the headers) or one of: "_s
                                    + schemeNames().join(u", "),
                                u"NAME"_s, u"auto"_s};
    QCommandLineOption secret{u"secret"_s,
                              u"Secret (repeatable: each is tried, for rotation). For discord, sendgrid and "
                              "Standard Webhooks v1a: the public key (verify) or the private key (sign)."_s,
                              u"S"_s};
    QCommandLineOption secretFile{u"secret-file"_s,
                                  u"Read secrets from FILE, one per line (keeps them out of the shell history)."_s,
                                  u"FILE"_s};
    QCommandLineOption now{u"now"_s, u"Judge (or sign with) this time, in Unix seconds (default: the current time)."_s,
                           u"UNIX"_s};
    QCommandLineOption url{u"url"_s,
                           u"The public URL the provider sends to (Twilio, Square, Mailchimp Transactional sign it). "
                           "An origin such as https://abc.example is completed with the request's path."_s,
                           u"PUBLIC_URL"_s};
    QCommandLineOption generic{u"generic"_s,
                               u"generic-hmac settings, e.g. 'algorithm=sha256;encoding=hex;header=X-Signature;"
                               "prefix=sha256=;template={timestamp}.{body};timestamp-header=X-Timestamp'"_s,
                               u"SPEC"_s};
    QCommandLineOption request{u"request"_s, u"Take the stored request with this id instead of FILE."_s, u"ID"_s};
    QCommandLineOption dataDir{u"data-dir"_s,
                               u"Store directory for --request (default: %1)."_s.arg(DataDirectory::defaultPath()),
                               u"DIR"_s};
};

bool parseCommand(QCommandLineParser &parser, const QStringList &arguments, const QString &summary, int *exitCode)
{
    parser.setApplicationDescription(summary);
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    parser.addPositionalArgument(u"FILE"_s, u"A request in the JSON Lines record format (first line), or - for "
                                            "standard input."_s);
    const QCommandLineOption help(QStringList{u"h"_s, u"help"_s}, u"Show this help."_s);
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

// The request to work on: from the store (--request) or the first line of FILE / standard input.
std::optional<CapturedRequest> loadRequest(const QCommandLineParser &parser, const CommonOptions &o, int *exitCode)
{
    const QStringList files = parser.positionalArguments();
    if (parser.isSet(o.request)) {
        if (!files.isEmpty()) {
            printError(u"give either --request or FILE, not both"_s);
            *exitCode = UsageError;
            return std::nullopt;
        }
        bool ok = false;
        const qint64 id = parser.value(o.request).toLongLong(&ok);
        if (!ok || id <= 0) {
            printError(u"'%1' is not a request id (a positive number)"_s.arg(parser.value(o.request)));
            *exitCode = UsageError;
            return std::nullopt;
        }
        const Result<QString> directory = DataDirectory::prepare(
            parser.isSet(o.dataDir) ? parser.value(o.dataDir) : DataDirectory::defaultPath());
        RequestStore store;
        Result<void> opened = directory ? store.open(directory.value()) : Result<void>(directory.error());
        if (!opened) {
            printError(opened.errorMessage());
            *exitCode = Failure;
            return std::nullopt;
        }
        Result<CapturedRequest> request = store.request(id);
        if (!request) {
            printError(request.errorMessage());
            *exitCode = Failure;
            return std::nullopt;
        }
        return request.value();
    }
    if (files.size() != 1) {
        printError(files.isEmpty() ? u"no request given: pass FILE, - for standard input, or --request ID"_s
                                   : u"one FILE at a time (got %1)"_s.arg(files.size()));
        *exitCode = UsageError;
        return std::nullopt;
    }
    QFile file;
    const bool opened = files.first() == u"-" ? file.open(stdin, QIODevice::ReadOnly)
                                              : (file.setFileName(files.first()), file.open(QIODevice::ReadOnly));
    if (!opened) {
        printError(u"cannot read %1: %2"_s.arg(files.first(), file.errorString()));
        *exitCode = UsageError;
        return std::nullopt;
    }
    QByteArray line;
    while (!file.atEnd()) {
        line = file.readLine();
        if (!line.trimmed().isEmpty())
            break;
    }
    if (line.trimmed().isEmpty()) {
        printError(u"%1 holds no request record"_s.arg(files.first()));
        *exitCode = UsageError;
        return std::nullopt;
    }
    if (line.endsWith('\n'))
        line.chop(1);
    if (line.endsWith('\r'))
        line.chop(1);
    Result<CapturedRequest> request = Exchange::fromJsonLine(line);
    if (!request) {
        printError(u"%1: %2"_s.arg(files.first(), request.errorMessage()));
        *exitCode = UsageError;
        return std::nullopt;
    }
    return request.value();
}

std::optional<QList<QByteArray>> secrets(const QCommandLineParser &parser, const CommonOptions &o, int *exitCode)
{
    QList<QByteArray> out;
    for (const QString &value : parser.values(o.secret))
        out << value.toUtf8();
    for (const QString &path : parser.values(o.secretFile)) {
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly)) {
            printError(u"cannot read the secret file %1: %2"_s.arg(path, file.errorString()));
            *exitCode = UsageError;
            return std::nullopt;
        }
        const QByteArray text = file.readAll();
        // A PEM key is one secret spanning several lines.
        if (text.trimmed().startsWith("-----BEGIN")) {
            out << text.trimmed();
            continue;
        }
        for (const QByteArray &line : text.split('\n')) {
            const QByteArray secret = line.endsWith('\r') ? line.chopped(1) : line;
            if (!secret.isEmpty())
                out << secret;
        }
    }
    return out;
}

bool readNow(const QCommandLineParser &parser, const CommonOptions &o, qint64 *now, int *exitCode)
{
    *now = QDateTime::currentSecsSinceEpoch();
    if (!parser.isSet(o.now))
        return true;
    bool ok = false;
    *now = parser.value(o.now).toLongLong(&ok);
    // Up to the end of year 9999: times beyond make no sense and would overflow in milliseconds.
    if (!ok || *now < 0 || *now > 253402300799) {
        printError(u"--now takes Unix seconds up to 253402300799 (got '%1')"_s.arg(parser.value(o.now)));
        *exitCode = UsageError;
        return false;
    }
    return true;
}

bool readGeneric(const QCommandLineParser &parser, const CommonOptions &o, GenericHmacConfig *config, int *exitCode)
{
    if (!parser.isSet(o.generic))
        return true;
    QString error;
    const std::optional<GenericHmacConfig> parsed = GenericHmacConfig::parse(parser.value(o.generic), &error);
    if (!parsed) {
        printError(u"--generic: "_s + error);
        *exitCode = UsageError;
        return false;
    }
    *config = *parsed;
    return true;
}

bool checkProvider(const QString &name, bool allowAuto, int *exitCode)
{
    if ((allowAuto && name.compare(u"auto", Qt::CaseInsensitive) == 0) || findScheme(name))
        return true;
    printError(u"unknown provider '%1'; known: %2%3"_s.arg(name, allowAuto ? u"auto, "_s : QString(),
                                                            schemeNames().join(u", ")));
    *exitCode = UsageError;
    return false;
}

QString escapedContent(const QByteArray &content)
{
    const int max = 240;
    QByteArray shown = TextFormat::escapedText(content.left(max));
    shown.replace("\n", "\\n");
    shown.replace("\r", "\\r");
    if (content.size() > max)
        shown += "… (" + QByteArray::number(content.size()) + " bytes)";
    return QString::fromUtf8(shown);
}

QString freshnessText(const Verification &v)
{
    QString text = freshnessName(v.freshness);
    const Evidence &e = v.evidence;
    if (e.timestamp) {
        text += u": timestamp %1 (%2)"_s.arg(*e.timestamp).arg(
            QDateTime::fromSecsSinceEpoch(*e.timestamp, Qt::UTC).toString(Qt::ISODate));
        if (e.skewSeconds)
            text += *e.skewSeconds >= 0 ? u", %1 s old"_s.arg(*e.skewSeconds)
                                        : u", %1 s in the future"_s.arg(-*e.skewSeconds);
        if (e.toleranceSeconds > 0)
            text += u", tolerance %1 s"_s.arg(e.toleranceSeconds);
    }
    return text;
}

QByteArray textReport(const Verification &v)
{
    QStringList lines;
    const auto add = [&lines](const QString &label, const QString &value) {
        if (!value.isEmpty())
            lines << label.leftJustified(10) + value;
    };
    add(u"provider"_s, v.provider.isEmpty() ? u"(none detected)"_s : v.provider);
    add(u"verdict"_s, verdictName(v.verdict));
    add(u"reason"_s, v.reason);
    if (v.verdict == Verdict::Valid || v.verdict == Verdict::Invalid) {
        QString signature = v.signatureValid ? u"valid"_s : u"does not match"_s;
        if (v.signatureValid && (v.evidence.matchedSecret > 0 || v.evidence.received.size() > 1))
            signature += u" (secret %1, signature %2)"_s.arg(v.evidence.matchedSecret + 1)
                             .arg(v.evidence.matchedSignature + 1);
        add(u"signature"_s, signature);
        add(u"freshness"_s, freshnessText(v));
    }
    add(u"header"_s, v.evidence.header);
    for (const QString &received : v.evidence.received)
        add(u"received"_s, received);
    add(u"expected"_s, v.evidence.expected);
    add(u"url"_s, v.evidence.url);
    if (!v.evidence.signedContent.isEmpty())
        add(u"signed"_s, escapedContent(v.evidence.signedContent));
    for (const QString &note : v.diagnostics)
        add(u"note"_s, note);
    return lines.join(u'\n').toUtf8() + '\n';
}

QByteArray jsonReport(const Verification &v)
{
    QJsonObject evidence{
        {u"header"_s, v.evidence.header},
        {u"received"_s, QJsonArray::fromStringList(v.evidence.received)},
        {u"expected"_s, v.evidence.expected},
        {u"signed_content"_s, escapedContent(v.evidence.signedContent)},
        {u"signed_content_base64"_s, QString::fromLatin1(v.evidence.signedContent.toBase64())},
        {u"tolerance_seconds"_s, v.evidence.toleranceSeconds},
        {u"matched_secret"_s, v.evidence.matchedSecret},
        {u"matched_signature"_s, v.evidence.matchedSignature},
        {u"url"_s, v.evidence.url},
    };
    evidence.insert(u"timestamp"_s, v.evidence.timestamp ? QJsonValue(double(*v.evidence.timestamp)) : QJsonValue());
    evidence.insert(u"skew_seconds"_s,
                    v.evidence.skewSeconds ? QJsonValue(double(*v.evidence.skewSeconds)) : QJsonValue());
    const QJsonObject report{
        {u"provider"_s, v.provider},
        {u"verdict"_s, verdictName(v.verdict)},
        {u"signature_valid"_s, v.signatureValid},
        {u"freshness"_s, freshnessName(v.freshness)},
        {u"reason"_s, v.reason},
        {u"diagnostics"_s, QJsonArray::fromStringList(v.diagnostics)},
        {u"evidence"_s, evidence},
    };
    return QJsonDocument(report).toJson(QJsonDocument::Compact) + '\n';
}

} // namespace

int verify(const QStringList &arguments)
{
    QCommandLineParser parser;
    CommonOptions o;
    const QCommandLineOption tolerance(u"tolerance"_s,
                                       u"Freshness window in seconds instead of the provider's (0: not checked)."_s,
                                       u"SECONDS"_s);
    const QCommandLineOption json(u"json"_s, u"Print the result as one JSON object."_s);
    parser.addOptions({o.provider, o.secret, o.secretFile, o.now, o.url, tolerance, o.generic, json, o.request, o.dataDir});
    int exitCode = Success;
    if (!parseCommand(parser, arguments,
                      u"Verify a request's webhook signature. Exit 0 when the provider would accept it, 1 when it "
                      "would not, 2 for a usage or input error."_s,
                      &exitCode))
        return exitCode;
    const QString provider = parser.value(o.provider);
    VerifyOptions options;
    if (!checkProvider(provider, true, &exitCode) || !readNow(parser, o, &options.nowUnix, &exitCode)
        || !readGeneric(parser, o, &options.generic, &exitCode))
        return exitCode;
    if (provider == u"generic-hmac" && !parser.isSet(o.generic))
        printError(u"note: no --generic settings given; using "_s + options.generic.toString());
    if (parser.isSet(tolerance)) {
        bool ok = false;
        const int seconds = parser.value(tolerance).toInt(&ok);
        if (!ok || seconds < 0) {
            printError(u"--tolerance takes a number of seconds (got '%1')"_s.arg(parser.value(tolerance)));
            return UsageError;
        }
        options.toleranceSeconds = seconds;
    }
    const std::optional<QList<QByteArray>> secretList = secrets(parser, o, &exitCode);
    if (!secretList)
        return exitCode;
    options.secrets = *secretList;
    options.publicUrl = parser.value(o.url).toUtf8();
    const std::optional<CapturedRequest> request = loadRequest(parser, o, &exitCode);
    if (!request)
        return exitCode;
    // A stored request without --secret: the secrets the app and serve use (secrets.json in the data directory),
    // judged at the request's arrival time unless --now says otherwise.
    const bool useStoredSecrets = options.secrets.isEmpty() && parser.isSet(o.request)
        && provider.compare(u"auto", Qt::CaseInsensitive) == 0;
    Verification v;
    if (useStoredSecrets) {
        const QString directory = parser.isSet(o.dataDir) ? parser.value(o.dataDir) : DataDirectory::defaultPath();
        const Result<SecretList> stored = SecretStore::load(directory);
        if (!stored) {
            printError(stored.errorMessage());
            return Failure;
        }
        v = verifyWithSecrets(*request, stored.value(),
                              parser.isSet(o.now) ? std::optional<qint64>(options.nowUnix) : std::nullopt);
    } else {
        v = verifyRequest(*request, provider, options);
    }
    if (!printOut(parser.isSet(json) ? jsonReport(v) : textReport(v))) {
        printError(u"cannot write to standard output"_s);
        return Failure;
    }
    return v.accepted() ? Success : Failure;
}

int sign(const QStringList &arguments)
{
    QCommandLineParser parser;
    CommonOptions o;
    const QCommandLineOption messageId(QStringList{u"id"_s, u"message-id"_s},
                                       u"Message id for schemes that sign one (Standard Webhooks, Svix, Twitch); "
                                       "default: the request's own, or a new one."_s,
                                       u"ID"_s);
    parser.addOptions({o.provider, o.secret, o.secretFile, o.now, o.url, o.generic, messageId, o.request, o.dataDir});
    int exitCode = Success;
    if (!parseCommand(parser, arguments,
                      u"Sign a request afresh and print it as a JSON Lines record with the new signature headers."_s,
                      &exitCode))
        return exitCode;
    QString provider = parser.value(o.provider);
    SignOptions options;
    if (!checkProvider(provider, true, &exitCode) || !readNow(parser, o, &options.nowUnix, &exitCode)
        || !readGeneric(parser, o, &options.generic, &exitCode))
        return exitCode;
    const std::optional<QList<QByteArray>> secretList = secrets(parser, o, &exitCode);
    if (!secretList)
        return exitCode;
    if (secretList->size() != 1) {
        printError(secretList->isEmpty() ? u"sign needs --secret (or --secret-file)"_s
                                         : u"sign takes exactly one secret"_s);
        return UsageError;
    }
    options.secret = secretList->first();
    options.publicUrl = parser.value(o.url).toUtf8();
    options.messageId = parser.value(messageId).toUtf8();
    const std::optional<CapturedRequest> loaded = loadRequest(parser, o, &exitCode);
    if (!loaded)
        return exitCode;
    CapturedRequest request = *loaded;
    const Scheme *scheme = provider.compare(u"auto", Qt::CaseInsensitive) == 0 ? detectScheme(request)
                                                                                : findScheme(provider);
    if (!scheme) {
        printError(u"the request carries no known signature; name the provider with --provider"_s);
        return UsageError;
    }
    if (!scheme->canSign()) {
        printError(u"%1 requests cannot be signed (its signature needs the provider's private key)"_s.arg(
            scheme->displayName()));
        return Failure;
    }
    const Result<SignedRequest> signedRequest = scheme->sign(request, options);
    if (!signedRequest) {
        printError(signedRequest.errorMessage());
        return Failure;
    }
    const bool bodyChanged = signedRequest.value().body != request.body;
    request.headers = signedRequest.value().headers;
    request.body = signedRequest.value().body;
    if (bodyChanged && !request.headerValue("Content-Length").isEmpty()) {
        for (HeaderField &field : request.headers) {
            if (field.first.compare("Content-Length", Qt::CaseInsensitive) == 0)
                field.second = QByteArray::number(request.body.size());
        }
    }
    request.raw = Exchange::rebuildRaw(request);
    if (!printOut(Exchange::toJsonLine(request) + '\n')) {
        printError(u"cannot write to standard output"_s);
        return Failure;
    }
    return Success;
}

} // namespace Hookscope::Cli
