#pragma once

#include "capturedrequest.h"

#include <QAbstractTableModel>

namespace Hookscope {

// A request's headers and trailers in arrival order, duplicates and original casing kept.
class HeadersModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { NameColumn, ValueColumn, ColumnCount };
    enum Role { RawNameRole = Qt::UserRole + 1, RawValueRole, IsTrailerRole };

    explicit HeadersModel(QObject *parent = nullptr);

    void setHeaders(const HeaderList &headers, const HeaderList &trailers = {});
    void clear() { setHeaders({}, {}); }
    // "Name: value" lines, as sent (trailers after a blank line).
    QByteArray allAsText() const;
    QByteArray lineAt(int row) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    HeaderList m_headers;
    HeaderList m_trailers;
    const HeaderField &field(int row) const;
};

} // namespace Hookscope
