#pragma once

#include "signature.h"

#include <QColor>
#include <QIcon>
#include <QPalette>
#include <QString>

namespace Hookscope
{

// How a signature verdict looks wherever the window shows one: a colour readable on the palette's window and base
// colours (light or dark), an icon painted in that colour, and a short title.
QColor verdictColor(Verify::Verdict verdict, const QPalette &palette);
// Green tick, red cross, grey key (no secret), grey dash (unsigned), orange warning (error).
QIcon verdictIcon(Verify::Verdict verdict, const QPalette &palette);
QString verdictTitle(Verify::Verdict verdict);

} // namespace Hookscope
