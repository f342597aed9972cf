#pragma once

#include "capturedrequest.h"

#include <QString>

namespace Hookscope::Verify
{

// Who sent a webhook and what happened, for the request table ("stripe / payment_intent.succeeded") and the filter
// (provider:stripe, event:push).
struct EventInfo {
    QString provider; // CLI-style provider name, empty when unknown
    QString event;    // the provider's event type, empty when unknown

    friend bool operator==(const EventInfo &, const EventInfo &) = default;
};

// Which provider sent the request and which event it is, from headers and (when needed) the body.
//
// Providers are recognised by the headers they always send (X-GitHub-Event, Stripe-Signature, svix-id, ...) and,
// for the unsigned or body-signed ones (Mailgun, Postmark, Mailchimp, ActiveCampaign, Intercom, SendGrid without
// signing), by the shape of the body. A Content-Encoding is undone first; bodies larger than 8 MiB once decoded are
// not looked into. The body is parsed at most once (JSON with simdjson, or as a form), and only when the headers
// leave the answer open. Hostile or broken input gives empty fields, never a crash.
//
// Unknown provider: provider stays empty, but a top-level JSON string "type", "event" or "event_type" (in that
// order) is still taken as the event.
EventInfo describeEvent(const CapturedRequest &request);

} // namespace Hookscope::Verify
