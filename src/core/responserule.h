#pragma once

#include "capturedrequest.h"
#include "result.h"

#include <QByteArray>
#include <QList>
#include <QString>

namespace Hookscope {

// What the endpoint answers to requests matching a method and a path pattern.
struct ResponseRule {
    QByteArray method;              // empty or "*" matches every method
    QString pathPattern;            // glob on the path: "/stripe/*", "*" or empty for every path
    int status = 200;
    HeaderList headers;             // sent as given; Content-Length is always computed
    QByteArray body;
    int delayMs = 0;

    bool matches(QByteArrayView requestMethod, QByteArrayView path) const;

    // The default answer: 200 with a small JSON body.
    static ResponseRule defaultRule();
    // "STATUS[:BODY]" as given to `serve --respond`.
    static Result<ResponseRule> fromStatusSpec(const QString &spec);
    // "METHOD PATTERN STATUS[:BODY]" as given to `serve --rule`; METHOD may be "*".
    static Result<ResponseRule> fromRuleSpec(const QString &spec);
};

// An ordered rule list: the first matching rule answers; without a match, the fallback answers.
class ResponseRules
{
public:
    ResponseRules() = default;
    explicit ResponseRules(QList<ResponseRule> rules, ResponseRule fallback = ResponseRule::defaultRule());

    const ResponseRule &match(QByteArrayView method, QByteArrayView path) const;
    const QList<ResponseRule> &rules() const { return m_rules; }
    const ResponseRule &fallback() const { return m_fallback; }

    // Stored as JSON in the data directory for the GUI (see RequestStore::saveResponseRules).
    QByteArray toJson() const;
    static Result<ResponseRules> fromJson(const QByteArray &json);

private:
    QList<ResponseRule> m_rules;
    ResponseRule m_fallback = ResponseRule::defaultRule();
};

// The reason phrase for a status code ("Not Found"); "Unknown" for codes without one.
QByteArray reasonPhrase(int status);

} // namespace Hookscope
