#pragma once

#include "foundation/Clock.h"
#include "jose/JwkSet.h"
#include "jose/Jws.h"
#include "jose/VerificationReport.h"

#include <memory>

namespace Signet {

struct VerifyOptions
{
    // Algorithms accepted; empty means every algorithm the keys themselves permit. Either way an
    // algorithm must also fit the selected key's type and its own "alg".
    QList<Algorithm> algorithms;
    std::optional<QString> issuer; // exact match when set
    QStringList audiences;         // the token's aud must contain one of these (exact)
    qint64 leeway = 0;             // seconds of clock skew tolerated for exp, nbf and iat
    bool requireExpiry = true;     // a token without exp fails unless this is turned off
    QStringList requiredClaims;
    std::optional<qint64> at; // evaluate as of this Unix time instead of the clock's now
    std::size_t maxTokenSize = Jws::kDefaultMaxTokenSize;
};

// Verifies compact JWS/JWT tokens against a fixed key set. Thread-safe: verify() is const and the
// verifier can be shared by threads.
class TokenVerifier
{
public:
    // Refuses a key set with duplicate kids or an empty set.
    static Result<TokenVerifier> create(JwkSet keys, VerifyOptions options = {},
                                        const Clock& clock = SystemClock::instance());
    // The verifier keeps a reference to the clock: a temporary one would dangle.
    static Result<TokenVerifier> create(JwkSet keys, VerifyOptions options, const Clock&& clock) = delete;

    [[nodiscard]] VerificationReport verify(std::string_view token) const;
    [[nodiscard]] VerificationReport verify(const QString& token) const;

    [[nodiscard]] const VerifyOptions& options() const { return m_options; }
    [[nodiscard]] const JwkSet& keys() const { return *m_keys; }

private:
    TokenVerifier(std::shared_ptr<const JwkSet> keys, VerifyOptions options, const Clock& clock);

    struct Context;
    void checkHeader(Context& ctx) const;
    void selectKey(Context& ctx) const;
    void checkClaims(Context& ctx) const;
    void checkTime(Context& ctx, CheckId id, std::string_view name) const;
    void checkIssuer(Context& ctx) const;
    void checkAudience(Context& ctx) const;
    void checkRequired(Context& ctx) const;
    [[nodiscard]] bool algorithmAllowed(Algorithm alg) const;

    std::shared_ptr<const JwkSet> m_keys;
    VerifyOptions m_options;
    const Clock* m_clock;
    std::string m_issuer;
    std::vector<std::string> m_audiences;
    std::vector<std::string> m_required;
    QList<Algorithm> m_keyAlgorithms; // union of what the keys permit, when no allow-list is given
};

} // namespace Signet
