#pragma once

// The token options that both modes of a command share (key files and projects), declared and
// parsed once.

#include "cli/Command.h"
#include "cli/TypedOptions.h"
#include "foundation/JsonValue.h"
#include "jose/TokenVerifier.h"

#include <optional>

namespace Signet::Cli {

// The claims of token mint.
struct MintClaimOptions
{
    static const QCommandLineOption Subject;
    static const QCommandLineOption Audience;
    static const DurationOption Lifetime;
    static const NotBeforeOption NotBefore;
    static const QCommandLineOption TokenId;
    static const QCommandLineOption Claim;
    static const QCommandLineOption ClaimsFile;
    static std::vector<OptionRef> all();
};

struct MintClaims
{
    QString subject;
    QStringList audience;
    std::optional<qint64> lifetime;
    std::optional<NotBefore> notBefore;
    std::optional<QString> jti;            // as given; "none" asks for no jti
    JsonValue extra = JsonValue::object(); // --claims-file, then each --claim on top
};
Result<MintClaims> readMintClaims(Context& context);

// The expectations of token verify.
struct VerifyExpectationOptions
{
    static const AlgorithmListOption Algorithms;
    static const QCommandLineOption Issuer;
    static const QCommandLineOption Audience;
    static const IntegerOption Leeway;
    static const IntegerOption At;
    static const QCommandLineOption Require;
    static std::vector<OptionRef> all();
};
VerifyOptions readVerifyOptions(const Context& context);

} // namespace Signet::Cli
