#pragma once

// Helpers shared by the suites of the request store (tst_requeststore, tst_bodyindex).

#include "capturedrequest.h"
#include "storeschema.h"

#include <QByteArray>
#include <QSqlDatabase>
#include <QString>
#include <QTest>

#include <atomic>

// Evaluates the expression once (QVERIFY2 would evaluate it again for the message).
#define VERIFY_OK(expression)                                                                                          \
    do {                                                                                                               \
        const auto &verifiedResult = (expression);                                                                     \
        QVERIFY2(verifiedResult.isOk(), qPrintable(verifiedResult.errorMessage()));                                    \
    } while (false)

namespace Hookscope {

namespace {

// A second connection to a store's file, independent of RequestStore: it checks what is on disk (columns the store
// does not expose, the schema version) and builds databases in older or newer layouts.
class DirectConnection
{
public:
    explicit DirectConnection(const QString &path)
        : m_name(QStringLiteral("tst-direct-") + QString::number(++s_counter))
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_name);
        db.setDatabaseName(path);
        m_open = db.open();
    }
    ~DirectConnection()
    {
        QSqlDatabase::database(m_name, false).close();
        QSqlDatabase::removeDatabase(m_name);
    }
    Q_DISABLE_COPY_MOVE(DirectConnection)

    bool isOpen() const { return m_open; }
    QSqlDatabase database() const { return QSqlDatabase::database(m_name, false); }

private:
    static inline std::atomic<int> s_counter{0};
    QString m_name;
    bool m_open = false;
};

// The schema version written in a store's file, read through a connection of its own; -2 when the file cannot be
// opened (no version is negative but -1, "unreadable").
inline int schemaVersionOnDisk(const QString &path)
{
    DirectConnection check(path);
    if (!check.isOpen())
        return -2;
    QSqlDatabase db = check.database();
    return StoreSchema::version(db);
}

// Headers as they stand in a request's head: "Name: value" lines, each ending in CRLF.
inline QByteArray headerBlock(const HeaderList &headers)
{
    QByteArray block;
    for (const HeaderField &field : headers)
        block += field.first + ": " + field.second + "\r\n";
    return block;
}

} // namespace

} // namespace Hookscope
