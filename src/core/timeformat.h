#pragma once

#include <QString>

#include <optional>

namespace Hookscope {

// Microseconds since the Unix epoch, now.
qint64 currentTimeUs();
// "2026-11-29T06:01:02.123456Z"
QString formatRfc3339Us(qint64 microsecondsSinceEpoch);
// Accepts RFC 3339 with any fraction (up to microseconds kept) and Z or a numeric offset.
std::optional<qint64> parseRfc3339Us(const QString &text);

} // namespace Hookscope
