#include "headersmodel.h"

#include "textformat.h"

namespace Hookscope {

HeadersModel::HeadersModel(QObject *parent) : QAbstractTableModel(parent) {}

void HeadersModel::setHeaders(const HeaderList &headers, const HeaderList &trailers)
{
    beginResetModel();
    m_headers = headers;
    m_trailers = trailers;
    endResetModel();
}

const HeaderField &HeadersModel::field(int row) const
{
    return row < m_headers.size() ? m_headers.at(row) : m_trailers.at(row - m_headers.size());
}

QByteArray HeadersModel::lineAt(int row) const
{
    const HeaderField &f = field(row);
    return f.first + ": " + f.second;
}

QByteArray HeadersModel::allAsText() const
{
    QByteArray out;
    for (const HeaderField &f : m_headers)
        out += f.first + ": " + f.second + '\n';
    if (!m_trailers.isEmpty()) {
        out += '\n';
        for (const HeaderField &f : m_trailers)
            out += f.first + ": " + f.second + '\n';
    }
    return out;
}

int HeadersModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_headers.size() + m_trailers.size());
}

int HeadersModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant HeadersModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount() || index.column() >= ColumnCount)
        return {};
    const HeaderField &f = field(index.row());
    const bool trailer = index.row() >= m_headers.size();
    switch (role) {
    case Qt::DisplayRole:
    case Qt::ToolTipRole: {
        const QByteArray &bytes = index.column() == NameColumn ? f.first : f.second;
        const QString text = QString::fromUtf8(TextFormat::escapedText(bytes));
        if (index.column() == NameColumn && trailer && role == Qt::DisplayRole)
            return QString(text + tr(" (trailer)"));
        return text;
    }
    case RawNameRole:
        return f.first;
    case RawValueRole:
        return f.second;
    case IsTrailerRole:
        return trailer;
    default:
        return {};
    }
}

QVariant HeadersModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    return section == NameColumn ? tr("Name") : tr("Value");
}

} // namespace Hookscope
