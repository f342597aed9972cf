#pragma once

#include <QByteArray>
#include <QByteArrayView>

namespace Hookscope::TextFormat {

// Re-indents JSON text without parsing it into values: key order, number text (12345678901234567890, 1.50) and
// string escapes stay exactly as sent. Input that is not JSON comes back re-indented as far as it goes; check
// validity separately.
QByteArray indentJson(QByteArrayView json, int indent = 2);

// Classic hex dump: offset, 16 bytes in hex, printable ASCII. At most maxBytes are shown, with a final note when cut.
QByteArray hexDump(QByteArrayView bytes, qsizetype maxBytes = 1024 * 1024);

// Bytes for a text view: printable text and line breaks as they are, other control bytes and invalid UTF-8 as
// \xNN escapes (so nothing is hidden or silently replaced).
QByteArray escapedText(QByteArrayView bytes);

// Length of the valid UTF-8 sequence starting at data (1-4), or 0 when none starts there: overlong forms,
// surrogates and code points above U+10FFFF are invalid, as in simdjson.
qsizetype utf8SequenceLength(const char *data, qsizetype available);

// The value of a JSON \uXXXX escape starting at position (the backslash), or -1 when there is none.
int unicodeEscape(QByteArrayView text, qsizetype position);

// 0-15 for a hex digit, -1 for anything else.
int hexDigitValue(char c);

} // namespace Hookscope::TextFormat
