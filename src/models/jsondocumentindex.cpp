#include "jsondocumentindex.h"

#include "textformat.h"

#include <QCoreApplication>
#include <QLatin1StringView>

#include <algorithm>
#include <array>

using namespace Qt::StringLiterals;

namespace Hookscope {

namespace {

using Node = JsonDocumentIndex::Node;
using Kind = JsonDocumentIndex::Kind;

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Hookscope::JsonDocumentIndex)
};

bool isWhitespace(uchar c)
{
    return c == ' ' || c == '\n' || c == '\r' || c == '\t';
}

bool isDigit(uchar c)
{
    return c >= '0' && c <= '9';
}

bool isAsciiAlphanumeric(uchar c)
{
    return isDigit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

// Bytes that end a run of plain string content: the closing quote, a backslash, control characters (which must be
// escaped) and non-ASCII bytes (which must be valid UTF-8). Everything else is skipped with one table look-up.
constexpr std::array<bool, 256> makeStringStops()
{
    std::array<bool, 256> stops{};
    for (int c = 0; c < 256; ++c)
        stops[size_t(c)] = c < 0x20 || c >= 0x80 || c == '"' || c == '\\';
    return stops;
}
constexpr std::array<bool, 256> stringStops = makeStringStops();


bool isAscii(QByteArrayView bytes)
{
    return std::all_of(bytes.begin(), bytes.end(), [](char c) { return uchar(c) < 0x80; });
}

// RFC 9535 member-name-shorthand: ALPHA / "_" / non-ASCII first, then also digits.
bool isShorthandName(const QString &key)
{
    if (key.isEmpty())
        return false;
    for (qsizetype i = 0; i < key.size(); ++i) {
        const char16_t c = key.at(i).unicode();
        const bool nameFirst = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= 0x80;
        if (!nameFirst && !(i > 0 && c >= '0' && c <= '9'))
            return false;
    }
    return true;
}

QString quotedPathName(const QString &key)
{
    QString out = u"[\""_s;
    for (const QChar c : key) {
        switch (c.unicode()) {
        case '"': out += u"\\\""_s; break;
        case '\\': out += u"\\\\"_s; break;
        case '\b': out += u"\\b"_s; break;
        case '\f': out += u"\\f"_s; break;
        case '\n': out += u"\\n"_s; break;
        case '\r': out += u"\\r"_s; break;
        case '\t': out += u"\\t"_s; break;
        default:
            if (c.unicode() < 0x20)
                out += u"\\u"_s + QString::number(c.unicode(), 16).rightJustified(4, u'0');
            else
                out += c;
        }
    }
    out += u"\"]"_s;
    return out;
}

} // namespace

// One pass over the bytes with an explicit stack. Finished values wait on m_pending until their container closes;
// then the container's children move to the node array as one consecutive block, which is what makes child and row
// look-ups plain arithmetic. Parents are filled in by a last pass over the finished array.
class JsonIndexer
{
public:
    explicit JsonIndexer(JsonDocumentIndex &index)
        : m_index(index), m_nodes(index.m_nodes), m_data(reinterpret_cast<const uchar *>(index.m_json.constData())),
          m_size(index.m_json.size())
    {
    }

    bool run();

private:
    struct Frame {
        Node node;
        size_t pendingStart = 0;
        bool hasMembers = false;
    };

    bool fail(qsizetype offset, const QString &message)
    {
        m_index.m_error = makeError(ErrorCode::Parse, message);
        m_index.m_errorOffset = offset;
        return false;
    }
    bool failAtEnd() { return fail(m_size, Tr::tr("the text ends before the JSON value is complete")); }
    void skipWhitespace()
    {
        while (m_pos < m_size && isWhitespace(m_data[m_pos]))
            ++m_pos;
    }
    bool beginValue(const Node &member);
    void closeContainer();
    bool scanString(quint8 &hasEscapes);
    bool scanNumber();
    bool scanLiteral(QByteArrayView literal);

    JsonDocumentIndex &m_index;
    std::vector<Node> &m_nodes;
    const uchar *m_data;
    qsizetype m_size;
    qsizetype m_pos = 0;
    std::vector<Node> m_pending;
    std::vector<Frame> m_frames;
};

bool JsonIndexer::run()
{
    // Offsets and node numbers are 32-bit to keep a node at 32 bytes.
    if (m_size >= qsizetype(JsonDocumentIndex::NoNode))
        return fail(0, Tr::tr("the document is too large to show as a tree (4 GiB or more)"));
    if (QByteArrayView(m_index.m_json).startsWith("\xEF\xBB\xBF"))
        m_pos = 3;
    skipWhitespace();
    if (m_pos >= m_size)
        return fail(m_size, Tr::tr("no JSON value: the text is empty or only whitespace"));
    if (!beginValue(Node()))
        return false;
    while (!m_frames.empty()) {
        Frame &frame = m_frames.back();
        const bool isObject = frame.node.kind == Kind::Object;
        skipWhitespace();
        if (m_pos >= m_size)
            return failAtEnd();
        if (m_data[m_pos] == (isObject ? '}' : ']')) {
            ++m_pos;
            closeContainer();
            continue;
        }
        if (frame.hasMembers) {
            if (m_data[m_pos] != ',')
                return fail(m_pos, isObject ? Tr::tr("expected ',' or '}' after an object member")
                                            : Tr::tr("expected ',' or ']' after an array element"));
            ++m_pos;
            skipWhitespace();
            if (m_pos >= m_size)
                return failAtEnd();
        }
        frame.hasMembers = true;
        Node member;
        if (isObject) {
            if (m_data[m_pos] != '"')
                return fail(m_pos, Tr::tr("expected an object member name in double quotes"));
            member.keyOffset = quint32(m_pos);
            quint8 escaped = 0;
            if (!scanString(escaped))
                return false;
            member.keyLength = quint32(m_pos - member.keyOffset);
            if (escaped)
                member.flags |= JsonDocumentIndex::KeyHasEscapes;
            skipWhitespace();
            if (m_pos >= m_size)
                return failAtEnd();
            if (m_data[m_pos] != ':')
                return fail(m_pos, Tr::tr("expected ':' after an object member name"));
            ++m_pos;
            skipWhitespace();
            if (m_pos >= m_size)
                return failAtEnd();
        }
        if (!beginValue(member)) // may push a frame: `frame` is not used after this
            return false;
    }
    skipWhitespace();
    if (m_pos < m_size)
        return fail(m_pos, Tr::tr("unexpected content after the end of the JSON value"));

    Q_ASSERT(m_pending.size() == 1);
    m_nodes.push_back(m_pending.back());
    m_pending = {};
    m_nodes.shrink_to_fit(); // the vector grew by doubling; give back up to half of it once
    m_index.m_root = quint32(m_nodes.size() - 1);
    m_nodes.back().parent = JsonDocumentIndex::NoNode;
    for (quint32 node = 0; node < quint32(m_nodes.size()); ++node) {
        const Node &container = m_nodes[node];
        for (quint32 child = container.firstChild; child < container.firstChild + container.childCount; ++child)
            m_nodes[child].parent = node;
    }
    return true;
}

bool JsonIndexer::beginValue(const Node &member)
{
    const qsizetype start = m_pos;
    const uchar c = m_data[start];
    Node node = member;
    node.valueOffset = quint32(start);
    switch (c) {
    case '{':
    case '[':
        if (m_frames.size() >= size_t(JsonDocumentIndex::MaxDepth))
            return fail(start, Tr::tr("nested deeper than %1 objects and arrays").arg(JsonDocumentIndex::MaxDepth));
        node.kind = c == '{' ? Kind::Object : Kind::Array;
        ++m_pos;
        m_frames.push_back(Frame{node, m_pending.size(), false});
        return true;
    case '"': {
        quint8 escaped = 0;
        if (!scanString(escaped))
            return false;
        node.kind = Kind::String;
        if (escaped)
            node.flags |= JsonDocumentIndex::ValueHasEscapes;
        break;
    }
    case 't':
        if (!scanLiteral("true"))
            return false;
        node.kind = Kind::True;
        break;
    case 'f':
        if (!scanLiteral("false"))
            return false;
        node.kind = Kind::False;
        break;
    case 'n':
        if (!scanLiteral("null"))
            return false;
        node.kind = Kind::Null;
        break;
    default:
        if (c != '-' && !isDigit(c))
            return fail(start, Tr::tr("unexpected character: expected a value (object, array, string, number, true, "
                                  "false or null)"));
        if (!scanNumber())
            return false;
        node.kind = Kind::Number;
        break;
    }
    node.valueLength = quint32(m_pos - start);
    m_pending.push_back(node);
    return true;
}

void JsonIndexer::closeContainer()
{
    const Frame frame = m_frames.back();
    m_frames.pop_back();
    Node node = frame.node;
    node.valueLength = quint32(m_pos - node.valueOffset);
    node.firstChild = quint32(m_nodes.size());
    node.childCount = quint32(m_pending.size() - frame.pendingStart);
    const auto first = m_pending.begin() + qsizetype(frame.pendingStart);
    m_nodes.insert(m_nodes.end(), first, m_pending.end());
    m_pending.erase(first, m_pending.end());
    m_pending.push_back(node);
}

bool JsonIndexer::scanString(quint8 &hasEscapes)
{
    const qsizetype quote = m_pos;
    qsizetype i = quote + 1;
    for (;;) {
        while (i < m_size && !stringStops[m_data[i]])
            ++i;
        if (i >= m_size)
            return fail(quote, Tr::tr("a string is never closed"));
        const uchar c = m_data[i];
        if (c == '"') {
            m_pos = i + 1;
            return true;
        }
        if (c == '\\') {
            hasEscapes = 1;
            if (i + 1 >= m_size)
                return fail(quote, Tr::tr("a string is never closed"));
            const uchar escaped = m_data[i + 1];
            if (escaped == 'u') {
                // As simdjson (and so checkJson, which decides whether the body is shown as JSON): surrogates only
                // as an escaped high and low pair.
                const QByteArrayView text(m_data, m_size);
                const int unit = TextFormat::unicodeEscape(text, i);
                if (unit < 0 || (unit >= 0xDC00 && unit <= 0xDFFF))
                    return fail(i, Tr::tr("invalid escape sequence in a string"));
                if (unit >= 0xD800 && unit <= 0xDBFF) {
                    const int low = TextFormat::unicodeEscape(text, i + 6);
                    if (low < 0xDC00 || low > 0xDFFF)
                        return fail(i, Tr::tr("invalid escape sequence in a string"));
                    i += 6;
                }
                i += 6;
            } else if (QByteArrayView("\"\\/bfnrt").contains(char(escaped))) {
                i += 2;
            } else {
                return fail(i, Tr::tr("invalid escape sequence in a string"));
            }
        } else if (c < 0x20) {
            return fail(i, Tr::tr("a control character inside a string must be escaped"));
        } else {
            const qsizetype length =
                TextFormat::utf8SequenceLength(reinterpret_cast<const char *>(m_data + i), m_size - i);
            if (length == 0)
                return fail(i, Tr::tr("invalid UTF-8"));
            i += length;
        }
    }
}

// RFC 8259: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?, checked by grammar only: numbers are never converted, so
// 12345678901234567890 and 1e400 are as valid as 1.50.
bool JsonIndexer::scanNumber()
{
    qsizetype i = m_pos;
    const auto digits = [&] {
        const qsizetype start = i;
        while (i < m_size && isDigit(m_data[i]))
            ++i;
        return i > start;
    };
    const auto invalid = [&] { return fail(i, Tr::tr("invalid number")); };
    if (m_data[i] == '-')
        ++i;
    if (i < m_size && m_data[i] == '0')
        ++i;
    else if (!digits())
        return invalid();
    if (i < m_size && m_data[i] == '.') {
        ++i;
        if (!digits())
            return invalid();
    }
    if (i < m_size && (m_data[i] == 'e' || m_data[i] == 'E')) {
        ++i;
        if (i < m_size && (m_data[i] == '+' || m_data[i] == '-'))
            ++i;
        if (!digits())
            return invalid();
    }
    // "01", "1.2.3", "1x": the first byte that breaks the number is the error, not the next structural character.
    if (i < m_size && (isAsciiAlphanumeric(m_data[i]) || m_data[i] == '.' || m_data[i] == '+' || m_data[i] == '-'))
        return invalid();
    m_pos = i;
    return true;
}

bool JsonIndexer::scanLiteral(QByteArrayView literal)
{
    for (qsizetype k = 0; k < literal.size(); ++k) {
        if (m_pos + k >= m_size || m_data[m_pos + k] != uchar(literal[k]))
            return fail(m_pos + k, Tr::tr("invalid literal: expected true, false or null"));
    }
    const qsizetype end = m_pos + literal.size();
    if (end < m_size && isAsciiAlphanumeric(m_data[end]))
        return fail(end, Tr::tr("invalid literal: expected true, false or null"));
    m_pos = end;
    return true;
}

std::shared_ptr<const JsonDocumentIndex> JsonDocumentIndex::build(QByteArray json)
{
    std::shared_ptr<JsonDocumentIndex> index(new JsonDocumentIndex);
    index->m_json = std::move(json);
    JsonIndexer indexer(*index);
    if (!indexer.run()) {
        index->m_nodes = {};
        index->m_root = NoNode;
    }
    return index;
}

bool JsonDocumentIndex::isContainer(quint32 node) const
{
    const Kind kind = m_nodes[node].kind;
    return kind == Kind::Object || kind == Kind::Array;
}

quint32 JsonDocumentIndex::row(quint32 node) const
{
    const quint32 parent = m_nodes[node].parent;
    return parent == NoNode ? 0 : node - m_nodes[parent].firstChild;
}

int JsonDocumentIndex::depth(quint32 node) const
{
    int depth = 0;
    for (quint32 parent = m_nodes[node].parent; parent != NoNode; parent = m_nodes[parent].parent)
        ++depth;
    return depth;
}

QByteArrayView JsonDocumentIndex::valueText(quint32 node) const
{
    const Node &n = m_nodes[node];
    return QByteArrayView(m_json.constData() + n.valueOffset, n.valueLength);
}

QByteArrayView JsonDocumentIndex::keyText(quint32 node) const
{
    const Node &n = m_nodes[node];
    return QByteArrayView(m_json.constData() + n.keyOffset, n.keyLength);
}

QString JsonDocumentIndex::key(quint32 node) const
{
    const QByteArrayView literal = keyText(node);
    if (literal.size() < 2)
        return {};
    if (m_nodes[node].flags & KeyHasEscapes)
        return decodeString(literal);
    return QString::fromUtf8(literal.sliced(1, literal.size() - 2));
}

QString JsonDocumentIndex::scalarText(quint32 node, qsizetype maxLength) const
{
    switch (m_nodes[node].kind) {
    case Kind::Object:
    case Kind::Array:
        return {};
    case Kind::String:
        return decodeString(valueText(node), maxLength);
    default:
        return QString::fromLatin1(valueText(node)); // numbers and literals are ASCII by grammar
    }
}

QString JsonDocumentIndex::decodeString(QByteArrayView literal, qsizetype maxLength)
{
    if (literal.size() < 2)
        return {};
    const QByteArrayView body = literal.sliced(1, literal.size() - 2);
    QString out;
    const auto full = [&] { return maxLength >= 0 && out.size() >= maxLength; };
    qsizetype i = 0;
    while (i < body.size() && !full()) {
        qsizetype runEnd = body.indexOf('\\', i);
        if (runEnd < 0)
            runEnd = body.size();
        if (runEnd > i) {
            qsizetype cut = runEnd;
            // A UTF-16 unit takes at most three UTF-8 bytes: decode no more than the budget needs, cut before a
            // sequence starts.
            if (maxLength >= 0 && (maxLength - out.size()) * 3 < cut - i) {
                cut = i + (maxLength - out.size()) * 3;
                while (cut > i && (uchar(body[cut]) & 0xC0) == 0x80)
                    --cut;
            }
            out += QString::fromUtf8(body.sliced(i, cut - i));
            i = cut;
            continue;
        }
        if (i + 1 >= body.size())
            break; // not a literal the indexer accepted
        const char escaped = body[i + 1];
        i += 2;
        switch (escaped) {
        case 'b': out += QChar(u'\b'); break;
        case 'f': out += QChar(u'\f'); break;
        case 'n': out += QChar(u'\n'); break;
        case 'r': out += QChar(u'\r'); break;
        case 't': out += QChar(u'\t'); break;
        case 'u': {
            const int unit = TextFormat::unicodeEscape(body, i - 2);
            i += 4;
            if (unit >= 0xD800 && unit <= 0xDBFF) {
                const int low = TextFormat::unicodeEscape(body, i);
                if (low >= 0xDC00 && low <= 0xDFFF) {
                    out += QChar(char16_t(unit));
                    out += QChar(char16_t(low));
                    i += 6;
                    break;
                }
            }
            out += (unit >= 0xD800 && unit <= 0xDFFF) || unit < 0 ? QChar(QChar::ReplacementCharacter)
                                                                   : QChar(char16_t(unit));
            break;
        }
        default: // '"', '\\' and '/' stand for themselves
            out += QChar(char16_t(escaped));
        }
    }
    if (maxLength >= 0 && out.size() > maxLength) {
        out.truncate(maxLength);
        if (!out.isEmpty() && out.back().isHighSurrogate())
            out.chop(1);
    }
    return out;
}

QString JsonDocumentIndex::path(quint32 node) const
{
    std::vector<quint32> chain;
    for (quint32 n = node; n != NoNode; n = m_nodes[n].parent)
        chain.push_back(n);
    QString out = u"$"_s;
    // chain.back() is the root
    for (auto it = chain.rbegin() + 1; it != chain.rend(); ++it) {
        const quint32 n = *it;
        if (m_nodes[m_nodes[n].parent].kind == Kind::Array) {
            out += u'[' + QString::number(row(n)) + u']';
        } else {
            const QString name = key(n);
            if (isShorthandName(name))
                out += u'.' + name;
            else
                out += quotedPathName(name);
        }
    }
    return out;
}

std::vector<quint32> JsonDocumentIndex::find(const QString &text, qsizetype limit) const
{
    std::vector<quint32> found;
    if (text.isEmpty() || limit <= 0 || m_nodes.empty())
        return found;
    // Most keys and values are ASCII without escapes: those are searched in place as Latin-1, without decoding.
    const auto contains = [&](QByteArrayView literalOrText, bool isLiteral, bool escaped) {
        const QByteArrayView bytes = isLiteral ? literalOrText.sliced(1, literalOrText.size() - 2) : literalOrText;
        if (!escaped && isAscii(bytes))
            return QLatin1StringView(bytes).contains(text, Qt::CaseInsensitive);
        const QString decoded = escaped ? decodeString(literalOrText) : QString::fromUtf8(bytes);
        return decoded.contains(text, Qt::CaseInsensitive);
    };
    // Depth first, children pushed in reverse: results come in document order.
    std::vector<quint32> stack{m_root};
    while (!stack.empty() && qsizetype(found.size()) < limit) {
        const quint32 node = stack.back();
        stack.pop_back();
        const Node &n = m_nodes[node];
        bool match = n.keyLength >= 2 && contains(keyText(node), true, n.flags & KeyHasEscapes);
        if (isContainer(node)) {
            for (quint32 k = n.childCount; k > 0; --k)
                stack.push_back(n.firstChild + k - 1);
        } else if (!match) {
            match = contains(valueText(node), n.kind == Kind::String, n.flags & ValueHasEscapes);
        }
        if (match)
            found.push_back(node);
    }
    return found;
}

} // namespace Hookscope
