#pragma once

// Every signet-cli command, one factory per command file (commands/<group>/<Command>.cpp).

#include "cli/Command.h"

namespace Signet::Cli::Commands {

std::unique_ptr<Command> init();
std::unique_ptr<Command> audit();
std::unique_ptr<Command> memberList();
std::unique_ptr<Command> memberInit();
std::unique_ptr<Command> memberAdd();
std::unique_ptr<Command> memberRemove();
std::unique_ptr<Command> join();
std::unique_ptr<Command> workspaceCopy();

std::unique_ptr<Command> projectCreate();
std::unique_ptr<Command> projectList();
std::unique_ptr<Command> projectShow();
std::unique_ptr<Command> projectDelete();
std::unique_ptr<Command> projectSnippet();

std::unique_ptr<Command> keyGenerate();
std::unique_ptr<Command> keyImport();
std::unique_ptr<Command> keyList();
std::unique_ptr<Command> keyRotate();
std::unique_ptr<Command> keyRevoke();
std::unique_ptr<Command> keyPublic();
std::unique_ptr<Command> keyThumbprint();

std::unique_ptr<Command> jwksExport();

std::unique_ptr<Command> apiKeyCreate();
std::unique_ptr<Command> apiKeyImport();
std::unique_ptr<Command> apiKeyList();
std::unique_ptr<Command> apiKeyRevoke();

std::unique_ptr<Command> tokenMint();
std::unique_ptr<Command> tokenDecode();
std::unique_ptr<Command> tokenVerify();
std::unique_ptr<Command> tokenList();
std::unique_ptr<Command> tokenKit();

std::unique_ptr<Command> profileList();
std::unique_ptr<Command> profileShow();
std::unique_ptr<Command> profileImport();
std::unique_ptr<Command> profileExport();
std::unique_ptr<Command> profileRemove();

std::unique_ptr<Command> serve();

} // namespace Signet::Cli::Commands
