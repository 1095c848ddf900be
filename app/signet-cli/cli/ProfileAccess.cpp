#include "cli/ProfileAccess.h"

namespace Signet::Cli {

const QCommandLineOption
    ProfileOptions::Folder(QStringLiteral("profiles"),
                           QStringLiteral("A folder of your own profiles (NAME.json), beside the built-in ones."),
                           QStringLiteral("DIR"));
const QCommandLineOption ProfileOptions::Profile(QStringLiteral("profile"),
                                                 QStringLiteral("A provider profile (see 'profile list')."),
                                                 QStringLiteral("NAME"));

Result<ProfileCatalog> profileCatalog(const Context& context)
{
    if (!context.isSet(ProfileOptions::Folder))
        return ProfileCatalog::builtIn();
    return ProfileCatalog::withUserProfiles(context.value(ProfileOptions::Folder));
}

Result<Profile> chosenProfile(const Context& context)
{
    auto catalog = profileCatalog(context);
    if (!catalog)
        return std::unexpected(catalog.error());
    auto profile = catalog->find(context.value(ProfileOptions::Profile));
    if (!profile)
        return std::unexpected(profile.error());
    return **profile;
}

} // namespace Signet::Cli
