#include "jsontreemodel.h"

#include <QAbstractItemModelTester>
#include <QElapsedTimer>
#include <QSignalSpy>
#include <QThread>
#include <QtTest>

using namespace Hookscope;
using namespace Qt::StringLiterals;

using Kind = JsonDocumentIndex::Kind;

namespace {

// The index reached from the root row by following rows (column 0).
QModelIndex at(const JsonTreeModel &model, const QList<int> &rows)
{
    QModelIndex index = model.index(0, 0);
    for (const int row : rows)
        index = model.index(row, 0, index);
    return index;
}

QString cell(const QModelIndex &index, int column)
{
    return index.siblingAtColumn(column).data().toString();
}

QStringList paths(const JsonTreeModel &model, const QModelIndexList &indexes)
{
    QStringList out;
    for (const QModelIndex &index : indexes)
        out.append(model.path(index));
    return out;
}

} // namespace

class TestJsonTreeModel : public QObject
{
    Q_OBJECT
private slots:
    void emptyAndCleared();
    void nestedDocument();
    void exactNumberText_data();
    void exactNumberText();
    void keyOrderAndDuplicateKeys();
    void elementCounts_data();
    void elementCounts();
    void path_data();
    void path();
    void valueText_data();
    void valueText();
    void stringsDecoded_data();
    void stringsDecoded();
    void longStringCutForDisplay();
    void find_data();
    void find();
    void invalidJson_data();
    void invalidJson();
    void byteOrderMarkSkipped();
    void nestingLimit();
    void pagedChildren_data();
    void pagedChildren();
    void fetchAskedDuringResetIsDeferred();
    void hugeArrayIsPaged();
    void largeDocumentIndexes();
    void buildsOnWorkerThread();
};

void TestJsonTreeModel::emptyAndCleared()
{
    JsonTreeModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(model.rowCount(), 0);
    QCOMPARE(model.columnCount(), 3);
    QCOMPARE(model.headerData(JsonTreeModel::KeyColumn, Qt::Horizontal).toString(), u"Key"_s);
    QCOMPARE(model.headerData(JsonTreeModel::ValueColumn, Qt::Horizontal).toString(), u"Value"_s);
    QCOMPARE(model.headerData(JsonTreeModel::TypeColumn, Qt::Horizontal).toString(), u"Type"_s);

    QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
    model.setDocument(JsonDocumentIndex::build(QByteArrayLiteral("[1, 2]")));
    QCOMPARE(resets.size(), 1);
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(model.rowCount(model.index(0, 0)), 2);

    model.clear();
    QCOMPARE(resets.size(), 2);
    QCOMPARE(model.rowCount(), 0);
    QVERIFY(!model.document());
    QVERIFY(model.path(QModelIndex()).isEmpty());
    QVERIFY(model.valueText(QModelIndex()).isEmpty());
    QVERIFY(model.find(u"1"_s, 10).isEmpty());
}

void TestJsonTreeModel::nestedDocument()
{
    JsonTreeModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setDocument(JsonDocumentIndex::build(QByteArrayLiteral(
        R"({"data": {"object": {"id": "evt_1", "amount": 1050, "tags": ["a", "b"], "meta": {}}}, )"
        R"("ok": true, "none": null, "off": false})")));

    const QModelIndex root = model.index(0, 0);
    QCOMPARE(cell(root, JsonTreeModel::KeyColumn), u"$"_s);
    QCOMPARE(cell(root, JsonTreeModel::ValueColumn), u"{4}"_s);
    QCOMPARE(cell(root, JsonTreeModel::TypeColumn), u"object"_s);
    QCOMPARE(model.rowCount(root), 4);
    QVERIFY(!model.parent(root).isValid());

    const QModelIndex object = at(model, {0, 0});
    QCOMPARE(cell(object, JsonTreeModel::KeyColumn), u"object"_s);
    QCOMPARE(model.rowCount(object), 4);
    QCOMPARE(model.parent(object), at(model, {0}));

    const QList<std::tuple<QList<int>, QString, QString, QString>> expected = {
        {{0, 0, 0}, u"id"_s, u"evt_1"_s, u"string"_s},   {{0, 0, 1}, u"amount"_s, u"1050"_s, u"number"_s},
        {{0, 0, 2}, u"tags"_s, u"[2]"_s, u"array"_s},    {{0, 0, 2, 0}, u"[0]"_s, u"a"_s, u"string"_s},
        {{0, 0, 2, 1}, u"[1]"_s, u"b"_s, u"string"_s},   {{0, 0, 3}, u"meta"_s, u"{0}"_s, u"object"_s},
        {{1}, u"ok"_s, u"true"_s, u"boolean"_s},         {{2}, u"none"_s, u"null"_s, u"null"_s},
        {{3}, u"off"_s, u"false"_s, u"boolean"_s},
    };
    for (const auto &[rows, key, value, type] : expected) {
        const QModelIndex index = at(model, rows);
        QVERIFY2(index.isValid(), qPrintable(key));
        QCOMPARE(cell(index, JsonTreeModel::KeyColumn), key);
        QCOMPARE(cell(index, JsonTreeModel::ValueColumn), value);
        QCOMPARE(cell(index, JsonTreeModel::TypeColumn), type);
    }
    QVERIFY(!model.hasChildren(at(model, {0, 0, 3}))); // {} has no rows
    QVERIFY(!model.hasChildren(at(model, {0, 0, 0})));
    QVERIFY(!model.hasChildren(at(model, {0}).siblingAtColumn(JsonTreeModel::ValueColumn))); // only column 0 nests
    QCOMPARE(at(model, {1}).data(JsonTreeModel::KindRole).toInt(), int(Kind::True));
    QCOMPARE(at(model, {3}).data(JsonTreeModel::KindRole).toInt(), int(Kind::False));
    QCOMPARE(at(model, {0, 0, 2}).data(JsonTreeModel::ElementCountRole).toULongLong(), 2ull);
    QVERIFY(!at(model, {1}).data(JsonTreeModel::ElementCountRole).isValid());
    QCOMPARE(at(model, {0, 0, 2, 1}).data(JsonTreeModel::PathRole).toString(), u"$.data.object.tags[1]"_s);
    QCOMPARE(model.document()->depth(model.nodeAt(at(model, {0, 0, 2, 1}))), 4);
}

void TestJsonTreeModel::exactNumberText_data()
{
    QTest::addColumn<QByteArray>("number");
    QTest::newRow("beyond 64 bits") << QByteArrayLiteral("12345678901234567890");
    QTest::newRow("trailing zero") << QByteArrayLiteral("1.50");
    QTest::newRow("negative zero") << QByteArrayLiteral("-0");
    QTest::newRow("beyond double") << QByteArrayLiteral("1e400");
    QTest::newRow("exponent forms") << QByteArrayLiteral("-1.0E+2");
    QTest::newRow("tiny") << QByteArrayLiteral("0.000000000000000000000000001");
    QTest::newRow("long mantissa") << QByteArrayLiteral("3.141592653589793238462643383279");
}

void TestJsonTreeModel::exactNumberText()
{
    QFETCH(QByteArray, number);
    JsonTreeModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setDocument(JsonDocumentIndex::build("{\"n\": " + number + ", \"a\": [" + number + "]}"));
    QVERIFY(model.document()->isValid());
    for (const QModelIndex &index : {at(model, {0}), at(model, {1, 0})}) {
        QCOMPARE(cell(index, JsonTreeModel::ValueColumn), QString::fromLatin1(number));
        QCOMPARE(cell(index, JsonTreeModel::TypeColumn), u"number"_s);
        QCOMPARE(model.valueText(index), number);
        QCOMPARE(index.data(JsonTreeModel::RawValueRole).toByteArray(), number);
    }
    // A bare number is a document too.
    model.setDocument(JsonDocumentIndex::build(number));
    QCOMPARE(cell(model.index(0, 0), JsonTreeModel::ValueColumn), QString::fromLatin1(number));
}

void TestJsonTreeModel::keyOrderAndDuplicateKeys()
{
    JsonTreeModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setDocument(JsonDocumentIndex::build(
        QByteArrayLiteral(R"({"zeta": 1, "alpha": 2, "zeta": 3, "": 4, "\u00e9t\u00e9": 5, "mid": 6})")));
    const QModelIndex root = model.index(0, 0);
    QCOMPARE(cell(root, JsonTreeModel::ValueColumn), u"{6}"_s); // duplicates count
    QStringList keys;
    QStringList values;
    for (int row = 0; row < model.rowCount(root); ++row) {
        keys.append(cell(model.index(row, 0, root), JsonTreeModel::KeyColumn));
        values.append(cell(model.index(row, 0, root), JsonTreeModel::ValueColumn));
    }
    QCOMPARE(keys, (QStringList{u"zeta"_s, u"alpha"_s, u"zeta"_s, QString(), u"été"_s, u"mid"_s}));
    QCOMPARE(values, (QStringList{u"1"_s, u"2"_s, u"3"_s, u"4"_s, u"5"_s, u"6"_s}));
    QCOMPARE(model.path(model.index(2, 0, root)), u"$.zeta"_s);
    QCOMPARE(model.path(model.index(3, 0, root)), u"$[\"\"]"_s);
}

void TestJsonTreeModel::elementCounts_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("display");
    QTest::addColumn<int>("rows");
    QTest::newRow("empty object") << QByteArrayLiteral("{}") << u"{0}"_s << 0;
    QTest::newRow("empty array") << QByteArrayLiteral("[ ]") << u"[0]"_s << 0;
    QTest::newRow("mixed array") << QByteArrayLiteral(R"([1, [2, 3], {}, "x", null])") << u"[5]"_s << 5;
    QTest::newRow("nested counts only direct members")
        << QByteArrayLiteral(R"({"a": [1, 2, 3], "b": {"c": {"d": 1}}})") << u"{2}"_s << 2;
    QTest::newRow("scalar root") << QByteArrayLiteral(R"("just text")") << u"just text"_s << 0;
}

void TestJsonTreeModel::elementCounts()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, display);
    QFETCH(int, rows);
    JsonTreeModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setDocument(JsonDocumentIndex::build(json));
    const QModelIndex root = model.index(0, 0);
    QCOMPARE(cell(root, JsonTreeModel::ValueColumn), display);
    QCOMPARE(model.rowCount(root), rows);
    QCOMPARE(model.hasChildren(root), rows > 0);
}

void TestJsonTreeModel::path_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QList<int>>("rows");
    QTest::addColumn<QString>("path");
    QTest::newRow("root") << QByteArrayLiteral("{}") << QList<int>{} << u"$"_s;
    QTest::newRow("nested members") << QByteArrayLiteral(R"({"data": {"object": {"id": 1}}})") << QList<int>{0, 0, 0}
                                    << u"$.data.object.id"_s;
    QTest::newRow("array element member") << QByteArrayLiteral(R"({"items": [0, 1, 2, {"name": "x"}]})")
                                          << QList<int>{0, 3, 0} << u"$.items[3].name"_s;
    QTest::newRow("nested arrays") << QByteArrayLiteral("[[1, [2]]]") << QList<int>{0, 1, 0} << u"$[0][1][0]"_s;
    QTest::newRow("space") << QByteArrayLiteral(R"({"a b": 1})") << QList<int>{0} << u"$[\"a b\"]"_s;
    QTest::newRow("empty key") << QByteArrayLiteral(R"({"": 1})") << QList<int>{0} << u"$[\"\"]"_s;
    QTest::newRow("leading digit") << QByteArrayLiteral(R"({"1st": 1})") << QList<int>{0} << u"$[\"1st\"]"_s;
    QTest::newRow("underscore and digits") << QByteArrayLiteral(R"({"_x9": 1})") << QList<int>{0} << u"$._x9"_s;
    QTest::newRow("dot in key") << QByteArrayLiteral(R"({"a.b": {"c": 1}})") << QList<int>{0, 0}
                                << u"$[\"a.b\"].c"_s;
    QTest::newRow("dash in key") << QByteArrayLiteral(R"({"x-request-id": 1})") << QList<int>{0}
                                 << u"$[\"x-request-id\"]"_s;
    QTest::newRow("quote and backslash") << QByteArrayLiteral(R"({"q\"uo\\te": 1})") << QList<int>{0}
                                         << u"$[\"q\\\"uo\\\\te\"]"_s;
    QTest::newRow("control character") << QByteArrayLiteral(R"({"line\nbreak\u0001": 1})") << QList<int>{0}
                                       << u"$[\"line\\nbreak\\u0001\"]"_s;
    QTest::newRow("non-ASCII name") << QByteArrayLiteral(R"({"über": {"größe": 1}})") << QList<int>{0, 0}
                                    << u"$.über.größe"_s;
}

void TestJsonTreeModel::path()
{
    QFETCH(QByteArray, json);
    QFETCH(QList<int>, rows);
    QFETCH(QString, path);
    JsonTreeModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setDocument(JsonDocumentIndex::build(json));
    const QModelIndex index = at(model, rows);
    QVERIFY(index.isValid());
    QCOMPARE(model.path(index), path);
    QCOMPARE(model.path(index.siblingAtColumn(JsonTreeModel::TypeColumn)), path); // any column of the row
}

void TestJsonTreeModel::valueText_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QList<int>>("rows");
    QTest::addColumn<QByteArray>("text");
    QTest::newRow("string keeps quotes and escapes")
        << QByteArrayLiteral(R"({"s": "a\"b\u00e9\/"})") << QList<int>{0} << QByteArrayLiteral(R"("a\"b\u00e9\/")");
    QTest::newRow("number without surrounding space")
        << QByteArrayLiteral("{\"n\" :\t1.50 \n}") << QList<int>{0} << QByteArrayLiteral("1.50");
    QTest::newRow("object with its inner spacing")
        << QByteArrayLiteral(R"({"o": {"x": [1,  2]} })") << QList<int>{0} << QByteArrayLiteral(R"({"x": [1,  2]})");
    QTest::newRow("root without outer whitespace") << QByteArrayLiteral("  \r\n[true, null]\n")
                                                    << QList<int>{} << QByteArrayLiteral("[true, null]");
    QTest::newRow("literal") << QByteArrayLiteral("[true, null]") << QList<int>{1} << QByteArrayLiteral("null");
    QTest::newRow("raw UTF-8") << QByteArrayLiteral("[\"caf\xc3\xa9\"]") << QList<int>{0}
                               << QByteArrayLiteral("\"caf\xc3\xa9\"");
}

void TestJsonTreeModel::valueText()
{
    QFETCH(QByteArray, json);
    QFETCH(QList<int>, rows);
    QFETCH(QByteArray, text);
    JsonTreeModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setDocument(JsonDocumentIndex::build(json));
    const QModelIndex index = at(model, rows);
    QCOMPARE(model.valueText(index), text);
    QCOMPARE(index.data(JsonTreeModel::RawValueRole).toByteArray(), text);
}

void TestJsonTreeModel::stringsDecoded_data()
{
    QTest::addColumn<QByteArray>("literal");
    QTest::addColumn<QString>("decoded");
    QTest::newRow("plain") << QByteArrayLiteral(R"("hello")") << u"hello"_s;
    QTest::newRow("empty") << QByteArrayLiteral(R"("")") << QString();
    QTest::newRow("short escapes") << QByteArrayLiteral(R"("a\"b\\c\/d\n\t\r\b\f")") << u"a\"b\\c/d\n\t\r\b\f"_s;
    QTest::newRow("unicode escape") << QByteArrayLiteral(R"("caf\u00E9")") << u"café"_s;
    QTest::newRow("surrogate pair") << QByteArrayLiteral(R"("\ud83d\ude00!")") << u"😀!"_s;
    QTest::newRow("raw UTF-8") << QByteArrayLiteral("\"\xe2\x82\xac \xf0\x9f\x98\x80\"") << u"€ 😀"_s;
    QTest::newRow("escaped NUL") << QByteArrayLiteral(R"("a\u0000b")") << QString(u"a\0b"_s);
}

void TestJsonTreeModel::stringsDecoded()
{
    QFETCH(QByteArray, literal);
    QFETCH(QString, decoded);
    JsonTreeModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setDocument(JsonDocumentIndex::build("{" + literal + ": " + literal + "}"));
    QVERIFY2(model.document()->isValid(), qPrintable(model.document()->error().message));
    const QModelIndex member = at(model, {0});
    QCOMPARE(cell(member, JsonTreeModel::KeyColumn), decoded);
    QCOMPARE(cell(member, JsonTreeModel::ValueColumn), decoded);
    QCOMPARE(cell(member, JsonTreeModel::TypeColumn), u"string"_s);
    QCOMPARE(model.valueText(member), literal);
    QCOMPARE(model.document()->keyText(model.nodeAt(member)), literal);
}

void TestJsonTreeModel::longStringCutForDisplay()
{
    JsonTreeModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    // Two-byte UTF-8 and escapes around the cut.
    const QByteArray text = QByteArray("\xc3\xa9\\n").repeated(100'000);
    model.setDocument(JsonDocumentIndex::build("[\"" + text + "\"]"));
    const QModelIndex index = at(model, {0});
    const QString shown = cell(index, JsonTreeModel::ValueColumn);
    QCOMPARE(shown.size(), JsonTreeModel::MaxDisplayLength + 1);
    QCOMPARE(shown.back(), QChar(0x2026));
    QVERIFY(shown.startsWith(u"é\né\n"_s));
    QCOMPARE(model.valueText(index).size(), text.size() + 2);
    QCOMPARE(model.document()->scalarText(model.nodeAt(index)).size(), 200'000);
}

void TestJsonTreeModel::find_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("limit");
    QTest::addColumn<QStringList>("paths");
    QTest::newRow("value, any case") << u"ada"_s << 10 << QStringList{u"$.User.name"_s, u"$.User.email"_s};
    QTest::newRow("keys") << u"NAME"_s << 10
                          << QStringList{u"$.User.name"_s, u"$.items[0].name"_s, u"$.items[1].name"_s};
    QTest::newRow("limit") << u"name"_s << 2 << QStringList{u"$.User.name"_s, u"$.items[0].name"_s};
    QTest::newRow("number text") << u"12.50"_s << 10 << QStringList{u"$.items[0].price"_s};
    QTest::newRow("decoded escape, non-ASCII case") << u"CAFÉ"_s << 10 << QStringList{u"$.items[1].note"_s};
    QTest::newRow("container key") << u"user"_s << 10 << QStringList{u"$.User"_s};
    QTest::newRow("literal") << u"tru"_s << 10 << QStringList{u"$.flag"_s};
    QTest::newRow("null value") << u"ull"_s << 10 << QStringList{u"$.nothing"_s};
    QTest::newRow("escaped key") << u"a b"_s << 10 << QStringList{u"$[\"a b\"]"_s};
    QTest::newRow("no match") << u"zzz"_s << 10 << QStringList{};
    QTest::newRow("empty text") << QString() << 10 << QStringList{};
    QTest::newRow("zero limit") << u"name"_s << 0 << QStringList{};
}

void TestJsonTreeModel::find()
{
    QFETCH(QString, text);
    QFETCH(int, limit);
    QFETCH(QStringList, paths);
    JsonTreeModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setDocument(JsonDocumentIndex::build(QByteArrayLiteral(
        R"({"User": {"name": "Ada Lovelace", "email": "ADA@example.com"}, )"
        R"("items": [{"name": "Widget", "price": 12.50}, {"name": "gadget", "note": "caf\u00e9"}], )"
        R"("flag": true, "nothing": null, "a\u0020b": 0})")));
    const QModelIndexList found = model.find(text, limit);
    for (const QModelIndex &index : found) {
        QCOMPARE(index.model(), &model);
        QCOMPARE(index.column(), 0);
    }
    QCOMPARE(::paths(model, found), paths);
}

void TestJsonTreeModel::invalidJson_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<qsizetype>("offset");
    QTest::newRow("empty") << QByteArray() << qsizetype(0);
    QTest::newRow("whitespace only") << QByteArrayLiteral(" \n ") << qsizetype(3);
    QTest::newRow("unclosed object") << QByteArrayLiteral(R"({"a": 1)") << qsizetype(7);
    QTest::newRow("trailing comma in object") << QByteArrayLiteral(R"({"a": 1,})") << qsizetype(8);
    QTest::newRow("trailing comma in array") << QByteArrayLiteral("[1,]") << qsizetype(3);
    QTest::newRow("missing comma") << QByteArrayLiteral(R"({"a": 1 "b": 2})") << qsizetype(8);
    QTest::newRow("missing colon") << QByteArrayLiteral(R"({"a" 1})") << qsizetype(5);
    QTest::newRow("unquoted key") << QByteArrayLiteral("{a: 1}") << qsizetype(1);
    QTest::newRow("leading zero") << QByteArrayLiteral("[01]") << qsizetype(2);
    QTest::newRow("bare minus") << QByteArrayLiteral("[-]") << qsizetype(2);
    QTest::newRow("no fraction digits") << QByteArrayLiteral("[1.]") << qsizetype(3);
    QTest::newRow("no exponent digits") << QByteArrayLiteral("[1e+]") << qsizetype(4);
    QTest::newRow("misspelt null") << QByteArrayLiteral("[nul]") << qsizetype(4);
    QTest::newRow("literal runs on") << QByteArrayLiteral("[truex]") << qsizetype(5);
    QTest::newRow("unclosed string") << QByteArrayLiteral(R"(["abc)") << qsizetype(1);
    QTest::newRow("bad escape") << QByteArrayLiteral(R"(["a\qb"])") << qsizetype(3);
    QTest::newRow("short unicode escape") << QByteArrayLiteral(R"(["\u12g4"])") << qsizetype(2);
    // As simdjson and checkJson: escaped surrogates only as a pair.
    QTest::newRow("lone high surrogate") << QByteArrayLiteral(R"(["a\ud800b"])") << qsizetype(3);
    QTest::newRow("high surrogate, no low") << QByteArrayLiteral(R"(["\ud83d\u0041"])") << qsizetype(2);
    QTest::newRow("lone low surrogate") << QByteArrayLiteral(R"(["\udc00"])") << qsizetype(2);
    QTest::newRow("raw control character") << QByteArrayLiteral("[\"a\tb\"]") << qsizetype(3);
    QTest::newRow("invalid UTF-8") << QByteArrayLiteral("[\"a\xff\"]") << qsizetype(3);
    QTest::newRow("overlong UTF-8") << QByteArrayLiteral("[\"\xc0\xaf\"]") << qsizetype(2);
    QTest::newRow("trailing content") << QByteArrayLiteral("[1] x") << qsizetype(4);
    QTest::newRow("two values") << QByteArrayLiteral("{} {}") << qsizetype(3);
    QTest::newRow("single quotes") << QByteArrayLiteral("['a']") << qsizetype(1);
    QTest::newRow("mismatched bracket") << QByteArrayLiteral(R"({"a": [1, 2}})") << qsizetype(11);
    QTest::newRow("cut in the middle") << QByteArrayLiteral(R"({"a": [1, 2)") << qsizetype(11);
}

void TestJsonTreeModel::invalidJson()
{
    QFETCH(QByteArray, json);
    QFETCH(qsizetype, offset);
    JsonTreeModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setDocument(JsonDocumentIndex::build(QByteArrayLiteral(R"({"previous": [1]})")));
    QCOMPARE(model.rowCount(), 1);

    const std::shared_ptr<const JsonDocumentIndex> document = JsonDocumentIndex::build(json);
    QVERIFY(!document->isValid());
    QCOMPARE(document->error().code, ErrorCode::Parse);
    QVERIFY(!document->error().message.isEmpty());
    QCOMPARE(document->errorOffset(), offset);
    QCOMPARE(document->nodeCount(), 0u);
    QCOMPARE(document->root(), JsonDocumentIndex::NoNode);
    QVERIFY(document->find(u"a"_s, 10).empty());
    qInfo("offset %lld: %s", qlonglong(document->errorOffset()), qUtf8Printable(document->error().message));

    model.setDocument(document);
    QCOMPARE(model.rowCount(), 0);
    QVERIFY(!model.index(0, 0).isValid());
    QVERIFY(model.find(u"1"_s, 10).isEmpty());
    QCOMPARE(model.document(), document); // kept, so the view can show the error
}

void TestJsonTreeModel::byteOrderMarkSkipped()
{
    const auto document = JsonDocumentIndex::build(QByteArrayLiteral("\xEF\xBB\xBF{\"a\": 1}"));
    QVERIFY(document->isValid());
    QCOMPARE(document->valueText(document->root()), "{\"a\": 1}");
    QCOMPARE(document->node(document->root()).valueOffset, 3u); // offsets stay those of the body
}

void TestJsonTreeModel::nestingLimit()
{
    const int limit = JsonDocumentIndex::MaxDepth;
    const auto deepest = JsonDocumentIndex::build(QByteArray(limit, '[') + QByteArray(limit, ']'));
    QVERIFY(deepest->isValid());
    quint32 node = deepest->root();
    while (deepest->node(node).childCount > 0)
        node = deepest->child(node, 0);
    QCOMPARE(deepest->depth(node), limit - 1);
    QCOMPARE(deepest->path(node).size(), 1 + 3 * (limit - 1)); // $[0][0]...

    const auto tooDeep = JsonDocumentIndex::build(QByteArray(limit + 1, '[') + QByteArray(limit + 1, ']'));
    QVERIFY(!tooDeep->isValid());
    QCOMPARE(tooDeep->errorOffset(), qsizetype(limit));

    // Hostile nesting fails quickly without recursion.
    const auto hostile = JsonDocumentIndex::build(QByteArray(10'000'000, '['));
    QVERIFY(!hostile->isValid());
    QCOMPARE(hostile->errorOffset(), qsizetype(limit));
}

void TestJsonTreeModel::pagedChildren_data()
{
    QTest::addColumn<int>("batch");
    QTest::newRow("1") << 1;
    QTest::newRow("2") << 2;
    QTest::newRow("3") << 3;
    QTest::newRow("default") << JsonTreeModel::DefaultFetchBatchSize;
}

// Pages of every size keep the model consistent (the tester checks every insert) and find() reaches rows past the
// fetched ones.
void TestJsonTreeModel::pagedChildren()
{
    QFETCH(int, batch);
    JsonTreeModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setFetchBatchSize(batch);
    QCOMPARE(model.fetchBatchSize(), batch);
    model.setDocument(JsonDocumentIndex::build(QByteArrayLiteral(
        R"({"a": [0, 1, 2, 3, 4, 5, 6], "b": {"k0": 0, "k1": 1, "k2": 2, "k3": {"deep": [10, 11, 12, "needle"]}}, )"
        R"("c": []})")));
    const QModelIndex root = model.index(0, 0);
    QCOMPARE(model.rowCount(root), std::min(3, batch));

    // Everything reachable by fetching, one batch at a time.
    QList<QModelIndex> pending{root};
    int visited = 0;
    while (!pending.isEmpty()) {
        const QModelIndex parent = pending.takeLast();
        ++visited;
        while (model.canFetchMore(parent)) {
            const int before = model.rowCount(parent);
            QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
            model.fetchMore(parent);
            QCOMPARE(inserted.size(), 1);
            QCOMPARE(inserted.at(0).at(1).toInt(), before);
            QVERIFY(model.rowCount(parent) - before <= batch);
        }
        QCOMPARE(qulonglong(model.rowCount(parent)), model.document()->node(model.nodeAt(parent)).childCount);
        for (int row = 0; row < model.rowCount(parent); ++row)
            pending.append(model.index(row, 0, parent));
    }
    QCOMPARE(quint32(visited), model.document()->nodeCount());

    // A fresh document: find() fetches the pages along the way.
    model.setDocument(JsonDocumentIndex::build(QByteArrayLiteral(R"([[0, 1, 2, 3, [4, 5, 6, "needle"]]])")));
    const QModelIndexList found = model.find(u"needle"_s, 5);
    QCOMPARE(found.size(), 1);
    QVERIFY(found.first().isValid());
    QCOMPARE(model.path(found.first()), u"$[0][4][3]"_s);
    QCOMPARE(found.first().data().toString(), u"[3]"_s);
    QCOMPARE(cell(found.first(), JsonTreeModel::ValueColumn), u"needle"_s);
}

// QAbstractItemModelTester (like any listener) may ask for more rows from its modelReset slot; inserting then would
// reach listeners connected later before they saw the reset.
void TestJsonTreeModel::fetchAskedDuringResetIsDeferred()
{
    JsonTreeModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setFetchBatchSize(2);
    int rowsAtReset = -1;
    connect(&model, &QAbstractItemModel::modelReset, &model, [&model, &rowsAtReset] {
        const QModelIndex root = model.index(0, 0);
        if (model.canFetchMore(root))
            model.fetchMore(root);
        rowsAtReset = model.rowCount(root);
    });
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    model.setDocument(JsonDocumentIndex::build(QByteArrayLiteral("[1, 2, 3, 4, 5]")));
    QCOMPARE(rowsAtReset, 2);
    QCOMPARE(inserted.size(), 0);
    // The tester asks again after each insert, until everything is shown.
    QTRY_COMPARE(model.rowCount(model.index(0, 0)), 5);
    QCOMPARE(inserted.first().at(1).toInt(), 2);

    // Fetches deferred for a document that was replaced meanwhile are dropped.
    model.setDocument(JsonDocumentIndex::build(QByteArrayLiteral("[[1, 2, 3], 2, 3, 4, 5, 6, 7]")));
    model.setDocument(JsonDocumentIndex::build(QByteArrayLiteral(R"(["a"])")));
    QCoreApplication::processEvents();
    QCOMPARE(model.rowCount(model.index(0, 0)), 1);
}

void TestJsonTreeModel::hugeArrayIsPaged()
{
    const int count = 100'000;
    QByteArray json = "{\"items\": [";
    for (int i = 0; i < count; ++i)
        json += (i ? ",{\"id\":" : "{\"id\":") + QByteArray::number(i) + ",\"v\":\"x" + QByteArray::number(i) + "\"}";
    json += "]}";

    QElapsedTimer timer;
    timer.start();
    const auto document = JsonDocumentIndex::build(json);
    qInfo("indexed %d array elements (%lld bytes, %u nodes) in %lld ms", count, qlonglong(json.size()),
          document->nodeCount(), timer.elapsed());
    QVERIFY(document->isValid());

    JsonTreeModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    timer.restart();
    model.setDocument(document);
    const QModelIndex items = at(model, {0});
    QCOMPARE(cell(items, JsonTreeModel::ValueColumn), u"[100000]"_s);
    QCOMPARE(items.data(JsonTreeModel::ElementCountRole).toULongLong(), qulonglong(count));
    // Expanding shows one batch; nothing else is materialised (an index is its node number).
    QCOMPARE(model.rowCount(items), JsonTreeModel::DefaultFetchBatchSize);
    QVERIFY(model.canFetchMore(items));
    const QModelIndex last = model.index(JsonTreeModel::DefaultFetchBatchSize - 1, 0, items);
    QCOMPARE(cell(last, JsonTreeModel::KeyColumn), u"[999]"_s);
    QCOMPARE(model.index(0, 0, last).internalId(), quintptr(document->child(model.nodeAt(last), 0)));
    QVERIFY(!model.index(JsonTreeModel::DefaultFetchBatchSize, 0, items).isValid());
    qInfo("set and expanded (with the model tester attached) in %lld ms", timer.elapsed());

    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    model.fetchMore(items);
    QCOMPARE(inserted.size(), 1);
    QCOMPARE(inserted.at(0).at(1).toInt(), 1000);
    QCOMPARE(inserted.at(0).at(2).toInt(), 1999);
    QCOMPARE(model.rowCount(items), 2000);

    // Searching for the last element fetches through it with one insert.
    timer.restart();
    const QModelIndexList found = model.find(u"x99999"_s, 10);
    QCOMPARE(found.size(), 1);
    QCOMPARE(model.path(found.first()), u"$.items[99999].v"_s);
    QCOMPARE(inserted.size(), 2);
    QCOMPARE(model.rowCount(items), count);
    QVERIFY(!model.canFetchMore(items));
    QCOMPARE(model.valueText(found.first().parent()), QByteArrayLiteral(R"({"id":99999,"v":"x99999"})"));
    qInfo("found and fetched through the last element in %lld ms", timer.elapsed());
}

void TestJsonTreeModel::largeDocumentIndexes()
{
    QByteArray json;
    const qsizetype target = 40 * 1024 * 1024;
    json.reserve(target + 1024);
    json += "{\"object\": \"list\", \"data\": [";
    int count = 0;
    while (json.size() < target) {
        const QByteArray n = QByteArray::number(count);
        if (count++)
            json += ",\n  ";
        json += "{\"id\": \"evt_" + n + "\", \"amount\": " + n + "." + QByteArray::number(count % 100) +
                ", \"customer\": {\"name\": \"Customer " + n + "\", \"email\": \"c" + n +
                "@example.com\", \"note\": \"caf\\u00e9 \\\"quoted\\\"\\n\"}, \"tags\": [\"a\", \"b\", " + n +
                "], \"live\": true, \"refunded\": null, \"big\": 12345678901234567890}";
    }
    json += "], \"has_more\": false}";

    QElapsedTimer timer;
    timer.start();
    const auto document = JsonDocumentIndex::build(json);
    const qint64 ms = timer.elapsed();
    QVERIFY2(document->isValid(), qPrintable(document->error().message));
    qInfo("indexed %.1f MB (%d objects, %u nodes, %.1f MB of nodes) in %lld ms (%.0f MB/s)", json.size() / 1e6, count,
          document->nodeCount(), document->nodeCount() * sizeof(JsonDocumentIndex::Node) / 1e6, ms,
          json.size() / 1e3 / std::max<qint64>(ms, 1));

    timer.restart();
    const std::vector<quint32> none = document->find(u"no such text"_s, 10);
    qInfo("searched every key and value without a hit in %lld ms", timer.elapsed());
    QVERIFY(none.empty());

    JsonTreeModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setDocument(document);
    const QModelIndex data = at(model, {1});
    QCOMPARE(data.data(JsonTreeModel::ElementCountRole).toULongLong(), qulonglong(count));
    const QString lastName = u"Customer "_s + QString::number(count - 1);
    const QModelIndexList found = model.find(lastName, 1);
    QCOMPARE(found.size(), 1);
    QCOMPARE(model.path(found.first()), u"$.data[%1].customer.name"_s.arg(count - 1));
    QCOMPARE(cell(at(model, {1, count - 1, 6}), JsonTreeModel::ValueColumn), u"12345678901234567890"_s);
    QCOMPARE(cell(at(model, {1, 0, 2, 2}), JsonTreeModel::ValueColumn), u"café \"quoted\"\n"_s);
}

void TestJsonTreeModel::buildsOnWorkerThread()
{
    // As the inspector does with QtConcurrent::run: build on a worker, hand the immutable index over.
    std::shared_ptr<const JsonDocumentIndex> built;
    std::unique_ptr<QThread> worker(
        QThread::create([&built] { built = JsonDocumentIndex::build(QByteArrayLiteral(R"({"from": "worker"})")); }));
    QSignalSpy finished(worker.get(), &QThread::finished);
    worker->start();
    QVERIFY(finished.wait(5000));

    JsonTreeModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setDocument(built);
    QCOMPARE(cell(at(model, {0}), JsonTreeModel::ValueColumn), u"worker"_s);
}

QTEST_GUILESS_MAIN(TestJsonTreeModel)
#include "tst_jsontreemodel.moc"
