#pragma once

#include "cli/TypedOptions.h"
#include "workspace/Records.h"

namespace Signet::Cli {

// --state of key generate -p and key import: the state a new project key starts in.
extern const ChoiceOption InitialStateOption;
std::optional<KeyState> readInitialState(const QCommandLineParser& parser);

} // namespace Signet::Cli
