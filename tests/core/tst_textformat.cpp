#include "textformat.h"

#include <QtTest>

using namespace Hookscope;

class TestTextFormat : public QObject
{
    Q_OBJECT
private slots:
    void indentJson_data();
    void indentJson();
    void hexDump();
    void escapedText_data();
    void escapedText();
};

void TestTextFormat::indentJson_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QByteArray>("expected");
    QTest::newRow("numbers kept as sent") << QByteArray(R"({"big":12345678901234567890,"price":1.50,"e":1E+2})")
                                          << QByteArray("{\n  \"big\": 12345678901234567890,\n  \"price\": 1.50,\n"
                                                        "  \"e\": 1E+2\n}");
    QTest::newRow("key order kept") << QByteArray(R"({"z":1,"a":2})") << QByteArray("{\n  \"z\": 1,\n  \"a\": 2\n}");
    QTest::newRow("empty containers") << QByteArray(R"({"a":[],"b":{ }})")
                                      << QByteArray("{\n  \"a\": [],\n  \"b\": {}\n}");
    QTest::newRow("strings untouched") << QByteArray(R"(["a,b:{c}", "q\"x", "\u00e9"])")
                                       << QByteArray("[\n  \"a,b:{c}\",\n  \"q\\\"x\",\n  \"\\u00e9\"\n]");
    QTest::newRow("whitespace normalised") << QByteArray("{ \"a\" :\n [1 , 2] }")
                                           << QByteArray("{\n  \"a\": [\n    1,\n    2\n  ]\n}");
    QTest::newRow("scalar") << QByteArray("42") << QByteArray("42");
}

void TestTextFormat::indentJson()
{
    QFETCH(QByteArray, input);
    QFETCH(QByteArray, expected);
    QCOMPARE(TextFormat::indentJson(input), expected);
}

void TestTextFormat::hexDump()
{
    const QByteArray bytes = QByteArray("GET / HTTP/1.1\r\n") + QByteArray("\x00\xff", 2);
    const QByteArray dump = TextFormat::hexDump(bytes);
    QCOMPARE(dump.split('\n').at(0),
             QByteArray("00000000  47 45 54 20 2f 20 48 54  54 50 2f 31 2e 31 0d 0a  |GET / HTTP/1.1..|"));
    QVERIFY(dump.split('\n').at(1).startsWith("00000010  00 ff "));
    QVERIFY(dump.split('\n').at(1).endsWith("|..|"));
    const QByteArray cut = TextFormat::hexDump(QByteArray(100, 'a'), 32);
    QVERIFY(cut.endsWith("... 68 more bytes not shown\n"));
}

void TestTextFormat::escapedText_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QByteArray>("expected");
    QTest::newRow("plain") << QByteArray("a b\tc\nd") << QByteArray("a b\tc\nd");
    QTest::newRow("crlf") << QByteArray("a\r\nb") << QByteArray("a\nb");
    QTest::newRow("lone cr and nul") << QByteArray("a\rb\x00", 4) << QByteArray("a\\x0db\\x00");
    QTest::newRow("utf-8 kept") << QByteArray("caf\xc3\xa9 \xe2\x9c\x93") << QByteArray("caf\xc3\xa9 \xe2\x9c\x93");
    QTest::newRow("invalid utf-8 escaped") << QByteArray("caf\xe9!") << QByteArray("caf\\xe9!");
    QTest::newRow("truncated sequence") << QByteArray("\xe2\x9c") << QByteArray("\\xe2\\x9c");
}

void TestTextFormat::escapedText()
{
    QFETCH(QByteArray, input);
    QFETCH(QByteArray, expected);
    QCOMPARE(TextFormat::escapedText(input), expected);
}

QTEST_GUILESS_MAIN(TestTextFormat)
#include "tst_textformat.moc"
