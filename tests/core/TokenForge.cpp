#include "TokenForge.h"

#include "crypto/Random.h"
#include "jose/Base64Url.h"
#include "jose/Jws.h"

namespace Signet::Test {

std::string b64(std::string_view bytes)
{
    return Base64Url::encode(bytes);
}

std::string signingInput(std::string_view headerJson, std::string_view payloadJson)
{
    return b64(headerJson) + "." + b64(payloadJson);
}

std::string forge(std::string_view headerJson, std::string_view payloadJson, const Jwk& key, Algorithm alg)
{
    const std::string input = signingInput(headerJson, payloadJson);
    const auto signature = Jws::signBytes(key, alg, input);
    if (!signature)
        qFatal("forge: %s", qPrintable(signature.error().message));
    return input + "." + b64(std::string_view(signature->constData(), static_cast<std::size_t>(signature->size())));
}

std::string forgeRaw(std::string_view headerJson, std::string_view payloadJson, std::string_view signature)
{
    return signingInput(headerJson, payloadJson) + "." + b64(signature);
}

namespace {
Jwk named(Jwk key, const char* kid)
{
    key.setKid(QString::fromLatin1(kid));
    return key;
}
} // namespace

const Jwk& rsaKey()
{
    static const Jwk key = named(Jwk::fromKeyPair(*Crypto::KeyPair::generateRsa(2048)), "rsa-1");
    return key;
}

const Jwk& ecKey()
{
    static const Jwk key = named(Jwk::fromKeyPair(*Crypto::KeyPair::generateEc(Crypto::Curve::P256)), "ec-1");
    return key;
}

const Jwk& edKey()
{
    static const Jwk key = named(Jwk::fromKeyPair(*Crypto::KeyPair::generateEdDsa()), "ed-1");
    return key;
}

const Jwk& hmacKey()
{
    static const Jwk key = named(Jwk::fromSecret(Crypto::SecureBytes(Crypto::Random::bytes(32))), "hs-1");
    return key;
}

std::string standardClaims()
{
    return R"({"iss":"https://issuer.test","sub":"user-1","aud":"api","iat":)" + std::to_string(kNow - 60) +
           R"(,"exp":)" + std::to_string(kNow + 600) + "}";
}

VerifyOptions standardOptions()
{
    VerifyOptions options;
    options.issuer = QStringLiteral("https://issuer.test");
    options.audiences = {QStringLiteral("api")};
    return options;
}

VerificationReport verifyWith(const std::string& token, std::vector<Jwk> keys, VerifyOptions options)
{
    static const ManualClock clock(kNow);
    auto verifier = TokenVerifier::create(JwkSet(std::move(keys)), std::move(options), clock);
    if (!verifier)
        qFatal("verifyWith: %s", qPrintable(verifier.error().message));
    VerificationReport report = verifier->verify(std::string_view(token));
    TokenVerdict verdict;
    if (const QString why = disagreement(*verifier, token, report, verdict); !why.isEmpty())
        qFatal("check() and verify() disagree on %s: %s", token.c_str(), qPrintable(why));
    return report;
}

QString disagreement(const TokenVerifier& verifier, std::string_view token, const VerificationReport& report,
                     TokenVerdict& verdict)
{
    const bool valid = verifier.check(token, verdict);
    const Check* first = report.firstFailure();
    const Check* signature = report.find(CheckId::Signature);
    const bool signatureVerified = signature && signature->outcome == Outcome::Passed;
    QStringList differences;
    if (valid != report.isValid() || verdict.isValid() != valid)
        differences.append(QStringLiteral("valid %1 vs %2").arg(valid).arg(report.isValid()));
    if (first ? verdict.failure() != first->id : verdict.failure().has_value())
        differences.append(QStringLiteral("first failure %1 vs %2")
                               .arg(verdict.failure() ? checkName(*verdict.failure()) : QStringLiteral("none"),
                                    first ? checkName(first->id) : QStringLiteral("none")));
    if (verdict.algorithm() != report.algorithm())
        differences.append(QStringLiteral("algorithm"));
    if (verdict.key() != report.key())
        differences.append(QStringLiteral("key"));
    if (static_cast<bool>(verdict.claims()) != (signatureVerified && report.claims().isObject()))
        differences.append(QStringLiteral("claims present %1").arg(static_cast<bool>(verdict.claims())));
    else if (verdict.claims() && !(verdict.claims().toJsonValue() == report.claims()))
        differences.append(QStringLiteral("claims"));
    return differences.join(QStringLiteral("; "));
}

Outcome outcomeOf(const VerificationReport& report, CheckId id)
{
    const Check* check = report.find(id);
    return check ? check->outcome : Outcome::Skipped;
}

QString reasonOf(const VerificationReport& report, CheckId id)
{
    const Check* check = report.find(id);
    return check ? report.message(*check) : QString();
}

} // namespace Signet::Test
