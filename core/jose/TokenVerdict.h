#pragma once

#include "foundation/StrictJson.h"
#include "jose/Algorithm.h"
#include "jose/VerificationReport.h"

#include <memory>
#include <optional>
#include <string>

namespace Signet {

class Jwk;

// What TokenVerifier::check() found: valid, or the first check that failed (the one the full
// VerificationReport of verify() names first), and the claims once the signature is verified.
// No reasons and no checklist: those are verify()'s, for the GUI and the CLI.
//
// A verdict owns the decoded token. Reusing one for the next check() keeps its buffers, so a server
// thread that keeps a verdict checks tokens without allocating. Move-only: the claims are views
// into those buffers, which stay where they are when the verdict moves.
class TokenVerdict
{
public:
    TokenVerdict();
    ~TokenVerdict();
    TokenVerdict(TokenVerdict&&) noexcept;
    TokenVerdict& operator=(TokenVerdict&&) noexcept;
    TokenVerdict(const TokenVerdict&) = delete;
    TokenVerdict& operator=(const TokenVerdict&) = delete;

    [[nodiscard]] bool isValid() const { return m_valid; }
    // The first check that failed, in the order verify() runs them; nullopt when valid.
    [[nodiscard]] std::optional<CheckId> failure() const { return m_failure; }
    [[nodiscard]] std::optional<Algorithm> algorithm() const { return m_algorithm; }
    // The key selected for the signature, from the verifier's key set (valid while the verifier
    // is); nullptr when none was selected.
    [[nodiscard]] const Jwk* key() const { return m_key; }
    // The claims object, once the signature has verified (a failure after it, such as an expired
    // token, still has them); absent otherwise. Valid until this verdict is reused or destroyed.
    [[nodiscard]] StrictJson::Node claims() const;
    [[nodiscard]] qint64 evaluatedAt() const { return m_evaluatedAt; }

private:
    friend class TokenVerifier;

    // The decoded segments and their parses, in one block that never moves.
    struct Buffers
    {
        std::string header;
        std::string payload;
        std::string signature;
        StrictJson::Document headerDocument;
        StrictJson::Document claimsDocument;
        // The last header segment whose every check passed, and what they chose, for the verifier
        // with this identity (0: none). Tokens of one key share their header: the next one with the
        // same bytes skips the header's decoding and checks.
        std::string acceptedHeader;
        std::uint64_t acceptedBy = 0;
        Algorithm acceptedAlgorithm = Algorithm::HS256;
        const Jwk* acceptedKey = nullptr;
        bool acceptedKidUnchecked = false;
    };

    void reset(qint64 now);

    std::unique_ptr<Buffers> m_buffers;
    std::optional<CheckId> m_failure;
    std::optional<Algorithm> m_algorithm;
    const Jwk* m_key = nullptr;
    qint64 m_evaluatedAt = 0;
    bool m_valid = false;
    bool m_signatureVerified = false;
};

} // namespace Signet
