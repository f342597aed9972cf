// Standard Webhooks (v1 HMAC-SHA256 and v1a Ed25519) and the providers that deliver through it or through Svix:
// Svix, Clerk, Resend, and GitLab's signing tokens (schemes.cpp).

#include "schemes_p.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>

using namespace Qt::StringLiterals;

namespace Hookscope::Verify::Detail
{

namespace
{

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Hookscope::Verify)
};

constexpr int standardTolerance = 300;

std::optional<QByteArray> decodePrefixedKey(QByteArrayView secret, QByteArrayView prefix, int requiredSize,
                                            const QString &what, QString *problem)
{
    QByteArrayView encoded = secret.trimmed();
    if (encoded.startsWith(prefix))
        encoded = encoded.sliced(prefix.size());
    const std::optional<QByteArray> key = Crypto::fromBase64(encoded);
    if (!key || key->isEmpty() || (requiredSize > 0 && key->size() != requiredSize)) {
        *problem = what;
        return std::nullopt;
    }
    return key;
}

struct Headers {
    QByteArray prefix; // "webhook-" or "svix-"
    QByteArray id, timestamp, signature;
};

std::optional<Headers> readHeaders(const CapturedRequest &request, QByteArrayView preferredPrefix)
{
    for (QByteArrayView prefix : {preferredPrefix, QByteArrayView("svix-"), QByteArrayView("webhook-")}) {
        const QByteArray p = prefix.toByteArray();
        if (hasHeader(request, QByteArray(p + "signature")))
            return Headers{p, header(request, QByteArray(p + "id")), header(request, QByteArray(p + "timestamp")),
                           header(request, QByteArray(p + "signature"))};
    }
    return std::nullopt;
}

class StandardWebhooksScheme : public Scheme
{
public:
    StandardWebhooksScheme(QString name, QString displayName, QByteArray prefix, int baseScore)
        : m_name(std::move(name)), m_displayName(std::move(displayName)), m_prefix(std::move(prefix)),
          m_baseScore(baseScore)
    {
    }
    QString name() const override { return m_name; }
    QString displayName() const override { return m_displayName; }
    int detect(const CapturedRequest &request) const override
    {
        if (!hasHeader(request, QByteArray(m_prefix + "signature")))
            return 0;
        if (m_name == u"clerk" || m_name == u"resend")
            return bodyTypeMatches(request) ? m_baseScore + 20 : 0;
        return m_baseScore;
    }
    Verification verify(const CapturedRequest &request, const VerifyOptions &options) const override
    {
        return verifyStandardWebhooks(request, options, m_name, m_displayName, m_prefix);
    }
    bool canSign() const override { return true; }
    Result<SignedRequest> sign(const CapturedRequest &request, const SignOptions &options) const override
    {
        return signStandardWebhooks(request, options, m_prefix);
    }

private:
    bool bodyTypeMatches(const CapturedRequest &request) const
    {
        if (request.body.size() > 1024 * 1024)
            return false;
        const QString type = QJsonDocument::fromJson(signedBody(request)).object().value(u"type").toString();
        if (m_name == u"clerk")
            return type.startsWith(u"user.") || type.startsWith(u"session.") || type.startsWith(u"organization")
                || type.startsWith(u"email.created") || type.startsWith(u"sms.") || type.startsWith(u"role.")
                || type.startsWith(u"permission.") || type.startsWith(u"waitlistEntry.");
        return type.startsWith(u"email.") || type.startsWith(u"contact.") || type.startsWith(u"domain.");
    }

    QString m_name;
    QString m_displayName;
    QByteArray m_prefix;
    int m_baseScore;
};

} // namespace

std::optional<QByteArray> decodeWhsec(QByteArrayView secret, QString *problem)
{
    return decodePrefixedKey(secret, "whsec_", 0,
                             Tr::tr("The secret is not \"whsec_\" followed by base64: Standard Webhooks and Svix secrets "
                                "are base64-decoded to get the key."),
                             problem);
}

Verification verifyStandardWebhooks(const CapturedRequest &request, const VerifyOptions &options,
                                    const QString &provider, const QString &displayName, QByteArrayView prefix)
{
    const std::optional<Headers> found = readHeaders(request, prefix);
    if (!found)
        return unsignedResult(provider, Tr::tr("No %1signature header.").arg(QString::fromUtf8(prefix)));
    const QString signatureHeader = QString::fromUtf8(found->prefix + "signature");
    if (found->id.isEmpty() || found->timestamp.isEmpty())
        return malformedResult(provider, signatureHeader,
                               Tr::tr("The %1id and %1timestamp headers are needed with %2.")
                                   .arg(QString::fromUtf8(found->prefix), signatureHeader));
    if (found->id.contains('.') || found->timestamp.contains('.'))
        return malformedResult(provider, signatureHeader, Tr::tr("The message id and timestamp must not contain \".\"."));

    QList<QByteArray> entries;
    QList<QByteArray> hmacSignatures;
    bool hasV1a = false;
    for (const QByteArray &entry : found->signature.split(' ')) {
        if (entry.isEmpty())
            continue;
        entries << entry;
        if (entry.startsWith("v1,"))
            hmacSignatures << entry.mid(3);
        else if (entry.startsWith("v1a,"))
            hasV1a = true;
    }
    if (hmacSignatures.isEmpty() && !hasV1a)
        return malformedResult(provider, signatureHeader,
                               Tr::tr("The %1 header holds no \"v1,<base64>\" or \"v1a,<base64>\" signature.")
                                   .arg(signatureHeader));

    Verification v;
    v.provider = provider;
    v.evidence.header = signatureHeader;
    v.freshness = judgeFreshness(parseUnixSeconds(found->timestamp), options.nowUnix,
                                 options.toleranceSeconds.value_or(standardTolerance), true, v.evidence);
    const QByteArray id = found->id;
    const QByteArray timestamp = found->timestamp;
    Check check;
    check.content = [id, timestamp](const QByteArray &body) -> QByteArray { return id + '.' + timestamp + '.' + body; };
    const bool publicKeys = std::any_of(options.secrets.cbegin(), options.secrets.cend(),
                                        [](const QByteArray &s) { return s.trimmed().startsWith("whpk_"); });
    Hints hints;
    hints.displayName = displayName;
    if (!publicKeys) {
        check.received = hmacSignatures;
        check.expected = [](const QByteArray &secret, const QByteArray &content,
                            QString *problem) -> std::optional<QByteArray> {
            if (secret.trimmed().startsWith("whsk_")) {
                *problem = Tr::tr("A whsk_ private key signs; verifying needs the whpk_ public key.");
                return std::nullopt;
            }
            const std::optional<QByteArray> key = decodeWhsec(secret, problem);
            if (!key)
                return std::nullopt;
            return Crypto::toBase64(Crypto::hmac(Crypto::Digest::Sha256, *key, content));
        };
        hints.secretForm = Hints::SecretForm::WhsecBase64;
        if (hmacSignatures.isEmpty())
            hints.caveats << Tr::tr("Only v1a (Ed25519) signatures are present: give the sender's whpk_ public key.");
    } else {
        check.received = entries;
        hints.secretForm = Hints::SecretForm::PublicKey;
        check.verifyWithKey = [](const QByteArray &secret, const QByteArray &content, const QByteArray &entry,
                                 QString *problem) -> std::optional<bool> {
            const QByteArray trimmed = secret.trimmed();
            if (entry.startsWith("v1a,")) {
                if (!trimmed.startsWith("whpk_"))
                    return false;
                const std::optional<QByteArray> key = decodePrefixedKey(
                    trimmed, "whpk_", 32, Tr::tr("A whpk_ public key is \"whpk_\" followed by 32 bytes in base64."),
                    problem);
                if (!key)
                    return std::nullopt;
                const std::optional<QByteArray> signature = Crypto::fromBase64(entry.mid(4));
                return signature && Crypto::ed25519Verify(*key, content, *signature);
            }
            if (entry.startsWith("v1,") && !trimmed.startsWith("whpk_")) {
                const std::optional<QByteArray> key = decodeWhsec(trimmed, problem);
                if (!key)
                    return std::nullopt;
                return Crypto::constantTimeEquals(Crypto::toBase64(Crypto::hmac(Crypto::Digest::Sha256, *key, content)),
                                                  entry.mid(3));
            }
            return false;
        };
    }
    if (provider == u"clerk" && found->prefix != "svix-")
        hints.caveats << Tr::tr("Clerk's SDK (verifyWebhook) requires the svix-id, svix-timestamp and svix-signature "
                            "headers; it rejects webhook-* headers.");
    conclude(v, check, request, options, hints);
    return v;
}

Result<SignedRequest> signStandardWebhooks(const CapturedRequest &request, const SignOptions &options,
                                           QByteArrayView prefix)
{
    if (options.secret.isEmpty())
        return makeError(ErrorCode::InvalidArgument, Tr::tr("A secret is needed to sign."));
    QByteArray p = prefix.toByteArray();
    if (const std::optional<Headers> found = readHeaders(request, prefix))
        p = found->prefix;
    QByteArray id = options.messageId;
    if (id.isEmpty())
        id = header(request, QByteArray(p + "id"));
    if (id.isEmpty()) {
        id = "msg_";
        for (int i = 0; i < 24; ++i)
            id += "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"[QRandomGenerator::global()->bounded(62)];
    }
    const QByteArray timestamp = QByteArray::number(options.nowUnix);
    const QByteArray content = id + '.' + timestamp + '.' + signedBody(request);
    QByteArray entry;
    QString problem;
    const QByteArray secret = options.secret.trimmed();
    if (secret.startsWith("whsk_")) {
        const std::optional<QByteArray> seed = decodePrefixedKey(
            secret, "whsk_", 32, Tr::tr("A whsk_ private key is \"whsk_\" followed by a 32-byte seed in base64."), &problem);
        if (!seed)
            return makeError(ErrorCode::InvalidArgument, problem);
        const std::optional<QByteArray> signature = Crypto::ed25519Sign(*seed, content);
        if (!signature)
            return makeError(ErrorCode::InvalidArgument, Tr::tr("The Ed25519 key cannot sign."));
        entry = "v1a," + Crypto::toBase64(*signature);
    } else {
        const std::optional<QByteArray> key = decodeWhsec(secret, &problem);
        if (!key)
            return makeError(ErrorCode::InvalidArgument, problem);
        entry = "v1," + Crypto::toBase64(Crypto::hmac(Crypto::Digest::Sha256, *key, content));
    }
    SignedRequest out{request.headers, request.body};
    setHeader(out.headers, QByteArray(p + "id"), id);
    setHeader(out.headers, QByteArray(p + "timestamp"), timestamp);
    setHeader(out.headers, QByteArray(p + "signature"), entry);
    return out;
}

void addStandardWebhooksSchemes(QList<const Scheme *> &list)
{
    static const StandardWebhooksScheme standard(u"standard-webhooks"_s, u"Standard Webhooks"_s, "webhook-", 90);
    static const StandardWebhooksScheme svix(u"svix"_s, u"Svix"_s, "svix-", 95);
    static const StandardWebhooksScheme clerk(u"clerk"_s, u"Clerk"_s, "svix-", 95);
    static const StandardWebhooksScheme resend(u"resend"_s, u"Resend"_s, "svix-", 95);
    list << &standard << &svix << &clerk << &resend;
}

} // namespace Hookscope::Verify::Detail
