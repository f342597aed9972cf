// The schemes that sign the body (and sometimes a timestamp or id from the headers) with an HMAC, plus GitLab's
// token and Mailgun's in-body signature. Byte-level rules: ../shared/reference/signature-schemes.md, docs/verify.md.

#include "formbody.h"
#include "schemes_p.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QUuid>

using namespace Qt::StringLiterals;

namespace Hookscope::Verify::Detail
{

namespace
{

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Hookscope::Verify)
};

enum class Encoding { Hex, Base64 };

QByteArray encode(Encoding encoding, const QByteArray &mac)
{
    return encoding == Encoding::Hex ? Crypto::toHex(mac) : Crypto::toBase64(mac);
}

// A MAC check over content with the secret's UTF-8 bytes as key (what nearly every provider does).
Check rawKeyMacCheck(QList<QByteArray> received, Crypto::Digest digest, Encoding encoding,
                     std::function<QByteArray(const QByteArray &body)> content)
{
    Check check;
    check.received = std::move(received);
    check.content = std::move(content);
    check.expected = [digest, encoding](const QByteArray &secret, const QByteArray &signedContent,
                                        QString *problem) -> std::optional<QByteArray> {
        if (secret.isEmpty()) {
            *problem = Tr::tr("The secret is empty.");
            return std::nullopt;
        }
        return encode(encoding, Crypto::hmac(digest, secret, signedContent));
    };
    return check;
}

QByteArray stripPrefix(const QByteArray &value, QByteArrayView prefix)
{
    return value.startsWith(prefix) ? value.mid(prefix.size()) : value;
}

// Settings of one "header carries an HMAC of the body" scheme.
struct BodyMacSpec {
    QString name;
    QString displayName;
    QList<QByteArray> headers; // the first present is read
    QByteArray prefix;         // required at the start of the value when non-empty
    Crypto::Digest digest;
    Encoding encoding;
    QStringList caveats;
};

Verification verifyBodyMac(const BodyMacSpec &spec, const CapturedRequest &request, const VerifyOptions &options)
{
    QByteArray headerName;
    QByteArray value;
    for (const QByteArray &name : spec.headers) {
        if (hasHeader(request, name)) {
            headerName = name;
            value = header(request, name);
            break;
        }
    }
    if (headerName.isEmpty())
        return unsignedResult(spec.name, Tr::tr("No %1 header.").arg(QString::fromUtf8(spec.headers.first())));
    if (!spec.prefix.isEmpty() && !value.startsWith(spec.prefix))
        return malformedResult(spec.name, QString::fromUtf8(headerName),
                               Tr::tr("The %1 header does not start with \"%2\".")
                                   .arg(QString::fromUtf8(headerName), QString::fromUtf8(spec.prefix)));
    Verification v;
    v.provider = spec.name;
    v.evidence.header = QString::fromUtf8(headerName);
    const Check check = rawKeyMacCheck({stripPrefix(value, spec.prefix)}, spec.digest, spec.encoding,
                                       [](const QByteArray &body) -> QByteArray { return body; });
    Hints hints;
    hints.displayName = spec.displayName;
    hints.caveats = spec.caveats;
    conclude(v, check, request, options, hints);
    return v;
}

Result<SignedRequest> signBodyMac(const BodyMacSpec &spec, const CapturedRequest &request, const SignOptions &options,
                                  QByteArray headerName = {})
{
    if (options.secret.isEmpty())
        return makeError(ErrorCode::InvalidArgument, Tr::tr("A secret is needed to sign."));
    if (headerName.isEmpty()) {
        headerName = spec.headers.first();
        for (const QByteArray &name : spec.headers) {
            if (hasHeader(request, name)) {
                headerName = name;
                break;
            }
        }
    }
    SignedRequest out{request.headers, request.body};
    const QByteArray mac = Crypto::hmac(spec.digest, options.secret, signedBody(request));
    setHeader(out.headers, headerName, spec.prefix + encode(spec.encoding, mac));
    return out;
}

class BodyMacScheme : public Scheme
{
public:
    using DetectFunction = std::function<int(const CapturedRequest &)>;
    BodyMacScheme(BodyMacSpec spec, DetectFunction detect) : m_spec(std::move(spec)), m_detect(std::move(detect)) {}
    QString name() const override { return m_spec.name; }
    QString displayName() const override { return m_spec.displayName; }
    int detect(const CapturedRequest &request) const override { return m_detect(request); }
    Verification verify(const CapturedRequest &request, const VerifyOptions &options) const override
    {
        return verifyBodyMac(m_spec, request, options);
    }
    bool canSign() const override { return true; }
    Result<SignedRequest> sign(const CapturedRequest &request, const SignOptions &options) const override
    {
        // Shopify's "events" deliveries use un-prefixed lower-case names; its SDK checks the set is consistent.
        if (m_spec.name == u"shopify" && !hasHeader(request, "X-Shopify-Hmac-Sha256")
            && (hasHeader(request, "shopify-topic") || hasHeader(request, "shopify-webhook-id")))
            return signBodyMac(m_spec, request, options, "shopify-hmac-sha256");
        return signBodyMac(m_spec, request, options);
    }

private:
    BodyMacSpec m_spec;
    DetectFunction m_detect;
};

bool headerStartsWith(const CapturedRequest &request, QByteArrayView name, QByteArrayView prefix)
{
    return header(request, name).startsWith(prefix);
}

// GitHub: X-Hub-Signature-256 (what @octokit/webhooks verifies); the legacy SHA-1 X-Hub-Signature only when the
// SHA-256 header is absent.
class GitHubScheme : public Scheme
{
public:
    QString name() const override { return u"github"_s; }
    QString displayName() const override { return u"GitHub"_s; }
    int detect(const CapturedRequest &request) const override
    {
        const bool github = hasHeader(request, "X-GitHub-Event") || hasHeader(request, "X-GitHub-Delivery");
        if (hasHeader(request, "X-Hub-Signature-256"))
            return 100;
        if (github && hasHeader(request, "X-Hub-Signature"))
            return 90;
        return 0;
    }
    Verification verify(const CapturedRequest &request, const VerifyOptions &options) const override
    {
        if (hasHeader(request, "X-Hub-Signature-256") || !hasHeader(request, "X-Hub-Signature")) {
            Verification v = verifyBodyMac(sha256Spec(), request, options);
            if (v.verdict == Verdict::Unsigned)
                v.reason = Tr::tr("No X-Hub-Signature-256 header: the webhook has no secret set on GitHub.");
            return v;
        }
        Verification v = verifyBodyMac(sha1Spec(), request, options);
        v.diagnostics << Tr::tr("Only the legacy SHA-1 signature is present; @octokit/webhooks verifies "
                            "X-Hub-Signature-256 only.");
        return v;
    }
    bool canSign() const override { return true; }
    Result<SignedRequest> sign(const CapturedRequest &request, const SignOptions &options) const override
    {
        Result<SignedRequest> signedRequest = signBodyMac(sha256Spec(), request, options, "X-Hub-Signature-256");
        if (signedRequest && hasHeader(request, "X-Hub-Signature")) {
            const QByteArray mac = Crypto::hmac(Crypto::Digest::Sha1, options.secret, signedBody(request));
            setHeader(signedRequest.value().headers, "X-Hub-Signature", "sha1=" + Crypto::toHex(mac));
        }
        return signedRequest;
    }

private:
    static BodyMacSpec sha256Spec()
    {
        return {u"github"_s, u"GitHub"_s, {"X-Hub-Signature-256"}, "sha256=", Crypto::Digest::Sha256,
                Encoding::Hex, {Tr::tr("GitHub signs no timestamp: a replay is detected only by X-GitHub-Delivery.")}};
    }
    static BodyMacSpec sha1Spec()
    {
        return {u"github"_s, u"GitHub"_s, {"X-Hub-Signature"}, "sha1=", Crypto::Digest::Sha1, Encoding::Hex, {}};
    }
};

// Stripe: t=<unix>,v1=<hex>[,v1=...]; HMAC-SHA256 over "t.body" keyed with the whole whsec_ string.
class StripeScheme : public HeaderScheme
{
public:
    StripeScheme() : HeaderScheme(u"stripe"_s, u"Stripe"_s, "Stripe-Signature") {}
    Verification verify(const CapturedRequest &request, const VerifyOptions &options) const override
    {
        if (!hasHeader(request, "Stripe-Signature"))
            return unsignedResult(name(), Tr::tr("No Stripe-Signature header."));
        const QByteArray value = header(request, "Stripe-Signature");
        std::optional<qint64> timestamp;
        QByteArray timestampText;
        QList<QByteArray> signatures;
        bool sawV0 = false;
        for (const auto &[key, item] : splitPairs(value, ',')) {
            if (key == "t") {
                timestampText = item;
                timestamp = parseUnixSeconds(item);
            } else if (key == "v1") {
                signatures << item;
            } else if (key == "v0") {
                sawV0 = true;
            }
        }
        if (!timestamp)
            return malformedResult(name(), u"Stripe-Signature"_s,
                                   Tr::tr("The Stripe-Signature header has no readable timestamp (t=...)."));
        if (signatures.isEmpty()) {
            Verification v = malformedResult(name(), u"Stripe-Signature"_s,
                                             Tr::tr("The Stripe-Signature header has no v1 signature."));
            if (sawV0)
                v.diagnostics << Tr::tr("Only a v0 (legacy test-mode) signature is present; Stripe's SDK ignores it.");
            return v;
        }
        Verification v;
        v.provider = name();
        v.evidence.header = u"Stripe-Signature"_s;
        // stripe-node rejects only old timestamps (age > tolerance); a timestamp ahead of now is accepted.
        v.freshness = judgeFreshness(timestamp, options.nowUnix, options.toleranceSeconds.value_or(300), false,
                                     v.evidence);
        const Check check = rawKeyMacCheck(signatures, Crypto::Digest::Sha256, Encoding::Hex,
                                           [timestampText](const QByteArray &body) -> QByteArray {
                                               return timestampText + '.' + body;
                                           });
        conclude(v, check, request, options, {displayName(), Hints::SecretForm::Raw, false, {}, {}, {}});
        return v;
    }
    bool canSign() const override { return true; }
    Result<SignedRequest> sign(const CapturedRequest &request, const SignOptions &options) const override
    {
        if (options.secret.isEmpty())
            return makeError(ErrorCode::InvalidArgument, Tr::tr("A secret is needed to sign."));
        const QByteArray t = QByteArray::number(options.nowUnix);
        const QByteArray mac = Crypto::hmac(Crypto::Digest::Sha256, options.secret, QByteArray(t + '.' + signedBody(request)));
        SignedRequest out{request.headers, request.body};
        setHeader(out.headers, "Stripe-Signature", "t=" + t + ",v1=" + Crypto::toHex(mac));
        return out;
    }
};

// The "<version>:<timestamp>:<body>" family: Slack (v0, X-Slack-*) and Zoom (v0, x-zm-*).
class VersionedTimestampScheme : public Scheme
{
public:
    struct Spec {
        QString name;
        QString displayName;
        QByteArray signatureHeader;
        QByteArray timestampHeader;
        int tolerance; // 0: not checked
        QStringList caveats;
    };
    explicit VersionedTimestampScheme(Spec spec) : m_spec(std::move(spec)) {}
    QString name() const override { return m_spec.name; }
    QString displayName() const override { return m_spec.displayName; }
    int detect(const CapturedRequest &request) const override
    {
        return hasHeader(request, m_spec.signatureHeader) ? 100 : 0;
    }
    Verification verify(const CapturedRequest &request, const VerifyOptions &options) const override
    {
        const QString headerName = QString::fromUtf8(m_spec.signatureHeader);
        if (!hasHeader(request, m_spec.signatureHeader))
            return unsignedResult(name(), Tr::tr("No %1 header.").arg(headerName));
        const QByteArray value = header(request, m_spec.signatureHeader);
        if (!value.startsWith("v0="))
            return malformedResult(name(), headerName, Tr::tr("The %1 header does not start with \"v0=\".").arg(headerName));
        const QByteArray timestampText = header(request, m_spec.timestampHeader);
        if (timestampText.isEmpty())
            return malformedResult(name(), headerName,
                                   Tr::tr("The %1 header is missing.").arg(QString::fromUtf8(m_spec.timestampHeader)));
        Verification v;
        v.provider = name();
        v.evidence.header = headerName;
        v.freshness = judgeFreshness(parseUnixSeconds(timestampText), options.nowUnix,
                                     options.toleranceSeconds.value_or(m_spec.tolerance), false, v.evidence);
        if (m_spec.tolerance == 0 && !options.toleranceSeconds && v.freshness == Freshness::Fresh)
            v.freshness = Freshness::NotApplicable; // signed, but the provider sets no window
        const Check check = rawKeyMacCheck({value.mid(3)}, Crypto::Digest::Sha256, Encoding::Hex,
                                           [timestampText](const QByteArray &body) -> QByteArray {
                                               return "v0:" + timestampText + ':' + body;
                                           });
        Hints hints;
        hints.displayName = displayName();
        hints.caveats = m_spec.caveats;
        conclude(v, check, request, options, hints);
        return v;
    }
    bool canSign() const override { return true; }
    Result<SignedRequest> sign(const CapturedRequest &request, const SignOptions &options) const override
    {
        if (options.secret.isEmpty())
            return makeError(ErrorCode::InvalidArgument, Tr::tr("A secret is needed to sign."));
        const QByteArray t = QByteArray::number(options.nowUnix);
        const QByteArray mac = Crypto::hmac(Crypto::Digest::Sha256, options.secret, QByteArray("v0:" + t + ':' + signedBody(request)));
        SignedRequest out{request.headers, request.body};
        setHeader(out.headers, m_spec.timestampHeader, t);
        setHeader(out.headers, m_spec.signatureHeader, "v0=" + Crypto::toHex(mac));
        return out;
    }

private:
    Spec m_spec;
};

// Paddle Billing: Paddle-Signature: ts=<unix>;h1=<hex>[;h1=...], HMAC-SHA256 over "ts:body"; 5 s tolerance.
class PaddleScheme : public HeaderScheme
{
public:
    PaddleScheme() : HeaderScheme(u"paddle"_s, u"Paddle"_s, "Paddle-Signature") {}
    Verification verify(const CapturedRequest &request, const VerifyOptions &options) const override
    {
        if (!hasHeader(request, "Paddle-Signature"))
            return unsignedResult(name(), Tr::tr("No Paddle-Signature header."));
        QByteArray timestampText;
        QList<QByteArray> signatures;
        for (const auto &[key, item] : splitPairs(header(request, "Paddle-Signature"), ';')) {
            if (key == "ts")
                timestampText = item;
            else if (key == "h1")
                signatures << item;
        }
        const std::optional<qint64> timestamp = parseUnixSeconds(timestampText);
        if (!timestamp || signatures.isEmpty())
            return malformedResult(name(), u"Paddle-Signature"_s,
                                   Tr::tr("The Paddle-Signature header must be ts=<unix seconds>;h1=<hex>."));
        Verification v;
        v.provider = name();
        v.evidence.header = u"Paddle-Signature"_s;
        v.freshness = judgeFreshness(timestamp, options.nowUnix, options.toleranceSeconds.value_or(5), false,
                                     v.evidence);
        const Check check = rawKeyMacCheck(signatures, Crypto::Digest::Sha256, Encoding::Hex,
                                           [timestampText](const QByteArray &body) -> QByteArray {
                                               return timestampText + ':' + body;
                                           });
        Hints hints;
        hints.displayName = displayName();
        if (signatures.size() > 1)
            hints.caveats << Tr::tr("Several h1 signatures: Paddle's Node SDK (3.10) compares only the last one.");
        conclude(v, check, request, options, hints);
        return v;
    }
    bool canSign() const override { return true; }
    Result<SignedRequest> sign(const CapturedRequest &request, const SignOptions &options) const override
    {
        if (options.secret.isEmpty())
            return makeError(ErrorCode::InvalidArgument, Tr::tr("A secret is needed to sign."));
        const QByteArray t = QByteArray::number(options.nowUnix);
        const QByteArray mac = Crypto::hmac(Crypto::Digest::Sha256, options.secret, QByteArray(t + ':' + signedBody(request)));
        SignedRequest out{request.headers, request.body};
        setHeader(out.headers, "Paddle-Signature", "ts=" + t + ";h1=" + Crypto::toHex(mac));
        return out;
    }
};

// RFC 3339 with any fraction (Twitch sends nanoseconds), to unix seconds.
std::optional<qint64> parseRfc3339Seconds(const QByteArray &text)
{
    static const QRegularExpression pattern(
        u"^(\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2})(?:\\.\\d+)?(Z|[+-]\\d{2}:\\d{2})$"_s);
    const QRegularExpressionMatch match = pattern.match(QString::fromLatin1(text));
    if (!match.hasMatch())
        return std::nullopt;
    const QDateTime time = QDateTime::fromString(match.captured(1) + match.captured(2), Qt::ISODate);
    if (!time.isValid())
        return std::nullopt;
    return time.toSecsSinceEpoch();
}

// Twitch EventSub: HMAC-SHA256 over message-id || timestamp text || body, "sha256=<hex>"; 10 minutes.
class TwitchScheme : public HeaderScheme
{
public:
    TwitchScheme() : HeaderScheme(u"twitch"_s, u"Twitch EventSub"_s, "Twitch-Eventsub-Message-Signature") {}
    Verification verify(const CapturedRequest &request, const VerifyOptions &options) const override
    {
        if (!hasHeader(request, "Twitch-Eventsub-Message-Signature"))
            return unsignedResult(name(), Tr::tr("No Twitch-Eventsub-Message-Signature header."));
        const QByteArray value = header(request, "Twitch-Eventsub-Message-Signature");
        const QByteArray id = header(request, "Twitch-Eventsub-Message-Id");
        const QByteArray timestampText = header(request, "Twitch-Eventsub-Message-Timestamp");
        if (!value.startsWith("sha256=") || id.isEmpty() || timestampText.isEmpty())
            return malformedResult(name(), u"Twitch-Eventsub-Message-Signature"_s,
                                   Tr::tr("Twitch requests need Twitch-Eventsub-Message-Id, -Timestamp and a signature "
                                      "starting with \"sha256=\"."));
        Verification v;
        v.provider = name();
        v.evidence.header = u"Twitch-Eventsub-Message-Signature"_s;
        v.freshness = judgeFreshness(parseRfc3339Seconds(timestampText), options.nowUnix,
                                     options.toleranceSeconds.value_or(600), false, v.evidence);
        const Check check = rawKeyMacCheck({value.mid(7)}, Crypto::Digest::Sha256, Encoding::Hex,
                                           [id, timestampText](const QByteArray &body) -> QByteArray {
                                               return id + timestampText + body;
                                           });
        Hints hints;
        hints.displayName = displayName();
        hints.caveats << Tr::tr("Twitch asks receivers to also drop repeated Twitch-Eventsub-Message-Id values.");
        conclude(v, check, request, options, hints);
        return v;
    }
    bool canSign() const override { return true; }
    Result<SignedRequest> sign(const CapturedRequest &request, const SignOptions &options) const override
    {
        if (options.secret.isEmpty())
            return makeError(ErrorCode::InvalidArgument, Tr::tr("A secret is needed to sign."));
        QByteArray id = options.messageId;
        if (id.isEmpty())
            id = header(request, "Twitch-Eventsub-Message-Id");
        if (id.isEmpty())
            id = QUuid::createUuid().toByteArray(QUuid::WithoutBraces);
        const QByteArray timestamp = QDateTime::fromSecsSinceEpoch(options.nowUnix, Qt::UTC)
                                         .toString(Qt::ISODate)
                                         .toLatin1();
        const QByteArray mac = Crypto::hmac(Crypto::Digest::Sha256, options.secret, QByteArray(id + timestamp + signedBody(request)));
        SignedRequest out{request.headers, request.body};
        setHeader(out.headers, "Twitch-Eventsub-Message-Id", id);
        setHeader(out.headers, "Twitch-Eventsub-Message-Timestamp", timestamp);
        setHeader(out.headers, "Twitch-Eventsub-Message-Signature", "sha256=" + Crypto::toHex(mac));
        return out;
    }
};

// Linear: hex HMAC-SHA256 of the body; freshness from the signed body field webhookTimestamp (ms), 60 s.
class LinearScheme : public HeaderScheme
{
public:
    LinearScheme() : HeaderScheme(u"linear"_s, u"Linear"_s, "Linear-Signature") {}
    Verification verify(const CapturedRequest &request, const VerifyOptions &options) const override
    {
        if (!hasHeader(request, "Linear-Signature"))
            return unsignedResult(name(), Tr::tr("No Linear-Signature header."));
        Verification v;
        v.provider = name();
        v.evidence.header = u"Linear-Signature"_s;
        const QByteArray body = signedBody(request);
        const auto [at, length] = timestampSpan(body);
        if (at < 0) {
            v.freshness = Freshness::NotApplicable;
        } else {
            const std::optional<qint64> ms = parseUnixSeconds(body.mid(at, length));
            v.freshness = judgeFreshness(ms ? std::optional<qint64>(*ms / 1000) : std::nullopt, options.nowUnix,
                                         options.toleranceSeconds.value_or(60), true, v.evidence);
        }
        const Check check = rawKeyMacCheck({header(request, "Linear-Signature")}, Crypto::Digest::Sha256,
                                           Encoding::Hex, [](const QByteArray &b) -> QByteArray { return b; });
        Hints hints;
        hints.displayName = displayName();
        hints.caveats << Tr::tr("Linear's freshness comes from the signed body field webhookTimestamp, not the "
                            "Linear-Timestamp header.");
        conclude(v, check, request, options, hints);
        return v;
    }
    bool canSign() const override { return true; }
    Result<SignedRequest> sign(const CapturedRequest &request, const SignOptions &options) const override
    {
        static const BodyMacSpec spec{u"linear"_s, u"Linear"_s, {"Linear-Signature"}, {}, Crypto::Digest::Sha256,
                                      Encoding::Hex, {}};
        // The freshness field is inside the signed body: a replay gets the new time there, digits only replaced.
        CapturedRequest stamped = request;
        const QByteArray body = signedBody(request);
        const auto [at, length] = timestampSpan(body);
        qint64 nowMs = 0;
        if (qMulOverflow(options.nowUnix, qint64(1000), &nowMs))
            return makeError(ErrorCode::InvalidArgument, Tr::tr("The time to sign with is out of range."));
        if (at >= 0 && body == request.body)
            stamped.body = body.left(at) + QByteArray::number(nowMs) + body.mid(at + length);
        Result<SignedRequest> out = signBodyMac(spec, stamped, options);
        if (out)
            out.value().body = stamped.body;
        return out;
    }

private:
    // Where the digits of the body's "webhookTimestamp" number are: {offset, length}, offset -1 when absent.
    static std::pair<qsizetype, qsizetype> timestampSpan(const QByteArray &body)
    {
        const QByteArray key = "\"webhookTimestamp\"";
        qsizetype at = body.indexOf(key);
        if (at < 0)
            return {-1, 0};
        at += key.size();
        auto skipSpace = [&] {
            while (at < body.size() && (body[at] == ' ' || body[at] == '\n' || body[at] == '\r' || body[at] == '\t'))
                ++at;
        };
        skipSpace();
        if (at >= body.size() || body[at] != ':')
            return {-1, 0};
        ++at;
        skipSpace();
        qsizetype end = at;
        while (end < body.size() && body[end] >= '0' && body[end] <= '9')
            ++end;
        return end > at ? std::pair{at, end - at} : std::pair<qsizetype, qsizetype>{-1, 0};
    }
};

// GitLab: X-Gitlab-Token carries the secret itself; signing tokens (GitLab 19) are Standard Webhooks.
class GitLabScheme : public Scheme
{
public:
    QString name() const override { return u"gitlab"_s; }
    QString displayName() const override { return u"GitLab"_s; }
    int detect(const CapturedRequest &request) const override
    {
        const bool gitlab = hasHeader(request, "X-Gitlab-Event") || hasHeader(request, "X-Gitlab-Instance");
        if (gitlab && hasHeader(request, "webhook-signature"))
            return 110;
        return hasHeader(request, "X-Gitlab-Token") ? 100 : 0;
    }
    Verification verify(const CapturedRequest &request, const VerifyOptions &options) const override
    {
        if (hasHeader(request, "webhook-signature"))
            return verifyStandardWebhooks(request, options, name(), displayName(), "webhook-");
        if (!hasHeader(request, "X-Gitlab-Token"))
            return unsignedResult(name(), Tr::tr("No X-Gitlab-Token or webhook-signature header: the webhook has no "
                                             "secret token set in GitLab."));
        Verification v;
        v.provider = name();
        v.evidence.header = u"X-Gitlab-Token"_s;
        Check check;
        check.received = {header(request, "X-Gitlab-Token")};
        check.content = [](const QByteArray &) -> QByteArray { return QByteArray(); };
        check.verifyWithKey = [](const QByteArray &secret, const QByteArray &, const QByteArray &token,
                                 QString *) -> std::optional<bool> { return Crypto::constantTimeEquals(secret, token); };
        Hints hints;
        hints.displayName = displayName();
        hints.secretForm = Hints::SecretForm::Token;
        hints.caveats << Tr::tr("X-Gitlab-Token is the secret itself, not a signature: the body is not protected and a "
                            "changed body still passes.");
        conclude(v, check, request, options, hints);
        // The received token is the secret: never show it.
        for (QString &received : v.evidence.received)
            received = QString::fromUtf8(maskSecret(received.toUtf8()));
        return v;
    }
    bool canSign() const override { return true; }
    Result<SignedRequest> sign(const CapturedRequest &request, const SignOptions &options) const override
    {
        if (hasHeader(request, "webhook-signature") || options.secret.startsWith("whsec_"))
            return signStandardWebhooks(request, options, "webhook-");
        if (options.secret.isEmpty())
            return makeError(ErrorCode::InvalidArgument, Tr::tr("A secret is needed to sign."));
        SignedRequest out{request.headers, request.body};
        setHeader(out.headers, "X-Gitlab-Token", options.secret);
        return out;
    }
};

// Mailgun: the signature is inside the body (JSON "signature" object, or form fields), over timestamp || token.
class MailgunScheme : public Scheme
{
public:
    QString name() const override { return u"mailgun"_s; }
    QString displayName() const override { return u"Mailgun"_s; }
    struct Fields {
        QByteArray timestamp, token, signature;
        bool json = false;
    };
    static std::optional<Fields> fields(const CapturedRequest &request)
    {
        const QByteArray body = signedBody(request);
        const QByteArray contentType = header(request, "Content-Type").toLower();
        if (contentType.startsWith("application/json") || body.trimmed().startsWith('{')) {
            const QJsonObject signature = QJsonDocument::fromJson(body).object().value(u"signature").toObject();
            if (signature.contains(u"signature") && signature.contains(u"token")) {
                const QJsonValue ts = signature.value(u"timestamp");
                // A number only when it is a plausible Unix time; anything else reads as "no timestamp".
                const double number = ts.toDouble(-1);
                const QByteArray numberText = ts.isDouble() && number >= 0 && number < 1e15
                    ? QByteArray::number(qint64(number))
                    : QByteArray();
                return Fields{ts.isString() ? ts.toString().toUtf8() : numberText,
                              signature.value(u"token").toString().toUtf8(),
                              signature.value(u"signature").toString().toUtf8(), true};
            }
            return std::nullopt;
        }
        if (contentType.startsWith("application/x-www-form-urlencoded")) {
            Fields out;
            int found = 0;
            for (const FormField &field : parseFormUrlEncoded(body)) {
                if (field.name == "timestamp" && out.timestamp.isEmpty())
                    out.timestamp = field.value, ++found;
                else if (field.name == "token" && out.token.isEmpty())
                    out.token = field.value, ++found;
                else if (field.name == "signature" && out.signature.isEmpty())
                    out.signature = field.value, ++found;
            }
            if (found == 3)
                return out;
        }
        return std::nullopt;
    }
    int detect(const CapturedRequest &request) const override
    {
        // Only bodies that can hold the fields are parsed.
        if (request.body.size() > 4 * 1024 * 1024
            || (!request.body.contains("signature") && !hasHeader(request, "Content-Encoding")))
            return 0;
        return fields(request) ? 60 : 0;
    }
    Verification verify(const CapturedRequest &request, const VerifyOptions &options) const override
    {
        const std::optional<Fields> found = fields(request);
        if (!found)
            return unsignedResult(name(), Tr::tr("No Mailgun signature (timestamp, token, signature) in the body."));
        Verification v;
        v.provider = name();
        v.evidence.header = found->json ? u"body: signature"_s : u"form: timestamp, token, signature"_s;
        v.freshness = judgeFreshness(parseUnixSeconds(found->timestamp), options.nowUnix,
                                     options.toleranceSeconds.value_or(0), false, v.evidence);
        if (!options.toleranceSeconds && v.freshness == Freshness::Fresh)
            v.freshness = Freshness::NotApplicable;
        const QByteArray content = found->timestamp + found->token;
        const Check check = rawKeyMacCheck({found->signature}, Crypto::Digest::Sha256, Encoding::Hex,
                                           [content](const QByteArray &) -> QByteArray { return content; });
        Hints hints;
        hints.displayName = displayName();
        hints.caveats << Tr::tr("Mailgun signs only the timestamp and token: the event data is not covered, and a "
                            "changed event still passes.");
        conclude(v, check, request, options, hints);
        return v;
    }
};

// generic-hmac: any "header = prefix + encode(HMAC(secret, template))" scheme.
class GenericHmacScheme : public Scheme
{
public:
    QString name() const override { return u"generic-hmac"_s; }
    QString displayName() const override { return u"Generic HMAC"_s; }
    int detect(const CapturedRequest &) const override { return 0; } // only when chosen
    static QByteArray content(const GenericHmacConfig &config, const CapturedRequest &request,
                              const QByteArray &body, const QByteArray &url)
    {
        QByteArray out = config.contentTemplate;
        // Replace {body} last so placeholders inside the body are left alone.
        out.replace("{timestamp}", header(request, config.timestampHeader));
        out.replace("{id}", header(request, config.idHeader));
        out.replace("{url}", url);
        const qsizetype at = out.indexOf("{body}");
        if (at >= 0)
            out = out.left(at) + body + out.mid(at + 6).replace("{body}", body);
        return out;
    }
    Verification verify(const CapturedRequest &request, const VerifyOptions &options) const override
    {
        const GenericHmacConfig &config = options.generic;
        const QString headerName = QString::fromUtf8(config.header);
        if (!hasHeader(request, config.header))
            return unsignedResult(name(), Tr::tr("No %1 header.").arg(headerName));
        const QByteArray value = header(request, config.header);
        if (!config.prefix.isEmpty() && !value.startsWith(config.prefix))
            return malformedResult(name(), headerName,
                                   Tr::tr("The %1 header does not start with \"%2\".")
                                       .arg(headerName, QString::fromUtf8(config.prefix)));
        const Crypto::Digest digest = Crypto::digestFromName(config.algorithm).value_or(Crypto::Digest::Sha256);
        const Encoding encoding = config.encoding == "base64" ? Encoding::Base64 : Encoding::Hex;
        Verification v;
        v.provider = name();
        v.evidence.header = headerName;
        if (!config.timestampHeader.isEmpty()) {
            const int tolerance = options.toleranceSeconds.value_or(config.toleranceSeconds);
            v.freshness = judgeFreshness(parseUnixSeconds(header(request, config.timestampHeader)), options.nowUnix,
                                         tolerance, true, v.evidence);
        }
        const QByteArray url = signedUrl(request, options.publicUrl);
        const Check check = rawKeyMacCheck({stripPrefix(value, config.prefix)}, digest, encoding,
                                           [config, request, url](const QByteArray &body) -> QByteArray {
                                               return content(config, request, body, url);
                                           });
        Hints hints;
        hints.displayName = displayName();
        hints.signsUrl = config.contentTemplate.contains("{url}");
        hints.url = url;
        if (hints.signsUrl)
            hints.checkForUrl = [config, request, value, digest, encoding](const QByteArray &otherUrl) {
                return rawKeyMacCheck({stripPrefix(value, config.prefix)}, digest, encoding,
                                      [config, request, otherUrl](const QByteArray &body) -> QByteArray {
                                          return content(config, request, body, otherUrl);
                                      });
            };
        conclude(v, check, request, options, hints);
        return v;
    }
    bool canSign() const override { return true; }
    Result<SignedRequest> sign(const CapturedRequest &request, const SignOptions &options) const override
    {
        if (options.secret.isEmpty())
            return makeError(ErrorCode::InvalidArgument, Tr::tr("A secret is needed to sign."));
        const GenericHmacConfig &config = options.generic;
        SignedRequest out{request.headers, request.body};
        CapturedRequest stamped = request;
        if (!config.timestampHeader.isEmpty()) {
            setHeader(out.headers, config.timestampHeader, QByteArray::number(options.nowUnix));
            stamped.headers = out.headers;
        }
        if (!config.idHeader.isEmpty() && !options.messageId.isEmpty()) {
            setHeader(out.headers, config.idHeader, options.messageId);
            stamped.headers = out.headers;
        }
        const Crypto::Digest digest = Crypto::digestFromName(config.algorithm).value_or(Crypto::Digest::Sha256);
        const QByteArray mac = Crypto::hmac(
            digest, options.secret, content(config, stamped, signedBody(request), signedUrl(request, options.publicUrl)));
        setHeader(out.headers, config.header,
                  config.prefix + encode(config.encoding == "base64" ? Encoding::Base64 : Encoding::Hex, mac));
        return out;
    }
};

} // namespace

void addBasicSchemes(QList<const Scheme *> &list)
{
    static const GitHubScheme github;
    static const StripeScheme stripe;
    static const VersionedTimestampScheme slack({u"slack"_s, u"Slack"_s, "X-Slack-Signature",
                                                 "X-Slack-Request-Timestamp", 300, {}});
    static const VersionedTimestampScheme zoom(
        {u"zoom"_s, u"Zoom"_s, "x-zm-signature", "x-zm-request-timestamp", 0,
         {Tr::tr("Zoom sets no freshness window; its SDK (@zoom/rivet) verifies re-serialized JSON, not the raw body.")}});
    static const PaddleScheme paddle;
    static const TwitchScheme twitch;
    static const LinearScheme linear;
    static const GitLabScheme gitlab;
    static const MailgunScheme mailgun;
    static const GenericHmacScheme generic;
    const auto noTimestamp = [](const QString &dedupe) {
        return QStringList{Tr::tr("No timestamp is signed: a replay is detected only by %1.").arg(dedupe)};
    };
    static const BodyMacScheme shopify(
        {u"shopify"_s, u"Shopify"_s, {"X-Shopify-Hmac-Sha256", "shopify-hmac-sha256"}, {}, Crypto::Digest::Sha256,
         Encoding::Base64, noTimestamp(u"X-Shopify-Event-Id"_s)},
        [](const CapturedRequest &r) {
            return hasHeader(r, "X-Shopify-Hmac-Sha256") || hasHeader(r, "shopify-hmac-sha256") ? 100 : 0;
        });
    static const BodyMacScheme typeform({u"typeform"_s, u"Typeform"_s, {"Typeform-Signature"}, "sha256=",
                                         Crypto::Digest::Sha256, Encoding::Base64, noTimestamp(u"event_id"_s)},
                                        [](const CapturedRequest &r) {
                                            return hasHeader(r, "Typeform-Signature") ? 100 : 0;
                                        });
    static const BodyMacScheme vercel({u"vercel"_s, u"Vercel"_s, {"x-vercel-signature"}, {}, Crypto::Digest::Sha1,
                                       Encoding::Hex, noTimestamp(u"the event id"_s)},
                                      [](const CapturedRequest &r) {
                                          return hasHeader(r, "x-vercel-signature") ? 100 : 0;
                                      });
    // Three providers share X-Hub-Signature; their other headers tell them apart.
    static const BodyMacScheme intercom({u"intercom"_s, u"Intercom"_s, {"X-Hub-Signature"}, "sha1=",
                                         Crypto::Digest::Sha1, Encoding::Hex, noTimestamp(u"the notification id"_s)},
                                        [](const CapturedRequest &r) {
                                            if (!headerStartsWith(r, "X-Hub-Signature", "sha1="))
                                                return 0;
                                            return header(r, "User-Agent").contains("Intercom") ? 80 : 40;
                                        });
    static const BodyMacScheme bitbucket({u"bitbucket"_s, u"Bitbucket"_s, {"X-Hub-Signature"}, "sha256=",
                                          Crypto::Digest::Sha256, Encoding::Hex, noTimestamp(u"X-Request-UUID"_s)},
                                         [](const CapturedRequest &r) {
                                             if (!headerStartsWith(r, "X-Hub-Signature", "sha256="))
                                                 return 0;
                                             return hasHeader(r, "X-Event-Key") ? 80 : 40;
                                         });
    static const BodyMacScheme jira({u"jira"_s, u"Jira"_s, {"X-Hub-Signature"}, "sha256=", Crypto::Digest::Sha256,
                                     Encoding::Hex, noTimestamp(u"X-Atlassian-Webhook-Identifier"_s)},
                                    [](const CapturedRequest &r) {
                                        if (!headerStartsWith(r, "X-Hub-Signature", "sha256="))
                                            return 0;
                                        return hasHeader(r, "X-Atlassian-Webhook-Identifier") ? 85 : 0;
                                    });
    list << &github << &stripe << &slack << &shopify << &gitlab << &paddle << &twitch << &zoom << &mailgun << &linear
         << &typeform << &intercom << &bitbucket << &vercel << &jira << &generic;
}

} // namespace Hookscope::Verify::Detail
