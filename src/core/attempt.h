#pragma once

#include "capturedrequest.h"

#include <QMetaType>
#include <QString>

namespace Hookscope {

// One resend or forwarding attempt of a stored request, as the store keeps it: what was sent and what came back.
struct StoredAttempt {
    qint64 id = 0;
    qint64 requestId = 0;
    QString rule;            // the forwarding rule's key; empty for a resend by hand
    qint64 startedUs = 0;    // unix microseconds
    QString url;
    QByteArray requestBytes; // the exact bytes sent
    int status = 0;          // 0: no response
    QByteArray reason;
    QByteArray httpVersion;
    HeaderList responseHeaders;
    QByteArray responseBody;
    qint64 connectUs = -1; // from the start of the attempt; -1 = not reached
    qint64 tlsUs = -1;
    qint64 firstByteUs = -1;
    qint64 totalUs = -1;
    QString error; // empty when a response came back

    bool delivered() const { return status >= 200 && status < 300; }
};

} // namespace Hookscope

Q_DECLARE_METATYPE(Hookscope::StoredAttempt)
