// The schemes that sign the URL the provider was given: Twilio, Square and Mailchimp Transactional (Mandrill).
// Behind a tunnel the URL Hookscope sees differs from the public one, hence VerifyOptions::publicUrl.

#include "formbody.h"
#include "schemes_p.h"

#include <QCoreApplication>
#include <QUrlQuery>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Hookscope::Verify::Detail
{

namespace
{

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Hookscope::Verify)
};

bool isForm(const CapturedRequest &request)
{
    return header(request, "Content-Type").toLower().startsWith("application/x-www-form-urlencoded");
}

// name || value for each parameter, names in byte order. Twilio's SDK drops repeated identical pairs and sorts the
// values of a repeated name; Mandrill's (PHP ksort) keeps them.
QByteArray sortedParameters(const QByteArray &body, bool dropDuplicates)
{
    FormFieldList fields = parseFormUrlEncoded(body);
    std::stable_sort(fields.begin(), fields.end(), [](const FormField &a, const FormField &b) {
        return a.name != b.name ? a.name < b.name : a.value < b.value;
    });
    if (dropDuplicates)
        fields.erase(std::unique(fields.begin(), fields.end()), fields.end());
    QByteArray out;
    for (const FormField &field : fields)
        out += field.name + field.value;
    return out;
}

Check base64MacCheck(const QByteArray &received, Crypto::Digest digest,
                     std::function<QByteArray(const QByteArray &body)> content)
{
    Check check;
    check.received = {received};
    check.content = std::move(content);
    check.expected = [digest](const QByteArray &secret, const QByteArray &signedContent,
                              QString *problem) -> std::optional<QByteArray> {
        if (secret.isEmpty()) {
            *problem = Tr::tr("The secret is empty.");
            return std::nullopt;
        }
        return Crypto::toBase64(Crypto::hmac(digest, secret, signedContent));
    };
    return check;
}

// The URL with its default port removed, or added when absent (what twilio-node's validateRequest also tries).
QList<QByteArray> portForms(const QByteArray &url)
{
    const qsizetype schemeEnd = url.indexOf("://");
    if (schemeEnd <= 0)
        return {};
    const QByteArray scheme = url.left(schemeEnd).toLower();
    const QByteArray defaultPort = scheme == "https" ? ":443" : ":80";
    qsizetype authorityEnd = url.indexOf('/', schemeEnd + 3);
    const qsizetype queryAt = url.indexOf('?', schemeEnd + 3);
    if (authorityEnd < 0 || (queryAt >= 0 && queryAt < authorityEnd))
        authorityEnd = queryAt < 0 ? url.size() : queryAt;
    const QByteArray authority = url.mid(schemeEnd + 3, authorityEnd - schemeEnd - 3);
    const QByteArray head = url.left(schemeEnd + 3);
    const QByteArray rest = url.mid(authorityEnd);
    if (authority.endsWith(defaultPort))
        return {head + authority.chopped(defaultPort.size()) + rest};
    if (authority.endsWith(']') || !authority.contains(':'))
        return {head + authority + defaultPort + rest};
    return {};
}

// Runs the check for the URL and, as the provider's SDK does for Twilio, for the same URL with and without the
// default port; concludes with the first that matches (or the URL itself).
void concludeWithUrl(Verification &v, const std::function<Check(const QByteArray &)> &checkFor, const QByteArray &url,
                     bool portVariantsAccepted, const CapturedRequest &request, const VerifyOptions &options,
                     Hints hints)
{
    QByteArray chosen = url;
    if (portVariantsAccepted && !options.secrets.isEmpty()
        && !runCheck(checkFor(url), signedBody(request), options.secrets).matched) {
        for (const QByteArray &variant : portForms(url)) {
            if (runCheck(checkFor(variant), signedBody(request), options.secrets).matched) {
                chosen = variant;
                break;
            }
        }
    }
    hints.signsUrl = true;
    hints.url = chosen;
    hints.checkForUrl = checkFor;
    conclude(v, checkFor(chosen), request, options, hints);
    if (options.publicUrl.isEmpty() && v.verdict == Verdict::Invalid)
        v.diagnostics << Tr::tr("No public URL is set: Hookscope used %1. %2 signs the URL it was given; set the public "
                            "URL (for example the tunnel's https address).")
                             .arg(QString::fromUtf8(url), hints.displayName);
}

class TwilioScheme : public HeaderScheme
{
public:
    TwilioScheme() : HeaderScheme(u"twilio"_s, u"Twilio"_s, "X-Twilio-Signature") {}
    static Crypto::Digest digest(const CapturedRequest &request)
    {
        const QByteArray settings = header(request, "X-Twilio-Webhooks-Signature-Settings");
        for (const auto &[key, value] : splitPairs(settings, ',')) {
            if (key.toLower() == "algorithm" && value.toUpper() == "HMAC_SHA256")
                return Crypto::Digest::Sha256;
        }
        return Crypto::Digest::Sha1;
    }
    static QByteArray bodySha256Parameter(const QByteArray &url)
    {
        const qsizetype query = url.indexOf('?');
        if (query < 0)
            return {};
        const QUrlQuery parameters(QString::fromUtf8(url.mid(query + 1)));
        return parameters.queryItemValue(u"bodySHA256"_s, QUrl::FullyDecoded).toUtf8();
    }
    Verification verify(const CapturedRequest &request, const VerifyOptions &options) const override
    {
        if (!hasHeader(request, "X-Twilio-Signature"))
            return unsignedResult(name(), Tr::tr("No X-Twilio-Signature header."));
        const QByteArray signature = header(request, "X-Twilio-Signature");
        Verification v;
        v.provider = name();
        v.evidence.header = u"X-Twilio-Signature"_s;
        const Crypto::Digest hashDigest = digest(request);
        const bool form = isForm(request) && request.method == "POST";
        const QByteArray url = signedUrl(request, options.publicUrl);
        Hints hints;
        hints.displayName = displayName();
        hints.caveats << Tr::tr("Twilio signs no timestamp: a replay is detected only by I-Twilio-Idempotency-Token.");
        if (hashDigest == Crypto::Digest::Sha256)
            hints.caveats << Tr::tr("Signed with HMAC-SHA256 as X-Twilio-Webhooks-Signature-Settings asks: the key is the "
                                "SharedKey secret.");
        else if (signature.size() == 44)
            hints.caveats << Tr::tr("The signature is 44 characters long (HMAC-SHA256) but the "
                                "X-Twilio-Webhooks-Signature-Settings header that selects SHA-256 is missing: "
                                "something between Twilio and here dropped it.");
        std::function<Check(const QByteArray &)> checkFor;
        if (form) {
            checkFor = [signature, hashDigest](const QByteArray &u) -> Check {
                return base64MacCheck(signature, hashDigest,
                                      [u](const QByteArray &body) -> QByteArray { return u + sortedParameters(body, true); });
            };
        } else {
            // Non-form bodies: the URL carries bodySHA256 and only the URL is signed.
            const QByteArray announced = bodySha256Parameter(url);
            const QByteArray actual = Crypto::toHex(Crypto::hash(Crypto::Digest::Sha256, signedBody(request)));
            if (!announced.isEmpty() && !Crypto::constantTimeEquals(announced.toLower(), actual)) {
                v.verdict = options.secrets.isEmpty() ? Verdict::NoSecret : Verdict::Invalid;
                v.reason = Tr::tr("The body was changed: its SHA-256 is %1, the signed URL says bodySHA256=%2.")
                               .arg(QString::fromLatin1(actual), QString::fromUtf8(announced));
                v.evidence.received << QString::fromUtf8(signature);
                v.evidence.url = QString::fromUtf8(url);
                return v;
            }
            if (announced.isEmpty() && !signedBody(request).isEmpty())
                hints.caveats << Tr::tr("The URL has no bodySHA256 parameter, so this body is not covered by the "
                                    "signature.");
            checkFor = [signature, hashDigest](const QByteArray &u) -> Check {
                return base64MacCheck(signature, hashDigest, [u](const QByteArray &) -> QByteArray { return u; });
            };
        }
        concludeWithUrl(v, checkFor, url, true, request, options, hints);
        return v;
    }
    bool canSign() const override { return true; }
    Result<SignedRequest> sign(const CapturedRequest &request, const SignOptions &options) const override
    {
        if (options.secret.isEmpty())
            return makeError(ErrorCode::InvalidArgument, Tr::tr("A secret is needed to sign."));
        const QByteArray url = signedUrl(request, options.publicUrl);
        const bool form = isForm(request) && request.method == "POST";
        const QByteArray content = form ? url + sortedParameters(signedBody(request), true) : url;
        SignedRequest out{request.headers, request.body};
        setHeader(out.headers, "X-Twilio-Signature",
                  Crypto::toBase64(Crypto::hmac(digest(request), options.secret, content)));
        return out;
    }
};

// Square (URL || body, HMAC-SHA256) and Mailchimp Transactional (URL || sorted POST parameters, HMAC-SHA1): a base64
// MAC over the URL the provider was given followed by content derived from the body.
class UrlMacScheme : public HeaderScheme
{
public:
    UrlMacScheme(QString name, QString displayName, QByteArray header, Crypto::Digest digest,
                 QByteArray (*afterUrl)(const QByteArray &body), QString caveat)
        : HeaderScheme(std::move(name), std::move(displayName), header), m_header(std::move(header)), m_digest(digest),
          m_afterUrl(afterUrl), m_caveat(std::move(caveat))
    {
    }
    Verification verify(const CapturedRequest &request, const VerifyOptions &options) const override
    {
        const QString headerName = QString::fromLatin1(m_header);
        if (!hasHeader(request, m_header))
            return unsignedResult(name(), Tr::tr("No %1 header.").arg(headerName));
        const QByteArray signature = header(request, m_header);
        Verification v;
        v.provider = name();
        v.evidence.header = headerName;
        Hints hints;
        hints.displayName = displayName();
        hints.caveats << m_caveat;
        const auto checkFor = [signature, digest = m_digest, afterUrl = m_afterUrl](const QByteArray &u) -> Check {
            return base64MacCheck(signature, digest,
                                  [u, afterUrl](const QByteArray &body) -> QByteArray { return u + afterUrl(body); });
        };
        concludeWithUrl(v, checkFor, signedUrl(request, options.publicUrl), false, request, options, hints);
        return v;
    }
    bool canSign() const override { return true; }
    Result<SignedRequest> sign(const CapturedRequest &request, const SignOptions &options) const override
    {
        if (options.secret.isEmpty())
            return makeError(ErrorCode::InvalidArgument, Tr::tr("A secret is needed to sign."));
        SignedRequest out{request.headers, request.body};
        const QByteArray content = signedUrl(request, options.publicUrl) + m_afterUrl(signedBody(request));
        setHeader(out.headers, m_header, Crypto::toBase64(Crypto::hmac(m_digest, options.secret, content)));
        return out;
    }

private:
    QByteArray m_header;
    Crypto::Digest m_digest;
    QByteArray (*m_afterUrl)(const QByteArray &body);
    QString m_caveat;
};

QByteArray bodyAsIs(const QByteArray &body)
{
    return body;
}

QByteArray sortedKeptParameters(const QByteArray &body)
{
    return sortedParameters(body, false);
}

} // namespace

void addUrlSchemes(QList<const Scheme *> &list)
{
    static const TwilioScheme twilio;
    static const UrlMacScheme square(u"square"_s, u"Square"_s, "x-square-hmacsha256-signature", Crypto::Digest::Sha256,
                                     bodyAsIs, Tr::tr("Square signs no timestamp: a replay is detected only by event_id."));
    static const UrlMacScheme mandrill(u"mailchimp-transactional"_s, u"Mailchimp Transactional"_s,
                                       "X-Mandrill-Signature", Crypto::Digest::Sha1, sortedKeptParameters,
                                       Tr::tr("Mandrill signs no timestamp: a replay is detected only by the events' _id."));
    list << &twilio << &square << &mandrill;
}

} // namespace Hookscope::Verify::Detail
