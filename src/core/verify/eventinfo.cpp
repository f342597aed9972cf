#include "eventinfo.h"

#include "contentdecoder.h"
#include "formbody.h"

#include <QStringList>

#include <simdjson.h>

#include <array>
#include <optional>
#include <string_view>

namespace Hookscope::Verify
{

using namespace Qt::StringLiterals;

namespace
{

namespace ondemand = simdjson::ondemand;
using JsonType = ondemand::json_type;

// Bodies larger than this (after decoding) are not looked into: real webhooks are a few KiB, SendGrid's batches stay
// well under a MiB, and describing a row must stay cheap whatever was captured.
constexpr qsizetype maxParsedBody = qsizetype(8) * 1024 * 1024;
// Event names are short identifiers; a longer string is not taken as one (it would only bloat the table row).
constexpr qsizetype maxEventLength = 200;
// SendGrid and Mandrill batch events: at most this many distinct names are joined.
constexpr qsizetype maxDistinctEvents = 16;

// --- Headers ---------------------------------------------------------------------------------------------------

enum Header : int {
    ContentType,
    ContentEncoding,
    GitHubEvent,
    GitLabEvent,
    GitLabToken,
    StripeSignature,
    SlackSignature,
    SlackTimestamp,
    ShopifyTopic,
    ShopifyTopicEvents,
    ShopifyHmac,
    ShopifyHmacEvents,
    SendGridSignature,
    SendGridTimestamp,
    TwilioSignature,
    DiscordSignature,
    PaddleSignature,
    TwitchMessageType,
    TwitchSignature,
    TwitchSubscriptionType,
    ZoomSignature,
    ZoomTimestamp,
    SquareSignature,
    SquareSignatureSha1,
    LinearSignature,
    LinearEvent,
    LinearDelivery,
    TypeformSignature,
    BitbucketEventKey,
    VercelSignature,
    AtlassianWebhookIdentifier,
    MandrillSignature,
    SvixId,
    SvixSignature,
    WebhookId,
    WebhookTimestamp,
    WebhookSignature,
    HeaderCount
};

struct KnownHeader {
    QByteArrayView name; // lower case
    Header header;
};

constexpr KnownHeader knownHeaders[] = {
    {"content-type", ContentType},
    {"content-encoding", ContentEncoding},
    {"x-github-event", GitHubEvent},
    {"x-gitlab-event", GitLabEvent},
    {"x-gitlab-token", GitLabToken},
    {"stripe-signature", StripeSignature},
    {"x-slack-signature", SlackSignature},
    {"x-slack-request-timestamp", SlackTimestamp},
    {"x-shopify-topic", ShopifyTopic},
    {"shopify-topic", ShopifyTopicEvents},
    {"x-shopify-hmac-sha256", ShopifyHmac},
    {"shopify-hmac-sha256", ShopifyHmacEvents},
    {"x-twilio-email-event-webhook-signature", SendGridSignature},
    {"x-twilio-email-event-webhook-timestamp", SendGridTimestamp},
    {"x-twilio-signature", TwilioSignature},
    {"x-signature-ed25519", DiscordSignature},
    {"paddle-signature", PaddleSignature},
    {"twitch-eventsub-message-type", TwitchMessageType},
    {"twitch-eventsub-message-signature", TwitchSignature},
    {"twitch-eventsub-subscription-type", TwitchSubscriptionType},
    {"x-zm-signature", ZoomSignature},
    {"x-zm-request-timestamp", ZoomTimestamp},
    {"x-square-hmacsha256-signature", SquareSignature},
    {"x-square-signature", SquareSignatureSha1},
    {"linear-signature", LinearSignature},
    {"linear-event", LinearEvent},
    {"linear-delivery", LinearDelivery},
    {"typeform-signature", TypeformSignature},
    {"x-event-key", BitbucketEventKey},
    {"x-vercel-signature", VercelSignature},
    {"x-atlassian-webhook-identifier", AtlassianWebhookIdentifier},
    {"x-mandrill-signature", MandrillSignature},
    {"svix-id", SvixId},
    {"svix-signature", SvixSignature},
    {"webhook-id", WebhookId},
    {"webhook-timestamp", WebhookTimestamp},
    {"webhook-signature", WebhookSignature},
};

// The headers that matter here, found in one pass over the request's headers. The first value of a name wins, as in
// CapturedRequest::headerValue, except Content-Encoding, whose repeated values are joined as decodeContent wants.
class HeaderIndex
{
public:
    explicit HeaderIndex(const HeaderList &headers)
    {
        for (const HeaderField &field : headers) {
            for (const KnownHeader &known : knownHeaders) {
                if (known.name.size() != field.first.size() ||
                    known.name.compare(field.first, Qt::CaseInsensitive) != 0)
                    continue;
                QByteArray &slot = m_values[known.header];
                if (!m_present[known.header]) {
                    slot = field.second.trimmed();
                    m_present[known.header] = true;
                } else if (known.header == ContentEncoding) {
                    slot += QByteArrayView(", ") + field.second.trimmed();
                }
                break;
            }
        }
    }

    bool has(Header header) const { return m_present[header]; }
    const QByteArray &value(Header header) const { return m_values[header]; }
    QString text(Header header) const { return QString::fromUtf8(m_values[header]); }

private:
    std::array<QByteArray, HeaderCount> m_values;
    std::array<bool, HeaderCount> m_present{};
};

// --- JSON ------------------------------------------------------------------------------------------------------

// What the providers' rules need from a JSON body, read in one On Demand pass over the root's members (nested values
// are skipped unless listed). Strings longer than maxEventLength are left out.
struct JsonFacts {
    bool valid = false; // the text is a JSON object or array
    bool isArray = false;
    // Top-level string members of an object root.
    QString type;
    QString event;
    QString eventType;      // "event_type"
    QString eventTypeCamel; // "eventType"
    QString action;
    QString topic;
    QString recordType;   // Postmark "RecordType"
    QString webhookEvent; // Jira
    QString object;
    QString objectKind;               // GitLab "object_kind"
    QString eventName;                // GitLab system hooks "event_name"
    std::optional<qint64> typeNumber; // "type" as an integer (Discord)
    QString innerEventType;           // "event": {"type": ...} (Slack Events API, Discord Webhook Events)
    QString eventDataEvent;           // "event-data": {"event": ...} (Mailgun)
    bool hasSignatureObject = false;  // "signature": {...} (Mailgun)
    bool hasEventData = false;        // "event-data": {...} (Mailgun)
    bool hasFormResponse = false;     // "form_response": {...} (Typeform)
    // Array root: the "event" (else "type") string of each element object, distinct, in first-seen order.
    QStringList elementEvents;
    bool hasSendGridIds = false; // an element has "sg_event_id" or "sg_message_id"
};

struct StringMember {
    std::string_view key;
    QString JsonFacts::*member;
};

constexpr StringMember topLevelStrings[] = {
    {"type", &JsonFacts::type},
    {"event", &JsonFacts::event},
    {"event_type", &JsonFacts::eventType},
    {"eventType", &JsonFacts::eventTypeCamel},
    {"action", &JsonFacts::action},
    {"topic", &JsonFacts::topic},
    {"RecordType", &JsonFacts::recordType},
    {"webhookEvent", &JsonFacts::webhookEvent},
    {"object", &JsonFacts::object},
    {"object_kind", &JsonFacts::objectKind},
    {"event_name", &JsonFacts::eventName},
};

// Only simdjson's error-code API is used: it is built with exceptions, and a failed result used as a value throws.

// Reads a string value into *out unless *out is already set (the first of duplicate keys wins) or it is too long.
simdjson::error_code readName(ondemand::value &value, QString *out)
{
    std::string_view text;
    if (const auto error = value.get_string().get(text))
        return error;
    if (out->isEmpty() && qsizetype(text.size()) <= maxEventLength)
        *out = QString::fromUtf8(text.data(), qsizetype(text.size()));
    return simdjson::SUCCESS;
}

// Reads the string member `name` of an object value; other members are skipped.
simdjson::error_code readMemberName(ondemand::value &value, std::string_view name, QString *out)
{
    ondemand::object object;
    if (const auto error = value.get_object().get(object))
        return error;
    for (auto fieldResult : object) {
        ondemand::field field;
        if (const auto error = std::move(fieldResult).get(field))
            return error;
        std::string_view key;
        if (const auto error = field.unescaped_key().get(key))
            return error;
        if (key != name)
            continue;
        JsonType type;
        if (const auto error = field.value().type().get(type))
            return error;
        if (type == JsonType::string) {
            if (const auto error = readName(field.value(), out))
                return error;
        }
    }
    return simdjson::SUCCESS;
}

simdjson::error_code scanObject(ondemand::object &object, JsonFacts &facts)
{
    for (auto fieldResult : object) {
        ondemand::field field;
        if (const auto error = std::move(fieldResult).get(field))
            return error;
        std::string_view key;
        if (const auto error = field.unescaped_key().get(key))
            return error;
        ondemand::value &value = field.value();
        JsonType type;
        if (const auto error = value.type().get(type))
            return error;
        simdjson::error_code error = simdjson::SUCCESS;
        if (type == JsonType::string) {
            for (const StringMember &known : topLevelStrings) {
                if (known.key == key) {
                    error = readName(value, &(facts.*known.member));
                    break;
                }
            }
        } else if (type == JsonType::object) {
            // Values not read here are skipped by the iterator when it moves to the next member.
            if (key == "event") {
                error = readMemberName(value, "type", &facts.innerEventType);
            } else if (key == "event-data") {
                facts.hasEventData = true;
                error = readMemberName(value, "event", &facts.eventDataEvent);
            } else if (key == "signature") {
                facts.hasSignatureObject = true;
            } else if (key == "form_response") {
                facts.hasFormResponse = true;
            }
        } else if (type == JsonType::number && key == "type" && !facts.typeNumber) {
            int64_t number = 0;
            if (value.get_int64().get(number) == simdjson::SUCCESS)
                facts.typeNumber = qint64(number);
        }
        if (error)
            return error;
    }
    return simdjson::SUCCESS;
}

simdjson::error_code scanArray(ondemand::array &array, JsonFacts &facts)
{
    for (auto elementResult : array) {
        ondemand::value element;
        if (const auto error = std::move(elementResult).get(element))
            return error;
        JsonType type;
        if (const auto error = element.type().get(type))
            return error;
        if (type != JsonType::object)
            continue;
        ondemand::object object;
        if (const auto error = element.get_object().get(object))
            return error;
        QString event;
        QString typeName; // Mandrill's sync events carry "type" instead of "event"
        for (auto fieldResult : object) {
            ondemand::field field;
            if (const auto error = std::move(fieldResult).get(field))
                return error;
            std::string_view key;
            if (const auto error = field.unescaped_key().get(key))
                return error;
            if (key == "sg_event_id" || key == "sg_message_id") {
                facts.hasSendGridIds = true;
                continue;
            }
            if (key != "event" && key != "type")
                continue;
            JsonType valueType;
            if (const auto error = field.value().type().get(valueType))
                return error;
            if (valueType != JsonType::string)
                continue;
            if (const auto error = readName(field.value(), key == "event" ? &event : &typeName))
                return error;
        }
        const QString &name = event.isEmpty() ? typeName : event;
        if (!name.isEmpty() && facts.elementEvents.size() < maxDistinctEvents && !facts.elementEvents.contains(name))
            facts.elementEvents.append(name);
    }
    return simdjson::SUCCESS;
}

bool isJsonWhitespace(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

bool startsLikeJson(QByteArrayView text)
{
    qsizetype i = 0;
    while (i < text.size() && isJsonWhitespace(text[i]))
        ++i;
    return i < text.size() && (text[i] == '{' || text[i] == '[');
}

// All or nothing: text that is not a JSON object or array, or breaks down anywhere along the pass, gives no facts.
// On Demand checks only what it walks, so values skipped inside a valid-looking envelope are not validated.
JsonFacts scanJson(QByteArrayView text)
{
    if (text.size() > maxParsedBody || !startsLikeJson(text))
        return {};
    const simdjson::padded_string padded(text.data(), size_t(text.size()));
    ondemand::parser parser;
    ondemand::document document;
    if (parser.iterate(padded).get(document))
        return {};
    JsonType rootType;
    if (document.type().get(rootType))
        return {};
    JsonFacts facts;
    simdjson::error_code error = simdjson::SUCCESS;
    if (rootType == JsonType::object) {
        ondemand::object object;
        error = document.get_object().get(object);
        if (!error)
            error = scanObject(object, facts);
    } else if (rootType == JsonType::array) {
        facts.isArray = true;
        ondemand::array array;
        error = document.get_array().get(array);
        if (!error)
            error = scanArray(array, facts);
    } else {
        return {};
    }
    if (error)
        return {};
    // On Demand stops after the root value; a location still inside the text means something follows it.
    const char *trailing = nullptr;
    if (document.current_location().get(trailing) == simdjson::SUCCESS)
        return {};
    facts.valid = true;
    return facts;
}

// --- Forms -----------------------------------------------------------------------------------------------------

const FormField *findField(const FormFieldList &fields, QByteArrayView name)
{
    for (const FormField &field : fields) {
        if (field.name == name)
            return &field;
    }
    return nullptr;
}

bool hasField(const FormFieldList &fields, QByteArrayView name)
{
    return findField(fields, name) != nullptr;
}

bool hasFieldWithPrefix(const FormFieldList &fields, QByteArrayView prefix)
{
    for (const FormField &field : fields) {
        if (field.name.startsWith(prefix))
            return true;
    }
    return false;
}

// A field's value as an event name; empty when absent or too long.
QString fieldText(const FormFieldList &fields, QByteArrayView name)
{
    const FormField *field = findField(fields, name);
    if (!field || field->value.size() > maxEventLength)
        return {};
    return QString::fromUtf8(field->value);
}

bool isHex(QByteArrayView text)
{
    for (const char c : text) {
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')))
            return false;
    }
    return true;
}

// --- The body, decoded and parsed at most once -----------------------------------------------------------------

class Payload
{
public:
    enum class Kind { Other, Json, Form };

    Payload(const CapturedRequest &request, const HeaderIndex &headers) : m_request(request), m_headers(headers) {}

    Kind kind()
    {
        if (!m_kind) {
            const QByteArray &bytes = body();
            const QByteArray contentType = m_headers.value(ContentType).toLower();
            if (startsLikeJson(bytes))
                m_kind = Kind::Json;
            else if (contentType.contains("application/x-www-form-urlencoded"))
                m_kind = Kind::Form;
            else if (!m_headers.has(ContentType) && bytes.contains('='))
                m_kind = Kind::Form;
            else
                m_kind = Kind::Other;
        }
        return *m_kind;
    }

    const JsonFacts &json()
    {
        if (!m_json)
            m_json = kind() == Kind::Json ? scanJson(body()) : JsonFacts();
        return *m_json;
    }

    const FormFieldList &form()
    {
        if (!m_form)
            m_form = kind() == Kind::Form ? parseFormUrlEncoded(body()) : FormFieldList();
        return *m_form;
    }

private:
    // The body with its content codings undone; empty when it cannot be decoded or is too large to look into.
    const QByteArray &body()
    {
        if (!m_bodyReady) {
            m_bodyReady = true;
            const QByteArray &encoding = m_headers.value(ContentEncoding);
            if (!encoding.isEmpty()) {
                // The ceiling makes decodeContent give up as soon as the output would pass it.
                Result<QByteArray> decoded = decodeContent(m_request.body, encoding, maxParsedBody);
                if (decoded)
                    m_body = std::move(decoded).value();
            } else if (m_request.body.size() <= maxParsedBody) {
                m_body = m_request.body;
            }
        }
        return m_body;
    }

    const CapturedRequest &m_request;
    const HeaderIndex &m_headers;
    bool m_bodyReady = false;
    QByteArray m_body;
    std::optional<Kind> m_kind;
    std::optional<JsonFacts> m_json;
    std::optional<FormFieldList> m_form;
};

// --- Providers -------------------------------------------------------------------------------------------------

QString firstOf(std::initializer_list<const QString *> candidates)
{
    for (const QString *candidate : candidates) {
        if (!candidate->isEmpty())
            return *candidate;
    }
    return {};
}

// Unknown senders: the usual top-level names of an event type.
QString genericEvent(const JsonFacts &json)
{
    return firstOf({&json.type, &json.event, &json.eventType});
}

QString withAction(const QString &event, const QString &action)
{
    if (event.isEmpty() || action.isEmpty())
        return event;
    return event + u'.' + action;
}

// "issues" + body "action": "opened" gives "issues.opened". Form-encoded hooks carry the JSON in "payload".
QString gitHubEvent(const HeaderIndex &headers, Payload &payload)
{
    const QString event = headers.text(GitHubEvent);
    if (payload.kind() == Payload::Kind::Form) {
        const FormField *field = findField(payload.form(), "payload");
        return withAction(event, field ? scanJson(field->value).action : QString());
    }
    return withAction(event, payload.json().action);
}

// The body's object_kind ("push", "merge_request", "tag_push"), which matches event:push; else the header's name
// in the same form ("Push Hook" gives "push").
QString gitLabEvent(const HeaderIndex &headers, Payload &payload)
{
    const JsonFacts &json = payload.json();
    if (QString kind = firstOf({&json.objectKind, &json.eventName}); !kind.isEmpty())
        return kind;
    QString name = headers.text(GitLabEvent).toLower();
    if (name.endsWith(u" hook"))
        name.chop(5);
    return name.trimmed().replace(u' ', u'_');
}

// Slash commands: the command ("/deploy"); interactivity: the payload's type ("block_actions"); Events API: the
// inner event's type ("app_mention"), or the envelope's type ("url_verification").
QString slackEvent(Payload &payload)
{
    if (payload.kind() == Payload::Kind::Form) {
        const FormFieldList &form = payload.form();
        if (hasField(form, "command"))
            return fieldText(form, "command");
        if (const FormField *field = findField(form, "payload"))
            return scanJson(field->value).type;
        return {};
    }
    const JsonFacts &json = payload.json();
    if (json.type == u"event_callback" && !json.innerEventType.isEmpty())
        return json.innerEventType;
    return json.type;
}

// Twilio's classic webhooks have no event names; the resource and its status say what happened:
// "message.delivered" (MessageStatus / SmsStatus, "message.received" for an inbound SMS), "call.ringing"
// (CallStatus), "recording.completed", "transcription.completed"; without a status, "message" or "call" from the
// SID that is present. Newer products (Conversations, ...) send EventType, taken as is. JSON bodies: generic.
QString twilioEvent(Payload &payload)
{
    if (payload.kind() != Payload::Kind::Form)
        return genericEvent(payload.json());
    const FormFieldList &form = payload.form();
    if (QString event = fieldText(form, "EventType"); !event.isEmpty())
        return event;
    struct StatusField {
        QByteArrayView field;
        QStringView resource;
    };
    static constexpr StatusField statuses[] = {
        {"MessageStatus", u"message"},     {"SmsStatus", u"message"}, {"TranscriptionStatus", u"transcription"},
        {"RecordingStatus", u"recording"}, {"CallStatus", u"call"},
    };
    for (const StatusField &status : statuses) {
        if (const QString value = fieldText(form, status.field); !value.isEmpty())
            return status.resource + u'.' + value;
    }
    if (hasField(form, "MessageSid") || hasField(form, "SmsSid"))
        return u"message"_s;
    if (hasField(form, "CallSid"))
        return u"call"_s;
    return {};
}

// Interactions: the numeric type by its documented name; Webhook Events: the inner event's type
// ("APPLICATION_AUTHORIZED"), their PING being type 0.
QString discordEvent(const JsonFacts &json)
{
    if (!json.innerEventType.isEmpty())
        return json.innerEventType;
    if (!json.typeNumber)
        return {};
    switch (*json.typeNumber) {
    case 0:
    case 1:
        return u"ping"_s;
    case 2:
        return u"application_command"_s;
    case 3:
        return u"message_component"_s;
    case 4:
        return u"application_command_autocomplete"_s;
    case 5:
        return u"modal_submit"_s;
    default:
        return {};
    }
}

// Notifications: the subscription type ("channel.follow"); the challenge and revocations: the message type.
QString twitchEvent(const HeaderIndex &headers)
{
    const QString messageType = headers.text(TwitchMessageType);
    if (messageType == u"webhook_callback_verification" || messageType == u"revocation")
        return messageType;
    return headers.text(TwitchSubscriptionType);
}

// "Issue" (Linear-Event, else the body's type) + body "action": "create" gives "Issue.create".
QString linearEvent(const HeaderIndex &headers, Payload &payload)
{
    const JsonFacts &json = payload.json();
    const QString header = headers.text(LinearEvent);
    return withAction(header.isEmpty() ? json.type : header, json.action);
}

// SendGrid and Mandrill post batches: the one event name, or the distinct names joined with ',' in first-seen order.
QString batchEvent(const JsonFacts &json)
{
    return json.elementEvents.join(u',');
}

QString mandrillEvent(Payload &payload)
{
    const FormField *field = findField(payload.form(), "mandrill_events");
    return field ? batchEvent(scanJson(field->value)) : QString();
}

bool hasAnyPrefix(const QString &text, std::initializer_list<QStringView> prefixes)
{
    for (QStringView prefix : prefixes) {
        if (text.startsWith(prefix))
            return true;
    }
    return false;
}

// Svix delivers for many senders under its own headers; Clerk and Resend are told apart by their event types
// (Clerk's events also carry "object": "event", which tells its email.* / sms.* from Resend's email.*).
EventInfo svixEvent(const QString &provider, const JsonFacts &json)
{
    const QString event = firstOf({&json.type, &json.eventTypeCamel});
    if (provider != u"svix")
        return {provider, event};
    if (json.object == u"event" &&
        hasAnyPrefix(event,
                     {u"user.", u"session.", u"organization.", u"organizationMembership.", u"organizationInvitation.",
                      u"organizationDomain.", u"email.", u"sms.", u"role.", u"permission.", u"waitlistEntry.",
                      u"subscription.", u"subscriptionItem.", u"paymentAttempt."}))
        return {u"clerk"_s, event};
    if (hasAnyPrefix(event, {u"email.", u"contact.", u"domain."}))
        return {u"resend"_s, event};
    return {provider, event};
}

// Svix message ids are "msg_" + a 27-character base62 KSUID; it also sends unbranded webhook-* headers, and this is
// what tells such a delivery from another Standard Webhooks sender.
bool isSvixMessageId(QByteArrayView id)
{
    if (id.size() != 4 + 27 || !id.startsWith("msg_"))
        return false;
    for (const char c : id.sliced(4)) {
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')))
            return false;
    }
    return true;
}

// Providers with a header of their own. Order matters where headers are shared: GitLab's signing tokens use the
// Standard Webhooks headers, and SendGrid's names start like Twilio's.
std::optional<EventInfo> fromHeaders(const HeaderIndex &headers, Payload &payload)
{
    if (headers.has(GitHubEvent))
        return EventInfo{u"github"_s, gitHubEvent(headers, payload)};
    if (headers.has(GitLabEvent) || headers.has(GitLabToken))
        return EventInfo{u"gitlab"_s, gitLabEvent(headers, payload)};
    if (headers.has(StripeSignature))
        return EventInfo{u"stripe"_s, payload.json().type};
    if (headers.has(SlackSignature) || headers.has(SlackTimestamp))
        return EventInfo{u"slack"_s, slackEvent(payload)};
    if (headers.has(ShopifyTopic) || headers.has(ShopifyTopicEvents) || headers.has(ShopifyHmac) ||
        headers.has(ShopifyHmacEvents))
        return EventInfo{u"shopify"_s, headers.text(headers.has(ShopifyTopic) ? ShopifyTopic : ShopifyTopicEvents)};
    if (headers.has(SendGridSignature) || headers.has(SendGridTimestamp))
        return EventInfo{u"sendgrid"_s, batchEvent(payload.json())};
    if (headers.has(TwilioSignature))
        return EventInfo{u"twilio"_s, twilioEvent(payload)};
    if (headers.has(DiscordSignature))
        return EventInfo{u"discord"_s, discordEvent(payload.json())};
    if (headers.has(PaddleSignature))
        return EventInfo{u"paddle"_s, payload.json().eventType};
    if (headers.has(TwitchMessageType) || headers.has(TwitchSignature))
        return EventInfo{u"twitch"_s, twitchEvent(headers)};
    if (headers.has(ZoomSignature) || headers.has(ZoomTimestamp))
        return EventInfo{u"zoom"_s, payload.json().event};
    if (headers.has(SquareSignature) || headers.has(SquareSignatureSha1))
        return EventInfo{u"square"_s, payload.json().type};
    if (headers.has(LinearSignature) || headers.has(LinearEvent) || headers.has(LinearDelivery))
        return EventInfo{u"linear"_s, linearEvent(headers, payload)};
    if (headers.has(TypeformSignature))
        return EventInfo{u"typeform"_s, payload.json().eventType};
    if (headers.has(BitbucketEventKey))
        return EventInfo{u"bitbucket"_s, headers.text(BitbucketEventKey)};
    if (headers.has(VercelSignature))
        return EventInfo{u"vercel"_s, payload.json().type};
    if (headers.has(AtlassianWebhookIdentifier))
        return EventInfo{u"jira"_s, payload.json().webhookEvent};
    if (headers.has(MandrillSignature))
        return EventInfo{u"mailchimp-transactional"_s, mandrillEvent(payload)};
    if (headers.has(SvixId) || headers.has(SvixSignature))
        return svixEvent(u"svix"_s, payload.json());
    if (headers.has(WebhookId) && (headers.has(WebhookSignature) || headers.has(WebhookTimestamp))) {
        const bool svix = isSvixMessageId(headers.value(WebhookId));
        return svixEvent(svix ? u"svix"_s : u"standard-webhooks"_s, payload.json());
    }
    return std::nullopt;
}

// Senders without a header of their own (unsigned, or signed inside the body), by the shape of the body.
std::optional<EventInfo> fromBody(Payload &payload)
{
    if (payload.kind() == Payload::Kind::Form) {
        const FormFieldList &form = payload.form();
        if (hasField(form, "mandrill_events"))
            return EventInfo{u"mailchimp-transactional"_s, mandrillEvent(payload)};
        // Mailchimp Marketing audience webhooks: type=subscribe&fired_at=...&data[email]=...
        if (hasField(form, "type") && hasField(form, "fired_at") && hasFieldWithPrefix(form, "data["))
            return EventInfo{u"mailchimp"_s, fieldText(form, "type")};
        // ActiveCampaign: type=subscribe&date_time=...&initiated_by=admin&contact[email]=...
        if (hasField(form, "type") && (hasField(form, "initiated_by") || hasField(form, "initiated_from")) &&
            (hasField(form, "date_time") || hasFieldWithPrefix(form, "contact[")))
            return EventInfo{u"activecampaign"_s, fieldText(form, "type")};
        // Mailgun routes and legacy webhooks sign timestamp + token into a 64-hex "signature" field.
        const FormField *signature = findField(form, "signature");
        if (signature && signature->value.size() == 64 && isHex(signature->value) && hasField(form, "timestamp") &&
            hasField(form, "token"))
            return EventInfo{u"mailgun"_s, fieldText(form, "event")};
        return std::nullopt;
    }
    const JsonFacts &json = payload.json();
    if (!json.valid)
        return std::nullopt;
    if (json.isArray) {
        if (json.hasSendGridIds)
            return EventInfo{u"sendgrid"_s, batchEvent(json)};
        return std::nullopt;
    }
    if (json.hasSignatureObject && json.hasEventData)
        return EventInfo{u"mailgun"_s, json.eventDataEvent};
    if (json.type == u"notification_event" && !json.topic.isEmpty())
        return EventInfo{u"intercom"_s, json.topic};
    static constexpr QStringView postmarkRecordTypes[] = {u"Delivery", u"Bounce", u"SpamComplaint",
                                                          u"Open",     u"Click",  u"SubscriptionChange"};
    for (QStringView recordType : postmarkRecordTypes) {
        if (json.recordType == recordType)
            return EventInfo{u"postmark"_s, json.recordType};
    }
    if (json.hasFormResponse && !json.eventType.isEmpty())
        return EventInfo{u"typeform"_s, json.eventType};
    return std::nullopt;
}

} // namespace

EventInfo describeEvent(const CapturedRequest &request)
{
    const HeaderIndex headers(request.headers);
    Payload payload(request, headers);
    if (std::optional<EventInfo> info = fromHeaders(headers, payload))
        return *std::move(info);
    if (std::optional<EventInfo> info = fromBody(payload))
        return *std::move(info);
    return {QString(), genericEvent(payload.json())};
}

} // namespace Hookscope::Verify
