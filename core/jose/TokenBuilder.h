#pragma once

#include "foundation/Clock.h"
#include "jose/Jwk.h"

#include <QStringList>

#include <string>

namespace Signet {

// Builds and signs a JWT: registered claims from the setters, custom claims on top, a fresh random
// jti unless told otherwise. Time comes from the injected clock.
class TokenBuilder
{
public:
    enum class JwtIdMode
    {
        Random,
        Fixed,
        None
    };
    static constexpr qint64 kDefaultLifetime = 15 * 60;

    explicit TokenBuilder(const Clock&& clock) = delete; // the builder keeps a reference to its clock
    explicit TokenBuilder(const Clock& clock = SystemClock::instance())
        : m_clock(&clock)
    {}

    TokenBuilder& setIssuer(QString issuer);
    TokenBuilder& setSubject(QString subject);
    TokenBuilder& setAudience(QStringList audience); // one entry is written as a string
    TokenBuilder& setLifetime(qint64 seconds);       // exp = iat + lifetime
    TokenBuilder& setNotBefore(qint64 unixSeconds);
    TokenBuilder& setNotBeforeDelay(qint64 seconds); // nbf = iat + delay
    TokenBuilder& setJwtId(QString jti);             // Fixed mode
    TokenBuilder& setJwtIdMode(JwtIdMode mode);
    enum class IssuedAt
    {
        Include, // the default
        Omit
    };
    TokenBuilder& setIssuedAt(IssuedAt issuedAt);
    // A custom claim; a registered name here replaces the value the setters would write.
    TokenBuilder& setClaim(const QString& name, JsonValue value);
    TokenBuilder& setType(QString typ);        // header "typ"; "JWT" by default, empty to omit
    TokenBuilder& setKeyId(QString kid);       // header "kid"; by default the key's own kid
    TokenBuilder& setAlgorithm(Algorithm alg); // by default the key's alg, else its natural one

    // The header and claims the token would carry, for previews (jti is a placeholder when random).
    [[nodiscard]] Result<JsonValue> header(const Jwk& key) const;
    [[nodiscard]] JsonValue claims() const;

    [[nodiscard]] Result<std::string> sign(const Jwk& key) const;

private:
    enum class ClaimsFor
    {
        Preview, // a random jti shows as a placeholder
        Signing
    };
    [[nodiscard]] JsonValue buildClaims(qint64 now, ClaimsFor purpose) const;
    void writeHeader(std::string& out, Algorithm alg, const std::string& keyKid) const;
    void writeClaims(std::string& out, qint64 now) const;
    [[nodiscard]] Result<Algorithm> chooseAlgorithm(const Jwk& key) const;

    const Clock* m_clock;
    std::string m_issuer, m_subject;
    std::vector<std::string> m_audience;
    qint64 m_lifetime = kDefaultLifetime;
    std::optional<qint64> m_notBefore;
    std::optional<qint64> m_notBeforeDelay;
    JwtIdMode m_jtiMode = JwtIdMode::Random;
    std::string m_jti;
    bool m_issuedAt = true;
    JsonValue m_custom = JsonValue::object();
    std::string m_type = "JWT";
    std::optional<std::string> m_kid;
    std::optional<Algorithm> m_alg;
};

} // namespace Signet
