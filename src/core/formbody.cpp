#include "formbody.h"
#include "textformat.h"

#include <QHash>

#include <memory>
#include <vector>

namespace Hookscope
{

namespace
{

// Splits "base[a][][b]" into {"base", "a", "", "b"}; false when the name does not have that shape.
bool splitBracketedName(QByteArrayView name, QList<QByteArrayView> *segments)
{
    const qsizetype open = name.indexOf('[');
    if (open < 0) {
        segments->append(name);
        return true;
    }
    if (open == 0)
        return false;
    segments->append(name.first(open));
    qsizetype position = open;
    while (position < name.size()) {
        if (name[position] != '[' || segments->size() > maxFormDepth)
            return false;
        const qsizetype close = name.indexOf(']', position + 1);
        if (close < 0)
            return false;
        const QByteArrayView inner = name.sliced(position + 1, close - position - 1);
        if (inner.contains('['))
            return false;
        segments->append(inner);
        position = close + 1;
    }
    return true;
}

// PHP counts a key as an integer index only in canonical decimal form ("7", not "07" or "+7").
bool canonicalIndex(QByteArrayView key, qint64 *index)
{
    if (key.isEmpty() || key.size() > 18 || (key.size() > 1 && key[0] == '0'))
        return false;
    qint64 value = 0;
    for (const char c : key) {
        if (c < '0' || c > '9')
            return false;
        value = value * 10 + (c - '0');
    }
    *index = value;
    return true;
}

// The tree while it is built: stable addresses and a key index per branch, so wide forms stay linear.
struct BuildNode {
    QByteArray key;
    QByteArray value;
    std::vector<std::unique_ptr<BuildNode>> children;
    QHash<QByteArray, BuildNode *> branches;
    qint64 nextIndex = 0;

    BuildNode *append(QByteArray childKey)
    {
        qint64 index = 0;
        if (canonicalIndex(childKey, &index) && index >= nextIndex)
            nextIndex = index + 1;
        children.push_back(std::make_unique<BuildNode>());
        children.back()->key = std::move(childKey);
        return children.back().get();
    }
    QByteArray takeNextIndex() { return QByteArray::number(nextIndex); }

    BuildNode *branch(QByteArrayView childKey)
    {
        if (childKey.isEmpty()) {
            BuildNode *node = append(takeNextIndex());
            branches.insert(node->key, node);
            return node;
        }
        const QByteArray keyBytes = childKey.toByteArray();
        if (BuildNode *existing = branches.value(keyBytes))
            return existing;
        BuildNode *node = append(keyBytes);
        branches.insert(keyBytes, node);
        return node;
    }
    void leaf(QByteArrayView childKey, const QByteArray &leafValue)
    {
        append(childKey.isEmpty() ? takeNextIndex() : childKey.toByteArray())->value = leafValue;
    }

    FormNode toFormNode() const
    {
        FormNode node;
        node.key = key;
        node.value = value;
        node.children.reserve(qsizetype(children.size()));
        for (const auto &child : children)
            node.children.append(child->toFormNode());
        return node;
    }
};

} // namespace

QByteArray decodeFormComponent(QByteArrayView component)
{
    QByteArray decoded;
    decoded.reserve(component.size());
    for (qsizetype i = 0; i < component.size(); ++i) {
        const char c = component[i];
        if (c == '+') {
            decoded += ' ';
        } else if (c == '%' && i + 2 < component.size() && TextFormat::hexDigitValue(component[i + 1]) >= 0 &&
                   TextFormat::hexDigitValue(component[i + 2]) >= 0) {
            decoded += char(TextFormat::hexDigitValue(component[i + 1]) * 16 + TextFormat::hexDigitValue(component[i + 2]));
            i += 2;
        } else {
            decoded += c;
        }
    }
    return decoded;
}

FormFieldList parseFormUrlEncoded(QByteArrayView body)
{
    FormFieldList fields;
    qsizetype start = 0;
    while (start < body.size()) {
        qsizetype end = body.indexOf('&', start);
        if (end < 0)
            end = body.size();
        const QByteArrayView pair = body.sliced(start, end - start);
        start = end + 1;
        if (pair.isEmpty())
            continue;
        const qsizetype equals = pair.indexOf('=');
        if (equals < 0)
            fields.append({decodeFormComponent(pair), QByteArray()});
        else
            fields.append({decodeFormComponent(pair.first(equals)), decodeFormComponent(pair.sliced(equals + 1))});
    }
    return fields;
}

const FormNode *FormNode::child(QByteArrayView childKey) const
{
    for (const FormNode &node : children) {
        if (node.key == childKey)
            return &node;
    }
    return nullptr;
}

FormNode buildFormTree(const FormFieldList &fields)
{
    BuildNode root;
    QList<QByteArrayView> segments;
    for (const FormField &field : fields) {
        segments.clear();
        if (!splitBracketedName(field.name, &segments) || segments.size() == 1) {
            root.append(field.name)->value = field.value;
            continue;
        }
        BuildNode *node = &root;
        for (qsizetype i = 0; i + 1 < segments.size(); ++i)
            node = node->branch(segments[i]);
        node->leaf(segments.last(), field.value);
    }
    return root.toFormNode();
}

} // namespace Hookscope
