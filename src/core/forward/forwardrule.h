#pragma once

#include "capturedrequest.h"
#include "result.h"

#include <QList>
#include <QSet>
#include <QString>
#include <QUrl>

// Forwarding rules: requests whose path starts with a prefix (and, optionally, with a given method) are delivered to
// a target URL (docs/resend.md). Kept in <data dir>/forwarding.json; the CLI also takes them as serve --forward.
namespace Hookscope::Forward
{

enum class Mode {
    Queue, // answer the sender at once, deliver through the durable queue with retries
    Proxy, // wait for the target and answer the sender with its response
};

struct Rule {
    QString prefix = QStringLiteral("/"); // path prefix; "/" forwards everything
    QByteArray method;                    // empty: any method
    QUrl target;                          // http or https
    Mode mode = Mode::Queue;
    bool enabled = true;

    // The key deliveries are stored under: stable while the rule's prefix, method and target stay the same.
    QString key() const;
    bool matches(const CapturedRequest &request) const;
    // The target URL with the request's path after the prefix and its query appended:
    // prefix /stripe, target http://localhost:3000/hooks, request /stripe/events?x=1
    // -> http://localhost:3000/hooks/events?x=1
    QUrl resolve(const QByteArray &requestTarget) const;
    // The same as bytes: the target's origin, then the request-target exactly as it will be sent (the captured
    // rest of the path and query untouched: no percent-escape is normalized).
    QByteArray resolveBytes(const QByteArray &requestTarget) const;
    // The request-target part of resolveBytes(): path and query.
    QByteArray resolveRequestTarget(const QByteArray &requestTarget) const;
    // "PREFIX=URL" or "METHOD PREFIX=URL" (serve --forward); errors say what is wrong.
    static Result<Rule> parse(const QString &text, Mode mode = Mode::Queue);
    QString toString() const;

    friend bool operator==(const Rule &, const Rule &) = default;
};

using RuleList = QList<Rule>;

// The first enabled rule that matches, the longest prefix winning; nullptr when none does.
const Rule *match(const RuleList &rules, const CapturedRequest &request);
// The keys of the disabled rules, whose queued deliveries wait (Forwarder::setPausedRules).
QSet<QString> pausedRuleKeys(const RuleList &rules);

struct RetryPolicy {
    int initialMs = 1000;
    int maxMs = 5 * 60 * 1000;
    int maxAttempts = 10;
    // Delay before attempt number `attempt` (2 = the first retry): initial * 2^(attempt-2), capped at max, then a
    // random jitter taking off up to half, so a recovered target is not hit by every queue at once.
    qint64 delayMs(int attempt) const;
    friend bool operator==(const RetryPolicy &, const RetryPolicy &) = default;
};

struct Settings {
    RuleList rules;
    RetryPolicy retry;
    int timeoutMs = 30000; // one attempt; in proxy mode the sender gets 504 past it
};

QString filePath(const QString &dataDirectory);
Result<Settings> load(const QString &dataDirectory); // a missing file gives no rules
Result<void> save(const QString &dataDirectory, const Settings &settings);

} // namespace Hookscope::Forward
