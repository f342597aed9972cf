#pragma once

#include "capturedrequest.h"

#include <QString>

namespace Hookscope {

// A curl command line that sends the request again as captured: method, target, every header in order (Host and
// Content-Length included, as sent), and the body byte for byte. Text bodies go inline; a body that is not safe on
// a command line (NUL bytes, invalid UTF-8, control characters) is read from bodyFile, which the caller writes.
struct CurlCommand {
    QString command;
    bool needsBodyFile = false;

    // baseUrl: scheme and authority to send to ("http://127.0.0.1:3000"); empty: from the Host header.
    static CurlCommand fromRequest(const CapturedRequest &request, const QString &baseUrl = {},
                                   const QString &bodyFile = QStringLiteral("body.bin"));
};

} // namespace Hookscope
