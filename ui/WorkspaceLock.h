#pragma once

#include <QString>

#include <memory>

class QLockFile;
class QWidget;

namespace Signet {

// One Signet window per workspace file: a lock file beside it (FILE.lock) says that a window has it
// open, so that a second window warns before opening it too. The CLI and the local server take no
// such lock: several processes may use a workspace at once (SQLite's locks keep its data whole);
// two windows would only step on each other's unsaved edits. A lock left by a process that died is
// taken over.
class WorkspaceLock
{
public:
    ~WorkspaceLock();
    WorkspaceLock(const WorkspaceLock&) = delete;
    WorkspaceLock& operator=(const WorkspaceLock&) = delete;

    static QString lockPath(const QString& workspacePath);

    // Takes the lock, or, when another Signet window holds it, asks whether to open the workspace
    // anyway (then without a lock of its own). Null when the user chose not to open it. A folder
    // where no lock file can be made opens without one.
    static std::unique_ptr<WorkspaceLock> claim(const QString& workspacePath, QWidget* parent);
    [[nodiscard]] bool isHeld() const;

private:
    explicit WorkspaceLock(std::unique_ptr<QLockFile> file);
    std::unique_ptr<QLockFile> m_file; // null: opened anyway, without a lock
};

} // namespace Signet
