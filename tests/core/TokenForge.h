#pragma once

#include "foundation/Clock.h"
#include "jose/Jwk.h"
#include "jose/TokenBuilder.h"
#include "jose/TokenInspection.h"
#include "jose/TokenVerifier.h"

#include <QString>

#include <string>

// Builds tokens by hand, byte for byte, the way an attacker or a buggy issuer would.
namespace Signet::Test {

std::string b64(std::string_view bytes);
// header '.' payload, both given as JSON text and base64url-encoded here.
std::string signingInput(std::string_view headerJson, std::string_view payloadJson);
// A token signed with key/alg over the given JSON texts (no validation of either).
std::string forge(std::string_view headerJson, std::string_view payloadJson, const Jwk& key, Algorithm alg);
// A token with the given raw signature bytes.
std::string forgeRaw(std::string_view headerJson, std::string_view payloadJson, std::string_view signature);

// Keys generated once per test process.
const Jwk& rsaKey();  // RSA 2048, kid "rsa-1"
const Jwk& ecKey();   // P-256, kid "ec-1"
const Jwk& edKey();   // Ed25519, kid "ed-1"
const Jwk& hmacKey(); // 32-byte secret, kid "hs-1"

constexpr qint64 kNow = 1'800'000'000;
// {"iss":"https://issuer.test","sub":"user-1","aud":"api","iat":kNow-60,"exp":kNow+600}
std::string standardClaims();

// Verifies with the given keys and options at kNow; Check of a given id from the report. Every call also
// runs check() and stops the test if the verdict disagrees with the report (see disagreement()).
VerificationReport verifyWith(const std::string& token, std::vector<Jwk> keys, VerifyOptions options = {});
// What check() says differently from verify()'s report: validity, first failure, algorithm, key, and the
// claims once the signature verified. Empty when they agree. The verdict is reused, as a server would.
QString disagreement(const TokenVerifier& verifier, std::string_view token, const VerificationReport& report,
                     TokenVerdict& verdict);
VerifyOptions standardOptions(); // issuer and audience of standardClaims()
Outcome outcomeOf(const VerificationReport& report, CheckId id);
QString reasonOf(const VerificationReport& report, CheckId id);

} // namespace Signet::Test
