#include "models/ProjectListModel.h"

#include "UntrustedText.h"
#include "workspace/Workspace.h"

namespace Signet {

ProjectListModel::ProjectListModel(Workspace& workspace, const Clock& clock, QObject* parent)
    : QAbstractListModel(parent)
    , m_workspace(workspace)
    , m_clock(clock)
{
    connect(&workspace.projects(), &ProjectService::projectsChanged, this, &ProjectListModel::reload);
    // A key change touches one project's health: its row is read again, not the whole list (a
    // thousand projects take a third of a second).
    connect(&workspace.keys(), &KeyService::keysChanged, this, &ProjectListModel::reloadProject);
    reload();
}

void ProjectListModel::reload()
{
    // Two reads for the whole list, not one per project: a thousand projects paint at once.
    auto projects = m_workspace.projects().list();
    auto keys = m_workspace.keys().listByProject();
    beginResetModel();
    m_rows.clear();
    m_lastError.clear();
    if (!projects || !keys) {
        m_lastError = !projects ? projects.error().message : keys.error().message;
    } else {
        const qint64 now = m_clock.now();
        m_rows.reserve(projects->size());
        for (const Project& project : *projects)
            m_rows.append({project, evaluateHealth(project, m_workspace.projects().followedProfile(project).get(),
                                                   keys->value(project.id), now, m_workspace.isProtected())});
    }
    endResetModel();
}

void ProjectListModel::reloadProject(const QString& projectId)
{
    const int row = rowOf(projectId);
    auto project = m_workspace.projects().get(projectId);
    auto keys = m_workspace.keys().list(projectId);
    if (row < 0 || !project || !keys)
        return reload();
    m_rows[row] = {*project, evaluateHealth(*project, m_workspace.projects().followedProfile(*project).get(), *keys,
                                            m_clock.now(), m_workspace.isProtected())};
    Q_EMIT dataChanged(index(row), index(row));
}

int ProjectListModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

QVariant ProjectListModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row& row = m_rows[index.row()];
    switch (role) {
    case Qt::DisplayRole:
        return UntrustedText::visible(row.project.name);
    case Qt::ToolTipRole: {
        QStringList lines{UntrustedText::visible(QStringLiteral("%1 (%2)").arg(row.project.name, row.project.id))};
        for (HealthIssue issue : row.health.issues) {
            if (issue != HealthIssue::UnprotectedWorkspace)
                lines.append(UntrustedText::visible(describe(issue, row.project)));
        }
        return lines.join(QLatin1Char('\n'));
    }
    case IdRole:
        return row.project.id;
    case HealthRole:
        return static_cast<int>(row.health.level);
    case IssuesRole: {
        QVariantList issues;
        for (HealthIssue issue : row.health.issues)
            issues.append(static_cast<int>(issue));
        return issues;
    }
    default:
        return {};
    }
}

int ProjectListModel::rowOf(const QString& projectId) const
{
    for (int i = 0; i < m_rows.size(); ++i) {
        if (m_rows[i].project.id == projectId)
            return i;
    }
    return -1;
}

QString ProjectListModel::idAt(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows[row].project.id : QString();
}

} // namespace Signet
