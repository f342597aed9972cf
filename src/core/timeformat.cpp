#include "timeformat.h"

#include <QDateTime>
#include <QRegularExpression>
#include <QTimeZone>

#include <chrono>

namespace Hookscope {

qint64 currentTimeUs()
{
    using namespace std::chrono;
    return duration_cast<microseconds>(system_clock::now().time_since_epoch()).count();
}

QString formatRfc3339Us(qint64 microsecondsSinceEpoch)
{
    qint64 seconds = microsecondsSinceEpoch / 1000000;
    qint64 micros = microsecondsSinceEpoch % 1000000;
    if (micros < 0) {
        micros += 1000000;
        --seconds;
    }
    const QDateTime time = QDateTime::fromSecsSinceEpoch(seconds, QTimeZone::utc());
    return time.toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss")) + u'.' +
           QStringLiteral("%1").arg(micros, 6, 10, QLatin1Char('0')) + u'Z';
}

std::optional<qint64> parseRfc3339Us(const QString &text)
{
    static const QRegularExpression pattern(QStringLiteral(
        R"(^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(?:([Zz])|([+-])(\d{2}):?(\d{2}))$)"));
    const QRegularExpressionMatch match = pattern.match(text);
    if (!match.hasMatch())
        return std::nullopt;
    const QDate date(match.captured(1).toInt(), match.captured(2).toInt(), match.captured(3).toInt());
    const QTime time(match.captured(4).toInt(), match.captured(5).toInt(), match.captured(6).toInt());
    if (!date.isValid() || !time.isValid())
        return std::nullopt;
    qint64 seconds = QDateTime(date, time, QTimeZone::utc()).toSecsSinceEpoch();
    if (!match.captured(9).isEmpty()) {
        const int offset = match.captured(10).toInt() * 3600 + match.captured(11).toInt() * 60;
        seconds -= match.captured(9) == u"+" ? offset : -offset;
    }
    QString fraction = match.captured(7).left(6);
    while (fraction.size() < 6)
        fraction.append(u'0');
    return seconds * 1000000 + fraction.toLongLong();
}

} // namespace Hookscope
