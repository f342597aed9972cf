#pragma once

// Raw HTTP fixtures from tests/data, shared by the test suites.
#include <QByteArray>
#include <QFile>
#include <QString>
#include <QtGlobal>

namespace Hookscope::TestData {

inline QByteArray fixture(const QString &name)
{
    QFile file(QStringLiteral(HOOKSCOPE_TEST_DATA_DIR) + u'/' + name);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("missing fixture %s", qPrintable(name));
    return file.readAll();
}

} // namespace Hookscope::TestData
