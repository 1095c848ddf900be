#pragma once

#include "workspace/Records.h"

namespace Signet {

struct Profile;

// What the sidebar dot and the overview say about a project: fine, a warning, or broken.
enum class HealthLevel
{
    Fine,
    Warning,
    Broken
};

enum class HealthIssue
{
    NoActiveKey,        // nothing can be minted; a red dot
    ActiveKeyTooOld,    // the active key is older than the project's rotation interval
    SinglePublishedKey, // no next key published: rotating now breaks consumers that cache the JWKS
    UnprotectedWorkspace,
};

struct ProjectHealth
{
    HealthLevel level = HealthLevel::Fine;
    QList<HealthIssue> issues;
    [[nodiscard]] bool has(HealthIssue issue) const { return issues.contains(issue); }
};

// Whether rotating now is safe for consumers that cache the JWKS: the key that would become active
// must have been published for at least the JWKS max-age. Empty when safe; else why, and from when.
struct RotationSafety
{
    bool safe = true;
    QString reason;
    std::optional<qint64> safeFrom;
};
RotationSafety rotationSafety(const Project& project, const QList<SigningKeyRecord>& keys, qint64 now);

// `profile`: the one the project follows (ProjectService::followedProfile), or nullptr.
ProjectHealth evaluateHealth(const Project& project, const Profile* profile, const QList<SigningKeyRecord>& keys,
                             qint64 now, bool workspaceIsProtected);
QString describe(HealthIssue issue, const Project& project);

} // namespace Signet
