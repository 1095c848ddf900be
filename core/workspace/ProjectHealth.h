#pragma once

#include "workspace/Records.h"

namespace Signet {

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

ProjectHealth evaluateHealth(const Project& project, const QList<SigningKeyRecord>& keys, qint64 now,
                             bool workspaceIsProtected);
QString describe(HealthIssue issue, const Project& project);

} // namespace Signet
