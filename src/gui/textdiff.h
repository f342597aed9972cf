#pragma once

#include <QList>
#include <QString>
#include <QStringList>

namespace Hookscope {

// One line of a line-based diff: in both texts, only in the first (removed) or only in the second (added).
struct DiffLine {
    enum Kind { Same, Removed, Added };
    Kind kind = Same;
    QString text;

    friend bool operator==(const DiffLine &, const DiffLine &) = default;
};

// Callers cap each side at this many lines before diffing (the work grows with the product of the two lengths).
inline constexpr qsizetype maxDiffLines = 5000;

// The lines of a and b in order, as a shortest edit script from a to b (longest common subsequence): common lines
// are Same; within a changed stretch the removed lines come before the added ones.
QList<DiffLine> diffLines(const QStringList &a, const QStringList &b);

} // namespace Hookscope
