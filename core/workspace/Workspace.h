#pragma once

#include "crypto/Aead.h"
#include "workspace/ApiKeyService.h"
#include "workspace/AuditLog.h"
#include "workspace/KeyService.h"
#include "workspace/ProjectService.h"
#include "workspace/Sessions.h"
#include "workspace/TokenService.h"
#include "workspace/WorkspaceMembers.h"
#include "workspace/WorkspaceProfiles.h"

#include <memory>

namespace Signet {

class ConnectionKeeper;
class Database;
class Vault;

// One workspace file: the database, its vault and the services over them. Opening it also retires
// keys whose retire-at has passed. Used from one thread.
class Workspace
{
public:
    ~Workspace();

    // The default file: <app data>/workspace.signet; SIGNET_WORKSPACE overrides it.
    static QString defaultPath();

    // A new workspace file (mode 0600). No passphrase: unprotected.
    static Result<std::unique_ptr<Workspace>> create(const QString& path, std::optional<QByteArray> passphrase,
                                                     Actor actor, const Clock& clock = SystemClock::instance(),
                                                     const Crypto::ScryptParameters& kdf = {});
    static Result<std::unique_ptr<Workspace>> open(const QString& path, QByteArrayView passphrase, Actor actor,
                                                   const Clock& clock = SystemClock::instance());
    static Result<std::unique_ptr<Workspace>> create(const QString&, std::optional<QByteArray>, Actor, const Clock&&,
                                                     const Crypto::ScryptParameters& = {}) = delete;
    static Result<std::unique_ptr<Workspace>> open(const QString&, QByteArrayView, Actor, const Clock&&) = delete;
    // A workspace whose first member is `member` (a team workspace made by create() with a passphrase
    // has members too, the first being WorkspaceMembers::defaultName()).
    static Result<std::unique_ptr<Workspace>> createAs(const QString& path, const QString& member,
                                                       std::optional<QByteArray> passphrase, Actor actor,
                                                       const Clock& clock = SystemClock::instance(),
                                                       const Crypto::ScryptParameters& kdf = {});
    // Opens as `member` where the workspace has members (open() opens as WorkspaceMembers::defaultName()).
    static Result<std::unique_ptr<Workspace>> openAs(const QString& path, const QString& member,
                                                     QByteArrayView passphrase, Actor actor,
                                                     const Clock& clock = SystemClock::instance());
    // Becomes the member an invitation names, with a passphrase of one's own, and opens as them.
    static Result<std::unique_ptr<Workspace>> join(const QString& path, const QString& invitation,
                                                   QByteArray passphrase, Actor actor,
                                                   const Clock& clock = SystemClock::instance(),
                                                   const Crypto::ScryptParameters& kdf = {});
    // What opening takes: nothing, the workspace's passphrase, or a member's name and passphrase.
    enum class Protection
    {
        None,
        Passphrase,
        Members
    };
    static Result<Protection> protection(const QString& path);
    // Whether opening needs a passphrase.
    static Result<bool> isProtected(const QString& path);

    // The file, or a team workspace's URL without its password: for people.
    [[nodiscard]] const QString& path() const;
    // What open() takes to reach this workspace again (a team workspace's full URL): for connections.
    [[nodiscard]] const QString& location() const;
    [[nodiscard]] bool isProtected() const;
    // Who works in it: the member it was opened as, else the login name (see WorkspaceMembers).
    [[nodiscard]] QString member() const;
    [[nodiscard]] bool hasMembers() const;
    // A team workspace's connection to its server (state, reconnecting); none for a file.
    [[nodiscard]] ConnectionKeeper* teamConnection() const;
    Status changePassphrase(std::optional<QByteArray> passphrase, const Crypto::ScryptParameters& kdf = {});

    WorkspaceProfiles& profiles() { return *m_profiles; }
    ProjectService& projects() { return *m_projects; }
    KeyService& keys() { return *m_keys; }
    ApiKeyService& apiKeys() { return *m_apiKeys; }
    TokenService& tokens() { return *m_tokens; }
    Sessions& sessions() { return *m_sessions; }
    AuditLog& audit() { return *m_audit; }
    WorkspaceMembers& members() { return *m_members; }

private:
    friend const Database& workspaceDatabase(const Workspace& workspace);
    Workspace(std::unique_ptr<Database> database, Vault vault, Actor actor, const Clock& clock);

    std::unique_ptr<Database> m_database;
    std::unique_ptr<Vault> m_vault;
    std::unique_ptr<AuditLog> m_audit;
    std::unique_ptr<WorkspaceProfiles> m_profiles;
    std::unique_ptr<ProjectService> m_projects;
    std::unique_ptr<KeyService> m_keys;
    std::unique_ptr<ApiKeyService> m_apiKeys;
    std::unique_ptr<TokenService> m_tokens;
    std::unique_ptr<Sessions> m_sessions;
    std::unique_ptr<WorkspaceMembers> m_members;
};

} // namespace Signet
