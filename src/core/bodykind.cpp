#include "bodykind.h"
#include "textformat.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QScopeGuard>

#include <simdjson.h>

#include <algorithm>

namespace Hookscope
{

namespace
{

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Hookscope::BodyKind)
};

bool isJsonWhitespace(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

QByteArrayView skipJsonWhitespace(QByteArrayView data)
{
    qsizetype start = 0;
    while (start < data.size() && isJsonWhitespace(data[start]))
        ++start;
    return data.sliced(start);
}

QByteArrayView trimJsonWhitespace(QByteArrayView data)
{
    data = skipJsonWhitespace(data);
    while (!data.isEmpty() && isJsonWhitespace(data.back()))
        data.chop(1);
    return data;
}

constexpr QByteArrayView utf8Bom("\xEF\xBB\xBF");

// Offset of the first byte that does not start a valid UTF-8 sequence (overlongs, surrogates and code points above
// U+10FFFF are invalid, as in simdjson), or -1.
qsizetype firstInvalidUtf8(QByteArrayView data)
{
    for (qsizetype i = 0; i < data.size();) {
        const qsizetype length = TextFormat::utf8SequenceLength(data.data() + i, data.size() - i);
        if (length == 0)
            return i;
        i += length;
    }
    return -1;
}

// What a plain scan of string literals finds: the quote of a string that never closes, and the first control
// character inside a string. The quote pairing is the one simdjson's first stage uses (a backslash escapes the next
// byte, inside strings or not).
struct StringScan {
    qsizetype unclosedQuote = -1;
    qsizetype firstControl = -1;
    qsizetype openContainers = 0; // '{' and '[' outside strings minus '}' and ']'
    qsizetype tooDeep = -1;       // the first '{' or '[' nested deeper than simdjson allows
};

constexpr qsizetype maxJsonDepth = qsizetype(simdjson::DEFAULT_MAX_DEPTH);

StringScan scanStrings(QByteArrayView json)
{
    StringScan scan;
    bool inString = false;
    qsizetype stringStart = 0;
    const auto noteControl = [&scan](qsizetype i, char c) {
        if (uchar(c) < 0x20 && scan.firstControl < 0)
            scan.firstControl = i;
    };
    for (qsizetype i = 0; i < json.size(); ++i) {
        const char c = json[i];
        if (c == '\\') {
            // Escapes count everywhere, as in simdjson: outside a string, \" does not open one. An escaped control
            // character is still a raw control character.
            if (inString && i + 1 < json.size())
                noteControl(i + 1, json[i + 1]);
            ++i;
        } else if (!inString) {
            if (c == '"') {
                inString = true;
                stringStart = i;
            } else if (c == '{' || c == '[') {
                if (++scan.openContainers > maxJsonDepth && scan.tooDeep < 0)
                    scan.tooDeep = i;
            } else if (c == '}' || c == ']') {
                --scan.openContainers;
            }
        } else if (c == '"') {
            inString = false;
        } else {
            noteControl(i, c);
        }
    }
    if (inString)
        scan.unclosedQuote = stringStart;
    return scan;
}

// The first invalid escape in the string literal starting at quote (simdjson: a \u high surrogate must be followed
// by a \u low surrogate), or the quote itself when none is found.
qsizetype badEscapeOffset(QByteArrayView json, qsizetype quote)
{
    for (qsizetype i = quote + 1; i < json.size(); ++i) {
        const char c = json[i];
        if (c == '"')
            break;
        if (c != '\\')
            continue;
        if (i + 1 >= json.size())
            return i;
        const char escaped = json[i + 1];
        if (QByteArrayView("\"\\/bfnrt").contains(escaped)) {
            ++i;
            continue;
        }
        const int unit = TextFormat::unicodeEscape(json, i);
        if (unit < 0)
            return i;
        if (unit >= 0xD800 && unit <= 0xDBFF) {
            const int low = TextFormat::unicodeEscape(json, i + 6);
            if (low < 0xDC00 || low > 0xDFFF)
                return i;
            i += 11;
            continue;
        }
        i += 5;
    }
    return quote;
}

// RFC 8259 number grammar: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
// Gives -1 for a valid number, else the index of the first byte that breaks the grammar (size() when it ends early).
qsizetype jsonNumberError(QByteArrayView token)
{
    qsizetype i = 0;
    const auto digits = [&] {
        const qsizetype start = i;
        while (i < token.size() && token[i] >= '0' && token[i] <= '9')
            ++i;
        return i > start;
    };
    if (i < token.size() && token[i] == '-')
        ++i;
    if (i < token.size() && token[i] == '0')
        ++i;
    else if (!digits())
        return i;
    if (i < token.size() && token[i] == '.') {
        ++i;
        if (!digits())
            return i;
    }
    if (i < token.size() && (token[i] == 'e' || token[i] == 'E')) {
        ++i;
        if (i < token.size() && (token[i] == '+' || token[i] == '-'))
            ++i;
        if (!digits())
            return i;
    }
    return i == token.size() ? -1 : i;
}

// How many bytes of a (misspelt) literal token match the literal.
qsizetype literalMismatch(std::string_view token, QByteArrayView literal)
{
    qsizetype matching = 0;
    while (matching < qsizetype(token.size()) && matching < literal.size() && token[matching] == literal[matching])
        ++matching;
    return matching;
}

// Walks a whole document with simdjson On Demand (which parses lazily, so every value must be visited) and
// remembers where the first failure happened.
class JsonWalker
{
public:
    explicit JsonWalker(const simdjson::padded_string &input) : m_base(input.data()) {}

    simdjson::error_code walk(simdjson::ondemand::value value)
    {
        // On Demand checks no depth of its own; the recursion must stay bounded whatever the input.
        if (m_depth >= maxJsonDepth)
            return simdjson::DEPTH_ERROR;
        ++m_depth;
        const auto leave = qScopeGuard([this] { --m_depth; });
        simdjson::ondemand::json_type type;
        if (const auto error = value.type().get(type))
            return error;
        switch (type) {
        case simdjson::ondemand::json_type::object: {
            simdjson::ondemand::object object;
            if (const auto error = value.get_object().get(object))
                return error;
            // Only the error-code API: simdjson is built with exceptions, and its result types throw when a failed
            // result is used as a value.
            for (auto fieldResult : object) {
                simdjson::ondemand::field field;
                if (const auto error = std::move(fieldResult).get(field))
                    return error;
                // raw() points just past the key's opening quote.
                const char *keyStart = field.key().raw() - 1;
                std::string_view key;
                if (const auto error = field.unescaped_key().get(key)) {
                    m_scalarStart = qsizetype(keyStart - m_base);
                    return error;
                }
                if (const auto error = walk(field.value()))
                    return error;
            }
            return simdjson::SUCCESS;
        }
        case simdjson::ondemand::json_type::array: {
            simdjson::ondemand::array array;
            if (const auto error = value.get_array().get(array))
                return error;
            for (auto element : array) {
                simdjson::ondemand::value child;
                if (const auto error = element.get(child))
                    return error;
                if (const auto error = walk(child))
                    return error;
            }
            return simdjson::SUCCESS;
        }
        default:
            return walkScalar(type, value, value.raw_json_token());
        }
    }

    // Scalars are checked where they start, before simdjson moves past them.
    template<typename Value>
    simdjson::error_code walkScalar(simdjson::ondemand::json_type type, Value &value, std::string_view token)
    {
        const qsizetype start = qsizetype(token.data() - m_base);
        simdjson::error_code error = simdjson::SUCCESS;
        switch (type) {
        case simdjson::ondemand::json_type::string: {
            std::string_view text;
            error = value.get_string().get(text);
            break;
        }
        case simdjson::ondemand::json_type::number: {
            // Checked by grammar, not by simdjson's conversion, which refuses integers beyond 64 bits and doubles
            // beyond the double range although they are valid JSON.
            const qsizetype bad =
                jsonNumberError(trimJsonWhitespace(QByteArrayView(token.data(), qsizetype(token.size()))));
            if (bad >= 0) {
                m_scalarStart = start + bad;
                return simdjson::NUMBER_ERROR;
            }
            break;
        }
        case simdjson::ondemand::json_type::boolean: {
            // On Demand calls a misspelt literal a type error; name it as the DOM parser does, and point at the
            // first byte that differs from the literal ("nulx", "tru}").
            bool flag = false;
            if (value.get_bool().get(flag)) {
                const bool isTrue = token.starts_with('t');
                m_scalarStart = start + literalMismatch(token, isTrue ? "true" : "false");
                return isTrue ? simdjson::T_ATOM_ERROR : simdjson::F_ATOM_ERROR;
            }
            break;
        }
        case simdjson::ondemand::json_type::null: {
            bool isNull = false;
            if (value.is_null().get(isNull) || !isNull) {
                m_scalarStart = start + literalMismatch(token, "null");
                return simdjson::N_ATOM_ERROR;
            }
            break;
        }
        default:
            break;
        }
        if (error)
            m_scalarStart = start;
        return error;
    }

    qsizetype scalarStart() const { return m_scalarStart; }

private:
    const char *m_base;
    qsizetype m_scalarStart = -1;
    qsizetype m_depth = 0;
};

QString messageFor(simdjson::error_code error)
{
    switch (error) {
    case simdjson::TAPE_ERROR:
    case simdjson::INCORRECT_TYPE:
        return Tr::tr("unexpected character: a value, comma, colon or bracket is missing or out of place");
    case simdjson::TRAILING_CONTENT:
        return Tr::tr("unexpected content after the end of the JSON value");
    case simdjson::STRING_ERROR:
        return Tr::tr("invalid escape sequence in a string");
    case simdjson::UNCLOSED_STRING:
        return Tr::tr("a string is never closed");
    case simdjson::UNESCAPED_CHARS:
        return Tr::tr("a control character inside a string must be escaped");
    case simdjson::UTF8_ERROR:
        return Tr::tr("invalid UTF-8");
    case simdjson::NUMBER_ERROR:
        return Tr::tr("invalid number");
    case simdjson::T_ATOM_ERROR:
    case simdjson::F_ATOM_ERROR:
    case simdjson::N_ATOM_ERROR:
        return Tr::tr("invalid literal: expected true, false or null");
    case simdjson::EMPTY:
        return Tr::tr("no JSON value: the text is empty or only whitespace");
    case simdjson::DEPTH_ERROR:
        return Tr::tr("nested deeper than %1 objects and arrays").arg(maxJsonDepth);
    case simdjson::CAPACITY:
        return Tr::tr("the document is too large to check");
    default:
        return QString::fromUtf8(simdjson::error_message(error));
    }
}

JsonCheck failure(qsizetype offset, const QString &message)
{
    return JsonCheck{false, offset, message};
}

// Runs the On Demand walk over a document simdjson's DOM parser rejected. Gives the first error and its offset, or
// SUCCESS when the only complaint was a number out of simdjson's range.
std::pair<simdjson::error_code, qsizetype> walkDocument(const simdjson::padded_string &padded)
{
    simdjson::ondemand::parser parser;
    simdjson::ondemand::document document;
    if (const auto error = parser.iterate(padded).get(document))
        return {error, -1};
    JsonWalker walker(padded);
    simdjson::ondemand::json_type type;
    simdjson::error_code error = document.type().get(type);
    if (!error) {
        if (type == simdjson::ondemand::json_type::object || type == simdjson::ondemand::json_type::array) {
            simdjson::ondemand::value root;
            error = document.get_value().get(root);
            if (!error)
                error = walker.walk(root);
        } else if (type == simdjson::ondemand::json_type::number) {
            // Checked by grammar like numbers inside containers; then only whitespace may follow.
            std::string_view token;
            if (const auto tokenError = document.raw_json_token().get(token))
                return {tokenError, -1};
            const QByteArrayView whole(padded.data(), qsizetype(padded.size()));
            const QByteArrayView number = trimJsonWhitespace(QByteArrayView(token.data(), qsizetype(token.size())));
            const qsizetype start = qsizetype(token.data() - padded.data());
            if (const qsizetype bad = jsonNumberError(number); bad >= 0)
                return {simdjson::NUMBER_ERROR, start + bad};
            const QByteArrayView rest = skipJsonWhitespace(whole.sliced(start + number.size()));
            if (!rest.isEmpty())
                return {simdjson::TRAILING_CONTENT, qsizetype(rest.data() - padded.data())};
            return {simdjson::SUCCESS, -1};
        } else {
            std::string_view token;
            error = document.raw_json_token().get(token);
            if (!error)
                error = walker.walkScalar(type, document, token);
        }
    }
    if (walker.scalarStart() >= 0)
        return {error, walker.scalarStart()};
    const char *location = nullptr;
    const bool located = !document.current_location().get(location);
    if (!error) {
        // Everything parsed: anything left is trailing content.
        if (located)
            return {simdjson::TRAILING_CONTENT, qsizetype(location - padded.data())};
        return {simdjson::SUCCESS, -1};
    }
    return {error, located ? qsizetype(location - padded.data()) : -1};
}

bool isImage(QByteArrayView body)
{
    return body.startsWith("\x89PNG\r\n\x1a\n") || body.startsWith("\xFF\xD8\xFF") || body.startsWith("GIF87a") ||
           body.startsWith("GIF89a") || (body.size() >= 12 && body.startsWith("RIFF") && body.sliced(8, 4) == "WEBP");
}

bool isText(QByteArrayView body)
{
    for (const char c : body) {
        const uchar byte = uchar(c);
        // Tab, LF, VT, FF, CR and ESC (terminal colours in logs) are fine in text; other C0 controls mean binary.
        if (byte < 0x20 && !(byte >= 0x09 && byte <= 0x0D) && byte != 0x1B)
            return false;
    }
    return simdjson::validate_utf8(body.data(), size_t(body.size()));
}

bool parsesAsJson(QByteArrayView body)
{
    const QByteArrayView text = skipJsonWhitespace(body.startsWith(utf8Bom) ? body.sliced(utf8Bom.size()) : body);
    if (!text.startsWith('{') && !text.startsWith('['))
        return false;
    const simdjson::padded_string padded(text.data(), size_t(text.size()));
    simdjson::dom::parser parser;
    simdjson::dom::element root;
    const simdjson::error_code error = parser.parse(padded).get(root);
    // simdjson refuses numbers beyond its range although they are valid JSON; checkJson accepts them.
    return !error || (error == simdjson::NUMBER_ERROR && checkJson(text).valid);
}

bool startsWithCaseInsensitive(QByteArrayView text, QByteArrayView prefix)
{
    return text.size() >= prefix.size() && text.first(prefix.size()).compare(prefix, Qt::CaseInsensitive) == 0;
}

BodyKind sniff(QByteArrayView body)
{
    if (isImage(body))
        return BodyKind::Image;
    if (parsesAsJson(body))
        return BodyKind::Json;
    if (!isText(body))
        return BodyKind::Binary;
    const QByteArrayView text = skipJsonWhitespace(body.startsWith(utf8Bom) ? body.sliced(utf8Bom.size()) : body);
    if (text.startsWith("<?xml"))
        return BodyKind::Xml;
    if (startsWithCaseInsensitive(text, "<!doctype html") || startsWithCaseInsensitive(text, "<html"))
        return BodyKind::Text;
    if (text.size() >= 2 && text[0] == '<') {
        const char next = text[1];
        if ((next >= 'a' && next <= 'z') || (next >= 'A' && next <= 'Z') || next == '_' || next == '!' || next == '?')
            return BodyKind::Xml;
    }
    return BodyKind::Text;
}

JsonCheck checkJsonText(QByteArrayView json, int prefixChecks);

// simdjson's first stage judges the whole text before anything is parsed, so the error it names (an unclosed string,
// say, because an earlier bad escape shifted the quote pairing) can come after another one. Checking the text before
// the token at fault finds that earlier error; an error there only because the text was cut is not one.
JsonCheck earlierErrorOr(QByteArrayView json, qsizetype cut, const JsonCheck &found, int prefixChecks)
{
    if (prefixChecks <= 0 || cut <= 0 || cut > json.size())
        return found;
    const JsonCheck prefix = checkJsonText(json.first(cut), prefixChecks - 1);
    return !prefix.valid && prefix.errorOffset < cut ? prefix : found;
}

// Where the token holding offset starts: its string's opening quote, or offset itself outside strings.
qsizetype tokenStart(QByteArrayView json, qsizetype offset)
{
    const StringScan scan = scanStrings(json.first(offset));
    return scan.unclosedQuote >= 0 ? scan.unclosedQuote : offset;
}

JsonCheck checkJsonText(QByteArrayView json, int prefixChecks)
{
    const simdjson::padded_string padded(json.isNull() ? "" : json.data(), size_t(json.size()));
    simdjson::dom::parser parser;
    simdjson::dom::element root;
    const simdjson::error_code domError = parser.parse(padded).get(root);
    if (!domError)
        return JsonCheck{true, -1, QString()};

    // Errors of simdjson's first stage come without any position: find them with a plain scan.
    switch (domError) {
    case simdjson::EMPTY:
        return failure(json.size(), messageFor(domError));
    case simdjson::UTF8_ERROR:
    case simdjson::UNCLOSED_STRING:
    case simdjson::UNESCAPED_CHARS:
    case simdjson::DEPTH_ERROR: {
        const StringScan scan = domError == simdjson::UTF8_ERROR ? StringScan() : scanStrings(json);
        const qsizetype offset = domError == simdjson::UTF8_ERROR        ? firstInvalidUtf8(json)
                                 : domError == simdjson::UNCLOSED_STRING ? scan.unclosedQuote
                                 : domError == simdjson::UNESCAPED_CHARS ? scan.firstControl
                                                                         : scan.tooDeep;
        // A control character or a bad byte sits in a token that starts earlier: the text before that is what
        // may hold an earlier error.
        if (offset >= 0) {
            const qsizetype cut = domError == simdjson::UNCLOSED_STRING || domError == simdjson::DEPTH_ERROR
                                      ? offset
                                      : tokenStart(json, offset);
            JsonCheck found = failure(offset, messageFor(domError));
            // Reading on, a bad escape inside the unclosed string comes before its missing end.
            if (domError == simdjson::UNCLOSED_STRING) {
                if (const qsizetype escape = badEscapeOffset(json, offset); escape != offset)
                    found = failure(escape, messageFor(simdjson::STRING_ERROR));
            }
            return earlierErrorOr(json, cut, found, prefixChecks);
        }
        break; // the scan disagrees with simdjson (it should not): let the walk locate the error
    }
    default:
        break;
    }
    if (json.startsWith(utf8Bom))
        return failure(0, Tr::tr("a byte order mark (U+FEFF) is not allowed before JSON"));

    auto [error, offset] = walkDocument(padded);
    if (!error) {
        // On Demand found nothing: the DOM parser's only complaint was a number out of its range.
        if (domError == simdjson::NUMBER_ERROR)
            return JsonCheck{true, -1, QString()};
        error = domError;
    }
    const bool openAtEnd = scanStrings(json).openContainers > 0;
    if (offset < 0 || offset > json.size())
        offset = openAtEnd ? json.size() : 0; // no position: an early end ("[1," or "{\"a\":") or the start
    if (error == simdjson::STRING_ERROR && offset < json.size() && json[offset] == '"')
        offset = badEscapeOffset(json, offset);
    // The DOM parser stops at the first number out of its range, which is not an error: the walk's diagnosis is the
    // one that counts then. Otherwise the DOM parser's is as specific or more, except for content after the root
    // value, which it calls a structure error.
    if (domError != simdjson::NUMBER_ERROR && domError != simdjson::TAPE_ERROR && error != simdjson::TRAILING_CONTENT)
        error = domError;
    // A structure error with nothing but whitespace after it, while objects or arrays are still open: the text
    // stops early (a truncated body), which is best shown at its very end.
    if ((error == simdjson::TAPE_ERROR || error == simdjson::INCORRECT_TYPE) &&
        skipJsonWhitespace(json.sliced(offset)).isEmpty() && openAtEnd) {
        return failure(json.size(), Tr::tr("the text ends before every object and array is closed"));
    }
    return failure(offset, messageFor(error));
}

} // namespace

JsonCheck checkJson(QByteArrayView json)
{
    // A few levels of prefix checks find the earlier error in practice; the bound keeps hostile input linear.
    return checkJsonText(json, 3);
}

BodyKind detectBodyKind(QByteArrayView contentType, QByteArrayView body)
{
    if (body.isEmpty())
        return BodyKind::Empty;
    qsizetype semicolon = contentType.indexOf(';');
    if (semicolon < 0)
        semicolon = contentType.size();
    const QByteArray mediaType = contentType.first(semicolon).trimmed().toByteArray().toLower();
    if (mediaType == "application/json" || mediaType == "text/json" || mediaType.endsWith("+json"))
        return BodyKind::Json;
    if (mediaType == "text/xml" || mediaType == "application/xml" || mediaType.endsWith("+xml"))
        return BodyKind::Xml;
    if (mediaType == "application/x-www-form-urlencoded")
        return BodyKind::Form;
    if (mediaType.startsWith("multipart/"))
        return BodyKind::Multipart;
    if (mediaType.startsWith("image/"))
        return BodyKind::Image;
    if (mediaType == "text/plain")
        return parsesAsJson(body) ? BodyKind::Json : BodyKind::Text;
    if (mediaType.startsWith("text/"))
        return BodyKind::Text;
    return sniff(body);
}

} // namespace Hookscope
