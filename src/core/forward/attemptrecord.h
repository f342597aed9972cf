#pragma once

#include "attempt.h"
#include "httpsender.h"

namespace Hookscope::Resend
{
// What the store keeps of an attempt: the exact bytes sent, the response, the timings, the error.
StoredAttempt toStoredAttempt(const Attempt &attempt);
} // namespace Hookscope::Resend
