#pragma once

#include "Command.h"

namespace Signet::Cli {

void addTokenCommands(CommandList& commands);

} // namespace Signet::Cli
