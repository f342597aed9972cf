#include "jsontreemodel.h"

#include <QScopedValueRollback>

#include <algorithm>
#include <climits>

using namespace Qt::StringLiterals;

namespace Hookscope {

using Kind = JsonDocumentIndex::Kind;

JsonTreeModel::JsonTreeModel(QObject *parent) : QAbstractItemModel(parent) {}

void JsonTreeModel::setDocument(std::shared_ptr<const JsonDocumentIndex> document)
{
    const QScopedValueRollback changing(m_changing, true);
    beginResetModel();
    m_document = std::move(document); // an invalid document is kept for its error, with no rows
    resetFetchState();
    endResetModel();
}

void JsonTreeModel::setFetchBatchSize(int size)
{
    size = std::max(size, 1);
    if (size == m_fetchBatchSize)
        return;
    if (!m_document || m_document->root() == JsonDocumentIndex::NoNode) {
        m_fetchBatchSize = size;
        return;
    }
    const QScopedValueRollback changing(m_changing, true);
    beginResetModel();
    m_fetchBatchSize = size;
    resetFetchState();
    endResetModel();
}

void JsonTreeModel::resetFetchState()
{
    m_fetched.clear();
    m_deferredFetches.clear();
    ++m_generation;
}

quint32 JsonTreeModel::nodeAt(const QModelIndex &index) const
{
    if (!index.isValid() || index.model() != this || !m_document)
        return JsonDocumentIndex::NoNode;
    return quint32(index.internalId());
}

quint32 JsonTreeModel::shownChildren(quint32 node) const
{
    const quint32 count = m_document->node(node).childCount;
    if (count <= quint32(m_fetchBatchSize))
        return count;
    return m_fetched.value(node, quint32(m_fetchBatchSize));
}

QModelIndex JsonTreeModel::indexFor(quint32 node, int column) const
{
    return createIndex(int(m_document->row(node)), column, quintptr(node));
}

QModelIndex JsonTreeModel::index(int row, int column, const QModelIndex &parent) const
{
    if (!hasIndex(row, column, parent))
        return {};
    if (!parent.isValid())
        return createIndex(row, column, quintptr(m_document->root()));
    const quint32 node = m_document->child(nodeAt(parent), quint32(row));
    return createIndex(row, column, quintptr(node));
}

QModelIndex JsonTreeModel::parent(const QModelIndex &child) const
{
    const quint32 node = nodeAt(child);
    if (node == JsonDocumentIndex::NoNode)
        return {};
    const quint32 parent = m_document->node(node).parent;
    if (parent == JsonDocumentIndex::NoNode)
        return {};
    return indexFor(parent, 0);
}

int JsonTreeModel::rowCount(const QModelIndex &parent) const
{
    if (!m_document || m_document->root() == JsonDocumentIndex::NoNode)
        return 0;
    if (!parent.isValid())
        return 1;
    if (parent.column() != 0)
        return 0;
    return int(std::min<quint32>(shownChildren(nodeAt(parent)), INT_MAX));
}

int JsonTreeModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

bool JsonTreeModel::hasChildren(const QModelIndex &parent) const
{
    return rowCount(parent) > 0;
}

bool JsonTreeModel::canFetchMore(const QModelIndex &parent) const
{
    if (!parent.isValid() || parent.column() != 0 || !m_document)
        return false;
    const quint32 node = nodeAt(parent);
    return shownChildren(node) < m_document->node(node).childCount;
}

void JsonTreeModel::fetchMore(const QModelIndex &parent)
{
    if (!canFetchMore(parent))
        return;
    const quint32 node = nodeAt(parent);
    if (!m_changing) {
        fetchThrough(node, shownChildren(node));
        return;
    }
    if (m_deferredFetches.contains(node))
        return;
    m_deferredFetches.insert(node);
    QMetaObject::invokeMethod(
        this,
        [this, node, generation = m_generation] {
            if (generation != m_generation)
                return;
            m_deferredFetches.remove(node);
            if (shownChildren(node) < m_document->node(node).childCount)
                fetchThrough(node, shownChildren(node));
        },
        Qt::QueuedConnection);
}

void JsonTreeModel::fetchThrough(quint32 node, quint32 row)
{
    const quint32 shown = shownChildren(node);
    if (row < shown)
        return;
    const quint32 batch = quint32(m_fetchBatchSize);
    const quint32 total = m_document->node(node).childCount;
    const quint32 target = std::min<quint64>(total, (quint64(row) / batch + 1) * batch);
    if (target > quint32(INT_MAX)) // rows are ints: beyond that the view could not show them anyway
        return;
    const QScopedValueRollback changing(m_changing, true);
    beginInsertRows(indexFor(node, 0), int(shown), int(target) - 1);
    m_fetched.insert(node, target);
    endInsertRows();
}

QModelIndex JsonTreeModel::indexForNode(quint32 node)
{
    if (!m_document || node >= m_document->nodeCount())
        return {};
    std::vector<quint32> chain; // node up to, not including, the root
    for (quint32 n = node; m_document->node(n).parent != JsonDocumentIndex::NoNode; n = m_document->node(n).parent)
        chain.push_back(n);
    for (auto it = chain.rbegin(); it != chain.rend(); ++it)
        fetchThrough(m_document->node(*it).parent, m_document->row(*it));
    return indexFor(node, 0);
}

QModelIndexList JsonTreeModel::find(const QString &text, int limit)
{
    QModelIndexList found;
    if (!m_document)
        return found;
    for (const quint32 node : m_document->find(text, limit))
        found.append(indexForNode(node));
    return found;
}

QString JsonTreeModel::path(const QModelIndex &index) const
{
    const quint32 node = nodeAt(index);
    return node == JsonDocumentIndex::NoNode ? QString() : m_document->path(node);
}

QByteArray JsonTreeModel::valueText(const QModelIndex &index) const
{
    const quint32 node = nodeAt(index);
    return node == JsonDocumentIndex::NoNode ? QByteArray() : m_document->valueText(node).toByteArray();
}

QString JsonTreeModel::valueDisplay(quint32 node) const
{
    const JsonDocumentIndex::Node &n = m_document->node(node);
    switch (n.kind) {
    case Kind::Object:
        return u'{' + QString::number(n.childCount) + u'}';
    case Kind::Array:
        return u'[' + QString::number(n.childCount) + u']';
    case Kind::String: {
        QString text = m_document->scalarText(node, MaxDisplayLength + 1);
        if (text.size() > MaxDisplayLength) {
            text.truncate(MaxDisplayLength);
            if (text.back().isHighSurrogate())
                text.chop(1);
            text += QChar(0x2026); // ellipsis
        }
        return text;
    }
    default:
        return m_document->scalarText(node);
    }
}

QString JsonTreeModel::typeName(quint32 node) const
{
    switch (m_document->node(node).kind) {
    case Kind::Object: return tr("object");
    case Kind::Array: return tr("array");
    case Kind::String: return tr("string");
    case Kind::Number: return tr("number");
    case Kind::True:
    case Kind::False: return tr("boolean");
    case Kind::Null: return tr("null");
    }
    return {};
}

QVariant JsonTreeModel::data(const QModelIndex &index, int role) const
{
    const quint32 node = nodeAt(index);
    if (node == JsonDocumentIndex::NoNode || index.column() >= ColumnCount)
        return {};
    const JsonDocumentIndex::Node &n = m_document->node(node);
    switch (role) {
    case Qt::DisplayRole:
    case Qt::ToolTipRole:
        switch (index.column()) {
        case KeyColumn:
            if (n.parent == JsonDocumentIndex::NoNode)
                return u"$"_s;
            if (m_document->node(n.parent).kind == Kind::Array)
                return QString(u'[' + QString::number(index.row()) + u']');
            return m_document->key(node);
        case ValueColumn:
            return valueDisplay(node);
        default:
            return typeName(node);
        }
    case RawValueRole:
        return m_document->valueText(node).toByteArray();
    case KindRole:
        return int(n.kind);
    case PathRole:
        return m_document->path(node);
    case ElementCountRole:
        return m_document->isContainer(node) ? QVariant(qulonglong(n.childCount)) : QVariant();
    case NodeRole:
        return uint(node);
    default:
        return {};
    }
}

QVariant JsonTreeModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case KeyColumn: return tr("Key");
    case ValueColumn: return tr("Value");
    case TypeColumn: return tr("Type");
    default: return {};
    }
}

} // namespace Hookscope
