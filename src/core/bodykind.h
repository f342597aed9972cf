#pragma once

#include <QByteArrayView>
#include <QString>

namespace Hookscope
{

// How the inspector should show a (decoded) body.
enum class BodyKind { Empty, Json, Xml, Form, Multipart, Image, Text, Binary };

// Decides from the Content-Type first, then from the bytes.
// - Content types: application/json, text/json and */*+json are Json; text/xml, application/xml and */*+xml (SVG
//   included) are Xml; application/x-www-form-urlencoded is Form; multipart/* is Multipart; image/* is Image;
//   text/plain is Json when the body is valid JSON (AWS SNS and others send JSON as text/plain) and Text otherwise;
//   any other text/* is Text. A declared type wins even when the body does not match it: the viewer then shows
//   why (checkJson) instead of hiding the mismatch.
// - Anything else (no type, application/octet-stream, unknown types) is sniffed: PNG, JPEG, GIF and WebP
//   signatures are Image; '{' or '[' after optional whitespace (and a UTF-8 BOM) is Json when it parses; "<?xml", or
//   '<' followed by a tag, is Xml, except HTML documents which are Text; valid UTF-8 without control characters
//   other than tab, line breaks, form feed and escape is Text; the rest is Binary.
BodyKind detectBodyKind(QByteArrayView contentType, QByteArrayView body);

// The outcome of validating a JSON text (RFC 8259) with simdjson.
struct JsonCheck {
    bool valid = false;
    qsizetype errorOffset = -1; // byte offset of the first error; -1 when valid, size() when the input ends too early
    QString message;            // translated description of the error; empty when valid
};

// Validates JSON and locates its first error. simdjson reports no positions itself, so the offset comes from
// simdjson's On Demand iterator at the point of failure (the start of the offending value or structural character),
// refined where simdjson only reports a kind: invalid UTF-8 (first bad sequence), unclosed strings (their opening
// quote), unescaped control characters and bad escapes (the character itself), and input that ends with open objects
// or arrays (the end of the input). Numbers outside simdjson's range (integers beyond 64 bits, 1e400) are valid JSON
// and accepted.
JsonCheck checkJson(QByteArrayView json);

} // namespace Hookscope
