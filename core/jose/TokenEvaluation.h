#pragma once

// Private to core/jose: the checks of TokenVerifier, written once for its two outputs. Evaluation
// runs every rule in the order the report lists them; a Recorder keeps what it needs of each
// outcome: ReportRecorder every check with its reason (verify()), VerdictRecorder the first failure
// only, stopping there (check()). Reasons are lambdas, built only by the report.

#include "foundation/StrictJson.h"
#include "jose/TokenVerifier.h"

namespace Signet {

// For reasons that quote the token.
inline QString utf8Text(std::string_view text)
{
    return QString::fromUtf8(text.data(), static_cast<qsizetype>(text.size()));
}

// Keeps every check with its reason: the full report. Reasons are built only here.
class TokenVerifier::ReportRecorder
{
public:
    static constexpr bool kExplains = true;

    explicit ReportRecorder(VerificationReport& report)
        : m_report(report)
    {}
    void pass(CheckId id) { m_report.m_checks.push_back({id, Outcome::Passed, {}}); }
    template<class Reason> void fail(CheckId id, Reason&& reason)
    {
        m_report.m_checks.push_back({id, Outcome::Failed, reason()});
    }
    template<class Reason> void skip(CheckId id, Reason&& reason)
    {
        m_report.m_checks.push_back({id, Outcome::Skipped, reason()});
    }
    // The report goes on after a failure, so that it shows every check that can still be made.
    [[nodiscard]] bool done() const { return false; }
    void noteAlgorithm(Algorithm alg) { m_report.m_algorithm = alg; }
    void noteKey(const Jwk* key, bool kidUnchecked)
    {
        m_report.m_key = key;
        m_report.m_kidUnchecked = kidUnchecked;
    }

private:
    VerificationReport& m_report;
};

// Keeps the first failure only, and stops there.
class TokenVerifier::VerdictRecorder
{
public:
    static constexpr bool kExplains = false;

    explicit VerdictRecorder(TokenVerdict& verdict)
        : m_verdict(verdict)
    {}
    void pass(CheckId) {}
    template<class Reason> void fail(CheckId id, Reason&&)
    {
        if (!m_verdict.m_failure)
            m_verdict.m_failure = id;
    }
    template<class Reason> void skip(CheckId, Reason&&) {}
    [[nodiscard]] bool done() const { return m_verdict.m_failure.has_value(); }
    void noteAlgorithm(Algorithm alg) { m_verdict.m_algorithm = alg; }
    void noteKey(const Jwk* key, bool) { m_verdict.m_key = key; }

private:
    TokenVerdict& m_verdict;
};

// Every rule a token must pass, in the order the report lists them. The verifier's options are read
// from `verifier`; the token is decoded and parsed into `buffers`.
template<class Recorder> class TokenVerifier::Evaluation
{
public:
    Evaluation(const TokenVerifier& verifier, Recorder& record, TokenVerdict::Buffers& buffers, qint64 now)
        : m_verifier(verifier)
        , m_options(verifier.m_options)
        , m_record(record)
        , m_buffers(buffers)
        , m_now(now)
    {}

    void run(std::string_view token);

    // What the report keeps for display besides the checks.
    [[nodiscard]] StrictJson::Node header() const { return m_header; }
    [[nodiscard]] StrictJson::Node claims() const { return m_claims; }
    [[nodiscard]] bool signatureVerified() const { return m_signatureVerified; }

private:
    bool decode(std::string_view token);
    bool parseHeader();
    void recallHeader();
    void rememberHeader();
    void checkHeader();
    bool checkCritical();
    void selectKey();
    const Jwk* keyWithoutKid();
    void checkSignature();
    bool parseClaims();
    void checkClaims();
    void checkExpiry();
    void checkNotBefore() { checkTime(CheckId::NotBefore, m_claims.find("nbf")); }
    void checkIssuedAt() { checkTime(CheckId::IssuedAt, m_claims.find("iat")); }
    void checkTime(CheckId id, StrictJson::Node value);
    void checkIssuer();
    void checkAudience();
    void checkRequired();
    [[nodiscard]] QString leewayNote() const;

    const TokenVerifier& m_verifier;
    const VerifyOptions& m_options;
    Recorder& m_record;
    TokenVerdict::Buffers& m_buffers;
    const qint64 m_now;
    Jws::CompactParts m_parts;
    StrictJson::Node m_header;
    StrictJson::Node m_claims;
    std::optional<Algorithm> m_algorithm;
    const Jwk* m_key = nullptr;
    bool m_headerOk = false;
    bool m_headerRemembered = false;
    bool m_kidUnchecked = false;
    bool m_signatureVerified = false;
};

} // namespace Signet
