#pragma once

#include <QByteArray>
#include <QByteArrayView>

#include <optional>

// The cryptography signature schemes need, all through OpenSSL 3. Byte in, byte out; no text conversions.
namespace Hookscope::Verify::Crypto
{

enum class Digest { Sha1, Sha256, Sha512 };

std::optional<Digest> digestFromName(QByteArrayView name); // "sha1", "sha256", "sha512" (case-insensitive)
QByteArray hmac(Digest digest, QByteArrayView key, QByteArrayView data);
QByteArray hash(Digest digest, QByteArrayView data);

// Compares in time that depends only on the lengths.
bool constantTimeEquals(QByteArrayView a, QByteArrayView b);

// Strict decoders: nullopt on any character outside the alphabet (whitespace included) or a bad length.
std::optional<QByteArray> fromHex(QByteArrayView text);
std::optional<QByteArray> fromBase64(QByteArrayView text); // standard alphabet, padding optional
QByteArray toHex(QByteArrayView bytes);                   // lowercase
QByteArray toBase64(QByteArrayView bytes);                // standard alphabet with padding

// Ed25519 (RFC 8032). Keys are the raw 32-byte forms.
bool ed25519Verify(QByteArrayView publicKey, QByteArrayView message, QByteArrayView signature);
std::optional<QByteArray> ed25519Sign(QByteArrayView seed, QByteArrayView message);
std::optional<QByteArray> ed25519PublicKey(QByteArrayView seed);

// ECDSA P-256 with SHA-256. The public key is a DER SubjectPublicKeyInfo; the signature DER-encoded.
// nullopt when the key cannot be read; otherwise whether the signature verifies.
std::optional<bool> ecdsaP256Verify(QByteArrayView spkiDer, QByteArrayView message, QByteArrayView derSignature);

} // namespace Hookscope::Verify::Crypto
