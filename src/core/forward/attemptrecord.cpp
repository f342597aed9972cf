#include "attemptrecord.h"

#include "outgoing.h"

namespace Hookscope::Resend
{

StoredAttempt toStoredAttempt(const Attempt &attempt)
{
    StoredAttempt stored;
    stored.startedUs = attempt.startedUs;
    stored.url = attempt.url.toString(QUrl::FullyEncoded);
    stored.requestBytes = serialize(attempt.request);
    if (attempt.response) {
        stored.status = attempt.response->status;
        stored.reason = attempt.response->reason;
        stored.httpVersion = attempt.response->httpVersion;
        stored.responseHeaders = attempt.response->headers;
        stored.responseBody = attempt.response->body;
    }
    stored.connectUs = attempt.timing.connectUs;
    stored.tlsUs = attempt.timing.tlsUs;
    stored.firstByteUs = attempt.timing.firstByteUs;
    stored.totalUs = attempt.timing.totalUs;
    stored.error = attempt.error;
    if (stored.error.isEmpty() && attempt.response && !stored.delivered())
        stored.error = QStringLiteral("HTTP %1 from %2").arg(stored.status).arg(stored.url);
    return stored;
}

} // namespace Hookscope::Resend
