#include "label.h"

#include <array>

namespace Hookscope {

namespace {
constexpr std::array<QLatin1StringView, LabelCount> Names{
    QLatin1StringView("none"),  QLatin1StringView("red"),  QLatin1StringView("orange"), QLatin1StringView("yellow"),
    QLatin1StringView("green"), QLatin1StringView("blue"), QLatin1StringView("purple"), QLatin1StringView("gray"),
};
} // namespace

QLatin1StringView labelName(Label label)
{
    return Names.at(size_t(label) < Names.size() ? size_t(label) : 0);
}

std::optional<Label> labelFromName(QStringView name)
{
    if (name.compare(QLatin1StringView("grey"), Qt::CaseInsensitive) == 0)
        return Label::Gray;
    for (size_t i = 0; i < Names.size(); ++i) {
        if (name.compare(Names[i], Qt::CaseInsensitive) == 0)
            return Label(i);
    }
    return std::nullopt;
}

Label labelFromNumber(int number)
{
    return number > 0 && number < LabelCount ? Label(number) : Label::None;
}

QLatin1StringView labelNames()
{
    return QLatin1StringView("none, red, orange, yellow, green, blue, purple, gray");
}

} // namespace Hookscope
