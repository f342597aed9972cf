#include "outgoing.h"

#include <algorithm>
#include <array>

namespace Hookscope::Resend {

namespace {

bool sameName(const QByteArray &a, QByteArrayView b)
{
    return a.compare(b, Qt::CaseInsensitive) == 0;
}

bool isOriginOnly(const QUrl &url)
{
    const QString path = url.path();
    return (path.isEmpty() || path == u"/") && !url.hasQuery();
}

// A request line can carry bytes QUrl would reject or read differently (controls, space, non-ASCII): encode them so
// that TolerantMode keeps everything else as it was sent.
QByteArray encodeOddBytes(QByteArrayView bytes)
{
    static constexpr char hex[] = "0123456789ABCDEF";
    QByteArray out;
    out.reserve(bytes.size());
    for (const char c : bytes) {
        const auto b = uchar(c);
        if (b <= 0x20 || b >= 0x7f) {
            out += '%';
            out += hex[b >> 4];
            out += hex[b & 0xf];
        } else {
            out += c;
        }
    }
    return out;
}

QByteArray withoutLineBreaks(QByteArray bytes)
{
    for (char &c : bytes) {
        if (c == '\r' || c == '\n' || c == '\0')
            c = ' ';
    }
    return bytes;
}

QUrl originOf(const QUrl &url)
{
    QUrl origin = url;
    origin.setPath(QString());
    origin.setQuery(QString());
    origin.setFragment(QString());
    return origin;
}

} // namespace

QByteArray hostHeaderValue(const QUrl &url)
{
    const QByteArray host = url.host(QUrl::FullyEncoded).toLatin1();
    QByteArray value = host.contains(':') ? QByteArray('[' + host + ']') : host;
    const QString scheme = url.scheme().toLower();
    const int defaultPort = scheme == u"https" ? 443 : scheme == u"http" ? 80 : -1;
    const int port = url.port();
    if (port != -1 && port != defaultPort)
        value += ':' + QByteArray::number(port);
    return value;
}

QByteArray requestTarget(const QUrl &url)
{
    QByteArray target = url.path(QUrl::FullyEncoded).toLatin1();
    if (target.isEmpty())
        target = "/";
    if (url.hasQuery())
        target += '?' + url.query(QUrl::FullyEncoded).toLatin1();
    return target;
}

void setHeader(HeaderList &headers, QByteArrayView name, const QByteArray &value)
{
    bool found = false;
    for (auto it = headers.begin(); it != headers.end();) {
        if (!sameName(it->first, name)) {
            ++it;
        } else if (!found) {
            it->second = value;
            found = true;
            ++it;
        } else {
            it = headers.erase(it);
        }
    }
    if (!found)
        headers.append({name.toByteArray(), value});
}

void removeHeader(HeaderList &headers, QByteArrayView name)
{
    headers.removeIf([name](const HeaderField &field) { return sameName(field.first, name); });
}

QUrl resolveTarget(const QUrl &targetUrl, const QByteArray &capturedTarget)
{
    if (!isOriginOnly(targetUrl))
        return targetUrl;
    QByteArray pathAndQuery = capturedTarget;
    if (!capturedTarget.startsWith('/')) {
        // Absolute-form (the sender took Hookscope for a proxy): its path and query. "*" (OPTIONS) has neither.
        const QUrl absolute = QUrl::fromEncoded(capturedTarget);
        if (capturedTarget == "*" || !absolute.isValid() || absolute.isRelative())
            return targetUrl;
        pathAndQuery = requestTarget(absolute);
    }
    QUrl resolved = targetUrl;
    const qsizetype query = pathAndQuery.indexOf('?');
    resolved.setPath(QString::fromLatin1(
                         encodeOddBytes(QByteArrayView(pathAndQuery).first(query < 0 ? pathAndQuery.size() : query))),
                     QUrl::TolerantMode);
    if (query >= 0)
        resolved.setQuery(QString::fromLatin1(encodeOddBytes(QByteArrayView(pathAndQuery).sliced(query + 1))),
                          QUrl::TolerantMode);
    return resolved;
}

OutgoingRequest prepare(const CapturedRequest &request, const QUrl &url)
{
    OutgoingRequest out;
    out.method = request.method;
    out.body = request.body;
    out.target = requestTarget(url);
    // QUrl normalizes percent-encoding; when the URL is the captured target's own, the captured bytes go out as they
    // came in (a signature over the path stays valid).
    if ((request.target.startsWith('/') || request.target == "*") &&
        requestTarget(resolveTarget(originOf(url), request.target)) == out.target)
        out.target = request.target;

    static constexpr std::array<QByteArrayView, 7> hopByHop = {
        "Connection", "Keep-Alive", "Proxy-Connection", "TE", "Trailer", "Transfer-Encoding", "Upgrade"};
    QList<QByteArray> named;
    for (const HeaderField &field : request.headers) {
        if (!sameName(field.first, "Connection"))
            continue;
        for (const QByteArray &token : field.second.split(','))
            named.append(token.trimmed());
    }
    bool hadLength = false;
    for (const HeaderField &field : request.headers) {
        const auto matches = [&field](QByteArrayView name) { return sameName(field.first, name); };
        if (std::any_of(hopByHop.begin(), hopByHop.end(), matches) ||
            std::any_of(named.cbegin(), named.cend(), matches))
            continue;
        hadLength = hadLength || matches("Content-Length");
        out.headers.append(field);
    }
    setHeader(out.headers, "Host", hostHeaderValue(url));
    const bool bodyMethod = out.method == "POST" || out.method == "PUT" || out.method == "PATCH";
    if (hadLength || !out.body.isEmpty() || bodyMethod)
        setHeader(out.headers, "Content-Length", QByteArray::number(out.body.size()));
    return out;
}

QByteArray serialize(const OutgoingRequest &request)
{
    QByteArray target = request.target.isEmpty() ? QByteArray("/") : request.target;
    target.replace(' ', "%20").replace('\r', "%0D").replace('\n', "%0A");
    qsizetype size = request.method.size() + target.size() + 16 + request.body.size();
    for (const HeaderField &field : request.headers)
        size += field.first.size() + field.second.size() + 4;
    QByteArray bytes;
    bytes.reserve(size);
    bytes += request.method + ' ' + target + " HTTP/1.1\r\n";
    for (const HeaderField &field : request.headers)
        bytes += withoutLineBreaks(field.first) + ": " + withoutLineBreaks(field.second) + "\r\n";
    bytes += "\r\n";
    bytes += request.body;
    return bytes;
}

} // namespace Hookscope::Resend
