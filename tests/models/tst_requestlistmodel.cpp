#include "requestlistmodel.h"
#include "signature.h"

#include <QAbstractItemModelTester>
#include <QDateTime>
#include <QLocale>
#include <QPixmap>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;

namespace Hookscope {

namespace {

RequestSummary summary(qint64 id, const QByteArray &method = QByteArrayLiteral("POST"),
                       const QByteArray &target = QByteArrayLiteral("/hook"))
{
    RequestSummary row;
    row.id = id;
    row.receivedUs = 1764396062123456 + id;
    row.method = method;
    row.target = target;
    row.bodySize = 10 * id;
    row.statusSent = 200;
    return row;
}

QList<RequestSummary> batch(qint64 firstId, int count)
{
    QList<RequestSummary> rows;
    for (int i = 0; i < count; ++i)
        rows.append(summary(firstId + i));
    return rows;
}

} // namespace

class TestRequestListModel : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void empty();
    void batchedAppendInsertsOnce();
    void timerFlushes();
    void displayData_data();
    void displayData();
    void otherRoles();
    void clear();
    void clearDropsQueuedRows();
    void summarize();
    void filterShowsOnlyGivenIds();
    void labelsAndPinsChangeOnlyTheirRows();
    void sortsOnTypedFields();
    void sortsManyRowsOnAWorkerThread();
    void changesReachTheShownRowsInAnyOrder();
    void annotationsShowAndUpdate();

private:
    std::unique_ptr<RequestListModel> m_model;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
};

void TestRequestListModel::initTestCase()
{
    // Sizes are formatted with the default locale: pin it so the expected texts hold everywhere.
    QLocale::setDefault(QLocale::c());
}

void TestRequestListModel::init()
{
    m_model = std::make_unique<RequestListModel>();
    // Attached before the model is filled, so it sees every insert and reset.
    m_tester = std::make_unique<QAbstractItemModelTester>(m_model.get(),
                                                          QAbstractItemModelTester::FailureReportingMode::Fatal);
}

void TestRequestListModel::cleanup()
{
    m_tester.reset();
    m_model.reset();
}

void TestRequestListModel::empty()
{
    RequestListModel &model = *m_model;
    QCOMPARE(model.rowCount(), 0);
    QCOMPARE(model.columnCount(), int(RequestListModel::ColumnCount));
    QCOMPARE(model.columnCount(), 12);
    QVERIFY(!model.index(0, 0).isValid());

    const QStringList headers{u"Time"_s,   u"Method"_s, u"Path"_s,         u"Query"_s,
                              u"Status"_s, u"Size"_s,   u"Content type"_s, u"Source"_s,
                              u"Provider"_s, u"Event"_s, u"Signature"_s, u"Forwarding"_s};
    for (int column = 0; column < model.columnCount(); ++column)
        QCOMPARE(model.headerData(column, Qt::Horizontal).toString(), headers.at(column));
    QCOMPARE(model.headerData(0, Qt::Vertical), QVariant());
    QCOMPARE(model.headerData(0, Qt::Horizontal, Qt::ToolTipRole), QVariant());
    QCOMPARE(model.headerData(model.columnCount(), Qt::Horizontal), QVariant());

    // Appending nothing and flushing nothing change nothing.
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    model.append({});
    model.flush();
    QCOMPARE(inserted.count(), 0);
    QCOMPARE(model.rowCount(), 0);
}

void TestRequestListModel::batchedAppendInsertsOnce()
{
    RequestListModel &model = *m_model;
    QSignalSpy aboutToInsert(&model, &QAbstractItemModel::rowsAboutToBeInserted);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);

    model.append(batch(1, 3));
    model.append(batch(4, 1));
    model.append(batch(5, 4));
    QCOMPARE(model.rowCount(), 0); // queued, not yet shown
    model.flush();

    QCOMPARE(aboutToInsert.count(), 1);
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(inserted.at(0).at(0).value<QModelIndex>(), QModelIndex());
    QCOMPARE(inserted.at(0).at(1).toInt(), 0);
    QCOMPARE(inserted.at(0).at(2).toInt(), 7); // last is inclusive
    QCOMPARE(model.rowCount(), 8);
    for (int row = 0; row < model.rowCount(); ++row)
        QCOMPARE(model.summary(row).id, qint64(row + 1));

    // A second flush appends after the existing rows.
    model.append(batch(9, 2));
    model.flush();
    QCOMPARE(inserted.count(), 2);
    QCOMPARE(inserted.at(1).at(1).toInt(), 8);
    QCOMPARE(inserted.at(1).at(2).toInt(), 9);
    QCOMPARE(model.rowCount(), 10);
    QCOMPARE(model.summary(9).id, qint64(10));

    // The pending timer was stopped by flush(): no late, empty insert follows.
    model.flush();
    QCOMPARE(inserted.count(), 2);
}

void TestRequestListModel::timerFlushes()
{
    RequestListModel &model = *m_model;
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    model.append(batch(1, 2));
    model.append(batch(3, 3));
    QCOMPARE(model.rowCount(), 0);

    QTRY_COMPARE(model.rowCount(), 5);
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(inserted.at(0).at(1).toInt(), 0);
    QCOMPARE(inserted.at(0).at(2).toInt(), 4);

    // And again for the next burst.
    model.append(batch(6, 1));
    QTRY_COMPARE(model.rowCount(), 6);
    QCOMPARE(inserted.count(), 2);
    QCOMPARE(inserted.at(1).at(1).toInt(), 5);
    QCOMPARE(inserted.at(1).at(2).toInt(), 5);
}

void TestRequestListModel::displayData_data()
{
    QTest::addColumn<int>("column");
    QTest::addColumn<qint64>("bodySize");
    QTest::addColumn<QString>("rejectedReason");
    QTest::addColumn<QString>("expected");

    QTest::newRow("time") << int(RequestListModel::TimeColumn) << qint64(0) << QString() << u"13:14:15.678"_s;
    QTest::newRow("method") << int(RequestListModel::MethodColumn) << qint64(0) << QString() << u"PATCH"_s;
    QTest::newRow("path") << int(RequestListModel::TargetColumn) << qint64(0) << QString() << u"/caf\u00e9"_s;
    QTest::newRow("query") << int(RequestListModel::QueryColumn) << qint64(0) << QString() << u"q=%20&x=1"_s;
    QTest::newRow("size, empty") << int(RequestListModel::SizeColumn) << qint64(0) << QString() << u"0 bytes"_s;
    QTest::newRow("size, bytes") << int(RequestListModel::SizeColumn) << qint64(512) << QString() << u"512 bytes"_s;
    QTest::newRow("size, kB") << int(RequestListModel::SizeColumn) << qint64(1536) << QString() << u"1.5 kB"_s;
    QTest::newRow("size, MB") << int(RequestListModel::SizeColumn) << qint64(3 * 1024 * 1024) << QString()
                              << u"3.0 MB"_s;
    QTest::newRow("status") << int(RequestListModel::StatusColumn) << qint64(0) << QString() << u"202"_s;
    QTest::newRow("status, rejected") << int(RequestListModel::StatusColumn) << qint64(0)
                                      << u"header too large"_s << u"202 \u2013 header too large"_s;
}

void TestRequestListModel::displayData()
{
    QFETCH(int, column);
    QFETCH(qint64, bodySize);
    QFETCH(QString, rejectedReason);
    QFETCH(QString, expected);

    // 13:14:15.678901 local time: the column shows milliseconds, truncated.
    const QDateTime local(QDate(2025, 5, 6), QTime(13, 14, 15, 678));
    RequestSummary row = summary(1, QByteArrayLiteral("PATCH"), QByteArrayLiteral("/caf\xc3\xa9?q=%20&x=1"));
    row.receivedUs = local.toMSecsSinceEpoch() * 1000 + 901;
    row.bodySize = bodySize;
    row.statusSent = 202;
    row.rejectedReason = rejectedReason;

    RequestListModel &model = *m_model;
    model.append({row});
    model.flush();
    QCOMPARE(model.data(model.index(0, column)).toString(), expected);
}

void TestRequestListModel::otherRoles()
{
    RequestListModel &model = *m_model;
    RequestSummary rejected = summary(2);
    rejected.statusSent = 431;
    rejected.rejectedReason = u"header section too large"_s;
    model.append({summary(1), rejected});
    model.flush();

    // Tool tips only for rejected requests.
    for (int column = 0; column < model.columnCount(); ++column) {
        QCOMPARE(model.data(model.index(0, column), Qt::ToolTipRole), QVariant());
        QCOMPARE(model.data(model.index(1, column), Qt::ToolTipRole).toString(), rejected.rejectedReason);
    }
    // Sizes right-aligned, the rest left to the view.
    QCOMPARE(model.data(model.index(0, RequestListModel::SizeColumn), Qt::TextAlignmentRole).toInt(),
             int(Qt::AlignRight | Qt::AlignVCenter));
    QCOMPARE(model.data(model.index(0, RequestListModel::MethodColumn), Qt::TextAlignmentRole), QVariant());
    QCOMPARE(model.data(model.index(0, RequestListModel::MethodColumn), Qt::DecorationRole), QVariant());
    QCOMPARE(model.data(model.index(0, RequestListModel::MethodColumn), Qt::EditRole), QVariant());
    // Out of range and child indexes give nothing.
    QCOMPARE(model.rowCount(model.index(0, 0)), 0);
    QCOMPARE(model.columnCount(model.index(0, 0)), 0);
    QVERIFY(!model.index(2, 0).isValid());
    QVERIFY(!model.index(0, RequestListModel::ColumnCount).isValid());
}

void TestRequestListModel::clear()
{
    RequestListModel &model = *m_model;
    model.append(batch(1, 4));
    model.flush();
    QCOMPARE(model.rowCount(), 4);

    QSignalSpy aboutToReset(&model, &QAbstractItemModel::modelAboutToBeReset);
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    model.clear();
    QCOMPARE(aboutToReset.count(), 1);
    QCOMPARE(reset.count(), 1);
    QCOMPARE(model.rowCount(), 0);

    // Clearing an empty model is quiet.
    model.clear();
    QCOMPARE(reset.count(), 1);

    // Rows appended after a clear start at row 0 again.
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    model.append(batch(5, 2));
    model.flush();
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(inserted.at(0).at(1).toInt(), 0);
    QCOMPARE(inserted.at(0).at(2).toInt(), 1);
    QCOMPARE(model.summary(0).id, qint64(5));
}

void TestRequestListModel::clearDropsQueuedRows()
{
    RequestListModel &model = *m_model;
    model.append(batch(1, 2));
    model.flush();
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    model.append(batch(3, 5)); // queued, not shown yet
    model.clear();
    model.flush();
    QCOMPARE(inserted.count(), 0);
    QCOMPARE(model.rowCount(), 0);
}

void TestRequestListModel::summarize()
{
    CapturedRequest request;
    request.id = 42;
    request.receivedUs = 1764396062123456;
    request.method = QByteArrayLiteral("DELETE");
    request.target = QByteArrayLiteral("/items/7?force=1");
    request.body = QByteArray(1234, 'b');
    request.raw = QByteArrayLiteral("DELETE /items/7?force=1 HTTP/1.1\r\n\r\n") + request.body;
    request.headers = {{"Host", "example"}};
    request.statusSent = 413;
    request.rejectedReason = u"body too large"_s;
    request.pinned = true;

    const RequestSummary summarized = RequestListModel::summarize(request);
    QCOMPARE(summarized.id, qint64(42));
    QCOMPARE(summarized.receivedUs, request.receivedUs);
    QCOMPARE(summarized.method, request.method);
    QCOMPARE(summarized.target, request.target);
    QCOMPARE(summarized.bodySize, qint64(1234)); // the body, not the raw bytes
    QCOMPARE(summarized.statusSent, 413);
    QCOMPARE(summarized.rejectedReason, request.rejectedReason);
    QCOMPARE(summarized.pinned, true);

    // What summarize() gives is what the table shows.
    RequestListModel &model = *m_model;
    model.append({summarized});
    model.flush();
    QCOMPARE(model.data(model.index(0, RequestListModel::MethodColumn)).toString(), u"DELETE"_s);
    QCOMPARE(model.data(model.index(0, RequestListModel::SizeColumn)).toString(), u"1.2 kB"_s);
    QCOMPARE(model.data(model.index(0, RequestListModel::StatusColumn)).toString(), u"413 \u2013 body too large"_s);
}

void TestRequestListModel::filterShowsOnlyGivenIds()
{
    m_model->append({summary(1), summary(2), summary(3)});
    m_model->flush();
    const QSet<qint64> ids{1, 3};
    m_model->setVisibleIds(&ids);
    QVERIFY(m_model->isFiltered());
    QCOMPARE(m_model->rowCount(), 2);
    QCOMPARE(m_model->summary(1).id, 3);
    // While filtered, new rows appear only when they pass; hidden ones are kept for later.
    QSignalSpy inserted(m_model.get(), &QAbstractItemModel::rowsInserted);
    m_model->append({summary(4), summary(5)}, {false, true});
    m_model->flush();
    QCOMPARE(inserted.size(), 1);
    QCOMPARE(inserted.first().at(1).toInt(), 2);
    QCOMPARE(inserted.first().at(2).toInt(), 2);
    QCOMPARE(m_model->rowCount(), 3);
    QCOMPARE(m_model->summary(2).id, 5);
    // Older rows from history arrive while filtered: hidden until the next filter run.
    m_model->insertOlder({summary(-1)});
    QCOMPARE(m_model->rowCount(), 3);
    QCOMPARE(m_model->summary(0).id, 1);
    QCOMPARE(m_model->allSummaries().size(), 6);
    m_model->setVisibleIds(nullptr);
    QVERIFY(!m_model->isFiltered());
    QCOMPARE(m_model->rowCount(), 6);
    QCOMPARE(m_model->summary(0).id, -1);
}

void TestRequestListModel::labelsAndPinsChangeOnlyTheirRows()
{
    m_model->append(batch(1, 6));
    m_model->flush();
    QVERIFY(!m_model->index(1, 0).data(Qt::BackgroundRole).isValid());
    QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);

    m_model->setLabel({2, 4}, Label::Green);
    QCOMPARE(changed.size(), 1); // one signal over the changed span
    QCOMPARE(changed.first().at(0).toModelIndex().row(), 1);
    QCOMPARE(changed.first().at(1).toModelIndex().row(), 3);
    QCOMPARE(changed.first().at(1).toModelIndex().column(), RequestListModel::ColumnCount - 1);
    for (int column = 0; column < RequestListModel::ColumnCount; ++column) {
        const QColor tint = m_model->index(1, column).data(Qt::BackgroundRole).value<QColor>();
        QVERIFY(tint.isValid());
        QCOMPARE(tint.rgb(), RequestListModel::labelColor(Label::Green).rgb());
        QVERIFY(tint.alpha() < 255); // translucent over the theme's base colour
    }
    QVERIFY(!m_model->index(2, 0).data(Qt::BackgroundRole).isValid());
    QCOMPARE(m_model->summary(3).label, Label::Green);
    QVERIFY(m_model->index(1, RequestListModel::TimeColumn).data(Qt::ToolTipRole).toString().contains(u"Green"));

    // Setting what is already there changes nothing and says nothing.
    changed.clear();
    m_model->setLabel({2}, Label::Green);
    QCOMPARE(changed.size(), 0);

    // Filtered: the span is given in shown rows, and hidden rows are labelled too.
    const QSet<qint64> shown{1, 3, 5};
    m_model->setVisibleIds(&shown);
    m_model->setLabel({3, 4, 5}, Label::Red);
    QCOMPARE(changed.size(), 1);
    QCOMPARE(changed.first().at(0).toModelIndex().row(), 1); // id 3
    QCOMPARE(changed.first().at(1).toModelIndex().row(), 2); // id 5
    changed.clear();
    m_model->setLabel({2}, Label::None); // hidden only: no signal for the shown rows
    QCOMPARE(changed.size(), 0);
    m_model->setVisibleIds(nullptr);
    QCOMPARE(m_model->summary(1).label, Label::None);
    QCOMPARE(m_model->summary(3).label, Label::Red);
    QCOMPARE(m_model->index(3, 0).data(Qt::BackgroundRole).value<QColor>().rgb(),
             RequestListModel::labelColor(Label::Red).rgb());

    // Pins take the same path: the star in the time column.
    changed.clear();
    m_model->setPinned({6}, true);
    QCOMPARE(changed.size(), 1);
    QVERIFY(m_model->index(5, RequestListModel::TimeColumn).data().toString().startsWith(u"\u2605"));
    // Rows still queued take the label too.
    m_model->append({summary(7)});
    m_model->setLabel({7}, Label::Blue);
    m_model->flush();
    QCOMPARE(m_model->summary(6).label, Label::Blue);
}

// Past the synchronous limit the order is computed on a worker thread: the model keeps its rows meanwhile, rows that
// arrive keep the place the new order gives them, deletions start the sort again, and a newer sort wins.
void TestRequestListModel::sortsManyRowsOnAWorkerThread()
{
    RequestListModel::setSynchronousSortLimit(10);
    const auto restoreLimit = qScopeGuard([] { RequestListModel::setSynchronousSortLimit(20000); });
    auto ids = [this] {
        QList<qint64> list;
        for (int row = 0; row < m_model->rowCount(); ++row)
            list.append(m_model->summary(row).id);
        return list;
    };
    QList<RequestSummary> rows = batch(1, 60);
    for (RequestSummary &row : rows)
        row.bodySize = (row.id * 37) % 61; // all different, not in id order
    m_model->append(rows);
    m_model->flush();
    QSignalSpy started(m_model.get(), &RequestListModel::sortingStarted);
    QSignalSpy sorted(m_model.get(), &RequestListModel::sorted);

    // By size, largest first; the row of id 7 is followed through the sort (a selection would be).
    const QPersistentModelIndex followed(m_model->index(6, RequestListModel::MethodColumn));
    m_model->sort(RequestListModel::SizeColumn, Qt::DescendingOrder);
    QCOMPARE(started.size(), 1);
    QCOMPARE(started.first().first().toInt(), 60);
    QVERIFY(m_model->isSorting());
    QList<qint64> unchanged;
    for (qint64 id = 1; id <= 60; ++id)
        unchanged.append(id);
    QCOMPARE(ids(), unchanged); // the old order until the new one is ready
    m_model->append({summary(61), summary(62)}); // arrive meanwhile: at the end, as under any sort but time
    m_model->flush();
    QVERIFY(sorted.wait(5000));
    QVERIFY(!m_model->isSorting());
    QCOMPARE(m_model->rowCount(), 62);
    for (int row = 1; row < 60; ++row)
        QVERIFY(m_model->summary(row - 1).bodySize > m_model->summary(row).bodySize);
    QCOMPARE(m_model->summary(60).id, 61);
    QCOMPARE(m_model->summary(61).id, 62);
    QVERIFY(followed.isValid());
    QCOMPARE(m_model->summary(followed.row()).id, 7);
    QCOMPARE(followed.column(), int(RequestListModel::MethodColumn));

    // Newest on top, filtered: rows arriving during the sort go in front; only the visible ones are shown.
    QSet<qint64> visible;
    for (qint64 id = 1; id <= 62; id += 2)
        visible.insert(id);
    m_model->setVisibleIds(&visible);
    sorted.clear();
    m_model->sort(RequestListModel::TimeColumn, Qt::DescendingOrder);
    m_model->append({summary(63), summary(64)}, {true, false});
    m_model->flush();
    QCOMPARE(m_model->summary(0).id, 63);
    QVERIFY(sorted.wait(5000));
    QList<qint64> expected{63};
    for (qint64 id = 61; id >= 1; id -= 2)
        expected.append(id);
    QCOMPARE(ids(), expected);
    m_model->setVisibleIds(nullptr);
    QCOMPARE(m_model->summary(0).id, 64); // newest first, hidden one included
    QCOMPARE(m_model->summary(1).id, 63);
    QCOMPARE(m_model->summary(63).id, 1);

    // A deletion while sorting: sorted again, once, over what is left.
    sorted.clear();
    started.clear();
    m_model->sort(RequestListModel::SizeColumn, Qt::AscendingOrder);
    m_model->removeIds({5, 6});
    QVERIFY(sorted.wait(5000));
    QCOMPARE(started.size(), 2);
    QCOMPARE(m_model->rowCount(), 62);
    for (int row = 1; row < m_model->rowCount(); ++row)
        QVERIFY(m_model->summary(row - 1).bodySize <= m_model->summary(row).bodySize);
    QVERIFY(!ids().contains(5));

    // Two sorts in a row: the second one's order is what stays.
    sorted.clear();
    m_model->sort(RequestListModel::SizeColumn, Qt::DescendingOrder);
    m_model->sort(RequestListModel::TimeColumn, Qt::AscendingOrder);
    QVERIFY(sorted.wait(5000));
    QTest::qWait(50); // the first job's result, if it came, is dropped
    QCOMPARE(sorted.size(), 1);
    QList<qint64> ascending = ids();
    std::sort(ascending.begin(), ascending.end());
    QCOMPARE(ids(), ascending);
}

// Rows are stored in the order they came and shown through an order of indices: pins, labels, verdicts and
// forwarding states must update the row where it is shown, after sorts, newest-on-top arrivals and older history.
void TestRequestListModel::changesReachTheShownRowsInAnyOrder()
{
    QList<RequestSummary> rows = batch(1, 6);
    for (RequestSummary &row : rows)
        row.bodySize = row.id * 10; // sorted by size descending: ids 6, 5, 4, 3, 2, 1
    m_model->append(rows);
    m_model->flush();
    m_model->sort(RequestListModel::SizeColumn, Qt::DescendingOrder);
    QCOMPARE(m_model->summary(0).id, 6);
    m_model->insertOlder({summary(-2), summary(-1)}); // under another sort: in front
    auto rowOf = [this](qint64 id) {
        for (int row = 0; row < m_model->rowCount(); ++row) {
            if (m_model->summary(row).id == id)
                return row;
        }
        return -1;
    };
    QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);

    m_model->setLabel({5}, Label::Purple);
    QCOMPARE(changed.size(), 1);
    QCOMPARE(changed.first().at(0).toModelIndex().row(), rowOf(5));
    QCOMPARE(changed.first().at(1).toModelIndex().row(), rowOf(5));
    QCOMPARE(m_model->summary(rowOf(5)).label, Label::Purple);

    changed.clear();
    ForwardInfo delivered;
    delivered.state = ForwardState::Delivered;
    delivered.lastStatus = 204;
    m_model->setForwardInfo(2, delivered);
    QCOMPARE(changed.size(), 1);
    QCOMPARE(changed.first().at(0).toModelIndex().row(), rowOf(2));
    QCOMPARE(changed.first().at(0).toModelIndex().column(), int(RequestListModel::ForwardColumn));
    QCOMPARE(m_model->index(rowOf(2), RequestListModel::ForwardColumn).data().toString(),
             RequestListModel::forwardText(delivered));

    changed.clear();
    RequestAnnotation stripe{0, u"stripe"_s, u"charge.failed"_s};
    m_model->setAnnotations({{-1, stripe}, {4, stripe}});
    QCOMPARE(changed.size(), 1);
    const int first = changed.first().at(0).toModelIndex().row();
    const int last = changed.first().at(1).toModelIndex().row();
    QVERIFY(first <= rowOf(-1) && rowOf(-1) <= last);
    QVERIFY(first <= rowOf(4) && rowOf(4) <= last);
    QCOMPARE(m_model->index(rowOf(4), RequestListModel::ProviderColumn).data().toString(), u"stripe"_s);

    // Newest on top and filtered: what the view reads while rows are about to be inserted is still the old rows.
    m_model->sort(RequestListModel::TimeColumn, Qt::DescendingOrder);
    const QSet<qint64> shown{1};
    m_model->setVisibleIds(&shown);
    QCOMPARE(m_model->rowCount(), 1);
    QList<qint64> seenBefore;
    connect(m_model.get(), &QAbstractItemModel::rowsAboutToBeInserted, this, [&] {
        for (int row = 0; row < m_model->rowCount(); ++row)
            seenBefore.append(m_model->summary(row).id);
    });
    m_model->append({summary(7), summary(8), summary(9)}, {false, true, false});
    m_model->flush();
    QCOMPARE(seenBefore, QList<qint64>{1});
    QCOMPARE(m_model->rowCount(), 2);
    QCOMPARE(m_model->summary(0).id, 8);
    QCOMPARE(m_model->summary(1).id, 1);
}

void TestRequestListModel::sortsOnTypedFields()
{
    RequestSummary small = summary(1);
    small.bodySize = 9;
    RequestSummary large = summary(2);
    large.bodySize = 100; // as text "100" < "9"; as a number it is larger
    RequestSummary middle = summary(3);
    middle.bodySize = 50;
    m_model->append({small, large, middle});
    m_model->flush();
    m_model->sort(RequestListModel::SizeColumn, Qt::DescendingOrder);
    QCOMPARE(m_model->summary(0).id, 2);
    QCOMPARE(m_model->summary(1).id, 3);
    QCOMPARE(m_model->summary(2).id, 1);

    // Newest on top: later arrivals are inserted at row 0, newest first.
    m_model->sort(RequestListModel::TimeColumn, Qt::DescendingOrder);
    QCOMPARE(m_model->summary(0).id, 3);
    QSignalSpy inserted(m_model.get(), &QAbstractItemModel::rowsInserted);
    m_model->append({summary(4), summary(5)});
    m_model->flush();
    QCOMPARE(inserted.size(), 1);
    QCOMPARE(inserted.first().at(1).toInt(), 0);
    QCOMPARE(inserted.first().at(2).toInt(), 1);
    QCOMPARE(m_model->summary(0).id, 5);
    QCOMPARE(m_model->summary(1).id, 4);
    QCOMPARE(m_model->summary(2).id, 3);

    // A filter keeps working across a sort.
    const QSet<qint64> ids{1, 4};
    m_model->setVisibleIds(&ids);
    m_model->sort(RequestListModel::TimeColumn, Qt::AscendingOrder);
    QCOMPARE(m_model->rowCount(), 2);
    QCOMPARE(m_model->summary(0).id, 1);
    QCOMPARE(m_model->summary(1).id, 4);
}

void TestRequestListModel::annotationsShowAndUpdate()
{
    RequestListModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QList<RequestSummary> rows{summary(1), summary(2), summary(3)};
    rows[0].annotation = {qint8(Verify::Verdict::Valid), u"stripe"_s, u"payment_intent.succeeded"_s};
    rows[1].annotation = {qint8(Verify::Verdict::Unsigned), QString(), QString()};
    model.append(rows);
    model.flush();
    const auto text = [&](int row, int column) { return model.index(row, column).data().toString(); };
    QCOMPARE(text(0, RequestListModel::ProviderColumn), u"stripe"_s);
    QCOMPARE(text(0, RequestListModel::EventColumn), u"payment_intent.succeeded"_s);
    QCOMPARE(text(0, RequestListModel::SignatureColumn), u"valid"_s);
    QVERIFY(model.index(0, RequestListModel::SignatureColumn).data(Qt::ForegroundRole).isValid());
    // The icons the window paints: set later, announced for the whole column, shown for signed rows only.
    QCOMPARE(model.index(0, RequestListModel::SignatureColumn).data(Qt::DecorationRole), QVariant());
    QPixmap valid(16, 16);
    valid.fill(Qt::green);
    QSignalSpy iconsChanged(&model, &QAbstractItemModel::dataChanged);
    model.setVerdictIcons({{int(Verify::Verdict::Valid), QIcon(valid)}});
    QCOMPARE(iconsChanged.size(), 1);
    QCOMPARE(iconsChanged.first().at(2).value<QList<int>>(), QList<int>{Qt::DecorationRole});
    const QVariant icon = model.index(0, RequestListModel::SignatureColumn).data(Qt::DecorationRole);
    QVERIFY(icon.canConvert<QIcon>() && !icon.value<QIcon>().isNull());
    QCOMPARE(model.index(1, RequestListModel::SignatureColumn).data(Qt::DecorationRole), QVariant()); // unsigned
    QCOMPARE(text(1, RequestListModel::SignatureColumn), QString()); // unsigned: blank
    QCOMPARE(text(2, RequestListModel::SignatureColumn), QString()); // not verified yet: blank

    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    model.setAnnotations({{3, {qint8(Verify::Verdict::Invalid), u"github"_s, u"push"_s}}});
    QCOMPARE(changed.size(), 1);
    QCOMPARE(text(2, RequestListModel::SignatureColumn), u"invalid"_s);
    QCOMPARE(text(2, RequestListModel::EventColumn), u"push"_s);
    // Forwarding states as the column shows them.
    model.setForwardInfo(1, {ForwardState::Retrying, 503, 2, QDateTime::currentMSecsSinceEpoch() * 1000 + 30000000});
    QVERIFY2(text(0, RequestListModel::ForwardColumn).startsWith(u"retrying (attempt 3, next in "_s),
             qPrintable(text(0, RequestListModel::ForwardColumn)));
    QVERIFY(text(0, RequestListModel::ForwardColumn).endsWith(u"last 503)"_s));
    model.setForwardInfo(1, {ForwardState::Delivered, 200, 3, 0});
    QCOMPARE(text(0, RequestListModel::ForwardColumn), u"delivered (200)"_s);
    QCOMPARE(text(1, RequestListModel::ForwardColumn), QString());
    model.sort(RequestListModel::ProviderColumn, Qt::AscendingOrder);
    QCOMPARE(text(0, RequestListModel::ProviderColumn), QString());
    QCOMPARE(text(2, RequestListModel::ProviderColumn), u"stripe"_s);
}

} // namespace Hookscope

QTEST_MAIN(Hookscope::TestRequestListModel)
#include "tst_requestlistmodel.moc"

