#pragma once

#include "capturedrequest.h"

namespace Hookscope::HeaderBlob {

// The store's encoding of a header list: for each header a little-endian quint32 length and the name bytes, then the
// same for the value. Compact, binary-safe, order and casing kept. decode() stops at the first damaged entry.
QByteArray encode(const HeaderList &headers);
HeaderList decode(const QByteArray &encoded);

} // namespace Hookscope::HeaderBlob
