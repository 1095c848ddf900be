#include "RecentWorkspaces.h"

#include "AppSettings.h"

#include <QFileInfo>

namespace Signet {

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
        if (QFileInfo(path).isFile())
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
    const QString absolute = QFileInfo(path).absoluteFilePath();
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
    if (paths.removeAll(QFileInfo(path).absoluteFilePath()) > 0)
        store(paths);
}

} // namespace Signet
