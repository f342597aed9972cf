#pragma once

#include "result.h"

#include <QString>

namespace Hookscope::DataDirectory {

// The platform's application data location (~/.local/share/hookscope on Linux).
QString defaultPath();
// Creates the directory (owner-only permissions) when missing and checks that it can be written.
Result<QString> prepare(const QString &path);

} // namespace Hookscope::DataDirectory
