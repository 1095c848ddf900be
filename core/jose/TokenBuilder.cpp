#include "jose/TokenBuilder.h"

#include "crypto/Random.h"
#include "foundation/JsonWriter.h"
#include "jose/Base64Url.h"
#include "jose/Jws.h"

namespace Signet {

TokenBuilder& TokenBuilder::setIssuer(QString issuer)
{
    m_issuer = issuer.toStdString();
    return *this;
}

TokenBuilder& TokenBuilder::setSubject(QString subject)
{
    m_subject = subject.toStdString();
    return *this;
}

TokenBuilder& TokenBuilder::setAudience(QStringList audience)
{
    m_audience.clear();
    for (const QString& aud : audience)
        m_audience.push_back(aud.toStdString());
    return *this;
}

TokenBuilder& TokenBuilder::setLifetime(qint64 seconds)
{
    m_lifetime = seconds;
    return *this;
}

TokenBuilder& TokenBuilder::setNotBefore(qint64 unixSeconds)
{
    m_notBefore = unixSeconds;
    m_notBeforeDelay.reset();
    return *this;
}

TokenBuilder& TokenBuilder::setNotBeforeDelay(qint64 seconds)
{
    m_notBeforeDelay = seconds;
    m_notBefore.reset();
    return *this;
}

TokenBuilder& TokenBuilder::setJwtId(QString jti)
{
    m_jti = jti.toStdString();
    m_jtiMode = JwtIdMode::Fixed;
    return *this;
}

TokenBuilder& TokenBuilder::setJwtIdMode(JwtIdMode mode)
{
    m_jtiMode = mode;
    return *this;
}

TokenBuilder& TokenBuilder::setIssuedAt(IssuedAt issuedAt)
{
    m_issuedAt = issuedAt == IssuedAt::Include;
    return *this;
}

TokenBuilder& TokenBuilder::setClaim(const QString& name, JsonValue value)
{
    m_custom.set(name.toStdString(), std::move(value));
    return *this;
}

TokenBuilder& TokenBuilder::setType(QString typ)
{
    m_type = typ.toStdString();
    return *this;
}

TokenBuilder& TokenBuilder::setKeyId(QString kid)
{
    m_kid = kid.toStdString();
    return *this;
}

TokenBuilder& TokenBuilder::setAlgorithm(Algorithm alg)
{
    m_alg = alg;
    return *this;
}

JsonValue TokenBuilder::buildClaims(qint64 now, ClaimsFor purpose) const
{
    JsonValue claims = JsonValue::object();
    auto& members = claims.members();
    members.reserve(8 + m_custom.members().size());
    if (!m_issuer.empty())
        members.emplace_back("iss", JsonValue::string(m_issuer));
    if (!m_subject.empty())
        members.emplace_back("sub", JsonValue::string(m_subject));
    if (m_audience.size() == 1) {
        members.emplace_back("aud", JsonValue::string(m_audience.front()));
    } else if (m_audience.size() > 1) {
        JsonValue::Array audience;
        for (const std::string& aud : m_audience)
            audience.push_back(JsonValue::string(aud));
        members.emplace_back("aud", JsonValue::array(std::move(audience)));
    }
    if (m_issuedAt)
        members.emplace_back("iat", JsonValue::integer(now));
    if (m_notBefore)
        members.emplace_back("nbf", JsonValue::integer(*m_notBefore));
    else if (m_notBeforeDelay)
        members.emplace_back("nbf", JsonValue::integer(now + *m_notBeforeDelay));
    members.emplace_back("exp", JsonValue::integer(now + m_lifetime));
    if (m_jtiMode == JwtIdMode::Fixed) {
        members.emplace_back("jti", JsonValue::string(m_jti));
    } else if (m_jtiMode == JwtIdMode::Random) {
        if (purpose == ClaimsFor::Preview) {
            members.emplace_back("jti", JsonValue::string("(random)"));
        } else {
            char random[16];
            Crypto::Random::fillIdentifier(random, sizeof random);
            members.emplace_back("jti", JsonValue::string(Base64Url::encode(std::string_view(random, sizeof random))));
        }
    }
    for (const auto& [name, value] : m_custom.members())
        claims.set(name, value);
    return claims;
}

JsonValue TokenBuilder::claims() const
{
    return buildClaims(m_clock->now(), ClaimsFor::Preview);
}

Result<Algorithm> TokenBuilder::chooseAlgorithm(const Jwk& key) const
{
    const std::optional<Algorithm> alg = m_alg ? m_alg : key.defaultAlgorithm();
    if (!alg)
        return fail(ErrorCode::KeyMismatch, QStringLiteral("no JWS algorithm fits a %1 key").arg(key.description()));
    return *alg;
}

Result<JsonValue> TokenBuilder::header(const Jwk& key) const
{
    const auto alg = chooseAlgorithm(key);
    if (!alg)
        return std::unexpected(alg.error());
    JsonValue header = JsonValue::object();
    auto& members = header.members();
    members.reserve(3);
    members.emplace_back("alg", JsonValue::string(std::string(algorithmName(*alg))));
    const std::string kid = m_kid ? *m_kid : key.kid().toStdString();
    if (!kid.empty())
        members.emplace_back("kid", JsonValue::string(kid));
    if (!m_type.empty())
        members.emplace_back("typ", JsonValue::string(m_type));
    return header;
}

// The header and claims are written straight into the token text: minting is on hot paths
// (the local server, bulk test tokens) and a JSON tree per token costs more than the writing.
void TokenBuilder::writeHeader(std::string& out, Algorithm alg, const std::string& keyKid) const
{
    out.append(R"({"alg":")").append(algorithmName(alg)).push_back('"');
    if (m_kid || !keyKid.empty()) {
        out.append(R"(,"kid":)");
        JsonWriter::appendString(out, m_kid ? *m_kid : keyKid);
    }
    if (!m_type.empty()) {
        out.append(R"(,"typ":)");
        JsonWriter::appendString(out, m_type);
    }
    out.push_back('}');
}

void TokenBuilder::writeClaims(std::string& out, qint64 now) const
{
    // Registered claims first, unless a custom claim of the same name replaces them.
    bool first = true;
    auto name = [&](std::string_view claim) {
        out.push_back(first ? '{' : ',');
        JsonWriter::appendString(out, claim);
        out.push_back(':');
        first = false;
    };
    auto stringClaim = [&](std::string_view claim, const std::string& value) {
        if (!value.empty() && !m_custom.contains(claim)) {
            name(claim);
            JsonWriter::appendString(out, value);
        }
    };
    auto numberClaim = [&](std::string_view claim, qint64 value) {
        if (!m_custom.contains(claim)) {
            name(claim);
            out.append(std::to_string(value));
        }
    };
    stringClaim("iss", m_issuer);
    stringClaim("sub", m_subject);
    if (!m_audience.empty() && !m_custom.contains("aud")) {
        name("aud");
        if (m_audience.size() == 1) {
            JsonWriter::appendString(out, m_audience.front());
        } else {
            out.push_back('[');
            for (std::size_t i = 0; i < m_audience.size(); ++i) {
                if (i > 0)
                    out.push_back(',');
                JsonWriter::appendString(out, m_audience[i]);
            }
            out.push_back(']');
        }
    }
    if (m_issuedAt)
        numberClaim("iat", now);
    if (m_notBefore)
        numberClaim("nbf", *m_notBefore);
    else if (m_notBeforeDelay)
        numberClaim("nbf", now + *m_notBeforeDelay);
    numberClaim("exp", now + m_lifetime);
    if (m_jtiMode == JwtIdMode::Fixed) {
        stringClaim("jti", m_jti);
    } else if (m_jtiMode == JwtIdMode::Random && !m_custom.contains("jti")) {
        char random[16];
        Crypto::Random::fillIdentifier(random, sizeof random);
        name("jti");
        out.push_back('"');
        Base64Url::encodeAppend(out, std::string_view(random, sizeof random));
        out.push_back('"');
    }
    for (const auto& [claim, value] : m_custom.members()) {
        name(claim);
        JsonWriter::append(out, value);
    }
    out.append(first ? "{}" : "}");
}

Result<std::string> TokenBuilder::sign(const Jwk& key) const
{
    if (m_lifetime <= 0)
        return fail(ErrorCode::InvalidArgument,
                    QStringLiteral("the token lifetime must be positive: every token gets an exp"));
    const auto alg = chooseAlgorithm(key);
    if (!alg)
        return std::unexpected(alg.error());
    std::string headerJson, claimsJson;
    headerJson.reserve(96);
    claimsJson.reserve(256);
    writeHeader(headerJson, *alg, key.kidUtf8());
    writeClaims(claimsJson, m_clock->now());
    auto token = Jws::signCompact(key, *alg, headerJson, claimsJson);
    // Never hand out a token that Signet's own verifier (and most others) would refuse unread.
    if (token && token->size() > Jws::kDefaultMaxTokenSize)
        return fail(ErrorCode::InvalidArgument,
                    QStringLiteral("the token would be %1 bytes; verifiers accept at most %2 (64 KiB): fewer or "
                                   "shorter claims")
                        .arg(token->size())
                        .arg(Jws::kDefaultMaxTokenSize));
    return token;
}

} // namespace Signet
