#include "textformat.h"

#include <QStringBuilder>

namespace Hookscope::TextFormat {

QByteArray indentJson(QByteArrayView json, int indent)
{
    QByteArray out;
    out.reserve(json.size() + json.size() / 4);
    int depth = 0;
    bool inString = false;
    bool escaped = false;
    auto newline = [&] {
        out += '\n';
        out.append(qsizetype(depth) * indent, ' ');
    };
    for (qsizetype i = 0; i < json.size(); ++i) {
        const char c = json[i];
        if (inString) {
            out += c;
            if (escaped)
                escaped = false;
            else if (c == '\\')
                escaped = true;
            else if (c == '"')
                inString = false;
            continue;
        }
        switch (c) {
        case '"':
            inString = true;
            out += c;
            break;
        case '{':
        case '[': {
            // Empty containers stay on one line: {} and [].
            qsizetype next = i + 1;
            while (next < json.size() && (json[next] == ' ' || json[next] == '\t' || json[next] == '\r' ||
                                          json[next] == '\n'))
                ++next;
            if (next < json.size() && (json[next] == '}' || json[next] == ']')) {
                out += c;
                out += json[next];
                i = next;
                break;
            }
            out += c;
            ++depth;
            newline();
            break;
        }
        case '}':
        case ']':
            depth = depth > 0 ? depth - 1 : 0;
            newline();
            out += c;
            break;
        case ',':
            out += c;
            newline();
            break;
        case ':':
            out += ": ";
            break;
        case ' ':
        case '\t':
        case '\r':
        case '\n':
            break; // insignificant whitespace outside strings
        default:
            out += c;
        }
    }
    return out;
}

QByteArray hexDump(QByteArrayView bytes, qsizetype maxBytes)
{
    static const char digits[] = "0123456789abcdef";
    const qsizetype shown = qMin(bytes.size(), maxBytes);
    QByteArray out;
    out.reserve((shown / 16 + 1) * 78);
    for (qsizetype row = 0; row < shown; row += 16) {
        const QByteArray offset = QByteArray::number(row, 16).rightJustified(8, '0');
        out += offset;
        out += "  ";
        for (qsizetype i = 0; i < 16; ++i) {
            if (row + i < shown) {
                const auto byte = uchar(bytes[row + i]);
                out += digits[byte >> 4];
                out += digits[byte & 15];
                out += ' ';
            } else {
                out += "   ";
            }
            if (i == 7)
                out += ' ';
        }
        out += " |";
        for (qsizetype i = 0; i < 16 && row + i < shown; ++i) {
            const auto byte = uchar(bytes[row + i]);
            out += (byte >= 0x20 && byte < 0x7f) ? char(byte) : '.';
        }
        out += "|\n";
    }
    if (shown < bytes.size())
        out += QByteArrayLiteral("... ") + QByteArray::number(bytes.size() - shown) + " more bytes not shown\n";
    return out;
}

QByteArray escapedText(QByteArrayView bytes)
{
    static const char digits[] = "0123456789abcdef";
    QByteArray out;
    out.reserve(bytes.size());
    qsizetype i = 0;
    while (i < bytes.size()) {
        const auto byte = uchar(bytes[i]);
        if (byte == '\n' || byte == '\t' || (byte >= 0x20 && byte < 0x7f)) {
            out += char(byte);
            ++i;
            continue;
        }
        if (byte == '\r' && i + 1 < bytes.size() && bytes[i + 1] == '\n') {
            out += '\n'; // CRLF shows as one line break; the raw view keeps the bytes
            i += 2;
            continue;
        }
        // A complete, valid UTF-8 sequence is kept as text.
        if (const qsizetype length = utf8SequenceLength(bytes.data() + i, bytes.size() - i); length > 1) {
            out.append(bytes.data() + i, length);
            i += length;
            continue;
        }
        out += "\\x";
        out += digits[byte >> 4];
        out += digits[byte & 15];
        ++i;
    }
    return out;
}

qsizetype utf8SequenceLength(const char *data, qsizetype available)
{
    if (available <= 0)
        return 0;
    const auto lead = uchar(data[0]);
    if (lead < 0x80)
        return 1;
    qsizetype length = 0;
    char32_t codePoint = 0;
    char32_t minimum = 0;
    if ((lead & 0xE0) == 0xC0) {
        length = 2;
        codePoint = lead & 0x1F;
        minimum = 0x80;
    } else if ((lead & 0xF0) == 0xE0) {
        length = 3;
        codePoint = lead & 0x0F;
        minimum = 0x800;
    } else if ((lead & 0xF8) == 0xF0) {
        length = 4;
        codePoint = lead & 0x07;
        minimum = 0x10000;
    } else {
        return 0;
    }
    if (length > available)
        return 0;
    for (qsizetype k = 1; k < length; ++k) {
        const auto continuation = uchar(data[k]);
        if ((continuation & 0xC0) != 0x80)
            return 0;
        codePoint = (codePoint << 6) | (continuation & 0x3F);
    }
    if (codePoint < minimum || codePoint > 0x10FFFF || (codePoint >= 0xD800 && codePoint <= 0xDFFF))
        return 0;
    return length;
}

int unicodeEscape(QByteArrayView text, qsizetype position)
{
    if (position + 6 > text.size() || text[position] != '\\' || text[position + 1] != 'u')
        return -1;
    int value = 0;
    for (qsizetype k = position + 2; k < position + 6; ++k) {
        const int digit = hexDigitValue(text[k]);
        if (digit < 0)
            return -1;
        value = value * 16 + digit;
    }
    return value;
}

int hexDigitValue(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

} // namespace Hookscope::TextFormat
