#include "contentdecoder.h"

#include <QCoreApplication>
#include <QList>
#include <QScopeGuard>
#include <QString>

#include <brotli/decode.h>
#include <zlib.h>
#ifdef HOOKSCOPE_HAVE_ZSTD
#include <zstd.h>
#endif

#include <algorithm>
#include <limits>

namespace Hookscope
{

namespace
{

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Hookscope::ContentDecoder)
};

QString codingName(QByteArrayView coding)
{
    return QString::fromLatin1(coding);
}

Error corrupt(QByteArrayView coding, const QString &detail)
{
    return makeError(ErrorCode::Parse, Tr::tr("The %1 data is corrupt: %2").arg(codingName(coding), detail));
}

Error truncated(QByteArrayView coding)
{
    return makeError(ErrorCode::Parse, Tr::tr("The %1 data ends early: the body looks truncated").arg(codingName(coding)));
}

Error trailingBytes(QByteArrayView coding, qsizetype count)
{
    return makeError(ErrorCode::Parse,
                     Tr::tr("The %1 data is followed by %2 unexpected bytes").arg(codingName(coding)).arg(count));
}

Error tooLarge(QByteArrayView coding, qint64 limit)
{
    return makeError(ErrorCode::InvalidArgument,
                     Tr::tr("Decoding stopped: the %1-decoded body is larger than the limit of %2 bytes "
                        "(possible decompression bomb)")
                         .arg(codingName(coding))
                         .arg(limit));
}

// Growable output that never holds more than limit + 1 bytes: the decoders write straight into it, and the one byte
// over the limit is how an oversized result is noticed without decoding any further.
class BoundedOutput
{
public:
    BoundedOutput(qint64 limit, qsizetype inputSize)
        : m_capacityLimit(qsizetype(std::min<qint64>(limit, std::numeric_limits<qsizetype>::max() / 2)) + 1)
    {
        // Compressed text usually expands 3-10x; start there and grow geometrically.
        const qsizetype guess = inputSize > m_capacityLimit / 4 ? m_capacityLimit : inputSize * 4;
        m_data.resize(std::clamp<qsizetype>(guess, 1, std::min<qsizetype>(m_capacityLimit, 64 * 1024 * 1024)));
    }

    // Free space for the decoder; grows the buffer when it is full. Empty only once the limit is exceeded.
    std::pair<char *, qsizetype> space()
    {
        if (m_size == m_data.size() && m_data.size() < m_capacityLimit)
            m_data.resize(std::min(m_capacityLimit, std::max<qsizetype>(m_data.size() * 2, 64 * 1024)));
        return {m_data.data() + m_size, m_data.size() - m_size};
    }
    void commit(qsizetype written) { m_size += written; }
    qsizetype size() const { return m_size; }
    bool exceeded() const { return m_size >= m_capacityLimit; }
    QByteArray take()
    {
        m_data.truncate(m_size);
        m_data.squeeze();
        return std::move(m_data);
    }

private:
    qsizetype m_capacityLimit;
    QByteArray m_data;
    qsizetype m_size = 0;
};

enum class ZlibFormat { Gzip, Zlib, Raw };

bool isGzipMagic(QByteArrayView data)
{
    return data.size() >= 2 && uchar(data[0]) == 0x1f && uchar(data[1]) == 0x8b;
}

// RFC 1950 header: compression method 8 with a window of at most 32 KiB, and a check value making it a multiple of 31.
bool looksLikeZlibHeader(QByteArrayView data)
{
    if (data.size() < 2)
        return false;
    const uint cmf = uchar(data[0]);
    const uint flg = uchar(data[1]);
    return (cmf & 0x0f) == 8 && (cmf >> 4) <= 7 && (cmf * 256 + flg) % 31 == 0;
}

Result<QByteArray> inflateData(QByteArrayView input, ZlibFormat format, QByteArrayView coding, qint64 limit)
{
    z_stream stream{};
    const int windowBits = format == ZlibFormat::Gzip   ? 16 + MAX_WBITS
                           : format == ZlibFormat::Zlib ? MAX_WBITS
                                                        : -MAX_WBITS;
    if (inflateInit2(&stream, windowBits) != Z_OK)
        return corrupt(coding, Tr::tr("cannot start the decoder"));
    const auto cleanup = qScopeGuard([&stream] { inflateEnd(&stream); });

    // zlib counts in uInt; feed very large inputs in slices.
    constexpr qsizetype maxSlice = qsizetype(1) << 30;
    const char *nextInput = input.data();
    qsizetype inputLeft = input.size();
    const auto consumed = [&] { return qsizetype(nextInput - input.data()) - qsizetype(stream.avail_in); };

    BoundedOutput output(limit, input.size());
    for (;;) {
        if (stream.avail_in == 0 && inputLeft > 0) {
            const qsizetype slice = std::min(inputLeft, maxSlice);
            stream.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(nextInput));
            stream.avail_in = uInt(slice);
            nextInput += slice;
            inputLeft -= slice;
        }
        const auto [buffer, room] = output.space();
        const qsizetype offered = std::min(room, maxSlice);
        stream.next_out = reinterpret_cast<Bytef *>(buffer);
        stream.avail_out = uInt(offered);
        const qsizetype consumedBefore = consumed();

        const int status = inflate(&stream, Z_NO_FLUSH);
        const qsizetype written = offered - qsizetype(stream.avail_out);
        output.commit(written);
        if (output.exceeded())
            return tooLarge(coding, limit);

        if (status == Z_STREAM_END) {
            const QByteArrayView rest = input.sliced(consumed());
            if (rest.isEmpty())
                break;
            // RFC 1952 allows several members in a row; gunzip and browsers concatenate them.
            if (format == ZlibFormat::Gzip && isGzipMagic(rest)) {
                inflateReset(&stream);
                continue;
            }
            return trailingBytes(coding, rest.size());
        }
        if (status == Z_NEED_DICT)
            return corrupt(coding, Tr::tr("it needs a preset dictionary"));
        if (status == Z_DATA_ERROR || status == Z_STREAM_ERROR || status == Z_MEM_ERROR)
            return corrupt(coding, stream.msg ? QString::fromLatin1(stream.msg) : Tr::tr("error %1").arg(status));
        // Z_OK or Z_BUF_ERROR: carry on while something moves. All input read while output room was left over means
        // the stream stopped before its end.
        const bool inputDone = stream.avail_in == 0 && inputLeft == 0;
        const bool progressed = written > 0 || consumed() != consumedBefore;
        if (inputDone && (stream.avail_out != 0 || !progressed))
            return truncated(coding);
        if (!progressed)
            return corrupt(coding, Tr::tr("the decoder cannot make progress"));
    }
    return output.take();
}

Result<QByteArray> decodeDeflate(QByteArrayView input, QByteArrayView coding, qint64 limit)
{
    // RFC 9110 says "deflate" is zlib-wrapped; some servers (and old IIS) send raw deflate. Browsers try the wrapper
    // first and fall back to raw, and so do we: a raw stream whose first two bytes happen to form a valid zlib header
    // fails on the wrapper and decodes raw.
    if (!looksLikeZlibHeader(input))
        return inflateData(input, ZlibFormat::Raw, coding, limit);
    Result<QByteArray> wrapped = inflateData(input, ZlibFormat::Zlib, coding, limit);
    if (wrapped || wrapped.error().code == ErrorCode::InvalidArgument)
        return wrapped;
    Result<QByteArray> raw = inflateData(input, ZlibFormat::Raw, coding, limit);
    return raw || raw.error().code == ErrorCode::InvalidArgument ? raw : wrapped;
}

Result<QByteArray> decodeBrotli(QByteArrayView input, QByteArrayView coding, qint64 limit)
{
    BrotliDecoderState *state = BrotliDecoderCreateInstance(nullptr, nullptr, nullptr);
    if (!state)
        return corrupt(coding, Tr::tr("cannot start the decoder"));
    const auto cleanup = qScopeGuard([state] { BrotliDecoderDestroyInstance(state); });

    size_t inputLeft = size_t(input.size());
    const uint8_t *nextInput = reinterpret_cast<const uint8_t *>(input.data());
    BoundedOutput output(limit, input.size());
    for (;;) {
        const auto [buffer, room] = output.space();
        size_t outputLeft = size_t(room);
        uint8_t *nextOutput = reinterpret_cast<uint8_t *>(buffer);
        const BrotliDecoderResult status =
            BrotliDecoderDecompressStream(state, &inputLeft, &nextInput, &outputLeft, &nextOutput, nullptr);
        output.commit(room - qsizetype(outputLeft));
        if (output.exceeded())
            return tooLarge(coding, limit);
        switch (status) {
        case BROTLI_DECODER_RESULT_SUCCESS:
            if (inputLeft != 0)
                return trailingBytes(coding, qsizetype(inputLeft));
            return output.take();
        case BROTLI_DECODER_RESULT_NEEDS_MORE_OUTPUT:
            continue;
        case BROTLI_DECODER_RESULT_NEEDS_MORE_INPUT:
            return truncated(coding);
        case BROTLI_DECODER_RESULT_ERROR:
            break;
        }
        return corrupt(coding, QString::fromLatin1(BrotliDecoderErrorString(BrotliDecoderGetErrorCode(state))));
    }
}

#ifdef HOOKSCOPE_HAVE_ZSTD
Result<QByteArray> decodeZstd(QByteArrayView input, QByteArrayView coding, qint64 limit)
{
    // The default window limit (2^27, 128 MiB) also bounds what a hostile frame header can make us allocate.
    ZSTD_DCtx *context = ZSTD_createDCtx();
    if (!context)
        return corrupt(coding, Tr::tr("cannot start the decoder"));
    const auto cleanup = qScopeGuard([context] { ZSTD_freeDCtx(context); });

    ZSTD_inBuffer in{input.data(), size_t(input.size()), 0};
    BoundedOutput output(limit, input.size());
    size_t hint = 1;
    for (;;) {
        const auto [buffer, room] = output.space();
        ZSTD_outBuffer out{buffer, size_t(room), 0};
        const size_t inputBefore = in.pos;
        hint = ZSTD_decompressStream(context, &out, &in);
        output.commit(qsizetype(out.pos));
        if (ZSTD_isError(hint))
            return corrupt(coding, QString::fromLatin1(ZSTD_getErrorName(hint)));
        if (output.exceeded())
            return tooLarge(coding, limit);
        // hint == 0: a frame ended and was flushed completely; more input means another frame follows.
        if (in.pos == in.size && (hint == 0 || out.pos < out.size)) {
            if (hint != 0)
                return truncated(coding);
            return output.take();
        }
        if (out.pos == 0 && in.pos == inputBefore)
            return truncated(coding);
    }
}
#endif

enum class Coding { Identity, Gzip, Deflate, Brotli, Zstd, Unknown };

Coding codingFromName(QByteArrayView name)
{
    const auto is = [name](QByteArrayView candidate) { return name.compare(candidate, Qt::CaseInsensitive) == 0; };
    if (is("identity"))
        return Coding::Identity;
    if (is("gzip") || is("x-gzip"))
        return Coding::Gzip;
    if (is("deflate"))
        return Coding::Deflate;
    if (is("br"))
        return Coding::Brotli;
#ifdef HOOKSCOPE_HAVE_ZSTD
    if (is("zstd"))
        return Coding::Zstd;
#endif
    return Coding::Unknown;
}

} // namespace

bool isContentCodingSupported(QByteArrayView coding)
{
    return codingFromName(coding.trimmed()) != Coding::Unknown;
}

Result<QByteArray> decodeContent(QByteArrayView body, QByteArrayView contentEncodingHeader, qint64 maxOutput)
{
    Q_ASSERT(maxOutput >= 0);
    maxOutput = std::max<qint64>(maxOutput, 0);

    // Check every name before doing any work, so an unknown coding is reported even for an empty body.
    QList<std::pair<Coding, QByteArrayView>> codings;
    qsizetype start = 0;
    while (start <= contentEncodingHeader.size()) {
        qsizetype comma = contentEncodingHeader.indexOf(',', start);
        if (comma < 0)
            comma = contentEncodingHeader.size();
        const QByteArrayView name = contentEncodingHeader.sliced(start, comma - start).trimmed();
        start = comma + 1;
        if (name.isEmpty())
            continue;
        const Coding coding = codingFromName(name);
        if (coding == Coding::Unknown) {
            return makeError(ErrorCode::NotFound,
                             name.compare("zstd", Qt::CaseInsensitive) == 0
                                 ? Tr::tr("Content encoding \"zstd\" is not supported by this build (no libzstd)")
                                 : Tr::tr("Unknown content encoding \"%1\"").arg(QString::fromUtf8(name)));
        }
        if (coding != Coding::Identity)
            codings.append({coding, name});
    }

    QByteArray current = body.toByteArray();
    if (current.isEmpty())
        return current;
    for (auto it = codings.crbegin(); it != codings.crend(); ++it) {
        Result<QByteArray> step = [&]() -> Result<QByteArray> {
            switch (it->first) {
            case Coding::Gzip:
                return inflateData(current, ZlibFormat::Gzip, it->second, maxOutput);
            case Coding::Deflate:
                return decodeDeflate(current, it->second, maxOutput);
            case Coding::Brotli:
                return decodeBrotli(current, it->second, maxOutput);
#ifdef HOOKSCOPE_HAVE_ZSTD
            case Coding::Zstd:
                return decodeZstd(current, it->second, maxOutput);
#endif
            default:
                return current;
            }
        }();
        if (!step)
            return step;
        current = std::move(step).value();
    }
    return current;
}

} // namespace Hookscope
