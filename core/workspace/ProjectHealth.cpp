#include "workspace/ProjectHealth.h"
#include "workspace/Database.h"

#include "foundation/Duration.h"
#include "profiles/Profile.h"

namespace Signet {

ProjectHealth evaluateHealth(const Project& project, const Profile* profile, const QList<SigningKeyRecord>& keys,
                             qint64 now, bool workspaceIsProtected)
{
    ProjectHealth health;
    const SigningKeyRecord* active = nullptr;
    int published = 0;
    for (const SigningKeyRecord& key : keys) {
        if (key.state == KeyState::Active)
            active = &key;
        published += isPublished(key.state);
    }
    // A profile that signs with API key secrets (VideoSDK) needs no signing key of its own.
    const bool signsWithApiKeys = profile && profile->signer == ProfileSigner::ApiKeySecret;
    if (!active && !signsWithApiKeys) {
        health.issues.append(HealthIssue::NoActiveKey);
    } else if (active) {
        const qint64 since = active->activatedAt.value_or(active->createdAt);
        if (now - since > project.rotationInterval)
            health.issues.append(HealthIssue::ActiveKeyTooOld);
        if (published == 1)
            health.issues.append(HealthIssue::SinglePublishedKey);
    }
    if (!workspaceIsProtected)
        health.issues.append(HealthIssue::UnprotectedWorkspace);
    if (health.has(HealthIssue::NoActiveKey))
        health.level = HealthLevel::Broken;
    else if (health.has(HealthIssue::ActiveKeyTooOld) || health.has(HealthIssue::SinglePublishedKey))
        health.level = HealthLevel::Warning;
    return health;
}

RotationSafety rotationSafety(const Project& project, const QList<SigningKeyRecord>& keys, qint64 now)
{
    const SigningKeyRecord* next = nullptr;
    for (const SigningKeyRecord& key : keys) {
        if (key.state == KeyState::Next && (!next || key.createdAt < next->createdAt))
            next = &key;
    }
    if (!next)
        return {false,
                QStringLiteral(
                    "Rotating now would activate a new key that no cached JWKS contains yet. Generate a next key "
                    "first and rotate once the JWKS max-age (%1) has passed.")
                    .arg(Duration::formatSpan(project.jwksMaxAge)),
                std::nullopt};
    const qint64 safeFrom = next->createdAt + project.jwksMaxAge;
    if (now >= safeFrom)
        return {};
    return {false,
            QStringLiteral("Rotating now would break consumers that cached the JWKS: the next key was published %1 and "
                           "caches may keep the old document for %2. Safe %3 (%4).")
                .arg(Duration::formatRelative(next->createdAt, now), Duration::formatSpan(project.jwksMaxAge),
                     Duration::formatRelative(safeFrom, now), Duration::formatUtc(safeFrom)),
            safeFrom};
}

QString describe(HealthIssue issue, const Project& project)
{
    switch (issue) {
    case HealthIssue::NoActiveKey:
        return QStringLiteral("No active signing key: tokens cannot be minted. Generate or import one.");
    case HealthIssue::ActiveKeyTooOld:
        return QStringLiteral("The active key is older than the rotation interval (%1). Rotate it.")
            .arg(Duration::formatSpan(project.rotationInterval));
    case HealthIssue::SinglePublishedKey:
        return QStringLiteral(
                   "Only one key is published. Prepare a next key before rotating, so consumers that cache the "
                   "JWKS (max-age %1) already know it.")
            .arg(Duration::formatSpan(project.jwksMaxAge));
    case HealthIssue::UnprotectedWorkspace:
        return QStringLiteral("This workspace is unprotected: anyone who can read the file can read its secrets.");
    }
    return {};
}

} // namespace Signet
