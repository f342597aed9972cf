#include "secretstore.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>


using namespace Qt::StringLiterals;

namespace Hookscope::Verify
{

namespace
{

QString tr(const char *text)
{
    return QCoreApplication::translate("Hookscope::Verify", text);
}

bool pathMatches(const QByteArray &path, const QString &prefix)
{
    return prefix.isEmpty() || path.startsWith(prefix.toUtf8());
}

// The entry for provider with the longest path prefix that matches the request, or nullptr.
const SecretEntry *bestEntry(const SecretList &entries, const QString &provider, const CapturedRequest &request)
{
    const QByteArray path = request.path();
    const SecretEntry *best = nullptr;
    for (const SecretEntry &entry : entries) {
        if (entry.provider.compare(provider, Qt::CaseInsensitive) != 0 || !pathMatches(path, entry.pathPrefix))
            continue;
        if (!best || entry.pathPrefix.size() > best->pathPrefix.size())
            best = &entry;
    }
    return best;
}

} // namespace

const SecretEntry *findEntry(const SecretList &entries, const QString &provider, const CapturedRequest &request)
{
    return bestEntry(entries, provider, request);
}

QString SecretStore::filePath(const QString &dataDirectory)
{
    return QDir(dataDirectory).filePath(u"secrets.json"_s);
}

Result<SecretList> SecretStore::load(const QString &dataDirectory)
{
    QFile file(filePath(dataDirectory));
    if (!file.exists())
        return SecretList();
    if (!file.open(QIODevice::ReadOnly))
        return makeError(ErrorCode::Io, tr("Cannot read %1: %2").arg(file.fileName(), file.errorString()));
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(file.readAll(), &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject())
        return makeError(ErrorCode::Parse, tr("%1 is not a secrets file: %2")
                                               .arg(file.fileName(), parseError.errorString()));
    SecretList entries;
    const QJsonArray array = document.object().value(u"entries").toArray();
    for (const QJsonValue &value : array) {
        const QJsonObject object = value.toObject();
        SecretEntry entry;
        entry.provider = object.value(u"provider").toString();
        entry.pathPrefix = object.value(u"path_prefix").toString();
        for (const QJsonValue &secret : object.value(u"secrets").toArray())
            entry.secrets << secret.toString().toUtf8();
        entry.publicUrl = object.value(u"public_url").toString().toUtf8();
        QString error;
        if (const std::optional<GenericHmacConfig> generic
            = GenericHmacConfig::parse(object.value(u"generic").toString(), &error))
            entry.generic = *generic;
        if (!entry.provider.isEmpty())
            entries << entry;
    }
    return entries;
}

Result<void> SecretStore::save(const QString &dataDirectory, const SecretList &entries)
{
    QJsonArray array;
    for (const SecretEntry &entry : entries) {
        QJsonArray secrets;
        for (const QByteArray &secret : entry.secrets)
            secrets.append(QString::fromUtf8(secret));
        QJsonObject object{{u"provider"_s, entry.provider},
                           {u"path_prefix"_s, entry.pathPrefix},
                           {u"secrets"_s, secrets},
                           {u"public_url"_s, QString::fromUtf8(entry.publicUrl)}};
        if (entry.provider == u"generic-hmac")
            object.insert(u"generic"_s, entry.generic.toString());
        array.append(object);
    }
    QSaveFile file(filePath(dataDirectory));
    if (!file.open(QIODevice::WriteOnly))
        return makeError(ErrorCode::Io, tr("Cannot write %1: %2").arg(file.fileName(), file.errorString()));
    file.setPermissions(QFile::ReadOwner | QFile::WriteOwner);
    file.write(QJsonDocument(QJsonObject{{u"version"_s, 1}, {u"entries"_s, array}}).toJson());
    if (!file.commit())
        return makeError(ErrorCode::Io, tr("Cannot write %1: %2").arg(file.fileName(), file.errorString()));
    return {};
}

Verification verifyWithSecrets(const CapturedRequest &request, const SecretList &entries, std::optional<qint64> nowUnix)
{
    VerifyOptions options;
    options.nowUnix = nowUnix.value_or(request.receivedUs / 1000000);
    // Detected once: this runs on the storage thread for every request stored.
    const QList<const Scheme *> candidates = detectSchemes(request);
    if (candidates.isEmpty()) {
        // A generic-hmac entry for this path whose header the request carries.
        const QByteArray path = request.path();
        const SecretEntry *generic = nullptr;
        for (const SecretEntry &entry : entries) {
            if (entry.provider == u"generic-hmac" && pathMatches(path, entry.pathPrefix)
                && !request.headerValue(entry.generic.header).isEmpty()
                && (!generic || entry.pathPrefix.size() > generic->pathPrefix.size()))
                generic = &entry;
        }
        if (!generic)
            return verifyRequest(request, static_cast<const Scheme *>(nullptr), options);
        options.secrets = generic->secrets;
        options.publicUrl = generic->publicUrl;
        options.generic = generic->generic;
        return verifyRequest(request, u"generic-hmac", options);
    }
    // Several schemes can claim one request (Svix, Clerk, Resend and Standard Webhooks share headers; Bitbucket,
    // Jira and Intercom share X-Hub-Signature): the best-scoring one the user has a secret for is used.
    for (const Scheme *candidate : candidates) {
        if (const SecretEntry *entry = bestEntry(entries, candidate->name(), request)) {
            options.secrets = entry->secrets;
            options.publicUrl = entry->publicUrl;
            return candidate->verify(request, options);
        }
    }
    return candidates.first()->verify(request, options);
}

} // namespace Hookscope::Verify
