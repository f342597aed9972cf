#pragma once

#include "label.h"

#include <QByteArray>
#include <QList>
#include <QMetaType>
#include <QString>

#include <utility>

namespace Hookscope {

// One header as it arrived: original casing, bytes untouched.
using HeaderField = std::pair<QByteArray, QByteArray>;
using HeaderList = QList<HeaderField>;

// The first value of a header, its name matched case-insensitively; empty when absent.
QByteArray headerValue(const HeaderList &headers, QByteArrayView name);

// What Hookscope found out about a request after receiving it: the signature verdict (a Verify::Verdict as int,
// -1 = not verified yet), the provider that sent it and its event type (empty when unknown).
struct RequestAnnotation {
    qint8 verdict = -1;
    QString provider;
    QString event;

    friend bool operator==(const RequestAnnotation &, const RequestAnnotation &) = default;
};

// Where forwarding stands for a request (the table's Forwarding column).
enum class ForwardState : qint8 {
    None = -1,      // no rule forwards it
    Pending = 0,    // queued, not tried yet
    Delivered = 1,  // the target answered 2xx
    Retrying = 2,   // tried, failed, another attempt is scheduled
    Failed = 3,     // every attempt failed: in the dead-letter list
    Discarded = 4,  // removed from the dead-letter list by the user
};

struct ForwardInfo {
    ForwardState state = ForwardState::None;
    int lastStatus = 0;
    int attempts = 0;
    qint64 nextUs = 0; // when the next attempt is due (Pending, Retrying)

    friend bool operator==(const ForwardInfo &, const ForwardInfo &) = default;
};

// Everything Hookscope keeps about one request. Plain value type: every member is implicitly shared or trivial, so
// copies across threads are cheap and safe.
struct CapturedRequest {
    qint64 id = 0;                // assigned by the store; 0 until stored
    qint64 receivedUs = 0;        // first byte of the request, microseconds since the Unix epoch (UTC)
    qint64 receiveDurationUs = 0; // first byte to last byte
    QByteArray method;
    QByteArray target;      // the raw request-target, exactly as on the request line
    QByteArray httpVersion; // "HTTP/1.1"
    HeaderList headers;     // arrival order, duplicates kept
    HeaderList trailers;    // chunked trailers, arrival order
    QByteArray body;        // the body after removing chunked framing (content encodings untouched)
    QByteArray raw;         // the exact bytes received for this request
    QString remoteAddress;
    quint16 remotePort = 0;
    QString localAddress;
    quint16 localPort = 0;
    quint64 connectionId = 0;
    int connectionIndex = 0; // 0 for the first request on its connection
    int statusSent = 0;
    QString rejectedReason; // empty when the request was accepted
    bool pinned = false;
    Label label = Label::None;
    RequestAnnotation annotation; // filled in by the store when the request is stored
    ForwardInfo forward;          // set by the store and the forwarder

    bool isRejected() const { return !rejectedReason.isEmpty(); }
    // First value of a header, matched case-insensitively; empty when absent.
    QByteArray headerValue(QByteArrayView name) const;
    // "127.0.0.1:5000" or "[::1]:5000"
    static QString endpointText(const QString &address, quint16 port);
    QString remoteText() const { return endpointText(remoteAddress, remotePort); }
    QString localText() const { return endpointText(localAddress, localPort); }
    // Splits "host:port" / "[v6]:port" as produced by endpointText; false when the text has another shape.
    static bool parseEndpoint(const QString &text, QString *address, quint16 *port);
    // The request-target without its query.
    QByteArray path() const;
};

// A stored request in the compact form the CLI list and the table need.
struct RequestSummary {
    qint64 id = 0;
    qint64 receivedUs = 0;
    QByteArray method;
    QByteArray target;
    qint64 bodySize = 0;
    int statusSent = 0;
    QString rejectedReason;
    bool pinned = false;
    Label label = Label::None;
    QString remote;         // "127.0.0.1:5000"
    QByteArray contentType; // the Content-Type header's value
    RequestAnnotation annotation;
    ForwardInfo forward;
};

} // namespace Hookscope

Q_DECLARE_METATYPE(Hookscope::CapturedRequest)
Q_DECLARE_METATYPE(Hookscope::ForwardInfo)
