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

// Validates JSON (RFC 8259) with simdjson and locates its first error. simdjson itself reports no positions, so:
// - validity is simdjson's DOM parser's verdict, except that numbers outside its range (integers beyond 64 bits,
//   1e400) are valid JSON and accepted;
// - the offset comes from a walk with simdjson's On Demand iterator, which stops on the offending value or structural
//   character; for numbers and misspelt literals it is the first byte that breaks the grammar ("01" -> the 1,
//   "nulx" -> the x), for bad escapes the backslash, and for text that ends with objects or arrays open, the end;
// - errors simdjson's first stage finds for the whole text at once (invalid UTF-8, an unclosed string, a control
//   character in a string, nesting deeper than 1024) are located by a scan that pairs quotes as simdjson does, and the
//   text before them is checked for an earlier error (a bad escape that shifted the quote pairing, say).
// Against Python's json module on 36,500 mutated documents: same validity always, same offset for 80%, within two
// bytes for 95% (the rest differ by convention, e.g. Python points at a string's quote for a bad \u escape).
JsonCheck checkJson(QByteArrayView json);

} // namespace Hookscope
