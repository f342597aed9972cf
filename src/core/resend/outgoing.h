#pragma once

#include "capturedrequest.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QUrl>

namespace Hookscope::Resend {

// An HTTP/1.1 request exactly as it goes on the wire.
struct OutgoingRequest {
    QByteArray method;
    QByteArray target;  // request-target for the request line: path + query, as bytes
    HeaderList headers; // sent exactly in this order and casing
    QByteArray body;

    friend bool operator==(const OutgoingRequest &, const OutgoingRequest &) = default;
};

// The URL a resend goes to: the target URL as given when it has a path other than "/" or a query; when it is an
// origin only (http://localhost:3000 or http://localhost:3000/), the captured request's own path and query are
// appended (from an absolute-form target, its path and query; "*" appends nothing).
QUrl resolveTarget(const QUrl &targetUrl, const QByteArray &capturedTarget);

// Prepares a captured request for sending to url: the body byte for byte as captured (chunked framing already
// removed by capture; Content-Encoding untouched), headers as captured in order and casing minus the hop-by-hop ones
// (Connection, Keep-Alive, Proxy-Connection, TE, Trailer, Transfer-Encoding, Upgrade, and any header named in
// Connection), with Host set to the url's authority (replaced in place, appended if missing) and Content-Length set
// to the body size (replaced in place; appended when absent and the body is non-empty or the method is
// POST/PUT/PATCH). Nothing else is added. Trailers are not sent.
// The request-target is the captured one, byte for byte, when url's path and query are the captured ones (as
// resolveTarget() makes them); otherwise url's encoded path and query.
OutgoingRequest prepare(const CapturedRequest &request, const QUrl &url);

// Request line + headers + CRLF + body (HTTP/1.1). CR, LF and NUL inside a header name or value become spaces (as
// RFC 9112 asks of a forwarded obs-fold) so that no header can split the request.
QByteArray serialize(const OutgoingRequest &request);

// "host", "host:8080", "[::1]:3000": what the Host header says for url (no user info; the port only when it is not
// the scheme's default, as curl writes it).
QByteArray hostHeaderValue(const QUrl &url);
// url's path and query, percent-encoded, "/" for an empty path.
QByteArray requestTarget(const QUrl &url);
// Sets the first header called name (case-insensitive) to value in place and removes the others; appends the header
// when there is none.
void setHeader(HeaderList &headers, QByteArrayView name, const QByteArray &value);
// Removes every header called name (case-insensitive).
void removeHeader(HeaderList &headers, QByteArrayView name);

} // namespace Hookscope::Resend
