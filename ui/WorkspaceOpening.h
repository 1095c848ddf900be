#pragma once

#include "WorkspaceLock.h"
#include "workspace/Workspace.h"

#include <QString>

#include <memory>

class QWidget;

namespace Signet {

class Clock;

// Opening and creating workspace files as a person does it: the lock file's warning when another
// Signet window has the file open, dialogs for the passphrase and for a new file, and a message that
// says why a file could not be opened. Shared by start-up and the File menu.
namespace WorkspaceOpening {

// A workspace opened by the console, with the lock file that says so to other Signet windows (none
// when the user chose to open it anyway, or the folder takes no lock file).
struct Opened
{
    std::unique_ptr<Workspace> workspace;
    std::unique_ptr<WorkspaceLock> lock;

    explicit operator bool() const { return workspace != nullptr; }
};

// Claims the lock file (asking when another window holds it), then asks for the passphrase when the
// workspace has one (again after a wrong one). Empty when it was not opened: cancelled, or it could
// not be (the user was told why); the lock is then released.
Opened open(const QString& path, const Clock& clock, QWidget* parent);
// Asks for a team workspace's server, database and user (TeamWorkspaceDialog; `suggested`, a URL
// without password, fills it in), then for the passphrase when it has one. No lock file: the members
// of a team work on it at once. Empty when cancelled.
Opened openTeam(const QString& suggested, const Clock& clock, QWidget* parent);
// Asks where and with which passphrase (or, explicitly, none). Empty when cancelled.
Opened create(const QString& suggestedPath, const Clock& clock, QWidget* parent);

} // namespace WorkspaceOpening

} // namespace Signet
