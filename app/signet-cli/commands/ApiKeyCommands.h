#pragma once

#include "Command.h"

namespace Signet::Cli {

// apikey create / list / revoke.
void addApiKeyCommands(CommandList& commands);

} // namespace Signet::Cli
