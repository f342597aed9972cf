#include "headerblob.h"

#include <QtEndian>

namespace Hookscope::HeaderBlob {

QByteArray encode(const HeaderList &headers)
{
    qsizetype size = 0;
    for (const HeaderField &field : headers)
        size += 8 + field.first.size() + field.second.size();
    QByteArray out;
    out.reserve(size);
    auto put = [&out](const QByteArray &bytes) {
        const quint32 length = qToLittleEndian(quint32(bytes.size()));
        out.append(reinterpret_cast<const char *>(&length), sizeof length);
        out.append(bytes);
    };
    for (const HeaderField &field : headers) {
        put(field.first);
        put(field.second);
    }
    return out;
}

HeaderList decode(const QByteArray &encoded)
{
    HeaderList headers;
    qsizetype at = 0;
    auto take = [&](QByteArray *into) {
        if (at + 4 > encoded.size())
            return false;
        const quint32 length = qFromLittleEndian<quint32>(encoded.constData() + at);
        at += 4;
        if (qsizetype(length) > encoded.size() - at)
            return false;
        *into = encoded.mid(at, length);
        at += length;
        return true;
    };
    while (at < encoded.size()) {
        HeaderField field;
        if (!take(&field.first) || !take(&field.second))
            break;
        headers.append(std::move(field));
    }
    return headers;
}

} // namespace Hookscope::HeaderBlob
