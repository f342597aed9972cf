#pragma once

#include <QString>

namespace Hookscope {

// Light and dark appearance. System keeps the platform's style and palette (which follow the desktop's setting);
// Light and Dark use the Fusion style with a fixed palette, the same on every desktop.
enum class Theme { System, Light, Dark };

Theme themeFromName(const QString &name); // "system", "light", "dark"; anything else: System
QString themeName(Theme theme);
// Applies to the whole application; call on the GUI thread.
void applyTheme(Theme theme);
Theme currentTheme();

} // namespace Hookscope
