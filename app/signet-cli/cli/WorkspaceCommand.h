#pragma once

#include "cli/Command.h"
#include "workspace/Records.h"

namespace Signet {
class Workspace;
}

namespace Signet::Cli {

// Whether a command offers --json.
enum class JsonOutput
{
    None,
    Offered
};

// A command on the workspace as a whole: declares the workspace options (and --json) once, opens the
// workspace and hands it to runOnWorkspace().
class WorkspaceCommand : public Command
{
protected:
    WorkspaceCommand(QString name, QString synopsis, QString summary, QString details, JsonOutput json);
    virtual CommandResult runOnWorkspace(Context& context, Workspace& workspace) const = 0;
    // Who the audit log names for this command's changes.
    [[nodiscard]] virtual Actor actor() const { return Actor::Cli; }

private:
    CommandResult run(Context& context) const final;
};

// A command on one project: declares -p, the workspace options (and --json) once, requires -p, opens
// the workspace and hands both to runOnProject().
class ProjectCommand : public Command
{
protected:
    ProjectCommand(QString name, QString synopsis, QString summary, QString details, JsonOutput json);
    virtual CommandResult runOnProject(Context& context, Workspace& workspace, const QString& project) const = 0;

private:
    CommandResult run(Context& context) const final;
};

} // namespace Signet::Cli
