#pragma once

#include "signature.h"

#include <QList>
#include <QString>

// Webhook secrets the user configured, per provider and path prefix, and verification of captured requests with
// them. Kept in <data dir>/secrets.json with owner-only permissions; never written to logs or exports.
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
// A missing file is an empty list. Errors name the file and the problem.
Result<SecretList> load(const QString &dataDirectory);
// Writes atomically with owner-only permissions.
Result<void> save(const QString &dataDirectory, const SecretList &entries);
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
