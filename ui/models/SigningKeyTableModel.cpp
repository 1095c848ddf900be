#include "models/SigningKeyTableModel.h"

#include "models/ModelSupport.h"
#include "workspace/Workspace.h"

namespace Signet {

using namespace ModelSupport;

SigningKeyTableModel::SigningKeyTableModel(Workspace& workspace, const Clock& clock, QObject* parent)
    : QAbstractTableModel(parent)
    , m_workspace(workspace)
    , m_clock(clock)
{
    connect(&workspace.keys(), &KeyService::keysChanged, this, [this](const QString& projectId) {
        if (projectId == m_projectId)
            reload();
    });
}

void SigningKeyTableModel::setProject(const QString& projectId)
{
    m_projectId = projectId;
    reload();
}

void SigningKeyTableModel::reload()
{
    beginResetModel();
    m_keys.clear();
    m_lastError.clear();
    if (!m_projectId.isEmpty()) {
        auto keys = m_workspace.keys().list(m_projectId);
        if (keys)
            m_keys = *keys;
        else
            m_lastError = keys.error().message;
    }
    endResetModel();
}

const SigningKeyRecord* SigningKeyTableModel::keyAt(int row) const
{
    return row >= 0 && row < m_keys.size() ? &m_keys[row] : nullptr;
}

int SigningKeyTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_keys.size());
}

int SigningKeyTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant SigningKeyTableModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const SigningKeyRecord& key = m_keys[index.row()];
    const qint64 now = m_clock.now();
    if (role == KeyRole)
        return key.kid;
    if (role == StateRole)
        return static_cast<int>(key.state);
    switch (static_cast<Column>(index.column())) {
    case Kid:
        if (role == Qt::DisplayRole)
            return shortId(key.kid);
        if (role == Qt::ToolTipRole || role == SortRole)
            return key.kid;
        break;
    case Algorithm:
        if (role == Qt::DisplayRole || role == SortRole)
            return algorithmQName(key.algorithm);
        if (role == Qt::ToolTipRole)
            return QStringLiteral("%1 · %2").arg(algorithmDescription(key.algorithm), key.keyType);
        break;
    case State:
        if (role == Qt::DisplayRole)
            return keyStateName(key.state);
        if (role == SortRole)
            return static_cast<int>(key.state);
        break;
    case Created:
        if (role == Qt::DisplayRole)
            return relativeTime(key.createdAt, now);
        if (role == Qt::ToolTipRole)
            return absoluteTime(key.createdAt);
        if (role == SortRole)
            return key.createdAt;
        break;
    case Activated:
        if (role == Qt::DisplayRole)
            return relativeTime(key.activatedAt, now);
        if (role == Qt::ToolTipRole)
            return absoluteTime(key.activatedAt);
        if (role == SortRole)
            return key.activatedAt.value_or(0);
        break;
    case RetireAt:
        if (role == Qt::DisplayRole)
            return key.state == KeyState::Retiring || key.state == KeyState::Retired ? relativeTime(key.retireAt, now)
                                                                                     : QVariant(QStringLiteral("—"));
        if (role == Qt::ToolTipRole)
            return absoluteTime(key.retireAt);
        if (role == SortRole)
            return key.retireAt.value_or(0);
        break;
    case Fingerprint:
        if (role == Qt::DisplayRole)
            return QString(QStringLiteral("SHA256:") + shortId(key.fingerprint.mid(7), 6));
        if (role == Qt::ToolTipRole || role == SortRole)
            return key.fingerprint;
        break;
    case ColumnCount:
        break;
    }
    return {};
}

QVariant SigningKeyTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (static_cast<Column>(section)) {
    case Kid:
        return tr("Key id");
    case Algorithm:
        return tr("Algorithm");
    case State:
        return tr("State");
    case Created:
        return tr("Created");
    case Activated:
        return tr("Activated");
    case RetireAt:
        return tr("Retire at");
    case Fingerprint:
        return tr("Fingerprint");
    case ColumnCount:
        break;
    }
    return {};
}

} // namespace Signet
