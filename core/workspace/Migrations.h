#pragma once

#include "workspace/Database.h"

namespace Signet::Migrations {

// The schema version this build writes; PRAGMA user_version holds a file's version.
int latestVersion();
Result<int> currentVersion(const Database& database);

// Brings the file to `target` (default: the latest), one step per transaction. A file newer than
// this build is refused rather than damaged.
Status migrate(const Database& database, int target = -1);

} // namespace Signet::Migrations
