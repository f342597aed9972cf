#pragma once

#include "capturedrequest.h"

#include <QAbstractTableModel>
#include <QList>
#include <QTimer>

namespace Hookscope {

// The live list of captured requests. Rows are plain summaries; arrivals are coalesced and inserted with one
// beginInsertRows per flush (STYLE.md section 3), so a burst of thousands of requests costs a few view updates.
class RequestListModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { TimeColumn, MethodColumn, TargetColumn, SizeColumn, StatusColumn, ColumnCount };
    static constexpr int FlushIntervalMs = 100;

    explicit RequestListModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // Queues rows; they appear at the next flush.
    void append(const QList<RequestSummary> &summaries);
    // Inserts everything queued now.
    void flush();
    // Inserts older rows before the current ones (history loaded after live rows started arriving).
    void prepend(const QList<RequestSummary> &summaries);
    void clear();
    const RequestSummary &summary(int row) const { return m_rows.at(row); }

    static RequestSummary summarize(const CapturedRequest &request);

private:
    QList<RequestSummary> m_rows;
    QList<RequestSummary> m_queued;
    QTimer m_flushTimer;
};

} // namespace Hookscope
