#pragma once

#include "foundation/JsonValue.h"
#include "jose/Algorithm.h"
#include "jose/JwkSet.h"

#include <QString>
#include <QStringList>

#include <optional>
#include <vector>

namespace Signet {

// The checks a verification runs, in the order it runs them.
enum class CheckId
{
    Format,    // size, three segments, base64url
    Header,    // JSON object with a string "alg"
    Algorithm, // a supported algorithm on the allow-list; never "none"
    Critical,  // "crit" and "b64"
    Key,       // kid lookup and the key's own alg / use / key_ops
    Signature,
    Claims, // the payload is a JSON object
    Expiry,
    NotBefore,
    IssuedAt,
    Issuer,
    Audience,
    Required, // claims the caller requires
    // What a workspace checks beyond the key set (TokenService::verify adds them):
    ApiKey,   // the API key an HMAC token names: active, and the one whose secret signed
    Scope,    // the token's scopes within what that API key grants
    Lifetime, // exp - iat within the project's maximum token lifetime
    OneTime,  // the ledger's record of the token: the very bytes minted, used or not
};

enum class Outcome
{
    Passed,
    Failed,
    Skipped
};

QString checkName(CheckId id); // "exp", "signature", ...

struct Check
{
    CheckId id = CheckId::Format;
    Outcome outcome = Outcome::Skipped;
    QString reason; // set for failures and skips; passes are described from the report's data
};

enum class WarningKind
{
    NoExpiry,
    LongLifetime,
    EmbeddedKeyHeader,
    ShortHmacSecret,
    UnsecuredAlgorithm
};

struct TokenWarning
{
    WarningKind kind = WarningKind::NoExpiry;
    qint64 value = 0;   // lifetime in seconds, secret size in bytes
    std::string member; // the embedded key header's name
    [[nodiscard]] QString describe() const;
};

// Security warnings about a decoded token, shared by inspection and verification.
void collectWarnings(const JsonValue& header, const JsonValue& claims, std::vector<TokenWarning>& out);

// What TokenVerifier found: one entry per check, pass or fail and why, plus warnings and the decoded
// header and claims. The GUI renders it as a checklist; the CLI prints it or its JSON.
class VerificationReport
{
public:
    [[nodiscard]] bool isValid() const;
    [[nodiscard]] const std::vector<Check>& checks() const { return m_checks; }
    [[nodiscard]] const Check* find(CheckId id) const;
    [[nodiscard]] const Check* firstFailure() const;
    // Computed on request from the decoded header and claims (not on the verification hot path).
    [[nodiscard]] std::vector<TokenWarning> warnings() const;
    [[nodiscard]] const JsonValue& header() const { return m_header; }
    [[nodiscard]] const JsonValue& claims() const { return m_claims; }
    [[nodiscard]] std::optional<Algorithm> algorithm() const { return m_algorithm; }
    // The key that verified (or would have verified) the signature; nullptr when none was selected.
    [[nodiscard]] const Jwk* key() const { return m_key; }
    [[nodiscard]] QString keyId() const { return m_key ? m_key->kid() : QString(); }
    [[nodiscard]] QString keyDescription() const { return m_key ? m_key->description() : QString(); }
    [[nodiscard]] qint64 evaluatedAt() const { return m_evaluatedAt; }
    [[nodiscard]] qint64 leeway() const { return m_leeway; }

    // "exp: expires in 14 min (2026-11-22 14:13:05 UTC)", "signature: does not match ..."
    [[nodiscard]] QString message(const Check& check) const;
    // One line: "valid" or the first failure's message.
    [[nodiscard]] QString summary() const;
    [[nodiscard]] JsonValue toJson() const;

    // For a caller that knows more than the key set (a workspace): a check of its own, after the
    // token's, with the message it shows passed or failed; and a failed check's reason, said more
    // exactly ("kid K was revoked at ...").
    void addCheck(CheckId id, Outcome outcome, QString message);
    void explainFailure(CheckId id, QString reason);

private:
    friend class TokenVerifier;
    [[nodiscard]] QString passMessage(const Check& check) const;

    std::vector<Check> m_checks;
    JsonValue m_header;
    JsonValue m_claims;
    std::optional<Algorithm> m_algorithm;
    std::shared_ptr<const JwkSet> m_keySet; // keeps m_key alive
    const Jwk* m_key = nullptr;
    bool m_kidUnchecked = false;
    qint64 m_evaluatedAt = 0;
    qint64 m_leeway = 0;
    QString m_expectedIssuer;
    QStringList m_expectedAudience;
    QStringList m_requiredClaims;
};

} // namespace Signet
