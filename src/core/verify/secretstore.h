#pragma once

#include "signature.h"

#include <QList>
#include <QString>

// Webhook secrets the user configured, per provider and path prefix, and verification of captured requests with
// them. <data dir>/secrets.json (owner-only permissions) holds the entries; the secret values themselves go to the
// desktop keyring where one is reachable (QtKeychain), otherwise into that file. Never written to logs or exports.
namespace Hookscope::Verify
{

struct SecretEntry {
    QString provider;          // scheme name, e.g. "stripe"; "generic-hmac" uses generic
    QString pathPrefix;        // requests whose path starts with this; empty or "/" = every path
    QList<QByteArray> secrets; // tried in order (rotation)
    QByteArray publicUrl;      // what the provider was given, for schemes that sign the URL
    GenericHmacConfig generic;

    friend bool operator==(const SecretEntry &, const SecretEntry &) = default;
};

using SecretList = QList<SecretEntry>;

namespace SecretStore
{
QString filePath(const QString &dataDirectory);
// A missing file is an empty list. Errors name the file and the problem; when secrets.json says the secrets are in
// the desktop keyring and it cannot be reached (or has no item for this directory), load fails: never an empty list.
// Blocks while the keyring answers (at most keyringTimeoutMs): call it off the GUI thread.
Result<SecretList> load(const QString &dataDirectory);
// Stores the secret values where HOOKSCOPE_SECRET_STORAGE says (file, keyring, or auto: the keyring when reachable,
// else the file) and writes secrets.json atomically with owner-only permissions. A forced keyring that cannot be
// reached is an error; auto falls back to the file and records why (storageInfo). Blocks like load.
Result<void> save(const QString &dataDirectory, const SecretList &entries);

// How long load and save wait for the desktop keyring (a hung D-Bus, an unlock prompt left open).
inline constexpr int keyringTimeoutMs = 20000;
// Whether this build can use the desktop keyring (it was built with QtKeychain).
bool keyringSupported();

enum class Storage {
    None,    // no secrets.json yet
    File,    // the secret values are in secrets.json
    Keyring, // the secret values are in the desktop keyring; secrets.json holds the rest
};
struct StorageInfo {
    Storage storage = Storage::None;
    QString keyringError; // File only: why the last save could not use the keyring (empty when it was not tried)
};
// Where the secrets of a data directory are, from secrets.json alone: cheap, never contacts the keyring, any thread.
StorageInfo storageInfo(const QString &dataDirectory);
// The same as one translated sentence for the Secrets dialog, e.g. "Stored in the desktop keyring." or "Stored in
// <file>, readable by you only (the desktop keyring is not reachable: ...)."
QString describeStorage(const QString &dataDirectory);
} // namespace SecretStore

// The entry for a provider (case-insensitive) with the longest path prefix matching the request; nullptr when none.
const SecretEntry *findEntry(const SecretList &entries, const QString &provider, const CapturedRequest &request);

// Verifies a captured request with the configured secrets: the scheme is detected from the request (a generic-hmac
// entry applies when its header is present and no built-in scheme matched); among the entries for that provider the
// one with the longest matching path prefix gives the secrets and public URL. Freshness is judged at the request's
// arrival time (unless nowUnix is given), so a request verified again later keeps the verdict it had when it came
// in.
Verification verifyWithSecrets(const CapturedRequest &request, const SecretList &entries,
                               std::optional<qint64> nowUnix = std::nullopt);

} // namespace Hookscope::Verify
