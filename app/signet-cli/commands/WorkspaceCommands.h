#pragma once

#include "Command.h"

namespace Signet::Cli {

// init and the project commands.
void addWorkspaceCommands(CommandList& commands);
// audit: the workspace's change log.
void addAuditCommand(CommandList& commands);

} // namespace Signet::Cli
