#pragma once

#include "foundation/Error.h"

namespace Signet {

class Database;

// The channel on which a team workspace announces its changes, and the payloads it sends: what a
// listener (ChangeNotifications) needs to tell a changed configuration from new records.
inline constexpr char kChangeChannel[] = "signet_changes";
inline constexpr char kConfigurationPayload[] = "configuration";
inline constexpr char kRecordsPayload[] = "records";

// Makes every committed change to a team workspace on PostgreSQL NOTIFY its members, in the database
// itself so that every writer (any Signet version, psql) is heard: statement-level triggers send
// 'configuration' for projects, signing keys, API keys and profiles, and 'records' for the rest
// (ledger, audit, sessions, meta). PostgreSQL sends a transaction's notifications when it commits,
// each payload once. Idempotent (CREATE OR REPLACE, DROP TRIGGER IF EXISTS); runs inside the
// caller's transaction (a migration step's).
Status installChangeNotifications(const Database& database);

// Whether every trigger installChangeNotifications() makes is there.
Result<bool> changeNotificationsInstalled(const Database& database);

// For a workspace whose schema predates the triggers: installs them once, under the migrations'
// advisory lock, when they are missing. A member who may not create triggers (not the tables'
// owner) is not refused: their console learns of changes the slow way (see Database::changeStamp).
Status ensureChangeNotifications(const Database& database);

} // namespace Signet
