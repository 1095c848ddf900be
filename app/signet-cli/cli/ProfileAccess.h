#pragma once

// The profiles a command sees: the built-in ones, and a folder of the user's own with --profiles DIR.

#include "cli/Command.h"
#include "profiles/ProfileCatalog.h"

#include <QCommandLineOption>

namespace Signet::Cli {

struct ProfileOptions
{
    static const QCommandLineOption Folder;  // --profiles DIR
    static const QCommandLineOption Profile; // --profile NAME
};

Result<ProfileCatalog> profileCatalog(const Context& context);
// The profile --profile names, from profileCatalog().
Result<Profile> chosenProfile(const Context& context);

} // namespace Signet::Cli
