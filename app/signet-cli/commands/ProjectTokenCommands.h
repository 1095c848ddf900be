#pragma once

#include "Command.h"

namespace Signet::Cli {

// token list: a project's ledger.
void addProjectTokenCommands(CommandList& commands);

// The workspace forms of token mint and token verify (-p PROJECT), which own the options.
int runProjectTokenMint(const QCommandLineParser& parser);
int runProjectTokenVerify(const QCommandLineParser& parser);

} // namespace Signet::Cli
