#pragma once

#include "cli/Command.h"

namespace Signet::Cli {

// Every command, in the order the overview lists them.
CommandList allCommands();

// signet-cli as a function: the global options, then the command ("key list") or a group's or the
// overview's help. main() calls it with the process's streams, tests with buffers.
int run(const QStringList& arguments, Output& output, Input& input);

} // namespace Signet::Cli
