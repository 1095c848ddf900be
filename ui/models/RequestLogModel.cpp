#include "models/RequestLogModel.h"

#include "Theme.h"
#include "UntrustedText.h"

#include <QFontDatabase>

namespace Signet {

namespace {

// 2xx fine, 4xx worth a look (the client's mistake, often on purpose), 5xx wrong.
std::optional<Tone> statusTone(int status)
{
    if (status >= 500)
        return Tone::Error;
    if (status >= 400)
        return Tone::Warning;
    if (status >= 200 && status < 300)
        return Tone::Success;
    return std::nullopt;
}

} // namespace

RequestLogModel::RequestLogModel(QObject* parent, int capacity)
    : QAbstractTableModel(parent)
    , m_capacity(std::max(1, capacity))
{
    m_batchTimer.setSingleShot(true);
    m_batchTimer.setInterval(kBatchInterval);
    connect(&m_batchTimer, &QTimer::timeout, this, &RequestLogModel::flush);
}

int RequestLogModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_entries.size());
}

int RequestLogModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(Column::Count);
}

QVariant RequestLogModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (Column(section)) {
    case Column::Time:
        return tr("Time");
    case Column::Method:
        return tr("Method");
    case Column::Path:
        return tr("Path");
    case Column::StatusCode:
        return tr("Status");
    case Column::Milliseconds:
        return tr("ms");
    case Column::Client:
        return tr("Client");
    case Column::Count:
        break;
    }
    return {};
}

QVariant RequestLogModel::display(const RequestLogEntry& entry, Column column) const
{
    switch (column) {
    case Column::Time:
        return entry.at.toLocalTime().toString(QStringLiteral("HH:mm:ss.zzz"));
    case Column::Method:
        return QString::fromLatin1(entry.method);
    case Column::Path:
        // The client chose the path: control and bidi characters show as escapes.
        return UntrustedText::visible(entry.path);
    case Column::StatusCode:
        return entry.status;
    case Column::Milliseconds:
        return QString::number(entry.milliseconds, 'f', entry.milliseconds < 10 ? 2 : 0);
    case Column::Client:
        return entry.client;
    case Column::Count:
        break;
    }
    return {};
}

QVariant RequestLogModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const RequestLogEntry& e = entry(index.row());
    const auto column = Column(index.column());
    switch (role) {
    case Qt::DisplayRole:
        return display(e, column);
    case Qt::ToolTipRole:
        if (column == Column::Time)
            return e.at.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz 'UTC'"));
        if (column == Column::Path)
            return UntrustedText::visible(e.path);
        if (column == Column::Client)
            return e.client;
        return {};
    case Qt::ForegroundRole:
        if (column == Column::StatusCode) {
            if (const auto tone = statusTone(e.status))
                return toneColor(*tone);
        }
        return {};
    case Qt::FontRole:
        if (column == Column::Path)
            return QFontDatabase::systemFont(QFontDatabase::FixedFont);
        return {};
    case Qt::TextAlignmentRole:
        if (column == Column::StatusCode || column == Column::Milliseconds)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    default:
        return {};
    }
}

void RequestLogModel::append(const RequestLogEntry& entry)
{
    m_pending.push_back(entry);
    ++m_total;
    // Under a flood only the newest fit: the rest would be inserted and removed in the same batch.
    if (m_pending.size() > std::size_t(m_capacity) * 2)
        m_pending.erase(m_pending.begin(), m_pending.end() - m_capacity);
    if (!m_batchTimer.isActive())
        m_batchTimer.start();
}

void RequestLogModel::flush()
{
    m_batchTimer.stop();
    if (m_pending.empty())
        return;
    auto first = m_pending.begin();
    if (m_pending.size() > std::size_t(m_capacity))
        first = m_pending.end() - m_capacity;
    const int adding = int(m_pending.end() - first);
    const int overflow = int(m_entries.size()) + adding - m_capacity;
    if (overflow > 0) {
        beginRemoveRows({}, 0, overflow - 1);
        m_entries.erase(m_entries.begin(), m_entries.begin() + overflow);
        endRemoveRows();
    }
    const int row = int(m_entries.size());
    beginInsertRows({}, row, row + adding - 1);
    m_entries.insert(m_entries.end(), std::make_move_iterator(first), std::make_move_iterator(m_pending.end()));
    endInsertRows();
    m_pending.clear();
    Q_EMIT totalCountChanged(m_total);
}

void RequestLogModel::clear()
{
    m_batchTimer.stop();
    m_pending.clear();
    beginResetModel();
    m_entries.clear();
    endResetModel();
    m_total = 0;
    Q_EMIT totalCountChanged(m_total);
}

} // namespace Signet
