#pragma once

#include "result.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include <memory>
#include <vector>

namespace Hookscope {

// A compact, immutable index of one JSON document (RFC 8259), built once off the GUI thread and then shared read-only
// (std::shared_ptr<const JsonDocumentIndex>) with the JSON tree model. Nothing is copied out of the body: every node
// records where its text sits in the original bytes, so numbers keep their exact text (12345678901234567890, 1.50),
// object members keep their order and duplicates, and any value can be copied exactly as it was sent.
//
// Nodes are numbered so that the children of each object or array are consecutive: a child is firstChild + row and
// its row is node - parent's firstChild, with no per-row storage anywhere. A node takes 32 bytes.
class JsonDocumentIndex
{
public:
    enum class Kind : quint8 { Object, Array, String, Number, True, False, Null };

    struct Node {
        quint32 valueOffset = 0; // the value's text in json(): a string with its quotes, a container with its brackets
        quint32 valueLength = 0;
        quint32 keyOffset = 0; // an object member's key literal, quotes included; 0/0 for array elements and the root
        quint32 keyLength = 0;
        quint32 parent = 0;     // NoNode for the root
        quint32 firstChild = 0; // objects and arrays
        quint32 childCount = 0; // objects: members (duplicates included); arrays: elements
        Kind kind = Kind::Null;
        quint8 flags = 0; // ValueHasEscapes, KeyHasEscapes: decoding is a plain UTF-8 conversion without them
    };
    enum NodeFlag : quint8 { ValueHasEscapes = 0x1, KeyHasEscapes = 0x2 };

    static constexpr quint32 NoNode = 0xFFFFFFFFu;
    // As simdjson (and so checkJson, which decides whether a body is shown as JSON): deeper documents are refused.
    static constexpr int MaxDepth = 1024;

    // Parses json (a leading UTF-8 byte order mark is skipped, as detectBodyKind does) and indexes it. Invalid JSON
    // gives an index without nodes whose error() says what is wrong and errorOffset() where. Runs in linear time with
    // an explicit stack (no recursion, whatever the nesting); meant for a worker thread (QtConcurrent::run).
    static std::shared_ptr<const JsonDocumentIndex> build(QByteArray json);

    bool isValid() const { return m_error.code == ErrorCode::None; }
    const Error &error() const { return m_error; } // ErrorCode::Parse and a translated message when invalid
    qsizetype errorOffset() const { return m_errorOffset; } // byte offset in json(); json().size() for a cut text
    const QByteArray &json() const { return m_json; }

    quint32 root() const { return m_nodes.empty() ? NoNode : m_root; }
    quint32 nodeCount() const { return quint32(m_nodes.size()); }
    const Node &node(quint32 node) const { return m_nodes[node]; }
    bool isContainer(quint32 node) const;
    quint32 child(quint32 parent, quint32 row) const { return m_nodes[parent].firstChild + row; }
    quint32 row(quint32 node) const; // 0 for the root
    int depth(quint32 node) const;   // 0 for the root

    QByteArrayView valueText(quint32 node) const; // exact text of the value
    QByteArrayView keyText(quint32 node) const;   // exact key literal with its quotes; empty for non-members
    QString key(quint32 node) const;              // decoded key; empty for array elements and the root
    // Strings decoded (escapes resolved); other scalars as their exact text; objects and arrays empty.
    // maxLength >= 0 stops decoding after that many UTF-16 units (for display of megabyte-long strings).
    QString scalarText(quint32 node, qsizetype maxLength = -1) const;
    // JSONPath (RFC 9535 normalized-path style): $, $.data.id, $.items[3], $["a b"] for keys that are not names.
    QString path(quint32 node) const;
    // Nodes whose decoded key or scalar value contains text (case-insensitive), in document order, at most limit
    // (nothing when limit <= 0 or text is empty). Read-only, so it can run on a worker as well.
    std::vector<quint32> find(const QString &text, qsizetype limit) const;

    // Decodes a JSON string literal (with its quotes) that the indexer accepted (anything else decodes without
    // crashing: a lone surrogate escape as U+FFFD, a cut escape ends the text).
    static QString decodeString(QByteArrayView literal, qsizetype maxLength = -1);

private:
    friend class JsonIndexer;
    JsonDocumentIndex() = default;

    QByteArray m_json;
    std::vector<Node> m_nodes;
    quint32 m_root = NoNode;
    Error m_error;
    qsizetype m_errorOffset = -1;
};

} // namespace Hookscope
