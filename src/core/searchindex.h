#pragma once

#include "capturedrequest.h"

#include <QByteArray>
#include <QByteArrayView>

#include <array>

namespace Hookscope
{

// The words of the store's search index (schema version 6, docs/storage.md): an SQLite FTS5 table in which each
// request is a document of the distinct byte trigrams of its header names, header values and body, ASCII letters
// folded to lower case. A needle of three bytes or more is in a request only if all its trigrams are in its
// document, so a query for them finds a superset of the matching requests. The index only narrows: the filter's own
// matcher still decides on the stored bytes (RequestStore::matchingIds), so an answer never depends on it.
//
// Trigrams are made here rather than by FTS5's trigram tokenizer because the matcher compares bytes, folds A-Z only
// and searches bodies as stored (gzip, binary, invalid UTF-8, NUL bytes), while the tokenizer decodes UTF-8, folds
// other letters too and stops at a NUL byte: it could leave out a request the matcher finds.
//
// The words are part of the stored format: the store recomputes a deleted request's words to take it out of the
// index, so changing them needs a schema version that rebuilds the index.
namespace SearchIndex
{

// Bodies are indexed up to this many bytes; a request with a longer body is always handed to the matcher. Indexing
// costs about 0.5 us per distinct trigram (FTS5's in-memory hash), a large body has up to one per byte: ~0.1 s here.
// requests_search_deleted in storeschema.cpp cuts bodies at the same size.
inline constexpr qint64 MaxBodyBytes = 256 * 1024;

// The matcher's folding, shared by the filter (requestfilter.cpp) and the index: A-Z to a-z, every other byte as it
// is (UTF-8 text only folds its ASCII letters).
constexpr std::array<uchar, 256> makeFoldTable()
{
    std::array<uchar, 256> table{};
    for (int c = 0; c < 256; ++c)
        table[c] = uchar(c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c);
    return table;
}
inline constexpr std::array<uchar, 256> Fold = makeFoldTable();

enum class Field : char {
    Headers = 'h',
    Body = 'b',
};

// The document of one request: a word per distinct (field, trigram), the field letter and the three bytes in hex
// ("b70695f" for "pi_" in the body), separated by spaces, in a fixed order. The body is cut at MaxBodyBytes.
QByteArray document(const HeaderList &headers, QByteArrayView body);

// An FTS5 query matching every document whose field holds foldedNeedle (ASCII lower-case): its trigrams ANDed, at
// most 32 of them. Empty when the needle is shorter than three bytes (the index cannot narrow).
QByteArray query(QByteArrayView foldedNeedle, Field field);
// The same for a needle in a header (name or value) or in the body.
QByteArray queryHeadersOrBody(QByteArrayView foldedNeedle);

} // namespace SearchIndex
} // namespace Hookscope
