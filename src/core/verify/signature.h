#pragma once

#include "capturedrequest.h"
#include "result.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

#include <memory>
#include <optional>

// Webhook signature verification and signing (docs/verify.md). Everything here is pure computation over a
// CapturedRequest: no I/O, no Qt event loop, safe to call from any thread.
namespace Hookscope::Verify
{

// The overall answer, following what the provider's official SDK would do with the request.
enum class Verdict {
    Valid,    // the provider's SDK would accept it: a signature matches and the timestamp (if signed) is fresh
    Invalid,  // signed, but no signature matches, the header is malformed, or the timestamp is outside the tolerance
    Unsigned, // the request carries no signature of this scheme
    NoSecret, // signed, but no secret is configured to check it with
    Error,    // could not be checked: a secret or key in an unusable form, a body that cannot be decoded
};

// Freshness is reported apart from the signature: a replayed request can carry a valid signature and be stale.
enum class Freshness {
    NotApplicable, // the scheme signs no timestamp
    Fresh,
    TooOld,
    TooNew,
    Unknown, // the timestamp is missing or unreadable
};

QString verdictName(Verdict verdict);     // "valid", "invalid", "unsigned", "no-secret", "error"
QString freshnessName(Freshness freshness); // "n/a", "fresh", "too-old", "too-new", "unknown"
std::optional<Verdict> verdictFromName(QStringView name);

// Settings of the generic-hmac scheme, for providers without a built-in scheme.
struct GenericHmacConfig {
    QByteArray algorithm = "sha256"; // sha1, sha256, sha512
    QByteArray encoding = "hex";     // hex, base64
    QByteArray header = "X-Signature";
    QByteArray prefix;                 // e.g. "sha256="; stripped before comparing
    QByteArray contentTemplate = "{body}"; // {body}, {timestamp}, {id}, {url}; other bytes literal
    QByteArray timestampHeader;        // where {timestamp} comes from
    QByteArray idHeader;               // where {id} comes from
    int toleranceSeconds = 0;          // 0: the timestamp's age is not checked

    // "algorithm=sha256;encoding=hex;header=X-Sig;prefix=sha256=;template={timestamp}.{body};timestamp-header=X-Ts;
    // id-header=X-Id;tolerance=300", any subset, any order. Empty string: the defaults. Errors name the key.
    static std::optional<GenericHmacConfig> parse(const QString &text, QString *error);
    QString toString() const;
    friend bool operator==(const GenericHmacConfig &, const GenericHmacConfig &) = default;
};

// What verification needs besides the request.
struct VerifyOptions {
    QList<QByteArray> secrets; // tried in order (rotation); public keys for Discord, SendGrid and v1a
    qint64 nowUnix = 0;        // the time freshness is judged against
    QByteArray publicUrl;      // the URL the provider was given (Twilio, Square, Mandrill); empty: built from Host
    GenericHmacConfig generic; // used by the generic-hmac scheme only
    std::optional<int> toleranceSeconds; // overrides the scheme's tolerance (0 disables the check)
};

struct Evidence {
    QString header;                    // the signature header (or body field) that was read
    QStringList received;              // the signatures found in it, as sent
    QString expected;                  // what the matching (or first) secret gives, in the same encoding
    QByteArray signedContent;          // the exact bytes the MAC or signature covers, for the first secret
    std::optional<qint64> timestamp;   // the signed timestamp, unix seconds
    std::optional<qint64> skewSeconds; // nowUnix - timestamp
    int toleranceSeconds = 0;          // 0 when the scheme has no freshness rule
    int matchedSecret = -1;            // index into VerifyOptions::secrets
    int matchedSignature = -1;         // index into received
    QString url;                       // the URL used, for the schemes that sign it
};

struct Verification {
    QString provider; // CLI name of the scheme, e.g. "stripe"
    Verdict verdict = Verdict::Unsigned;
    bool signatureValid = false;
    Freshness freshness = Freshness::NotApplicable;
    QString reason;            // one sentence, plain words
    QStringList diagnostics;   // further findings: probable causes of a mismatch, caveats of the scheme
    Evidence evidence;

    bool accepted() const { return verdict == Verdict::Valid; }
};

// The request with fresh signature headers (and, for schemes that sign inside the body, a new body).
struct SignedRequest {
    HeaderList headers;
    QByteArray body;
};

struct SignOptions {
    QByteArray secret; // the HMAC secret, or the private key (Ed25519 seed) for the public-key schemes
    qint64 nowUnix = 0;
    QByteArray publicUrl;
    GenericHmacConfig generic;
    QByteArray messageId; // for schemes that sign an id; empty: keep the request's, or make one
};

class Scheme
{
public:
    virtual ~Scheme() = default;
    virtual QString name() const = 0;        // CLI name, e.g. "standard-webhooks"
    virtual QString displayName() const = 0; // "Standard Webhooks"
    // How sure this scheme is that the request is signed with it: 0 = not at all; higher wins.
    virtual int detect(const CapturedRequest &request) const = 0;
    virtual Verification verify(const CapturedRequest &request, const VerifyOptions &options) const = 0;
    virtual bool canSign() const { return false; }
    // Errors: no secret, a secret or key that cannot be used, a request the scheme cannot sign (missing URL).
    virtual Result<SignedRequest> sign(const CapturedRequest &request, const SignOptions &options) const;
};

// All built-in schemes, in a stable order.
const QList<const Scheme *> &schemes();
const Scheme *findScheme(QStringView name);
QStringList schemeNames();
// The schemes that claim the request, best first (several can: Svix, Clerk, Resend and Standard Webhooks share
// headers); empty when none does.
QList<const Scheme *> detectSchemes(const CapturedRequest &request);
// The scheme whose signature the request carries, or nullptr when none does.
const Scheme *detectScheme(const CapturedRequest &request);

// Verifies with the named scheme, or the detected one when name is "auto" (or empty). An unknown name gives Error.
Verification verifyRequest(const CapturedRequest &request, QStringView schemeName, const VerifyOptions &options);
// Verifies with scheme; nullptr gives the Unsigned result "no signature header of a known provider".
Verification verifyRequest(const CapturedRequest &request, const Scheme *scheme, const VerifyOptions &options);

// The body the signature covers: the captured body, decoded when a Content-Encoding was applied (signatures are
// computed before compression). Falls back to the captured bytes when decoding fails.
QByteArray signedBody(const CapturedRequest &request);

} // namespace Hookscope::Verify
