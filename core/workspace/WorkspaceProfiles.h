#pragma once

// The provider profiles a workspace knows: the built-in ones and those stored in it (profile
// import), so that every process and every member opening the workspace shapes and checks a
// project's tokens by the same rules. Read once and kept until the configuration changes.

#include "foundation/Clock.h"
#include "profiles/ProfileCatalog.h"
#include "workspace/ConfigurationWatch.h"
#include "workspace/Records.h"

#include <memory>

namespace Signet {

class AuditLog;
class Database;

class WorkspaceProfiles
{
public:
    WorkspaceProfiles(const Database& database, AuditLog& audit, const Clock& clock);

    // Built-in and stored profiles. The snapshot stays whole while it is held, even if the
    // workspace changes meanwhile. A stored profile that no longer parses is an error naming it.
    Result<std::shared_ptr<const ProfileCatalog>> catalog();
    // The profile the project follows; nullptr when it follows none or the workspace lacks it.
    std::shared_ptr<const Profile> followedBy(const Project& project);

    enum class Replacing
    {
        No,  // a profile of that name already stored is an error
        Yes, // it is replaced; projects following it follow the new rules
    };
    // Stores a profile from its JSON definition (`origin` names it in errors): checked like a file,
    // never under a built-in name.
    Result<Profile> store(QByteArrayView definition, const QString& origin, Replacing replacing = Replacing::No);
    // store() from a file of at most 256 KiB, named in errors.
    Result<Profile> storeFile(const QString& path, Replacing replacing = Replacing::No);
    // Removes a stored profile; refused while a project follows it.
    Status remove(const QString& name);

private:
    const Database& m_database;
    AuditLog& m_audit;
    const Clock& m_clock;
    ConfigurationWatch m_watch;
    std::shared_ptr<const ProfileCatalog> m_catalog;
};

} // namespace Signet
