#include "requestlistmodel.h"

#include "signature.h"
#include "timeformat.h"

#include <QColor>
#include <QDateTime>
#include <QHash>

#include <QFutureWatcher>
#include <QLocale>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>
#include <numeric>
#include <utility>
#include <vector>

namespace Hookscope {

RequestListModel::RequestListModel(QObject *parent) : QAbstractTableModel(parent)
{
    m_flushTimer.setSingleShot(true);
    m_flushTimer.setInterval(FlushIntervalMs);
    connect(&m_flushTimer, &QTimer::timeout, this, &RequestListModel::flush);
}

int RequestListModel::rowCount(const QModelIndex &parent) const
{
    if (parent.isValid())
        return 0;
    return int(m_filtered ? m_visible.size() : m_order.size());
}

int RequestListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant RequestListModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount() || index.column() >= ColumnCount)
        return {};
    const RequestSummary &row = summary(index.row());
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case TimeColumn: {
            const QString time = QDateTime::fromMSecsSinceEpoch(row.receivedUs / 1000).toString(QStringLiteral("HH:mm:ss.zzz"));
            return row.pinned ? QString(u"\u2605 " + time) : time; // a star marks pinned requests
        }
        case MethodColumn:
            return QString::fromLatin1(row.method);
        case TargetColumn: {
            const qsizetype question = row.target.indexOf('?');
            return QString::fromUtf8(question < 0 ? row.target : row.target.left(question));
        }
        case QueryColumn: {
            const qsizetype question = row.target.indexOf('?');
            return question < 0 ? QString() : QString::fromUtf8(row.target.mid(question + 1));
        }
        case ContentTypeColumn:
            return QString::fromUtf8(row.contentType);
        case SourceColumn:
            return row.remote;
        case SizeColumn:
            return QLocale().formattedDataSize(row.bodySize, 1, QLocale::DataSizeTraditionalFormat);
        case StatusColumn:
            return row.rejectedReason.isEmpty() ? QString::number(row.statusSent)
                                                : QString::number(row.statusSent) + u" \u2013 " + row.rejectedReason;
        case ProviderColumn:
            return row.annotation.provider;
        case EventColumn:
            return row.annotation.event;
        case SignatureColumn:
            return verdictText(row.annotation.verdict);
        case ForwardColumn:
            return forwardText(row.forward);
        }
    } else if (role == Qt::ForegroundRole && index.column() == SignatureColumn) {
        return verdictColor(row.annotation.verdict);
    } else if (role == Qt::DecorationRole && index.column() == SignatureColumn && row.annotation.verdict >= 0 &&
               row.annotation.verdict != int(Verify::Verdict::Unsigned)) {
        const auto icon = m_verdictIcons.constFind(row.annotation.verdict);
        return icon != m_verdictIcons.cend() ? QVariant(*icon) : QVariant();
    } else if (role == Qt::ToolTipRole && index.column() == SignatureColumn && row.annotation.verdict >= 0) {
        return tr("Signature: %1").arg(verdictText(row.annotation.verdict));
    } else if (role == Qt::ToolTipRole && !row.rejectedReason.isEmpty()) {
        return row.rejectedReason;
    } else if (role == Qt::BackgroundRole && row.label != Label::None) {
        // The label's colour, translucent over the view's base: readable in the light and the dark theme.
        QColor tint = labelColor(row.label);
        tint.setAlpha(80);
        return tint;
    } else if (role == Qt::ToolTipRole && index.column() == TimeColumn && (row.label != Label::None || row.pinned)) {
        QStringList parts;
        if (row.pinned)
            parts.append(tr("Pinned"));
        if (row.label != Label::None)
            parts.append(tr("Label: %1").arg(labelText(row.label)));
        return parts.join(u'\n');
    } else if (role == Qt::TextAlignmentRole && index.column() == SizeColumn) {
        return int(Qt::AlignRight | Qt::AlignVCenter);
    }
    return {};
}

QVariant RequestListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case TimeColumn: return tr("Time");
    case MethodColumn: return tr("Method");
    case TargetColumn: return tr("Path");
    case QueryColumn: return tr("Query");
    case ContentTypeColumn: return tr("Content type");
    case SourceColumn: return tr("Source");
    case ProviderColumn: return tr("Provider");
    case EventColumn: return tr("Event");
    case SignatureColumn: return tr("Signature");
    case ForwardColumn: return tr("Forwarding");
    case SizeColumn: return tr("Size");
    case StatusColumn: return tr("Status");
    }
    return {};
}

void RequestListModel::append(const QList<RequestSummary> &summaries, const QList<bool> &visible)
{
    if (summaries.isEmpty())
        return;
    m_queued += summaries;
    for (qsizetype i = 0; i < summaries.size(); ++i)
        m_queuedVisible.append(visible.isEmpty() || visible.value(i, true));
    if (!m_flushTimer.isActive())
        m_flushTimer.start();
}

void RequestListModel::flush()
{
    m_flushTimer.stop();
    if (m_queued.isEmpty())
        return;
    const int batchSize = int(m_queued.size());
    const int firstStored = int(m_rows.size());
    m_rows += m_queued;
    if (m_sortColumn == TimeColumn && m_sortOrder == Qt::DescendingOrder) {
        // Newest on top: the batch goes in front, newest first. Shown positions shift by the batch size; the model
        // changes only between beginInsertRows and endInsertRows (views may read it in rowsAboutToBeInserted).
        QList<int> shown;
        for (int i = 0; i < batchSize; ++i) {
            if (!m_filtered || m_queuedVisible.at(batchSize - 1 - i))
                shown.append(i);
        }
        const int count = m_filtered ? int(shown.size()) : batchSize;
        if (count > 0)
            beginInsertRows({}, 0, count - 1);
        for (int i = 0; i < batchSize; ++i)
            m_order.prepend(firstStored + i); // QList keeps free space at its front: no copy of the order
        if (m_filtered) {
            for (int &position : m_visible)
                position += batchSize;
            m_visible = shown + m_visible;
        }
        if (count > 0)
            endInsertRows();
        if (m_sortJob)
            m_sortPrefix += batchSize; // in front of the rows being sorted
    } else if (!m_filtered) {
        const int first = int(m_order.size());
        beginInsertRows({}, first, first + batchSize - 1); // last is inclusive
        for (int i = 0; i < batchSize; ++i)
            m_order.append(firstStored + i);
        endInsertRows();
    } else {
        QList<int> shown;
        for (int i = 0; i < batchSize; ++i) {
            if (m_queuedVisible.at(i))
                shown.append(int(m_order.size()) + i);
        }
        for (int i = 0; i < batchSize; ++i) // hidden rows are kept: clearing the filter shows them
            m_order.append(firstStored + i);
        if (!shown.isEmpty()) {
            const int first = int(m_visible.size());
            beginInsertRows({}, first, first + int(shown.size()) - 1);
            m_visible += shown;
            endInsertRows();
        }
    }
    m_queued.clear();
    m_queuedVisible.clear();
}

namespace {

// What a sort compares, taken from the rows on the GUI thread so the worker never touches the model's list: numbers
// for the numeric columns (time also keeps the id, its tie-break), shared copies of the texts for the others.
struct SortKeys {
    int column = RequestListModel::TimeColumn;
    Qt::SortOrder order = Qt::AscendingOrder;
    std::vector<qint64> numbers;
    std::vector<qint64> ids;
    std::vector<QByteArray> bytes;
    std::vector<QString> texts;
};

enum class KeyKind { Number, Bytes, Text };

KeyKind keyKind(int column)
{
    switch (column) {
    case RequestListModel::MethodColumn:
    case RequestListModel::TargetColumn:
    case RequestListModel::QueryColumn:
    case RequestListModel::ContentTypeColumn: return KeyKind::Bytes;
    case RequestListModel::SourceColumn:
    case RequestListModel::ProviderColumn:
    case RequestListModel::EventColumn: return KeyKind::Text;
    default: return KeyKind::Number;
    }
}

SortKeys sortKeys(const QList<RequestSummary> &rows, const QList<int> &shownOrder, int column, Qt::SortOrder order)
{
    SortKeys keys;
    keys.column = column;
    keys.order = order;
    const KeyKind kind = keyKind(column);
    const qsizetype count = shownOrder.size();
    if (kind == KeyKind::Number)
        keys.numbers.reserve(size_t(count));
    if (column == RequestListModel::TimeColumn)
        keys.ids.reserve(size_t(count));
    if (kind == KeyKind::Bytes)
        keys.bytes.reserve(size_t(count));
    if (kind == KeyKind::Text)
        keys.texts.reserve(size_t(count));
    for (const int stored : shownOrder) {
        const RequestSummary &row = rows.at(stored);
        switch (column) {
        case RequestListModel::MethodColumn: keys.bytes.push_back(row.method); break;
        case RequestListModel::TargetColumn:
        case RequestListModel::QueryColumn: keys.bytes.push_back(row.target); break;
        case RequestListModel::ContentTypeColumn: keys.bytes.push_back(row.contentType); break;
        case RequestListModel::SourceColumn: keys.texts.push_back(row.remote); break;
        case RequestListModel::ProviderColumn: keys.texts.push_back(row.annotation.provider); break;
        case RequestListModel::EventColumn: keys.texts.push_back(row.annotation.event); break;
        case RequestListModel::StatusColumn: keys.numbers.push_back(row.statusSent); break;
        case RequestListModel::SizeColumn: keys.numbers.push_back(row.bodySize); break;
        case RequestListModel::SignatureColumn: keys.numbers.push_back(row.annotation.verdict); break;
        case RequestListModel::ForwardColumn: keys.numbers.push_back(qint8(row.forward.state)); break;
        default:
            keys.numbers.push_back(row.receivedUs);
            keys.ids.push_back(row.id);
            break;
        }
    }
    return keys;
}

// The sorted order as positions into the keys. Stable: equal rows keep their current order, in both directions.
std::vector<int> sortedOrder(const SortKeys &keys)
{
    const bool descending = keys.order == Qt::DescendingOrder;
    std::vector<int> order;
    if (!keys.numbers.empty()) {
        // Numbers sorted in place with their position as the last key (stable without stable_sort's indirection).
        struct Entry {
            qint64 key;
            qint64 tie;
            int position;
        };
        std::vector<Entry> entries(keys.numbers.size());
        for (size_t i = 0; i < entries.size(); ++i)
            entries[i] = {keys.numbers[i], keys.ids.empty() ? 0 : keys.ids[i], int(i)};
        std::sort(entries.begin(), entries.end(), [descending](const Entry &a, const Entry &b) {
            if (a.key != b.key)
                return descending ? a.key > b.key : a.key < b.key;
            if (a.tie != b.tie)
                return descending ? a.tie > b.tie : a.tie < b.tie;
            return a.position < b.position;
        });
        order.reserve(entries.size());
        for (const Entry &entry : entries)
            order.push_back(entry.position);
        return order;
    }
    order.resize(std::max(keys.bytes.size(), keys.texts.size()));
    std::iota(order.begin(), order.end(), 0);
    auto sortBy = [&order, descending](const auto &values) {
        std::stable_sort(order.begin(), order.end(), [&values, descending](int a, int b) {
            return descending ? values[size_t(b)] < values[size_t(a)] : values[size_t(a)] < values[size_t(b)];
        });
    };
    if (!keys.bytes.empty())
        sortBy(keys.bytes);
    else
        sortBy(keys.texts);
    return order;
}

} // namespace

int RequestListModel::s_synchronousSortLimit = 20000;

void RequestListModel::setSynchronousSortLimit(int rows)
{
    s_synchronousSortLimit = rows;
}

void RequestListModel::sort(int column, Qt::SortOrder order)
{
    if (column < 0 || column >= ColumnCount)
        return;
    flush();
    // QTableView::sortByColumn asks twice; the sort already running for it is the one.
    if (m_sortJob && !m_sortBroken && column == m_sortColumn && order == m_sortOrder)
        return;
    // New rows go where the new order puts them (newest on top: in front) from now on, also while it is computed.
    m_sortColumn = column;
    m_sortOrder = order;
    const quint64 job = ++m_sortJobs;
    if (m_order.size() <= s_synchronousSortLimit) {
        m_sortJob = 0;
        applyOrder(sortedOrder(sortKeys(m_rows, m_order, column, order)), 0);
        emit sorted();
        return;
    }
    // Many rows: sorted on a worker thread (a million take seconds); the rows show in their old order meanwhile. Rows
    // that arrive go in front or at the end as usual and stay there; deletions and history start the sort again.
    m_sortJob = job;
    m_sortPrefix = 0;
    m_sortBroken = false;
    emit sortingStarted(int(m_order.size()));
    auto *watcher = new QFutureWatcher<std::vector<int>>(this);
    connect(watcher, &QFutureWatcher<std::vector<int>>::finished, this, [this, watcher, job] {
        std::vector<int> sortedRows = watcher->future().takeResult();
        watcher->deleteLater();
        if (job != m_sortJob)
            return; // a newer sort was asked for
        m_sortJob = 0;
        if (m_sortBroken) {
            sort(m_sortColumn, m_sortOrder);
            return;
        }
        applyOrder(sortedRows, m_sortPrefix);
        emit sorted();
    });
    watcher->setFuture(QtConcurrent::run(
        [keys = sortKeys(m_rows, m_order, column, order)] { return sortedOrder(keys); }));
}

void RequestListModel::applyOrder(const std::vector<int> &order, qsizetype prefix)
{
    // order: the new order of the shown positions [prefix, prefix + order.size()); those in front and after keep
    // their places. Only the order of indices changes: the rows themselves stay where they are stored.
    emit layoutAboutToBeChanged({}, QAbstractItemModel::VerticalSortHint);
    const QModelIndexList before = persistentIndexList();
    const qsizetype total = m_order.size();
    std::vector<int> newPositionOf(static_cast<size_t>(total));
    QList<int> newOrder;
    newOrder.reserve(total);
    auto take = [&](qsizetype old) {
        newPositionOf[size_t(old)] = int(newOrder.size());
        newOrder.append(m_order.at(old));
    };
    for (qsizetype i = 0; i < prefix; ++i)
        take(i);
    for (int position : order)
        take(prefix + position);
    for (qsizetype i = prefix + qsizetype(order.size()); i < total; ++i)
        take(i);
    m_order = std::move(newOrder);
    QModelIndexList after;
    after.reserve(before.size());
    if (m_filtered) {
        std::vector<char> shown(size_t(total), 0);
        const QList<int> oldVisible = m_visible;
        for (int old : oldVisible)
            shown[size_t(newPositionOf[size_t(old)])] = 1;
        m_visible.clear();
        for (qsizetype i = 0; i < total; ++i) {
            if (shown[size_t(i)])
                m_visible.append(int(i));
        }
        for (const QModelIndex &index : before) {
            const int moved = newPositionOf[size_t(oldVisible.at(index.row()))];
            const auto it = std::lower_bound(m_visible.cbegin(), m_visible.cend(), moved);
            after.append(this->index(int(it - m_visible.cbegin()), index.column()));
        }
    } else {
        for (const QModelIndex &index : before)
            after.append(this->index(newPositionOf[size_t(index.row())], index.column()));
    }
    changePersistentIndexList(before, after);
    emit layoutChanged({}, QAbstractItemModel::VerticalSortHint);
}

void RequestListModel::setVisibleIds(const QSet<qint64> *ids)
{
    beginResetModel();
    m_filtered = ids != nullptr;
    m_visible.clear();
    if (ids) {
        for (int position = 0; position < m_order.size(); ++position) {
            if (ids->contains(m_rows.at(m_order.at(position)).id))
                m_visible.append(position);
        }
    }
    endResetModel();
}

void RequestListModel::insertOlder(QList<RequestSummary> summaries)
{
    if (summaries.isEmpty())
        return;
    m_sortBroken = m_sortBroken || m_sortJob != 0;
    // Stored in front of the rows already there (the older rows are the many): the current rows are moved behind
    // them and their indices shift. A million older summaries are not copied on the GUI thread (moved in).
    const int count = int(summaries.size());
    summaries.append(std::move(m_rows));
    m_rows = std::move(summaries);
    for (int &stored : m_order)
        stored += count;
    if (m_sortColumn == TimeColumn && m_sortOrder == Qt::DescendingOrder) {
        // Newest on top: older rows go at the end, newest of them first. Shown positions do not move.
        const int first = int(m_order.size());
        if (!m_filtered)
            beginInsertRows({}, first, first + count - 1);
        m_order.reserve(m_order.size() + count);
        for (int stored = count - 1; stored >= 0; --stored)
            m_order.append(stored);
        if (!m_filtered)
            endInsertRows();
        return;
    }
    QList<int> order;
    order.reserve(count + m_order.size());
    for (int stored = 0; stored < count; ++stored)
        order.append(stored);
    order += m_order;
    if (m_filtered) { // hidden until the filter is applied again
        for (int &position : m_visible)
            position += count;
        m_order = std::move(order);
        return;
    }
    beginInsertRows({}, 0, count - 1);
    m_order = std::move(order);
    endInsertRows();
}

void RequestListModel::setPinned(const QSet<qint64> &ids, bool pinned)
{
    changeRows(ids, [pinned](RequestSummary &row) { return std::exchange(row.pinned, pinned) != pinned; });
}

void RequestListModel::setLabel(const QSet<qint64> &ids, Label label)
{
    changeRows(ids, [label](RequestSummary &row) { return std::exchange(row.label, label) != label; });
}

void RequestListModel::changeRows(const QSet<qint64> &ids, const std::function<bool(RequestSummary &)> &change)
{
    if (ids.isEmpty())
        return;
    for (RequestSummary &queued : m_queued) {
        if (ids.contains(queued.id))
            change(queued);
    }
    std::vector<char> changed(size_t(m_rows.size()), 0);
    bool any = false;
    for (int i = 0; i < m_rows.size(); ++i) {
        if (ids.contains(m_rows.at(i).id) && change(m_rows[i])) {
            changed[size_t(i)] = 1;
            any = true;
        }
    }
    if (any)
        emitChangedSpan(changed, 0, ColumnCount - 1);
}

void RequestListModel::emitChangedSpan(const std::vector<char> &changed, int firstColumn, int lastColumn)
{
    // One signal over the span of the shown rows that changed (a selection of thousands is one update).
    int first = -1;
    int last = -1;
    const int shownRows = rowCount();
    for (int row = 0; row < shownRows; ++row) {
        const int position = m_filtered ? m_visible.at(row) : row;
        if (!changed[size_t(m_order.at(position))])
            continue;
        if (first < 0)
            first = row;
        last = row;
    }
    if (first >= 0)
        emit dataChanged(index(first, firstColumn), index(last, lastColumn));
}

void RequestListModel::setAnnotations(const QList<std::pair<qint64, RequestAnnotation>> &annotations)
{
    if (annotations.isEmpty())
        return;
    QHash<qint64, const RequestAnnotation *> byId;
    byId.reserve(annotations.size());
    for (const auto &[id, annotation] : annotations)
        byId.insert(id, &annotation);
    for (RequestSummary &queued : m_queued) {
        if (const auto it = byId.constFind(queued.id); it != byId.constEnd())
            queued.annotation = **it;
    }
    std::vector<char> changed(size_t(m_rows.size()), 0);
    bool any = false;
    for (int i = 0; i < m_rows.size(); ++i) {
        const auto it = byId.constFind(m_rows.at(i).id);
        if (it == byId.constEnd())
            continue;
        m_rows[i].annotation = **it;
        changed[size_t(i)] = 1;
        any = true;
    }
    // One signal over the changed span: a secret change can touch thousands of rows.
    if (any)
        emitChangedSpan(changed, ProviderColumn, SignatureColumn);
}

void RequestListModel::setForwardInfo(qint64 id, const ForwardInfo &info)
{
    for (RequestSummary &queued : m_queued) {
        if (queued.id == id)
            queued.forward = info;
    }
    // Deliveries go out oldest first: search from the front.
    for (int i = 0; i < m_rows.size(); ++i) {
        if (m_rows.at(i).id != id)
            continue;
        m_rows[i].forward = info;
        // Where it is shown: at the same position unless sorted otherwise since.
        int position = i < m_order.size() && m_order.at(i) == i ? i : int(m_order.indexOf(i));
        if (position >= 0 && m_filtered) {
            const auto it = std::lower_bound(m_visible.cbegin(), m_visible.cend(), position);
            position = it != m_visible.cend() && *it == position ? int(it - m_visible.cbegin()) : -1;
        }
        if (position >= 0)
            emit dataChanged(index(position, ForwardColumn), index(position, ForwardColumn));
        return;
    }
}

QString RequestListModel::forwardText(const ForwardInfo &info)
{
    switch (info.state) {
    case ForwardState::None: return {};
    case ForwardState::Pending: return tr("pending");
    case ForwardState::Delivered: return tr("delivered (%1)").arg(info.lastStatus);
    case ForwardState::Retrying: {
        const qint64 inSeconds = qMax<qint64>(0, (info.nextUs - QDateTime::currentMSecsSinceEpoch() * 1000) / 1000000);
        const QString last = info.lastStatus ? tr(", last %1").arg(info.lastStatus) : QString();
        return tr("retrying (attempt %1, next in %2 s%3)").arg(info.attempts + 1).arg(inSeconds).arg(last);
    }
    case ForwardState::Failed: return info.lastStatus ? tr("failed (%1)").arg(info.lastStatus) : tr("failed");
    case ForwardState::Discarded: return tr("discarded");
    }
    return {};
}

QString RequestListModel::verdictText(int verdict)
{
    // Unsigned requests (most traffic) and rows not verified yet stay blank.
    switch (verdict) {
    case int(Verify::Verdict::Valid): return tr("valid");
    case int(Verify::Verdict::Invalid): return tr("invalid");
    case int(Verify::Verdict::NoSecret): return tr("no secret");
    case int(Verify::Verdict::Error): return tr("error");
    default: return {};
    }
}

void RequestListModel::setVerdictIcons(const QHash<int, QIcon> &icons)
{
    m_verdictIcons = icons;
    if (rowCount() > 0)
        emit dataChanged(index(0, SignatureColumn), index(rowCount() - 1, SignatureColumn), {Qt::DecorationRole});
}

QVariant RequestListModel::verdictColor(int verdict)
{
    // Mid tones, readable on the light and the dark theme.
    switch (verdict) {
    case int(Verify::Verdict::Valid): return QColor(0x2e, 0x9d, 0x4a);
    case int(Verify::Verdict::Invalid): return QColor(0xd9, 0x3f, 0x35);
    case int(Verify::Verdict::Error): return QColor(0xd9, 0x8a, 0x1a);
    default: return {};
    }
}

QColor RequestListModel::labelColor(Label label)
{
    switch (label) {
    case Label::None: break;
    case Label::Red: return QColor(0xe5, 0x48, 0x4d);
    case Label::Orange: return QColor(0xf5, 0x8a, 0x1f);
    case Label::Yellow: return QColor(0xe8, 0xc5, 0x1a);
    case Label::Green: return QColor(0x3c, 0xb3, 0x5a);
    case Label::Blue: return QColor(0x3b, 0x82, 0xf6);
    case Label::Purple: return QColor(0xa0, 0x5c, 0xe6);
    case Label::Gray: return QColor(0x8a, 0x8f, 0x98);
    }
    return {};
}

QString RequestListModel::labelText(Label label)
{
    switch (label) {
    case Label::None: return tr("None");
    case Label::Red: return tr("Red");
    case Label::Orange: return tr("Orange");
    case Label::Yellow: return tr("Yellow");
    case Label::Green: return tr("Green");
    case Label::Blue: return tr("Blue");
    case Label::Purple: return tr("Purple");
    case Label::Gray: return tr("Gray");
    }
    return {};
}

void RequestListModel::removeIds(const QSet<qint64> &ids)
{
    m_sortBroken = m_sortBroken || m_sortJob != 0;
    beginResetModel();
    // The kept rows move down in storage; the order and the shown positions are mapped to their new places.
    std::vector<int> newStored(size_t(m_rows.size()), -1);
    QList<RequestSummary> kept;
    kept.reserve(m_rows.size());
    for (int i = 0; i < m_rows.size(); ++i) {
        if (ids.contains(m_rows.at(i).id))
            continue;
        newStored[size_t(i)] = int(kept.size());
        kept.append(std::move(m_rows[i]));
    }
    m_rows = std::move(kept);
    std::vector<int> newPosition(size_t(m_order.size()), -1);
    QList<int> order;
    order.reserve(m_rows.size());
    for (int position = 0; position < m_order.size(); ++position) {
        const int stored = newStored[size_t(m_order.at(position))];
        if (stored < 0)
            continue;
        newPosition[size_t(position)] = int(order.size());
        order.append(stored);
    }
    m_order = std::move(order);
    QList<int> visible;
    for (int position : std::as_const(m_visible)) {
        if (newPosition[size_t(position)] >= 0)
            visible.append(newPosition[size_t(position)]);
    }
    m_visible = std::move(visible);
    endResetModel();
}

void RequestListModel::clear()
{
    m_flushTimer.stop();
    m_queued.clear();
    m_queuedVisible.clear();
    if (m_rows.isEmpty())
        return;
    m_sortBroken = m_sortBroken || m_sortJob != 0;
    beginResetModel();
    m_rows.clear();
    m_order.clear();
    m_visible.clear();
    endResetModel();
}

RequestSummary RequestListModel::summarize(const CapturedRequest &request)
{
    RequestSummary summary;
    summary.id = request.id;
    summary.receivedUs = request.receivedUs;
    summary.method = request.method;
    summary.target = request.target;
    summary.bodySize = request.body.size();
    summary.statusSent = request.statusSent;
    summary.rejectedReason = request.rejectedReason;
    summary.pinned = request.pinned;
    summary.label = request.label;
    summary.remote = request.remoteText();
    summary.contentType = request.headerValue("content-type");
    summary.annotation = request.annotation;
    summary.forward = request.forward;
    return summary;
}

} // namespace Hookscope
