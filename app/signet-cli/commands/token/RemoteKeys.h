#pragma once

// token verify's network key sources: --jwks-url URL and --discover (OpenID discovery from the issuer),
// fetched with RemoteJwks and waited for here (a command line may block; the console never does).

#include "cli/Command.h"
#include "cli/TypedOptions.h"
#include "foundation/JsonValue.h"
#include "jose/JwkSet.h"

#include <optional>

namespace Signet::Cli {

struct RemoteKeyOptions
{
    static const QCommandLineOption JwksUrl;
    static const QCommandLineOption Discover;
    static const QCommandLineOption AllowHttp;
    static const IntegerOption FetchTimeout;
    static std::vector<OptionRef> all();
    // --jwks-url or --discover.
    static bool isRemote(const Context& context);
    // The options that only make sense with a network key source, when given without one.
    static Status checkRemoteOnly(const Context& context);
};

// The keys fetched, and what the verdict says about where they came from.
struct RemoteKeys
{
    JwkSet keys;
    QString source;     // "the JWKS at URL ..."
    JsonValue json;     // the same as {"type", "url", "discoveredFrom", "issuer"}
    QString issuer;     // with --discover: the issuer discovered (its tokens' iss must equal it)
    QString kid;        // the token's kid, unverified
    QString missingKid; // when the set lacks that kid: why, with what was fetched
};

Result<RemoteKeys> fetchRemoteKeys(const Context& context, const QString& token);

} // namespace Signet::Cli
