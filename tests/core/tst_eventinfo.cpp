#include "eventinfo.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUrl>
#include <QtTest>

#include <iterator>

using namespace Qt::StringLiterals;
using Hookscope::CapturedRequest;
using Hookscope::HeaderList;
using Hookscope::Verify::describeEvent;
using Hookscope::Verify::EventInfo;

namespace
{

// What each request of signature-vectors.json must be described as, written out by hand from its headers and body.
struct VectorExpectation {
    const char *id;
    const char *provider;
    const char *event;
};

constexpr VectorExpectation vectorExpectations[] = {
    // X-GitHub-Event; the docs vector's body is not JSON, so no action.
    {"github-docs-vector", "github", "ping"},
    {"github-sha256-tampered-body", "github", "issues.opened"},
    {"github-sha1-legacy-valid", "github", "issues.opened"},
    {"github-sha1-legacy-tampered", "github", "issues.opened"},
    {"stripe-valid", "stripe", "payment_intent.succeeded"},
    {"stripe-tampered-body", "stripe", "payment_intent.succeeded"},
    // Slash command form: command=%2Fwebhook-collect
    {"slack-docs-vector", "slack", "/webhook-collect"},
    {"slack-docs-vector-stale", "slack", "/webhook-collect"},
    // {"test": 2432232314} names no event.
    {"stdwh-v1-official-vector", "standard-webhooks", ""},
    {"stdwh-v1-official-vector-raw-secret-misuse", "standard-webhooks", ""},
    {"stdwh-v1a-official-go-vector", "standard-webhooks", ""},
    {"stdwh-v1a-tampered", "standard-webhooks", ""},
    {"svix-valid", "svix", "invoice.paid"},
    {"svix-tampered", "svix", "invoice.paid"},
    // webhook-* headers with a Svix message id (msg_ + 27-character KSUID).
    {"svix-unbranded-headers-valid", "svix", "invoice.paid"},
    {"clerk-valid", "clerk", "user.created"},
    {"clerk-tampered", "clerk", "user.created"},
    {"resend-valid", "resend", "email.delivered"},
    {"resend-tampered", "resend", "email.delivered"},
    {"shopify-valid", "shopify", "orders/create"},
    {"shopify-tampered", "shopify", "orders/create"},
    {"shopify-events-style-headers-valid", "shopify", "orders/create"},
    // CallSid without a CallStatus.
    {"twilio-official-sdk-vector", "twilio", "call"},
    {"twilio-official-sdk-vector-tampered", "twilio", "call"},
    // {"property": "value", "boolean": true} names no event.
    {"twilio-official-bodysha256-vector", "twilio", ""},
    {"twilio-official-bodysha256-tampered", "twilio", ""},
    {"twilio-sharedkey-hmac-sha256-valid", "twilio", "call.ringing"},
    {"twilio-sharedkey-settings-header-stripped", "twilio", "call.ringing"},
    // "object_kind": "push"
    {"gitlab-token-valid", "gitlab", "push"},
    {"gitlab-token-wrong", "gitlab", "push"},
    {"gitlab-signing-token-valid", "gitlab", "push"},
    {"gitlab-signing-token-tampered", "gitlab", "push"},
    // Interaction types 1 and 2.
    {"discord-ping-valid", "discord", "ping"},
    {"discord-command-tampered", "discord", "application_command"},
    {"sendgrid-official-single", "sendgrid", "dropped"},
    {"sendgrid-official-single-crlf-stripped", "sendgrid", "dropped"},
    // {"data": ["1", "2"]} has no event_type.
    {"paddle-official-vector", "paddle", ""},
    {"paddle-official-vector-6s-late", "paddle", ""},
    {"twitch-valid", "twitch", "channel.follow"},
    {"twitch-tampered", "twitch", "channel.follow"},
    {"zoom-valid", "zoom", "meeting.started"},
    {"zoom-tampered", "zoom", "meeting.started"},
    {"square-official-vector", "square", "webhooks.test_notification"},
    {"square-official-url-mismatch", "square", "webhooks.test_notification"},
    // Linear-Event: Issue, "action": "create"
    {"linear-valid", "linear", "Issue.create"},
    {"linear-tampered", "linear", "Issue.create"},
    {"mailgun-json-valid", "mailgun", "delivered"},
    {"mailgun-json-token-tampered", "mailgun", "delivered"},
    // An inbound route: signed form fields, no event name.
    {"mailgun-route-form-valid", "mailgun", ""},
    {"typeform-valid", "typeform", "form_response"},
    {"typeform-tampered", "typeform", "form_response"},
    {"intercom-valid", "intercom", "conversation.user.created"},
    {"intercom-tampered", "intercom", "conversation.user.created"},
    {"bitbucket-valid", "bitbucket", "repo:push"},
    {"bitbucket-tampered", "bitbucket", "repo:push"},
    {"vercel-valid", "vercel", "deployment.succeeded"},
    {"vercel-tampered", "vercel", "deployment.succeeded"},
    {"jira-admin-webhook-valid", "jira", "jira:issue_created"},
    {"jira-admin-webhook-tampered", "jira", "jira:issue_created"},
    {"mandrill-valid", "mailchimp-transactional", "send"},
    {"mandrill-tampered", "mailchimp-transactional", "send"},
};

const VectorExpectation *expectationFor(const QString &id)
{
    for (const VectorExpectation &expectation : vectorExpectations) {
        if (id == QLatin1StringView(expectation.id))
            return &expectation;
    }
    return nullptr;
}

// QJsonObject sorts its keys; the order the headers were sent in is the order of the raw text. Returns the names of
// the next "headers" object after *position and moves *position past it.
QList<QByteArray> nextHeaderNames(const QByteArray &raw, qsizetype *position)
{
    const QByteArray marker = QByteArrayLiteral("\"headers\": {");
    qsizetype i = raw.indexOf(marker, *position);
    if (i < 0)
        return {};
    QList<QByteArray> names;
    QByteArray current;
    bool inString = false;
    bool expectKey = true;
    for (i += marker.size(); i < raw.size(); ++i) {
        const char c = raw[i];
        if (inString) {
            if (c == '\\' && i + 1 < raw.size()) {
                current += raw.mid(i, 2);
                ++i;
            } else if (c == '"') {
                inString = false;
                if (expectKey)
                    names.append(current);
            } else {
                current += c;
            }
        } else if (c == '"') {
            inString = true;
            current.clear();
        } else if (c == ':') {
            expectKey = false;
        } else if (c == ',') {
            expectKey = true;
        } else if (c == '}') {
            break;
        }
    }
    *position = i;
    return names;
}

CapturedRequest makeRequest(const QByteArray &method, const QByteArray &target, const HeaderList &headers,
                            const QByteArray &body)
{
    CapturedRequest request;
    request.method = method;
    request.target = target;
    request.httpVersion = "HTTP/1.1";
    request.headers = headers;
    request.body = body;
    return request;
}

CapturedRequest post(const HeaderList &headers, const QByteArray &body)
{
    return makeRequest("POST", "/hook", headers, body);
}

const HeaderList formType{{"Content-Type", "application/x-www-form-urlencoded"}};
const HeaderList jsonType{{"Content-Type", "application/json"}};

} // namespace

class TstEventInfo : public QObject
{
    Q_OBJECT

private slots:
    void vectors_data();
    void vectors();
    void cases_data();
    void cases();
    void oversizedBodyIsNotParsed();
};

void TstEventInfo::vectors_data()
{
    QTest::addColumn<CapturedRequest>("request");
    QTest::addColumn<QString>("vectorProvider");
    QTest::addColumn<QString>("provider");
    QTest::addColumn<QString>("event");

    QFile file(QStringLiteral(HOOKSCOPE_TEST_DATA_DIR "/signature-vectors.json"));
    QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(file.fileName()));
    const QByteArray raw = file.readAll();
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(raw, &error);
    QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(error.errorString()));
    const QJsonArray vectors = document.array();
    QCOMPARE(vectors.size(), qsizetype(std::size(vectorExpectations)));

    qsizetype position = 0;
    for (const QJsonValue &entry : vectors) {
        const QJsonObject vector = entry.toObject();
        const QString id = vector.value(u"id").toString();
        const VectorExpectation *expected = expectationFor(id);
        QVERIFY2(expected, qPrintable(u"no expectation written for vector "_s + id));

        CapturedRequest request;
        request.method = vector.value(u"method").toString().toUtf8();
        const QUrl url(vector.value(u"url").toString(), QUrl::StrictMode);
        QVERIFY2(url.isValid(), qPrintable(id));
        request.target = url.path(QUrl::FullyEncoded).toUtf8();
        if (url.hasQuery())
            request.target += '?' + url.query(QUrl::FullyEncoded).toUtf8();
        request.httpVersion = "HTTP/1.1";
        const QJsonObject headers = vector.value(u"headers").toObject();
        const QList<QByteArray> names = nextHeaderNames(raw, &position);
        QCOMPARE(names.size(), headers.size());
        for (const QByteArray &name : names) {
            const QString key = QString::fromUtf8(name);
            QVERIFY2(headers.contains(key), qPrintable(id + u": "_s + key));
            request.headers.append({name, headers.value(key).toString().toUtf8()});
        }
        request.body = vector.value(u"body").toString().toUtf8();

        QTest::newRow(qPrintable(id)) << request << vector.value(u"provider").toString()
                                      << QString::fromUtf8(expected->provider) << QString::fromUtf8(expected->event);
    }
}

void TstEventInfo::vectors()
{
    QFETCH(CapturedRequest, request);
    QFETCH(QString, vectorProvider);
    QFETCH(QString, provider);
    QFETCH(QString, event);

    QCOMPARE(provider, vectorProvider); // the table above agrees with the file
    const EventInfo info = describeEvent(request);
    QCOMPARE(info.provider, provider);
    QCOMPARE(info.event, event);
}

void TstEventInfo::cases_data()
{
    QTest::addColumn<CapturedRequest>("request");
    QTest::addColumn<QString>("provider");
    QTest::addColumn<QString>("event");

    // --- SendGrid ---
    const HeaderList sendGridHeaders = jsonType + HeaderList{{"X-Twilio-Email-Event-Webhook-Signature", "MEUCIQ=="},
                                                             {"X-Twilio-Email-Event-Webhook-Timestamp", "1767268800"}};
    QTest::newRow("sendgrid multi-event")
        << post(sendGridHeaders, "[{\"email\":\"a@example.com\",\"event\":\"processed\",\"sg_event_id\":\"e1\"},\r\n"
                                 "{\"email\":\"a@example.com\",\"event\":\"delivered\",\"sg_event_id\":\"e2\"},\r\n"
                                 "{\"email\":\"a@example.com\",\"event\":\"open\",\"sg_event_id\":\"e3\"},\r\n"
                                 "{\"email\":\"b@example.com\",\"event\":\"delivered\",\"sg_event_id\":\"e4\"}]\r\n")
        << u"sendgrid"_s << u"processed,delivered,open"_s;
    QTest::newRow("sendgrid all the same event")
        << post(sendGridHeaders,
                "[{\"event\":\"open\",\"sg_event_id\":\"e1\"},{\"event\":\"open\",\"sg_event_id\":\"e2\"}]")
        << u"sendgrid"_s << u"open"_s;
    QTest::newRow("sendgrid unsigned, by body")
        << post(jsonType, "[{\"email\":\"a@example.com\",\"event\":\"bounce\",\"sg_event_id\":\"e1\","
                          "\"sg_message_id\":\"m1\"},{\"event\":\"spamreport\",\"sg_event_id\":\"e2\"}]")
        << u"sendgrid"_s << u"bounce,spamreport"_s;
    QTest::newRow("json array of unknown events")
        << post(jsonType, "[{\"event\":\"a\"},{\"event\":\"b\"}]") << QString() << QString();

    // --- Mailchimp Marketing, ActiveCampaign, Postmark, Mandrill, Mailgun (no header of their own) ---
    QTest::newRow("mailchimp subscribe")
        << post(formType, "type=subscribe&fired_at=2026-01-01+11%3A59%3A58&data%5Bid%5D=8a25ff1d98&data%5Blist_id%5D="
                          "a6b5da1054&data%5Bemail%5D=api%40mailchimp.com&data%5Bemail_type%5D=html&data%5Bmerges%5D"
                          "%5BEMAIL%5D=api%40mailchimp.com&data%5Bip_opt%5D=10.20.10.30")
        << u"mailchimp"_s << u"subscribe"_s;
    QTest::newRow("mailchimp cleaned, brackets unescaped")
        << post(formType, "type=cleaned&fired_at=2026-01-01+11:59:58&data[list_id]=a6b5da1054&data[campaign_id]="
                          "4fjk2ma9xd&data[reason]=hard&data[email]=api%2Bcleaned%40mailchimp.com")
        << u"mailchimp"_s << u"cleaned"_s;
    QTest::newRow("activecampaign contact_tag_added")
        << post(formType, "type=contact_tag_added&date_time=2026-01-01T06%3A59%3A58-05%3A00&initiated_from=admin"
                          "&initiated_by=admin&list=0&tag=vip&contact%5Bid%5D=42&contact%5Bemail%5D=ada%40example.com"
                          "&contact%5Btags%5D=vip")
        << u"activecampaign"_s << u"contact_tag_added"_s;
    QTest::newRow("activecampaign subscribe")
        << post(formType, "type=subscribe&date_time=2026-01-01+11%3A59%3A58&initiated_by=system&list=1"
                          "&contact[id]=7&contact[email]=grace%40example.com&contact[first_name]=Grace")
        << u"activecampaign"_s << u"subscribe"_s;
    QTest::newRow("postmark bounce")
        << post(jsonType, "{\"RecordType\":\"Bounce\",\"MessageStream\":\"outbound\",\"ID\":4323372036854775807,"
                          "\"Type\":\"HardBounce\",\"TypeCode\":1,\"Email\":\"john@example.com\"}")
        << u"postmark"_s << u"Bounce"_s;
    QTest::newRow("postmark delivery with basic auth")
        << post(jsonType + HeaderList{{"Authorization", "Basic dXNlcjpwYXNz"}},
                "{\"MessageID\":\"883953f4-6105-42a2-a16a-77a8eac79483\",\"Recipient\":\"john@example.com\","
                "\"DeliveredAt\":\"2026-01-01T11:59:58Z\",\"RecordType\":\"Delivery\",\"MessageStream\":\"outbound\"}")
        << u"postmark"_s << u"Delivery"_s;
    QTest::newRow("unknown RecordType is not postmark")
        << post(jsonType, "{\"RecordType\":\"Invoice\"}") << QString() << QString();
    QTest::newRow("mandrill unsigned, two events")
        << post(formType, "mandrill_events=%5B%7B%22event%22%3A%22open%22%7D%2C%7B%22event%22%3A%22click%22%7D%2C"
                          "%7B%22event%22%3A%22open%22%7D%5D")
        << u"mailchimp-transactional"_s << u"open,click"_s;
    QTest::newRow("mandrill sync event")
        << post(formType + HeaderList{{"X-Mandrill-Signature", "AAAA"}},
                "mandrill_events=%5B%7B%22type%22%3A%22blacklist%22%2C%22action%22%3A%22add%22%7D%5D")
        << u"mailchimp-transactional"_s << u"blacklist"_s;
    QTest::newRow("mailgun legacy form webhook")
        << post(formType, "event=delivered&recipient=alice%40example.com&timestamp=1767268800&token="
                          "e0b5477167110d68991efc6b9f89f0a11066af27834600e1234&signature="
                          "480c8f884b97a8485bf47ae086807a4c55dde2b9d1ae70719b41ac6600805866")
        << u"mailgun"_s << u"delivered"_s;
    QTest::newRow("form with a non-hex signature is not mailgun")
        << post(formType, "event=delivered&timestamp=1&token=abc&signature=not-a-mailgun-signature-at-all") << QString()
        << QString();
    QTest::newRow("intercom without its header")
        << post(jsonType, "{\"type\":\"notification_event\",\"topic\":\"contact.user.created\",\"data\":{}}")
        << u"intercom"_s << u"contact.user.created"_s;
    QTest::newRow("typeform without its header")
        << post(jsonType,
                "{\"event_id\":\"01J\",\"event_type\":\"form_response\",\"form_response\":{\"form_id\":\"x\"}}")
        << u"typeform"_s << u"form_response"_s;

    // --- Other shapes of providers with headers ---
    QTest::newRow("github form-encoded payload") << post(formType + HeaderList{{"X-GitHub-Event", "pull_request"}},
                                                         "payload=%7B%22action%22%3A%22opened%22%2C%22number%22%3A1%7D")
                                                 << u"github"_s << u"pull_request.opened"_s;
    QTest::newRow("github header name in lower case")
        << post(jsonType + HeaderList{{"x-github-event", "push"}}, "{\"ref\":\"refs/heads/main\"}") << u"github"_s
        << u"push"_s;
    QTest::newRow("gitlab header only") << post(HeaderList{{"X-Gitlab-Event", "Merge Request Hook"}}, QByteArray())
                                        << u"gitlab"_s << u"merge_request"_s;
    QTest::newRow("gitlab body object_kind")
        << post(jsonType + HeaderList{{"X-Gitlab-Event", "Confidential Issue Hook"}, {"X-Gitlab-Token", "t"}},
                "{\"object_kind\":\"issue\",\"event_type\":\"confidential_issue\"}")
        << u"gitlab"_s << u"issue"_s;
    QTest::newRow("slack events api")
        << post(jsonType + HeaderList{{"X-Slack-Signature", "v0=00"}, {"X-Slack-Request-Timestamp", "1767268800"}},
                "{\"token\":\"x\",\"event\":{\"type\":\"app_mention\",\"text\":\"hi\"},\"type\":\"event_callback\"}")
        << u"slack"_s << u"app_mention"_s;
    QTest::newRow("slack url_verification")
        << post(jsonType + HeaderList{{"X-Slack-Signature", "v0=00"}},
                "{\"token\":\"x\",\"challenge\":\"abc\",\"type\":\"url_verification\"}")
        << u"slack"_s << u"url_verification"_s;
    QTest::newRow("slack interactivity")
        << post(formType + HeaderList{{"X-Slack-Signature", "v0=00"}},
                "payload=%7B%22type%22%3A%22block_actions%22%2C%22actions%22%3A%5B%5D%7D")
        << u"slack"_s << u"block_actions"_s;
    QTest::newRow("twilio sms status callback")
        << post(formType + HeaderList{{"X-Twilio-Signature", "AAAA"}},
                "MessageSid=SM1&SmsSid=SM1&MessageStatus=delivered&SmsStatus=delivered&To=%2B1555")
        << u"twilio"_s << u"message.delivered"_s;
    QTest::newRow("twilio inbound sms")
        << post(formType + HeaderList{{"X-Twilio-Signature", "AAAA"}},
                "ToCountry=US&SmsMessageSid=SM2&SmsSid=SM2&SmsStatus=received&Body=Hello&MessageSid=SM2")
        << u"twilio"_s << u"message.received"_s;
    QTest::newRow("twilio conversations EventType") << post(formType + HeaderList{{"X-Twilio-Signature", "AAAA"}},
                                                            "EventType=onMessageAdded&ConversationSid=CH1&Body=hi")
                                                    << u"twilio"_s << u"onMessageAdded"_s;
    QTest::newRow("discord webhook event")
        << post(jsonType + HeaderList{{"X-Signature-Ed25519", "00"}, {"X-Signature-Timestamp", "1"}},
                "{\"version\":1,\"application_id\":\"1\",\"type\":1,\"event\":{\"type\":\"APPLICATION_AUTHORIZED\","
                "\"timestamp\":\"2026-01-01T11:59:58Z\",\"data\":{}}}")
        << u"discord"_s << u"APPLICATION_AUTHORIZED"_s;
    QTest::newRow("discord webhook event ping") << post(jsonType + HeaderList{{"X-Signature-Ed25519", "00"}},
                                                        "{\"version\":1,\"application_id\":\"1\",\"type\":0}")
                                                << u"discord"_s << u"ping"_s;
    QTest::newRow("discord modal submit")
        << post(jsonType + HeaderList{{"X-Signature-Ed25519", "00"}}, "{\"type\":5,\"data\":{\"custom_id\":\"m\"}}")
        << u"discord"_s << u"modal_submit"_s;
    const HeaderList twitchChallenge{{"Twitch-Eventsub-Message-Type", "webhook_callback_verification"},
                                     {"Twitch-Eventsub-Subscription-Type", "channel.follow"}};
    QTest::newRow("twitch challenge") << post(jsonType + twitchChallenge, "{\"challenge\":\"abc\"}") << u"twitch"_s
                                      << u"webhook_callback_verification"_s;
    QTest::newRow("paddle event_type")
        << post(jsonType + HeaderList{{"Paddle-Signature", "ts=1;h1=00"}},
                "{\"event_id\":\"evt_01\",\"event_type\":\"subscription.created\",\"data\":{}}")
        << u"paddle"_s << u"subscription.created"_s;
    QTest::newRow("zoom url validation")
        << post(jsonType + HeaderList{{"x-zm-signature", "v0=00"}, {"x-zm-request-timestamp", "1"}},
                "{\"payload\":{\"plainToken\":\"abc\"},\"event_ts\":1,\"event\":\"endpoint.url_validation\"}")
        << u"zoom"_s << u"endpoint.url_validation"_s;
    QTest::newRow("jira by header, event from body")
        << post(jsonType + HeaderList{{"X-Atlassian-Webhook-Identifier", "1"}},
                "{\"timestamp\":1,\"webhookEvent\":\"comment_created\"}")
        << u"jira"_s << u"comment_created"_s;
    QTest::newRow("shopify hmac without topic")
        << post(jsonType + HeaderList{{"X-Shopify-Hmac-Sha256", "AA=="}}, "{}") << u"shopify"_s << QString();

    // --- Svix family ---
    QTest::newRow("clerk session.created")
        << post(jsonType + HeaderList{{"svix-id", "msg_1"}, {"svix-timestamp", "1"}, {"svix-signature", "v1,AA=="}},
                "{\"data\":{\"id\":\"sess_1\"},\"object\":\"event\",\"type\":\"session.created\"}")
        << u"clerk"_s << u"session.created"_s;
    QTest::newRow("clerk email.created is not resend")
        << post(jsonType + HeaderList{{"svix-id", "msg_1"}},
                "{\"data\":{},\"object\":\"event\",\"type\":\"email.created\"}")
        << u"clerk"_s << u"email.created"_s;
    QTest::newRow("resend contact.created")
        << post(jsonType + HeaderList{{"svix-id", "msg_1"}}, "{\"type\":\"contact.created\",\"data\":{}}")
        << u"resend"_s << u"contact.created"_s;
    QTest::newRow("svix eventType") << post(jsonType + HeaderList{{"svix-id", "msg_1"}},
                                            "{\"eventType\":\"user.signup\",\"payload\":{}}")
                                    << u"svix"_s << u"user.signup"_s;
    QTest::newRow("clerk through unbranded svix headers")
        << post(jsonType + HeaderList{{"webhook-id", "msg_2a6FDZt7JtXoQdMkmeIvmJQcLcT"},
                                      {"webhook-timestamp", "1767268800"},
                                      {"webhook-signature", "v1,AA=="}},
                "{\"object\":\"event\",\"type\":\"organization.created\",\"data\":{}}")
        << u"clerk"_s << u"organization.created"_s;
    QTest::newRow("standard webhooks with a uuid id")
        << post(jsonType + HeaderList{{"webhook-id", "4f1a0bde-4d2c-4b9e-9a5f-0c1d2e3f4a5b"},
                                      {"webhook-timestamp", "1767268800"},
                                      {"webhook-signature", "v1,AA=="}},
                "{\"type\":\"email.sent\",\"timestamp\":\"2026-01-01T11:59:58Z\",\"data\":{}}")
        << u"standard-webhooks"_s << u"email.sent"_s;

    // --- Content-Encoding ---
    // python3 -c "import gzip;
    // print(gzip.compress(b'{\"id\":\"evt_1\",\"object\":\"event\",\"type\":\"charge.refunded\",
    //   \"data\":{\"object\":{\"id\":\"ch_1\",\"object\":\"charge\",\"refunded\":true}}}', mtime=0).hex())"
    const QByteArray gzipped = QByteArray::fromHex(
        "1f8b0800000000000203ab56ca4c51b2524a2d2b893754d251ca4fca4a4d2e010ba4e69500054a2a0b5281dce48cc4a2f454bda2d4b4"
        "d2bc94d414a0444a6249a29255355c4735c4a0e40c5473201a812270ad562545a5a9b5b5b500812b041d7a000000");
    const HeaderList stripeHeaders = jsonType + HeaderList{{"Stripe-Signature", "t=1767268800,v1=00"}};
    QTest::newRow("gzip body") << post(stripeHeaders + HeaderList{{"Content-Encoding", "gzip"}}, gzipped) << u"stripe"_s
                               << u"charge.refunded"_s;
    QTest::newRow("gzip then identity, two headers")
        << post(stripeHeaders + HeaderList{{"Content-Encoding", "gzip"}, {"content-encoding", "identity"}}, gzipped)
        << u"stripe"_s << u"charge.refunded"_s;
    QTest::newRow("gzip header over a plain body")
        << post(stripeHeaders + HeaderList{{"Content-Encoding", "gzip"}}, "{\"type\":\"charge.refunded\"}")
        << u"stripe"_s << QString();
    QTest::newRow("unknown coding") << post(stripeHeaders + HeaderList{{"Content-Encoding", "compress"}}, gzipped)
                                    << u"stripe"_s << QString();

    // --- Bad JSON, empty bodies, unknown requests ---
    QTest::newRow("truncated json") << post(stripeHeaders, "{\"type\":\"payment_intent.succeeded\"") << u"stripe"_s
                                    << QString();
    QTest::newRow("json with trailing text")
        << post(jsonType, "{\"type\":\"order.paid\"} trailing") << QString() << QString();
    QTest::newRow("json with a bad member")
        << post(jsonType, "{\"type\":\"order.paid\",\"amount\":}") << QString() << QString();
    QTest::newRow("invalid utf-8 in json") << post(jsonType, "{\"type\":\"order\xff.paid\"}") << QString() << QString();
    QTest::newRow("not json although labelled so") << post(stripeHeaders, "Hello, World!") << u"stripe"_s << QString();
    QTest::newRow("json type is a number") << post(stripeHeaders, "{\"type\":42}") << u"stripe"_s << QString();
    QTest::newRow("deeply nested json") << post(jsonType, QByteArray(100000, '[') + QByteArray(100000, ']'))
                                        << QString() << QString();
    QTest::newRow("overlong event name") << post(jsonType,
                                                 "{\"type\":\"" + QByteArray(201, 'x') + "\",\"event\":\"short\"}")
                                         << QString() << u"short"_s;
    QTest::newRow("empty body, known provider") << post(stripeHeaders, QByteArray()) << u"stripe"_s << QString();
    QTest::newRow("empty body, no headers") << post(HeaderList(), QByteArray()) << QString() << QString();
    QTest::newRow("browser GET") << makeRequest("GET", "/favicon.ico",
                                                {{"Host", "localhost:8080"}, {"User-Agent", "Mozilla/5.0"}},
                                                QByteArray())
                                 << QString() << QString();
    QTest::newRow("unknown json type") << post(jsonType, "{\"id\":1,\"type\":\"order.paid\",\"event\":\"ignored\"}")
                                       << QString() << u"order.paid"_s;
    QTest::newRow("unknown json event") << post(jsonType,
                                                "{\"event\":\"build.finished\",\"data\":{\"type\":\"inner\"}}")
                                        << QString() << u"build.finished"_s;
    QTest::newRow("unknown json event_type")
        << post(HeaderList(), "  {\"event_type\":\"invoice.created\"}\n") << QString() << u"invoice.created"_s;
    QTest::newRow("unknown form") << post(formType, "type=subscribe&name=x") << QString() << QString();
    QTest::newRow("unknown plain text") << post({{"Content-Type", "text/plain"}}, "type=x") << QString() << QString();
}

void TstEventInfo::cases()
{
    QFETCH(CapturedRequest, request);
    QFETCH(QString, provider);
    QFETCH(QString, event);

    const EventInfo info = describeEvent(request);
    QCOMPARE(info.provider, provider);
    QCOMPARE(info.event, event);
}

void TstEventInfo::oversizedBodyIsNotParsed()
{
    // Over 8 MiB: the provider still comes from the headers, the body is not looked into.
    QByteArray body = "{\"type\":\"payment_intent.succeeded\",\"padding\":\"";
    body += QByteArray(9 * 1024 * 1024, 'x');
    body += "\"}";
    const CapturedRequest request = post({{"Stripe-Signature", "t=1,v1=00"}}, body);
    QCOMPARE(describeEvent(request), (EventInfo{u"stripe"_s, QString()}));

    // The same event in a small body is found.
    const CapturedRequest small = post({{"Stripe-Signature", "t=1,v1=00"}}, "{\"type\":\"payment_intent.succeeded\"}");
    QCOMPARE(describeEvent(small), (EventInfo{u"stripe"_s, u"payment_intent.succeeded"_s}));
}

QTEST_GUILESS_MAIN(TstEventInfo)
#include "tst_eventinfo.moc"
