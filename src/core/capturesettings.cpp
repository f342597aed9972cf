#include "capturesettings.h"

#include <QCoreApplication>

namespace Hookscope {

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Hookscope::CaptureSettings)
};
} // namespace

QList<ListenAddress> ListenAddress::loopback(quint16 port)
{
    return {ListenAddress{QHostAddress(QHostAddress::LocalHost), port, false},
            ListenAddress{QHostAddress(QHostAddress::LocalHostIPv6), port, true}};
}

Result<QList<ListenAddress>> ListenAddress::parse(const QString &text)
{
    const QString trimmed = text.trimmed();
    QString host;
    QString portText = trimmed;
    const qsizetype colon = trimmed.lastIndexOf(u':');
    if (colon >= 0 && !(trimmed.startsWith(u'[') && !trimmed.contains(u"]:"))) {
        host = trimmed.left(colon);
        portText = trimmed.mid(colon + 1);
    }
    bool ok = false;
    const uint port = portText.toUInt(&ok);
    if (!ok || port > 65535)
        return makeError(ErrorCode::InvalidArgument,
                         Tr::tr("'%1' is not a listen address: use HOST:PORT, [IPv6]:PORT or PORT").arg(text));
    if (host.isEmpty())
        return loopback(quint16(port));
    if (host == u"*")
        return QList<ListenAddress>{ListenAddress{QHostAddress(QHostAddress::Any), quint16(port), false}};
    if (host.startsWith(u'[') && host.endsWith(u']'))
        host = host.mid(1, host.size() - 2);
    if (host.compare(u"localhost", Qt::CaseInsensitive) == 0)
        return loopback(quint16(port));
    const QHostAddress address(host);
    if (address.isNull())
        return makeError(ErrorCode::InvalidArgument,
                         Tr::tr("'%1' is not an IP address (use 127.0.0.1, ::1, 0.0.0.0, * or localhost)").arg(host));
    return QList<ListenAddress>{ListenAddress{address, quint16(port), false}};
}

Result<QList<ListenAddress>> ListenAddress::parseAll(const QStringList &texts)
{
    QList<ListenAddress> all;
    for (const QString &text : texts) {
        const Result<QList<ListenAddress>> addresses = parse(text);
        if (!addresses)
            return addresses.error();
        all += addresses.value();
    }
    return all;
}

QString ListenAddress::url() const
{
    QString host;
    if (address == QHostAddress(QHostAddress::Any) || address == QHostAddress(QHostAddress::AnyIPv4))
        host = QStringLiteral("0.0.0.0");
    else if (address == QHostAddress(QHostAddress::AnyIPv6))
        host = QStringLiteral("[::]");
    else if (address.protocol() == QAbstractSocket::IPv6Protocol)
        host = u'[' + address.toString() + u']';
    else
        host = address.toString();
    return u"http://" + host + u':' + QString::number(port) + u'/';
}

} // namespace Hookscope
