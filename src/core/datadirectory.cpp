#include "datadirectory.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>
#include <QTemporaryFile>

namespace Hookscope::DataDirectory {

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Hookscope::DataDirectory)
};
} // namespace

QString defaultPath()
{
    const QString base = QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation);
    return QDir(base.isEmpty() ? QDir::homePath() + QStringLiteral("/.local/share") : base)
        .filePath(QStringLiteral("hookscope"));
}

Result<QString> prepare(const QString &path)
{
    if (path.isEmpty())
        return makeError(ErrorCode::InvalidArgument, Tr::tr("the data directory path is empty"));
    const QString absolute = QFileInfo(path).absoluteFilePath();
    const QFileInfo info(absolute);
    if (info.exists() && !info.isDir())
        return makeError(ErrorCode::Io, Tr::tr("data directory %1 exists and is not a directory").arg(absolute));
    if (!info.exists()) {
        if (!QDir().mkpath(absolute))
            return makeError(ErrorCode::Io, Tr::tr("cannot create data directory %1").arg(absolute));
        // Captured requests carry secrets (signatures, tokens): only the owner may read them.
        QFile::setPermissions(absolute, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    }
    QTemporaryFile probe(QDir(absolute).filePath(QStringLiteral(".write-test-XXXXXX")));
    if (!probe.open())
        return makeError(ErrorCode::Io, Tr::tr("data directory %1 is not writable: %2").arg(absolute, probe.errorString()));
    return absolute;
}

} // namespace Hookscope::DataDirectory
