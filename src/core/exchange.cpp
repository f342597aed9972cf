#include "exchange.h"

#include "formbody.h"
#include "textformat.h"
#include "timeformat.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>
#include <QJsonValue>

#include <limits>
#include <optional>

using namespace Qt::StringLiterals;

namespace Hookscope::Exchange
{
namespace
{

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Hookscope::Exchange)
};

// ---------------------------------------------------------------------------------------------------------------
// Writing

// Compact JSON with keys in the order they are written. QJsonObject keeps its keys sorted, and the documented record
// order (id, time, method, target, ...) is what makes a line readable with head and grep. Strings arrive as UTF-8
// bytes, so a valid UTF-8 header or body is written without ever passing through QString.
class JsonWriter
{
public:
    explicit JsonWriter(QByteArray *out) : m_out(out) {}

    void beginObject()
    {
        separate();
        m_out->append('{');
        m_needComma = false;
    }
    void endObject()
    {
        m_out->append('}');
        m_needComma = true;
    }
    void beginArray()
    {
        separate();
        m_out->append('[');
        m_needComma = false;
    }
    void endArray()
    {
        m_out->append(']');
        m_needComma = true;
    }
    void key(QByteArrayView name)
    {
        separate();
        appendEscaped(name);
        m_out->append(':');
        m_needComma = false;
    }
    // utf8 must be valid UTF-8 (see isExactUtf8); other bytes go through lossyUtf8 first.
    void string(QByteArrayView utf8)
    {
        separate();
        appendEscaped(utf8);
        m_needComma = true;
    }
    void string(const QString &text) { string(QByteArrayView(text.toUtf8())); }
    // For text known to need no escaping (base64, timestamps): skips the per-byte scan of large payloads.
    void plainString(QByteArrayView ascii)
    {
        separate();
        m_out->append('"');
        m_out->append(ascii);
        m_out->append('"');
        m_needComma = true;
    }
    void number(qint64 value) { literal(QByteArray::number(value)); }
    void number(quint64 value) { literal(QByteArray::number(value)); }
    void boolean(bool value) { literal(value ? "true" : "false"); }
    void null() { literal("null"); }
    // A number already formatted as JSON.
    void literal(QByteArrayView text)
    {
        separate();
        m_out->append(text);
        m_needComma = true;
    }

private:
    void separate()
    {
        if (m_needComma)
            m_out->append(',');
    }

    void appendEscaped(QByteArrayView utf8)
    {
        static constexpr char hex[] = "0123456789abcdef";
        m_out->append('"');
        qsizetype runStart = 0;
        for (qsizetype i = 0; i < utf8.size(); ++i) {
            const uchar c = uchar(utf8[i]);
            if (c == 0xef && utf8.sliced(i).startsWith("\xef\xbb\xbf")) {
                // U+FEFF: Qt 6.4's UTF-8 decoder drops it at the start of a string (QString::fromUtf8, and so the
                // JSON parser); escaped, it survives the import.
                m_out->append(utf8.sliced(runStart, i - runStart));
                m_out->append("\\ufeff");
                i += 2;
                runStart = i + 1;
                continue;
            }
            if (c >= 0x20 && c != '"' && c != '\\')
                continue;
            m_out->append(utf8.sliced(runStart, i - runStart));
            runStart = i + 1;
            switch (c) {
            case '"':
                m_out->append("\\\"");
                break;
            case '\\':
                m_out->append("\\\\");
                break;
            case '\b':
                m_out->append("\\b");
                break;
            case '\f':
                m_out->append("\\f");
                break;
            case '\n':
                m_out->append("\\n");
                break;
            case '\r':
                m_out->append("\\r");
                break;
            case '\t':
                m_out->append("\\t");
                break;
            default: {
                const char escape[] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 0xf]};
                m_out->append(escape, sizeof(escape));
            }
            }
        }
        m_out->append(utf8.sliced(runStart));
        m_out->append('"');
    }

    QByteArray *m_out;
    bool m_needComma = false;
};

// True when the bytes come back unchanged from a JSON string (bytes -> QString -> UTF-8). Qt decodes and validates
// UTF-8 with the same routine, so valid UTF-8 is what survives (NUL included; U+FEFF with the writer's escape).
bool isExactUtf8(QByteArrayView bytes)
{
    return bytes.isValidUtf8();
}

// A readable rendering: invalid sequences become U+FFFD.
QByteArray lossyUtf8(QByteArrayView bytes)
{
    return QString::fromUtf8(bytes).toUtf8();
}

void writeText(JsonWriter &json, QByteArrayView bytes)
{
    if (isExactUtf8(bytes))
        json.string(bytes);
    else
        json.string(QByteArrayView(lossyUtf8(bytes)));
}

QByteArray base64Key(QByteArrayView key)
{
    return key.toByteArray() + "_base64";
}

enum class TextKey { Written, Omitted };

// "key": readable text, plus "key_base64" with the exact bytes when the text cannot hold them.
void writeBytesField(JsonWriter &json, QByteArrayView key, const QByteArray &bytes, TextKey textKey = TextKey::Written)
{
    const bool exact = isExactUtf8(bytes);
    if (textKey == TextKey::Written) {
        json.key(key);
        writeText(json, bytes);
    }
    if (!exact) {
        json.key(base64Key(key));
        json.plainString(bytes.toBase64());
    }
}

bool headersAreExactText(const HeaderList &headers)
{
    for (const HeaderField &field : headers) {
        if (!isExactUtf8(field.first) || !isExactUtf8(field.second))
            return false;
    }
    return true;
}

// [[name, value], ...]; a pair whose bytes are not UTF-8 gets a third element with the exact bytes.
void writeHeaderPairs(JsonWriter &json, const HeaderList &headers)
{
    json.beginArray();
    for (const HeaderField &field : headers) {
        json.beginArray();
        writeText(json, field.first);
        writeText(json, field.second);
        if (!isExactUtf8(field.first) || !isExactUtf8(field.second)) {
            json.beginObject();
            json.key("name_base64");
            json.plainString(field.first.toBase64());
            json.key("value_base64");
            json.plainString(field.second.toBase64());
            json.endObject();
        }
        json.endArray();
    }
    json.endArray();
}

// Empty for an endpoint that was never set (imports from other tools): ":0" would not parse back.
QString endpointField(const QString &address, quint16 port)
{
    if (address.isEmpty() && port == 0)
        return {};
    return CapturedRequest::endpointText(address, port);
}

enum class RecordForm { JsonLine, HarExtension };

// The JSON Lines record's keys; also the HAR "_hookscope" object, where method and headers normally come from the
// standard HAR request and are repeated here only when their bytes are not UTF-8.
void writeRecordFields(JsonWriter &json, const CapturedRequest &request, RecordForm form)
{
    json.key("id");
    json.number(request.id);
    json.key("received_at");
    json.plainString(formatRfc3339Us(request.receivedUs).toUtf8());
    writeBytesField(json, "method", request.method, form == RecordForm::JsonLine ? TextKey::Written : TextKey::Omitted);
    writeBytesField(json, "target", request.target);
    writeBytesField(json, "http_version", request.httpVersion);
    if (form == RecordForm::JsonLine) {
        json.key("headers");
        writeHeaderPairs(json, request.headers);
    } else {
        bool needed = !headersAreExactText(request.headers);
        // The HAR import skips HTTP/2 pseudo headers; keep such a name exactly here.
        for (const HeaderField &field : request.headers)
            needed = needed || field.first.startsWith(':');
        if (needed) {
            json.key("headers_exact");
            writeHeaderPairs(json, request.headers);
        }
    }
    json.key("trailers");
    writeHeaderPairs(json, request.trailers);
    json.key("body_base64");
    json.plainString(request.body.toBase64());
    json.key("raw_base64");
    json.plainString(request.raw.toBase64());
    json.key("remote");
    json.string(endpointField(request.remoteAddress, request.remotePort));
    json.key("local");
    json.string(endpointField(request.localAddress, request.localPort));
    json.key("status_sent");
    json.number(qint64(request.statusSent));
    json.key("rejected_reason");
    if (request.rejectedReason.isEmpty())
        json.null();
    else
        json.string(request.rejectedReason);
    json.key("connection_id");
    json.number(quint64(request.connectionId));
    json.key("connection_index");
    json.number(qint64(request.connectionIndex));
    json.key("receive_duration_us");
    json.number(request.receiveDurationUs);
    json.key("pinned");
    json.boolean(request.pinned);
    json.key("label");
    if (request.label == Label::None)
        json.null();
    else
        json.plainString(QByteArrayView(labelName(request.label).data(), labelName(request.label).size()));
}

// HAR wants milliseconds as a JSON number; formatted from integer microseconds so no binary fraction leaks in.
QByteArray millisecondsLiteral(qint64 microseconds)
{
    if (microseconds < 0)
        microseconds = 0;
    QByteArray text = QByteArray::number(microseconds / 1000);
    const qint64 fraction = microseconds % 1000;
    if (fraction != 0) {
        QByteArray digits = QByteArray::number(fraction).rightJustified(3, '0');
        while (digits.endsWith('0'))
            digits.chop(1);
        text += '.' + digits;
    }
    return text;
}

bool isUnreservedOrSubDelimiter(uchar c)
{
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
        return true;
    return QByteArrayView("-._~!$&'()*+,;=").contains(char(c));
}

// Percent-encodes every byte that may not stand in a URL (RFC 3986), keeping existing %XX escapes. The HAR url is a
// readable rendering; the exact request-target travels in _hookscope.target.
QByteArray encodeForUrl(QByteArrayView bytes, QByteArrayView alsoAllowed)
{
    static constexpr char hex[] = "0123456789ABCDEF";
    QByteArray out;
    out.reserve(bytes.size());
    for (qsizetype i = 0; i < bytes.size(); ++i) {
        const uchar c = uchar(bytes[i]);
        if (isUnreservedOrSubDelimiter(c) || alsoAllowed.contains(char(c))) {
            out.append(char(c));
        } else if (c == '%' && i + 2 < bytes.size() && TextFormat::hexDigitValue(bytes[i + 1]) >= 0 &&
                   TextFormat::hexDigitValue(bytes[i + 2]) >= 0) {
            out.append('%');
        } else {
            out.append('%');
            out.append(hex[c >> 4]);
            out.append(hex[c & 0xf]);
        }
    }
    return out;
}

QByteArray harUrl(const CapturedRequest &request)
{
    static constexpr QByteArrayView pathCharacters(":@/?");
    const QByteArray &target = request.target;
    if (target.startsWith('/') || target.isEmpty()) {
        QByteArray host = request.headerValue("Host").trimmed();
        if (host.isEmpty()) {
            host = request.localAddress.isEmpty() ? QByteArray("localhost") : request.localText().toUtf8();
        }
        const QByteArray path = target.isEmpty() ? QByteArray("/") : target;
        return "http://" + encodeForUrl(host, ":[]") + encodeForUrl(path, pathCharacters);
    }
    // absolute-form, as sent to a proxy
    if (target.startsWith("http://") || target.startsWith("https://") || target.startsWith("HTTP://") ||
        target.startsWith("HTTPS://")) {
        return encodeForUrl(target, ":@/?[]");
    }
    // authority-form (CONNECT host:port)
    if (request.method == "CONNECT")
        return "http://" + encodeForUrl(target, ":[]");
    // asterisk-form ("OPTIONS *") or something the parser let through: keep it visible under the host
    QByteArray host = request.headerValue("Host").trimmed();
    if (host.isEmpty())
        host = request.localAddress.isEmpty() ? QByteArray("localhost") : request.localText().toUtf8();
    return "http://" + encodeForUrl(host, ":[]") + '/' + encodeForUrl(target, pathCharacters);
}

void writeNameValueList(JsonWriter &json, QByteArrayView encoded)
{
    json.beginArray();
    while (!encoded.isEmpty()) {
        const qsizetype ampersand = encoded.indexOf('&');
        const QByteArrayView pair = ampersand < 0 ? encoded : encoded.first(ampersand);
        encoded = ampersand < 0 ? QByteArrayView() : encoded.sliced(ampersand + 1);
        if (pair.isEmpty())
            continue;
        const qsizetype equals = pair.indexOf('=');
        json.beginObject();
        json.key("name");
        writeText(json, decodeFormComponent(equals < 0 ? pair : pair.first(equals)));
        json.key("value");
        writeText(json, decodeFormComponent(equals < 0 ? QByteArrayView() : pair.sliced(equals + 1)));
        json.endObject();
    }
    json.endArray();
}

void writeCookies(JsonWriter &json, const HeaderList &headers)
{
    json.beginArray();
    for (const HeaderField &field : headers) {
        if (QByteArrayView(field.first).compare("Cookie", Qt::CaseInsensitive) != 0)
            continue;
        for (const QByteArray &part : field.second.split(';')) {
            const QByteArray cookie = part.trimmed();
            if (cookie.isEmpty())
                continue;
            const qsizetype equals = cookie.indexOf('=');
            json.beginObject();
            json.key("name");
            writeText(json, equals < 0 ? cookie : cookie.left(equals).trimmed());
            json.key("value");
            writeText(json, equals < 0 ? QByteArray() : cookie.mid(equals + 1).trimmed());
            json.endObject();
        }
    }
    json.endArray();
}

// Bytes of the request line and header section, blank line included; -1 when raw holds no complete header section.
qint64 headersSize(const QByteArray &raw)
{
    const qsizetype crlf = raw.indexOf("\r\n\r\n");
    const qsizetype lf = raw.indexOf("\n\n");
    if (crlf >= 0 && (lf < 0 || crlf < lf))
        return crlf + 4;
    if (lf >= 0)
        return lf + 2;
    return -1;
}

bool isTextBody(const QByteArray &body)
{
    return !body.contains('\0') && isExactUtf8(body);
}

QByteArray mediaType(const QByteArray &contentType)
{
    const qsizetype semicolon = contentType.indexOf(';');
    return (semicolon < 0 ? contentType : contentType.left(semicolon)).trimmed().toLower();
}

QByteArrayView reasonPhrase(int status)
{
    switch (status) {
    case 100:
        return "Continue";
    case 101:
        return "Switching Protocols";
    case 200:
        return "OK";
    case 201:
        return "Created";
    case 202:
        return "Accepted";
    case 204:
        return "No Content";
    case 301:
        return "Moved Permanently";
    case 302:
        return "Found";
    case 303:
        return "See Other";
    case 304:
        return "Not Modified";
    case 307:
        return "Temporary Redirect";
    case 308:
        return "Permanent Redirect";
    case 400:
        return "Bad Request";
    case 401:
        return "Unauthorized";
    case 403:
        return "Forbidden";
    case 404:
        return "Not Found";
    case 405:
        return "Method Not Allowed";
    case 408:
        return "Request Timeout";
    case 409:
        return "Conflict";
    case 410:
        return "Gone";
    case 411:
        return "Length Required";
    case 413:
        return "Content Too Large";
    case 414:
        return "URI Too Long";
    case 415:
        return "Unsupported Media Type";
    case 422:
        return "Unprocessable Content";
    case 429:
        return "Too Many Requests";
    case 431:
        return "Request Header Fields Too Large";
    case 500:
        return "Internal Server Error";
    case 501:
        return "Not Implemented";
    case 502:
        return "Bad Gateway";
    case 503:
        return "Service Unavailable";
    case 504:
        return "Gateway Timeout";
    case 505:
        return "HTTP Version Not Supported";
    default:
        return "";
    }
}

QByteArray harEntry(const CapturedRequest &request)
{
    QByteArray out;
    out.reserve(1024 + (request.raw.size() + request.body.size()) * 3);
    JsonWriter json(&out);
    const QByteArray duration = millisecondsLiteral(request.receiveDurationUs);

    json.beginObject();
    json.key("startedDateTime");
    json.plainString(formatRfc3339Us(request.receivedUs).toUtf8());
    json.key("time");
    json.literal(duration);

    json.key("request");
    json.beginObject();
    json.key("method");
    writeText(json, request.method);
    json.key("url");
    json.string(QByteArrayView(harUrl(request)));
    json.key("httpVersion");
    writeText(json, request.httpVersion);
    json.key("cookies");
    writeCookies(json, request.headers);
    json.key("headers");
    json.beginArray();
    for (const HeaderField &field : request.headers) {
        json.beginObject();
        json.key("name");
        writeText(json, field.first);
        json.key("value");
        writeText(json, field.second);
        json.endObject();
    }
    json.endArray();
    json.key("queryString");
    const qsizetype question = request.target.indexOf('?');
    writeNameValueList(json, question < 0 ? QByteArrayView() : QByteArrayView(request.target).sliced(question + 1));
    if (!request.body.isEmpty()) {
        const QByteArray contentType = request.headerValue("Content-Type");
        const bool text = isTextBody(request.body);
        json.key("postData");
        json.beginObject();
        json.key("mimeType");
        writeText(json, contentType);
        json.key("text");
        json.string(text ? QByteArrayView(request.body) : QByteArrayView(""));
        if (text && mediaType(contentType) == "application/x-www-form-urlencoded") {
            json.key("params");
            writeNameValueList(json, request.body);
        }
        if (!text) {
            json.key("_base64");
            json.plainString(request.body.toBase64());
        }
        json.endObject();
    }
    json.key("headersSize");
    json.number(headersSize(request.raw));
    json.key("bodySize");
    json.number(qint64(request.body.size()));
    json.endObject();

    json.key("response");
    json.beginObject();
    json.key("status");
    json.number(qint64(request.statusSent));
    json.key("statusText");
    json.string(reasonPhrase(request.statusSent));
    json.key("httpVersion");
    if (request.statusSent == 0)
        json.string(QByteArrayView(""));
    else
        writeText(json, request.httpVersion);
    json.key("cookies");
    json.beginArray();
    json.endArray();
    json.key("headers");
    json.beginArray();
    json.endArray();
    json.key("content");
    json.beginObject();
    json.key("size");
    json.number(qint64(0));
    json.key("mimeType");
    json.string(QByteArrayView(""));
    json.endObject();
    json.key("redirectURL");
    json.string(QByteArrayView(""));
    json.key("headersSize");
    json.number(qint64(-1));
    json.key("bodySize");
    json.number(qint64(-1));
    json.endObject();

    json.key("cache");
    json.beginObject();
    json.endObject();
    json.key("timings");
    json.beginObject();
    json.key("send");
    json.number(qint64(0));
    json.key("wait");
    json.number(qint64(0));
    json.key("receive");
    json.literal(duration);
    json.endObject();
    json.key("connection");
    json.plainString(QByteArray::number(request.connectionId));

    json.key("_hookscope");
    json.beginObject();
    writeRecordFields(json, request, RecordForm::HarExtension);
    json.endObject();
    json.endObject();
    return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Reading

enum class Presence { Optional, Required };
enum class Source { JsonLine, Har };

QString wrapMessage(Source source, const QString &detail)
{
    return source == Source::JsonLine ? Tr::tr("Invalid record: %1").arg(detail) : Tr::tr("Invalid HAR: %1").arg(detail);
}

std::optional<QByteArray> decodeBase64(const QString &text)
{
    // A character outside Latin-1 becomes '?', which the decoder rejects.
    auto decoded = QByteArray::fromBase64Encoding(text.toLatin1(),
                                                  QByteArray::Base64Encoding | QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded)
        return std::nullopt;
    return std::move(decoded.decoded);
}

// Reads typed fields of one JSON object. The first problem is kept as an error naming the field by its JSON path
// (e.g. "log.entries[2].request.method"); later reads after an error are harmless and their results unused.
class FieldReader
{
public:
    FieldReader(const QJsonObject &object, QString path, Source source, std::optional<Error> *error)
        : m_object(object), m_path(std::move(path)), m_source(source), m_error(error)
    {
    }

    QString fieldName(QLatin1StringView key) const { return m_path + key; }
    bool failed() const { return m_error->has_value(); }

    bool contains(QLatin1StringView key) const
    {
        const QJsonValue value = m_object.value(key);
        return !value.isUndefined() && !value.isNull();
    }

    void fail(const QString &detail) const
    {
        if (!m_error->has_value())
            *m_error = makeError(ErrorCode::Parse, wrapMessage(m_source, detail));
    }

    std::optional<QString> string(QLatin1StringView key, Presence presence) const
    {
        const QJsonValue value = present(key, presence);
        if (value.isUndefined())
            return std::nullopt;
        if (!value.isString()) {
            fail(Tr::tr("field \"%1\" must be a string").arg(fieldName(key)));
            return std::nullopt;
        }
        return value.toString();
    }

    std::optional<QByteArray> base64(QLatin1StringView key, Presence presence) const
    {
        const std::optional<QString> text = string(key, presence);
        if (!text)
            return std::nullopt;
        std::optional<QByteArray> bytes = decodeBase64(*text);
        if (!bytes)
            fail(Tr::tr("field \"%1\" is not valid base64").arg(fieldName(key)));
        return bytes;
    }

    // "key" as UTF-8 text, or the exact bytes of "key_base64" when that is present.
    std::optional<QByteArray> bytes(QLatin1StringView key, Presence presence) const
    {
        const QByteArray exactKey = QByteArrayView(key.data(), key.size()).toByteArray() + "_base64";
        if (contains(QLatin1StringView(exactKey))) {
            string(key, Presence::Optional); // still type-checked
            return base64(QLatin1StringView(exactKey), Presence::Required);
        }
        const std::optional<QString> text = string(key, presence);
        if (!text)
            return std::nullopt;
        return text->toUtf8();
    }

    std::optional<qint64> integer(QLatin1StringView key, qint64 minimum, qint64 maximum) const
    {
        const QJsonValue value = present(key, Presence::Optional);
        if (value.isUndefined())
            return std::nullopt;
        const qint64 number = value.toInteger();
        // toInteger gives 0 for fractions and values out of range; comparing back as double catches both.
        if (!value.isDouble() || double(number) != value.toDouble() || number < minimum || number > maximum) {
            fail(Tr::tr("field \"%1\" must be an integer from %2 to %3").arg(fieldName(key)).arg(minimum).arg(maximum));
            return std::nullopt;
        }
        return number;
    }

    std::optional<bool> boolean(QLatin1StringView key) const
    {
        const QJsonValue value = present(key, Presence::Optional);
        if (value.isUndefined())
            return std::nullopt;
        if (!value.isBool()) {
            fail(Tr::tr("field \"%1\" must be true or false").arg(fieldName(key)));
            return std::nullopt;
        }
        return value.toBool();
    }

    std::optional<qint64> time(QLatin1StringView key, Presence presence) const
    {
        const std::optional<QString> text = string(key, presence);
        if (!text)
            return std::nullopt;
        const std::optional<qint64> microseconds = parseRfc3339Us(*text);
        if (!microseconds) {
            fail(Tr::tr("field \"%1\" is not an RFC 3339 date-time such as 2026-01-31T12:00:00.000000Z: \"%2\"")
                     .arg(fieldName(key), *text));
        }
        return microseconds;
    }

    // Sets address and port when the field is present and well formed; "" means no endpoint.
    void endpoint(QLatin1StringView key, QString *address, quint16 *port) const
    {
        const std::optional<QString> text = string(key, Presence::Optional);
        if (!text)
            return;
        if (text->isEmpty()) {
            address->clear();
            *port = 0;
            return;
        }
        if (CapturedRequest::parseEndpoint(*text, address, port))
            return;
        // ":5000" is what endpointText makes of a port without an address
        bool ok = false;
        const uint value = text->startsWith(u':') ? QStringView(*text).sliced(1).toUInt(&ok) : 0;
        if (ok && value <= 65535) {
            address->clear();
            *port = quint16(value);
            return;
        }
        fail(Tr::tr("field \"%1\" is not an endpoint such as 127.0.0.1:5000 or [::1]:5000: \"%2\"")
                 .arg(fieldName(key), *text));
    }

    std::optional<QJsonObject> object(QLatin1StringView key, Presence presence) const
    {
        const QJsonValue value = present(key, presence);
        if (value.isUndefined())
            return std::nullopt;
        if (!value.isObject()) {
            fail(Tr::tr("field \"%1\" must be an object").arg(fieldName(key)));
            return std::nullopt;
        }
        return value.toObject();
    }

    std::optional<QJsonArray> array(QLatin1StringView key, Presence presence) const
    {
        const QJsonValue value = present(key, presence);
        if (value.isUndefined())
            return std::nullopt;
        if (!value.isArray()) {
            fail(Tr::tr("field \"%1\" must be an array").arg(fieldName(key)));
            return std::nullopt;
        }
        return value.toArray();
    }

    // Hookscope's form: [[name, value], [name, value, {"name_base64": ..., "value_base64": ...}], ...]
    std::optional<HeaderList> headerPairs(QLatin1StringView key) const
    {
        const std::optional<QJsonArray> items = array(key, Presence::Optional);
        if (!items)
            return std::nullopt;
        HeaderList headers;
        headers.reserve(items->size());
        for (qsizetype i = 0; i < items->size(); ++i) {
            const QString itemName = fieldName(key) + u'[' + QString::number(i) + u']';
            const QJsonValue item = items->at(i);
            const QJsonArray pair = item.toArray();
            if (!item.isArray() || pair.size() < 2 || pair.size() > 3 || !pair.at(0).isString() ||
                !pair.at(1).isString() || (pair.size() == 3 && !pair.at(2).isObject())) {
                fail(Tr::tr("field \"%1\" must be [name, value] or [name, value, {exact bytes}]").arg(itemName));
                return std::nullopt;
            }
            HeaderField field(pair.at(0).toString().toUtf8(), pair.at(1).toString().toUtf8());
            if (pair.size() == 3) {
                const FieldReader exact(pair.at(2).toObject(), itemName + u"[2].", m_source, m_error);
                if (std::optional<QByteArray> name = exact.base64("name_base64"_L1, Presence::Optional))
                    field.first = std::move(*name);
                if (std::optional<QByteArray> value = exact.base64("value_base64"_L1, Presence::Optional))
                    field.second = std::move(*value);
                if (failed())
                    return std::nullopt;
            }
            headers.append(std::move(field));
        }
        return headers;
    }

private:
    // The value, or undefined when absent or null (after reporting a missing required field).
    QJsonValue present(QLatin1StringView key, Presence presence) const
    {
        const QJsonValue value = m_object.value(key);
        if (!value.isUndefined() && !value.isNull())
            return value;
        if (presence == Presence::Required)
            fail(Tr::tr("field \"%1\" is missing").arg(fieldName(key)));
        return QJsonValue(QJsonValue::Undefined);
    }

    QJsonObject m_object;
    QString m_path;
    Source m_source;
    std::optional<Error> *m_error;
};

template<typename T> void assignIf(T *target, std::optional<T> &&value)
{
    if (value)
        *target = std::move(*value);
}

QByteArray rebuildRawBytes(const CapturedRequest &request)
{
    QByteArray raw = request.method + ' ' + request.target + ' ' + request.httpVersion + "\r\n";
    for (const HeaderField &field : request.headers)
        raw += field.first + ": " + field.second + "\r\n";
    raw += "\r\n";
    raw += request.body;
    return raw;
}

enum class RawState { Given, Missing };

// Applies every record key that is present; absent optional keys leave the request as it is.
RawState applyRecordFields(const FieldReader &record, CapturedRequest *request, Presence required)
{
    constexpr qint64 int64Min = std::numeric_limits<qint64>::min();
    constexpr qint64 int64Max = std::numeric_limits<qint64>::max();
    constexpr qint64 intMin = std::numeric_limits<int>::min();
    constexpr qint64 intMax = std::numeric_limits<int>::max();

    assignIf(&request->id, record.integer("id"_L1, int64Min, int64Max));
    assignIf(&request->receivedUs, record.time("received_at"_L1, required));
    assignIf(&request->method, record.bytes("method"_L1, required));
    assignIf(&request->target, record.bytes("target"_L1, required));
    assignIf(&request->httpVersion, record.bytes("http_version"_L1, Presence::Optional));
    assignIf(&request->headers, record.headerPairs("headers"_L1));
    assignIf(&request->headers, record.headerPairs("headers_exact"_L1));
    assignIf(&request->trailers, record.headerPairs("trailers"_L1));
    assignIf(&request->body, record.base64("body_base64"_L1, Presence::Optional));
    std::optional<QByteArray> raw = record.base64("raw_base64"_L1, Presence::Optional);
    const RawState rawState = raw ? RawState::Given : RawState::Missing;
    assignIf(&request->raw, std::move(raw));
    record.endpoint("remote"_L1, &request->remoteAddress, &request->remotePort);
    record.endpoint("local"_L1, &request->localAddress, &request->localPort);
    if (std::optional<qint64> status = record.integer("status_sent"_L1, 0, 999))
        request->statusSent = int(*status);
    if (record.contains("rejected_reason"_L1))
        assignIf(&request->rejectedReason, record.string("rejected_reason"_L1, Presence::Optional));
    if (std::optional<qint64> connection = record.integer("connection_id"_L1, 0, int64Max))
        request->connectionId = quint64(*connection);
    if (std::optional<qint64> index = record.integer("connection_index"_L1, intMin, intMax))
        request->connectionIndex = int(*index);
    assignIf(&request->receiveDurationUs, record.integer("receive_duration_us"_L1, int64Min, int64Max));
    assignIf(&request->pinned, record.boolean("pinned"_L1));
    if (const std::optional<QString> name = record.string("label"_L1, Presence::Optional)) {
        if (const std::optional<Label> label = labelFromName(*name))
            request->label = *label;
        else
            record.fail(Tr::tr("field \"%1\" must be one of %2 (got \"%3\")").arg(record.fieldName("label"_L1), labelNames(), *name));
    }
    return rawState;
}

// The request-target of a HAR url: path and query, undecoded.
QByteArray targetFromUrl(QByteArray url)
{
    const qsizetype hash = url.indexOf('#');
    if (hash >= 0)
        url.truncate(hash);
    const qsizetype schemeEnd = url.indexOf("://");
    bool absolute = schemeEnd > 0;
    for (qsizetype i = 0; absolute && i < schemeEnd; ++i) {
        const char c = url.at(i);
        absolute = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                   (i > 0 && ((c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.'));
    }
    if (!absolute)
        return url.isEmpty() ? QByteArray("/") : url;
    const qsizetype authorityStart = schemeEnd + 3;
    qsizetype pathStart = -1;
    for (qsizetype i = authorityStart; i < url.size(); ++i) {
        if (url.at(i) == '/' || url.at(i) == '?') {
            pathStart = i;
            break;
        }
    }
    if (pathStart < 0)
        return "/";
    if (url.at(pathStart) == '?')
        return '/' + url.mid(pathStart);
    return url.mid(pathStart);
}

QByteArray formEncode(const QByteArray &bytes)
{
    QByteArray encoded = bytes.toPercentEncoding(" ");
    encoded.replace(' ', '+');
    return encoded;
}

std::optional<HeaderList> harHeaders(const FieldReader &request)
{
    const std::optional<QJsonArray> items = request.array("headers"_L1, Presence::Optional);
    if (!items)
        return std::nullopt;
    HeaderList headers;
    headers.reserve(items->size());
    for (qsizetype i = 0; i < items->size(); ++i) {
        const QString itemName = request.fieldName("headers"_L1) + u'[' + QString::number(i) + u']';
        const QJsonValue item = items->at(i);
        const QJsonObject header = item.toObject();
        const QJsonValue value = header.value("value"_L1);
        if (!item.isObject() || !header.value("name"_L1).isString() || !(value.isString() || value.isUndefined())) {
            request.fail(Tr::tr("field \"%1\" must be an object with a string name and value").arg(itemName));
            return std::nullopt;
        }
        const QString name = header.value("name"_L1).toString();
        if (name.startsWith(u':')) // HTTP/2 pseudo header such as :authority
            continue;
        headers.append({name.toUtf8(), value.toString().toUtf8()});
    }
    return headers;
}

std::optional<QByteArray> harBody(const FieldReader &postData)
{
    if (postData.contains("_base64"_L1))
        return postData.base64("_base64"_L1, Presence::Required);
    std::optional<QString> text = postData.string("text"_L1, Presence::Optional);
    if (text && !text->isEmpty())
        return text->toUtf8();
    const std::optional<QJsonArray> params = postData.array("params"_L1, Presence::Optional);
    if (!params || params->isEmpty())
        return QByteArray();
    QByteArray body;
    for (qsizetype i = 0; i < params->size(); ++i) {
        const QJsonObject param = params->at(i).toObject();
        if (!params->at(i).isObject() || !param.value("name"_L1).isString()) {
            postData.fail(Tr::tr("field \"%1\" must be an object with a string name")
                              .arg(postData.fieldName("params"_L1) + u'[' + QString::number(i) + u']'));
            return std::nullopt;
        }
        if (!body.isEmpty())
            body += '&';
        body += formEncode(param.value("name"_L1).toString().toUtf8()) + '=' +
                formEncode(param.value("value"_L1).toString().toUtf8());
    }
    return body;
}

std::optional<CapturedRequest> harEntryToRequest(const QJsonObject &entryObject, const QString &path,
                                                 std::optional<Error> *error)
{
    const FieldReader entry(entryObject, path, Source::Har, error);
    CapturedRequest request;
    request.httpVersion = "HTTP/1.1";
    assignIf(&request.receivedUs, entry.time("startedDateTime"_L1, Presence::Optional));

    const std::optional<QJsonObject> requestObject = entry.object("request"_L1, Presence::Required);
    if (!requestObject)
        return std::nullopt;
    const FieldReader harRequest(*requestObject, path + u"request.", Source::Har, error);
    assignIf(&request.method, harRequest.bytes("method"_L1, Presence::Required));
    if (std::optional<QByteArray> url = harRequest.bytes("url"_L1, Presence::Required))
        request.target = targetFromUrl(std::move(*url));
    if (std::optional<QByteArray> version = harRequest.bytes("httpVersion"_L1, Presence::Optional);
        version && !version->isEmpty()) {
        request.httpVersion = std::move(*version);
    }
    assignIf(&request.headers, harHeaders(harRequest));
    if (std::optional<QJsonObject> postObject = harRequest.object("postData"_L1, Presence::Optional)) {
        const FieldReader postData(*postObject, path + u"request.postData.", Source::Har, error);
        assignIf(&request.body, harBody(postData));
    }
    // Other tools record the status the real server answered; it is the closest thing to status_sent.
    if (const std::optional<QJsonObject> response = entry.object("response"_L1, Presence::Optional)) {
        const int status = response->value("status"_L1).toInt();
        if (status > 0 && status <= 999)
            request.statusSent = status;
    }

    RawState rawState = RawState::Missing;
    if (std::optional<QJsonObject> extension = entry.object("_hookscope"_L1, Presence::Optional)) {
        const FieldReader hookscope(*extension, path + u"_hookscope.", Source::Har, error);
        rawState = applyRecordFields(hookscope, &request, Presence::Optional);
    }
    if (error->has_value())
        return std::nullopt;
    if (rawState == RawState::Missing)
        request.raw = rebuildRawBytes(request);
    return request;
}

QByteArrayView withoutByteOrderMark(QByteArrayView bytes)
{
    return bytes.startsWith("\xEF\xBB\xBF") ? bytes.sliced(3) : bytes;
}

} // namespace

QByteArray rebuildRaw(const CapturedRequest &request)
{
    return rebuildRawBytes(request);
}

QByteArray toJsonLine(const CapturedRequest &request)
{
    QByteArray out;
    // base64 grows by 4/3; headers and the fixed keys rarely pass 512 bytes
    out.reserve((request.raw.size() + request.body.size()) * 4 / 3 + 512);
    JsonWriter json(&out);
    json.beginObject();
    writeRecordFields(json, request, RecordForm::JsonLine);
    json.endObject();
    return out;
}

Result<CapturedRequest> fromJsonLine(QByteArrayView line)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(line.toByteArray(), &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        return makeError(
            ErrorCode::Parse,
            wrapMessage(Source::JsonLine,
                        Tr::tr("not valid JSON (%1 at byte %2)").arg(parseError.errorString()).arg(parseError.offset)));
    }
    if (!document.isObject())
        return makeError(ErrorCode::Parse, wrapMessage(Source::JsonLine, Tr::tr("the line is not a JSON object")));

    std::optional<Error> error;
    const FieldReader record(document.object(), QString(), Source::JsonLine, &error);
    CapturedRequest request;
    request.httpVersion = "HTTP/1.1";
    const RawState rawState = applyRecordFields(record, &request, Presence::Required);
    if (error)
        return *error;
    if (rawState == RawState::Missing)
        request.raw = rebuildRawBytes(request);
    return request;
}

HarWriter::HarWriter(QIODevice *device) : m_device(device) {}

namespace
{
bool writeAll(QIODevice *device, QByteArrayView bytes)
{
    return device && device->isWritable() && device->write(bytes.data(), bytes.size()) == bytes.size();
}
} // namespace

bool HarWriter::begin()
{
    m_count = 0;
    // HOOKSCOPE_VERSION is a plain "x.y.z" string literal from CMake: nothing to escape.
    return writeAll(m_device,
                    "{\"log\":{\"version\":\"1.2\",\"creator\":{\"name\":\"Hookscope\",\"version\":\"" HOOKSCOPE_VERSION
                    "\"},\"entries\":[");
}

bool HarWriter::add(const CapturedRequest &request)
{
    // One entry per line keeps large exports usable with grep and diff.
    const QByteArray entry = (m_count == 0 ? "\n" : ",\n") + harEntry(request);
    if (!writeAll(m_device, entry))
        return false;
    ++m_count;
    return true;
}

bool HarWriter::finish()
{
    return writeAll(m_device, "\n]}}\n");
}

Result<QList<CapturedRequest>> fromHar(const QByteArray &document)
{
    const QByteArrayView text = withoutByteOrderMark(document);
    QJsonParseError parseError;
    const QJsonDocument json =
        QJsonDocument::fromJson(text.size() == document.size() ? document : text.toByteArray(), &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        return makeError(
            ErrorCode::Parse,
            wrapMessage(Source::Har,
                        Tr::tr("not valid JSON (%1 at byte %2)").arg(parseError.errorString()).arg(parseError.offset)));
    }
    if (!json.isObject())
        return makeError(ErrorCode::Parse, wrapMessage(Source::Har, Tr::tr("the document is not a JSON object")));

    std::optional<Error> error;
    const FieldReader root(json.object(), QString(), Source::Har, &error);
    const std::optional<QJsonObject> log = root.object("log"_L1, Presence::Required);
    if (!log)
        return *error;
    const FieldReader logReader(*log, u"log."_s, Source::Har, &error);
    const std::optional<QJsonArray> entries = logReader.array("entries"_L1, Presence::Required);
    if (!entries)
        return *error;

    QList<CapturedRequest> requests;
    requests.reserve(entries->size());
    for (qsizetype i = 0; i < entries->size(); ++i) {
        const QString path = u"log.entries["_s + QString::number(i) + u']';
        const QJsonValue entry = entries->at(i);
        if (!entry.isObject()) {
            return makeError(ErrorCode::Parse,
                             wrapMessage(Source::Har, Tr::tr("field \"%1\" must be an object").arg(path)));
        }
        std::optional<CapturedRequest> request = harEntryToRequest(entry.toObject(), path + u'.', &error);
        if (!request)
            return *error;
        requests.append(std::move(*request));
    }
    return requests;
}

Format detectFormat(QByteArrayView head)
{
    head = withoutByteOrderMark(head);
    // A HAR document is an object whose (only) key is "log"; a JSON Lines record starts with "id". Looking at the
    // first key, not for "log" anywhere, keeps records whose headers or bodies mention "log" from looking like HAR.
    qsizetype i = 0;
    auto skipSpace = [&] {
        while (i < head.size() && (head[i] == ' ' || head[i] == '\t' || head[i] == '\r' || head[i] == '\n'))
            ++i;
    };
    skipSpace();
    if (i >= head.size() || head[i] != '{')
        return Format::JsonLines;
    ++i;
    skipSpace();
    return head.sliced(i).startsWith("\"log\"") ? Format::Har : Format::JsonLines;
}

} // namespace Hookscope::Exchange
