#pragma once

#include <QObject>
#include <QTimer>

#include <chrono>

namespace Signet {

class Workspace;

// Notices changes committed to a workspace through other connections: another Signet window, the
// CLI, the local server, or this process's own ledger writer. It asks SQLite's PRAGMA data_version,
// which costs microseconds and takes no lock, on a timer; changes made through the workspace itself
// are announced by its services' signals instead. Lives no longer than the workspace it watches.
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

public Q_SLOTS:
    // Asks now (F5, and tests) rather than at the next tick.
    void checkNow();

Q_SIGNALS:
    void changed(Signet::WorkspaceWatcher::Change change);

private:
    const Workspace& m_workspace;
    QTimer m_timer;
    qint64 m_dataVersion = -1;
    qint64 m_generation = -1;
};

} // namespace Signet
