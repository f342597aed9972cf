#include "responserule.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

namespace Hookscope {

using namespace Qt::StringLiterals;

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Hookscope::ResponseRule)
};

bool globMatch(QStringView pattern, QStringView text)
{
    // Iterative glob with '*' (any run, '/' included) and '?' (one character).
    qsizetype p = 0, t = 0, star = -1, mark = 0;
    while (t < text.size()) {
        if (p < pattern.size() && pattern[p] == u'*') { // before the literal test: a '*' in the path is text
            star = p++;
            mark = t;
        } else if (p < pattern.size() && (pattern[p] == u'?' || pattern[p] == text[t])) {
            ++p;
            ++t;
        } else if (star >= 0) {
            p = star + 1;
            t = ++mark;
        } else {
            return false;
        }
    }
    while (p < pattern.size() && pattern[p] == u'*')
        ++p;
    return p == pattern.size();
}

Result<int> parseStatus(const QString &text)
{
    bool ok = false;
    const int status = text.toInt(&ok);
    if (!ok || status < 100 || status > 999)
        return makeError(ErrorCode::InvalidArgument, Tr::tr("'%1' is not an HTTP status code (100-999)").arg(text));
    return status;
}
} // namespace

bool ResponseRule::matches(QByteArrayView requestMethod, QByteArrayView path) const
{
    if (!method.isEmpty() && method != "*" && method != requestMethod)
        return false;
    if (pathPattern.isEmpty() || pathPattern == u"*")
        return true;
    return globMatch(pathPattern, QString::fromUtf8(path));
}

ResponseRule ResponseRule::defaultRule()
{
    ResponseRule rule;
    rule.status = 200;
    rule.headers = {{"Content-Type", "application/json"}};
    rule.body = R"({"ok":true,"received_by":"hookscope"})";
    return rule;
}

Result<ResponseRule> ResponseRule::fromStatusSpec(const QString &spec)
{
    const qsizetype colon = spec.indexOf(u':');
    const Result<int> status = parseStatus(colon < 0 ? spec : spec.left(colon));
    if (!status)
        return status.error();
    ResponseRule rule;
    rule.status = status.value();
    if (colon >= 0) {
        rule.body = spec.mid(colon + 1).toUtf8();
        const QByteArray trimmed = rule.body.trimmed();
        const bool json = trimmed.startsWith('{') || trimmed.startsWith('[');
        rule.headers = {{"Content-Type", json ? "application/json" : "text/plain; charset=utf-8"}};
    }
    return rule;
}

Result<ResponseRule> ResponseRule::fromRuleSpec(const QString &spec)
{
    static const QRegularExpression shape(QStringLiteral(R"(^\s*(\S+)\s+(\S+)\s+(\S.*)$)"));
    const QRegularExpressionMatch match = shape.match(spec);
    if (!match.hasMatch())
        return makeError(ErrorCode::InvalidArgument,
                         Tr::tr("rule '%1' is not of the form 'METHOD PATH STATUS[:BODY]'").arg(spec));
    Result<ResponseRule> rule = fromStatusSpec(match.captured(3));
    if (!rule)
        return rule.error();
    rule.value().method = match.captured(1).toUpper().toLatin1();
    rule.value().pathPattern = match.captured(2);
    return rule;
}

ResponseRules::ResponseRules(QList<ResponseRule> rules, ResponseRule fallback)
    : m_rules(std::move(rules)), m_fallback(std::move(fallback))
{
}

const ResponseRule &ResponseRules::match(QByteArrayView method, QByteArrayView path) const
{
    for (const ResponseRule &rule : m_rules) {
        if (rule.matches(method, path))
            return rule;
    }
    return m_fallback;
}

namespace {
QJsonObject ruleToJson(const ResponseRule &rule)
{
    QJsonArray headers;
    for (const HeaderField &field : rule.headers)
        headers.append(QJsonArray{QString::fromUtf8(field.first), QString::fromUtf8(field.second)});
    return QJsonObject{{u"method"_s, QString::fromLatin1(rule.method)},
                       {u"path"_s, rule.pathPattern},
                       {u"status"_s, rule.status},
                       {u"headers"_s, headers},
                       {u"body_base64"_s, QString::fromLatin1(rule.body.toBase64())},
                       {u"delay_ms"_s, rule.delayMs}};
}

Result<ResponseRule> ruleFromJson(const QJsonObject &object)
{
    ResponseRule rule;
    rule.method = object.value(u"method"_s).toString().toLatin1();
    rule.pathPattern = object.value(u"path"_s).toString();
    rule.status = object.value(u"status"_s).toInt(200);
    if (rule.status < 100 || rule.status > 999)
        return makeError(ErrorCode::Parse, Tr::tr("stored response rule has an invalid status %1").arg(rule.status));
    const QJsonArray headers = object.value(u"headers"_s).toArray();
    for (const QJsonValue &value : headers) {
        const QJsonArray pair = value.toArray();
        rule.headers.append({pair.at(0).toString().toUtf8(), pair.at(1).toString().toUtf8()});
    }
    rule.body = QByteArray::fromBase64(object.value(u"body_base64"_s).toString().toLatin1());
    rule.delayMs = qMax(0, object.value(u"delay_ms"_s).toInt());
    return rule;
}
} // namespace

QByteArray ResponseRules::toJson() const
{
    QJsonArray rules;
    for (const ResponseRule &rule : m_rules)
        rules.append(ruleToJson(rule));
    const QJsonObject root{{u"version"_s, 1}, {u"rules"_s, rules}, {u"fallback"_s, ruleToJson(m_fallback)}};
    return QJsonDocument(root).toJson(QJsonDocument::Indented);
}

Result<ResponseRules> ResponseRules::fromJson(const QByteArray &json)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(json, &error);
    if (!document.isObject())
        return makeError(ErrorCode::Parse, Tr::tr("response rules are not valid JSON: %1").arg(error.errorString()));
    QList<ResponseRule> rules;
    const QJsonArray array = document.object().value(u"rules"_s).toArray();
    for (const QJsonValue &value : array) {
        Result<ResponseRule> rule = ruleFromJson(value.toObject());
        if (!rule)
            return rule.error();
        rules.append(std::move(rule).value());
    }
    Result<ResponseRule> fallback = document.object().contains(u"fallback"_s)
                                        ? ruleFromJson(document.object().value(u"fallback"_s).toObject())
                                        : Result<ResponseRule>(ResponseRule::defaultRule());
    if (!fallback)
        return fallback.error();
    return ResponseRules(std::move(rules), std::move(fallback).value());
}

QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 100: return "Continue";
    case 200: return "OK";
    case 201: return "Created";
    case 202: return "Accepted";
    case 204: return "No Content";
    case 301: return "Moved Permanently";
    case 302: return "Found";
    case 304: return "Not Modified";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 408: return "Request Timeout";
    case 409: return "Conflict";
    case 410: return "Gone";
    case 413: return "Content Too Large";
    case 415: return "Unsupported Media Type";
    case 422: return "Unprocessable Content";
    case 429: return "Too Many Requests";
    case 431: return "Request Header Fields Too Large";
    case 500: return "Internal Server Error";
    case 501: return "Not Implemented";
    case 502: return "Bad Gateway";
    case 503: return "Service Unavailable";
    case 504: return "Gateway Timeout";
    default: return "Unknown";
    }
}

} // namespace Hookscope
