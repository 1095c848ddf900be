#pragma once

// The profiles Signet knows: the built-in ones (resources/profiles/*.json, compiled in), those a
// workspace stores and those in a folder of the user's. A user's profile may add a provider but
// never replace one the catalogue already has.

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
    // This catalogue and every NAME.json in `folder` (ProfileSource::Folder).
    [[nodiscard]] Result<ProfileCatalog> withFolder(const QString& folder) const;

    // Adds a profile; a name the catalogue already has is refused, saying where that one comes from.
    Status add(Profile profile);

    [[nodiscard]] const QList<Profile>& profiles() const { return m_profiles; }
    // The profile, or an error that lists the names there are.
    [[nodiscard]] Result<const Profile*> find(const QString& name) const;

private:
    static Result<ProfileCatalog> load(const QString& folder, ProfileSource source, ProfileCatalog catalog);
    QList<Profile> m_profiles;
};

} // namespace Signet
