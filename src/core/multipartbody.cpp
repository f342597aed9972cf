#include "multipartbody.h"
#include "textformat.h"

#include <QCoreApplication>

#include <algorithm>
#include <utility>

namespace Hookscope
{

namespace
{

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Hookscope::MultipartBody)
};

bool isSpace(char c)
{
    return c == ' ' || c == '\t';
}

// RFC 9110 tchar: what a header name may consist of.
bool isTokenChar(char c)
{
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
        return true;
    return QByteArrayView("!#$%&'*+-.^_`|~").contains(c);
}

// A header value of the form "value; name=token; name2=\"quoted\"". Parameter names are lowercased.
struct ParameterizedValue {
    QByteArrayView value;
    QList<std::pair<QByteArray, QByteArray>> parameters;

    QByteArray parameter(QByteArrayView name, bool *found = nullptr) const
    {
        for (const auto &[parameterName, parameterValue] : parameters) {
            if (parameterName == name) {
                if (found)
                    *found = true;
                return parameterValue;
            }
        }
        if (found)
            *found = false;
        return {};
    }
};

ParameterizedValue parseParameterizedValue(QByteArrayView header)
{
    ParameterizedValue result;
    qsizetype position = header.indexOf(';');
    if (position < 0)
        position = header.size();
    result.value = header.first(position).trimmed();
    while (position < header.size()) {
        while (position < header.size() && (header[position] == ';' || isSpace(header[position])))
            ++position;
        const qsizetype nameStart = position;
        while (position < header.size() && header[position] != '=' && header[position] != ';')
            ++position;
        const QByteArray name = header.sliced(nameStart, position - nameStart).trimmed().toByteArray().toLower();
        QByteArray value;
        if (position < header.size() && header[position] == '=') {
            ++position;
            while (position < header.size() && isSpace(header[position]))
                ++position;
            if (position < header.size() && header[position] == '"') {
                // Only \" and \\ are unescaped: browsers do not escape backslashes, and old IE sends whole Windows
                // paths (filename="C:\Users\me\a.txt") that a full unescape would mangle.
                ++position;
                while (position < header.size() && header[position] != '"') {
                    const char c = header[position];
                    if (c == '\\' && position + 1 < header.size() &&
                        (header[position + 1] == '"' || header[position + 1] == '\\')) {
                        value += header[position + 1];
                        position += 2;
                    } else {
                        value += c;
                        ++position;
                    }
                }
                while (position < header.size() && header[position] != ';')
                    ++position;
            } else {
                const qsizetype valueStart = position;
                while (position < header.size() && header[position] != ';')
                    ++position;
                value = header.sliced(valueStart, position - valueStart).trimmed().toByteArray();
            }
        }
        if (!name.isEmpty())
            result.parameters.append({name, value});
    }
    return result;
}

// RFC 5987 ext-value: charset'language'percent-encoded. Only the charsets RFC 8187 requires are read.
bool decodeExtendedValue(QByteArrayView extended, QString *text)
{
    const qsizetype firstQuote = extended.indexOf('\'');
    const qsizetype secondQuote = firstQuote < 0 ? -1 : extended.indexOf('\'', firstQuote + 1);
    if (secondQuote < 0)
        return false;
    const QByteArrayView charset = extended.first(firstQuote);
    const QByteArrayView encoded = extended.sliced(secondQuote + 1);
    QByteArray bytes;
    bytes.reserve(encoded.size());
    for (qsizetype i = 0; i < encoded.size(); ++i) {
        if (encoded[i] == '%' && i + 2 < encoded.size() && TextFormat::hexDigitValue(encoded[i + 1]) >= 0 &&
            TextFormat::hexDigitValue(encoded[i + 2]) >= 0) {
            bytes += char(TextFormat::hexDigitValue(encoded[i + 1]) * 16 + TextFormat::hexDigitValue(encoded[i + 2]));
            i += 2;
        } else {
            bytes += encoded[i];
        }
    }
    if (charset.compare("utf-8", Qt::CaseInsensitive) == 0) {
        *text = QString::fromUtf8(bytes);
        return true;
    }
    if (charset.compare("iso-8859-1", Qt::CaseInsensitive) == 0) {
        *text = QString::fromLatin1(bytes);
        return true;
    }
    return false;
}

// Where a delimiter line "--boundary" was found.
struct Delimiter {
    qsizetype partEnd = 0;   // where the preceding part's content ends: before the CRLF (or LF) introducing the line
    qsizetype next = 0;      // the first byte after the delimiter line
    bool close = false;      // "--boundary--"
    bool endOfInput = false; // the input ends right after "--boundary"
};

// Finds the next delimiter at or after from: "--boundary" at the start of the input or of a line, followed by "--",
// by optional transport padding and a line break, or by the end of the input. Anything else is content that only
// happens to start like the boundary.
bool findDelimiter(QByteArrayView body, QByteArrayView dashBoundary, qsizetype from, Delimiter *delimiter)
{
    qsizetype searchFrom = from;
    for (;;) {
        const qsizetype found = body.indexOf(dashBoundary, searchFrom);
        if (found < 0)
            return false;
        searchFrom = found + 1;
        if (found != 0 && body[found - 1] != '\n')
            continue;
        const qsizetype after = found + dashBoundary.size();
        Delimiter candidate;
        if (body.sliced(after).startsWith("--")) {
            candidate.close = true;
            candidate.next = after + 2;
        } else {
            qsizetype position = after;
            while (position < body.size() && isSpace(body[position]))
                ++position;
            const QByteArrayView rest = body.sliced(position);
            if (rest.isEmpty() || rest == "\r") {
                candidate.endOfInput = true;
                candidate.next = body.size();
            } else if (rest.startsWith("\r\n")) {
                candidate.next = position + 2;
            } else if (rest.startsWith('\n')) {
                candidate.next = position + 1;
            } else {
                continue;
            }
        }
        candidate.partEnd = found;
        if (found > 0) {
            candidate.partEnd = found - 1;
            if (candidate.partEnd > 0 && body[candidate.partEnd - 1] == '\r')
                --candidate.partEnd;
        }
        *delimiter = candidate;
        return true;
    }
}

// Splits one part into its header block and body. Lines may end in CRLF or LF. A line that is not a header
// ("token: value" or a folded continuation) ends the header block without a blank line, and the body starts there:
// a sender that forgot the blank line loses no bytes in the inspector.
MultipartPart parsePart(QByteArrayView content)
{
    MultipartPart part;
    qsizetype position = 0;
    qsizetype bodyStart = content.size();
    while (position < content.size()) {
        const qsizetype newline = content.indexOf('\n', position);
        const qsizetype next = newline < 0 ? content.size() : newline + 1;
        QByteArrayView line = content.sliced(position, (newline < 0 ? content.size() : newline) - position);
        if (line.endsWith('\r'))
            line.chop(1);
        if (line.isEmpty()) {
            bodyStart = next;
            break;
        }
        if (isSpace(line[0]) && !part.headers.isEmpty()) {
            part.headers.last().second += ' ' + line.trimmed().toByteArray();
            position = next;
            continue;
        }
        const qsizetype colon = line.indexOf(':');
        // Whitespace before the colon is not allowed (RFC 9112) but harmless to accept.
        const QByteArrayView name = colon > 0 ? line.first(colon).trimmed() : QByteArrayView();
        if (name.isEmpty() || !std::all_of(name.begin(), name.end(), isTokenChar)) {
            bodyStart = position;
            break;
        }
        part.headers.append({name.toByteArray(), line.sliced(colon + 1).trimmed().toByteArray()});
        position = next;
    }
    part.body = content.sliced(bodyStart).toByteArray();

    part.contentType = part.headerValue("Content-Type");
    const QByteArray disposition = part.headerValue("Content-Disposition");
    if (!disposition.isEmpty()) {
        const ParameterizedValue parsed = parseParameterizedValue(disposition);
        part.name = parsed.parameter("name");
        bool hasPlain = false;
        bool hasExtended = false;
        const QByteArray plain = parsed.parameter("filename", &hasPlain);
        const QByteArray extended = parsed.parameter("filename*", &hasExtended);
        if (hasExtended && decodeExtendedValue(extended, &part.fileName))
            part.hasFileName = true;
        else if (hasPlain) {
            part.fileName = QString::fromUtf8(plain);
            part.hasFileName = true;
        }
    }
    return part;
}

} // namespace

QByteArray MultipartPart::headerValue(QByteArrayView headerName) const
{
    return Hookscope::headerValue(headers, headerName);
}

QByteArray multipartBoundary(QByteArrayView contentType)
{
    return parseParameterizedValue(contentType).parameter("boundary");
}

Result<MultipartBody> parseMultipart(QByteArrayView contentType, QByteArrayView body)
{
    const ParameterizedValue type = parseParameterizedValue(contentType);
    const QByteArrayView multipartPrefix("multipart/");
    if (type.value.size() <= multipartPrefix.size() ||
        type.value.first(multipartPrefix.size()).compare(multipartPrefix, Qt::CaseInsensitive) != 0) {
        return makeError(ErrorCode::InvalidArgument,
                         Tr::tr("\"%1\" is not a multipart content type").arg(QString::fromUtf8(type.value)));
    }
    MultipartBody result;
    result.boundary = type.parameter("boundary");
    if (result.boundary.isEmpty())
        return makeError(ErrorCode::InvalidArgument, Tr::tr("The Content-Type has no boundary parameter"));
    const QByteArray dashBoundary = "--" + result.boundary;

    Delimiter delimiter;
    if (!findDelimiter(body, dashBoundary, 0, &delimiter)) {
        return makeError(ErrorCode::Parse,
                         Tr::tr("The body does not contain the boundary \"%1\"").arg(QString::fromUtf8(result.boundary)));
    }
    for (;;) {
        if (delimiter.close) {
            result.complete = true;
            break;
        }
        if (delimiter.endOfInput) {
            result.problem = Tr::tr("The body ends after a boundary, without the closing \"--%1--\"")
                                 .arg(QString::fromUtf8(result.boundary));
            break;
        }
        const qsizetype partStart = delimiter.next;
        Delimiter following;
        if (!findDelimiter(body, dashBoundary, partStart, &following)) {
            if (partStart < body.size()) {
                MultipartPart part = parsePart(body.sliced(partStart));
                part.truncated = true;
                result.parts.append(std::move(part));
            }
            result.problem = Tr::tr("The body ends inside a part, without the closing \"--%1--\": it may be truncated")
                                 .arg(QString::fromUtf8(result.boundary));
            break;
        }
        const qsizetype partEnd = std::max(following.partEnd, partStart);
        result.parts.append(parsePart(body.sliced(partStart, partEnd - partStart)));
        delimiter = following;
    }
    return result;
}

} // namespace Hookscope
