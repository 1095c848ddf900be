#pragma once

// The profiles a command sees: the built-in ones, those the workspace stores (profile import), and
// a folder of the user's own with --profiles DIR.

#include "cli/Command.h"
#include "profiles/ProfileCatalog.h"

#include <QCommandLineOption>

namespace Signet {
class Workspace;
}

namespace Signet::Cli {

struct ProfileOptions
{
    static const QCommandLineOption Folder;  // --profiles DIR
    static const QCommandLineOption Profile; // --profile NAME
};

// The workspace's catalogue (the built-in profiles without one), with --profiles DIR added.
Result<ProfileCatalog> profileCatalog(const Context& context, Workspace* workspace);
// For commands that need no workspace otherwise: the catalogue of the workspace when its file
// exists (opening it), else the built-in one; --profiles DIR added.
Result<ProfileCatalog> profileCatalogOfExistingWorkspace(Context& context);
// The profile `name` from profileCatalogOfExistingWorkspace().
Result<Profile> namedProfile(Context& context, const QString& name);
// The profile --profile names, from profileCatalog().
Result<Profile> chosenProfile(const Context& context, Workspace* workspace);

} // namespace Signet::Cli
