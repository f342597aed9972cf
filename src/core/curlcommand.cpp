#include "curlcommand.h"

namespace Hookscope {

namespace {
// POSIX shell single quotes: everything literal, a quote itself as '\''.
QString shellQuote(const QString &text)
{
    QString quoted = text;
    quoted.replace(u'\'', QStringLiteral("'\\''"));
    return u'\'' + quoted + u'\'';
}

bool safeAsText(const QByteArray &bytes)
{
    for (char c : bytes) {
        const auto byte = uchar(c);
        if (byte < 0x20 && byte != '\n' && byte != '\r' && byte != '\t')
            return false;
    }
    return QString::fromUtf8(bytes).toUtf8() == bytes; // valid UTF-8, unchanged by the round trip
}
} // namespace

CurlCommand CurlCommand::fromRequest(const CapturedRequest &request, const QString &baseUrl, const QString &bodyFile)
{
    CurlCommand result;
    QString base = baseUrl;
    if (base.isEmpty()) {
        const QByteArray host = request.headerValue("host");
        base = QStringLiteral("http://") + (host.isEmpty() ? request.localText() : QString::fromUtf8(host));
    }
    while (base.endsWith(u'/'))
        base.chop(1);
    QStringList parts{QStringLiteral("curl")};
    // --path-as-is keeps ../ and // in the target; -X keeps the method even with a body.
    parts << QStringLiteral("--path-as-is") << QStringLiteral("-X") << shellQuote(QString::fromUtf8(request.method));
    for (const HeaderField &field : request.headers) {
        // curl computes these itself for the body it sends; the values sent are the same when the body is.
        if (field.first.compare("content-length", Qt::CaseInsensitive) == 0 ||
            field.first.compare("transfer-encoding", Qt::CaseInsensitive) == 0)
            continue;
        parts << QStringLiteral("-H") << shellQuote(QString::fromUtf8(field.first + ": " + field.second));
    }
    if (!request.body.isEmpty()) {
        if (safeAsText(request.body)) {
            parts << QStringLiteral("--data-binary") << shellQuote(QString::fromUtf8(request.body));
        } else {
            result.needsBodyFile = true;
            parts << QStringLiteral("--data-binary") << shellQuote(u'@' + bodyFile);
        }
    }
    parts << shellQuote(base + QString::fromUtf8(request.target));
    result.command = parts.join(u' ');
    return result;
}

} // namespace Hookscope
