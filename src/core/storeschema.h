#pragma once

#include "result.h"

#include <QSqlDatabase>

namespace Hookscope {

// The store's schema, versioned with SQLite's user_version. Each migration runs in its own transaction; a store
// written by a newer Hookscope is refused instead of being damaged.
namespace StoreSchema {

inline constexpr int CurrentVersion = 7;

int version(QSqlDatabase &db);
// The refusal for a store of a newer schema version.
Error newerVersionError(int found);
// Brings the database to CurrentVersion.
Result<void> migrate(QSqlDatabase &db);
// Creates exactly the given older version (for migration tests).
Result<void> createVersion(QSqlDatabase &db, int version);

} // namespace StoreSchema
} // namespace Hookscope
