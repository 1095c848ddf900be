#pragma once

#include "profiles/Profile.h"

#include <optional>

namespace Signet {

class Workspace;

// The provider profile the project follows (built in or stored in the workspace); none when it
// follows none, or one the workspace does not have.
std::optional<Profile> projectProfile(Workspace& workspace, const QString& projectId);

// The name of the profile the project follows, known here or not; empty: none.
QString projectProfileName(Workspace& workspace, const QString& projectId);

} // namespace Signet
