#pragma once

#include "result.h"

#include <QByteArray>
#include <QByteArrayView>

namespace Hookscope
{

// Default ceiling for one decoded body: large enough for any real webhook, small enough that a decompression bomb
// (a few KiB of gzip that inflate to gigabytes) cannot take the inspector's memory.
inline constexpr qint64 defaultMaxDecodedSize = qint64(256) * 1024 * 1024;

// Undoes the content codings named in a Content-Encoding header value. Codings are listed in the order the sender
// applied them ("gzip, br" = gzip first, then brotli), so they are undone from the last to the first. Names are
// case-insensitive; "identity" and empty list items are skipped. Join repeated Content-Encoding headers with ", "
// before calling.
//
// Understood: gzip, x-gzip (several gzip members in a row are concatenated), deflate (zlib-wrapped as RFC 9110
// says, or raw RFC 1951 data as many servers send), br, zstd (when built with libzstd, see
// isContentCodingSupported) and identity. An empty body decodes to an empty body.
//
// Errors (the message names the coding and says what went wrong):
// - ErrorCode::NotFound: a coding this build has no decoder for (compress, unknown names, zstd without libzstd);
// - ErrorCode::Parse: corrupt or truncated data, or bytes after the end of the compressed stream;
// - ErrorCode::InvalidArgument: the output of a step would exceed maxOutput bytes. Decoding stops as soon as it does,
//   so at most about maxOutput bytes are ever allocated.
Result<QByteArray> decodeContent(QByteArrayView body, QByteArrayView contentEncodingHeader,
                                 qint64 maxOutput = defaultMaxDecodedSize);

// Whether decodeContent understands one coding name (case-insensitive, surrounding spaces ignored) in this build.
bool isContentCodingSupported(QByteArrayView coding);

} // namespace Hookscope
