#include "capturedrequest.h"

namespace Hookscope {

QByteArray CapturedRequest::headerValue(QByteArrayView name) const
{
    return Hookscope::headerValue(headers, name);
}

QByteArray headerValue(const HeaderList &headers, QByteArrayView name)
{
    for (const HeaderField &field : headers) {
        if (name.compare(field.first, Qt::CaseInsensitive) == 0)
            return field.second;
    }
    return {};
}

QString CapturedRequest::endpointText(const QString &address, quint16 port)
{
    if (address.contains(u':'))
        return u'[' + address + u"]:" + QString::number(port);
    return address + u':' + QString::number(port);
}

bool CapturedRequest::parseEndpoint(const QString &text, QString *address, quint16 *port)
{
    const qsizetype colon = text.lastIndexOf(u':');
    if (colon <= 0)
        return false;
    bool ok = false;
    const uint value = text.mid(colon + 1).toUInt(&ok);
    if (!ok || value > 65535)
        return false;
    QString host = text.left(colon);
    if (host.startsWith(u'[') && host.endsWith(u']'))
        host = host.mid(1, host.size() - 2);
    *address = host;
    *port = quint16(value);
    return true;
}

QByteArray CapturedRequest::path() const
{
    const qsizetype question = target.indexOf('?');
    return question < 0 ? target : target.left(question);
}

} // namespace Hookscope
