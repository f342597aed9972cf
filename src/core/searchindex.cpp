#include "searchindex.h"

#include <algorithm>
#include <array>
#include <vector>

namespace Hookscope::SearchIndex
{

namespace
{


// A longer needle is narrowed enough by its first trigrams; FTS5 merges one posting list per trigram.
constexpr qsizetype MaxQueryTrigrams = 32;

// A trigram tagged with its field: the field letter in the top byte, the three folded bytes below.
using Gram = quint32;

void collect(std::vector<Gram> *grams, Field field, QByteArrayView bytes)
{
    if (bytes.size() < 3)
        return;
    const auto *p = reinterpret_cast<const uchar *>(bytes.data());
    const Gram tag = Gram(uchar(field)) << 24;
    Gram window = Gram(Fold[p[0]]) << 8 | Fold[p[1]];
    for (qsizetype i = 2; i < bytes.size(); ++i) {
        window = (window << 8 | Fold[p[i]]) & 0xFFFFFF;
        grams->push_back(tag | window);
    }
}

void appendWord(QByteArray *out, Gram gram)
{
    static constexpr char Hex[] = "0123456789abcdef";
    out->append(char(gram >> 24));
    for (int shift = 20; shift >= 0; shift -= 4)
        out->append(Hex[(gram >> shift) & 0xF]);
}

QByteArray andQuery(QByteArrayView foldedNeedle, Field field)
{
    std::vector<Gram> grams;
    collect(&grams, field, foldedNeedle);
    QByteArray query;
    qsizetype used = 0;
    for (size_t i = 0; i < grams.size() && used < MaxQueryTrigrams; ++i) {
        if (std::find(grams.begin(), grams.begin() + i, grams[i]) != grams.begin() + i)
            continue; // repeated in the needle
        if (used++ > 0)
            query.append(" AND ");
        query.append('"');
        appendWord(&query, grams[i]);
        query.append('"');
    }
    return query;
}

} // namespace

QByteArray document(const HeaderList &headers, QByteArrayView body)
{
    body = body.first(std::min<qsizetype>(body.size(), MaxBodyBytes));
    std::vector<Gram> grams;
    grams.reserve(size_t(body.size()) + 64 * size_t(headers.size()));
    // Each name and each value on its own, like the matcher: no trigram spans a name and its value.
    for (const HeaderField &field : headers) {
        collect(&grams, Field::Headers, field.first);
        collect(&grams, Field::Headers, field.second);
    }
    collect(&grams, Field::Body, body);
    std::sort(grams.begin(), grams.end());
    grams.erase(std::unique(grams.begin(), grams.end()), grams.end());
    QByteArray text;
    text.reserve(qsizetype(grams.size()) * 8);
    for (Gram gram : grams) {
        appendWord(&text, gram);
        text.append(' ');
    }
    return text;
}

QByteArray query(QByteArrayView foldedNeedle, Field field)
{
    return andQuery(foldedNeedle, field);
}

QByteArray queryHeadersOrBody(QByteArrayView foldedNeedle)
{
    const QByteArray inHeaders = andQuery(foldedNeedle, Field::Headers);
    if (inHeaders.isEmpty())
        return {};
    return "(" + inHeaders + ") OR (" + andQuery(foldedNeedle, Field::Body) + ")";
}

} // namespace Hookscope::SearchIndex
