#include "verdictstyle.h"

#include <QCoreApplication>
#include <QPainter>
#include <QPainterPath>
#include <QPixmap>

namespace Hookscope
{

namespace
{

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Hookscope::Verdict)
};

bool isDark(const QPalette &palette)
{
    return palette.color(QPalette::Window).lightness() < 128;
}

// Painted rather than loaded: the colour follows the palette, and the gui library needs no resource file.
QPixmap paintVerdict(Verify::Verdict verdict, const QColor &color, int size)
{
    QPixmap pixmap(size, size);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.scale(size / 64.0, size / 64.0); // drawn on a 64 x 64 grid
    painter.setPen(Qt::NoPen);
    painter.setBrush(color);
    if (verdict == Verify::Verdict::Error) {
        QPainterPath triangle;
        triangle.moveTo(32, 4);
        triangle.lineTo(62, 58);
        triangle.lineTo(2, 58);
        triangle.closeSubpath();
        painter.drawPath(triangle);
    } else {
        painter.drawEllipse(QRectF(2, 2, 60, 60));
    }
    QPen glyph(Qt::white, 7, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin);
    painter.setPen(glyph);
    painter.setBrush(Qt::NoBrush);
    switch (verdict) {
    case Verify::Verdict::Valid:
        painter.drawPolyline(QPolygonF({QPointF(18, 33), QPointF(28, 43), QPointF(46, 22)}));
        break;
    case Verify::Verdict::Invalid:
        painter.drawLine(QPointF(22, 22), QPointF(42, 42));
        painter.drawLine(QPointF(42, 22), QPointF(22, 42));
        break;
    case Verify::Verdict::Unsigned:
        painter.drawLine(QPointF(19, 32), QPointF(45, 32));
        break;
    case Verify::Verdict::NoSecret:
        glyph.setWidth(5);
        painter.setPen(glyph);
        painter.drawEllipse(QPointF(22, 32), 7, 7);
        painter.drawPolyline(QPolygonF({QPointF(29, 32), QPointF(49, 32), QPointF(49, 40)}));
        painter.drawLine(QPointF(42, 32), QPointF(42, 39));
        break;
    case Verify::Verdict::Error:
        painter.drawLine(QPointF(32, 24), QPointF(32, 39));
        painter.setPen(Qt::NoPen);
        painter.setBrush(Qt::white);
        painter.drawEllipse(QPointF(32, 49), 4, 4);
        break;
    }
    return pixmap;
}

} // namespace

QColor verdictColor(Verify::Verdict verdict, const QPalette &palette)
{
    // Pairs chosen for contrast of at least 4.5:1 on white and on the dark theme's base colour.
    const bool dark = isDark(palette);
    switch (verdict) {
    case Verify::Verdict::Valid:
        return dark ? QColor(0x3f, 0xb9, 0x50) : QColor(0x1a, 0x7f, 0x37);
    case Verify::Verdict::Invalid:
        return dark ? QColor(0xf8, 0x51, 0x49) : QColor(0xcf, 0x22, 0x2e);
    case Verify::Verdict::Error:
        return dark ? QColor(0xd2, 0x99, 0x22) : QColor(0xbc, 0x4c, 0x00);
    case Verify::Verdict::NoSecret:
    case Verify::Verdict::Unsigned:
        break;
    }
    return dark ? QColor(0x8b, 0x94, 0x9e) : QColor(0x6e, 0x77, 0x81);
}

QIcon verdictIcon(Verify::Verdict verdict, const QPalette &palette)
{
    const QColor color = verdictColor(verdict, palette);
    QIcon icon;
    for (int size : {16, 24, 32, 48, 64})
        icon.addPixmap(paintVerdict(verdict, color, size));
    return icon;
}

QString verdictTitle(Verify::Verdict verdict)
{
    switch (verdict) {
    case Verify::Verdict::Valid:
        return Tr::tr("Valid");
    case Verify::Verdict::Invalid:
        return Tr::tr("Invalid");
    case Verify::Verdict::NoSecret:
        return Tr::tr("Not checked: no secret set");
    case Verify::Verdict::Unsigned:
        return Tr::tr("Not signed");
    case Verify::Verdict::Error:
        return Tr::tr("Cannot be checked");
    }
    return {};
}

} // namespace Hookscope
