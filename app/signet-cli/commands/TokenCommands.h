#pragma once

#include "Command.h"
#include "foundation/Error.h"
#include "foundation/JsonValue.h"
#include "jose/TokenVerifier.h"

#include <optional>

namespace Signet::Cli {

void addTokenCommands(CommandList& commands);

// Shared by the stateless (--key FILE) and workspace (-p PROJECT) forms of token mint and verify.

// --nbf: an absolute time (Unix seconds, or ISO 8601 such as 2026-11-23T10:00:00Z) or a delay (90s, 15m).
struct NotBefore
{
    bool absolute = false;
    qint64 value = 0;
};
Result<NotBefore> parseNotBefore(const QString& text);
// --claims-file, then each --claim on top: one JSON object.
Result<JsonValue> customClaims(const QCommandLineParser& parser);
// --alg, --iss, --aud, --require, --leeway and --at.
Result<VerifyOptions> verifyOptions(const QCommandLineParser& parser);

// One more line for the report: the one-time consumption of a project token.
struct ExtraCheck
{
    bool passed = true;
    QString message;
};
// VALID or INVALID, then every check, failures first, then warnings.
QString renderReport(const VerificationReport& report, const std::optional<ExtraCheck>& extra = std::nullopt);

} // namespace Signet::Cli
