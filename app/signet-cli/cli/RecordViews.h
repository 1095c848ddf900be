#pragma once

// How the CLI shows workspace records: as JSON (for --json) and their status words (for tables).

#include "foundation/JsonValue.h"
#include "workspace/Records.h"

#include <optional>

namespace Signet::Cli {

JsonValue jsonString(const QString& text);
JsonValue jsonStrings(const QStringList& texts);
JsonValue jsonTime(std::optional<qint64> when); // Unix seconds or null

JsonValue projectJson(const Project& project);
JsonValue signingKeyJson(const SigningKeyRecord& key);
JsonValue apiKeyJson(const ApiKeyRecord& key, qint64 now);
JsonValue ledgerEntryJson(const LedgerEntry& entry, qint64 now);
JsonValue auditEventJson(const AuditEvent& event);

QString statusWord(ApiKeyStatus status);        // "usable", "revoked", "expired"
QString statusWord(OneTimeStatus status);       // "no", "unused", "used", "expired"
QString scopeCatalogue(const Project& project); // "a, b", or "(any)"

} // namespace Signet::Cli
