#pragma once

#include "forwardrule.h"
#include "responserule.h"
#include "result.h"

#include <QHostAddress>
#include <QList>
#include <QMetaType>
#include <QString>

namespace Hookscope {

// Port the endpoint listens on when the user names none. Documented in docs/capture.md.
inline constexpr quint16 DefaultPort = 7780;

struct ListenAddress {
    QHostAddress address;
    quint16 port = DefaultPort;
    // True for the implicit default (127.0.0.1 and ::1): a missing IPv6 loopback is then not an error.
    bool optional = false;

    // "HOST:PORT", "[::1]:PORT", ":PORT" / "PORT" (loopback, both families), "*:PORT" (all interfaces).
    // Returns one or two addresses.
    static Result<QList<ListenAddress>> parse(const QString &text);
    static QList<ListenAddress> loopback(quint16 port = DefaultPort);
    // Every --listen value of a command line, in order.
    static Result<QList<ListenAddress>> parseAll(const QStringList &texts);
    QString url() const;
};

struct CaptureSettings {
    QList<ListenAddress> listen = ListenAddress::loopback();
    qint64 maxHeaderBytes = 64 * 1024;
    qint64 maxBodyBytes = 64 * 1024 * 1024;
    // A connection with a request in progress that sends nothing for this long gets 408 and is closed; an idle
    // keep-alive connection is closed silently.
    int idleTimeoutMs = 15000;
    // A request must arrive completely within this time from its first byte (slow-dribble protection).
    int requestTimeoutMs = 60000;
    int maxConnections = 1024;
    ResponseRules responses;
    // Proxy-mode forwarding rules: a matching request goes to the target first and is answered with its response
    // (502 when unreachable, 504 on timeout) once stored (docs/resend.md).
    Forward::RuleList proxyRules;
    int proxyTimeoutMs = 30000;
};

} // namespace Hookscope

Q_DECLARE_METATYPE(Hookscope::CaptureSettings)
