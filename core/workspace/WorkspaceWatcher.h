#pragma once

#include <QObject>
#include <QTimer>

#include <chrono>

namespace Signet {

class Workspace;

// Notices changes committed to a workspace through other connections: another Signet window, the
// CLI, the local server, another team member, or this process's own ledger writer. For a file it
// asks SQLite's PRAGMA data_version, which costs microseconds and takes no lock, on a timer; for a
// team workspace it hears PostgreSQL's notifications (ChangeNotifications) as they arrive, and polls
// only a database that does not send them. Changes made through the workspace itself are announced
// by its services' signals instead. Lives no longer than the workspace it watches.
class WorkspaceWatcher : public QObject
{
    Q_OBJECT

public:
    // What moved. Configuration: a project, signing key or API key (the schema's generation counter);
    // Records: only the ledger or the audit log.
    enum class Change
    {
        Records,
        Configuration
    };
    Q_ENUM(Change)

    static constexpr std::chrono::milliseconds kDefaultInterval{500};

    explicit WorkspaceWatcher(const Workspace& workspace, QObject* parent = nullptr);

    void setInterval(std::chrono::milliseconds interval) { m_timer.setInterval(interval); }
    [[nodiscard]] std::chrono::milliseconds interval() const { return m_timer.intervalAsDuration(); }
    // Whether changes are heard as they happen (a team workspace), rather than polled.
    [[nodiscard]] bool isNotified() const { return m_notified; }

public Q_SLOTS:
    // Asks now (F5, and tests) rather than at the next tick.
    void checkNow();

Q_SIGNALS:
    void changed(Signet::WorkspaceWatcher::Change change);

private:
    // Notifications come one per table a transaction touched: one signal per kind, once the burst is read.
    void announce(Change change);

    const Workspace& m_workspace;
    QTimer m_timer;
    QTimer m_burst;
    qint64 m_dataVersion = -1;
    qint64 m_generation = -1;
    bool m_notified = false;
    bool m_configurationPending = false;
    bool m_recordsPending = false;
};

} // namespace Signet
