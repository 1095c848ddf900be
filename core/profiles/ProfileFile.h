#pragma once

// Reads a profile from its JSON file (resources/profiles/NAME.json, or one a user wrote): strictly,
// and every mistake named with where it is ("fields[2].type: ...").

#include "foundation/Error.h"
#include "profiles/Profile.h"

#include <string_view>

namespace Signet::ProfileFile {

// `origin` names the file in errors.
Result<Profile> parse(std::string_view json, const QString& origin);

} // namespace Signet::ProfileFile
