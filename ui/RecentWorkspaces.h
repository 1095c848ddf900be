#pragma once

#include <QStringList>

namespace Signet {

class AppSettings;

// The File menu's "Open recent": workspace files opened or created, the most recent first, kept in
// the settings. Files that have gone (moved, deleted, on a drive not mounted) are pruned when the
// list is read, and the caller is told which, so that it can say so. Team workspaces are kept as
// their postgresql:// URL, never with a password (add() drops one).
class RecentWorkspaces
{
public:
    static constexpr int kMaximum = 8;

    explicit RecentWorkspaces(AppSettings& settings)
        : m_settings(settings)
    {}

    // The files that still exist; those that do not are removed from the settings.
    [[nodiscard]] QStringList existing();
    // The files existing() removed the last time it ran.
    [[nodiscard]] const QStringList& pruned() const { return m_pruned; }
    // Puts the file first (once), dropping the oldest beyond kMaximum.
    void add(const QString& path);
    void remove(const QString& path);
    // Whether an entry is a team workspace's URL rather than a file.
    [[nodiscard]] static bool isTeam(const QString& entry);

private:
    [[nodiscard]] QStringList stored() const;
    void store(const QStringList& paths);

    AppSettings& m_settings;
    QStringList m_pruned;
};

} // namespace Signet
