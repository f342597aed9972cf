#pragma once

#include "capturedrequest.h"
#include "result.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QString>

namespace Hookscope
{

// One body part of a multipart/* body (RFC 2046; form-data per RFC 7578).
struct MultipartPart {
    HeaderList headers;       // the part's header block in order, names as sent, values trimmed
    QByteArray name;          // Content-Disposition name parameter, bytes as sent; empty when absent
    QString fileName;         // filename*= (RFC 5987, UTF-8 or ISO-8859-1) when present and readable, else filename=
    bool hasFileName = false; // a filename parameter was present, even an empty one (a file input left empty)
    QByteArray contentType;   // the part's Content-Type value; empty when absent (RFC 7578: text/plain then)
    QByteArray body;          // the exact bytes between the blank line after the headers and the next delimiter's CRLF
    bool truncated = false;   // the input ended inside this part's body, before any further delimiter

    // First value of a header, matched case-insensitively; empty when absent.
    QByteArray headerValue(QByteArrayView headerName) const;
};

struct MultipartBody {
    QByteArray boundary;
    QList<MultipartPart> parts; // in order; the last one may be truncated when complete is false
    bool complete = false;      // the close delimiter "--boundary--" was found
    QString problem;            // translated reason complete is false; empty when complete
};

// Parses a multipart/* body with the boundary parameter of its Content-Type header (quoted or a token). The preamble
// before the first delimiter and the epilogue after the close delimiter are ignored. Lines may end in CRLF or, as
// some hand-rolled senders do, in a bare LF.
//
// Errors (no parts at all): the content type is not multipart/* or has no boundary (ErrorCode::InvalidArgument), or
// the body never contains the boundary (ErrorCode::Parse).
// A missing close delimiter is not an error: a body cut short (by a size limit, a dropped connection) still shows
// what arrived, so the result has complete = false, a problem text, every part found and, when the input stops
// inside a part, that part with truncated = true. Callers that need strictness check complete.
//
// Nested multiparts (multipart/mixed inside a form-data part) are left as the part's body: call again with the
// part's contentType.
Result<MultipartBody> parseMultipart(QByteArrayView contentType, QByteArrayView body);

// The boundary parameter of a Content-Type value, unquoted; empty when there is none.
QByteArray multipartBoundary(QByteArrayView contentType);

} // namespace Hookscope
