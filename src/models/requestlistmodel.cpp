#include "requestlistmodel.h"

#include "timeformat.h"

#include <QDateTime>
#include <QLocale>

namespace Hookscope {

RequestListModel::RequestListModel(QObject *parent) : QAbstractTableModel(parent)
{
    m_flushTimer.setSingleShot(true);
    m_flushTimer.setInterval(FlushIntervalMs);
    connect(&m_flushTimer, &QTimer::timeout, this, &RequestListModel::flush);
}

int RequestListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int RequestListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant RequestListModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size() || index.column() >= ColumnCount)
        return {};
    const RequestSummary &row = m_rows.at(index.row());
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case TimeColumn:
            return QDateTime::fromMSecsSinceEpoch(row.receivedUs / 1000).toString(QStringLiteral("HH:mm:ss.zzz"));
        case MethodColumn:
            return QString::fromLatin1(row.method);
        case TargetColumn:
            return QString::fromUtf8(row.target);
        case SizeColumn:
            return QLocale().formattedDataSize(row.bodySize, 1, QLocale::DataSizeTraditionalFormat);
        case StatusColumn:
            return row.rejectedReason.isEmpty() ? QString::number(row.statusSent)
                                                : QString::number(row.statusSent) + u" \u2013 " + row.rejectedReason;
        }
    } else if (role == Qt::ToolTipRole && !row.rejectedReason.isEmpty()) {
        return row.rejectedReason;
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
    case SizeColumn: return tr("Size");
    case StatusColumn: return tr("Status");
    }
    return {};
}

void RequestListModel::append(const QList<RequestSummary> &summaries)
{
    if (summaries.isEmpty())
        return;
    m_queued += summaries;
    if (!m_flushTimer.isActive())
        m_flushTimer.start();
}

void RequestListModel::flush()
{
    m_flushTimer.stop();
    if (m_queued.isEmpty())
        return;
    const int first = int(m_rows.size());
    beginInsertRows({}, first, first + int(m_queued.size()) - 1); // last is inclusive
    m_rows += m_queued;
    m_queued.clear();
    endInsertRows();
}

void RequestListModel::prepend(const QList<RequestSummary> &summaries)
{
    if (summaries.isEmpty())
        return;
    beginInsertRows({}, 0, int(summaries.size()) - 1);
    m_rows = summaries + m_rows;
    endInsertRows();
}

void RequestListModel::clear()
{
    m_flushTimer.stop();
    m_queued.clear();
    if (m_rows.isEmpty())
        return;
    beginResetModel();
    m_rows.clear();
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
    return summary;
}

} // namespace Hookscope
