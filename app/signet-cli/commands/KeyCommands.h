#pragma once

#include "Command.h"

namespace Signet::Cli {

void addKeyCommands(CommandList& commands);

} // namespace Signet::Cli
