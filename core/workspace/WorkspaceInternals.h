#pragma once

// For core and its tests only: the database under a workspace. The front ends go through the
// services, never SQL (ARCHITECTURE.md).

#include "workspace/Database.h"
#include "workspace/Workspace.h"

namespace Signet {

const Database& workspaceDatabase(const Workspace& workspace);

} // namespace Signet
