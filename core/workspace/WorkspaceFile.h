#pragma once

#include "foundation/Error.h"

#include <QString>

namespace Signet::WorkspaceFile {

// Whether the file at `path` is a Signet workspace: an SQLite database with Signet's tables. Looks
// without changing anything (no journal mode switch, no table, no write), so that opening the wrong
// file leaves it as it was. The error says "not a Signet workspace" and why.
Status check(const QString& path);

} // namespace Signet::WorkspaceFile
