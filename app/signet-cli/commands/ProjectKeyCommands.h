#pragma once

#include "Command.h"

namespace Signet::Cli {

// key import / list / rotate / revoke and jwks export: a workspace project's signing keys.
void addProjectKeyCommands(CommandList& commands);

// "key generate -p PROJECT ...": the workspace form of key generate (which owns the options).
int runProjectKeyGenerate(const QCommandLineParser& parser);
// --state next|active, which key generate adds for its workspace form.
const QCommandLineOption& keyStateOption();

} // namespace Signet::Cli
