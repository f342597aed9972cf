#include "textdiff.h"

#include <vector>

namespace Hookscope {

namespace {

// The changed middle of a and b (n and m lines after the common prefix), by a longest-common-subsequence table.
template<typename Length>
void diffMiddle(const QStringList &a, const QStringList &b, qsizetype prefix, qsizetype n, qsizetype m,
                QList<DiffLine> &out)
{
    // lcs[i][j]: length of the longest common subsequence of the middle of a from i and of b from j.
    const qsizetype width = m + 1;
    std::vector<Length> lcs(size_t((n + 1) * width), 0);
    auto at = [&](qsizetype i, qsizetype j) -> Length & { return lcs[size_t(i * width + j)]; };
    for (qsizetype i = n - 1; i >= 0; --i) {
        for (qsizetype j = m - 1; j >= 0; --j) {
            at(i, j) = a.at(prefix + i) == b.at(prefix + j) ? Length(at(i + 1, j + 1) + 1)
                                                            : qMax(at(i + 1, j), at(i, j + 1));
        }
    }
    qsizetype i = 0;
    qsizetype j = 0;
    while (i < n || j < m) {
        if (i < n && j < m && a.at(prefix + i) == b.at(prefix + j)) {
            out.append({DiffLine::Same, a.at(prefix + i)});
            ++i;
            ++j;
        } else if (i < n && (j == m || at(i + 1, j) >= at(i, j + 1))) {
            out.append({DiffLine::Removed, a.at(prefix + i)});
            ++i;
        } else {
            out.append({DiffLine::Added, b.at(prefix + j)});
            ++j;
        }
    }
}

} // namespace

QList<DiffLine> diffLines(const QStringList &a, const QStringList &b)
{
    // The common start and end are Same as they are; the table covers only the middle.
    qsizetype prefix = 0;
    while (prefix < a.size() && prefix < b.size() && a.at(prefix) == b.at(prefix))
        ++prefix;
    qsizetype suffix = 0;
    while (suffix < a.size() - prefix && suffix < b.size() - prefix &&
           a.at(a.size() - 1 - suffix) == b.at(b.size() - 1 - suffix))
        ++suffix;
    const qsizetype n = a.size() - prefix - suffix;
    const qsizetype m = b.size() - prefix - suffix;

    QList<DiffLine> out;
    out.reserve(prefix + suffix + n + m);
    for (qsizetype i = 0; i < prefix; ++i)
        out.append({DiffLine::Same, a.at(i)});

    if (qMin(n, m) < 0xffff)
        diffMiddle<quint16>(a, b, prefix, n, m, out); // half the memory for the usual sizes
    else
        diffMiddle<quint32>(a, b, prefix, n, m, out);

    for (qsizetype k = a.size() - suffix; k < a.size(); ++k)
        out.append({DiffLine::Same, a.at(k)});
    return out;
}

} // namespace Hookscope
