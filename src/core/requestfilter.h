#pragma once

#include "capturedrequest.h"
#include "result.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QDateTime>
#include <QList>
#include <QString>

namespace Hookscope {

// The request table's filter language (docs/filter.md), parsed once and then matched against many requests.
//
//   method:POST path:/stripe/* status:4xx -header:x-retry "payment failed" size>10k after:10:30
//
// Terms are separated by spaces and all must match (AND); a leading '-' excludes. Plain words and "quoted phrases"
// search the method, the target, header names and values and the body, ignoring ASCII case. Quotes only group
// (case is ignored quoted or not); path: is a whole-path, case-sensitive glob; after: includes its instant, before:
// excludes it.
//
// Parsing reports errors through the usual Result: ErrorCode::Parse with a translated message naming the term. The
// GUI also wants to underline the term, so parse() fills an optional ErrorSpan (UTF-16 positions into the text, the
// units QLineEdit and QTextLayout use). A CLI ignores the span and prints the message.
//
// A parsed filter is an immutable, implicitly shared value: copy it to a worker thread and call matches() there.
// Matching allocates nothing: needles are lower-cased and their search anchors chosen at parse time, and the cheap
// terms (method, status, size, time, flags) run before the header and body searches.
class RequestFilter
{
public:
    // The offending term of a failed parse: the whole term, '-' included; for an unterminated quote, the term up to
    // the end of the text. {-1, 0} after a successful parse.
    struct ErrorSpan {
        int position = -1;
        int length = 0;
    };

    // What the summary alone says about a request; NeedsPayload: load headers and body, then call matches().
    enum class Verdict {
        NoMatch,
        Match,
        NeedsPayload,
    };

    // The empty filter: matches every request.
    RequestFilter() = default;

    // Dates and times of day without a UTC offset ("after:10:30", "before:2026-11-29") are read in now's time zone
    // and "today" is now's date there; the default is local time. An invalid now means the current time.
    static Result<RequestFilter> parse(const QString &text, const QDateTime &now = QDateTime::currentDateTime(),
                                       ErrorSpan *errorSpan = nullptr);

    bool isEmpty() const { return m_terms.isEmpty(); }
    // Whether matches() looks at the headers or the body; when false, pass nullptr or an empty view.
    bool needsHeaders() const { return m_needsHeaders; }
    bool needsBody() const { return m_needsBody; }

    // Decides from the summary alone when it can (method, target, status, size, time, flags; plain words found in
    // the method or target), so a scan loads headers and bodies only for the rows still undecided.
    Verdict verdict(const RequestSummary &summary) const;
    // The full test. headers may be nullptr (no headers); body is the body as stored (content encodings untouched).
    bool matches(const RequestSummary &summary, const HeaderList *headers, QByteArrayView body) const;

    // For a search index (RequestStore::matchingIds): text that a request must contain to match, from the terms
    // that are not excluded: words (in a header or the body, unless in the method or target), body: text, and the
    // names and values of header: terms. Compared ignoring ASCII case, as matches() does.
    struct RequiredText {
        enum class Where : quint8 {
            Headers, // a header name or value
            Body,
            HeadersOrBody,
        };
        QByteArray folded; // ASCII lower-case
        Where where = Where::Body;
        qsizetype term = -1; // for foundInSummary()
    };
    QList<RequiredText> requiredTexts() const;
    // Whether a word's text is in the method or target: its term then matches whatever the headers and body hold.
    bool foundInSummary(const RequiredText &text, const RequestSummary &summary) const;

private:
    // A substring searched for ignoring ASCII case: memchr finds the candidates for the needle's rarest byte (both
    // cases), then the needle is compared. A table-driven search (Horspool) measured 5 ns per step, bound by its
    // chain of dependent loads; memchr skips through bodies many bytes per cycle.
    struct Needle {
        QByteArray folded; // ASCII lower-case
        qsizetype anchor = 0;
        char anchorLower = 0;
        char anchorUpper = 0; // equal to anchorLower when the anchor is not a letter

        void set(const QByteArray &text);
        bool foundIn(QByteArrayView haystack) const;
    };

    enum class Kind : quint8 {
        Text,           // needle in method, target, header names, header values or body
        Method,         // bytes: the method, lower-cased; equal ignoring case
        Path,           // bytes: glob on the path, case-sensitive
        Query,          // needle in the query
        Status,         // [low, high] on statusSent
        Size,           // [low, high] on bodySize
        Time,           // [low, high] on receivedUs
        Rejected,       // flag
        Pinned,         // flag
        HeaderPresent,  // name
        HeaderEquals,   // name, bytes: the value, lower-cased
        HeaderContains, // name, needle in the value
        Body,           // needle in the body
        Signature,      // low: the verification verdict (Verify::Verdict)
        Provider,       // text: the provider, equal ignoring case, or a glob when it holds '*'
        Event,          // text: the event type, equal ignoring case, or a glob when it holds '*'
        Forward,        // low: the ForwardState
        Label,          // low: the Label, or -1 for any label
    };

    struct Term {
        Kind kind = Kind::Text;
        bool negated = false;
        bool flag = false;
        qint64 low = 0;
        qint64 high = 0;
        QByteArray name;
        QByteArray bytes;
        QString text;
        Needle needle;
    };

    static bool summaryTermMatches(const Term &term, const RequestSummary &summary);
    static bool termMatches(const Term &term, const RequestSummary &summary, const HeaderList *headers,
                            QByteArrayView body);
    friend class RequestFilterParser;

    QList<Term> m_terms; // summary terms first, then header terms, then body and plain-text terms
    bool m_needsHeaders = false;
    bool m_needsBody = false;
};

} // namespace Hookscope
