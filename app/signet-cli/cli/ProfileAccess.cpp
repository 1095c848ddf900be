#include "cli/ProfileAccess.h"

#include "cli/WorkspaceAccess.h"
#include "workspace/Workspace.h"
#include "workspace/WorkspaceLocation.h"

#include <QFileInfo>

namespace Signet::Cli {

const QCommandLineOption
    ProfileOptions::Folder(QStringLiteral("profiles"),
                           QStringLiteral("A folder of your own profiles (NAME.json), beside the built-in ones."),
                           QStringLiteral("DIR"));
const QCommandLineOption ProfileOptions::Profile(QStringLiteral("profile"),
                                                 QStringLiteral("A provider profile (see 'profile list')."),
                                                 QStringLiteral("NAME"));

Result<ProfileCatalog> profileCatalog(const Context& context, Workspace* workspace)
{
    ProfileCatalog catalog = ProfileCatalog::builtIn();
    if (workspace) {
        auto stored = workspace->profiles().catalog();
        if (!stored)
            return std::unexpected(stored.error());
        catalog = **stored;
    }
    if (!context.isSet(ProfileOptions::Folder))
        return catalog;
    return catalog.withFolder(context.value(ProfileOptions::Folder));
}

Result<ProfileCatalog> profileCatalogOfExistingWorkspace(Context& context)
{
    auto location = WorkspaceLocation::parse(workspacePath(context));
    if (!location)
        return std::unexpected(location.error());
    if (location->kind == WorkspaceLocation::Kind::File && !QFileInfo::exists(location->path))
        return profileCatalog(context, nullptr);
    auto workspace = openWorkspace(context);
    if (!workspace)
        return std::unexpected(workspace.error());
    return profileCatalog(context, workspace->get());
}

Result<Profile> namedProfile(Context& context, const QString& name)
{
    auto catalog = profileCatalogOfExistingWorkspace(context);
    if (!catalog)
        return std::unexpected(catalog.error());
    auto profile = catalog->find(name);
    if (!profile)
        return std::unexpected(profile.error());
    return **profile;
}

Result<Profile> chosenProfile(const Context& context, Workspace* workspace)
{
    auto catalog = profileCatalog(context, workspace);
    if (!catalog)
        return std::unexpected(catalog.error());
    auto profile = catalog->find(context.value(ProfileOptions::Profile));
    if (!profile)
        return std::unexpected(profile.error());
    return **profile;
}

} // namespace Signet::Cli
