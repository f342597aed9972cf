// Fuzz target for the webhook signature code (src/core/verify/): every scheme's header parsing and verification,
// signing, the generic-hmac settings parser, the strict hex/base64 decoders, the URL handling of the URL-signing
// schemes, the verification with stored secrets, and describeEvent. See README.md in this folder.
//
// Input format (tests/fuzz/make_corpus.py writes it from tests/data/signature-vectors.json):
//   byte 0   scheme: index into Verify::schemes(); the next three values are "auto", "" and an unknown name
//   byte 1   flags: bits 0-1 tolerance override (none, 0, 300, 5); bit 2 sign with a message id; bit 3 no Host
//   then fields separated by NUL bytes, the last one (the body) taking the rest of the input, NULs included:
//     method, request-target, headers, secrets, public URL, now, generic-hmac settings, body
//   headers: lines separated by '\n', each "Name: value" (split at the first ':', the value trimmed as the capture
//            parser does); a line "@<byte>value" uses the known header name number <byte> (see knownHeaders) so the
//            fuzzer reaches the signature headers of every scheme without having to spell them.
//   secrets: separated by 0x01 (a SendGrid PEM key holds newlines); none when the field is empty.
//   now:     decimal Unix seconds; negative values are made non-negative (the CLI rejects them, and captured
//            requests carry the arrival time).
//
// Besides "never crash, hang or read out of bounds", a few properties are checked and abort when broken:
// GenericHmacConfig::parse(toString()) gives the same settings, and the strict decoders round-trip.

#include "fuzz_entry.h"

#include "capturedrequest.h"
#include "crypto.h"
#include "eventinfo.h"
#include "schemes_p.h"
#include "secretstore.h"
#include "signature.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QString>

#include <iterator>
#include <cstdio>
#include <cstdlib>
#include <limits>
#include <optional>

using namespace Hookscope;
using namespace Hookscope::Verify;

namespace
{

// Every header name a scheme or describeEvent reads, plus the generic-hmac defaults used by the seeds.
constexpr const char *knownHeaders[] = {
    "X-Hub-Signature-256",
    "X-Hub-Signature",
    "X-GitHub-Event",
    "X-GitHub-Delivery",
    "Stripe-Signature",
    "X-Slack-Signature",
    "X-Slack-Request-Timestamp",
    "x-zm-signature",
    "x-zm-request-timestamp",
    "X-Shopify-Hmac-Sha256",
    "shopify-hmac-sha256",
    "X-Shopify-Topic",
    "shopify-topic",
    "shopify-webhook-id",
    "X-Gitlab-Token",
    "X-Gitlab-Event",
    "X-Gitlab-Instance",
    "Paddle-Signature",
    "Twitch-Eventsub-Message-Signature",
    "Twitch-Eventsub-Message-Id",
    "Twitch-Eventsub-Message-Timestamp",
    "Twitch-Eventsub-Message-Type",
    "Twitch-Eventsub-Subscription-Type",
    "Linear-Signature",
    "Linear-Event",
    "Linear-Delivery",
    "Typeform-Signature",
    "X-Event-Key",
    "X-Atlassian-Webhook-Identifier",
    "x-vercel-signature",
    "webhook-id",
    "webhook-timestamp",
    "webhook-signature",
    "svix-id",
    "svix-timestamp",
    "svix-signature",
    "X-Twilio-Signature",
    "X-Twilio-Webhooks-Signature-Settings",
    "x-square-hmacsha256-signature",
    "x-square-signature",
    "X-Mandrill-Signature",
    "X-Signature-Ed25519",
    "X-Signature-Timestamp",
    "X-Twilio-Email-Event-Webhook-Signature",
    "X-Twilio-Email-Event-Webhook-Timestamp",
    "Content-Type",
    "Content-Encoding",
    "Host",
    "User-Agent",
    "X-Signature",
    "X-Timestamp",
    "X-Id",
    "X-Request-UUID",
    "I-Twilio-Idempotency-Token",
    "Linear-Timestamp",
    "X-Shopify-Event-Id",
    "X-Shopify-Webhook-Id",
    "Square-Version",
    "X-Atlassian-Webhook-Retry",
    "X-Attempt-Number",
    "content-type",
    "content-encoding",
    "webhook-ID",
    "SVIX-SIGNATURE",
};

[[noreturn]] void fail(const char *what)
{
    std::fprintf(stderr, "fuzz_signature: property broken: %s\n", what);
    std::abort();
}

// Splits off the next NUL-terminated field; the last field takes the rest.
QByteArrayView nextField(QByteArrayView &rest, bool last = false)
{
    if (last) {
        const QByteArrayView all = rest;
        rest = {};
        return all;
    }
    const qsizetype nul = rest.indexOf('\0');
    if (nul < 0) {
        const QByteArrayView all = rest;
        rest = {};
        return all;
    }
    const QByteArrayView field = rest.first(nul);
    rest = rest.sliced(nul + 1);
    return field;
}

HeaderList parseHeaders(QByteArrayView block)
{
    HeaderList headers;
    if (block.isEmpty())
        return headers;
    const QList<QByteArray> lines = block.toByteArray().split('\n');
    for (const QByteArray &line : lines) {
        if (line.isEmpty())
            continue;
        if (line.startsWith('@') && line.size() >= 2) {
            const auto index = static_cast<unsigned char>(line[1]) % std::size(knownHeaders);
            headers.append({QByteArray(knownHeaders[index]), line.mid(2).trimmed()});
            continue;
        }
        const qsizetype colon = line.indexOf(':');
        if (colon < 0)
            headers.append({line, QByteArray()});
        else
            headers.append({line.left(colon), line.mid(colon + 1).trimmed()});
    }
    return headers;
}

void checkDecoders(const QByteArray &text)
{
    if (const std::optional<QByteArray> bytes = Crypto::fromHex(text)) {
        if (Crypto::toHex(*bytes) != text.toLower())
            fail("toHex(fromHex(x)) != lower(x)");
    }
    if (const std::optional<QByteArray> bytes = Crypto::fromBase64(text)) {
        if (bytes->size() > text.size())
            fail("fromBase64 produced more bytes than characters");
        const std::optional<QByteArray> again = Crypto::fromBase64(Crypto::toBase64(*bytes));
        if (!again || *again != *bytes)
            fail("fromBase64(toBase64(b)) != b");
    }
}

void checkGenericConfig(const QString &text)
{
    QString error;
    const std::optional<GenericHmacConfig> config = GenericHmacConfig::parse(text, &error);
    if (!config) {
        if (error.isEmpty())
            fail("GenericHmacConfig::parse failed without an error message");
        return;
    }
    const QString written = config->toString();
    QString error2;
    const std::optional<GenericHmacConfig> reparsed = GenericHmacConfig::parse(written, &error2);
    if (!reparsed)
        fail("GenericHmacConfig::parse rejects its own toString()");
    if (!(*reparsed == *config))
        fail("GenericHmacConfig::parse(toString()) differs from the original settings");
}

// Reads every part of a result, so lazily built strings are built and sanitizers see them.
qsizetype touch(const Verification &v)
{
    qsizetype n = v.provider.size() + v.reason.size() + v.evidence.header.size() + v.evidence.expected.size()
        + v.evidence.signedContent.size() + v.evidence.url.size();
    for (const QString &d : v.diagnostics)
        n += d.size();
    for (const QString &r : v.evidence.received)
        n += r.size();
    n += verdictName(v.verdict).size() + freshnessName(v.freshness).size();
    return n;
}

bool verbose()
{
    static const bool on = std::getenv("HOOKSCOPE_FUZZ_VERBOSE") != nullptr;
    return on;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    if (size < 2)
        return 0;
    const QList<const Scheme *> &all = schemes();
    const unsigned schemeByte = data[0];
    const unsigned flags = data[1];
    QByteArrayView rest(reinterpret_cast<const char *>(data + 2), qsizetype(size - 2));

    CapturedRequest request;
    request.method = nextField(rest).toByteArray();
    request.target = nextField(rest).toByteArray();
    request.headers = parseHeaders(nextField(rest));
    const QByteArrayView secretsField = nextField(rest);
    const QByteArray publicUrl = nextField(rest).toByteArray();
    const QByteArray nowText = nextField(rest).toByteArray();
    const QString genericText = QString::fromUtf8(nextField(rest));
    request.body = nextField(rest, true).toByteArray();
    if (!(flags & 8) && !Detail::hasHeader(request, "Host"))
        request.headers.prepend({QByteArray("Host"), QByteArray("localhost:7780")});

    QList<QByteArray> secrets;
    if (!secretsField.isEmpty())
        secrets = secretsField.toByteArray().split('\x01');
    qint64 now = nowText.toLongLong();
    if (now < 0)
        now = now == std::numeric_limits<qint64>::min() ? 0 : -now;
    request.receivedUs = now <= std::numeric_limits<qint64>::max() / 1000000 ? now * 1000000 : 0;

    QString schemeName;
    const unsigned choice = schemeByte % unsigned(all.size() + 3);
    if (choice < unsigned(all.size()))
        schemeName = all[qsizetype(choice)]->name();
    else if (choice == unsigned(all.size()))
        schemeName = QStringLiteral("auto");
    else if (choice == unsigned(all.size()) + 2)
        schemeName = QStringLiteral("no-such-provider");

    // The generic-hmac settings parser, on its own and as the settings verification uses.
    checkGenericConfig(genericText);
    QString error;
    const GenericHmacConfig generic = GenericHmacConfig::parse(genericText, &error).value_or(GenericHmacConfig());

    VerifyOptions options;
    options.secrets = secrets;
    options.nowUnix = now;
    options.publicUrl = publicUrl;
    options.generic = generic;
    switch (flags & 3) {
    case 1:
        options.toleranceSeconds = 0;
        break;
    case 2:
        options.toleranceSeconds = 300;
        break;
    case 3:
        options.toleranceSeconds = 5;
        break;
    default:
        break;
    }

    qsizetype sink = 0;
    const Verification chosen = verifyRequest(request, schemeName, options);
    sink += touch(chosen);
    const Verification detected = verifyRequest(request, u"auto", options);
    sink += touch(detected);
    if (verbose())
        std::fprintf(stderr, "scheme=%s verdict=%s freshness=%s auto=%s/%s reason=%s\n", qPrintable(schemeName),
                     qPrintable(verdictName(chosen.verdict)), qPrintable(freshnessName(chosen.freshness)),
                     qPrintable(detected.provider), qPrintable(verdictName(detected.verdict)),
                     qPrintable(chosen.reason));

    // Verification with stored secrets (what the capture store runs on every request).
    SecretEntry entry;
    entry.provider = schemeName;
    entry.pathPrefix = QString::fromUtf8(request.target.left(4));
    entry.secrets = secrets;
    entry.publicUrl = publicUrl;
    entry.generic = generic;
    sink += touch(verifyWithSecrets(request, {entry}));

    // Signing, and verifying what was signed, for the chosen scheme.
    if (const Scheme *scheme = findScheme(schemeName); scheme && scheme->canSign()) {
        SignOptions sign;
        sign.secret = secrets.value(0);
        sign.nowUnix = now;
        sign.publicUrl = publicUrl;
        sign.generic = generic;
        if (flags & 4)
            sign.messageId = request.headerValue("webhook-id");
        const Result<SignedRequest> out = scheme->sign(request, sign);
        if (out) {
            CapturedRequest resigned = request;
            resigned.headers = out.value().headers;
            resigned.body = out.value().body;
            VerifyOptions again = options;
            again.secrets = {sign.secret};
            const Verification v = scheme->verify(resigned, again);
            sink += touch(v);
            if (verbose())
                std::fprintf(stderr, "  signed -> %s (%s)\n", qPrintable(verdictName(v.verdict)),
                             qPrintable(v.reason));
        } else {
            sink += out.error().message.size();
        }
    }

    // The parsers underneath, fed directly: header lists, decoders, URLs.
    for (const HeaderField &field : request.headers) {
        checkDecoders(field.second);
        sink += Detail::splitPairs(field.second, ',').size() + Detail::splitPairs(field.second, ';').size();
        sink += Detail::parseUnixSeconds(field.second).value_or(0) & 1;
    }
    for (const QByteArray &secret : secrets) {
        checkDecoders(secret);
        sink += Detail::secretLooksLike(secret).size();
    }
    sink += Detail::signedUrl(request, publicUrl).size();
    sink += Detail::urlVariants(publicUrl).size();
    sink += Detail::urlVariants(Detail::signedUrl(request, publicUrl)).size();

    const EventInfo info = describeEvent(request);
    sink += info.provider.size() + info.event.size();
    if (verbose())
        std::fprintf(stderr, "  event=%s/%s\n", qPrintable(info.provider), qPrintable(info.event));

    // Keeps the work above from being optimized away.
    static volatile qsizetype keep = 0;
    keep = keep + sink;
    return 0;
}
