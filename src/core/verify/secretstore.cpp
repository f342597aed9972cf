#include "secretstore.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QSaveFile>

#ifdef HOOKSCOPE_HAVE_KEYCHAIN
#include <QMutex>
#include <QSemaphore>
#include <QThread>
#include <qt6keychain/keychain.h>

#include <memory>
#include <utility>
#endif

using namespace Qt::StringLiterals;

namespace Hookscope::Verify
{

namespace
{

using SecretStore::keyringTimeoutMs;
using SecretStore::Storage;

Q_LOGGING_CATEGORY(lcSecrets, "hookscope.secrets", QtWarningMsg)

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Hookscope::Verify)
};

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

// HOOKSCOPE_SECRET_STORAGE: where save puts the secret values.
enum class Preference { Auto, File, Keyring };

Preference preference()
{
    const QString value = qEnvironmentVariable("HOOKSCOPE_SECRET_STORAGE").trimmed().toLower();
    if (value == u"file")
        return Preference::File;
    if (value == u"keyring")
        return Preference::Keyring;
    if (!value.isEmpty() && value != u"auto")
        qCWarning(lcSecrets, "HOOKSCOPE_SECRET_STORAGE=%s is not file, keyring or auto: using auto", qPrintable(value));
    return Preference::Auto;
}

// secrets.json's names for where the secret values are.
constexpr QStringView storageKey = u"secret_storage";
constexpr QStringView keyringStorage = u"keyring";

// The keyring item of a data directory: service "Hookscope" (keyringService), key the directory's canonical absolute
// path (what secret-tool and Seahorse show). secrets.json records the key, so a directory that was moved still finds
// it.
QString keyringKey(const QString &dataDirectory)
{
    const QFileInfo info(dataDirectory);
    const QString canonical = info.canonicalFilePath();
    return canonical.isEmpty() ? QDir::cleanPath(info.absoluteFilePath()) : canonical;
}

QJsonArray secretsArray(const QList<QByteArray> &secrets)
{
    QJsonArray array;
    for (const QByteArray &secret : secrets)
        array.append(QString::fromUtf8(secret));
    return array;
}

QList<QByteArray> secretsFromArray(const QJsonArray &array)
{
    QList<QByteArray> secrets;
    for (const QJsonValue &secret : array)
        secrets << secret.toString().toUtf8();
    return secrets;
}

SecretEntry entryFromObject(const QJsonObject &object)
{
    SecretEntry entry;
    entry.provider = object.value(u"provider").toString();
    entry.pathPrefix = object.value(u"path_prefix").toString();
    entry.secrets = secretsFromArray(object.value(u"secrets").toArray());
    entry.publicUrl = object.value(u"public_url").toString().toUtf8();
    QString error;
    if (const std::optional<GenericHmacConfig> generic
        = GenericHmacConfig::parse(object.value(u"generic").toString(), &error))
        entry.generic = *generic;
    return entry;
}

QJsonObject entryObject(const SecretEntry &entry, Storage storage)
{
    QJsonObject object{{u"provider"_s, entry.provider},
                       {u"path_prefix"_s, entry.pathPrefix},
                       {u"secrets"_s, storage == Storage::File ? secretsArray(entry.secrets) : QJsonArray()},
                       {u"public_url"_s, QString::fromUtf8(entry.publicUrl)}};
    if (entry.provider == u"generic-hmac")
        object.insert(u"generic"_s, entry.generic.toString());
    return object;
}

// secrets.json as a JSON object; an empty object when there is no file.
Result<QJsonObject> readSecretsFile(const QString &dataDirectory)
{
    QFile file(SecretStore::filePath(dataDirectory));
    if (!file.exists())
        return QJsonObject();
    if (!file.open(QIODevice::ReadOnly))
        return makeError(ErrorCode::Io, Tr::tr("Cannot read %1: %2").arg(file.fileName(), file.errorString()));
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(file.readAll(), &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject())
        return makeError(ErrorCode::Parse,
                         Tr::tr("%1 is not a secrets file: %2").arg(file.fileName(), parseError.errorString()));
    return document.object();
}

bool isInKeyring(const QJsonObject &file)
{
    return file.value(storageKey).toString() == keyringStorage;
}

// Writes secrets.json atomically with owner-only permissions; with Storage::Keyring the secrets arrays stay empty
// and the file names the keyring item instead.
Result<void> writeSecretsFile(const QString &dataDirectory, const SecretList &entries, Storage storage,
                              const QString &keyringError)
{
    QJsonArray array;
    for (const SecretEntry &entry : entries)
        array.append(entryObject(entry, storage));
    QJsonObject root{{u"version"_s, 1},
                     {storageKey.toString(), storage == Storage::Keyring ? keyringStorage.toString() : u"file"_s},
                     {u"entries"_s, array}};
    if (storage == Storage::Keyring)
        root.insert(u"keyring_key"_s, keyringKey(dataDirectory));
    if (!keyringError.isEmpty())
        root.insert(u"keyring_error"_s, keyringError);
    QSaveFile file(SecretStore::filePath(dataDirectory));
    if (!file.open(QIODevice::WriteOnly))
        return makeError(ErrorCode::Io, Tr::tr("Cannot write %1: %2").arg(file.fileName(), file.errorString()));
    file.setPermissions(QFile::ReadOwner | QFile::WriteOwner);
    file.write(QJsonDocument(root).toJson());
    if (!file.commit())
        return makeError(ErrorCode::Io, Tr::tr("Cannot write %1: %2").arg(file.fileName(), file.errorString()));
    return {};
}

// Gives the entries of secrets.json their secrets from the keyring item, matched by provider and path prefix (a
// hand-edited file that reordered or dropped entries still gets the right ones). Secrets the file itself lists for an
// entry come first.
void mergeKeyringSecrets(SecretList &entries, const QJsonArray &stored)
{
    QList<bool> used(stored.size(), false);
    const auto matches = [&](const SecretEntry &entry, qsizetype index) {
        const QJsonObject object = stored.at(index).toObject();
        return !used.at(index) && object.value(u"provider").toString() == entry.provider
            && object.value(u"path_prefix").toString() == entry.pathPrefix;
    };
    for (qsizetype i = 0; i < entries.size(); ++i) {
        SecretEntry &entry = entries[i];
        qsizetype found = i < stored.size() && matches(entry, i) ? i : -1;
        for (qsizetype j = 0; found < 0 && j < stored.size(); ++j) {
            if (matches(entry, j))
                found = j;
        }
        if (found < 0)
            continue;
        used[found] = true;
        for (const QByteArray &secret : secretsFromArray(stored.at(found).toObject().value(u"secrets").toArray())) {
            if (!entry.secrets.contains(secret))
                entry.secrets << secret;
        }
    }
}

#ifdef HOOKSCOPE_HAVE_KEYCHAIN

QString keyringService()
{
    return u"Hookscope"_s;
}

// The keyring item holds, per entry of secrets.json and in its order, the provider, path prefix and secrets.
QByteArray keyringPayload(const SecretList &entries)
{
    QJsonArray array;
    for (const SecretEntry &entry : entries)
        array.append(QJsonObject{{u"provider"_s, entry.provider},
                                 {u"path_prefix"_s, entry.pathPrefix},
                                 {u"secrets"_s, secretsArray(entry.secrets)}});
    return QJsonDocument(QJsonObject{{u"version"_s, 1}, {u"entries"_s, array}}).toJson(QJsonDocument::Compact);
}

enum class KeyringOperation { Read, Write, Delete };

struct KeyringOutcome {
    QKeychain::Error error = QKeychain::NoError;
    QString errorString; // QtKeychain's, or ours for a timeout; never contains the data
    QByteArray data;     // Read
};

// One caller waiting for the keyring thread. finish() may come from the job, the shutdown, or not before the timeout.
struct KeyringCall {
    QSemaphore done;
    QMutex mutex;
    bool finished = false;
    KeyringOutcome outcome;

    void finish(KeyringOutcome result)
    {
        const QMutexLocker locker(&mutex);
        if (finished)
            return;
        finished = true;
        outcome = std::move(result);
        done.release();
    }
};

// Runs QtKeychain jobs synchronously for any thread. QtKeychain queues every job through one process-wide executor,
// a QObject living in the thread that started the first job, which learns that a job finished through a queued
// signal to that thread. Our callers are QThreadPool threads (the Secrets dialog, MainWindow), the storage thread and
// the CLI's main thread without an event loop: once the first of them exits, the executor never hears of a finished
// job again and every later job waits forever. So all jobs start in one thread of ours with an event loop (also the
// GLib main context libsecret's callbacks come back on), and callers wait for them with a timeout.
class KeyringThread
{
public:
    static KeyringThread &instance()
    {
        static KeyringThread keyringThread;
        return keyringThread;
    }

    KeyringOutcome run(KeyringOperation operation, const QString &key, const QByteArray &data = {})
    {
        auto call = std::make_shared<KeyringCall>();
        {
            const QMutexLocker locker(&m_mutex);
            if (!QCoreApplication::instance())
                return {QKeychain::OtherError, Tr::tr("no application object"), {}};
            if (m_stopped)
                return {QKeychain::OtherError, Tr::tr("the application is quitting"), {}};
            if (!m_thread) {
                m_thread = new QThread;
                m_thread->setObjectName(u"hookscope-keyring"_s);
                m_context = new QObject;
                m_context->moveToThread(m_thread);
                // The caller may be a pool thread that ends; the QThread object is stopped from the main thread.
                m_thread->moveToThread(QCoreApplication::instance()->thread());
                m_thread->start();
                qAddPostRoutine(&KeyringThread::stop);
            }
            m_calls.append(call);
            // Posted under the lock: stop() cannot delete the context in between.
            QMetaObject::invokeMethod(
                m_context, [call, operation, key, data] { startJob(call, operation, key, data); },
                Qt::QueuedConnection);
        }
        const bool answered = call->done.tryAcquire(1, keyringTimeoutMs);
        {
            const QMutexLocker locker(&m_mutex);
            m_calls.removeOne(call);
        }
        if (!answered)
            return {QKeychain::OtherError, Tr::tr("no answer within %1 seconds").arg(keyringTimeoutMs / 1000), {}};
        const QMutexLocker locker(&call->mutex);
        return call->outcome;
    }

private:
    // In the keyring thread.
    static void startJob(const std::shared_ptr<KeyringCall> &call, KeyringOperation operation, const QString &key,
                         const QByteArray &data)
    {
        QKeychain::Job *job = nullptr;
        switch (operation) {
        case KeyringOperation::Read:
            job = new QKeychain::ReadPasswordJob(keyringService());
            break;
        case KeyringOperation::Write: {
            auto *write = new QKeychain::WritePasswordJob(keyringService());
            write->setTextData(QString::fromUtf8(data)); // JSON: readable with secret-tool
            job = write;
            break;
        }
        case KeyringOperation::Delete:
            job = new QKeychain::DeletePasswordJob(keyringService());
            break;
        }
        job->setKey(key);
        // The job deletes itself after finished (autoDelete).
        QObject::connect(job, &QKeychain::Job::finished, job, [call](QKeychain::Job *finished) {
            KeyringOutcome outcome{finished->error(), finished->errorString(), {}};
            if (auto *read = qobject_cast<QKeychain::ReadPasswordJob *>(finished))
                outcome.data = read->binaryData();
            call->finish(std::move(outcome));
        });
        job->start();
    }

    // A post routine: runs in ~QCoreApplication, before the thread pool is waited for, so a pool thread waiting for
    // the keyring is released at once.
    static void stop()
    {
        KeyringThread &self = instance();
        QThread *thread = nullptr;
        QObject *context = nullptr;
        QList<std::shared_ptr<KeyringCall>> calls;
        {
            const QMutexLocker locker(&self.m_mutex);
            self.m_stopped = true; // QtKeychain's executor stays bound to this thread: no second one
            thread = std::exchange(self.m_thread, nullptr);
            context = std::exchange(self.m_context, nullptr);
            calls = self.m_calls;
        }
        if (!thread)
            return;
        thread->quit();
        const bool stopped = thread->wait(QDeadlineTimer(2000));
        for (const std::shared_ptr<KeyringCall> &call : std::as_const(calls))
            call->finish({QKeychain::OtherError, Tr::tr("the application is quitting"), {}});
        if (stopped) {
            delete context;
            delete thread;
        } // else leaked: deleting a running QThread aborts
    }

    QMutex m_mutex;
    QThread *m_thread = nullptr;
    QObject *m_context = nullptr; // lives in m_thread; jobs are started through it
    bool m_stopped = false;
    QList<std::shared_ptr<KeyringCall>> m_calls;
};

Result<void> writeKeyring(const QString &key, const SecretList &entries)
{
    const KeyringOutcome outcome = KeyringThread::instance().run(KeyringOperation::Write, key, keyringPayload(entries));
    if (outcome.error != QKeychain::NoError)
        return makeError(ErrorCode::Io, outcome.errorString);
    return {};
}

#endif // HOOKSCOPE_HAVE_KEYCHAIN

// The secrets of a secrets.json that says they are in the keyring.
Result<QJsonArray> readKeyring(const QJsonObject &file, const QString &dataDirectory)
{
    const QString key = file.value(u"keyring_key").toString(keyringKey(dataDirectory));
#ifdef HOOKSCOPE_HAVE_KEYCHAIN
    const KeyringOutcome outcome = KeyringThread::instance().run(KeyringOperation::Read, key);
    if (outcome.error == QKeychain::EntryNotFound)
        return makeError(
            ErrorCode::NotFound,
            Tr::tr("The secrets of this data directory are in the desktop keyring, but it has no Hookscope "
                   "item for %1 (enter them again in the Secrets dialog)")
                .arg(key));
    if (outcome.error != QKeychain::NoError)
        return makeError(ErrorCode::Io,
                         Tr::tr("The secrets of this data directory are in the desktop keyring, which is "
                                "not reachable: %1")
                             .arg(outcome.errorString));
    const QJsonDocument document = QJsonDocument::fromJson(outcome.data);
    if (!document.isObject())
        return makeError(ErrorCode::Parse, Tr::tr("The desktop keyring's Hookscope item for %1 is not a list of "
                                                  "secrets")
                                               .arg(key)); // its content is never shown
    return document.object().value(u"entries").toArray();
#else
    Q_UNUSED(key)
    return makeError(ErrorCode::Io, Tr::tr("The secrets of this data directory are in the desktop keyring, but this "
                                           "build of Hookscope has no keyring support (QtKeychain)"));
#endif
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

bool SecretStore::keyringSupported()
{
#ifdef HOOKSCOPE_HAVE_KEYCHAIN
    return true;
#else
    return false;
#endif
}

Result<SecretList> SecretStore::load(const QString &dataDirectory)
{
    const Result<QJsonObject> file = readSecretsFile(dataDirectory);
    if (!file)
        return file.error();
    SecretList entries;
    const QJsonArray array = file.value().value(u"entries").toArray();
    for (const QJsonValue &value : array) {
        SecretEntry entry = entryFromObject(value.toObject());
        if (!entry.provider.isEmpty())
            entries << entry;
    }
    if (isInKeyring(file.value())) {
        const Result<QJsonArray> stored = readKeyring(file.value(), dataDirectory);
        if (!stored)
            return stored.error();
        mergeKeyringSecrets(entries, stored.value());
    }
    return entries;
}

Result<void> SecretStore::save(const QString &dataDirectory, const SecretList &entries)
{
    const Preference wanted = preference();
    // What was there before: the keyring item it names is removed when the secrets move to the file.
    const Result<QJsonObject> before = readSecretsFile(dataDirectory);
    QString keyringError;
    if (wanted != Preference::File) {
#ifdef HOOKSCOPE_HAVE_KEYCHAIN
        const Result<void> stored = writeKeyring(keyringKey(dataDirectory), entries);
        if (stored)
            return writeSecretsFile(dataDirectory, entries, Storage::Keyring, {});
        keyringError = stored.errorMessage();
#endif
        if (wanted == Preference::Keyring)
            return makeError(ErrorCode::Io, Tr::tr("Cannot store the secrets in the desktop keyring "
                                                   "(HOOKSCOPE_SECRET_STORAGE=keyring): %1")
                                                .arg(keyringSupported() ? keyringError
                                                                        : Tr::tr("this build of Hookscope has no "
                                                                                 "keyring support (QtKeychain)")));
        qCInfo(lcSecrets, "The desktop keyring is not reachable (%s): secrets go to %s", qPrintable(keyringError),
               qPrintable(filePath(dataDirectory)));
    }
    if (Result<void> written = writeSecretsFile(dataDirectory, entries, Storage::File, keyringError); !written)
        return written;
#ifdef HOOKSCOPE_HAVE_KEYCHAIN
    // Moved to the file on purpose: the old item would be a second copy nobody reads. Only this directory's own
    // item (a copied directory names the original's).
    if (wanted == Preference::File && before && isInKeyring(before.value())
        && before.value().value(u"keyring_key").toString() == keyringKey(dataDirectory)) {
        const KeyringOutcome removed = KeyringThread::instance().run(KeyringOperation::Delete,
                                                                     keyringKey(dataDirectory));
        if (removed.error != QKeychain::NoError && removed.error != QKeychain::EntryNotFound)
            qCWarning(lcSecrets, "Could not remove the secrets of %s from the desktop keyring: %s",
                      qPrintable(dataDirectory), qPrintable(removed.errorString));
    }
#else
    Q_UNUSED(before)
#endif
    return {};
}

SecretStore::StorageInfo SecretStore::storageInfo(const QString &dataDirectory)
{
    if (!QFile::exists(filePath(dataDirectory)))
        return {};
    const Result<QJsonObject> file = readSecretsFile(dataDirectory);
    if (file && isInKeyring(file.value()))
        return {Storage::Keyring, {}};
    return {Storage::File, file ? file.value().value(u"keyring_error").toString() : QString()};
}

QString SecretStore::describeStorage(const QString &dataDirectory)
{
    const QString path = QDir::toNativeSeparators(filePath(dataDirectory));
    const StorageInfo info = storageInfo(dataDirectory);
    const bool fileOnly = preference() == Preference::File || !keyringSupported();
    switch (info.storage) {
    case Storage::Keyring:
        return Tr::tr("The secrets are stored in the desktop keyring.");
    case Storage::File: {
        QString text = Tr::tr("The secrets are stored in %1, readable by you only.").arg(path);
        if (!info.keyringError.isEmpty()) {
            text += u' ';
            text += Tr::tr("The desktop keyring is not reachable: %1").arg(info.keyringError);
        } else if (!keyringSupported()) {
            text += u' ';
            text += Tr::tr("This build of Hookscope has no keyring support.");
        }
        return text;
    }
    case Storage::None:
        break;
    }
    return fileOnly
               ? Tr::tr("The secrets will be stored in %1, readable by you only.").arg(path)
               : Tr::tr("The secrets will be stored in the desktop keyring, or in %1 (readable by you only) when no "
                        "keyring is reachable.")
                     .arg(path);
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
