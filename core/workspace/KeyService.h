#pragma once

#include "foundation/Clock.h"
#include "jose/JwkSet.h"
#include "workspace/AuditLog.h"
#include "workspace/ConfigurationWatch.h"
#include "workspace/Vault.h"

#include <QHash>

#include <memory>

namespace Signet {

class ProjectService;

struct RotateOptions
{
    bool revokeOld = false;            // the compromise path: the old key leaves the JWKS at once
    std::optional<qint64> retireAfter; // default: max(project max token lifetime, JWKS cache max-age)
    bool prepareNext = false;          // pre-generate the following key as 'next'
};

// What a rotation will do, computed from the keys as they are when it is planned: the console shows
// it, and rotate(plan) does exactly that or refuses when the keys have changed since.
struct RotationPlan
{
    enum class OutgoingFate
    {
        Retire, // stays published for retireAfter, so tokens it signed keep verifying
        Revoke  // unpublished at once: the compromise path
    };
    QString projectId;
    std::optional<SigningKeyRecord> outgoing;     // the active key now
    std::optional<SigningKeyRecord> incoming;     // the next key to activate; none: a new key is generated
    Algorithm newKeyAlgorithm = Algorithm::ES256; // of a generated active key and of a prepared next key
    int newKeyRsaBits = 0;
    OutgoingFate outgoingFate = OutgoingFate::Retire;
    qint64 retireAfter = 0; // seconds; default max(project max token lifetime, JWKS cache max-age)
    bool prepareNext = false;
};

struct RotationResult
{
    SigningKeyRecord activated;
    std::optional<SigningKeyRecord> previous; // now retiring or revoked
    std::optional<SigningKeyRecord> prepared;
};

// Signing keys and their lifecycle. Private keys are sealed in the vault; every multi-step change is
// one transaction. Retiring keys past retire-at become retired whenever keys are read or written.
class KeyService : public QObject
{
    Q_OBJECT

public:
    KeyService(const Database& database, const Vault& vault, ProjectService& projects, AuditLog& audit,
               const Clock& clock);

    // A new key for `alg` (RSA bits for RS*/PS*: 2048, 3072 or 4096). Initial state: Active when the
    // project has no active key, else Next, unless given.
    Result<SigningKeyRecord> generate(const QString& projectId, Algorithm alg, int rsaBits = 0,
                                      std::optional<KeyState> state = std::nullopt);
    // An existing private key (JWK or PEM, already parsed). alg defaults to the key's own.
    // A key generated elsewhere (the console generates off its GUI thread) for `alg`; audited as generated.
    Result<SigningKeyRecord> addGenerated(const QString& projectId, const Jwk& key, Algorithm alg,
                                          std::optional<KeyState> state = std::nullopt);
    Result<SigningKeyRecord> import(const QString& projectId, const Jwk& privateKey,
                                    std::optional<Algorithm> alg = std::nullopt,
                                    std::optional<KeyState> state = std::nullopt);

    Result<QList<SigningKeyRecord>> list(const QString& projectId);
    // Every project's keys in one read, each project's in list()'s order (a project without keys has
    // no entry): the sidebar's health dots over a thousand projects, without a read per project.
    Result<QHash<QString, QList<SigningKeyRecord>>> listByProject();
    Result<RotationPlan> planRotation(const QString& projectId, const RotateOptions& options = {});
    // Applies the plan; fails without a change when the active or next key is no longer the planned one.
    Result<RotationResult> rotate(const RotationPlan& plan);
    // planRotation() and rotate(plan) in one.
    Result<RotationResult> rotate(const QString& projectId, const RotateOptions& options = {});
    Result<SigningKeyRecord> revoke(const QString& projectId, const QString& kid);

    // The active key with its private half, for minting.
    Result<Jwk> activeSigningKey(const QString& projectId);
    // next + active + retiring public keys, for verifying; asOf judges which were published at that time.
    Result<JwkSet> publishedKeys(const QString& projectId, std::optional<qint64> asOf = std::nullopt);
    // The JWKS document: deterministic order (active, next, retiring; then age) and formatting.
    Result<QByteArray> jwks(const QString& projectId);
    // When keys as list() returns them change by themselves: their first retiring key's retire-at.
    static std::optional<qint64> firstRetireAt(const QList<SigningKeyRecord>& keys);

    // Moves retiring keys whose retire-at has passed to retired (all projects).
    Status retireExpired();

Q_SIGNALS:
    void keysChanged(const QString& projectId);

private:
    Result<SigningKeyRecord> add(const QString& projectId, const Jwk& privateKey, std::optional<Algorithm> alg,
                                 std::optional<KeyState> state, const QString& action);
    static Status checkProjectKeyAlgorithm(Algorithm alg);
    Status checkNotInWorkspace(const Jwk& key);
    Result<Jwk> makeKey(Algorithm alg, int rsaBits) const;
    Status checkPlanStillHolds(const RotationPlan& plan);
    Status retireOutgoing(const RotationPlan& plan, RotationResult& result);
    Status activateIncoming(const RotationPlan& plan, const std::optional<Jwk>& freshActive, RotationResult& result);
    Status auditRotation(const RotationPlan& plan, const RotationResult& result);
    Result<SigningKeyRecord> insert(const QString& projectId, const Jwk& key, Algorithm alg, KeyState state,
                                    const QString& action);
    Status setState(const SigningKeyRecord& key, KeyState state, std::optional<qint64> retireAt = std::nullopt);
    Result<std::optional<SigningKeyRecord>> findInState(const QString& projectId, KeyState state);

    static Result<JwkSet> publishedAmong(const QList<SigningKeyRecord>& keys, std::optional<qint64> asOf);

    // Unsealed private keys by "project/kid", so minting does not unseal and re-validate every time.
    QHash<QString, Jwk> m_signingKeys;
    // Published key sets by project, as of now, while the configuration holds and until a retiring
    // key among them retires: verifying (the Inspector as you type, the server's /me and
    // introspection) does not parse and import them every time.
    struct PublishedKeys
    {
        JwkSet keys;
        std::optional<qint64> until;
    };
    QHash<QString, PublishedKeys> m_publishedKeys;
    std::unique_ptr<ConfigurationWatch> m_publishedWatch;
    const Database& m_database;
    const Vault& m_vault;
    ProjectService& m_projects;
    AuditLog& m_audit;
    const Clock& m_clock;
};

} // namespace Signet
