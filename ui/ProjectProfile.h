#pragma once

#include "profiles/Profile.h"

#include <optional>

namespace Signet {

class Workspace;

// The built-in provider profile the project follows; none when it follows none, or one this console
// does not know (a user's profile folder is the CLI's --profiles).
std::optional<Profile> projectProfile(Workspace& workspace, const QString& projectId);

// The name of the profile the project follows, known here or not; empty: none.
QString projectProfileName(Workspace& workspace, const QString& projectId);

} // namespace Signet
