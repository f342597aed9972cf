#pragma once

#include <QLatin1StringView>
#include <QStringView>

#include <optional>

namespace Hookscope {

// A colour label the user puts on requests to find them again (the table's rows, the filter's label: term, the
// CLI's label command). Stored as its number; the names are the stable spelling in filters, exports and the CLI.
enum class Label : quint8 {
    None = 0,
    Red,
    Orange,
    Yellow,
    Green,
    Blue,
    Purple,
    Gray,
};
inline constexpr int LabelCount = 8; // None included

// "red", "orange", ..., "gray"; "none" for Label::None.
QLatin1StringView labelName(Label label);
// The name in any case; "grey" is taken for gray. Nothing for an unknown name.
std::optional<Label> labelFromName(QStringView name);
// A stored number outside the known labels reads as no label.
Label labelFromNumber(int number);
// "none, red, orange, yellow, green, blue, purple, gray": for error messages and help texts.
QLatin1StringView labelNames();

} // namespace Hookscope
