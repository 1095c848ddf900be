#pragma once

// A backend test kit: for one project, a token the backend must accept and, each labelled with what
// it tests, tokens it must reject (expired, not yet valid, wrong audience or issuer, unknown kid,
// broken signature, alg none, HMAC-signed with the public key, no exp, and each rule of the
// project's profile broken). Backends rarely test the refusals; this makes it one command.

#include "foundation/Clock.h"
#include "foundation/Error.h"
#include "jose/Algorithm.h"

#include <QList>
#include <QString>

#include <string>

namespace Signet {

class Workspace;

struct KitToken
{
    QString label; // "expired", "profile: lifetime_s above 120"
    QString tests; // what a backend that rejects it has shown
    bool accept = false;
    std::string token;
};

struct TokenKit
{
    QString projectId;
    QString profile; // empty: none
    QString issuer;  // empty: the tokens carry none
    QString audience;
    Algorithm algorithm = Algorithm::ES256;
    QList<KitToken> tokens; // the first is the one to accept
};

// The valid token is minted (and recorded in the ledger) like any other; the others are made from
// its claims and signed apart, never recorded. `issuer`: the issuer to use instead of the project's
// (the local server's URL); `apiKeyId`: the API key whose secret signs, for profiles that sign so
// (default: the project's first usable API key).
// The kit as the JSON pack `token kit` writes and the console saves: project, profile, jwks_uri,
// issuer, audience, algorithm and tokens [{label, expect, tests, token}].
QByteArray tokenKitJson(const TokenKit& kit, const QString& jwksUri);

Result<TokenKit> makeTokenKit(Workspace& workspace, const QString& projectId,
                              const std::optional<QString>& issuer = std::nullopt,
                              const std::optional<QString>& apiKeyId = std::nullopt,
                              const Clock& clock = SystemClock::instance());

} // namespace Signet
