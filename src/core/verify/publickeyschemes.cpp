// The public-key schemes: Discord (Ed25519) and SendGrid's Event Webhook (ECDSA P-256). The "secret" the user
// gives is the provider's public key.

#include "schemes_p.h"

#include <QCoreApplication>

using namespace Qt::StringLiterals;

namespace Hookscope::Verify::Detail
{

namespace
{

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Hookscope::Verify)
};

class DiscordScheme : public HeaderScheme
{
public:
    DiscordScheme() : HeaderScheme(u"discord"_s, u"Discord"_s, "X-Signature-Ed25519") {}
    Verification verify(const CapturedRequest &request, const VerifyOptions &options) const override
    {
        if (!hasHeader(request, "X-Signature-Ed25519"))
            return unsignedResult(name(), Tr::tr("No X-Signature-Ed25519 header."));
        const QByteArray signature = header(request, "X-Signature-Ed25519");
        const QByteArray timestamp = header(request, "X-Signature-Timestamp");
        if (timestamp.isEmpty())
            return malformedResult(name(), u"X-Signature-Ed25519"_s, Tr::tr("The X-Signature-Timestamp header is missing."));
        if (!Crypto::fromHex(signature) || signature.size() != 128)
            return malformedResult(name(), u"X-Signature-Ed25519"_s,
                                   Tr::tr("X-Signature-Ed25519 must be 128 hex digits (a 64-byte Ed25519 signature)."));
        Verification v;
        v.provider = name();
        v.evidence.header = u"X-Signature-Ed25519"_s;
        // Signed, but Discord defines no window and discord-interactions checks none: reported, not judged.
        judgeFreshness(parseUnixSeconds(timestamp), options.nowUnix, 0, false, v.evidence);
        v.freshness = options.toleranceSeconds
            ? judgeFreshness(parseUnixSeconds(timestamp), options.nowUnix, *options.toleranceSeconds, false, v.evidence)
            : Freshness::NotApplicable;
        Check check;
        check.received = {signature};
        check.content = [timestamp](const QByteArray &body) -> QByteArray { return timestamp + body; };
        check.verifyWithKey = [](const QByteArray &key, const QByteArray &content, const QByteArray &sig,
                                 QString *problem) -> std::optional<bool> {
            const std::optional<QByteArray> raw = Crypto::fromHex(key.trimmed());
            if (!raw || raw->size() != 32) {
                *problem = Tr::tr("A Discord public key is 64 hex digits (the application's Public Key in the Developer "
                              "Portal).");
                return std::nullopt;
            }
            return Crypto::ed25519Verify(*raw, content, *Crypto::fromHex(sig));
        };
        Hints hints;
        hints.displayName = displayName();
        hints.secretForm = Hints::SecretForm::PublicKey;
        hints.caveats << Tr::tr("Discord sends requests with bad signatures on purpose when an endpoint is saved; the "
                            "endpoint must answer them with 401.");
        conclude(v, check, request, options, hints);
        return v;
    }
    bool canSign() const override { return true; }
    Result<SignedRequest> sign(const CapturedRequest &request, const SignOptions &options) const override
    {
        const std::optional<QByteArray> seed = Crypto::fromHex(options.secret.trimmed());
        if (!seed || seed->size() != 32)
            return makeError(ErrorCode::InvalidArgument,
                             Tr::tr("Signing as Discord needs the Ed25519 private key: a 32-byte seed as 64 hex digits."));
        const QByteArray timestamp = QByteArray::number(options.nowUnix);
        const std::optional<QByteArray> signature = Crypto::ed25519Sign(*seed, QByteArray(timestamp + signedBody(request)));
        if (!signature)
            return makeError(ErrorCode::InvalidArgument, Tr::tr("The Ed25519 key cannot sign."));
        SignedRequest out{request.headers, request.body};
        setHeader(out.headers, "X-Signature-Ed25519", Crypto::toHex(*signature));
        setHeader(out.headers, "X-Signature-Timestamp", timestamp);
        return out;
    }
};

// The SendGrid verification key as shown in its settings (base64 of the DER SubjectPublicKeyInfo), or PEM.
std::optional<QByteArray> sendGridKey(const QByteArray &text)
{
    QByteArray body = text.trimmed();
    if (body.startsWith("-----BEGIN")) {
        QByteArray joined;
        for (const QByteArray &line : body.split('\n')) {
            if (!line.startsWith("-----"))
                joined += line.trimmed();
        }
        body = joined;
    }
    return Crypto::fromBase64(body);
}

class SendGridScheme : public HeaderScheme
{
public:
    SendGridScheme() : HeaderScheme(u"sendgrid"_s, u"SendGrid"_s, "X-Twilio-Email-Event-Webhook-Signature") {}
    Verification verify(const CapturedRequest &request, const VerifyOptions &options) const override
    {
        if (!hasHeader(request, "X-Twilio-Email-Event-Webhook-Signature"))
            return unsignedResult(name(), Tr::tr("No X-Twilio-Email-Event-Webhook-Signature header."));
        const QByteArray signature = header(request, "X-Twilio-Email-Event-Webhook-Signature");
        const QByteArray timestamp = header(request, "X-Twilio-Email-Event-Webhook-Timestamp");
        if (timestamp.isEmpty())
            return malformedResult(name(), u"X-Twilio-Email-Event-Webhook-Signature"_s,
                                   Tr::tr("The X-Twilio-Email-Event-Webhook-Timestamp header is missing."));
        const std::optional<QByteArray> der = Crypto::fromBase64(signature);
        if (!der)
            return malformedResult(name(), u"X-Twilio-Email-Event-Webhook-Signature"_s,
                                   Tr::tr("The signature is not base64."));
        Verification v;
        v.provider = name();
        v.evidence.header = u"X-Twilio-Email-Event-Webhook-Signature"_s;
        judgeFreshness(parseUnixSeconds(timestamp), options.nowUnix, 0, false, v.evidence);
        v.freshness = options.toleranceSeconds
            ? judgeFreshness(parseUnixSeconds(timestamp), options.nowUnix, *options.toleranceSeconds, false, v.evidence)
            : Freshness::NotApplicable;
        Check check;
        check.received = {signature};
        check.content = [timestamp](const QByteArray &body) -> QByteArray { return timestamp + body; };
        check.verifyWithKey = [](const QByteArray &key, const QByteArray &content, const QByteArray &sig,
                                 QString *problem) -> std::optional<bool> {
            const std::optional<QByteArray> spki = sendGridKey(key);
            const std::optional<QByteArray> derSignature = Crypto::fromBase64(sig);
            std::optional<bool> ok;
            if (spki && derSignature)
                ok = Crypto::ecdsaP256Verify(*spki, content, *derSignature);
            if (!ok)
                *problem = Tr::tr("A SendGrid verification key is the base64 text shown in the Event Webhook settings "
                              "(it starts with MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE).");
            return ok;
        };
        Hints hints;
        hints.displayName = displayName();
        hints.secretForm = Hints::SecretForm::PublicKey;
        hints.caveats << Tr::tr("SendGrid ends the body with \\r\\n: a proxy that trims it breaks the signature.");
        conclude(v, check, request, options, hints);
        return v;
    }
};

} // namespace

void addPublicKeySchemes(QList<const Scheme *> &list)
{
    static const DiscordScheme discord;
    static const SendGridScheme sendgrid;
    list << &discord << &sendgrid;
}

} // namespace Hookscope::Verify::Detail
