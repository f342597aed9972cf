#include "headersmodel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QtTest>

using namespace Hookscope;
using namespace Qt::StringLiterals;

class TestHeadersModel : public QObject
{
    Q_OBJECT
private slots:
    void showsHeadersThenTrailersInOrder();
};

void TestHeadersModel::showsHeadersThenTrailersInOrder()
{
    HeadersModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(model.rowCount(), 0);

    model.setHeaders({{"Host", "x"}, {"X-Dup", "one"}, {"x-dup", "two"}, {"X-Bin", QByteArray("\xff\x00", 2)}},
                     {{"X-Checksum", "abc"}});
    QCOMPARE(model.rowCount(), 5);
    QCOMPARE(model.columnCount(), 2);
    QCOMPARE(model.index(1, 0).data().toString(), u"X-Dup"_s);
    QCOMPARE(model.index(2, 0).data().toString(), u"x-dup"_s); // casing kept
    QCOMPARE(model.index(2, 1).data().toString(), u"two"_s);
    QCOMPARE(model.index(3, 1).data().toString(), u"\\xff\\x00"_s); // nothing hidden
    QCOMPARE(model.index(3, 1).data(HeadersModel::RawValueRole).toByteArray(), QByteArray("\xff\x00", 2));
    QCOMPARE(model.index(4, 0).data().toString(), u"X-Checksum (trailer)"_s);
    QVERIFY(model.index(4, 0).data(HeadersModel::IsTrailerRole).toBool());
    QVERIFY(!model.index(0, 0).data(HeadersModel::IsTrailerRole).toBool());
    QCOMPARE(model.lineAt(2), "x-dup: two");
    QCOMPARE(model.allAsText(), QByteArray("Host: x\nX-Dup: one\nx-dup: two\nX-Bin: ") + QByteArray("\xff\x00", 2) +
                                    QByteArray("\n\nX-Checksum: abc\n"));

    model.clear();
    QCOMPARE(model.rowCount(), 0);
}

QTEST_GUILESS_MAIN(TestHeadersModel)
#include "tst_headersmodel.moc"
