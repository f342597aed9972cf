#pragma once

// Building blocks shared by the scheme implementations. Not part of the module's interface.

#include "crypto.h"
#include "signature.h"

#include <functional>

namespace Hookscope::Verify::Detail
{

QByteArray header(const CapturedRequest &request, QByteArrayView name); // first value, trimmed; empty when absent
bool hasHeader(const CapturedRequest &request, QByteArrayView name);
std::optional<qint64> parseUnixSeconds(QByteArrayView text); // plain decimal digits only
// Replaces the first header of that name (keeping its casing and place), drops later ones, appends when absent.
void setHeader(HeaderList &headers, QByteArrayView name, const QByteArray &value);
// "a=1,b=2" style lists: the items split on separator, each split at the first '=' (whitespace around trimmed).
QList<std::pair<QByteArray, QByteArray>> splitPairs(QByteArrayView text, char separator);
QByteArray abbreviate(QByteArrayView bytes, int max = 160);
QByteArray maskSecret(QByteArrayView secret);

// The check one scheme runs: the signatures received, how the signed content is built from a body, and how a
// secret is tested. Diagnostics re-run it with variants of the body and of the secrets to name a probable cause.
struct Check {
    QList<QByteArray> received; // signature texts as sent (after any prefix)
    std::function<QByteArray(const QByteArray &body)> content;
    // MAC schemes: the signature text a secret gives over content; nullopt with *problem when the secret is in an
    // unusable form. Compared to each received text in constant time.
    std::function<std::optional<QByteArray>(const QByteArray &secret, const QByteArray &content, QString *problem)>
        expected;
    // Public-key and token schemes (instead of expected): whether signature verifies with key over content.
    std::function<std::optional<bool>(const QByteArray &key, const QByteArray &content, const QByteArray &signature,
                                      QString *problem)>
        verifyWithKey;
};

struct CheckOutcome {
    bool matched = false;
    int secret = -1;
    int signature = -1;
    QByteArray expected; // for the matching secret, else the first usable one
    QByteArray content;
    QString secretProblem; // set when no secret was usable
    bool anyUsableSecret = false;
};

CheckOutcome runCheck(const Check &check, const QByteArray &body, const QList<QByteArray> &secrets);

// What the scheme knows that helps explain a mismatch.
struct Hints {
    QString displayName;
    // Secret forms: how the scheme turns a secret into a key, so diagnostics can say a secret had the wrong form.
    enum class SecretForm { Raw, WhsecBase64, PublicKey, Token } secretForm = SecretForm::Raw;
    bool signsUrl = false;
    QByteArray url; // the URL used, for URL schemes
    std::function<Check(const QByteArray &url)> checkForUrl; // URL schemes: the same check for another URL
    QStringList caveats; // always-on notes (what the signature does not cover)
};

// Judges freshness of a signed timestamp; fills evidence. rejectFuture: whether the SDK also rejects timestamps
// ahead of now. tolerance 0 = not checked.
Freshness judgeFreshness(std::optional<qint64> timestamp, qint64 now, int tolerance, bool rejectFuture,
                         Evidence &evidence);

// Runs the check and sets verdict, reason, evidence and diagnostics. v.freshness must already be set.
void conclude(Verification &v, const Check &check, const CapturedRequest &request, const VerifyOptions &options,
              const Hints &hints);

Verification unsignedResult(const QString &provider, const QString &reason);
Verification malformedResult(const QString &provider, const QString &header, const QString &reason);

// Names the likely causes of a mismatch (diagnostics.cpp).
QStringList diagnoseMismatch(const Check &check, const CapturedRequest &request, const VerifyOptions &options,
                             const Hints &hints);
// The provider whose secret format this looks like ("Stripe"), empty when none.
QString secretLooksLike(QByteArrayView secret);

// Standard Webhooks family (standardwebhooks.cpp), shared with GitLab's signing tokens.
Verification verifyStandardWebhooks(const CapturedRequest &request, const VerifyOptions &options,
                                    const QString &provider, const QString &displayName, QByteArrayView prefix);
Result<SignedRequest> signStandardWebhooks(const CapturedRequest &request, const SignOptions &options,
                                           QByteArrayView prefix);
// "whsec_<base64>" or bare base64 -> key bytes.
std::optional<QByteArray> decodeWhsec(QByteArrayView secret, QString *problem);

// Form parameters of the body for URL-signing schemes: decoded, sorted by name, concatenated name||value.
QByteArray sortedFormParameters(const QByteArray &body);
// The URL a URL-signing scheme signs: the public URL when it has a path (taken as is), the public URL's origin
// followed by the request-target when it is only scheme://host[:port], else http://Host + request-target.
QByteArray signedUrl(const CapturedRequest &request, const QByteArray &publicUrl);
// The same URL with the other scheme, the default port added or removed, a trailing slash added or removed.
QList<std::pair<QByteArray, QString>> urlVariants(const QByteArray &url);

// A scheme recognised by its one signature header: name, display name and detection in one place.
class HeaderScheme : public Scheme
{
public:
    HeaderScheme(QString name, QString displayName, QByteArray header)
        : m_name(std::move(name)), m_displayName(std::move(displayName)), m_header(std::move(header))
    {
    }
    QString name() const override { return m_name; }
    QString displayName() const override { return m_displayName; }
    int detect(const CapturedRequest &request) const override { return hasHeader(request, m_header) ? 100 : 0; }

private:
    QString m_name;
    QString m_displayName;
    QByteArray m_header;
};

// Registration (one function per source file).
void addBasicSchemes(QList<const Scheme *> &list);
void addStandardWebhooksSchemes(QList<const Scheme *> &list);
void addUrlSchemes(QList<const Scheme *> &list);
void addPublicKeySchemes(QList<const Scheme *> &list);

} // namespace Hookscope::Verify::Detail
