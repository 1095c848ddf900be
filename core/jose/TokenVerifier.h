#pragma once

#include "foundation/Clock.h"
#include "jose/JwkSet.h"
#include "jose/Jws.h"
#include "jose/TokenVerdict.h"
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

// Verifies compact JWS/JWT tokens against a fixed key set. Thread-safe: verify() and check() are const
// and the verifier can be shared by threads.
//
// verify() and check() run the same checks, written once, in the same order, with the same parsing:
// they agree on whether a token is valid and on which check fails first. verify() explains every
// check (what the GUI and the CLI show); check() stops at the first failure and builds no text
// (what a server does per request).
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

    // The verdict only: valid, or the first failed check, and the verified claims.
    [[nodiscard]] TokenVerdict check(std::string_view token) const;
    // The same into a verdict kept by the caller, whose buffers are reused; returns isValid().
    bool check(std::string_view token, TokenVerdict& verdict) const;

    [[nodiscard]] const VerifyOptions& options() const { return m_options; }
    [[nodiscard]] const JwkSet& keys() const { return *m_keys; }

private:
    TokenVerifier(std::shared_ptr<const JwkSet> keys, VerifyOptions options, const Clock& clock);

    // TokenEvaluation.h: the checks, once, over what a Recorder keeps of them (a report or a verdict).
    template<class Recorder> class Evaluation;
    class ReportRecorder;
    class VerdictRecorder;
    [[nodiscard]] bool algorithmAllowed(Algorithm alg) const;

    std::shared_ptr<const JwkSet> m_keys;
    VerifyOptions m_options;
    const Clock* m_clock;
    std::string m_issuer;
    std::vector<std::string> m_audiences;
    std::vector<std::string> m_required;
    QList<Algorithm> m_keyAlgorithms; // union of what the keys permit, when no allow-list is given
    // Which verifier this is, for what a reused verdict remembers (copies share keys and options).
    std::uint64_t m_identity = 0;
};

} // namespace Signet
