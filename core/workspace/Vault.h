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

    [[nodiscard]] Result<QByteArray> seal(QByteArrayView plaintext, SealedKind kind, const QString& id) const;
    [[nodiscard]] Result<Crypto::SecureBytes> open(QByteArrayView box, SealedKind kind, const QString& id) const;

    // Rewraps the data key only (no secret is re-encrypted). No passphrase: unprotected.
    Status changePassphrase(const Database& database, std::optional<QByteArray> passphrase,
                            const Crypto::ScryptParameters& parameters = {});

private:
    Vault(Crypto::SecureBytes dataKey, bool isProtected)
        : m_dataKey(std::move(dataKey))
        , m_protected(isProtected)
    {}
    static Status store(const Database& database, const Crypto::SecureBytes& dataKey,
                        std::optional<QByteArray> passphrase, const Crypto::ScryptParameters& parameters);

    Crypto::SecureBytes m_dataKey;
    bool m_protected = false;
};

} // namespace Signet
