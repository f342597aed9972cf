#include "requestfilter.h"

#include <QTest>
#include <QTimeZone>

using namespace Qt::StringLiterals;

namespace Hookscope {

namespace {

struct Fixture {
    RequestSummary summary;
    HeaderList headers;
    QByteArray body;
};

qint64 utcUs(int year, int month, int day, int hour, int minute, int second = 0)
{
    return QDateTime(QDate(year, month, day), QTime(hour, minute, second), Qt::UTC).toMSecsSinceEpoch() * 1000;
}

// "Now" for every test but the local-time ones: noon on 2026-11-29 at UTC+01:00, so dates and times of day without
// an offset mean UTC+01:00 whatever the machine's zone.
QDateTime fixedNow()
{
    return QDateTime(QDate(2026, 11, 29), QTime(12, 0), QTimeZone(3600));
}

Fixture makeFixture(QByteArray method, QByteArray target, int status, qint64 receivedUs, HeaderList headers,
                    QByteArray body)
{
    Fixture fixture;
    fixture.summary.id = 1;
    fixture.summary.receivedUs = receivedUs;
    fixture.summary.method = std::move(method);
    fixture.summary.target = std::move(target);
    fixture.summary.statusSent = status;
    fixture.summary.bodySize = body.size();
    fixture.headers = std::move(headers);
    fixture.body = std::move(body);
    return fixture;
}

// 0: a Stripe event, pinned; 1: a rejected GitHub request just after midnight local time, no body, labelled red;
// 2: a 20 KiB upload with repeated and padded headers; 3: non-ASCII path and body.
const QList<Fixture> &fixtures()
{
    static const QList<Fixture> all = [] {
        QList<Fixture> list;
        list.append(makeFixture("POST", "/stripe/events?livemode=true&id=Evt_1", 200, utcUs(2026, 11, 29, 9, 15),
                                {{"Host", "localhost:7780"},
                                 {"Content-Type", "application/json; charset=utf-8"},
                                 {"Stripe-Signature", "t=1,v1=abc"},
                                 {"User-Agent", "Stripe/1.0"}},
                                R"({"id":"pi_123","object":"payment_intent","note":"Hello World"})"));
        list.last().summary.pinned = true;
        list.last().summary.annotation = {0 /* Verify::Verdict::Valid */, u"stripe"_s, u"payment_intent.succeeded"_s};
        list.append(
            makeFixture("GET", "/github/hook", 404, utcUs(2026, 11, 28, 23, 30),
                        {{"Host", "localhost:7780"}, {"X-GitHub-Event", "push"}, {"Content-Type", "text/plain"}}, {}));
        list.last().summary.rejectedReason = u"malformed request"_s;
        list.last().summary.annotation = {1 /* Verify::Verdict::Invalid */, u"github"_s, u"push"_s};
        list.last().summary.forward.state = ForwardState::Failed;
        list.last().summary.label = Label::Red;
        list.append(makeFixture("PUT", "/Stripe/Upper?x=1", 500, utcUs(2026, 11, 29, 11, 0),
                                {{"X-Tag", "one"}, {"x-tag", "two"}, {"X-Empty", ""}, {"X-Padded", "  spaced value  "}},
                                QByteArray(20480, 'a')));
        list.append(makeFixture("POST", "/caf\xc3\xa9/x", 201, utcUs(2026, 11, 29, 11, 30), {},
                                "Gr\xc3\xbc\xc3\x9f"
                                "e \xc3\x84"
                                "B"));
        return list;
    }();
    return all;
}

bool matchesFixture(const RequestFilter &filter, const Fixture &fixture)
{
    // Pass only what the filter says it needs, as the table's scan will.
    return filter.matches(fixture.summary, filter.needsHeaders() ? &fixture.headers : nullptr,
                          filter.needsBody() ? QByteArrayView(fixture.body) : QByteArrayView());
}

void matchRow(const char *filter, int fixture, bool expected)
{
    QTest::addRow("%s @%d", filter, fixture) << QString::fromUtf8(filter) << fixture << expected;
}

void errorRow(const char *filter, int position, int length, const char *mention)
{
    QTest::addRow("%s", filter) << QString::fromUtf8(filter) << position << length << QString::fromUtf8(mention);
}

} // namespace

class TestRequestFilter : public QObject
{
    Q_OBJECT

private slots:
    void matches_data();
    void matches();
    void errors_data();
    void errors();
    void needs_data();
    void needs();
    void verdict_data();
    void verdict();
    void search_data();
    void search();
    void timeZoneOfNow();
    void localTime();
    void emptyFilter();
    void copiesShareTerms();
};

void TestRequestFilter::matches_data()
{
    QTest::addColumn<QString>("filter");
    QTest::addColumn<int>("fixture");
    QTest::addColumn<bool>("expected");

    // Plain words: method, target, header names and values, body; ASCII case ignored; words ANDed in any order.
    matchRow("stripe", 0, true);
    matchRow("STRIPE", 0, true);
    matchRow("post", 0, true);
    matchRow("livemode", 0, true);
    matchRow("signature", 0, true);
    matchRow("charset", 0, true);
    matchRow("pi_123", 0, true);
    matchRow("PI_123", 0, true);
    matchRow("hello world", 0, true);
    matchRow("world hello", 0, true);
    matchRow("hello mars", 0, false);
    matchRow("nothing-here", 0, false);
    matchRow("github", 0, false);
    matchRow("github", 1, true);
    matchRow("push", 1, true);
    matchRow("stripe", 1, false);
    // Only ASCII letters fold: ü and ß match themselves, Ü does not match ü.
    matchRow("grüße", 3, true);
    matchRow("GRüßE", 3, true);
    matchRow("grÜße", 3, false);
    // Verification and event terms read the summary's annotation.
    matchRow("verdict:valid", 0, true);
    matchRow("verdict:VALID", 0, true);
    matchRow("verdict:invalid", 0, false);
    matchRow("verdict:invalid", 1, true);
    matchRow("-verdict:invalid", 1, false);
    matchRow("verdict:unsigned", 3, false); // not verified yet is not unsigned
    matchRow("provider:stripe", 0, true);
    matchRow("provider:Stripe", 0, true);
    matchRow("provider:github", 0, false);
    matchRow("provider:git*", 1, true);
    matchRow("event:push", 1, true);
    matchRow("event:payment_intent.*", 0, true);
    matchRow("event:payment_intent", 0, false);
    matchRow("-event:push", 0, true);
    matchRow("provider:stripe verdict:valid event:*succeeded", 0, true);
    matchRow("forward:failed", 1, true);
    matchRow("forward:FAILED", 1, true);
    matchRow("forward:delivered", 1, false);
    matchRow("forward:none", 0, true);
    matchRow("-forward:none", 1, true);
    matchRow("label:red", 1, true);
    matchRow("label:RED", 1, true);
    matchRow("label:red", 0, false);
    matchRow("label:blue", 1, false);
    matchRow("label:any", 1, true);
    matchRow("label:any", 0, false);
    matchRow("label:none", 0, true);
    matchRow("label:none", 1, false);
    matchRow("-label:red", 1, false);
    matchRow("-label:red", 0, true);
    matchRow("label:red method:GET", 1, true);
    matchRow("label:red method:POST", 1, false);

    // Quoting: spaces and ':' inside, \" and \\ escapes, quoted parts join the word around them.
    matchRow("\"hello world\"", 0, true);
    matchRow("\"HELLO WORLD\"", 0, true);
    matchRow("\"world hello\"", 0, false);
    matchRow("\"localhost:7780\"", 0, true);
    matchRow("\"/stripe/events?livemode\"", 0, true);
    matchRow("pay\"ment_int\"ent", 0, true);
    matchRow("body:\"\\\"id\\\":\\\"pi_123\\\"\"", 0, true);
    matchRow("body:\"\\\"id\\\":\\\"pi_124\\\"\"", 0, false);

    // method: exact, case ignored; field names ignore case too.
    matchRow("method:POST", 0, true);
    matchRow("method:post", 0, true);
    matchRow("METHOD:post", 0, true);
    matchRow("method:pos", 0, false);
    matchRow("method:GET", 0, false);
    matchRow("method:GET", 1, true);

    // path: a glob on the whole path (no query), case-sensitive; no glob character means equal.
    matchRow("path:/stripe/events", 0, true);
    matchRow("path:/stripe", 0, false);
    matchRow("path:/stripe*", 0, true);
    matchRow("path:/stripe/*", 0, true);
    matchRow("path:*events", 0, true);
    matchRow("path:/stripe/event?", 0, true);
    matchRow("path:/stripe/event??", 0, false);
    matchRow("path:*livemode*", 0, false);
    matchRow("path:/Stripe*", 0, false);
    matchRow("path:/Stripe*", 2, true);
    matchRow("path:/stripe/upper", 2, false);
    matchRow("path:*", 1, true);
    matchRow("path:/caf?/x", 3, true);
    matchRow("path:/caf\?\?/x", 3, false); // escaped: "??/" is a trigraph
    matchRow("path:/ca*?/x", 3, true);
    matchRow("path:/café/x", 3, true);

    // query: a substring of the query, case ignored.
    matchRow("query:livemode", 0, true);
    matchRow("query:LIVEMODE=TRUE", 0, true);
    matchRow("query:evt_1", 0, true);
    matchRow("query:stripe", 0, false);
    matchRow("query:x", 1, false);

    // status
    matchRow("status:200", 0, true);
    matchRow("status:404", 0, false);
    matchRow("status:404", 1, true);
    matchRow("status:4xx", 1, true);
    matchRow("status:4XX", 1, true);
    matchRow("status:4xx", 0, false);
    matchRow("status:40x", 1, true);
    matchRow("status:41x", 1, false);
    matchRow("status:>=400", 1, true);
    matchRow("status:>=400", 0, false);
    matchRow("status>=400", 1, true);
    matchRow("status:>404", 1, false);
    matchRow("status:<404", 1, false);
    matchRow("status:<=404", 1, true);
    matchRow("status<300", 0, true);
    matchRow("status=404", 1, true);
    matchRow("status:400-499", 1, true);
    matchRow("status:400-499", 2, false);
    matchRow("status:500-599", 2, true);

    // size: body bytes, units 1024-based.
    matchRow("size>10k", 2, true);
    matchRow("size>10k", 0, false);
    matchRow("size<1M", 2, true);
    matchRow("size>=20480", 2, true);
    matchRow("size>20480", 2, false);
    matchRow("size>=20k", 2, true);
    matchRow("size>=20kb", 2, true);
    matchRow("size:>10K", 2, true);
    matchRow("size>0.01M", 2, true);
    matchRow("size>0.02M", 2, false);
    matchRow("size=0", 1, true);
    matchRow("size=0", 0, false);
    matchRow("size:0", 1, true);
    matchRow("size<=1.5k", 0, true);
    matchRow("size:1k-20k", 2, true);
    matchRow("size:1k-19k", 2, false);
    matchRow("size>1G", 2, false);

    // Time: fixture 0 arrived 10:15 local (09:15Z); after is inclusive, before exclusive.
    matchRow("after:10:00", 0, true);
    matchRow("after:10:15", 0, true);
    matchRow("after:10:15:01", 0, false);
    matchRow("before:10:15", 0, false);
    matchRow("before:10:16", 0, true);
    matchRow("after:9:00", 0, true);
    matchRow("after:2026-11-29", 0, true);
    matchRow("before:2026-11-29", 0, false);
    matchRow("before:2026-11-30", 0, true);
    matchRow("after:2026-11-29T10:15", 0, true);
    matchRow("after:\"2026-11-29 10:15:30\"", 0, false);
    matchRow("after:2026-11-29T09:15:00Z", 0, true);
    matchRow("after:2026-11-29t09:15:00z", 0, true);
    matchRow("after:2026-11-29T09:15:00.000001Z", 0, false);
    matchRow("before:2026-11-29T10:15:00+01:00", 0, false);
    matchRow("before:2026-11-29T10:15:00.5+01:00", 0, true);
    matchRow("before:2026-11-29T10:16+0100", 0, true);
    matchRow("before:2026-11-29T04:16-05:00", 0, true);
    // Fixture 1 arrived 23:30Z on the 28th: 00:30 on the 29th local.
    matchRow("after:2026-11-29", 1, true);
    matchRow("after:2026-11-29T00:00:00Z", 1, false);
    matchRow("before:00:31", 1, true);
    matchRow("after:2026-11-29 before:2026-11-30", 1, true);
    matchRow("after:2026-11-29 -after:00:30", 1, false);

    // Flags
    matchRow("rejected:yes", 1, true);
    matchRow("rejected:yes", 0, false);
    matchRow("rejected:no", 0, true);
    matchRow("rejected:NO", 1, false);
    matchRow("rejected:true", 1, true);
    matchRow("pinned:yes", 0, true);
    matchRow("pinned:no", 0, false);
    matchRow("pinned:false", 1, true);

    // header: present / =equal / ~contains; names and values ignore case; any of repeated headers.
    matchRow("header:stripe-signature", 0, true);
    matchRow("header:STRIPE-SIGNATURE", 0, true);
    matchRow("header:stripe-sig", 0, false);
    matchRow("header:x-github-event", 1, true);
    matchRow("header:x-github-event=push", 1, true);
    matchRow("header:x-github-event=PUSH", 1, true);
    matchRow("header:x-github-event=pus", 1, false);
    matchRow("header:x-github-event=push", 0, false);
    matchRow("header:content-type~json", 0, true);
    matchRow("header:content-type~JSON", 0, true);
    matchRow("header:content-type~xml", 0, false);
    matchRow("header:content-type=application/json", 0, false);
    matchRow("header:\"content-type=application/json; charset=utf-8\"", 0, true);
    matchRow("header:content-type=\"application/json; charset=utf-8\"", 0, true);
    matchRow("header:x-tag=one", 2, true);
    matchRow("header:x-tag=two", 2, true);
    matchRow("header:x-tag~w", 2, true);
    matchRow("header:x-tag=", 2, false);
    matchRow("header:x-empty=", 2, true);
    matchRow("header:x-empty=\"\"", 2, true);
    matchRow("header:x-padded=\"spaced value\"", 2, true);

    // body: substring of the bytes, case ignored, quotes or not.
    matchRow("body:pi_123", 0, true);
    matchRow("body:\"pi_123\"", 0, true);
    matchRow("body:PI_123", 0, true);
    matchRow("body:\"hello world\"", 0, true);
    matchRow("body:stripe", 0, false);
    matchRow("body:x", 1, false);
    matchRow("body:\xc3\x84", 3, true);

    // Combinations: every term must match.
    matchRow("method:POST path:/stripe/* status:2xx", 0, true);
    matchRow("method:POST status:4xx", 0, false);
    matchRow("stripe pi_123 header:content-type~json size<1k pinned:yes after:10:00", 0, true);
    matchRow("stripe pi_123 header:content-type~json size<1k pinned:yes after:10:30", 0, false);
    matchRow("post github", 0, false);

    // Exclusion: any term, plain words and phrases included.
    matchRow("-method:GET", 0, true);
    matchRow("-method:GET", 1, false);
    matchRow("-stripe", 0, false);
    matchRow("-stripe", 1, true);
    matchRow("-\"hello world\"", 0, false);
    matchRow("-\"world hello\"", 0, true);
    matchRow("-header:x-github-event", 0, true);
    matchRow("-header:x-github-event", 1, false);
    matchRow("-status:4xx -rejected:yes", 0, true);
    matchRow("-status:4xx -rejected:yes", 1, false);
    matchRow("-body:pi_123", 0, false);
    matchRow("-size>10k", 2, false);
    matchRow("-pinned:yes", 0, false);
    matchRow("-path:/github/*", 1, false);
    matchRow("stripe -github -status:5xx", 0, true);
    matchRow("stripe -github -status:5xx", 2, false);
    matchRow("\"-stripe\"", 0, false);

    // Spacing
    matchRow("  method:POST\t stripe  ", 0, true);
    matchRow("", 1, true);
    matchRow("   ", 2, true);
}

void TestRequestFilter::matches()
{
    QFETCH(QString, filter);
    QFETCH(int, fixture);
    QFETCH(bool, expected);

    RequestFilter::ErrorSpan span{3, 4};
    const Result<RequestFilter> parsed = RequestFilter::parse(filter, fixedNow(), &span);
    QVERIFY2(parsed.isOk(), qPrintable(parsed.errorMessage()));
    QCOMPARE(span.position, -1);
    QCOMPARE(span.length, 0);
    const Fixture &request = fixtures().at(fixture);
    QCOMPARE(matchesFixture(parsed.value(), request), expected);

    // The summary-only verdict never contradicts the full test.
    const RequestFilter::Verdict verdict = parsed.value().verdict(request.summary);
    if (verdict != RequestFilter::Verdict::NeedsPayload)
        QCOMPARE(verdict == RequestFilter::Verdict::Match, expected);
}

void TestRequestFilter::errors_data()
{
    QTest::addColumn<QString>("filter");
    QTest::addColumn<int>("position");
    QTest::addColumn<int>("length");
    QTest::addColumn<QString>("mention"); // part of the message

    errorRow("foo:bar", 0, 7, "'foo:'");
    errorRow("method:POST foo:bar", 12, 7, "'foo:'");
    errorRow("-foo:bar", 0, 8, "'foo:'");
    errorRow("content-type:json", 0, 17, "'content-type:'");
    errorRow("https://example.com", 0, 19, "'https:'");
    errorRow("grüße foo:x", 6, 5, "'foo:'");
    errorRow("  foo:x  ", 2, 5, "'foo:'");
    errorRow("method:GET\tfoo:x", 11, 5, "'foo:'");
    errorRow("verdict:green", 0, 13, "valid, invalid, unsigned, no-secret or error");
    errorRow("provider:", 0, 9, "needs a value");
    errorRow("forward:lost", 0, 12, "pending, delivered, retrying, failed");
    errorRow("status:200 label:pink", 11, 10, "red, orange, yellow, green, blue, purple, gray, or any");

    errorRow("status:abc", 0, 10, "status:abc");
    errorRow("status:", 0, 7, "status:");
    errorRow("status:4x", 0, 9, "status:4x");
    errorRow("status:x4x", 0, 10, "status:x4x");
    errorRow("status:4xx0", 0, 11, "status:4xx0");
    errorRow("status:1000", 0, 11, "status:1000");
    errorRow("status:500-400", 0, 14, "status:500-400");
    errorRow("status:>=", 0, 9, "status:>=");
    errorRow("status:!=200", 0, 12, "status:!=200");
    errorRow("-status:abc", 0, 11, "-status:abc");

    errorRow("size>1X", 0, 7, "size>1X");
    errorRow("size>", 0, 5, "size>");
    errorRow("size==1", 0, 7, "size==1");
    errorRow("size:1.5", 0, 8, "size:1.5");
    errorRow("size:1.k", 0, 8, "size:1.k");
    errorRow("size>-1", 0, 7, "size>-1");
    errorRow("size:99999999999999999999", 0, 25, "size:99999999999999999999");
    errorRow("size:8589934592G", 0, 16, "size:8589934592G");
    errorRow("stripe size>10kk", 7, 9, "size>10kk");

    errorRow("\"unterminated", 0, 13, "quote");
    errorRow("body:\"pi 123", 0, 12, "quote");
    errorRow("stripe \"abc", 7, 4, "quote");
    errorRow("stripe -\"abc def", 7, 9, "quote");
    errorRow("body:\"a\\\"", 0, 9, "quote");

    errorRow("after:25:99", 0, 11, "after:25:99");
    errorRow("after:10:60", 0, 11, "after:10:60");
    errorRow("before:2026-13-01", 0, 17, "before:2026-13-01");
    errorRow("after:2026-02-30", 0, 16, "after:2026-02-30");
    errorRow("after:noon", 0, 10, "after:noon");
    errorRow("after:10:30Z", 0, 12, "after:10:30Z");
    errorRow("after:2026-11-29T10:30:00+25:00", 0, 31, "after:2026-11-29T10:30:00+25:00");
    errorRow("before:", 0, 7, "before:");

    errorRow("rejected:maybe", 0, 14, "rejected:maybe");
    errorRow("pinned:", 0, 7, "pinned:");
    errorRow("pinned:1", 0, 8, "pinned:1");

    errorRow("header:", 0, 7, "header:");
    errorRow("header:=x", 0, 9, "header:=x");
    errorRow("header:x~", 0, 9, "header:x~");

    errorRow("path:", 0, 5, "path:");
    errorRow("query:", 0, 6, "query:");
    errorRow("method:", 0, 7, "method:");
    errorRow("body:\"\"", 0, 7, "body:\"\"");

    errorRow("-", 0, 1, "'-'");
    errorRow("stripe -", 7, 1, "'-'");
    errorRow("- stripe", 0, 1, "'-'");
    errorRow("\"\"", 0, 2, "quotes");
    errorRow("-\"\"", 0, 3, "quotes");
}

void TestRequestFilter::errors()
{
    QFETCH(QString, filter);
    QFETCH(int, position);
    QFETCH(int, length);
    QFETCH(QString, mention);

    RequestFilter::ErrorSpan span;
    const Result<RequestFilter> parsed = RequestFilter::parse(filter, fixedNow(), &span);
    QVERIFY(!parsed.isOk());
    QCOMPARE(parsed.error().code, ErrorCode::Parse);
    QVERIFY2(parsed.errorMessage().contains(mention), qPrintable(parsed.errorMessage()));
    QCOMPARE(span.position, position);
    QCOMPARE(span.length, length);

    // Without a span the same error comes back.
    const Result<RequestFilter> again = RequestFilter::parse(filter, fixedNow());
    QVERIFY(!again.isOk());
    QCOMPARE(again.errorMessage(), parsed.errorMessage());
}

void TestRequestFilter::needs_data()
{
    QTest::addColumn<QString>("filter");
    QTest::addColumn<bool>("empty");
    QTest::addColumn<bool>("headers");
    QTest::addColumn<bool>("body");

    QTest::newRow("empty") << QString() << true << false << false;
    QTest::newRow("spaces") << u"  \t "_s << true << false << false;
    QTest::newRow("summary only") << u"method:GET status:4xx path:/x query:y size>1 after:10:00 before:2026-12-01 "
                                     u"rejected:no pinned:yes"_s
                                  << false << false << false;
    QTest::newRow("header") << u"header:x"_s << false << true << false;
    QTest::newRow("excluded header") << u"-header:x=y"_s << false << true << false;
    QTest::newRow("header contains") << u"method:GET header:x~y"_s << false << true << false;
    QTest::newRow("body") << u"body:x"_s << false << false << true;
    QTest::newRow("word") << u"stripe"_s << false << true << true;
    QTest::newRow("excluded phrase") << u"-\"a b\""_s << false << true << true;
    QTest::newRow("header and body") << u"header:x body:y"_s << false << true << true;
}

void TestRequestFilter::needs()
{
    QFETCH(QString, filter);
    QFETCH(bool, empty);
    QFETCH(bool, headers);
    QFETCH(bool, body);

    const Result<RequestFilter> parsed = RequestFilter::parse(filter, fixedNow());
    QVERIFY2(parsed.isOk(), qPrintable(parsed.errorMessage()));
    QCOMPARE(parsed.value().isEmpty(), empty);
    QCOMPARE(parsed.value().needsHeaders(), headers);
    QCOMPARE(parsed.value().needsBody(), body);
}

void TestRequestFilter::verdict_data()
{
    QTest::addColumn<QString>("filter");
    QTest::addColumn<int>("fixture");
    QTest::addColumn<int>("verdict");

    const int no = int(RequestFilter::Verdict::NoMatch);
    const int yes = int(RequestFilter::Verdict::Match);
    const int payload = int(RequestFilter::Verdict::NeedsPayload);
    QTest::newRow("empty") << QString() << 0 << yes;
    QTest::newRow("summary match") << u"method:POST status:2xx"_s << 0 << yes;
    QTest::newRow("summary mismatch") << u"method:GET"_s << 0 << no;
    QTest::newRow("word in target") << u"stripe"_s << 0 << yes;
    QTest::newRow("word in method") << u"pos"_s << 0 << yes;
    QTest::newRow("word elsewhere") << u"stripe"_s << 1 << payload;
    QTest::newRow("excluded word in target") << u"-stripe"_s << 0 << no;
    QTest::newRow("excluded word elsewhere") << u"-stripe"_s << 1 << payload;
    QTest::newRow("header term") << u"header:x stripe"_s << 0 << payload;
    QTest::newRow("body term") << u"body:x"_s << 0 << payload;
    QTest::newRow("summary decides first") << u"body:x method:GET"_s << 0 << no;
    QTest::newRow("summary decides last") << u"method:GET body:x"_s << 0 << no;
}

void TestRequestFilter::verdict()
{
    QFETCH(QString, filter);
    QFETCH(int, fixture);
    QFETCH(int, verdict);

    const Result<RequestFilter> parsed = RequestFilter::parse(filter, fixedNow());
    QVERIFY2(parsed.isOk(), qPrintable(parsed.errorMessage()));
    QCOMPARE(int(parsed.value().verdict(fixtures().at(fixture).summary)), verdict);
}

// The case-folding substring search on its edges: repeats, the ends of the text, candidates for the anchor byte in
// both cases, long needles, zero bytes.
void TestRequestFilter::search_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("needle");
    QTest::addColumn<bool>("expected");

    QTest::newRow("overlapping start") << QByteArray("aaaaab") << u"aab"_s << true;
    QTest::newRow("partial repeat") << QByteArray("abcabcabd") << u"abcabd"_s << true;
    QTest::newRow("at the end") << QByteArray("ABCDEF") << u"cdef"_s << true;
    QTest::newRow("at the start") << QByteArray("abcdef") << u"ABC"_s << true;
    QTest::newRow("whole") << QByteArray("abc") << u"abc"_s << true;
    QTest::newRow("longer than text") << QByteArray("xyz") << u"xyzw"_s << false;
    QTest::newRow("one byte") << QByteArray("abcx") << u"X"_s << true;
    QTest::newRow("one byte missing") << QByteArray("abc") << u"x"_s << false;
    QTest::newRow("non-ASCII exact") << QByteArray("\xc3\xa4") << u"ä"_s << true;
    QTest::newRow("non-ASCII no folding") << QByteArray("\xc3\xa4") << u"Ä"_s << false;
    QTest::newRow("long needle") << QByteArray(300, 'a') + 'b' << QString(260, u'a') + u'B' << true;
    QTest::newRow("long needle missing") << QByteArray(300, 'a') << QString(260, u'a') + u'b' << false;
    QTest::newRow("long needle late") << QByteArray(1000, 'x') + QByteArray(300, 'y') + "z" << QString(299, u'y') + u'z'
                                      << true;
    QTest::newRow("both cases of the anchor") << QByteArray("MxmxMxmXmV") << u"mv"_s << true;
    QTest::newRow("both cases, missing") << QByteArray("MxmxMxmXmW") << u"mv"_s << false;
    QTest::newRow("last candidate") << QByteArray("zzzzq") << u"zq"_s << true;
    QTest::newRow("rare byte anchor") << QByteArray("pi_123 pi_124") << u"PI_124"_s << true;
    QTest::newRow("rare byte anchor missing") << QByteArray("pi_123 pi_12") << u"pi_124"_s << false;
    QTest::newRow("zero bytes") << QByteArray("a\0b\0c", 5) << u"b"_s << true;
}

void TestRequestFilter::search()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, needle);
    QFETCH(bool, expected);

    const Result<RequestFilter> parsed = RequestFilter::parse(u"body:\""_s + needle + u'"', fixedNow());
    QVERIFY2(parsed.isOk(), qPrintable(parsed.errorMessage()));
    RequestSummary summary;
    summary.bodySize = body.size();
    QCOMPARE(parsed.value().matches(summary, nullptr, body), expected);
}

// Times without an offset follow now's zone: the same filter selects different requests for UTC and UTC+01:00.
void TestRequestFilter::timeZoneOfNow()
{
    const Fixture &request = fixtures().at(1); // 23:30Z on the 28th
    const QString filter = u"after:2026-11-29"_s;
    const QDateTime utcNow(QDate(2026, 11, 29), QTime(12, 0), Qt::UTC);
    QVERIFY(!matchesFixture(RequestFilter::parse(filter, utcNow).value(), request));
    QVERIFY(matchesFixture(RequestFilter::parse(filter, fixedNow()).value(), request));
    // At UTC-01:00 the request arrived at 22:30 on the 28th, still "today" late that evening.
    const QDateTime offsetNow(QDate(2026, 11, 28), QTime(23, 50), Qt::OffsetFromUTC, -3600);
    QVERIFY(!matchesFixture(RequestFilter::parse(u"after:23:00"_s, offsetNow).value(), request));
    QVERIFY(matchesFixture(RequestFilter::parse(u"after:22:30"_s, offsetNow).value(), request));
    // "Today" is now's date in now's zone: at 00:10 UTC+01:00 the 29th, 00:20 means 23:20Z on the 28th.
    const QDateTime earlyNow(QDate(2026, 11, 29), QTime(0, 10), QTimeZone(3600));
    QVERIFY(matchesFixture(RequestFilter::parse(u"after:00:20"_s, earlyNow).value(), request));
    // An invalid now means the current time, not an error.
    QVERIFY(RequestFilter::parse(u"after:10:30"_s, QDateTime()).isOk());
}

// The default now is local time: dates and times of day mean local midnight and today's local clock.
void TestRequestFilter::localTime()
{
    const QDateTime now = QDateTime::currentDateTime();
    RequestSummary summary;
    const Result<RequestFilter> after = RequestFilter::parse(u"after:10:30"_s);
    QVERIFY(after.isOk());
    const qint64 boundary = QDateTime(now.date(), QTime(10, 30)).toMSecsSinceEpoch() * 1000;
    summary.receivedUs = boundary;
    QVERIFY(after.value().matches(summary, nullptr, {}));
    summary.receivedUs = boundary - 1;
    QVERIFY(!after.value().matches(summary, nullptr, {}));

    const Result<RequestFilter> before = RequestFilter::parse(u"before:2026-11-29"_s, now);
    QVERIFY(before.isOk());
    const qint64 midnight = QDateTime(QDate(2026, 11, 29), QTime(0, 0)).toMSecsSinceEpoch() * 1000;
    summary.receivedUs = midnight;
    QVERIFY(!before.value().matches(summary, nullptr, {}));
    summary.receivedUs = midnight - 1;
    QVERIFY(before.value().matches(summary, nullptr, {}));
}

void TestRequestFilter::emptyFilter()
{
    const RequestFilter filter;
    QVERIFY(filter.isEmpty());
    QVERIFY(!filter.needsHeaders());
    QVERIFY(!filter.needsBody());
    for (const Fixture &fixture : fixtures()) {
        QVERIFY(filter.matches(fixture.summary, nullptr, {}));
        QCOMPARE(filter.verdict(fixture.summary), RequestFilter::Verdict::Match);
    }
    QVERIFY(filter.matches(RequestSummary(), nullptr, {}));
}

// A filter is a value: copies (as handed to a worker thread) match like the original.
void TestRequestFilter::copiesShareTerms()
{
    const Result<RequestFilter> parsed = RequestFilter::parse(u"stripe -status:4xx"_s, fixedNow());
    QVERIFY(parsed.isOk());
    RequestFilter copy = parsed.value();
    const RequestFilter moved = std::move(copy);
    QVERIFY(matchesFixture(moved, fixtures().at(0)));
    QVERIFY(!matchesFixture(moved, fixtures().at(1)));
    QCOMPARE(moved.needsHeaders(), parsed.value().needsHeaders());
}

} // namespace Hookscope

QTEST_GUILESS_MAIN(Hookscope::TestRequestFilter)
#include "tst_requestfilter.moc"
