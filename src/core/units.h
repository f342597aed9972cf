#pragma once

#include <QString>

namespace Hookscope {

// Parses "1048576", "64k", "64KiB", "10M", "1G" into bytes (1024-based); -1 when invalid.
qint64 parseByteSize(const QString &text);
// Parses "3600", "90s", "30m", "12h", "7d" into seconds; -1 when invalid.
qint64 parseDuration(const QString &text);

} // namespace Hookscope
