#pragma once

#include "foundation/Clock.h"
#include "workspace/AuditLog.h"
#include "workspace/ConfigurationCache.h"

#include <memory>

namespace Signet {

struct Profile;
class WorkspaceProfiles;

class ProjectService : public QObject
{
    Q_OBJECT

public:
    ProjectService(const Database& database, WorkspaceProfiles& profiles, AuditLog& audit, const Clock& clock);

    // Ids are slugs: 1-64 lower-case letters, digits and '-', starting with a letter or digit.
    static Status validateId(const QString& id);
    // Checks a project's settings (lifetimes positive, default <= maximum, scope names unique).
    static Status validate(const Project& project);

    // The provider profile the project follows (from the workspace's catalogue); nullptr for none.
    std::shared_ptr<const Profile> followedProfile(const Project& project) const;

    // Where the local server last started (it records its URL); defaultServerBase() before that.
    QString servedBase() const;
    Status recordServedBase(const QString& base);
    // The issuer the project's tokens carry when the local server answers at `base`: its own, except
    // that one made from its profile's {base} template follows the server.
    QString issuerAt(const Project& project, const QString& base) const;
    // issuerAt(project, servedBase()): what tokens minted anywhere now carry, so that a backend set
    // up against the running server accepts them.
    QString currentIssuer(const Project& project) const;

    // Fills what the draft leaves empty: name = id, issuer https://signet.local/p/<id>, audience = id.
    Result<Project> create(Project draft);
    Result<Project> get(const QString& id) const;
    Result<QList<Project>> list() const;
    Status update(const Project& project);
    // Deletes the project with its keys, API keys and ledger; the audit log keeps the record.
    Status remove(const QString& id);

Q_SIGNALS:
    void projectsChanged();

private:
    // A profiled project's profile must be known and its lifetimes within the profile's bounds.
    Status checkProfile(const Project& project) const;

    const Database& m_database;
    WorkspaceProfiles& m_profiles;
    AuditLog& m_audit;
    const Clock& m_clock;
    mutable ConfigurationCache<QString, Project> m_read; // get()
};

} // namespace Signet
