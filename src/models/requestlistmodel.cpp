#include "requestlistmodel.h"

#include "signature.h"
#include "timeformat.h"

#include <QColor>
#include <QDateTime>
#include <QHash>

#include <QLocale>

#include <algorithm>
#include <utility>

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
    return int(m_filtered ? m_visible.size() : m_rows.size());
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
    if (m_sortColumn == TimeColumn && m_sortOrder == Qt::DescendingOrder) {
        // Newest on top: the batch goes in front, newest first. Visible indices shift by the batch size.
        QList<RequestSummary> batch(m_queued.crbegin(), m_queued.crend());
        QList<bool> batchVisible(m_queuedVisible.crbegin(), m_queuedVisible.crend());
        for (int &index : m_visible)
            index += int(batch.size());
        QList<int> shown;
        for (int i = 0; i < batch.size(); ++i) {
            if (!m_filtered || batchVisible.at(i))
                shown.append(i);
        }
        const int count = m_filtered ? int(shown.size()) : int(batch.size());
        if (count > 0)
            beginInsertRows({}, 0, count - 1);
        m_rows = batch + m_rows;
        if (m_filtered)
            m_visible = shown + m_visible;
        if (count > 0)
            endInsertRows();
    } else if (!m_filtered) {
        const int first = int(m_rows.size());
        beginInsertRows({}, first, first + int(m_queued.size()) - 1); // last is inclusive
        m_rows += m_queued;
        endInsertRows();
    } else {
        QList<int> shown;
        for (qsizetype i = 0; i < m_queued.size(); ++i) {
            if (m_queuedVisible.at(i))
                shown.append(int(m_rows.size() + i));
        }
        m_rows += m_queued; // hidden rows are kept: clearing the filter shows them
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

void RequestListModel::sort(int column, Qt::SortOrder order)
{
    if (column < 0 || column >= ColumnCount)
        return;
    flush();
    emit layoutAboutToBeChanged({}, QAbstractItemModel::VerticalSortHint);
    const QModelIndexList before = persistentIndexList();
    QList<qint64> beforeIds;
    for (const QModelIndex &index : before)
        beforeIds.append(summary(index.row()).id);
    QSet<qint64> visibleIds;
    for (int index : std::as_const(m_visible))
        visibleIds.insert(m_rows.at(index).id);

    auto key = [column](const RequestSummary &a, const RequestSummary &b) {
        switch (column) {
        case MethodColumn: return a.method < b.method;
        case TargetColumn:
        case QueryColumn: return a.target < b.target;
        case StatusColumn: return a.statusSent < b.statusSent;
        case SizeColumn: return a.bodySize < b.bodySize;
        case ContentTypeColumn: return a.contentType < b.contentType;
        case SourceColumn: return a.remote < b.remote;
        case ProviderColumn: return a.annotation.provider < b.annotation.provider;
        case EventColumn: return a.annotation.event < b.annotation.event;
        case SignatureColumn: return a.annotation.verdict < b.annotation.verdict;
        case ForwardColumn: return qint8(a.forward.state) < qint8(b.forward.state);
        default: return a.receivedUs != b.receivedUs ? a.receivedUs < b.receivedUs : a.id < b.id;
        }
    };
    if (order == Qt::AscendingOrder)
        std::stable_sort(m_rows.begin(), m_rows.end(), key);
    else
        std::stable_sort(m_rows.begin(), m_rows.end(), [&key](const RequestSummary &a, const RequestSummary &b) { return key(b, a); });
    m_sortColumn = column;
    m_sortOrder = order;

    QHash<qint64, int> rowOfId;
    if (m_filtered) {
        m_visible.clear();
        for (int i = 0; i < m_rows.size(); ++i) {
            if (visibleIds.contains(m_rows.at(i).id))
                m_visible.append(i);
        }
        for (int i = 0; i < m_visible.size(); ++i)
            rowOfId.insert(m_rows.at(m_visible.at(i)).id, i);
    } else {
        for (int i = 0; i < m_rows.size(); ++i)
            rowOfId.insert(m_rows.at(i).id, i);
    }
    QModelIndexList after;
    for (qsizetype i = 0; i < before.size(); ++i)
        after.append(index(rowOfId.value(beforeIds.at(i), -1), before.at(i).column()));
    changePersistentIndexList(before, after);
    emit layoutChanged({}, QAbstractItemModel::VerticalSortHint);
}

void RequestListModel::setVisibleIds(const QSet<qint64> *ids)
{
    beginResetModel();
    m_filtered = ids != nullptr;
    m_visible.clear();
    if (ids) {
        for (int i = 0; i < m_rows.size(); ++i) {
            if (ids->contains(m_rows.at(i).id))
                m_visible.append(i);
        }
    }
    endResetModel();
}

void RequestListModel::insertOlder(QList<RequestSummary> summaries)
{
    if (summaries.isEmpty())
        return;
    if (m_sortColumn == TimeColumn && m_sortOrder == Qt::DescendingOrder) {
        // Newest on top: older rows go at the end, newest of them first. Shown indices do not move.
        const QList<RequestSummary> reversed(summaries.crbegin(), summaries.crend());
        if (m_filtered) {
            m_rows += reversed;
            return;
        }
        const int first = int(m_rows.size());
        beginInsertRows({}, first, first + int(reversed.size()) - 1);
        m_rows += reversed;
        endInsertRows();
        return;
    }
    // The current rows are moved behind the given ones: a million older summaries are not copied on the GUI thread
    // (the caller moves its list in).
    const int count = int(summaries.size());
    if (m_filtered) {
        for (int &index : m_visible)
            index += count;
        summaries.append(std::move(m_rows));
        m_rows = std::move(summaries);
        return;
    }
    beginInsertRows({}, 0, count - 1);
    summaries.append(std::move(m_rows));
    m_rows = std::move(summaries);
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
    // One signal over the span of the shown rows that changed (a selection of thousands is one update).
    int first = -1;
    int last = -1;
    for (int i = 0; i < m_rows.size(); ++i) {
        if (!ids.contains(m_rows.at(i).id) || !change(m_rows[i]))
            continue;
        if (first < 0)
            first = i;
        last = i;
    }
    if (first < 0)
        return;
    if (m_filtered) { // the shown rows in that span of m_rows
        const auto begin = std::lower_bound(m_visible.cbegin(), m_visible.cend(), first);
        const auto end = std::upper_bound(begin, m_visible.cend(), last);
        if (begin == end)
            return;
        first = int(begin - m_visible.cbegin());
        last = int(end - m_visible.cbegin()) - 1;
    }
    emit dataChanged(index(first, 0), index(last, ColumnCount - 1));
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
    int first = -1;
    int last = -1;
    for (int i = 0; i < m_rows.size(); ++i) {
        const auto it = byId.constFind(m_rows[i].id);
        if (it == byId.constEnd())
            continue;
        m_rows[i].annotation = **it;
        if (first < 0)
            first = i;
        last = i;
    }
    if (first < 0)
        return;
    // One signal over the changed span: a secret change can touch thousands of rows.
    if (m_filtered)
        emit dataChanged(index(0, ProviderColumn), index(rowCount() - 1, SignatureColumn));
    else
        emit dataChanged(index(first, ProviderColumn), index(last, SignatureColumn));
}

void RequestListModel::setForwardInfo(qint64 id, const ForwardInfo &info)
{
    for (RequestSummary &queued : m_queued) {
        if (queued.id == id)
            queued.forward = info;
    }
    // Deliveries go out oldest first: search from the front.
    for (int i = 0; i < m_rows.size(); ++i) {
        if (m_rows[i].id != id)
            continue;
        m_rows[i].forward = info;
        const int shown = m_filtered ? int(m_visible.indexOf(i)) : i;
        if (shown >= 0)
            emit dataChanged(index(shown, ForwardColumn), index(shown, ForwardColumn));
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
    beginResetModel();
    QList<RequestSummary> kept;
    QList<int> visible;
    const QSet<int> wasVisible(m_visible.cbegin(), m_visible.cend());
    for (int i = 0; i < m_rows.size(); ++i) {
        if (ids.contains(m_rows.at(i).id))
            continue;
        if (m_filtered && wasVisible.contains(i))
            visible.append(int(kept.size()));
        kept.append(m_rows.at(i));
    }
    m_rows = kept;
    m_visible = visible;
    endResetModel();
}

void RequestListModel::clear()
{
    m_flushTimer.stop();
    m_queued.clear();
    m_queuedVisible.clear();
    if (m_rows.isEmpty())
        return;
    beginResetModel();
    m_rows.clear();
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
