#pragma once

// Where the workspace file is, how its passphrase is found, and opening it.

#include "cli/Command.h"
#include "workspace/Workspace.h"

#include <memory>
#include <optional>

namespace Signet::Cli {

// Takes the leading global options (--workspace, --passphrase-file) off `arguments`, which start
// after the program name.
Result<QStringList> takeGlobalOptions(QStringList arguments, GlobalOptions& global);
// The text the overview prints about them.
QString globalOptionsHelp();

// --workspace (after the command, then before it), else SIGNET_WORKSPACE, else the default file.
QString workspacePath(const Context& context);

// Who opens a workspace with members: --member (after the command, then before it), else
// SIGNET_MEMBER, else the login name.
QString memberName(const Context& context);

// Where the passphrase comes from: --passphrase-file, else SIGNET_PASSPHRASE, else a prompt (no echo)
// when standard input is a terminal. nullopt: none of these is available.
enum class PassphrasePurpose
{
    Open,
    Create // asks twice on a terminal
};
Result<std::optional<QByteArray>> readPassphrase(Context& context, PassphrasePurpose purpose);

// Opens the workspace, asking for the passphrase only when it is protected. The actor is who the
// audit log names for its changes (the CLI, or the server that `serve` runs).
Result<std::unique_ptr<Workspace>> openWorkspace(Context& context, Actor actor = Actor::Cli);

} // namespace Signet::Cli
