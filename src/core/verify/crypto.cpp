#include "crypto.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/x509.h>

#include <memory>

namespace Hookscope::Verify::Crypto
{

namespace
{

const EVP_MD *evpDigest(Digest digest)
{
    switch (digest) {
    case Digest::Sha1:
        return EVP_sha1();
    case Digest::Sha256:
        return EVP_sha256();
    case Digest::Sha512:
        return EVP_sha512();
    }
    return EVP_sha256();
}

struct PkeyDeleter {
    void operator()(EVP_PKEY *key) const { EVP_PKEY_free(key); }
};
struct MdCtxDeleter {
    void operator()(EVP_MD_CTX *ctx) const { EVP_MD_CTX_free(ctx); }
};
using PkeyPtr = std::unique_ptr<EVP_PKEY, PkeyDeleter>;
using MdCtxPtr = std::unique_ptr<EVP_MD_CTX, MdCtxDeleter>;

const unsigned char *bytes(QByteArrayView view)
{
    // OpenSSL wants a non-null pointer even for empty input.
    static const unsigned char empty = 0;
    return view.isEmpty() ? &empty : reinterpret_cast<const unsigned char *>(view.data());
}

int base64Value(char c)
{
    if (c >= 'A' && c <= 'Z')
        return c - 'A';
    if (c >= 'a' && c <= 'z')
        return c - 'a' + 26;
    if (c >= '0' && c <= '9')
        return c - '0' + 52;
    if (c == '+')
        return 62;
    if (c == '/')
        return 63;
    return -1;
}

} // namespace

std::optional<Digest> digestFromName(QByteArrayView name)
{
    const QByteArray lower = name.toByteArray().toLower();
    if (lower == "sha1")
        return Digest::Sha1;
    if (lower == "sha256")
        return Digest::Sha256;
    if (lower == "sha512")
        return Digest::Sha512;
    return std::nullopt;
}

QByteArray hmac(Digest digest, QByteArrayView key, QByteArrayView data)
{
    unsigned char out[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    if (!HMAC(evpDigest(digest), bytes(key), int(key.size()), bytes(data), size_t(data.size()), out, &length))
        return {};
    return QByteArray(reinterpret_cast<const char *>(out), int(length));
}

QByteArray hash(Digest digest, QByteArrayView data)
{
    unsigned char out[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    if (!EVP_Digest(bytes(data), size_t(data.size()), out, &length, evpDigest(digest), nullptr))
        return {};
    return QByteArray(reinterpret_cast<const char *>(out), int(length));
}

bool constantTimeEquals(QByteArrayView a, QByteArrayView b)
{
    if (a.size() != b.size())
        return false;
    return CRYPTO_memcmp(bytes(a), bytes(b), size_t(a.size())) == 0;
}

std::optional<QByteArray> fromHex(QByteArrayView text)
{
    if (text.size() % 2 != 0)
        return std::nullopt;
    QByteArray out;
    out.reserve(text.size() / 2);
    auto digit = [](char c) -> int {
        if (c >= '0' && c <= '9')
            return c - '0';
        if (c >= 'a' && c <= 'f')
            return c - 'a' + 10;
        if (c >= 'A' && c <= 'F')
            return c - 'A' + 10;
        return -1;
    };
    for (qsizetype i = 0; i < text.size(); i += 2) {
        const int high = digit(text[i]);
        const int low = digit(text[i + 1]);
        if (high < 0 || low < 0)
            return std::nullopt;
        out.append(char(high * 16 + low));
    }
    return out;
}

std::optional<QByteArray> fromBase64(QByteArrayView text)
{
    // Padding is optional but, when present, must be complete and at the end.
    qsizetype length = text.size();
    qsizetype padding = 0;
    while (length > 0 && text[length - 1] == '=' && padding < 2) {
        --length;
        ++padding;
    }
    if (padding > 0 && text.size() % 4 != 0)
        return std::nullopt;
    if (length % 4 == 1)
        return std::nullopt;
    QByteArray out;
    out.reserve(length * 3 / 4);
    quint32 accumulator = 0;
    int bits = 0;
    for (qsizetype i = 0; i < length; ++i) {
        const int value = base64Value(text[i]);
        if (value < 0)
            return std::nullopt;
        accumulator = (accumulator << 6) | quint32(value);
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out.append(char((accumulator >> bits) & 0xff));
        }
    }
    return out;
}

QByteArray toHex(QByteArrayView bytesIn)
{
    return bytesIn.toByteArray().toHex();
}

QByteArray toBase64(QByteArrayView bytesIn)
{
    return bytesIn.toByteArray().toBase64();
}

bool ed25519Verify(QByteArrayView publicKey, QByteArrayView message, QByteArrayView signature)
{
    if (publicKey.size() != 32 || signature.size() != 64)
        return false;
    PkeyPtr key(EVP_PKEY_new_raw_public_key(EVP_PKEY_ED25519, nullptr, bytes(publicKey), 32));
    if (!key)
        return false;
    MdCtxPtr ctx(EVP_MD_CTX_new());
    if (!ctx || EVP_DigestVerifyInit(ctx.get(), nullptr, nullptr, nullptr, key.get()) != 1)
        return false;
    return EVP_DigestVerify(ctx.get(), bytes(signature), 64, bytes(message), size_t(message.size())) == 1;
}

std::optional<QByteArray> ed25519Sign(QByteArrayView seed, QByteArrayView message)
{
    if (seed.size() != 32)
        return std::nullopt;
    PkeyPtr key(EVP_PKEY_new_raw_private_key(EVP_PKEY_ED25519, nullptr, bytes(seed), 32));
    if (!key)
        return std::nullopt;
    MdCtxPtr ctx(EVP_MD_CTX_new());
    if (!ctx || EVP_DigestSignInit(ctx.get(), nullptr, nullptr, nullptr, key.get()) != 1)
        return std::nullopt;
    size_t length = 64;
    QByteArray signature(64, '\0');
    if (EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char *>(signature.data()), &length, bytes(message),
                       size_t(message.size()))
        != 1)
        return std::nullopt;
    signature.resize(qsizetype(length));
    return signature;
}

std::optional<QByteArray> ed25519PublicKey(QByteArrayView seed)
{
    if (seed.size() != 32)
        return std::nullopt;
    PkeyPtr key(EVP_PKEY_new_raw_private_key(EVP_PKEY_ED25519, nullptr, bytes(seed), 32));
    if (!key)
        return std::nullopt;
    QByteArray out(32, '\0');
    size_t length = 32;
    if (EVP_PKEY_get_raw_public_key(key.get(), reinterpret_cast<unsigned char *>(out.data()), &length) != 1)
        return std::nullopt;
    out.resize(qsizetype(length));
    return out;
}

std::optional<bool> ecdsaP256Verify(QByteArrayView spkiDer, QByteArrayView message, QByteArrayView derSignature)
{
    const unsigned char *cursor = bytes(spkiDer);
    PkeyPtr key(d2i_PUBKEY(nullptr, &cursor, long(spkiDer.size())));
    if (!key || EVP_PKEY_get_base_id(key.get()) != EVP_PKEY_EC)
        return std::nullopt;
    MdCtxPtr ctx(EVP_MD_CTX_new());
    if (!ctx || EVP_DigestVerifyInit(ctx.get(), nullptr, EVP_sha256(), nullptr, key.get()) != 1)
        return std::nullopt;
    return EVP_DigestVerify(ctx.get(), bytes(derSignature), size_t(derSignature.size()), bytes(message),
                            size_t(message.size()))
        == 1;
}

} // namespace Hookscope::Verify::Crypto
