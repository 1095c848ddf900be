#pragma once

#include "crypto/Aead.h"

#include <optional>

namespace Signet {

class Database;

// What a sealed value is; with the record's id it forms the associated data, so a sealed value
// cannot be moved to another record or read as another kind of secret.
enum class SealedKind
{
    SigningKey,
    ApiKeySecret,
    Token
};

// The workspace's secrets at rest: a random 256-bit data key seals every secret with AES-256-GCM;
// the data key is stored wrapped under a key derived from the passphrase (scrypt), or, in an
// unprotected workspace, stored as it is (and every front end says so).
class Vault
{
public:
    // Writes a new vault into an empty workspace. No passphrase: unprotected.
    static Result<Vault> create(const Database& database, std::optional<QByteArray> passphrase,
                                const Crypto::ScryptParameters& parameters = {});
    // Unlocks with the passphrase (ignored when the workspace is unprotected). A wrong passphrase
    // is ErrorCode::InvalidInput and changes nothing.
    static Result<Vault> unlock(const Database& database, QByteArrayView passphrase);
    static Result<bool> isProtected(const Database& database);

    [[nodiscard]] bool isProtected() const { return m_protected; }
    // The member this vault was opened as, in a workspace with members (see WorkspaceMembers);
    // empty where one passphrase (or none) opens the workspace.
    [[nodiscard]] const QString& member() const { return m_member; }
    // Whether the data key this vault holds is still the workspace's: a member removed with --rekey
    // replaces it, and what is sealed afterwards must be sealed with the new one. Call inside the
    // write transaction that stores what was sealed.
    Status checkCurrent(const Database& database) const;

    [[nodiscard]] Result<QByteArray> seal(QByteArrayView plaintext, SealedKind kind, const QString& id) const;
    [[nodiscard]] Result<Crypto::SecureBytes> open(QByteArrayView box, SealedKind kind, const QString& id) const;

    // scrypt parameters a workspace may ask for (N a power of two up to 2^20, r ≤ 16, p ≤ 4, 1 GiB):
    // checked before scrypt runs, so that a crafted workspace cannot make Signet allocate gigabytes.
    static Status checkKdfBounds(const Crypto::ScryptParameters& kdf);

    // Rewraps the data key only (no secret is re-encrypted). No passphrase: unprotected.
    Status changePassphrase(const Database& database, std::optional<QByteArray> passphrase,
                            const Crypto::ScryptParameters& parameters = {});

private:
    friend class WorkspaceMembers;
    Vault(Crypto::SecureBytes dataKey, bool isProtected)
        : m_dataKey(std::move(dataKey))
        , m_protected(isProtected)
    {}
    static Status store(const Database& database, const Crypto::SecureBytes& dataKey,
                        std::optional<QByteArray> passphrase, const Crypto::ScryptParameters& parameters);

    Crypto::SecureBytes m_dataKey;
    bool m_protected = false;
    QString m_member;
    Crypto::SecureBytes m_memberKey; // the member's X25519 private key
    QByteArray m_epoch;              // which data key this is (meta vault.epoch; empty before any rekey)
};

} // namespace Signet
