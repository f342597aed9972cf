// hookscope-cli resend: send stored requests again to a target, unchanged, edited, or signed afresh.

#include "clicommands.h"

#include "attemptrecord.h"
#include "datadirectory.h"
#include "httpsender.h"
#include "outgoing.h"
#include "requeststore.h"
#include "secretstore.h"
#include "signature.h"

#include <QCommandLineParser>
#include <QDateTime>

namespace Hookscope::Cli
{

using namespace Qt::StringLiterals;

namespace
{

QString milliseconds(qint64 us)
{
    return us < 0 ? u"-"_s : QString::number(double(us) / 1000.0, 'f', 1) + u" ms"_s;
}

// "Name: value" sets the header (in place when present), "Name:" removes it, as curl's -H does.
bool applyHeader(HeaderList &headers, const QString &spec)
{
    const qsizetype colon = spec.indexOf(u':');
    if (colon <= 0)
        return false;
    const QByteArray name = spec.left(colon).trimmed().toUtf8();
    const QByteArray value = spec.mid(colon + 1).trimmed().toUtf8();
    if (name.isEmpty() || name.contains(' '))
        return false;
    bool set = false;
    for (qsizetype i = 0; i < headers.size();) {
        if (headers[i].first.compare(name, Qt::CaseInsensitive) == 0) {
            if (value.isEmpty() || set) {
                headers.removeAt(i);
                continue;
            }
            headers[i].second = value;
            set = true;
        }
        ++i;
    }
    if (!set && !value.isEmpty())
        headers.append({name, value});
    return true;
}

} // namespace

int resend(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        u"Send stored requests again. Exit 0 when every one got a 2xx answer, 3 when any got another status, 4 when "
        "any could not be delivered, 2 for a usage error."_s);
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    parser.addPositionalArgument(u"ID"_s, u"Stored request ids (see list)."_s, u"ID [ID...]"_s);
    const QCommandLineOption help(QStringList{u"h"_s, u"help"_s}, u"Show this help."_s);
    const QCommandLineOption dataDir(u"data-dir"_s, u"Store directory (default: %1)."_s.arg(DataDirectory::defaultPath()),
                                     u"DIR"_s);
    const QCommandLineOption to(u"to"_s,
                                u"Target URL. An origin (http://localhost:3000) gets each request's own path and "
                                "query; a URL with a path is used as is."_s,
                                u"URL"_s);
    const QCommandLineOption header(QStringList{u"H"_s, u"header"_s},
                                    u"'Name: value' replaces or adds a header; 'Name:' removes it. Repeatable."_s,
                                    u"HEADER"_s);
    const QCommandLineOption method(QStringList{u"X"_s, u"method"_s}, u"Send with this method."_s, u"METHOD"_s);
    const QCommandLineOption resign(u"resign"_s, u"Sign afresh with the current time (after the edits)."_s);
    const QCommandLineOption secret(u"secret"_s,
                                    u"Secret for --resign (default: the data directory's secrets for the provider and "
                                    "path)."_s,
                                    u"S"_s);
    const QCommandLineOption provider(u"provider"_s, u"Scheme for --resign (default: detected)."_s, u"NAME"_s,
                                      u"auto"_s);
    const QCommandLineOption insecure(QStringList{u"k"_s, u"insecure"_s},
                                      u"Accept a self-signed or otherwise untrusted certificate."_s);
    const QCommandLineOption location(QStringList{u"L"_s, u"location"_s}, u"Follow redirects."_s);
    const QCommandLineOption timeout(u"timeout"_s, u"Give up on an attempt after SECONDS (default 30)."_s,
                                     u"SECONDS"_s, u"30"_s);
    parser.addOptions({help, dataDir, to, header, method, resign, secret, provider, insecure, location, timeout});
    if (!parser.parse(arguments)) {
        printError(parser.errorText());
        return UsageError;
    }
    if (parser.isSet(help)) {
        printOut(parser.helpText().toUtf8());
        return Success;
    }
    const QStringList idTexts = parser.positionalArguments();
    if (idTexts.isEmpty()) {
        printError(u"resend needs at least one request id"_s);
        return UsageError;
    }
    QList<qint64> ids;
    if (!parseIds(idTexts, &ids))
        return UsageError;
    const QUrl base(parser.value(to), QUrl::StrictMode);
    if (!parser.isSet(to) || !base.isValid() || base.host().isEmpty()
        || (base.scheme() != u"http" && base.scheme() != u"https")) {
        printError(parser.isSet(to) ? u"--to '%1' is not an http:// or https:// URL"_s.arg(parser.value(to))
                                    : u"resend needs --to URL"_s);
        return UsageError;
    }
    for (const QString &spec : parser.values(header)) {
        HeaderList probe;
        if (!applyHeader(probe, spec)) {
            printError(u"--header '%1' must be 'Name: value' (or 'Name:' to remove it)"_s.arg(spec));
            return UsageError;
        }
    }
    bool timeoutOk = false;
    const double timeoutSeconds = parser.value(timeout).toDouble(&timeoutOk);
    if (!timeoutOk || timeoutSeconds <= 0) {
        printError(u"--timeout takes a number of seconds (got '%1')"_s.arg(parser.value(timeout)));
        return UsageError;
    }
    const QString providerName = parser.value(provider);
    if (providerName.compare(u"auto", Qt::CaseInsensitive) != 0 && !Verify::findScheme(providerName)) {
        printError(u"unknown provider '%1'"_s.arg(providerName));
        return UsageError;
    }
    if (parser.isSet(secret) && !parser.isSet(resign)) {
        printError(u"--secret is for --resign"_s);
        return UsageError;
    }

    const Result<QString> directory = DataDirectory::prepare(parser.isSet(dataDir) ? parser.value(dataDir)
                                                                                  : DataDirectory::defaultPath());
    RequestStore store;
    Result<void> opened = directory ? store.open(directory.value()) : Result<void>(directory.error());
    if (!opened) {
        printError(opened.errorMessage());
        return Failure;
    }
    Verify::SecretList secrets;
    if (parser.isSet(resign) && !parser.isSet(secret)) {
        Result<Verify::SecretList> loaded = Verify::SecretStore::load(directory.value());
        if (!loaded) {
            printError(loaded.errorMessage());
            return Failure;
        }
        secrets = loaded.value();
    }

    Resend::SendOptions options;
    options.acceptSelfSigned = parser.isSet(insecure);
    options.followRedirects = parser.isSet(location);
    options.timeoutMs = int(timeoutSeconds * 1000);
    bool anyUndelivered = false;
    bool anyNon2xx = false;
    for (qint64 id : ids) {
        Result<CapturedRequest> loaded = store.request(id);
        if (!loaded) {
            printError(loaded.errorMessage());
            anyUndelivered = true;
            continue;
        }
        CapturedRequest request = loaded.value();
        const QUrl url = Resend::resolveTarget(base, request.target);
        if (parser.isSet(method))
            request.method = parser.value(method).toUtf8();
        for (const QString &spec : parser.values(header))
            applyHeader(request.headers, spec);
        if (parser.isSet(resign)) {
            const Verify::Scheme *scheme = providerName.compare(u"auto", Qt::CaseInsensitive) == 0
                ? Verify::detectScheme(request)
                : Verify::findScheme(providerName);
            if (!scheme) {
                printError(u"#%1: no known signature to renew; name the scheme with --provider"_s.arg(id));
                anyUndelivered = true;
                continue;
            }
            Verify::SignOptions sign;
            sign.nowUnix = QDateTime::currentSecsSinceEpoch();
            // Schemes that sign the URL sign the one the receiver is reached at.
            sign.publicUrl = url.toString(QUrl::FullyEncoded).toUtf8();
            if (parser.isSet(secret)) {
                sign.secret = parser.value(secret).toUtf8();
            } else {
                // The same entry verification uses: the longest matching path prefix.
                if (const Verify::SecretEntry *entry = Verify::findEntry(secrets, scheme->name(), request);
                    entry && !entry->secrets.isEmpty()) {
                    sign.secret = entry->secrets.first();
                    sign.generic = entry->generic;
                }
            }
            if (sign.secret.isEmpty()) {
                printError(u"#%1: no secret for %2: give --secret"_s.arg(id).arg(scheme->name()));
                anyUndelivered = true;
                continue;
            }
            const Result<Verify::SignedRequest> signedRequest = scheme->sign(request, sign);
            if (!signedRequest) {
                printError(u"#%1: %2"_s.arg(id).arg(signedRequest.errorMessage()));
                anyUndelivered = true;
                continue;
            }
            request.headers = signedRequest.value().headers;
            request.body = signedRequest.value().body;
        }
        const Resend::Attempt attempt = Resend::HttpSender::sendBlocking(url, Resend::prepare(request, url), options);
        StoredAttempt stored = Resend::toStoredAttempt(attempt);
        stored.requestId = id;
        if (const Result<qint64> recorded = store.recordAttempt(stored); !recorded)
            printError(u"#%1: the attempt was not stored: %2"_s.arg(id).arg(recorded.errorMessage()));
        QString line = u"#%1 %2 %3 -> "_s.arg(id).arg(QString::fromUtf8(request.method),
                                                    attempt.url.toString(QUrl::FullyEncoded));
        if (attempt.response) {
            line += u"%1 %2  (connect %3, first byte %4, total %5)"_s.arg(attempt.response->status)
                        .arg(QString::fromUtf8(attempt.response->reason), milliseconds(attempt.timing.connectUs),
                             milliseconds(attempt.timing.firstByteUs), milliseconds(attempt.timing.totalUs));
            if (attempt.response->status < 200 || attempt.response->status > 299)
                anyNon2xx = true;
        } else {
            line += u"not delivered: "_s + attempt.error;
            anyUndelivered = true;
        }
        if (!printOut(line.toUtf8() + '\n')) {
            printError(u"cannot write to standard output"_s);
            return Failure;
        }
    }
    return anyUndelivered ? 4 : anyNon2xx ? 3 : Success;
}

} // namespace Hookscope::Cli
