#pragma once

// A workspace is shared with other processes (the CLI, the local server, another window). SQLite lets
// one of them write at a time; the others wait for the lock up to their busy timeout. The console
// cannot wait long on its GUI thread, so its connection gives up after about a frame and says the
// workspace is busy; the user retries, and nothing was half-written (every change is a transaction).

#include "foundation/Error.h"

#include <chrono>

namespace Signet {

class Workspace;

// How long the console's own connection waits for another writer.
inline constexpr std::chrono::milliseconds kInteractiveBusyTimeout{15};

// Sets how long the workspace's connection waits for another writer's lock before a statement fails
// as busy. The ledger writer's connection keeps its own, longer, timeout.
Status setBusyTimeout(const Workspace& workspace, std::chrono::milliseconds timeout);

// Whether the error says another connection held the lock: nothing was changed, and trying again
// later may succeed.
bool isBusy(const Error& error);

} // namespace Signet
