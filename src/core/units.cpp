#include "units.h"

#include <QRegularExpression>

#include <limits>

namespace Hookscope {

qint64 parseByteSize(const QString &text)
{
    static const QRegularExpression pattern(QStringLiteral(R"(^\s*(\d+)\s*(|b|k|kb|kib|m|mb|mib|g|gb|gib)\s*$)"),
                                            QRegularExpression::CaseInsensitiveOption);
    const QRegularExpressionMatch match = pattern.match(text);
    if (!match.hasMatch())
        return -1;
    bool ok = false;
    const qint64 number = match.captured(1).toLongLong(&ok);
    if (!ok)
        return -1;
    const QChar unit = match.captured(2).isEmpty() ? u'b' : match.captured(2).at(0).toLower();
    const int shift = unit == u'k' ? 10 : unit == u'm' ? 20 : unit == u'g' ? 30 : 0;
    if (number > (std::numeric_limits<qint64>::max() >> shift))
        return -1;
    return number << shift;
}

qint64 parseDuration(const QString &text)
{
    static const QRegularExpression pattern(QStringLiteral(R"(^\s*(\d+)\s*(|s|m|h|d)\s*$)"));
    const QRegularExpressionMatch match = pattern.match(text);
    if (!match.hasMatch())
        return -1;
    const qint64 number = match.captured(1).toLongLong();
    const QString unit = match.captured(2);
    const qint64 factor = unit == u"m" ? 60 : unit == u"h" ? 3600 : unit == u"d" ? 86400 : 1;
    return number * factor;
}

} // namespace Hookscope
