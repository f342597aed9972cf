#include "signature.h"

#include "contentdecoder.h"
#include "formbody.h"
#include "schemes_p.h"

#include <QCoreApplication>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Hookscope::Verify
{

namespace
{
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Hookscope::Verify)
};
} // namespace

QString verdictName(Verdict verdict)
{
    switch (verdict) {
    case Verdict::Valid:
        return u"valid"_s;
    case Verdict::Invalid:
        return u"invalid"_s;
    case Verdict::Unsigned:
        return u"unsigned"_s;
    case Verdict::NoSecret:
        return u"no-secret"_s;
    case Verdict::Error:
        return u"error"_s;
    }
    return {};
}

std::optional<Verdict> verdictFromName(QStringView name)
{
    for (Verdict v : {Verdict::Valid, Verdict::Invalid, Verdict::Unsigned, Verdict::NoSecret, Verdict::Error}) {
        if (name.compare(verdictName(v), Qt::CaseInsensitive) == 0)
            return v;
    }
    return std::nullopt;
}

QString freshnessName(Freshness freshness)
{
    switch (freshness) {
    case Freshness::NotApplicable:
        return u"n/a"_s;
    case Freshness::Fresh:
        return u"fresh"_s;
    case Freshness::TooOld:
        return u"too-old"_s;
    case Freshness::TooNew:
        return u"too-new"_s;
    case Freshness::Unknown:
        return u"unknown"_s;
    }
    return {};
}

std::optional<GenericHmacConfig> GenericHmacConfig::parse(const QString &text, QString *error)
{
    GenericHmacConfig config;
    const QStringList items = text.split(u';', Qt::SkipEmptyParts);
    for (const QString &item : items) {
        const qsizetype eq = item.indexOf(u'=');
        if (eq <= 0) {
            *error = Tr::tr("generic-hmac setting \"%1\" is not key=value").arg(item);
            return std::nullopt;
        }
        const QString key = item.left(eq).trimmed().toLower();
        const QString value = item.mid(eq + 1).trimmed();
        if (key == u"algorithm") {
            if (!Crypto::digestFromName(value.toUtf8())) {
                *error = Tr::tr("generic-hmac algorithm must be sha1, sha256 or sha512, not \"%1\"").arg(value);
                return std::nullopt;
            }
            config.algorithm = value.toLower().toUtf8();
        } else if (key == u"encoding") {
            if (value.compare(u"hex", Qt::CaseInsensitive) != 0 && value.compare(u"base64", Qt::CaseInsensitive) != 0) {
                *error = Tr::tr("generic-hmac encoding must be hex or base64, not \"%1\"").arg(value);
                return std::nullopt;
            }
            config.encoding = value.toLower().toUtf8();
        } else if (key == u"header") {
            if (value.isEmpty()) {
                *error = Tr::tr("generic-hmac header must not be empty");
                return std::nullopt;
            }
            config.header = value.toUtf8();
        } else if (key == u"prefix") {
            config.prefix = value.toUtf8();
        } else if (key == u"template") {
            config.contentTemplate = value.toUtf8();
        } else if (key == u"timestamp-header") {
            config.timestampHeader = value.toUtf8();
        } else if (key == u"id-header") {
            config.idHeader = value.toUtf8();
        } else if (key == u"tolerance") {
            bool ok = false;
            const int seconds = value.toInt(&ok);
            if (!ok || seconds < 0) {
                *error = Tr::tr("generic-hmac tolerance must be a number of seconds, not \"%1\"").arg(value);
                return std::nullopt;
            }
            config.toleranceSeconds = seconds;
        } else {
            *error = Tr::tr("unknown generic-hmac setting \"%1\" (known: algorithm, encoding, header, prefix, template, "
                        "timestamp-header, id-header, tolerance)")
                         .arg(key);
            return std::nullopt;
        }
    }
    if (config.contentTemplate.contains("{timestamp}") && config.timestampHeader.isEmpty()) {
        *error = Tr::tr("generic-hmac template uses {timestamp}: set timestamp-header");
        return std::nullopt;
    }
    if (config.contentTemplate.contains("{id}") && config.idHeader.isEmpty()) {
        *error = Tr::tr("generic-hmac template uses {id}: set id-header");
        return std::nullopt;
    }
    return config;
}

QString GenericHmacConfig::toString() const
{
    QStringList items{u"algorithm="_s + QString::fromUtf8(algorithm), u"encoding="_s + QString::fromUtf8(encoding),
                      u"header="_s + QString::fromUtf8(header)};
    if (!prefix.isEmpty())
        items << u"prefix="_s + QString::fromUtf8(prefix);
    items << u"template="_s + QString::fromUtf8(contentTemplate);
    if (!timestampHeader.isEmpty())
        items << u"timestamp-header="_s + QString::fromUtf8(timestampHeader);
    if (!idHeader.isEmpty())
        items << u"id-header="_s + QString::fromUtf8(idHeader);
    if (toleranceSeconds)
        items << u"tolerance="_s + QString::number(toleranceSeconds);
    return items.join(u';');
}

Result<SignedRequest> Scheme::sign(const CapturedRequest &, const SignOptions &) const
{
    return makeError(ErrorCode::InvalidArgument,
                     Tr::tr("%1 requests cannot be signed by Hookscope").arg(displayName()));
}

const QList<const Scheme *> &schemes()
{
    static const QList<const Scheme *> list = [] {
        QList<const Scheme *> all;
        Detail::addBasicSchemes(all);
        Detail::addStandardWebhooksSchemes(all);
        Detail::addUrlSchemes(all);
        Detail::addPublicKeySchemes(all);
        return all;
    }();
    return list;
}

const Scheme *findScheme(QStringView name)
{
    for (const Scheme *scheme : schemes()) {
        if (name.compare(scheme->name(), Qt::CaseInsensitive) == 0)
            return scheme;
    }
    return nullptr;
}

QStringList schemeNames()
{
    QStringList names;
    for (const Scheme *scheme : schemes())
        names << scheme->name();
    return names;
}

QList<const Scheme *> detectSchemes(const CapturedRequest &request)
{
    QList<std::pair<int, const Scheme *>> scored;
    for (const Scheme *scheme : schemes()) {
        if (const int score = scheme->detect(request); score > 0)
            scored.append({score, scheme});
    }
    // Stable: among equal scores the registration order decides, as it always has.
    std::stable_sort(scored.begin(), scored.end(), [](const auto &a, const auto &b) { return a.first > b.first; });
    QList<const Scheme *> ranked;
    for (const auto &[score, scheme] : scored)
        ranked.append(scheme);
    return ranked;
}

const Scheme *detectScheme(const CapturedRequest &request)
{
    const QList<const Scheme *> ranked = detectSchemes(request);
    return ranked.isEmpty() ? nullptr : ranked.first();
}

Verification verifyRequest(const CapturedRequest &request, const Scheme *scheme, const VerifyOptions &options)
{
    if (!scheme)
        return Detail::unsignedResult(QString(), Tr::tr("No signature header of a known provider."));
    return scheme->verify(request, options);
}

Verification verifyRequest(const CapturedRequest &request, QStringView schemeName, const VerifyOptions &options)
{
    const Scheme *scheme = nullptr;
    if (schemeName.isEmpty() || schemeName.compare(u"auto", Qt::CaseInsensitive) == 0) {
        scheme = detectScheme(request);
        if (!scheme)
            return verifyRequest(request, scheme, options);
    } else {
        scheme = findScheme(schemeName);
        if (!scheme) {
            Verification v;
            v.provider = schemeName.toString();
            v.verdict = Verdict::Error;
            v.reason = Tr::tr("Unknown provider \"%1\".").arg(schemeName);
            return v;
        }
    }
    return scheme->verify(request, options);
}

QByteArray signedBody(const CapturedRequest &request)
{
    QByteArray encoding;
    for (const HeaderField &field : request.headers) {
        if (field.first.compare("content-encoding", Qt::CaseInsensitive) == 0) {
            if (!encoding.isEmpty())
                encoding += ", ";
            encoding += field.second;
        }
    }
    if (encoding.trimmed().isEmpty())
        return request.body;
    Result<QByteArray> decoded = decodeContent(request.body, encoding);
    return decoded ? decoded.value() : request.body;
}

namespace Detail
{

QByteArray header(const CapturedRequest &request, QByteArrayView name)
{
    return request.headerValue(name).trimmed();
}

bool hasHeader(const CapturedRequest &request, QByteArrayView name)
{
    return std::any_of(request.headers.cbegin(), request.headers.cend(), [name](const HeaderField &field) {
        return name.compare(field.first, Qt::CaseInsensitive) == 0;
    });
}

std::optional<qint64> parseUnixSeconds(QByteArrayView text)
{
    if (text.isEmpty() || text.size() > 18)
        return std::nullopt;
    qint64 value = 0;
    for (char c : text) {
        if (c < '0' || c > '9')
            return std::nullopt;
        value = value * 10 + (c - '0');
    }
    return value;
}

void setHeader(HeaderList &headers, QByteArrayView name, const QByteArray &value)
{
    bool set = false;
    for (qsizetype i = 0; i < headers.size();) {
        if (name.compare(headers[i].first, Qt::CaseInsensitive) == 0) {
            if (set) {
                headers.removeAt(i);
                continue;
            }
            headers[i].second = value;
            set = true;
        }
        ++i;
    }
    if (!set)
        headers.append({name.toByteArray(), value});
}

QList<std::pair<QByteArray, QByteArray>> splitPairs(QByteArrayView text, char separator)
{
    QList<std::pair<QByteArray, QByteArray>> pairs;
    const QList<QByteArray> items = text.toByteArray().split(separator);
    for (const QByteArray &item : items) {
        const qsizetype eq = item.indexOf('=');
        if (eq < 0)
            pairs.append({item.trimmed(), QByteArray()});
        else
            pairs.append({item.left(eq).trimmed(), item.mid(eq + 1).trimmed()});
    }
    return pairs;
}

QByteArray abbreviate(QByteArrayView bytes, int max)
{
    if (bytes.size() <= max)
        return bytes.toByteArray();
    return bytes.first(max).toByteArray() + "… (" + QByteArray::number(bytes.size()) + " bytes)";
}

QByteArray maskSecret(QByteArrayView secret)
{
    if (secret.size() <= 8)
        return QByteArray(secret.size(), '*');
    return secret.first(4).toByteArray() + QByteArray(qMin<qsizetype>(secret.size() - 4, 12), '*');
}

Freshness judgeFreshness(std::optional<qint64> timestamp, qint64 now, int tolerance, bool rejectFuture,
                         Evidence &evidence)
{
    evidence.toleranceSeconds = tolerance;
    evidence.timestamp = timestamp;
    if (!timestamp)
        return Freshness::Unknown;
    qint64 skew = 0;
    if (qSubOverflow(now, *timestamp, &skew))
        return Freshness::Unknown;
    evidence.skewSeconds = skew;
    if (tolerance <= 0)
        return Freshness::Fresh;
    if (skew > tolerance)
        return Freshness::TooOld;
    if (rejectFuture && -skew > tolerance)
        return Freshness::TooNew;
    return Freshness::Fresh;
}

CheckOutcome runCheck(const Check &check, const QByteArray &body, const QList<QByteArray> &secrets)
{
    CheckOutcome outcome;
    outcome.content = check.content(body);
    for (int s = 0; s < secrets.size(); ++s) {
        QString problem;
        if (check.expected) {
            const std::optional<QByteArray> expected = check.expected(secrets[s], outcome.content, &problem);
            if (!expected) {
                if (outcome.secretProblem.isEmpty())
                    outcome.secretProblem = problem;
                continue;
            }
            if (!outcome.anyUsableSecret)
                outcome.expected = *expected;
            outcome.anyUsableSecret = true;
            for (int r = 0; r < check.received.size(); ++r) {
                if (Crypto::constantTimeEquals(*expected, check.received[r])) {
                    outcome.matched = true;
                    outcome.secret = s;
                    outcome.signature = r;
                    outcome.expected = *expected;
                    return outcome;
                }
            }
        } else {
            bool usable = false;
            for (int r = 0; r < check.received.size(); ++r) {
                const std::optional<bool> ok = check.verifyWithKey(secrets[s], outcome.content, check.received[r],
                                                                   &problem);
                if (!ok) {
                    if (outcome.secretProblem.isEmpty())
                        outcome.secretProblem = problem;
                    break;
                }
                usable = true;
                if (*ok) {
                    outcome.matched = true;
                    outcome.secret = s;
                    outcome.signature = r;
                    outcome.anyUsableSecret = true;
                    return outcome;
                }
            }
            outcome.anyUsableSecret = outcome.anyUsableSecret || usable;
        }
    }
    return outcome;
}

Verification unsignedResult(const QString &provider, const QString &reason)
{
    Verification v;
    v.provider = provider;
    v.verdict = Verdict::Unsigned;
    v.reason = reason;
    return v;
}

Verification malformedResult(const QString &provider, const QString &header, const QString &reason)
{
    Verification v;
    v.provider = provider;
    v.verdict = Verdict::Invalid;
    v.evidence.header = header;
    v.reason = reason;
    v.diagnostics << Tr::tr("The signature header is malformed: the provider's SDK rejects the request before "
                        "computing anything.");
    return v;
}

namespace
{

QString describeSkew(const Evidence &evidence)
{
    const qint64 skew = evidence.skewSeconds.value_or(0);
    if (skew >= 0)
        return Tr::tr("%1 s old").arg(skew);
    return Tr::tr("%1 s in the future").arg(-skew);
}

} // namespace

void conclude(Verification &v, const Check &check, const CapturedRequest &request, const VerifyOptions &options,
              const Hints &hints)
{
    for (const QByteArray &signature : check.received)
        v.evidence.received << QString::fromUtf8(signature);
    if (hints.signsUrl)
        v.evidence.url = QString::fromUtf8(hints.url);
    if (options.secrets.isEmpty()) {
        v.verdict = Verdict::NoSecret;
        v.reason = Tr::tr("Signed by %1, but no secret is set for it.").arg(hints.displayName);
        v.evidence.signedContent = check.content(signedBody(request));
        v.diagnostics << hints.caveats;
        return;
    }
    const CheckOutcome outcome = runCheck(check, signedBody(request), options.secrets);
    v.evidence.signedContent = outcome.content;
    v.evidence.expected = QString::fromUtf8(outcome.expected);
    if (!outcome.anyUsableSecret) {
        v.verdict = Verdict::Error;
        v.reason = outcome.secretProblem.isEmpty() ? Tr::tr("The secret cannot be used.") : outcome.secretProblem;
        v.diagnostics << hints.caveats;
        return;
    }
    if (outcome.matched) {
        v.signatureValid = true;
        v.evidence.matchedSecret = outcome.secret;
        v.evidence.matchedSignature = outcome.signature;
        if (v.freshness == Freshness::TooOld || v.freshness == Freshness::TooNew) {
            v.verdict = Verdict::Invalid;
            v.reason = Tr::tr("The signature is valid, but the timestamp is %1; %2 accepts at most %3 s.")
                           .arg(describeSkew(v.evidence), hints.displayName)
                           .arg(v.evidence.toleranceSeconds);
        } else if (v.freshness == Freshness::Unknown) {
            v.verdict = Verdict::Invalid;
            v.reason = Tr::tr("The signature is valid, but the signed timestamp is missing or unreadable.");
        } else {
            v.verdict = Verdict::Valid;
            QString which;
            if (options.secrets.size() > 1)
                which = Tr::tr(" with secret %1 of %2").arg(outcome.secret + 1).arg(options.secrets.size());
            v.reason = Tr::tr("Valid %1 signature%2.").arg(hints.displayName, which);
            if (v.freshness == Freshness::Fresh && v.evidence.toleranceSeconds > 0)
                v.diagnostics << Tr::tr("Timestamp %1, within the %2 s tolerance.")
                                     .arg(describeSkew(v.evidence))
                                     .arg(v.evidence.toleranceSeconds);
        }
        v.diagnostics << hints.caveats;
        return;
    }
    v.verdict = Verdict::Invalid;
    const QStringList causes = diagnoseMismatch(check, request, options, hints);
    if (causes.isEmpty()) {
        v.reason = options.secrets.size() > 1
            ? Tr::tr("No signature matches any of the %1 secrets: the body was changed after signing, or the secrets "
                 "are not the ones the sender used.")
                  .arg(options.secrets.size())
            : Tr::tr("The signature does not match: the body was changed after signing, or the secret is not the one "
                 "the sender used.");
    } else {
        v.reason = Tr::tr("The signature does not match.") + u' ' + causes.first();
        v.diagnostics << causes.mid(1);
    }
    if (v.freshness == Freshness::TooOld || v.freshness == Freshness::TooNew)
        v.diagnostics << Tr::tr("The timestamp is also %1 (tolerance %2 s).")
                             .arg(describeSkew(v.evidence))
                             .arg(v.evidence.toleranceSeconds);
    v.diagnostics << hints.caveats;
}

QByteArray sortedFormParameters(const QByteArray &body)
{
    FormFieldList fields = parseFormUrlEncoded(body);
    std::stable_sort(fields.begin(), fields.end(), [](const FormField &a, const FormField &b) {
        if (a.name != b.name)
            return a.name < b.name;
        return a.value < b.value;
    });
    QByteArray out;
    for (const FormField &field : fields)
        out += field.name + field.value;
    return out;
}

QByteArray signedUrl(const CapturedRequest &request, const QByteArray &publicUrl)
{
    const QByteArray target = request.target.startsWith('/') ? request.target : "/" + request.target;
    if (publicUrl.isEmpty())
        return "http://" + header(request, "Host") + target;
    const qsizetype schemeEnd = publicUrl.indexOf("://");
    const qsizetype pathStart = schemeEnd < 0 ? -1 : publicUrl.indexOf('/', schemeEnd + 3);
    const bool originOnly = schemeEnd > 0 && !publicUrl.contains('?')
        && (pathStart < 0 || pathStart == publicUrl.size() - 1);
    if (!originOnly)
        return publicUrl;
    return (pathStart < 0 ? publicUrl : publicUrl.left(pathStart)) + target;
}

QList<std::pair<QByteArray, QString>> urlVariants(const QByteArray &url)
{
    QList<std::pair<QByteArray, QString>> variants;
    const qsizetype schemeEnd = url.indexOf("://");
    if (schemeEnd <= 0)
        return variants;
    const QByteArray scheme = url.left(schemeEnd).toLower();
    qsizetype authorityEnd = url.size();
    for (char c : {'/', '?', '#'}) {
        const qsizetype at = url.indexOf(c, schemeEnd + 3);
        if (at >= 0 && at < authorityEnd)
            authorityEnd = at;
    }
    const QByteArray authority = url.mid(schemeEnd + 3, authorityEnd - schemeEnd - 3);
    const QByteArray rest = url.mid(authorityEnd);
    const qsizetype colon = authority.lastIndexOf(':');
    const bool hasPort = colon >= 0 && !authority.endsWith(']');
    const QByteArray host = hasPort ? authority.left(colon) : authority;
    const QByteArray port = hasPort ? authority.mid(colon + 1) : QByteArray();
    const QByteArray otherScheme = scheme == "https" ? "http" : "https";
    variants.append({otherScheme + "://" + authority + rest,
                     Tr::tr("the sender used %1:// where Hookscope used %2:// (a TLS-terminating proxy or tunnel in "
                        "between)")
                         .arg(QString::fromLatin1(otherScheme), QString::fromLatin1(scheme))});
    if (otherScheme == "https" && hasPort)
        variants.append({"https://" + host + rest, Tr::tr("the sender signed the https URL without the port")});
    const QByteArray defaultPort = scheme == "https" ? "443" : "80";
    if (hasPort && port == defaultPort)
        variants.append({scheme + "://" + host + rest, Tr::tr("the sender signed the URL without the default port")});
    else if (!hasPort)
        variants.append({scheme + "://" + host + ':' + defaultPort + rest,
                         Tr::tr("the sender signed the URL with the explicit port %1").arg(QString::fromLatin1(defaultPort))});
    const qsizetype query = rest.indexOf('?');
    const QByteArray path = query < 0 ? rest : rest.left(query);
    const QByteArray queryPart = query < 0 ? QByteArray() : rest.mid(query);
    if (path.endsWith('/') && path.size() > 1)
        variants.append({scheme + "://" + authority + path.chopped(1) + queryPart,
                         Tr::tr("the sender signed the URL without the trailing slash")});
    else
        variants.append({scheme + "://" + authority + path + '/' + queryPart,
                         Tr::tr("the sender signed the URL with a trailing slash")});
    if (!queryPart.isEmpty())
        variants.append({scheme + "://" + authority + path, Tr::tr("the sender signed the URL without its query")});
    return variants;
}

} // namespace Detail

} // namespace Hookscope::Verify
