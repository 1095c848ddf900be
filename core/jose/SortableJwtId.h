#pragma once

#include <QtGlobal>

#include <string>

namespace Signet {

// A token id that sorts by mint time: a ULID (48-bit Unix milliseconds, then 80 random bits, in
// Crockford base32; 26 characters). Ledger rows keyed by it are appended to the end of the
// index instead of scattered through it, so recording many tokens touches few pages. Ids made in the
// same millisecond by one process ascend too.
std::string newSortableJwtId(qint64 unixMilliseconds);

} // namespace Signet
