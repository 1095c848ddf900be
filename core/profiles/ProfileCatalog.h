#pragma once

// The profiles Signet knows: the built-in ones (resources/profiles/*.json, compiled in) and those
// in a folder of the user's, which may add new providers but not replace a built-in one.

#include "foundation/Error.h"
#include "profiles/Profile.h"

namespace Signet {

class ProfileCatalog
{
public:
    // The built-in profiles; a broken built-in file is a defect, reported by load().
    static const ProfileCatalog& builtIn();

    // The built-in profiles and every NAME.json in `folder`.
    static Result<ProfileCatalog> withUserProfiles(const QString& folder);

    [[nodiscard]] const QList<Profile>& profiles() const { return m_profiles; }
    // The profile, or an error that lists the names there are.
    [[nodiscard]] Result<const Profile*> find(const QString& name) const;

private:
    static Result<ProfileCatalog> load(const QString& folder, bool builtIn, ProfileCatalog catalog);
    QList<Profile> m_profiles;
};

} // namespace Signet
