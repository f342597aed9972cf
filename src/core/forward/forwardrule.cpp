#include "forwardrule.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QSaveFile>

using namespace Qt::StringLiterals;

namespace Hookscope::Forward
{

namespace
{
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Hookscope::Forward)
};

bool isHttpUrl(const QUrl &url)
{
    return url.isValid() && !url.host().isEmpty() && (url.scheme() == u"http" || url.scheme() == u"https");
}
} // namespace

QString Rule::key() const
{
    return (method.isEmpty() ? QString() : QString::fromLatin1(method) + u' ') + prefix + u'=' + target.toString();
}

QSet<QString> pausedRuleKeys(const RuleList &rules)
{
    QSet<QString> keys;
    for (const Rule &rule : rules) {
        if (!rule.enabled)
            keys.insert(rule.key());
    }
    return keys;
}

bool Rule::matches(const CapturedRequest &request) const
{
    if (!enabled || request.isRejected())
        return false;
    if (!method.isEmpty() && request.method.compare(method, Qt::CaseInsensitive) != 0)
        return false;
    const QByteArray path = request.path();
    const QByteArray p = prefix.toUtf8();
    if (!path.startsWith(p))
        return false;
    // "/stripe" matches /stripe and /stripe/..., not /stripes.
    return p.endsWith('/') || path.size() == p.size() || path.at(p.size()) == '/';
}

QByteArray Rule::resolveRequestTarget(const QByteArray &requestTarget) const
{
    const qsizetype question = requestTarget.indexOf('?');
    const QByteArray path = question < 0 ? requestTarget : requestTarget.left(question);
    const QByteArray query = question < 0 ? QByteArray() : requestTarget.mid(question + 1);
    QByteArray rest = path.mid(qMin<qsizetype>(prefix.toUtf8().size(), path.size()));
    const QByteArray base = target.path(QUrl::FullyEncoded).toUtf8();
    if (base.endsWith('/') && rest.startsWith('/'))
        rest.remove(0, 1);
    else if (!base.endsWith('/') && !rest.isEmpty() && !rest.startsWith('/'))
        rest.prepend('/');
    QByteArray joined = base + rest;
    if (joined.isEmpty())
        joined = "/";
    QByteArray targetQuery = target.query(QUrl::FullyEncoded).toUtf8();
    if (!query.isEmpty())
        targetQuery = targetQuery.isEmpty() ? query : targetQuery + '&' + query;
    return targetQuery.isEmpty() ? joined : joined + '?' + targetQuery;
}

QByteArray Rule::resolveBytes(const QByteArray &requestTarget) const
{
    const QByteArray origin =
        target.adjusted(QUrl::RemovePath | QUrl::RemoveQuery | QUrl::RemoveFragment).toEncoded(QUrl::FullyEncoded);
    return (origin.endsWith('/') ? origin.chopped(1) : origin) + resolveRequestTarget(requestTarget);
}

QUrl Rule::resolve(const QByteArray &requestTarget) const
{
    // Tolerant: a captured target with a stray '%' ("?a=%zz") still gives a usable URL.
    return QUrl::fromEncoded(resolveBytes(requestTarget), QUrl::TolerantMode);
}

Result<Rule> Rule::parse(const QString &text, Mode mode)
{
    Rule rule;
    rule.mode = mode;
    QString spec = text.trimmed();
    const qsizetype space = spec.indexOf(u' ');
    const qsizetype equals = spec.indexOf(u'=');
    if (space > 0 && (equals < 0 || space < equals)) {
        rule.method = spec.left(space).toLatin1().toUpper();
        spec = spec.mid(space + 1).trimmed();
    }
    const qsizetype eq = spec.indexOf(u'=');
    if (eq < 0)
        return makeError(ErrorCode::InvalidArgument,
                         Tr::tr("forwarding rule \"%1\" must be PREFIX=URL, e.g. /stripe=http://localhost:3000/webhooks")
                             .arg(text));
    rule.prefix = spec.left(eq).trimmed();
    if (!rule.prefix.startsWith(u'/'))
        return makeError(ErrorCode::InvalidArgument,
                         Tr::tr("forwarding prefix \"%1\" must start with /").arg(rule.prefix));
    rule.target = QUrl(spec.mid(eq + 1).trimmed(), QUrl::StrictMode);
    if (!isHttpUrl(rule.target))
        return makeError(ErrorCode::InvalidArgument,
                         Tr::tr("forwarding target \"%1\" is not an http:// or https:// URL").arg(spec.mid(eq + 1)));
    return rule;
}

QString Rule::toString() const
{
    return (method.isEmpty() ? QString() : QString::fromLatin1(method) + u' ') + prefix + u'=' + target.toString();
}

const Rule *match(const RuleList &rules, const CapturedRequest &request)
{
    const Rule *best = nullptr;
    for (const Rule &rule : rules) {
        if (rule.matches(request) && (!best || rule.prefix.size() > best->prefix.size()))
            best = &rule;
    }
    return best;
}

qint64 RetryPolicy::delayMs(int attempt) const
{
    qint64 delay = initialMs;
    for (int i = 2; i < attempt && delay < maxMs; ++i)
        delay *= 2;
    delay = qMin<qint64>(delay, maxMs);
    const qint64 jitter = delay / 2 > 0 ? QRandomGenerator::global()->bounded(delay / 2 + 1) : 0;
    return qMax<qint64>(1, delay - jitter);
}

QString filePath(const QString &dataDirectory)
{
    return QDir(dataDirectory).filePath(u"forwarding.json"_s);
}

Result<Settings> load(const QString &dataDirectory)
{
    Settings settings;
    QFile file(filePath(dataDirectory));
    if (!file.exists())
        return settings;
    if (!file.open(QIODevice::ReadOnly))
        return makeError(ErrorCode::Io, Tr::tr("Cannot read %1: %2").arg(file.fileName(), file.errorString()));
    QJsonParseError error;
    const QJsonObject root = QJsonDocument::fromJson(file.readAll(), &error).object();
    if (error.error != QJsonParseError::NoError)
        return makeError(ErrorCode::Parse, Tr::tr("%1 is not a forwarding file: %2").arg(file.fileName(), error.errorString()));
    for (const QJsonValue &value : root.value(u"rules").toArray()) {
        const QJsonObject object = value.toObject();
        Rule rule;
        rule.prefix = object.value(u"prefix").toString(u"/"_s);
        rule.method = object.value(u"method").toString().toLatin1();
        rule.target = QUrl(object.value(u"target").toString());
        rule.mode = object.value(u"mode").toString() == u"proxy" ? Mode::Proxy : Mode::Queue;
        rule.enabled = object.value(u"enabled").toBool(true);
        if (isHttpUrl(rule.target) && rule.prefix.startsWith(u'/'))
            settings.rules << rule;
    }
    const QJsonObject retry = root.value(u"retry").toObject();
    settings.retry.initialMs = retry.value(u"initial_ms").toInt(settings.retry.initialMs);
    settings.retry.maxMs = retry.value(u"max_ms").toInt(settings.retry.maxMs);
    settings.retry.maxAttempts = retry.value(u"max_attempts").toInt(settings.retry.maxAttempts);
    settings.timeoutMs = root.value(u"timeout_ms").toInt(settings.timeoutMs);
    return settings;
}

Result<void> save(const QString &dataDirectory, const Settings &settings)
{
    QJsonArray rules;
    for (const Rule &rule : settings.rules) {
        rules.append(QJsonObject{{u"prefix"_s, rule.prefix},
                                 {u"method"_s, QString::fromLatin1(rule.method)},
                                 {u"target"_s, rule.target.toString()},
                                 {u"mode"_s, rule.mode == Mode::Proxy ? u"proxy"_s : u"queue"_s},
                                 {u"enabled"_s, rule.enabled}});
    }
    const QJsonObject retry{{u"initial_ms"_s, settings.retry.initialMs},
                            {u"max_ms"_s, settings.retry.maxMs},
                            {u"max_attempts"_s, settings.retry.maxAttempts}};
    QSaveFile file(filePath(dataDirectory));
    if (!file.open(QIODevice::WriteOnly))
        return makeError(ErrorCode::Io, Tr::tr("Cannot write %1: %2").arg(file.fileName(), file.errorString()));
    file.write(QJsonDocument(QJsonObject{{u"version"_s, 1},
                                         {u"rules"_s, rules},
                                         {u"retry"_s, retry},
                                         {u"timeout_ms"_s, settings.timeoutMs}})
                   .toJson());
    if (!file.commit())
        return makeError(ErrorCode::Io, Tr::tr("Cannot write %1: %2").arg(file.fileName(), file.errorString()));
    return {};
}

} // namespace Hookscope::Forward
