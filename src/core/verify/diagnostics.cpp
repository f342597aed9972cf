// Names the probable cause of a signature mismatch by re-running the scheme's own check with the usual
// corruptions undone: a body re-serialized or with changed line endings, a secret in the wrong form or of another
// provider, a URL that differs from the one the provider signed.

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

bool looksLikeJson(const QByteArray &body)
{
    const QByteArray trimmed = body.trimmed();
    return (trimmed.startsWith('{') && trimmed.endsWith('}')) || (trimmed.startsWith('[') && trimmed.endsWith(']'));
}

// Re-emits JSON text with other whitespace, keeping every token byte for byte (numbers, escapes, key order).
// indent < 0: compact with the given separators; indent >= 0: one member per line, as JSON.stringify(v, null, n).
// Deep nesting makes indented output grow with the square of the depth ("[[[[..." from any sender): past a budget
// of a few times the body the variant is given up (nullopt) instead of taking the memory.
std::optional<QByteArray> reformatJson(const QByteArray &body, int indent, QByteArrayView itemSeparator,
                                       QByteArrayView keySeparator)
{
    const qsizetype budget = 4 * body.size() + 64 * 1024;
    QByteArray out;
    out.reserve(body.size() * 2);
    int depth = 0;
    bool inString = false;
    bool overBudget = false;
    auto newline = [&](int level) {
        if (out.size() + 1 + qsizetype(level) * indent > budget) {
            overBudget = true;
            return;
        }
        out += '\n';
        out += QByteArray(level * indent, ' ');
    };
    for (qsizetype i = 0; i < body.size(); ++i) {
        const char c = body[i];
        if (inString) {
            out += c;
            if (c == '\\' && i + 1 < body.size())
                out += body[++i];
            else if (c == '"')
                inString = false;
            continue;
        }
        switch (c) {
        case ' ':
        case '\t':
        case '\n':
        case '\r':
            break;
        case '"':
            inString = true;
            out += c;
            break;
        case '{':
        case '[': {
            out += c;
            // Look ahead: an empty container stays "{}" / "[]".
            qsizetype j = i + 1;
            while (j < body.size() && (body[j] == ' ' || body[j] == '\n' || body[j] == '\r' || body[j] == '\t'))
                ++j;
            if (j < body.size() && (body[j] == '}' || body[j] == ']')) {
                out += body[j];
                i = j;
                break;
            }
            ++depth;
            if (indent >= 0)
                newline(depth);
            break;
        }
        case '}':
        case ']':
            --depth;
            if (indent >= 0)
                newline(depth);
            out += c;
            break;
        case ',':
            if (indent >= 0) {
                out += ',';
                newline(depth);
            } else {
                out += itemSeparator;
            }
            break;
        case ':':
            out += indent >= 0 ? QByteArrayView(": ") : keySeparator;
            break;
        default:
            out += c;
        }
        if (overBudget || out.size() > budget)
            return std::nullopt;
    }
    return out;
}

// Non-ASCII characters inside strings written as \uXXXX (Python's json.dumps default, PHP's json_encode).
QByteArray escapeNonAscii(const QByteArray &body)
{
    QByteArray out;
    const QString text = QString::fromUtf8(body);
    for (const QChar ch : text) {
        if (ch.unicode() < 0x80)
            out += char(ch.unicode());
        else
            out += "\\u" + QByteArray::number(ch.unicode(), 16).rightJustified(4, '0');
    }
    return out;
}

// \uXXXX escapes of non-ASCII characters turned back into UTF-8 (what JSON.stringify writes).
QByteArray unescapeNonAscii(const QByteArray &body)
{
    QString out;
    const QString text = QString::fromUtf8(body);
    for (qsizetype i = 0; i < text.size(); ++i) {
        if (text[i] == u'\\' && i + 5 < text.size() + 0 && text[i + 1] == u'u') {
            bool ok = false;
            const uint code = text.mid(i + 2, 4).toUInt(&ok, 16);
            if (ok && code >= 0x80) {
                out += QChar(char16_t(code));
                i += 5;
                continue;
            }
        }
        if (text[i] == u'\\' && i + 1 < text.size()) {
            out += text[i];
            out += text[++i];
            continue;
        }
        out += text[i];
    }
    return out.toUtf8();
}

struct Variant {
    QByteArray body;
    QString cause;
};

QList<Variant> bodyVariants(const QByteArray &body)
{
    QList<Variant> variants;
    auto add = [&](const std::optional<QByteArray> &candidate, const QString &cause) {
        if (candidate && *candidate != body)
            variants.append({*candidate, cause});
    };
    if (body.endsWith("\r\n"))
        add(body.chopped(2), Tr::tr("The sender signed the body without the final \\r\\n: it was added on the way."));
    if (body.endsWith('\n'))
        add(body.chopped(1), Tr::tr("The sender signed the body without the final newline: it was added on the way."));
    add(body + '\n', Tr::tr("The sender signed the body with a final newline: it was removed on the way."));
    add(body + "\r\n", Tr::tr("The sender signed the body with a final \\r\\n: it was removed on the way (SendGrid ends "
                          "its bodies with one)."));
    if (body.contains("\r\n")) {
        QByteArray lf = body;
        lf.replace("\r\n", "\n");
        add(lf, Tr::tr("Line endings were changed from \\n to \\r\\n on the way."));
    } else if (body.contains('\n')) {
        QByteArray crlf = body;
        crlf.replace("\n", "\r\n");
        add(crlf, Tr::tr("Line endings were changed from \\r\\n to \\n on the way."));
    }
    add(body.trimmed(), Tr::tr("Whitespace was added around the body on the way."));
    if (looksLikeJson(body)) {
        const QString reserialized = Tr::tr("The body was re-serialized on the way: ");
        add(reformatJson(body, -1, ",", ":"),
            reserialized + Tr::tr("the sender signed compact JSON and this body has other whitespace. Verify the raw "
                              "bytes, before any JSON parsing."));
        add(reformatJson(body, 2, {}, {}),
            reserialized + Tr::tr("the sender signed JSON indented by 2 spaces (as Stripe sends it) and this body has "
                              "other whitespace."));
        add(reformatJson(body, 4, {}, {}),
            reserialized + Tr::tr("the sender signed JSON indented by 4 spaces and this body has other whitespace."));
        add(reformatJson(body, -1, ", ", ": "),
            reserialized + Tr::tr("the sender signed JSON with \", \" and \": \" separators (Python's json.dumps) and "
                              "this body has other whitespace."));
        add(escapeNonAscii(body), reserialized + Tr::tr("the sender wrote non-ASCII characters as \\uXXXX escapes and "
                                                    "this body has them as UTF-8."));
        add(unescapeNonAscii(body), reserialized + Tr::tr("the sender wrote non-ASCII characters as UTF-8 and this body "
                                                      "has them as \\uXXXX escapes."));
    }
    return variants;
}

struct SecretPattern {
    const char *prefix;
    const char *provider;
};

} // namespace

QString secretLooksLike(QByteArrayView secret)
{
    static const SecretPattern patterns[] = {
        {"whsec_", "Stripe, Svix or Standard Webhooks"},
        {"whpk_", "Standard Webhooks (public key)"},
        {"whsk_", "Standard Webhooks (private key)"},
        {"pdl_ntfset_", "Paddle"},
        {"shpss_", "Shopify"},
        {"lin_wh_", "Linear"},
        {"MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE", "SendGrid (public key)"},
    };
    const QByteArrayView trimmed = secret.trimmed();
    for (const SecretPattern &pattern : patterns) {
        if (trimmed.startsWith(QByteArrayView(pattern.prefix)))
            return QString::fromLatin1(pattern.provider);
    }
    return {};
}

QStringList diagnoseMismatch(const Check &check, const CapturedRequest &request, const VerifyOptions &options,
                             const Hints &hints)
{
    QStringList causes;
    const QByteArray body = signedBody(request);
    const QList<QByteArray> &secrets = options.secrets;

    // 1. The body: each usual corruption undone in turn. Bodies above 1 MiB are not tried: this runs on the storage
    // thread for every mismatching request, and each variant costs one MAC per secret.
    if (body.size() <= 1024 * 1024) {
        for (const Variant &variant : bodyVariants(body)) {
            if (runCheck(check, variant.body, secrets).matched) {
                causes << variant.cause;
                return causes;
            }
        }
    }

    // 2. The secrets: surrounding whitespace, the other key handling, a prefix too many.
    QList<std::pair<QByteArray, QString>> alternatives;
    for (const QByteArray &secret : secrets) {
        if (secret.trimmed() != secret)
            alternatives.append({secret.trimmed(), Tr::tr("The secret has spaces or a newline around it: remove them.")});
        if (hints.secretForm == Hints::SecretForm::WhsecBase64) {
            // The sender used the secret text as the HMAC key (Stripe's way) instead of base64-decoding it.
            alternatives.append({"whsec_" + Crypto::toBase64(secret.trimmed()),
                                 Tr::tr("The sender used the whsec_ secret text itself as the HMAC key (as Stripe does); "
                                    "Standard Webhooks and Svix base64-decode the part after whsec_. The sender's "
                                    "library handles the secret wrongly.")});
        }
        if (hints.secretForm == Hints::SecretForm::Raw) {
            const QByteArray trimmed = secret.trimmed();
            const qsizetype underscore = trimmed.lastIndexOf('_');
            if (trimmed.startsWith("whsec_")) {
                if (const std::optional<QByteArray> decoded = Crypto::fromBase64(trimmed.mid(6)))
                    alternatives.append({*decoded, Tr::tr("The sender base64-decoded the whsec_ secret (as Svix and "
                                                      "Standard Webhooks do); %1 uses the whole text, whsec_ "
                                                      "included, as the key.")
                                                       .arg(hints.displayName)});
            }
            if (underscore > 0 && underscore < trimmed.size() - 1)
                alternatives.append({trimmed.mid(underscore + 1),
                                     Tr::tr("The signature matches the secret without its \"%1\" prefix: %2 uses the "
                                        "whole secret text, prefix included.")
                                         .arg(QString::fromUtf8(trimmed.left(underscore + 1)), hints.displayName)});
        }
    }
    for (const auto &[alternative, cause] : alternatives) {
        if (runCheck(check, body, {alternative}).matched) {
            causes << cause;
            return causes;
        }
    }

    // 3. Upper-case hex, accepted by some verifiers and not by the providers' SDKs.
    Check lowered = check;
    bool anyUpper = false;
    for (QByteArray &received : lowered.received) {
        if (received.toLower() != received && Crypto::fromHex(received)) {
            received = received.toLower();
            anyUpper = true;
        }
    }
    if (anyUpper && runCheck(lowered, body, secrets).matched) {
        causes << Tr::tr("The signature is written in upper-case hex; %1's SDK compares lower-case hex and rejects it.")
                      .arg(hints.displayName);
        return causes;
    }

    // 4. The URL, for schemes that sign it.
    if (hints.signsUrl && hints.checkForUrl) {
        QList<std::pair<QByteArray, QString>> urls = urlVariants(hints.url);
        const QByteArray fromHost = signedUrl(request, {});
        if (fromHost != hints.url)
            urls.append({fromHost, Tr::tr("the sender signed the URL built from the Host header")});
        for (const auto &[url, why] : urls) {
            if (runCheck(hints.checkForUrl(url), body, secrets).matched) {
                causes << Tr::tr("The URL differs from the one the sender signed: %1. Set the public URL to %2.")
                              .arg(why, QString::fromUtf8(url));
                return causes;
            }
        }
    }

    // Nothing matched: say what can still be said.
    for (const QByteArray &secret : secrets) {
        const QString looksLike = secretLooksLike(secret);
        if (!looksLike.isEmpty() && !looksLike.contains(hints.displayName))
            causes << Tr::tr("The secret looks like a %1 secret, not a %2 one.").arg(looksLike, hints.displayName);
    }
    if (causes.isEmpty() && hints.signsUrl)
        causes << Tr::tr("The secret is wrong, the body was changed, or %1 signed another URL than %2.")
                      .arg(hints.displayName, QString::fromUtf8(hints.url));
    return causes;
}

} // namespace Hookscope::Verify::Detail
