#pragma once

// Helpers shared by the public test-vector suites (RFC examples, RFC 7520 cookbook, Wycheproof).
// The vector files are trusted test data under tests/data/vectors (see its README.md); they are read
// with Qt's JSON reader, while keys and tokens taken from them go through Signet's own strict parsers.

#include "jose/JwkSet.h"
#include "jose/TokenVerifier.h"
#include "jose/VerificationReport.h"

#include <QByteArray>
#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QString>

#include <optional>
#include <string_view>

namespace Signet::Test::Vectors {

// The expected outcome of a vector. Wycheproof's "acceptable" means either outcome is fine.
enum class Expect
{
    Valid,
    Invalid,
    Either
};

Expect expectFromResult(const QString& result); // "valid", "invalid", "acceptable"
QString expectName(Expect expect);

// Reads tests/data/vectors/<relative> as a JSON object or array (fatal when missing or malformed).
QJsonObject readObject(const QString& relative);
QJsonArray readArray(const QString& relative);

// Hex as Wycheproof writes it (lower case, even length).
QByteArray hex(const QJsonValue& value);
// Base64url of trusted data, decoded with Signet's strict decoder; nullopt when it is not canonical.
std::optional<QByteArray> base64Url(QByteArrayView text);

// A big-endian unsigned integer as exactly `size` bytes: leading zero bytes are stripped (Wycheproof
// writes a 00 in front of values with the top bit set) and short values are left-padded.
// Empty when the value does not fit.
QByteArray fitUnsigned(QByteArray value, int size);

// Compact JSON text of a trusted object, to be read back by Signet's strict parser (Jwk::parse).
QByteArray compactJson(const QJsonObject& object);
// The same object with one string member replaced, for repairing known defects in upstream keys.
QByteArray withMember(const QJsonObject& object, const QString& name, const QString& value);

// The error text of a Result or Status, empty when it holds a value: for QVERIFY2, which evaluates its
// message even when the check passes.
template<class T> QByteArray errorOf(const std::expected<T, Error>& result)
{
    return result ? QByteArray() : result.error().message.toUtf8();
}

inline std::string_view sv(const QByteArray& bytes)
{
    return {bytes.constData(), static_cast<std::size_t>(bytes.size())};
}

// What a verifier does with a compact JWS: the checks through "signature" are the JWS layer; the later
// ones ("claims", "exp", ...) are JWT rules. Tokens in these suites are often not JWTs (the payload is
// "foo" or prose), so "accepted" here means: format, header, algorithm, crit, key selection and the
// signature all passed.
bool jwsAccepted(const VerificationReport& report);
Outcome outcomeOf(const VerificationReport& report, CheckId id); // Skipped when the check did not run
// "format:passed header:passed ... signature:failed (does not match ...)" for failure messages.
QString describeReport(const VerificationReport& report);

// Options for JWS-level verification: no exp required (the payload may not be a JWT at all).
VerifyOptions jwsOptions();

// Verifies `token` with `keys` (through TokenVerifier::create, which refuses empty sets and duplicate
// kids). A set the verifier refuses counts as a rejection: nullopt.
std::optional<VerificationReport> verifyWith(JwkSet keys, std::string_view token, VerifyOptions options = jwsOptions());

// JWS-level verification without the verifier's policy: split, strict base64url, raw signature check.
bool verifyCompactSignature(const Jwk& key, Algorithm alg, std::string_view token);

// Counts the rows each data-driven test function ran and passed, for the summary and the minimum checks.
class CaseCounter
{
public:
    void passed(const char* function) { ++m_passed[QString::fromLatin1(function)]; }
    [[nodiscard]] int count(const char* function) const { return m_passed.value(QString::fromLatin1(function)); }
    // One line per function, printed by cleanupTestCase.
    void report() const;

private:
    QHash<QString, int> m_passed;
};

} // namespace Signet::Test::Vectors
