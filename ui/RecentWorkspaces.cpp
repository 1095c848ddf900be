#include "RecentWorkspaces.h"

#include "AppSettings.h"

#include "workspace/WorkspaceLocation.h"

#include <QFileInfo>

namespace Signet {

namespace {

// A file's absolute path, or a team workspace's URL without its password.
QString entryFor(const QString& path)
{
    if (auto location = WorkspaceLocation::parse(path);
        location && location->kind == WorkspaceLocation::Kind::PostgreSql)
        return location->display();
    return QFileInfo(path).absoluteFilePath();
}

} // namespace

bool RecentWorkspaces::isTeam(const QString& entry)
{
    auto location = WorkspaceLocation::parse(entry);
    return location && location->kind == WorkspaceLocation::Kind::PostgreSql;
}

QStringList RecentWorkspaces::stored() const
{
    return m_settings.value(AppSettings::Key::RecentWorkspaces).toStringList();
}

void RecentWorkspaces::store(const QStringList& paths)
{
    m_settings.setValue(AppSettings::Key::RecentWorkspaces, paths);
}

QStringList RecentWorkspaces::existing()
{
    QStringList kept;
    m_pruned.clear();
    for (const QString& path : stored()) {
        if (isTeam(path) || QFileInfo(path).isFile())
            kept.append(path);
        else
            m_pruned.append(path);
    }
    if (!m_pruned.isEmpty())
        store(kept);
    return kept;
}

void RecentWorkspaces::add(const QString& path)
{
    const QString absolute = entryFor(path);
    QStringList paths = stored();
    paths.removeAll(absolute);
    paths.prepend(absolute);
    while (paths.size() > kMaximum)
        paths.removeLast();
    store(paths);
}

void RecentWorkspaces::remove(const QString& path)
{
    QStringList paths = stored();
    if (paths.removeAll(entryFor(path)) > 0)
        store(paths);
}

} // namespace Signet
