#pragma once

#include "capturedrequest.h"
#include "result.h"

#include <QByteArray>
#include <QIODevice>

#include <functional>

namespace Hookscope {

// Export and import of captured requests: JSON Lines (Hookscope's own, lossless) and HAR 1.2.
// Formats are described for users in docs/jsonl-format.md and docs/export.md.
namespace Exchange {

enum class Format { JsonLines, Har };

// One JSON Lines record, without the trailing newline.
QByteArray toJsonLine(const CapturedRequest &request);
// Parses one record. The id is kept as given (0 when absent).
Result<CapturedRequest> fromJsonLine(QByteArrayView line);
// The request's bytes as they would have arrived: request line, headers, blank line, body.
QByteArray rebuildRaw(const CapturedRequest &request);

// Streams a HAR 1.2 document: begin, one add per request, finish. Keeps memory flat for large stores.
class HarWriter
{
public:
    explicit HarWriter(QIODevice *device);
    bool begin();
    bool add(const CapturedRequest &request);
    bool finish();

private:
    QIODevice *m_device;
    int m_count = 0;
};

// A HAR document's entries as requests (Hookscope's own extension fields restore them exactly; entries from other
// tools are rebuilt from method, URL, headers and postData).
Result<QList<CapturedRequest>> fromHar(const QByteArray &document);

// Guesses the format of an import file from its first bytes.
Format detectFormat(QByteArrayView head);

} // namespace Exchange
} // namespace Hookscope
