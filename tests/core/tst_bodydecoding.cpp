#include "bodykind.h"
#include "contentdecoder.h"
#include "formbody.h"
#include "multipartbody.h"

#include <QRandomGenerator>
#include <QTest>

#include <brotli/encode.h>
#include <zlib.h>
#ifdef HOOKSCOPE_HAVE_ZSTD
#include <zstd.h>
#endif

Q_DECLARE_METATYPE(Hookscope::ErrorCode)
Q_DECLARE_METATYPE(Hookscope::BodyKind)
Q_DECLARE_METATYPE(Hookscope::FormField)

using namespace Qt::StringLiterals;

namespace Hookscope
{

namespace
{

enum class ZlibWrapper { Gzip, Zlib, Raw };

// Real compressed data, made with zlib itself: qCompress adds its own 4-byte length prefix, which no server sends.
QByteArray zlibCompress(const QByteArray &data, ZlibWrapper wrapper, int level = Z_BEST_COMPRESSION)
{
    z_stream stream{};
    const int windowBits = wrapper == ZlibWrapper::Gzip   ? 16 + MAX_WBITS
                           : wrapper == ZlibWrapper::Zlib ? MAX_WBITS
                                                          : -MAX_WBITS;
    if (deflateInit2(&stream, level, Z_DEFLATED, windowBits, 8, Z_DEFAULT_STRATEGY) != Z_OK)
        qFatal("deflateInit2 failed");
    QByteArray output(qsizetype(deflateBound(&stream, uLong(data.size()))) + 64, Qt::Uninitialized);
    stream.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(data.data()));
    stream.avail_in = uInt(data.size());
    stream.next_out = reinterpret_cast<Bytef *>(output.data());
    stream.avail_out = uInt(output.size());
    const int status = deflate(&stream, Z_FINISH);
    deflateEnd(&stream);
    if (status != Z_STREAM_END)
        qFatal("deflate did not finish");
    output.truncate(qsizetype(stream.total_out));
    return output;
}

QByteArray gzip(const QByteArray &data)
{
    return zlibCompress(data, ZlibWrapper::Gzip);
}

QByteArray brotli(const QByteArray &data)
{
    size_t size = BrotliEncoderMaxCompressedSize(size_t(data.size()));
    QByteArray output(qsizetype(size), Qt::Uninitialized);
    if (!BrotliEncoderCompress(BROTLI_DEFAULT_QUALITY, BROTLI_DEFAULT_WINDOW, BROTLI_MODE_GENERIC, size_t(data.size()),
                               reinterpret_cast<const uint8_t *>(data.constData()), &size,
                               reinterpret_cast<uint8_t *>(output.data())))
        qFatal("BrotliEncoderCompress failed");
    output.truncate(qsizetype(size));
    return output;
}

#ifdef HOOKSCOPE_HAVE_ZSTD
QByteArray zstd(const QByteArray &data)
{
    // With the content checksum, as the zstd command line writes it, so corruption is detected.
    ZSTD_CCtx *context = ZSTD_createCCtx();
    ZSTD_CCtx_setParameter(context, ZSTD_c_checksumFlag, 1);
    QByteArray output(qsizetype(ZSTD_compressBound(size_t(data.size()))), Qt::Uninitialized);
    const size_t size =
        ZSTD_compress2(context, output.data(), size_t(output.size()), data.constData(), size_t(data.size()));
    ZSTD_freeCCtx(context);
    if (ZSTD_isError(size))
        qFatal("ZSTD_compress2 failed");
    output.truncate(qsizetype(size));
    return output;
}
#endif

// A webhook-like payload with every byte value, so a decoder that stops at NUL or mangles CR LF is caught.
QByteArray samplePayload()
{
    QByteArray payload = QByteArrayLiteral("{\"event\":\"order.created\",\"items\":[");
    for (int i = 0; i < 400; ++i)
        payload += "{\"sku\":\"SKU-" + QByteArray::number(i) + "\",\"qty\":" + QByteArray::number(i % 7) + "},";
    payload += "{}]}\r\n";
    for (int value = 0; value < 256; ++value)
        payload += char(value);
    return payload;
}

QByteArray corruptMiddle(QByteArray data)
{
    for (qsizetype i = data.size() / 3; i < data.size() / 3 + 8 && i < data.size(); ++i)
        data[i] = char(data[i] ^ 0x5a);
    return data;
}

// The nested form tree as compact text: key=value for leaves, key{...} for branches.
QByteArray dump(const FormNode &node)
{
    QByteArray text;
    for (const FormNode &child : node.children) {
        if (!text.isEmpty())
            text += ',';
        text += child.key;
        if (child.isLeaf())
            text += '=' + child.value;
        else
            text += '{' + dump(child) + '}';
    }
    return text;
}

} // namespace

class TestBodyDecoding : public QObject
{
    Q_OBJECT

private slots:
    void decode_data();
    void decode();
    void decodeErrors_data();
    void decodeErrors();
    void decodeLimitBoundary();
    void supportedCodings();

    void parseForm_data();
    void parseForm();
    void formTree_data();
    void formTree();
    void formTreeNavigation();

    void multipartFormData();
    void multipartBoundaryParameter_data();
    void multipartBoundaryParameter();
    void multipartIncomplete_data();
    void multipartIncomplete();
    void multipartErrors_data();
    void multipartErrors();
    void multipartOddShapes();

    void detectKind_data();
    void detectKind();
    void jsonCheck_data();
    void jsonCheck();

    void hostileInputs();
};

void TestBodyDecoding::decode_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QByteArray>("header");
    QTest::addColumn<QByteArray>("expected");

    const QByteArray payload = samplePayload();
    QTest::newRow("no header") << payload << QByteArray() << payload;
    QTest::newRow("identity") << payload << QByteArray("identity") << payload;
    QTest::newRow("gzip") << gzip(payload) << QByteArray("gzip") << payload;
    QTest::newRow("x-gzip") << gzip(payload) << QByteArray("x-gzip") << payload;
    QTest::newRow("GZIP, spaces") << gzip(payload) << QByteArray("  GZip ") << payload;
    QTest::newRow("gzip, fastest level") << zlibCompress(payload, ZlibWrapper::Gzip, 1) << QByteArray("gzip")
                                         << payload;
    QTest::newRow("gzip, two members") << QByteArray(gzip(payload.left(100)) + gzip(payload.mid(100)))
                                       << QByteArray("gzip") << payload;
    QTest::newRow("deflate, zlib-wrapped")
        << zlibCompress(payload, ZlibWrapper::Zlib) << QByteArray("deflate") << payload;
    QTest::newRow("deflate, raw") << zlibCompress(payload, ZlibWrapper::Raw) << QByteArray("deflate") << payload;
    QTest::newRow("deflate, raw, stored block")
        << zlibCompress(payload, ZlibWrapper::Raw, 0) << QByteArray("deflate") << payload;
    QTest::newRow("br") << brotli(payload) << QByteArray("br") << payload;
    QTest::newRow("br, empty payload") << brotli(QByteArray()) << QByteArray("br") << QByteArray();
    QTest::newRow("gzip, empty payload") << gzip(QByteArray()) << QByteArray("gzip") << QByteArray();
    QTest::newRow("empty body, gzip header") << QByteArray() << QByteArray("gzip") << QByteArray();
    // "gzip, br": gzip was applied first, so brotli is undone first.
    QTest::newRow("stacked gzip, br") << brotli(gzip(payload)) << QByteArray("gzip, br") << payload;
    QTest::newRow("stacked deflate, gzip")
        << gzip(zlibCompress(payload, ZlibWrapper::Zlib)) << QByteArray("deflate,gzip") << payload;
    QTest::newRow("stacked with identity and empty items")
        << gzip(brotli(payload)) << QByteArray("br, identity,, gzip ,") << payload;
    QTest::newRow("gzip twice") << gzip(gzip(payload)) << QByteArray("gzip, gzip") << payload;

    QByteArray large;
    for (int i = 0; large.size() < 3 * 1024 * 1024; ++i)
        large += "line " + QByteArray::number(i) + " of a large log upload\n";
    QTest::newRow("gzip, 3 MiB") << gzip(large) << QByteArray("gzip") << large;
    QTest::newRow("br, 3 MiB") << brotli(large) << QByteArray("br") << large;
#ifdef HOOKSCOPE_HAVE_ZSTD
    QTest::newRow("zstd") << zstd(payload) << QByteArray("zstd") << payload;
    QTest::newRow("zstd, two frames") << QByteArray(zstd(payload.left(10)) + zstd(payload.mid(10)))
                                      << QByteArray("zstd") << payload;
    QTest::newRow("zstd, 3 MiB") << zstd(large) << QByteArray("zstd") << large;
    QTest::newRow("stacked zstd, gzip") << gzip(zstd(payload)) << QByteArray("zstd, gzip") << payload;
#endif
}

void TestBodyDecoding::decode()
{
    QFETCH(QByteArray, body);
    QFETCH(QByteArray, header);
    QFETCH(QByteArray, expected);

    const Result<QByteArray> decoded = decodeContent(body, header);
    QVERIFY2(decoded.isOk(), qPrintable(decoded.errorMessage()));
    QCOMPARE(decoded.value().size(), expected.size());
    QCOMPARE(decoded.value(), expected);
}

void TestBodyDecoding::decodeErrors_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QByteArray>("header");
    QTest::addColumn<qint64>("maxOutput");
    QTest::addColumn<ErrorCode>("code");
    QTest::addColumn<QString>("mentions");

    const QByteArray payload = samplePayload();
    const qint64 unlimited = defaultMaxDecodedSize;
    QTest::newRow("unknown coding") << payload << QByteArray("compress") << unlimited << ErrorCode::NotFound
                                    << u"compress"_s;
    QTest::newRow("unknown coding in a stack, empty body")
        << QByteArray() << QByteArray("gzip, snappy") << unlimited << ErrorCode::NotFound << u"snappy"_s;
    QTest::newRow("gzip, not compressed")
        << payload << QByteArray("gzip") << unlimited << ErrorCode::Parse << u"gzip"_s;
    QTest::newRow("gzip, corrupted") << corruptMiddle(gzip(payload)) << QByteArray("gzip") << unlimited
                                     << ErrorCode::Parse << u"corrupt"_s;
    QTest::newRow("gzip, truncated") << gzip(payload).chopped(20) << QByteArray("gzip") << unlimited << ErrorCode::Parse
                                     << u"truncated"_s;
    QTest::newRow("gzip, wrong checksum") <<
        [&] {
            QByteArray data = gzip(payload);
            data[data.size() - 6] = char(data[data.size() - 6] ^ 1); // CRC-32 in the trailer
            return data;
        }() << QByteArray("gzip") << unlimited
                                          << ErrorCode::Parse << u"gzip"_s;
    QTest::newRow("gzip, trailing garbage")
        << QByteArray(gzip(payload) + "garbage") << QByteArray("gzip") << unlimited << ErrorCode::Parse << u"7"_s;
    QTest::newRow("deflate, garbage") << QByteArray("\xff\xff\xff\xff not deflate") << QByteArray("deflate")
                                      << unlimited << ErrorCode::Parse << u"deflate"_s;
    QTest::newRow("deflate, truncated zlib") << zlibCompress(payload, ZlibWrapper::Zlib).chopped(30)
                                             << QByteArray("deflate") << unlimited << ErrorCode::Parse << u"deflate"_s;
    QTest::newRow("br, corrupted") << corruptMiddle(brotli(payload)) << QByteArray("br") << unlimited
                                   << ErrorCode::Parse << u"br"_s;
    QTest::newRow("br, truncated") << brotli(payload).chopped(10) << QByteArray("br") << unlimited << ErrorCode::Parse
                                   << u"truncated"_s;
    QTest::newRow("stacked, outer layer fine, inner corrupt")
        << brotli(corruptMiddle(gzip(payload))) << QByteArray("gzip, br") << unlimited << ErrorCode::Parse << u"gzip"_s;

    // Decompression bombs: 16 MiB of zeros shrink to a few KiB; the limit stops them.
    const QByteArray zeros(16 * 1024 * 1024, '\0');
    const qint64 oneMiB = 1024 * 1024;
    QTest::newRow("bomb, gzip") << gzip(zeros) << QByteArray("gzip") << oneMiB << ErrorCode::InvalidArgument
                                << u"1048576"_s;
    QTest::newRow("bomb, deflate") << zlibCompress(zeros, ZlibWrapper::Zlib) << QByteArray("deflate") << oneMiB
                                   << ErrorCode::InvalidArgument << u"deflate"_s;
    QTest::newRow("bomb, raw deflate") << zlibCompress(zeros, ZlibWrapper::Raw) << QByteArray("deflate") << oneMiB
                                       << ErrorCode::InvalidArgument << u"deflate"_s;
    QTest::newRow("bomb, br") << brotli(zeros) << QByteArray("br") << oneMiB << ErrorCode::InvalidArgument << u"br"_s;
    // The outer layer is tiny; the inner one explodes.
    QTest::newRow("bomb, gzip inside gzip")
        << gzip(gzip(zeros)) << QByteArray("gzip, gzip") << oneMiB << ErrorCode::InvalidArgument << u"gzip"_s;
#ifdef HOOKSCOPE_HAVE_ZSTD
    QTest::newRow("bomb, zstd") << zstd(zeros) << QByteArray("zstd") << oneMiB << ErrorCode::InvalidArgument
                                << u"zstd"_s;
    QTest::newRow("zstd, corrupted") << corruptMiddle(zstd(payload)) << QByteArray("zstd") << unlimited
                                     << ErrorCode::Parse << u"zstd"_s;
    QTest::newRow("zstd, truncated") << zstd(payload).chopped(5) << QByteArray("zstd") << unlimited << ErrorCode::Parse
                                     << u"truncated"_s;
    QTest::newRow("zstd, trailing garbage")
        << QByteArray(zstd(payload) + "xyz") << QByteArray("zstd") << unlimited << ErrorCode::Parse << u"zstd"_s;
#else
    QTest::newRow("zstd unavailable") << payload << QByteArray("zstd") << unlimited << ErrorCode::NotFound << u"zstd"_s;
#endif
}

void TestBodyDecoding::decodeErrors()
{
    QFETCH(QByteArray, body);
    QFETCH(QByteArray, header);
    QFETCH(qint64, maxOutput);
    QFETCH(ErrorCode, code);
    QFETCH(QString, mentions);

    const Result<QByteArray> decoded = decodeContent(body, header, maxOutput);
    QVERIFY(!decoded.isOk());
    QCOMPARE(decoded.error().code, code);
    QVERIFY2(decoded.errorMessage().contains(mentions, Qt::CaseInsensitive), qPrintable(decoded.errorMessage()));
}

void TestBodyDecoding::decodeLimitBoundary()
{
    const QByteArray payload = samplePayload();
    const QList<std::pair<QByteArray, QByteArray>> encoded = {
        {gzip(payload), "gzip"},
        {zlibCompress(payload, ZlibWrapper::Raw), "deflate"},
        {brotli(payload), "br"},
#ifdef HOOKSCOPE_HAVE_ZSTD
        {zstd(payload), "zstd"},
#endif
    };
    for (const auto &[body, coding] : encoded) {
        // Exactly at the limit is fine; one byte over is not.
        const Result<QByteArray> atLimit = decodeContent(body, coding, payload.size());
        QVERIFY2(atLimit.isOk(), coding.constData());
        QCOMPARE(atLimit.value(), payload);
        const Result<QByteArray> overLimit = decodeContent(body, coding, payload.size() - 1);
        QVERIFY2(!overLimit.isOk(), coding.constData());
        QCOMPARE(overLimit.error().code, ErrorCode::InvalidArgument);
    }
    // Identity only passes the body through: nothing is inflated, so the limit does not apply.
    QVERIFY(decodeContent(payload, "identity", 1).isOk());
    // A limit of zero still decodes an empty stream.
    QVERIFY(decodeContent(gzip(QByteArray()), "gzip", 0).isOk());
}

void TestBodyDecoding::supportedCodings()
{
    QVERIFY(isContentCodingSupported("gzip"));
    QVERIFY(isContentCodingSupported(" X-GZIP "));
    QVERIFY(isContentCodingSupported("deflate"));
    QVERIFY(isContentCodingSupported("br"));
    QVERIFY(isContentCodingSupported("identity"));
    QVERIFY(!isContentCodingSupported("compress"));
    QVERIFY(!isContentCodingSupported("gzip, br"));
#ifdef HOOKSCOPE_HAVE_ZSTD
    QVERIFY(isContentCodingSupported("zstd"));
#else
    QVERIFY(!isContentCodingSupported("zstd"));
#endif
}

void TestBodyDecoding::parseForm_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<FormFieldList>("expected");

    QTest::newRow("empty") << QByteArray() << FormFieldList{};
    QTest::newRow("simple") << QByteArray("a=1&b=two") << FormFieldList{{"a", "1"}, {"b", "two"}};
    QTest::newRow("plus and percent") << QByteArray("q=hello+world%21&name%20x=J%C3%BCrgen")
                                      << FormFieldList{{"q", "hello world!"}, {"name x", "J\xC3\xBCrgen"}};
    QTest::newRow("encoded plus, ampersand and equals")
        << QByteArray("expr=1%2B1%3D2&and=a%26b") << FormFieldList{{"expr", "1+1=2"}, {"and", "a&b"}};
    QTest::newRow("duplicates kept in order")
        << QByteArray("tag=a&x=1&tag=b&tag=a") << FormFieldList{{"tag", "a"}, {"x", "1"}, {"tag", "b"}, {"tag", "a"}};
    QTest::newRow("bad escapes kept") << QByteArray("p=100%&q=%zz&r=%4&s=%%41&t=%g1")
                                      << FormFieldList{
                                             {"p", "100%"}, {"q", "%zz"}, {"r", "%4"}, {"s", "%A"}, {"t", "%g1"}};
    QTest::newRow("no equals, empty value, empty pairs")
        << QByteArray("&flag&&empty=&=value&") << FormFieldList{{"flag", ""}, {"empty", ""}, {"", "value"}};
    QTest::newRow("equals inside value") << QByteArray("sig=abc==&b64=YQ==")
                                         << FormFieldList{{"sig", "abc=="}, {"b64", "YQ=="}};
    QTest::newRow("binary bytes") << QByteArray("bin=%00%FF%0D%0A")
                                  << FormFieldList{{"bin", QByteArray("\x00\xff\r\n", 4)}};
    QTest::newRow("brackets encoded") << QByteArray("contact%5Bemail%5D=a%40b.example")
                                      << FormFieldList{{"contact[email]", "a@b.example"}};
}

void TestBodyDecoding::parseForm()
{
    QFETCH(QByteArray, body);
    QFETCH(FormFieldList, expected);

    const FormFieldList fields = parseFormUrlEncoded(body);
    QCOMPARE(fields.size(), expected.size());
    for (qsizetype i = 0; i < fields.size(); ++i) {
        QCOMPARE(fields[i].name, expected[i].name);
        QCOMPARE(fields[i].value, expected[i].value);
    }
}

void TestBodyDecoding::formTree_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QByteArray>("expected");

    QTest::newRow("flat") << QByteArray("a=1&b=2") << QByteArray("a=1,b=2");
    QTest::newRow("ActiveCampaign")
        << QByteArray("type=subscribe&contact%5Bid%5D=42&contact%5Bemail%5D=a%40b.example"
                      "&contact%5Bfields%5D%5B1%5D=x&contact%5Bfields%5D%5B7%5D=y+z&contact%5Btags%5D=vip")
        << QByteArray("type=subscribe,contact{id=42,email=a@b.example,fields{1=x,7=y z},tags=vip}");
    QTest::newRow("Mailchimp") << QByteArray("type=subscribe&data[id]=8a25ff1d98&data[merges][EMAIL]=api@mailchimp.com"
                                             "&data[merges][FNAME]=Mailchimp&data[merges][INTERESTS]=Group1,Group2")
                               << QByteArray("type=subscribe,data{id=8a25ff1d98,merges{EMAIL=api@mailchimp.com,"
                                             "FNAME=Mailchimp,INTERESTS=Group1,Group2}}");
    QTest::newRow("appended list") << QByteArray("tags[]=a&tags[]=b&tags[]=c") << QByteArray("tags{0=a,1=b,2=c}");
    QTest::newRow("append after explicit index")
        << QByteArray("i[5]=a&i[]=b&i[2]=c&i[]=d") << QByteArray("i{5=a,6=b,2=c,7=d}");
    QTest::newRow("list of objects") << QByteArray("items[][sku]=A&items[][sku]=B&items[0][qty]=2")
                                     << QByteArray("items{0{sku=A,qty=2},1{sku=B}}");
    QTest::newRow("duplicate leaves kept") << QByteArray("a[x]=1&a[x]=2&b=3&b=4") << QByteArray("a{x=1,x=2},b=3,b=4");
    QTest::newRow("leaf and branch with the same key")
        << QByteArray("a=1&a[b]=2&a[c]=3") << QByteArray("a=1,a{b=2,c=3}");
    QTest::newRow("empty inner key in the middle") << QByteArray("m[][]=x&m[][]=y") << QByteArray("m{0{0=x},1{0=y}}");
    QTest::newRow("unclosed bracket") << QByteArray("a[b=1&c[d]=2") << QByteArray("a[b=1,c{d=2}");
    QTest::newRow("no base") << QByteArray("[x]=1") << QByteArray("[x]=1");
    QTest::newRow("text after the brackets") << QByteArray("a[b]c=1") << QByteArray("a[b]c=1");
    QTest::newRow("nested brackets") << QByteArray("a[b[c]]=1") << QByteArray("a[b[c]]=1");
    QTest::newRow("stray closing bracket") << QByteArray("a]=1&a]b[c]=2") << QByteArray("a]=1,a]b{c=2}");
    QTest::newRow("brackets in values are values") << QByteArray("q=a[b]") << QByteArray("q=a[b]");

    QByteArray deep = "d";
    for (int i = 0; i < maxFormDepth; ++i)
        deep += "[k]";
    QByteArray deepExpected;
    for (int i = 0; i < maxFormDepth; ++i)
        deepExpected += "k{";
    deepExpected.chop(2);
    deepExpected = "d{" + deepExpected + "k=1" + QByteArray(maxFormDepth, '}');
    QTest::newRow("deepest nesting") << QByteArray(deep + "=1") << deepExpected;
    QTest::newRow("too deep stays flat") << QByteArray(deep + "[k]=1") << QByteArray(deep + "[k]=1");
}

void TestBodyDecoding::formTree()
{
    QFETCH(QByteArray, body);
    QFETCH(QByteArray, expected);

    const FormNode root = buildFormTree(parseFormUrlEncoded(body));
    QVERIFY(root.key.isEmpty());
    QCOMPARE(dump(root), expected);
}

void TestBodyDecoding::formTreeNavigation()
{
    const FormNode root = buildFormTree(parseFormUrlEncoded("contact[fields][1]=x&contact[email]=a&tags[]=a"));
    const FormNode *contact = root.child("contact");
    QVERIFY(contact);
    QVERIFY(!contact->isLeaf());
    QVERIFY(contact->value.isEmpty());
    const FormNode *fields = contact->child("fields");
    QVERIFY(fields);
    QCOMPARE(fields->children.size(), 1);
    QCOMPARE(fields->children.first().key, QByteArray("1"));
    QCOMPARE(fields->children.first().value, QByteArray("x"));
    QVERIFY(fields->children.first().isLeaf());
    QCOMPARE(contact->child("email")->value, QByteArray("a"));
    QVERIFY(!contact->child("missing"));
    QCOMPARE(root.child("tags")->child("0")->value, QByteArray("a"));
}

void TestBodyDecoding::multipartFormData()
{
    const QByteArray fileBytes = QByteArrayLiteral("\x89PNG\r\n\x1a\n\x00\x01\r\n--not-the-boundary\r\n\xff\r\n");
    const QByteArray body = "This is the preamble; ignored.\r\n"
                            "--XyZ 123:b\r\n"
                            "Content-Disposition: form-data; name=\"email\"\r\n"
                            "\r\n"
                            "a@b.example\r\n"
                            "--XyZ 123:b\r\n"
                            "content-disposition: form-data; name=\"note\"\r\n"
                            "Content-Type: text/plain; charset=utf-8\r\n"
                            "\r\n"
                            "line one\r\nline two\r\n\r\n"
                            "--XyZ 123:b\r\n"
                            "Content-Disposition: form-data; name=\"upload\"; filename=\"fallback.png\"; "
                            "filename*=UTF-8''r%C3%A9sum%C3%A9%20%E2%82%AC.png\r\n"
                            "Content-Type: image/png\r\n"
                            "X-Extra:  kept  \r\n"
                            "\r\n" +
                            fileBytes +
                            "\r\n"
                            "--XyZ 123:b--\r\n"
                            "This is the epilogue; ignored.\r\n--XyZ 123:b\r\nnot a part\r\n";

    const Result<MultipartBody> parsed =
        parseMultipart("multipart/form-data; charset=utf-8; boundary=\"XyZ 123:b\"", body);
    QVERIFY2(parsed.isOk(), qPrintable(parsed.errorMessage()));
    const MultipartBody &multipart = parsed.value();
    QVERIFY(multipart.complete);
    QVERIFY(multipart.problem.isEmpty());
    QCOMPARE(multipart.boundary, QByteArray("XyZ 123:b"));
    QCOMPARE(multipart.parts.size(), 3);

    const MultipartPart &email = multipart.parts[0];
    QCOMPARE(email.name, QByteArray("email"));
    QCOMPARE(email.body, QByteArray("a@b.example"));
    QVERIFY(!email.hasFileName);
    QVERIFY(email.contentType.isEmpty());
    QVERIFY(!email.truncated);

    const MultipartPart &note = multipart.parts[1];
    QCOMPARE(note.name, QByteArray("note"));
    QCOMPARE(note.body, QByteArray("line one\r\nline two\r\n"));
    QCOMPARE(note.contentType, QByteArray("text/plain; charset=utf-8"));
    const HeaderList noteHeaders = {{"content-disposition", "form-data; name=\"note\""},
                                    {"Content-Type", "text/plain; charset=utf-8"}};
    QCOMPARE(note.headers, noteHeaders);

    const MultipartPart &upload = multipart.parts[2];
    QCOMPARE(upload.name, QByteArray("upload"));
    QVERIFY(upload.hasFileName);
    QCOMPARE(upload.fileName, u"résumé €.png"_s);
    QCOMPARE(upload.contentType, QByteArray("image/png"));
    QCOMPARE(upload.body, fileBytes);
    QCOMPARE(upload.headers.size(), 3);
    QCOMPARE(upload.headers[2], HeaderField("X-Extra", "kept"));
    QCOMPARE(upload.headerValue("x-extra"), QByteArray("kept"));
}

void TestBodyDecoding::multipartBoundaryParameter_data()
{
    QTest::addColumn<QByteArray>("contentType");
    QTest::addColumn<QByteArray>("boundary");

    QTest::newRow("token") << QByteArray("multipart/form-data; boundary=----WebKitFormBoundary7MA4YWxkTrZu0gW")
                           << QByteArray("----WebKitFormBoundary7MA4YWxkTrZu0gW");
    QTest::newRow("quoted") << QByteArray("multipart/form-data; boundary=\"a b=c;d\"") << QByteArray("a b=c;d");
    QTest::newRow("quoted with escape") << QByteArray("multipart/mixed; boundary=\"x\\\"y\"") << QByteArray("x\"y");
    QTest::newRow("case and spacing") << QByteArray("Multipart/Form-Data ;charset=utf-8;  BOUNDARY = abc ; x=y")
                                      << QByteArray("abc");
    QTest::newRow("missing") << QByteArray("multipart/form-data; charset=utf-8") << QByteArray();
    QTest::newRow("empty") << QByteArray() << QByteArray();
}

void TestBodyDecoding::multipartBoundaryParameter()
{
    QFETCH(QByteArray, contentType);
    QFETCH(QByteArray, boundary);

    QCOMPARE(multipartBoundary(contentType), boundary);
    if (boundary.isEmpty())
        return;
    const QByteArray body =
        "--" + boundary + "\r\nContent-Disposition: form-data; name=\"f\"\r\n\r\nv\r\n--" + boundary + "--";
    const Result<MultipartBody> parsed = parseMultipart(contentType, body);
    QVERIFY2(parsed.isOk(), qPrintable(parsed.errorMessage()));
    QVERIFY(parsed.value().complete);
    QCOMPARE(parsed.value().parts.size(), 1);
    QCOMPARE(parsed.value().parts[0].body, QByteArray("v"));
}

void TestBodyDecoding::multipartIncomplete_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("partCount");
    QTest::addColumn<bool>("lastTruncated");
    QTest::addColumn<QByteArray>("lastBody");

    const QByteArray first = "--b\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n";
    QTest::newRow("cut inside a file") << QByteArray(first + "--b\r\nContent-Disposition: form-data; name=\"f\"; "
                                                             "filename=\"big.bin\"\r\n\r\n\x01\x02partial")
                                       << 2 << true << QByteArray("\x01\x02partial");
    QTest::newRow("cut inside the headers")
        << QByteArray(first + "--b\r\nContent-Disposition: form-da") << 2 << true << QByteArray();
    QTest::newRow("ends after a delimiter") << QByteArray(first + "--b") << 1 << false << QByteArray("1");
    QTest::newRow("ends after a delimiter line") << QByteArray(first + "--b\r\n") << 1 << false << QByteArray("1");
}

void TestBodyDecoding::multipartIncomplete()
{
    QFETCH(QByteArray, body);
    QFETCH(int, partCount);
    QFETCH(bool, lastTruncated);
    QFETCH(QByteArray, lastBody);

    // A missing close delimiter keeps what arrived and says so.
    const Result<MultipartBody> parsed = parseMultipart("multipart/form-data; boundary=b", body);
    QVERIFY2(parsed.isOk(), qPrintable(parsed.errorMessage()));
    QVERIFY(!parsed.value().complete);
    QVERIFY(parsed.value().problem.contains(u"--b--"_s));
    QCOMPARE(parsed.value().parts.size(), partCount);
    QCOMPARE(parsed.value().parts.first().body, QByteArray("1"));
    QCOMPARE(parsed.value().parts.last().truncated, lastTruncated);
    QCOMPARE(parsed.value().parts.last().body, lastBody);
}

void TestBodyDecoding::multipartErrors_data()
{
    QTest::addColumn<QByteArray>("contentType");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<ErrorCode>("code");

    const QByteArray body = "--b\r\n\r\nx\r\n--b--\r\n";
    QTest::newRow("no boundary parameter") << QByteArray("multipart/form-data") << body << ErrorCode::InvalidArgument;
    QTest::newRow("empty boundary") << QByteArray("multipart/form-data; boundary=\"\"") << body
                                    << ErrorCode::InvalidArgument;
    QTest::newRow("not multipart") << QByteArray("application/json; boundary=b") << body << ErrorCode::InvalidArgument;
    QTest::newRow("boundary never appears")
        << QByteArray("multipart/form-data; boundary=zzz") << body << ErrorCode::Parse;
    QTest::newRow("boundary only inside a line")
        << QByteArray("multipart/form-data; boundary=b") << QByteArray("x--b\r\n") << ErrorCode::Parse;
    QTest::newRow("empty body") << QByteArray("multipart/form-data; boundary=b") << QByteArray() << ErrorCode::Parse;
}

void TestBodyDecoding::multipartErrors()
{
    QFETCH(QByteArray, contentType);
    QFETCH(QByteArray, body);
    QFETCH(ErrorCode, code);

    const Result<MultipartBody> parsed = parseMultipart(contentType, body);
    QVERIFY(!parsed.isOk());
    QCOMPARE(parsed.error().code, code);
    QVERIFY(!parsed.errorMessage().isEmpty());
}

void TestBodyDecoding::multipartOddShapes()
{
    // Bare LF line endings, a part without headers, an empty part, a folded header, a line that only starts like
    // the boundary, a missing blank line, an old IE path and an empty file input.
    const QByteArray body =
        "--sep\n"
        "\n"
        "no headers\n"
        "--sep\n"
        "--sep\n"
        "Content-Disposition: form-data;\n"
        "\tname=\"folded\"\n"
        "\n"
        "--separator is not it\n"
        "--sep   \n"
        "this line is not a header\n"
        "--sep\r\n"
        "Content-Disposition: form-data; name=\"file\"; filename=\"C:\\Users\\me\\a \\\"b\\\".txt\"\r\n"
        "\r\n"
        "\r\n"
        "--sep\r\n"
        "Content-Disposition: form-data; name=\"empty\"; filename=\"\"\r\n"
        "Content-Type: application/octet-stream\r\n"
        "\r\n"
        "\r\n"
        "--sep--";
    const Result<MultipartBody> parsed = parseMultipart("multipart/mixed; boundary=sep", body);
    QVERIFY2(parsed.isOk(), qPrintable(parsed.errorMessage()));
    const MultipartBody &multipart = parsed.value();
    QVERIFY(multipart.complete);
    QCOMPARE(multipart.parts.size(), 6);

    QVERIFY(multipart.parts[0].headers.isEmpty());
    QCOMPARE(multipart.parts[0].body, QByteArray("no headers"));

    QVERIFY(multipart.parts[1].headers.isEmpty());
    QVERIFY(multipart.parts[1].body.isEmpty());

    QCOMPARE(multipart.parts[2].headers.size(), 1);
    QCOMPARE(multipart.parts[2].headers[0].second, QByteArray("form-data; name=\"folded\""));
    QCOMPARE(multipart.parts[2].name, QByteArray("folded"));
    QCOMPARE(multipart.parts[2].body, QByteArray("--separator is not it"));

    QVERIFY(multipart.parts[3].headers.isEmpty());
    QCOMPARE(multipart.parts[3].body, QByteArray("this line is not a header"));

    QCOMPARE(multipart.parts[4].name, QByteArray("file"));
    QCOMPARE(multipart.parts[4].fileName, u"C:\\Users\\me\\a \"b\".txt"_s);
    QCOMPARE(multipart.parts[4].body, QByteArray(""));

    QCOMPARE(multipart.parts[5].name, QByteArray("empty"));
    QVERIFY(multipart.parts[5].hasFileName);
    QVERIFY(multipart.parts[5].fileName.isEmpty());
    QCOMPARE(multipart.parts[5].contentType, QByteArray("application/octet-stream"));
    QVERIFY(multipart.parts[5].body.isEmpty());
}

void TestBodyDecoding::detectKind_data()
{
    QTest::addColumn<QByteArray>("contentType");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<BodyKind>("kind");

    const QByteArray json = "{\"a\": [1, 2, {\"b\": null}]}";
    const QByteArray png = QByteArrayLiteral("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR");
    QTest::newRow("empty, JSON type") << QByteArray("application/json") << QByteArray() << BodyKind::Empty;
    QTest::newRow("application/json") << QByteArray("application/json; charset=utf-8") << json << BodyKind::Json;
    QTest::newRow("declared JSON, broken body")
        << QByteArray("application/json") << QByteArray("{oops") << BodyKind::Json;
    QTest::newRow("+json suffix") << QByteArray("application/vnd.github+json") << json << BodyKind::Json;
    QTest::newRow("problem+json, upper case") << QByteArray("Application/Problem+JSON") << json << BodyKind::Json;
    QTest::newRow("text/xml") << QByteArray("text/xml") << QByteArray("<a/>") << BodyKind::Xml;
    QTest::newRow("application/xml") << QByteArray("application/xml") << QByteArray("<a/>") << BodyKind::Xml;
    QTest::newRow("+xml suffix") << QByteArray("application/atom+xml") << QByteArray("<feed/>") << BodyKind::Xml;
    QTest::newRow("svg is XML") << QByteArray("image/svg+xml") << QByteArray("<svg/>") << BodyKind::Xml;
    QTest::newRow("form") << QByteArray("application/x-www-form-urlencoded") << QByteArray("a=1") << BodyKind::Form;
    QTest::newRow("multipart") << QByteArray("multipart/form-data; boundary=x") << QByteArray("--x")
                               << BodyKind::Multipart;
    QTest::newRow("image/png") << QByteArray("image/png") << png << BodyKind::Image;
    QTest::newRow("text/plain") << QByteArray("text/plain") << QByteArray("hello") << BodyKind::Text;
    QTest::newRow("text/plain holding JSON (SNS)") << QByteArray("text/plain; charset=UTF-8") << json << BodyKind::Json;
    QTest::newRow("text/csv") << QByteArray("text/csv") << QByteArray("a,b\n1,2\n") << BodyKind::Text;
    QTest::newRow("text/html") << QByteArray("text/html") << QByteArray("<html></html>") << BodyKind::Text;

    QTest::newRow("sniff JSON object") << QByteArray() << QByteArray(" \r\n\t" + json) << BodyKind::Json;
    QTest::newRow("sniff JSON array") << QByteArray("application/octet-stream") << QByteArray("[1,2,3]")
                                      << BodyKind::Json;
    QTest::newRow("sniff JSON after a BOM") << QByteArray() << QByteArray("\xEF\xBB\xBF" + json) << BodyKind::Json;
    QTest::newRow("sniff broken JSON is text") << QByteArray() << QByteArray("{not json}") << BodyKind::Text;
    QTest::newRow("sniff JSON scalar is text") << QByteArray() << QByteArray("42") << BodyKind::Text;
    QTest::newRow("sniff XML declaration")
        << QByteArray() << QByteArray("<?xml version=\"1.0\"?><a/>") << BodyKind::Xml;
    QTest::newRow("sniff XML element") << QByteArray("application/octet-stream")
                                       << QByteArray("\n<Envelope xmlns=\"x\"/>") << BodyKind::Xml;
    QTest::newRow("sniff HTML is text") << QByteArray() << QByteArray("<!DOCTYPE html><html></html>") << BodyKind::Text;
    QTest::newRow("sniff less-than is text") << QByteArray() << QByteArray("<3 you") << BodyKind::Text;
    QTest::newRow("sniff PNG") << QByteArray() << png << BodyKind::Image;
    QTest::newRow("sniff JPEG") << QByteArray("application/octet-stream")
                                << QByteArrayLiteral("\xFF\xD8\xFF\xE0\x00\x10JFIF") << BodyKind::Image;
    QTest::newRow("sniff GIF") << QByteArray() << QByteArrayLiteral("GIF89a\x01\x00\x01\x00") << BodyKind::Image;
    QTest::newRow("sniff WebP") << QByteArray() << QByteArrayLiteral("RIFF\x24\x00\x00\x00WEBPVP8 ") << BodyKind::Image;
    QTest::newRow("RIFF but not WebP") << QByteArray() << QByteArrayLiteral("RIFF\x24\x00\x00\x00WAVEfmt ")
                                       << BodyKind::Binary;
    QTest::newRow("sniff UTF-8 text") << QByteArray() << QByteArray("Grüße, \xE2\x82\xAC 5\r\n\tok") << BodyKind::Text;
    QTest::newRow("sniff invalid UTF-8") << QByteArray() << QByteArray("caf\xE9") << BodyKind::Binary;
    QTest::newRow("sniff NUL") << QByteArray()
                               << QByteArrayLiteral("abc\x00"
                                                    "def")
                               << BodyKind::Binary;
    QTest::newRow("sniff gzip magic") << QByteArray("application/octet-stream") << QByteArrayLiteral("\x1f\x8b\x08\x00")
                                      << BodyKind::Binary;
    QTest::newRow("unknown type, text") << QByteArray("application/x-custom") << QByteArray("plain words")
                                        << BodyKind::Text;
}

void TestBodyDecoding::detectKind()
{
    QFETCH(QByteArray, contentType);
    QFETCH(QByteArray, body);
    QFETCH(BodyKind, kind);

    QCOMPARE(detectBodyKind(contentType, body), kind);
}

void TestBodyDecoding::jsonCheck_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<qsizetype>("offset");

    const qsizetype none = -1;
    QTest::newRow("object") << QByteArray("{\"a\": [1, 2.5e3, -0, true, false, null, \"\\u00e9\\ud83d\\ude00\"]}")
                            << true << none;
    QTest::newRow("scalar string") << QByteArray("\"abc\"") << true << none;
    QTest::newRow("scalar number, spaces") << QByteArray(" 12 ") << true << none;
    QTest::newRow("integer beyond 64 bits") << QByteArray("{\"id\": 123456789012345678901234567890}") << true << none;
    QTest::newRow("number beyond double") << QByteArray("[1e400, -1e400]") << true << none;
    QTest::newRow("scalar big integer") << QByteArray("123456789012345678901234567890") << true << none;

    //                                              0123456789
    QTest::newRow("trailing comma in object") << QByteArray("{\"a\":1,}") << false << qsizetype(7);
    QTest::newRow("trailing comma in array") << QByteArray("[1,2,]") << false << qsizetype(5);
    QTest::newRow("missing colon") << QByteArray("{\"a\" 1}") << false << qsizetype(5);
    QTest::newRow("missing comma") << QByteArray("[1 2]") << false << qsizetype(3);
    QTest::newRow("bad literal") << QByteArray("{\"a\":tru}") << false << qsizetype(8);
    QTest::newRow("bad nested literal") << QByteArray("{\"a\":[1,{\"b\":nul}]}") << false << qsizetype(16);
    QTest::newRow("bad number") << QByteArray("{\"a\":01}") << false << qsizetype(6);
    QTest::newRow("bad exponent") << QByteArray("[1,2e]") << false << qsizetype(5);
    QTest::newRow("bad escape") << QByteArray("{\"a\":\"x\\qy\"}") << false << qsizetype(7);
    QTest::newRow("lone high surrogate") << QByteArray("[\"ab\\ud83dxy\"]") << false << qsizetype(4);
    // The bad \\u escape shifts simdjson's quote pairing, which then reports an unclosed string much later.
    QTest::newRow("error before a shifted quote pairing")
        << QByteArray("[\"x\\u0\"e9\", {\"k\": [1, 2]}, \"z\"]") << false << qsizetype(3);
    QTest::newRow("missing comma before an unclosed string") << QByteArray("{\"a\": 1 \"b") << false << qsizetype(8);
    QTest::newRow("bad escape in an unclosed string") << QByteArray("{\"a\":\"x\\:yz") << false << qsizetype(7);
    QTest::newRow("unclosed string") << QByteArray("{\"a\":\"xyz") << false << qsizetype(5);
    QTest::newRow("control character") << QByteArray("{\"a\":\"x\ty\"}") << false << qsizetype(7);
    QTest::newRow("invalid UTF-8") << QByteArray("{\"a\":\"caf\xE9\"}") << false << qsizetype(9);
    QTest::newRow("mismatched bracket") << QByteArray("{\"a\":{\"b\":[1,2}}") << false << qsizetype(14);
    QTest::newRow("trailing content") << QByteArray("{\"a\":1} x") << false << qsizetype(8);
    QTest::newRow("extra closing brace") << QByteArray("{\"a\":1}}") << false << qsizetype(7);
    QTest::newRow("unclosed object") << QByteArray("{\"a\":1") << false << qsizetype(6);
    QTest::newRow("unclosed array") << QByteArray("[[1,2]") << false << qsizetype(6);
    QTest::newRow("unclosed object, trailing space") << QByteArray("{\"a\":1 \n") << false << qsizetype(8);
    QTest::newRow("ends after a colon") << QByteArray("{\"a\":") << false << qsizetype(5);
    QTest::newRow("ends after a comma") << QByteArray("[1,") << false << qsizetype(3);
    QTest::newRow("ends after a key") << QByteArray("{\"a\"") << false << qsizetype(4);
    QTest::newRow("only an opening brace") << QByteArray("{") << false << qsizetype(1);
    QTest::newRow("error after a big integer")
        << QByteArray("[123456789012345678901234567890, tru]") << false << qsizetype(36);
    QTest::newRow("bad escape in a key") << QByteArray("{\"a\\qb\":1}") << false << qsizetype(3);
    QTest::newRow("missing colon later") << QByteArray("{\"a\":1, \"b\" 2}") << false << qsizetype(12);
    QTest::newRow("minus alone") << QByteArray("[-]") << false << qsizetype(2);
    QTest::newRow("dot without digits") << QByteArray("[1.]") << false << qsizetype(3);
    QTest::newRow("leading dot") << QByteArray("[.5]") << false << qsizetype(1);
    QTest::newRow("leading plus") << QByteArray("[+1]") << false << qsizetype(1);
    QTest::newRow("hex number") << QByteArray("[0x10]") << false << qsizetype(2);
    QTest::newRow("scalar then more") << QByteArray("1 2") << false << qsizetype(2);
    QTest::newRow("string then more") << QByteArray("\"a\" \"b\"") << false << qsizetype(4);
    QTest::newRow("literal with extra letters") << QByteArray("[true, nulle]") << false << qsizetype(11);
    QTest::newRow("bad root literal") << QByteArray("nul") << false << qsizetype(3);
    QTest::newRow("single quotes") << QByteArray("{'a':1}") << false << qsizetype(1);
    QTest::newRow("comment") << QByteArray("[1, // two\n 2]") << false << qsizetype(4);
    QTest::newRow("deep but allowed") << QByteArray(QByteArray(1000, '[') + QByteArray(1000, ']')) << true << none;
    QTest::newRow("too deep") << QByteArray(QByteArray(2000, '[') + QByteArray(2000, ']')) << false << qsizetype(1024);
    QTest::newRow("too deep and unclosed") << QByteArray(100000, '[') << false << qsizetype(1024);
    QTest::newRow("deep objects, unclosed") << QByteArray("{\"a\":").repeated(5000) << false << qsizetype(5120);
    QTest::newRow("non-string key") << QByteArray("{1:2}") << false << qsizetype(1);
    QTest::newRow("empty") << QByteArray() << false << qsizetype(0);
    QTest::newRow("whitespace only") << QByteArray(" \n ") << false << qsizetype(3);
    QTest::newRow("byte order mark") << QByteArray("\xEF\xBB\xBF{}") << false << qsizetype(0);
}

void TestBodyDecoding::jsonCheck()
{
    QFETCH(QByteArray, json);
    QFETCH(bool, valid);
    QFETCH(qsizetype, offset);

    const JsonCheck check = checkJson(json);
    QCOMPARE(check.valid, valid);
    QCOMPARE(check.errorOffset, offset);
    QCOMPARE(check.message.isEmpty(), valid);
}

void TestBodyDecoding::hostileInputs()
{
    // Mutated inputs (fixed seed, so failures reproduce) must give values or errors: no crash, no exception, no
    // assertion, and results within bounds.
    const QByteArray json = "{\"a\": [1, -2.5e3, \"x\\u00e9\\n\", true, null, {\"b\": {\"c\": [[], {}]}}], \"d\": "
                            "123456789012345678901234567890}";
    const QByteArray multipart = "pre\r\n--b\r\nContent-Disposition: form-data; name=\"a\"; filename*=UTF-8''%C3%A9\r\n"
                                 "\r\nbody\r\n--b\nX: y\n\nz\n--b--\r\n";
    const QByteArray form = "a[b][]=1&a[b][]=2&c%5Bd%5D=%41+&e[=f&g";
    const QByteArray payload = samplePayload();
    struct Sample {
        QByteArray bytes;
        QByteArray coding;
    };
    const QList<Sample> samples = {
        {json, "identity"},
        {multipart, "identity"},
        {form, "identity"},
        {gzip(payload), "gzip"},
        {zlibCompress(payload, ZlibWrapper::Zlib), "deflate"},
        {zlibCompress(payload, ZlibWrapper::Raw), "deflate"},
        {brotli(payload), "br"},
#ifdef HOOKSCOPE_HAVE_ZSTD
        {zstd(payload), "zstd"},
#endif
    };
    const QByteArray specials = "{}[],:\"\\ \r\n-+.eE0u%&=[]";
    QRandomGenerator random(20261129);
    for (int round = 0; round < 3000; ++round) {
        const Sample &sample = samples[round % samples.size()];
        QByteArray input = sample.bytes;
        const int edits = 1 + int(random.bounded(4));
        for (int edit = 0; edit < edits && !input.isEmpty(); ++edit) {
            const qsizetype at = qsizetype(random.bounded(quint32(input.size())));
            switch (random.bounded(4)) {
            case 0:
                input[at] = char(random.bounded(256));
                break;
            case 1:
                input[at] = specials[qsizetype(random.bounded(quint32(specials.size())))];
                break;
            case 2:
                input.truncate(at);
                break;
            default:
                input.insert(at, specials[qsizetype(random.bounded(quint32(specials.size())))]);
                break;
            }
        }

        const JsonCheck check = checkJson(input);
        if (check.valid) {
            QCOMPARE(check.errorOffset, qsizetype(-1));
        } else {
            QVERIFY2(check.errorOffset >= 0 && check.errorOffset <= input.size(), input.toHex().constData());
            QVERIFY(!check.message.isEmpty());
        }
        detectBodyKind("application/octet-stream", input);
        detectBodyKind("text/plain", input);

        const Result<QByteArray> decoded = decodeContent(input, sample.coding, 1024 * 1024);
        if (decoded)
            QVERIFY(decoded.value().size() <= 1024 * 1024);
        else
            QVERIFY(!decoded.errorMessage().isEmpty());

        const Result<MultipartBody> parts = parseMultipart("multipart/form-data; boundary=b", input);
        if (parts) {
            for (const MultipartPart &part : parts.value().parts)
                QVERIFY(part.body.size() <= input.size());
            QCOMPARE(parts.value().complete, parts.value().problem.isEmpty());
        }

        const FormNode tree = buildFormTree(parseFormUrlEncoded(input));
        QVERIFY(tree.key.isEmpty());
    }
}

} // namespace Hookscope

QTEST_GUILESS_MAIN(Hookscope::TestBodyDecoding)
#include "tst_bodydecoding.moc"
