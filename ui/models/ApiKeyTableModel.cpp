#include "models/ApiKeyTableModel.h"

#include "models/ModelSupport.h"
#include "workspace/Workspace.h"

namespace Signet {

using namespace ModelSupport;

ApiKeyTableModel::ApiKeyTableModel(Workspace& workspace, const Clock& clock, QObject* parent)
    : QAbstractTableModel(parent)
    , m_workspace(workspace)
    , m_clock(clock)
{
    connect(&workspace.apiKeys(), &ApiKeyService::apiKeysChanged, this, [this](const QString& projectId) {
        if (projectId == m_projectId)
            reload();
    });
}

void ApiKeyTableModel::setProject(const QString& projectId)
{
    m_projectId = projectId;
    reload();
}

void ApiKeyTableModel::reload()
{
    beginResetModel();
    m_keys.clear();
    m_lastError.clear();
    if (!m_projectId.isEmpty()) {
        auto keys = m_workspace.apiKeys().list(m_projectId);
        if (keys)
            m_keys = *keys;
        else
            m_lastError = keys.error().message;
    }
    endResetModel();
}

const ApiKeyRecord* ApiKeyTableModel::keyAt(int row) const
{
    return row >= 0 && row < m_keys.size() ? &m_keys[row] : nullptr;
}

ApiKeyTableModel::KeyStatus ApiKeyTableModel::statusOf(const ApiKeyRecord& key) const
{
    if (key.revokedAt)
        return KeyStatus::Revoked;
    return key.isUsable(m_clock.now()) ? KeyStatus::Active : KeyStatus::Expired;
}

int ApiKeyTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_keys.size());
}

int ApiKeyTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ApiKeyTableModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const ApiKeyRecord& key = m_keys[index.row()];
    const qint64 now = m_clock.now();
    if (role == KeyRole)
        return key.id;
    if (role == StateRole)
        return static_cast<int>(statusOf(key));
    const bool display = role == Qt::DisplayRole;
    switch (static_cast<Column>(index.column())) {
    case Name:
        if (display || role == SortRole)
            return key.name;
        break;
    case Id:
        if (display || role == SortRole || role == Qt::ToolTipRole)
            return key.id;
        break;
    case Scopes:
        if (display || role == SortRole)
            return key.scopes.isEmpty() ? QStringLiteral("—") : key.scopes.join(QStringLiteral(", "));
        break;
    case Created:
        if (display)
            return relativeTime(key.createdAt, now);
        if (role == Qt::ToolTipRole)
            return absoluteTime(key.createdAt);
        if (role == SortRole)
            return key.createdAt;
        break;
    case LastUsed:
        if (display)
            return key.lastUsedAt ? relativeTime(key.lastUsedAt, now) : QVariant(tr("never"));
        if (role == Qt::ToolTipRole)
            return absoluteTime(key.lastUsedAt);
        if (role == SortRole)
            return key.lastUsedAt.value_or(0);
        break;
    case Expires:
        if (display)
            return key.expiresAt ? relativeTime(key.expiresAt, now) : QVariant(tr("never"));
        if (role == Qt::ToolTipRole)
            return absoluteTime(key.expiresAt);
        if (role == SortRole)
            return key.expiresAt.value_or(std::numeric_limits<qint64>::max());
        break;
    case Status:
        if (display || role == SortRole) {
            switch (statusOf(key)) {
            case KeyStatus::Active:
                return tr("active");
            case KeyStatus::Expired:
                return tr("expired");
            case KeyStatus::Revoked:
                return tr("revoked");
            }
        }
        break;
    case ColumnCount:
        break;
    }
    return {};
}

QVariant ApiKeyTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (static_cast<Column>(section)) {
    case Name:
        return tr("Name");
    case Id:
        return tr("Key id");
    case Scopes:
        return tr("Scopes");
    case Created:
        return tr("Created");
    case LastUsed:
        return tr("Last used");
    case Expires:
        return tr("Expires");
    case Status:
        return tr("Status");
    case ColumnCount:
        break;
    }
    return {};
}

} // namespace Signet
