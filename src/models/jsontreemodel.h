#pragma once

#include "jsondocumentindex.h"

#include <QAbstractItemModel>
#include <QHash>
#include <QSet>

#include <memory>

namespace Hookscope {

// The body inspector's JSON tree: one top-level row for the root ($), then object members and array elements.
// The model reads a JsonDocumentIndex built on a worker (JsonDocumentIndex::build under QtConcurrent::run) and keeps
// no per-row objects: an index's internalId is its node number, and rowCount() and index() are arithmetic on the
// node array.
//
// Objects and arrays with more than fetchBatchSize() children are paged: rowCount() first shows fetchBatchSize()
// rows and fetchMore() adds the next batch with one beginInsertRows. Expanding a 10-million-element array in a
// QTreeView (which lays out an item per child row) or under a proxy (which maps every child row) then costs one
// batch, not ten million rows. find() and indexForNode() fetch what they need, so their indexes are always valid.
// fetchMore() inserts at once, except when called while the model is announcing a change (from a modelReset or
// rowsInserted slot, as QAbstractItemModelTester does): then the batch is inserted from the event loop, so no listener
// sees rows inserted before the reset or insert that listeners connected after the caller have not been told about.
class JsonTreeModel : public QAbstractItemModel
{
    Q_OBJECT
public:
    enum Column { KeyColumn, ValueColumn, TypeColumn, ColumnCount };
    enum Role {
        RawValueRole = Qt::UserRole + 1, // QByteArray: the value's exact text (strings with quotes), as valueText()
        KindRole,                        // int: JsonDocumentIndex::Kind
        PathRole,                        // QString: path()
        ElementCountRole,                // qulonglong: members or elements of an object or array
        NodeRole,                        // uint: the node number in document()
    };
    static constexpr int DefaultFetchBatchSize = 1000;
    // Strings longer than this are cut (with an ellipsis) for display; RawValueRole and valueText() stay complete.
    static constexpr int MaxDisplayLength = 4096;

    explicit JsonTreeModel(QObject *parent = nullptr);

    // Shows document (one model reset). An invalid document or nullptr leaves the model empty; the caller shows
    // document->error() and errorOffset().
    void setDocument(std::shared_ptr<const JsonDocumentIndex> document);
    const std::shared_ptr<const JsonDocumentIndex> &document() const { return m_document; }
    void clear() { setDocument(nullptr); }

    int fetchBatchSize() const { return m_fetchBatchSize; }
    void setFetchBatchSize(int size); // at least 1; resets the model when a document is shown

    // JSONPath of the node: $, $.data.object.id, $.items[3].name, $["a b"]. Empty for an invalid index.
    QString path(const QModelIndex &index) const;
    // The value's text exactly as in the body ("copy value"): numbers as sent, strings with quotes and escapes,
    // objects and arrays with all their content.
    QByteArray valueText(const QModelIndex &index) const;
    // Up to limit rows (column 0, document order) whose key or scalar value contains text, case-insensitively;
    // strings are matched decoded. Fetches the pages holding the results, so the view can expand to them.
    QModelIndexList find(const QString &text, int limit);
    // The column-0 index of a node (as from JsonDocumentIndex::find on a worker), fetching pages as needed.
    QModelIndex indexForNode(quint32 node);
    // The node number behind an index, or JsonDocumentIndex::NoNode.
    quint32 nodeAt(const QModelIndex &index) const;

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    bool hasChildren(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

private:
    void resetFetchState();
    quint32 shownChildren(quint32 node) const;
    // Makes rows [0, row] of node's children available (one insert), rounding up to a whole batch.
    void fetchThrough(quint32 node, quint32 row);
    QModelIndex indexFor(quint32 node, int column) const;
    QString valueDisplay(quint32 node) const;
    QString typeName(quint32 node) const;

    std::shared_ptr<const JsonDocumentIndex> m_document;
    // Children shown so far, only for containers larger than one batch that were fetched further.
    QHash<quint32, quint32> m_fetched;
    // Fetches asked for while listeners are being told about a reset or an insert run from the event loop instead.
    QSet<quint32> m_deferredFetches;
    quint64 m_generation = 0; // bumped on every reset: deferred fetches of an older document are dropped
    bool m_changing = false;  // between begin...() and the end of end...() of a reset or an insert
    int m_fetchBatchSize = DefaultFetchBatchSize;
};

} // namespace Hookscope
