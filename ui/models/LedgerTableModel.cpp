#include "models/LedgerTableModel.h"

#include "models/ModelSupport.h"
#include "workspace/Workspace.h"

namespace Signet {

using namespace ModelSupport;

LedgerTableModel::LedgerTableModel(Workspace& workspace, const Clock& clock, QObject* parent)
    : QAbstractTableModel(parent)
    , m_workspace(workspace)
    , m_clock(clock)
{
    connect(&workspace.tokens(), &TokenService::ledgerChanged, this, [this](const QString& projectId) {
        if (projectId == m_projectId)
            reload();
    });
}

void LedgerTableModel::setProject(const QString& projectId)
{
    m_projectId = projectId;
    reload();
}

void LedgerTableModel::reload()
{
    beginResetModel();
    m_entries.clear();
    m_lastError.clear();
    if (!m_projectId.isEmpty()) {
        auto entries = m_workspace.tokens().list(m_projectId);
        if (entries)
            m_entries = *entries;
        else
            m_lastError = entries.error().message;
    }
    endResetModel();
}

void LedgerTableModel::refreshTimes()
{
    if (m_entries.isEmpty())
        return;
    const int last = static_cast<int>(m_entries.size()) - 1;
    Q_EMIT dataChanged(index(0, Issued), index(last, OneTime));
}

const LedgerEntry* LedgerTableModel::entryAt(int row) const
{
    return row >= 0 && row < m_entries.size() ? &m_entries[row] : nullptr;
}

LedgerTableModel::OneTimeState LedgerTableModel::oneTimeStateOf(const LedgerEntry& entry) const
{
    if (!entry.oneTime)
        return OneTimeState::NotOneTime;
    if (entry.consumedAt)
        return OneTimeState::Used;
    return entry.expiresAt > m_clock.now() ? OneTimeState::Unused : OneTimeState::Expired;
}

int LedgerTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_entries.size());
}

int LedgerTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

namespace {

QString expiryText(qint64 expiresAt, qint64 now)
{
    if (expiresAt > now)
        return relativeTime(expiresAt, now).toString();
    if (expiresAt == now)
        return LedgerTableModel::tr("expired just now");
    return LedgerTableModel::tr("expired %1").arg(relativeTime(expiresAt, now).toString());
}

QString oneTimeWord(LedgerTableModel::OneTimeState state)
{
    switch (state) {
    case LedgerTableModel::OneTimeState::NotOneTime:
        break;
    case LedgerTableModel::OneTimeState::Unused:
        return LedgerTableModel::tr("unused");
    case LedgerTableModel::OneTimeState::Used:
        return LedgerTableModel::tr("used");
    case LedgerTableModel::OneTimeState::Expired:
        return LedgerTableModel::tr("expired");
    }
    return QStringLiteral("—");
}

} // namespace

QVariant LedgerTableModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const LedgerEntry& entry = m_entries[index.row()];
    const qint64 now = m_clock.now();
    if (role == KeyRole)
        return entry.jti;
    if (role == StateRole)
        return static_cast<int>(oneTimeStateOf(entry));
    const bool display = role == Qt::DisplayRole;
    switch (static_cast<Column>(index.column())) {
    case Jti:
        if (display) // a ULID in full: its first characters are the time, alike in neighbouring rows
            return entry.jti.size() <= 26 ? entry.jti : shortId(entry.jti, 8);
        if (role == SortRole || role == Qt::ToolTipRole)
            return entry.jti;
        break;
    case Subject:
        if (display || role == SortRole)
            return entry.subject.isEmpty() ? QStringLiteral("—") : entry.subject;
        if (role == Qt::ToolTipRole && !entry.audience.isEmpty())
            return tr("Audience: %1").arg(entry.audience.join(QStringLiteral(", ")));
        break;
    case Scopes:
        if (display || role == SortRole)
            return entry.scopes.isEmpty() ? QStringLiteral("—") : entry.scopes.join(QLatin1Char(' '));
        break;
    case Issued:
        if (display)
            return relativeTime(entry.issuedAt, now);
        if (role == Qt::ToolTipRole)
            return absoluteTime(entry.issuedAt);
        if (role == SortRole)
            return entry.issuedAt;
        break;
    case Expires:
        if (display)
            return expiryText(entry.expiresAt, now);
        if (role == Qt::ToolTipRole)
            return absoluteTime(entry.expiresAt);
        if (role == SortRole)
            return entry.expiresAt;
        break;
    case OneTime:
        if (display || role == SortRole)
            return oneTimeWord(oneTimeStateOf(entry));
        if (role == Qt::ToolTipRole && entry.consumedAt)
            return tr("Used %1").arg(absoluteTime(entry.consumedAt).toString());
        break;
    case ColumnCount:
        break;
    }
    return {};
}

QVariant LedgerTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (static_cast<Column>(section)) {
    case Jti:
        return tr("Token id (jti)");
    case Subject:
        return tr("Subject");
    case Scopes:
        return tr("Scopes");
    case Issued:
        return tr("Issued");
    case Expires:
        return tr("Expires");
    case OneTime:
        return tr("One-time");
    case ColumnCount:
        break;
    }
    return {};
}

} // namespace Signet
