// tst_fuzzcorpus: replays the fuzz corpus through the fuzz target's entry point, so the normal test run checks that no
// input the fuzzer kept (including every reproducer of a fixed bug) crashes again. Arguments: files or folders to
// replay instead of tests/fuzz/corpus/. Fails when there is nothing to replay.

#include "fuzz_entry.h"

#include <QByteArray>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QStringList>

#include <cstdio>

namespace
{

QStringList inputsOf(const QString &path)
{
    const QFileInfo info(path);
    if (!info.isDir())
        return {path};
    QStringList files;
    const QDir dir(path);
    for (const QString &name : dir.entryList(QDir::Files | QDir::Hidden | QDir::NoDotAndDotDot, QDir::Name))
        files << dir.filePath(name);
    return files;
}

} // namespace

int main(int argc, char **argv)
{
    QStringList roots;
    for (int i = 1; i < argc; ++i)
        roots << QString::fromLocal8Bit(argv[i]);
    if (roots.isEmpty())
        roots << QStringLiteral(HOOKSCOPE_FUZZ_CORPUS_DIR);

    int ran = 0;
    int unreadable = 0;
    qint64 bytes = 0;
    for (const QString &root : roots) {
        for (const QString &path : inputsOf(root)) {
            QFile file(path);
            if (!file.open(QIODevice::ReadOnly)) {
                std::fprintf(stderr, "tst_fuzzcorpus: cannot read %s\n", qPrintable(path));
                ++unreadable;
                continue;
            }
            const QByteArray input = file.readAll();
            LLVMFuzzerTestOneInput(reinterpret_cast<const std::uint8_t *>(input.constData()),
                                   std::size_t(input.size()));
            ++ran;
            bytes += input.size();
        }
    }
    std::printf("tst_fuzzcorpus: replayed %d inputs (%lld bytes) from %s\n", ran, static_cast<long long>(bytes),
                qPrintable(roots.join(QStringLiteral(", "))));
    if (ran == 0 || unreadable > 0) {
        std::printf("0 passed, 1 failed\n");
        return 1;
    }
    std::printf("%d passed, 0 failed\n", ran);
    return 0;
}
