#pragma once

#include "capturedrequest.h"

#include <QAbstractTableModel>
#include <QColor>
#include <QHash>
#include <QIcon>
#include <QList>
#include <QSet>
#include <QTimer>

#include <functional>
#include <vector>

namespace Hookscope {

// The live list of captured requests. Rows are plain summaries; arrivals are coalesced and inserted with one
// beginInsertRows per flush (STYLE.md section 3), so a burst of thousands of requests costs a few view updates.
class RequestListModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column {
        TimeColumn,
        MethodColumn,
        TargetColumn, // the path, without the query
        QueryColumn,
        StatusColumn,
        SizeColumn,
        ContentTypeColumn,
        SourceColumn,
        ProviderColumn,
        EventColumn,
        SignatureColumn,
        ForwardColumn,
        ColumnCount
    };
    static constexpr int FlushIntervalMs = 100;

    explicit RequestListModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    // Sorts on the typed fields (sizes and statuses as numbers, times in microseconds); stable, so equal rows keep
    // their arrival order. Sorted by time descending, new requests arrive at the top; other sorts add them at the
    // end until the next sort. Up to synchronousSortLimit rows are sorted at once; more on a worker thread, and
    // sorted() says when the new order is shown (sortingStarted before).
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;
    static void setSynchronousSortLimit(int rows);
    bool isSorting() const { return m_sortJob != 0; }

    // Queues rows; they appear at the next flush. With a filter set, visible says which of them pass it.
    void append(const QList<RequestSummary> &summaries, const QList<bool> &visible = {});
    // Inserts everything queued now.
    void flush();
    // Adds rows older than every current one (the history, loaded newest first), oldest first: in front, or at the
    // end when sorted by time with the newest on top. Under another sort they go in front; sort() again. While
    // filtered they stay hidden until the filter is applied again.
    void insertOlder(QList<RequestSummary> summaries);
    void clear();
    // The summary shown at a row (through the filter, when one is set).
    const RequestSummary &summary(int row) const { return m_rows.at(m_order.at(m_filtered ? m_visible.at(row) : row)); }
    // Every row, filtered out or not, in the order they were added (not the order shown): for filter jobs.
    const QList<RequestSummary> &allSummaries() const { return m_rows; }
    // Shows only the rows whose ids are given; nullptr shows every row. One reset, not one change per row.
    void setVisibleIds(const QSet<qint64> *ids);
    bool isFiltered() const { return m_filtered; }
    // Marks rows pinned or not (one dataChanged per changed row).
    void setPinned(const QSet<qint64> &ids, bool pinned);
    // Puts a colour label on rows, or takes it off (Label::None).
    void setLabel(const QSet<qint64> &ids, Label label);
    // New verification results and events for stored rows (after the secrets changed).
    void setAnnotations(const QList<std::pair<qint64, RequestAnnotation>> &annotations);
    // A delivery changed state (one dataChanged for its row).
    void setForwardInfo(qint64 id, const ForwardInfo &info);
    static QString forwardText(const ForwardInfo &info);
    // Removes rows (one reset: deletions are rare and may be scattered).
    void removeIds(const QSet<qint64> &ids);

    static RequestSummary summarize(const CapturedRequest &request);
    static QString verdictText(int verdict);
    // Icons for the Signature column, by verdict (a Verify::Verdict as int); the window paints them for its palette.
    void setVerdictIcons(const QHash<int, QIcon> &icons);
    static QVariant verdictColor(int verdict);
    // A label's colour (rows are tinted with it) and its name as shown to the user.
    static QColor labelColor(Label label);
    static QString labelText(Label label);

signals:
    // A sort of many rows runs on a worker thread; the rows keep their order until sorted().
    void sortingStarted(int rows);
    void sorted();

private:
    void applyOrder(const std::vector<int> &order, qsizetype prefix);
    // Applies change to the rows (shown, hidden and queued) with these ids; change says whether it changed one.
    void changeRows(const QSet<qint64> &ids, const std::function<bool(RequestSummary &)> &change);
    // dataChanged over the shown rows whose stored rows are flagged in changed.
    void emitChangedSpan(const std::vector<char> &changed, int firstColumn, int lastColumn);

    QHash<int, QIcon> m_verdictIcons;
    // The rows as stored and the order shown: sorting a million rows reorders four-byte indices, not summaries.
    QList<RequestSummary> m_rows; // everything, in the order added (older history in front)
    QList<int> m_order;           // indices into m_rows, in the order shown
    QList<int> m_visible;         // positions in m_order, ascending, when filtered
    bool m_filtered = false;
    int m_sortColumn = TimeColumn;
    Qt::SortOrder m_sortOrder = Qt::AscendingOrder;
    quint64 m_sortJobs = 0;       // sorts asked for
    quint64 m_sortJob = 0;        // the one running on a worker thread; 0: none
    qsizetype m_sortPrefix = 0;   // rows put in front of the rows being sorted since it started
    bool m_sortBroken = false;    // rows were deleted or inserted among them: sort again when it is done
    static int s_synchronousSortLimit;
    QList<RequestSummary> m_queued;
    QList<bool> m_queuedVisible;
    QTimer m_flushTimer;
};

} // namespace Hookscope
