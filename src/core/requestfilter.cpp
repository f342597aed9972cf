#include "requestfilter.h"

#include "searchindex.h"

#include "signature.h"

#include <QCoreApplication>
#include <QRegularExpression>
#include <QTimeZone>

#include <algorithm>
#include <array>
#include <cstring>
#include <limits>
#include <optional>

namespace Hookscope {

using namespace Qt::StringLiterals;

namespace {

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Hookscope::RequestFilter)
};

constexpr qint64 Minimum = std::numeric_limits<qint64>::min();
constexpr qint64 Maximum = std::numeric_limits<qint64>::max();

using SearchIndex::Fold; // ASCII lower-casing: bytes >= 0x80 stay as they are

// lowered is already lower-case.
bool equalsFolded(QByteArrayView text, QByteArrayView lowered)
{
    if (text.size() != lowered.size())
        return false;
    for (qsizetype i = 0; i < text.size(); ++i) {
        if (Fold[uchar(text[i])] != uchar(lowered[i]))
            return false;
    }
    return true;
}

bool isUtf8Continuation(char c)
{
    return (uchar(c) & 0xC0) == 0x80;
}

// '*' matches any run (slashes included), '?' one UTF-8 character; everything else matches itself, case-sensitively.
// The same iterative matcher as ResponseRule's globs, on bytes so that no row is converted to QString.
bool globMatch(QByteArrayView pattern, QByteArrayView text)
{
    qsizetype p = 0, t = 0, star = -1, mark = 0;
    while (t < text.size()) {
        if (p < pattern.size() && pattern[p] == '*') {
            star = p++;
            mark = t;
        } else if (p < pattern.size() && pattern[p] == '?') {
            ++p;
            ++t;
            while (t < text.size() && isUtf8Continuation(text[t]))
                ++t;
        } else if (p < pattern.size() && pattern[p] == text[t]) {
            ++p;
            ++t;
        } else if (star >= 0) {
            // Let the star take one more character (not one more byte, so '?' stays aligned).
            p = star + 1;
            ++mark;
            while (mark < text.size() && isUtf8Continuation(text[mark]))
                ++mark;
            t = mark;
        } else {
            return false;
        }
    }
    while (p < pattern.size() && pattern[p] == '*')
        ++p;
    return p == pattern.size();
}

QByteArrayView pathOf(QByteArrayView target)
{
    const qsizetype question = target.indexOf('?');
    return question < 0 ? target : target.first(question);
}

QByteArrayView queryOf(QByteArrayView target)
{
    const qsizetype question = target.indexOf('?');
    return question < 0 ? QByteArrayView() : target.sliced(question + 1);
}

} // namespace

// ---------------------------------------------------------------------------------------------------------------
// Needle

void RequestFilter::Needle::set(const QByteArray &text)
{
    folded = text.toLower(); // ASCII only in Qt 6, like Fold
    // The rarest byte makes the fewest false candidates. A rough ranking for HTTP text and JSON: the most frequent
    // bytes, then other letters (two memchr scans, one per case), then the rest (digits 2-9, rare punctuation, UTF-8).
    auto rank = [](uchar c) {
        static constexpr QByteArrayView frequent = " \t\r\n\"'{}[]:;,./-_=&?01234etaoinsrhldcu";
        if (frequent.contains(char(c)))
            return 3;
        return c >= 'a' && c <= 'z' ? 2 : 1;
    };
    anchor = 0;
    for (qsizetype k = 1; k < folded.size(); ++k) {
        if (rank(uchar(folded[k])) < rank(uchar(folded[anchor])))
            anchor = k;
    }
    anchorLower = folded.isEmpty() ? '\0' : folded[anchor];
    anchorUpper = anchorLower >= 'a' && anchorLower <= 'z' ? char(anchorLower - ('a' - 'A')) : anchorLower;
}

bool RequestFilter::Needle::foundIn(QByteArrayView haystack) const
{
    const qsizetype m = folded.size();
    const qsizetype n = haystack.size();
    if (m == 0)
        return true;
    if (n < m)
        return false;
    // Candidates for the anchor byte lie in [first, last); two cursors, one per case, each only moving forward.
    const char *first = haystack.data() + anchor;
    const char *last = haystack.data() + (n - m) + anchor + 1;
    auto next = [last](const char *from, char byte) {
        const void *found = std::memchr(from, byte, size_t(last - from));
        return found ? static_cast<const char *>(found) : last;
    };
    const char *lower = next(first, anchorLower);
    const char *upper = anchorUpper == anchorLower ? last : next(first, anchorUpper);
    const auto *needle = reinterpret_cast<const uchar *>(folded.constData());
    for (;;) {
        const char *candidate = std::min(lower, upper);
        if (candidate == last)
            return false;
        const auto *start = reinterpret_cast<const uchar *>(candidate - anchor);
        qsizetype k = 0;
        while (k < m && Fold[start[k]] == needle[k])
            ++k;
        if (k == m)
            return true;
        if (candidate == lower)
            lower = next(candidate + 1, anchorLower);
        else
            upper = next(candidate + 1, anchorUpper);
    }
}

// ---------------------------------------------------------------------------------------------------------------
// Parsing

class RequestFilterParser
{
public:
    // One term as typed: '-', an optional field name, and the value with quotes removed.
    struct Lexeme {
        int start = 0;
        int length = 0;
        bool negated = false;
        QString name; // lower-case; empty for plain text
        QString value;
    };

    RequestFilterParser(const QString &text, const QDateTime &now) : m_text(text), m_now(now) {}

    Result<RequestFilter> run(RequestFilter::ErrorSpan *errorSpan);

private:
    using Term = RequestFilter::Term;
    using Kind = RequestFilter::Kind;
    enum class Number { Status, Size };

    Result<Lexeme> lex(int *position, RequestFilter::ErrorSpan *span) const;
    Result<Term> makeTerm(const Lexeme &lexeme) const;
    Result<Term> makeRange(Kind kind, Number number, const QString &value, const QString &termText) const;
    Result<Term> makeTime(bool after, const QString &value, const QString &termText) const;
    Result<Term> makeFlag(Kind kind, const QString &value, const QString &termText) const;
    Result<Term> makeHeader(const QString &value, const QString &termText) const;
    std::optional<qint64> parseTimeUs(const QString &value) const;
    QDateTime inNowZone(QDate date, QTime time) const;

    const QString &m_text;
    QDateTime m_now;
};

namespace {

bool isNameStart(QChar c)
{
    return (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z');
}

bool isNameChar(QChar c)
{
    return isNameStart(c) || (c >= u'0' && c <= u'9') || c == u'-' || c == u'_';
}

bool isComparison(QChar c)
{
    return c == u'<' || c == u'>' || c == u'=';
}

Error parseError(const QString &message)
{
    return makeError(ErrorCode::Parse, message);
}

// Decimal digits only (no sign, no spaces), at most 18 of them so the value fits.
std::optional<qint64> parseDigits(QStringView text)
{
    if (text.isEmpty() || text.size() > 18)
        return std::nullopt;
    qint64 value = 0;
    for (QChar c : text) {
        if (c < u'0' || c > u'9')
            return std::nullopt;
        value = value * 10 + (c.unicode() - u'0');
    }
    return value;
}

std::optional<qint64> parseStatusNumber(QStringView text)
{
    const std::optional<qint64> value = parseDigits(text);
    if (!value || *value > 999)
        return std::nullopt;
    return value;
}

// "1500", "10k", "1.5M", "2GB", "512b": bytes; units are 1024-based; a fraction needs a unit.
std::optional<qint64> parseSizeNumber(QStringView text)
{
    qsizetype i = 0;
    while (i < text.size() && text[i] >= u'0' && text[i] <= u'9')
        ++i;
    const std::optional<qint64> whole = parseDigits(text.first(i));
    if (!whole)
        return std::nullopt;
    qint64 fraction = 0;
    qint64 fractionScale = 1;
    bool hasFraction = false;
    if (i < text.size() && text[i] == u'.') {
        const qsizetype begin = ++i;
        while (i < text.size() && text[i] >= u'0' && text[i] <= u'9')
            ++i;
        if (i == begin)
            return std::nullopt;
        hasFraction = true;
        // Nine digits are finer than a byte of a gigabyte.
        const QStringView digits = text.sliced(begin, std::min<qsizetype>(i - begin, 9));
        fraction = *parseDigits(digits);
        for (qsizetype k = 0; k < digits.size(); ++k)
            fractionScale *= 10;
    }
    qint64 multiplier = 1;
    if (i < text.size()) {
        switch (text[i].toLower().unicode()) {
        case u'k': multiplier = qint64(1) << 10; ++i; break;
        case u'm': multiplier = qint64(1) << 20; ++i; break;
        case u'g': multiplier = qint64(1) << 30; ++i; break;
        default: break;
        }
    }
    if (i < text.size() && text[i].toLower() == u'b')
        ++i;
    if (i != text.size() || (hasFraction && multiplier == 1) || *whole > Maximum / multiplier - 1)
        return std::nullopt;
    return *whole * multiplier + fraction * multiplier / fractionScale;
}

} // namespace

Result<RequestFilter> RequestFilterParser::run(RequestFilter::ErrorSpan *errorSpan)
{
    RequestFilter::ErrorSpan span;
    RequestFilter filter;
    int position = 0;
    const int size = int(m_text.size());
    for (;;) {
        while (position < size && m_text[position].isSpace())
            ++position;
        if (position == size)
            break;
        const Result<Lexeme> lexeme = lex(&position, &span);
        if (!lexeme) {
            if (errorSpan)
                *errorSpan = span;
            return lexeme.error();
        }
        Result<Term> term = makeTerm(lexeme.value());
        if (!term) {
            if (errorSpan)
                *errorSpan = {lexeme.value().start, lexeme.value().length};
            return term.error();
        }
        filter.m_terms.append(std::move(term).value());
    }

    auto needsHeaders = [](const Term &term) {
        return term.kind == Kind::Text || term.kind == Kind::HeaderPresent || term.kind == Kind::HeaderEquals ||
               term.kind == Kind::HeaderContains;
    };
    auto needsBody = [](const Term &term) { return term.kind == Kind::Text || term.kind == Kind::Body; };
    // Cheapest first, so most rows are rejected before a header or the body is looked at.
    auto cost = [&](const Term &term) {
        if (term.kind == Kind::Text)
            return 4;
        if (term.kind == Kind::Body)
            return 3;
        if (needsHeaders(term))
            return 2;
        return term.kind == Kind::Path || term.kind == Kind::Query ? 1 : 0;
    };
    std::stable_sort(filter.m_terms.begin(), filter.m_terms.end(),
                     [&](const Term &a, const Term &b) { return cost(a) < cost(b); });
    for (const Term &term : std::as_const(filter.m_terms)) {
        filter.m_needsHeaders = filter.m_needsHeaders || needsHeaders(term);
        filter.m_needsBody = filter.m_needsBody || needsBody(term);
    }
    if (errorSpan)
        *errorSpan = {};
    return filter;
}

// Reads one term starting at *position (not a space) and leaves *position after it.
Result<RequestFilterParser::Lexeme> RequestFilterParser::lex(int *position, RequestFilter::ErrorSpan *span) const
{
    const int size = int(m_text.size());
    Lexeme lexeme;
    lexeme.start = *position;
    int i = *position;
    if (m_text[i] == u'-') {
        lexeme.negated = true;
        ++i;
        if (i == size || m_text[i].isSpace()) {
            *span = {lexeme.start, 1};
            return parseError(Tr::tr("'-' must be followed by the term to exclude, e.g. -method:GET"));
        }
    }

    // "name:" makes a field; "size>" and "status>=" are comparisons without the colon.
    int valueStart = i;
    if (isNameStart(m_text[i])) {
        int end = i + 1;
        while (end < size && isNameChar(m_text[end]))
            ++end;
        const QString name = m_text.sliced(i, end - i).toLower();
        if (end < size && m_text[end] == u':') {
            lexeme.name = name;
            valueStart = end + 1;
        } else if (end < size && isComparison(m_text[end]) && (name == u"size" || name == u"status")) {
            lexeme.name = name;
            valueStart = end;
        }
    }

    // The value runs to the next space outside quotes; quoted parts may hold spaces, \" and \\.
    i = valueStart;
    while (i < size && !m_text[i].isSpace()) {
        if (m_text[i] != u'"') {
            lexeme.value.append(m_text[i++]);
            continue;
        }
        ++i;
        while (i < size && m_text[i] != u'"') {
            if (m_text[i] == u'\\' && i + 1 < size && (m_text[i + 1] == u'"' || m_text[i + 1] == u'\\'))
                ++i;
            lexeme.value.append(m_text[i++]);
        }
        if (i == size) {
            *span = {lexeme.start, size - lexeme.start};
            return parseError(Tr::tr("Missing closing quote (\")"));
        }
        ++i;
    }
    lexeme.length = i - lexeme.start;
    *position = i;
    return lexeme;
}

Result<RequestFilter::Term> RequestFilterParser::makeTerm(const Lexeme &lexeme) const
{
    const QString termText = m_text.sliced(lexeme.start, lexeme.length);
    Term term;
    if (lexeme.name.isEmpty()) {
        if (lexeme.value.isEmpty())
            return parseError(Tr::tr("Empty quotes: put the text to search for between them"));
        term.kind = Kind::Text;
        term.needle.set(lexeme.value.toUtf8());
        term.negated = lexeme.negated;
        return term;
    }

    static const QStringList fields = {u"method"_s,  u"path"_s,     u"query"_s,    u"status"_s,
                                       u"header"_s,  u"body"_s,     u"size"_s,     u"after"_s,
                                       u"before"_s,  u"rejected"_s, u"pinned"_s,   u"verdict"_s,
                                       u"provider"_s, u"event"_s,   u"forward"_s,  u"label"_s};
    if (!fields.contains(lexeme.name)) {
        return parseError(Tr::tr("Unknown field '%1:'. Fields: %2. To search for text containing ':', put it in quotes.")
                              .arg(lexeme.name, fields.join(u", ")));
    }
    if (lexeme.value.isEmpty())
        return parseError(Tr::tr("'%1' needs a value").arg(termText));

    const QString &name = lexeme.name;
    const QString &value = lexeme.value;
    Result<Term> result = Error{};
    if (name == u"method") {
        term.kind = Kind::Method;
        term.bytes = value.toUtf8().toLower();
        result = term;
    } else if (name == u"path") {
        term.kind = Kind::Path;
        term.bytes = value.toUtf8();
        result = term;
    } else if (name == u"query") {
        term.kind = Kind::Query;
        term.needle.set(value.toUtf8());
        result = term;
    } else if (name == u"body") {
        term.kind = Kind::Body;
        term.needle.set(value.toUtf8());
        result = term;
    } else if (name == u"status") {
        result = makeRange(Kind::Status, Number::Status, value, termText);
    } else if (name == u"size") {
        result = makeRange(Kind::Size, Number::Size, value, termText);
    } else if (name == u"after" || name == u"before") {
        result = makeTime(name == u"after", value, termText);
    } else if (name == u"rejected") {
        result = makeFlag(Kind::Rejected, value, termText);
    } else if (name == u"pinned") {
        result = makeFlag(Kind::Pinned, value, termText);
    } else if (name == u"verdict") {
        const std::optional<Verify::Verdict> verdict = Verify::verdictFromName(value);
        if (!verdict)
            return parseError(Tr::tr("'%1': verdict is valid, invalid, unsigned, no-secret or error").arg(termText));
        term.kind = Kind::Signature;
        term.low = qint64(*verdict);
        result = term;
    } else if (name == u"forward") {
        static const QList<std::pair<QString, ForwardState>> states{
            {u"none"_s, ForwardState::None},         {u"pending"_s, ForwardState::Pending},
            {u"delivered"_s, ForwardState::Delivered}, {u"retrying"_s, ForwardState::Retrying},
            {u"failed"_s, ForwardState::Failed},     {u"discarded"_s, ForwardState::Discarded}};
        const auto it = std::find_if(states.cbegin(), states.cend(), [&value](const auto &entry) {
            return entry.first.compare(value, Qt::CaseInsensitive) == 0;
        });
        if (it == states.cend())
            return parseError(
                Tr::tr("'%1': forward is pending, delivered, retrying, failed, discarded or none").arg(termText));
        term.kind = Kind::Forward;
        term.low = qint64(it->second);
        result = term;
    } else if (name == u"label") {
        term.kind = Kind::Label;
        if (value.compare(u"any"_s, Qt::CaseInsensitive) == 0) {
            term.low = -1;
        } else if (const std::optional<Label> label = labelFromName(value)) {
            term.low = qint64(*label);
        } else {
            return parseError(Tr::tr("'%1': label is %2, or any").arg(termText, labelNames()));
        }
        result = term;
    } else if (name == u"provider" || name == u"event") {
        term.kind = name == u"provider" ? Kind::Provider : Kind::Event;
        term.text = value.toLower();
        result = term;
    } else {
        result = makeHeader(value, termText);
    }
    if (result)
        result.value().negated = lexeme.negated;
    return result;
}

// N, =N, >N, >=N, <N, <=N, A-B; for statuses also 4xx and 40x.
Result<RequestFilter::Term> RequestFilterParser::makeRange(Kind kind, Number number, const QString &value,
                                                           const QString &termText) const
{
    auto parseNumber = [number](QStringView text) {
        return number == Number::Status ? parseStatusNumber(text) : parseSizeNumber(text);
    };
    auto invalid = [&]() {
        return parseError(number == Number::Status
                              ? Tr::tr("'%1': a status is 404, 4xx, >=400, <500 or 400-499").arg(termText)
                              : Tr::tr("'%1': a size is bytes with an optional unit k, M or G (1024-based): "
                                   "size>10k, size<=1.5M, size=0, size:1k-64k")
                                    .arg(termText));
    };

    Term term;
    term.kind = kind;
    const QStringView text(value);
    const qsizetype operatorLength = text.startsWith(u">=") || text.startsWith(u"<=") ? 2
                                     : isComparison(text.front())                     ? 1
                                                                                      : 0;
    if (operatorLength > 0) {
        const std::optional<qint64> limit = parseNumber(text.sliced(operatorLength));
        if (!limit)
            return invalid();
        const QStringView op = text.first(operatorLength);
        term.low = op == u">" ? *limit + 1 : op == u"<" || op == u"<=" ? Minimum : *limit;
        term.high = op == u"<" ? *limit - 1 : op == u">" || op == u">=" ? Maximum : *limit;
        return term;
    }

    if (const qsizetype dash = text.indexOf(u'-'); dash > 0) {
        const std::optional<qint64> low = parseNumber(text.first(dash));
        const std::optional<qint64> high = parseNumber(text.sliced(dash + 1));
        if (!low || !high)
            return invalid();
        if (*low > *high)
            return parseError(Tr::tr("'%1': the range is empty (the first number is larger)").arg(termText));
        term.low = *low;
        term.high = *high;
        return term;
    }

    if (number == Number::Status && text.size() == 3 && text.back().toLower() == u'x') {
        // 4xx, 40x: the given digits and anything for each x.
        qsizetype digits = 0;
        while (digits < 3 && text[digits] >= u'0' && text[digits] <= u'9')
            ++digits;
        for (qsizetype k = digits; k < 3; ++k) {
            if (text[k].toLower() != u'x')
                return invalid();
        }
        qint64 scale = 1;
        for (qsizetype k = digits; k < 3; ++k)
            scale *= 10;
        const qint64 prefix = digits > 0 ? *parseDigits(text.first(digits)) : 0;
        term.low = prefix * scale;
        term.high = term.low + scale - 1;
        return term;
    }

    const std::optional<qint64> exact = parseNumber(text);
    if (!exact)
        return invalid();
    term.low = term.high = *exact;
    return term;
}

Result<RequestFilter::Term> RequestFilterParser::makeTime(bool after, const QString &value,
                                                          const QString &termText) const
{
    const std::optional<qint64> instant = parseTimeUs(value);
    if (!instant) {
        return parseError(Tr::tr("'%1': use a time of day (10:30, 10:30:15), a date (2026-11-29), a local date and time "
                             "(2026-11-29T10:30) or RFC 3339 (2026-11-29T10:30:00Z)")
                              .arg(termText));
    }
    // after: at or after the instant; before: strictly before. So after:D before:D+1 is exactly day D.
    Term term;
    term.kind = Kind::Time;
    term.low = after ? *instant : Minimum;
    term.high = after ? Maximum : *instant - 1;
    return term;
}

QDateTime RequestFilterParser::inNowZone(QDate date, QTime time) const
{
    switch (m_now.timeSpec()) {
    case Qt::TimeZone:
        return QDateTime(date, time, m_now.timeZone());
    case Qt::OffsetFromUTC:
        return QDateTime(date, time, Qt::OffsetFromUTC, m_now.offsetFromUtc());
    case Qt::UTC:
        return QDateTime(date, time, Qt::UTC);
    case Qt::LocalTime:
        break;
    }
    return QDateTime(date, time, Qt::LocalTime);
}

// Microseconds since the epoch, or nothing when the text is no time we know.
std::optional<qint64> RequestFilterParser::parseTimeUs(const QString &value) const
{
    static const QRegularExpression timeOfDay(u"^(\\d{1,2}):(\\d{2})(?::(\\d{2}))?$"_s);
    static const QRegularExpression dateTime(
        u"^(\\d{4})-(\\d{2})-(\\d{2})(?:[Tt ](\\d{2}):(\\d{2})(?::(\\d{2})(?:\\.(\\d+))?)?([Zz]|[+-]\\d{2}:?\\d{2})?)?$"_s);

    QDate date;
    QTime time;
    qint64 fractionUs = 0;
    QString zone;
    if (const QRegularExpressionMatch match = timeOfDay.match(value); match.hasMatch()) {
        date = m_now.date();
        time = QTime(match.captured(1).toInt(), match.captured(2).toInt(), match.captured(3).toInt());
    } else if (const QRegularExpressionMatch match = dateTime.match(value); match.hasMatch()) {
        date = QDate(match.captured(1).toInt(), match.captured(2).toInt(), match.captured(3).toInt());
        time = QTime(match.captured(4).toInt(), match.captured(5).toInt(), match.captured(6).toInt());
        QString fraction = match.captured(7).left(6);
        while (fraction.size() < 6)
            fraction.append(u'0');
        fractionUs = fraction.toLongLong();
        zone = match.captured(8);
    } else {
        return std::nullopt;
    }
    if (!date.isValid() || !time.isValid())
        return std::nullopt;

    if (zone.isEmpty()) {
        const QDateTime local = inNowZone(date, time);
        if (!local.isValid())
            return std::nullopt;
        return local.toMSecsSinceEpoch() * 1000 + fractionUs;
    }
    qint64 seconds = QDateTime(date, time, Qt::UTC).toSecsSinceEpoch();
    if (zone.size() > 1) {
        const int hours = zone.mid(1, 2).toInt();
        const int minutes = zone.right(2).toInt();
        if (hours > 23 || minutes > 59)
            return std::nullopt;
        const int offset = hours * 3600 + minutes * 60;
        seconds -= zone.front() == u'+' ? offset : -offset;
    }
    return seconds * 1000000 + fractionUs;
}

Result<RequestFilter::Term> RequestFilterParser::makeFlag(Kind kind, const QString &value,
                                                          const QString &termText) const
{
    Term term;
    term.kind = kind;
    const QString lower = value.toLower();
    if (lower == u"yes" || lower == u"true") {
        term.flag = true;
    } else if (lower == u"no" || lower == u"false") {
        term.flag = false;
    } else {
        return parseError(Tr::tr("'%1': use yes or no").arg(termText));
    }
    return term;
}

// NAME (present), NAME=VALUE (a value equal to VALUE), NAME~TEXT (a value containing TEXT); all ignoring case.
Result<RequestFilter::Term> RequestFilterParser::makeHeader(const QString &value, const QString &termText) const
{
    Term term;
    qsizetype separator = 0;
    while (separator < value.size() && value[separator] != u'=' && value[separator] != u'~')
        ++separator;
    term.name = value.left(separator).trimmed().toUtf8().toLower();
    if (term.name.isEmpty())
        return parseError(Tr::tr("'%1': name the header, e.g. header:content-type~json").arg(termText));
    if (separator == value.size()) {
        term.kind = Kind::HeaderPresent;
        return term;
    }
    const QByteArray expected = value.sliced(separator + 1).trimmed().toUtf8();
    if (value[separator] == u'=') {
        term.kind = Kind::HeaderEquals;
        term.bytes = expected.toLower();
        return term;
    }
    if (expected.isEmpty())
        return parseError(Tr::tr("'%1': put the text to look for after '~'").arg(termText));
    term.kind = Kind::HeaderContains;
    term.needle.set(expected);
    return term;
}

Result<RequestFilter> RequestFilter::parse(const QString &text, const QDateTime &now, ErrorSpan *errorSpan)
{
    RequestFilterParser parser(text, now.isValid() ? now : QDateTime::currentDateTime());
    return parser.run(errorSpan);
}

// ---------------------------------------------------------------------------------------------------------------
// Matching: runs once per row over a million rows, so views and no allocation.

namespace
{
// provider: and event: values: equal ignoring case, or a '*' glob ("payment_intent.*"). The pattern is lower-case.
bool textMatches(const QString &pattern, const QString &value)
{
    if (!pattern.contains(u'*'))
        return value.compare(pattern, Qt::CaseInsensitive) == 0;
    return globMatch(pattern.toUtf8(), value.toLower().toUtf8());
}
} // namespace

bool RequestFilter::summaryTermMatches(const Term &term, const RequestSummary &summary)
{
    switch (term.kind) {
    case Kind::Method:
        return equalsFolded(summary.method, term.bytes);
    case Kind::Path:
        return globMatch(term.bytes, pathOf(summary.target));
    case Kind::Query:
        return term.needle.foundIn(queryOf(summary.target));
    case Kind::Status:
        return summary.statusSent >= term.low && summary.statusSent <= term.high;
    case Kind::Size:
        return summary.bodySize >= term.low && summary.bodySize <= term.high;
    case Kind::Time:
        return summary.receivedUs >= term.low && summary.receivedUs <= term.high;
    case Kind::Rejected:
        return summary.rejectedReason.isEmpty() != term.flag;
    case Kind::Pinned:
        return summary.pinned == term.flag;
    case Kind::Signature:
        return summary.annotation.verdict == term.low;
    case Kind::Forward:
        return qint64(summary.forward.state) == term.low;
    case Kind::Label:
        return term.low < 0 ? summary.label != Label::None : qint64(summary.label) == term.low;
    case Kind::Provider:
        return textMatches(term.text, summary.annotation.provider);
    case Kind::Event:
        return textMatches(term.text, summary.annotation.event);
    case Kind::Text:
        return term.needle.foundIn(summary.method) || term.needle.foundIn(summary.target);
    case Kind::HeaderPresent:
    case Kind::HeaderEquals:
    case Kind::HeaderContains:
    case Kind::Body:
        break;
    }
    return false;
}

bool RequestFilter::termMatches(const Term &term, const RequestSummary &summary, const HeaderList *headers,
                                QByteArrayView body)
{
    switch (term.kind) {
    case Kind::Text:
        if (summaryTermMatches(term, summary) || term.needle.foundIn(body))
            return true;
        if (headers) {
            for (const HeaderField &field : *headers) {
                if (term.needle.foundIn(field.first) || term.needle.foundIn(field.second))
                    return true;
            }
        }
        return false;
    case Kind::HeaderPresent:
    case Kind::HeaderEquals:
    case Kind::HeaderContains:
        if (!headers)
            return false;
        for (const HeaderField &field : *headers) {
            if (!equalsFolded(field.first, term.name))
                continue;
            if (term.kind == Kind::HeaderPresent)
                return true;
            if (term.kind == Kind::HeaderEquals ? equalsFolded(QByteArrayView(field.second).trimmed(), term.bytes)
                                                : term.needle.foundIn(field.second))
                return true;
        }
        return false;
    case Kind::Body:
        return term.needle.foundIn(body);
    default:
        return summaryTermMatches(term, summary);
    }
}

RequestFilter::Verdict RequestFilter::verdict(const RequestSummary &summary) const
{
    bool undecided = false;
    for (const Term &term : m_terms) {
        switch (term.kind) {
        case Kind::HeaderPresent:
        case Kind::HeaderEquals:
        case Kind::HeaderContains:
        case Kind::Body:
            undecided = true;
            break;
        case Kind::Text:
            // Found in the method or target: decided either way. Not found: the headers or body may still hold it.
            if (summaryTermMatches(term, summary)) {
                if (term.negated)
                    return Verdict::NoMatch;
            } else {
                undecided = true;
            }
            break;
        default:
            if (summaryTermMatches(term, summary) == term.negated)
                return Verdict::NoMatch;
            break;
        }
    }
    return undecided ? Verdict::NeedsPayload : Verdict::Match;
}

bool RequestFilter::matches(const RequestSummary &summary, const HeaderList *headers, QByteArrayView body) const
{
    for (const Term &term : m_terms) {
        if (termMatches(term, summary, headers, body) == term.negated)
            return false;
    }
    return true;
}

QList<RequestFilter::RequiredText> RequestFilter::requiredTexts() const
{
    using Where = RequiredText::Where;
    QList<RequiredText> texts;
    for (qsizetype i = 0; i < m_terms.size(); ++i) {
        const Term &term = m_terms.at(i);
        if (term.negated)
            continue; // an excluded term requires nothing
        auto add = [&texts, i](const QByteArray &folded, Where where) {
            if (!folded.isEmpty())
                texts.append({folded, where, i});
        };
        switch (term.kind) {
        case Kind::Text:
            add(term.needle.folded, Where::HeadersOrBody);
            break;
        case Kind::Body:
            add(term.needle.folded, Where::Body);
            break;
        case Kind::HeaderPresent:
            add(term.name, Where::Headers);
            break;
        case Kind::HeaderEquals:
            // The value, trimmed, equals the text: the text is in the value.
            add(term.name, Where::Headers);
            add(term.bytes, Where::Headers);
            break;
        case Kind::HeaderContains:
            add(term.name, Where::Headers);
            add(term.needle.folded, Where::Headers);
            break;
        default:
            break;
        }
    }
    return texts;
}

bool RequestFilter::foundInSummary(const RequiredText &text, const RequestSummary &summary) const
{
    if (text.term < 0 || text.term >= m_terms.size() || m_terms.at(text.term).kind != Kind::Text)
        return false;
    return summaryTermMatches(m_terms.at(text.term), summary);
}

} // namespace Hookscope
