#include "jose/VerificationReport.h"

#include "foundation/Duration.h"

#include <algorithm>
#include <cmath>

namespace Signet {

namespace {

QString qs(const std::string& s)
{
    return QString::fromStdString(s);
}

const char* outcomeName(Outcome outcome)
{
    switch (outcome) {
    case Outcome::Passed:
        return "passed";
    case Outcome::Failed:
        return "failed";
    case Outcome::Skipped:
        return "skipped";
    }
    return "skipped";
}

QString timeText(double when, qint64 now)
{
    const auto seconds = Duration::toSeconds(when);
    return QStringLiteral("%1 (%2)").arg(Duration::formatRelative(seconds, now), Duration::formatUtc(seconds));
}

QString audienceText(const JsonValue* aud)
{
    if (!aud)
        return {};
    if (aud->isString())
        return QStringLiteral("\"%1\"").arg(qs(aud->asString()));
    QStringList names;
    for (const JsonValue& item : aud->items())
        names.append(QStringLiteral("\"%1\"").arg(item.isString() ? qs(item.asString()) : QStringLiteral("?")));
    return names.join(QStringLiteral(", "));
}

} // namespace

QString checkName(CheckId id)
{
    switch (id) {
    case CheckId::Format:
        return QStringLiteral("format");
    case CheckId::Header:
        return QStringLiteral("header");
    case CheckId::Algorithm:
        return QStringLiteral("algorithm");
    case CheckId::Critical:
        return QStringLiteral("crit");
    case CheckId::Key:
        return QStringLiteral("key");
    case CheckId::Signature:
        return QStringLiteral("signature");
    case CheckId::Claims:
        return QStringLiteral("claims");
    case CheckId::Expiry:
        return QStringLiteral("exp");
    case CheckId::NotBefore:
        return QStringLiteral("nbf");
    case CheckId::IssuedAt:
        return QStringLiteral("iat");
    case CheckId::Issuer:
        return QStringLiteral("iss");
    case CheckId::Audience:
        return QStringLiteral("aud");
    case CheckId::Required:
        return QStringLiteral("required claims");
    case CheckId::ApiKey:
        return QStringLiteral("api key");
    case CheckId::Scope:
        return QStringLiteral("scope");
    case CheckId::Lifetime:
        return QStringLiteral("lifetime");
    case CheckId::OneTime:
        return QStringLiteral("one-time");
    }
    return {};
}

QString TokenWarning::describe() const
{
    switch (kind) {
    case WarningKind::NoExpiry:
        return QStringLiteral("the token has no exp: it never expires");
    case WarningKind::LongLifetime:
        return QStringLiteral("lifetime of %1 is long for a token (over a day)").arg(Duration::formatSpan(value));
    case WarningKind::EmbeddedKeyHeader:
        return QStringLiteral("the header carries \"%1\": a key or key location chosen by the token's author; "
                              "it is ignored, never trusted")
            .arg(qs(member));
    case WarningKind::ShortHmacSecret:
        return QStringLiteral("the HMAC secret is only %1 bytes; the algorithm needs at least its hash size")
            .arg(value);
    case WarningKind::UnsecuredAlgorithm:
        return QStringLiteral("alg \"none\": the token is not signed at all");
    }
    return {};
}

void collectWarnings(const JsonValue& header, const JsonValue& claims, std::vector<TokenWarning>& out)
{
    if (const JsonValue* alg = header.find("alg"); alg && alg->isString()) {
        std::string lower = alg->asString();
        for (char& c : lower)
            c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        if (lower == "none")
            out.push_back({WarningKind::UnsecuredAlgorithm, 0, {}});
    }
    for (const char* name : {"jwk", "jku", "x5u", "x5c", "x5t", "x5t#S256"}) {
        if (header.contains(name))
            out.push_back({WarningKind::EmbeddedKeyHeader, 0, name});
    }
    if (!claims.isObject())
        return;
    const JsonValue* exp = claims.find("exp");
    if (!exp) {
        out.push_back({WarningKind::NoExpiry, 0, {}});
    } else if (exp->isNumber()) {
        const JsonValue* iat = claims.find("iat");
        const JsonValue* nbf = claims.find("nbf");
        const JsonValue* start = iat && iat->isNumber() ? iat : nbf && nbf->isNumber() ? nbf : nullptr;
        if (start) {
            const double lifetime = exp->asNumber() - start->asNumber();
            if (lifetime > 86400)
                out.push_back({WarningKind::LongLifetime, static_cast<qint64>(std::min(lifetime, 1e12)), {}});
        }
    }
}

bool VerificationReport::isValid() const
{
    if (m_checks.empty())
        return false;
    for (const Check& check : m_checks) {
        if (check.outcome == Outcome::Failed)
            return false;
    }
    // A report whose signature was never checked is never valid.
    const Check* signature = find(CheckId::Signature);
    return signature && signature->outcome == Outcome::Passed;
}

std::vector<TokenWarning> VerificationReport::warnings() const
{
    std::vector<TokenWarning> result;
    collectWarnings(m_header, m_claims, result);
    return result;
}

const Check* VerificationReport::find(CheckId id) const
{
    for (const Check& check : m_checks) {
        if (check.id == id)
            return &check;
    }
    return nullptr;
}

const Check* VerificationReport::firstFailure() const
{
    for (const Check& check : m_checks) {
        if (check.outcome == Outcome::Failed)
            return &check;
    }
    return nullptr;
}

QString VerificationReport::passMessage(const Check& check) const
{
    const JsonValue* value = nullptr;
    switch (check.id) {
    case CheckId::Format:
        return QStringLiteral("three base64url segments");
    case CheckId::Header:
        return QStringLiteral("a JSON object with \"alg\"");
    case CheckId::Algorithm:
        return m_algorithm ? QStringLiteral("%1 (%2) is allowed")
                                 .arg(algorithmQName(*m_algorithm), algorithmDescription(*m_algorithm))
                           : QString();
    case CheckId::Critical:
        return QStringLiteral("no critical extensions to honour");
    case CheckId::Key:
        if (m_kidUnchecked)
            return QStringLiteral("%1 (the key has no kid, so the token's kid was not matched)").arg(keyDescription());
        return keyId().isEmpty() ? QStringLiteral("%1, the one key that fits").arg(keyDescription())
                                 : QStringLiteral("kid \"%1\" (%2)").arg(keyId(), keyDescription());
    case CheckId::Signature:
        return QStringLiteral("verified with %1").arg(keyDescription());
    case CheckId::Claims:
        return QStringLiteral("a JSON object");
    case CheckId::Expiry:
        value = m_claims.find("exp");
        return value ? QStringLiteral("expires %1").arg(timeText(value->asNumber(), m_evaluatedAt)) : QString();
    case CheckId::NotBefore:
        value = m_claims.find("nbf");
        return value ? QStringLiteral("valid since %1").arg(timeText(value->asNumber(), m_evaluatedAt)) : QString();
    case CheckId::IssuedAt:
        value = m_claims.find("iat");
        return value ? QStringLiteral("issued %1").arg(timeText(value->asNumber(), m_evaluatedAt)) : QString();
    case CheckId::Issuer:
        return QStringLiteral("matches \"%1\"").arg(m_expectedIssuer);
    case CheckId::Audience:
        return QStringLiteral("%1 includes an expected audience").arg(audienceText(m_claims.find("aud")));
    case CheckId::Required:
        return QStringLiteral("present: %1").arg(m_requiredClaims.join(QStringLiteral(", ")));
    case CheckId::ApiKey:
    case CheckId::Scope:
    case CheckId::Lifetime:
    case CheckId::OneTime:
        break; // added with their own messages
    }
    return {};
}

QString VerificationReport::message(const Check& check) const
{
    const QString detail =
        check.outcome == Outcome::Passed && check.reason.isEmpty() ? passMessage(check) : check.reason;
    return detail.isEmpty() ? checkName(check.id) : checkName(check.id) + QStringLiteral(": ") + detail;
}

void VerificationReport::addCheck(CheckId id, Outcome outcome, QString message)
{
    m_checks.push_back(Check{id, outcome, std::move(message)});
}

void VerificationReport::explainFailure(CheckId id, QString reason)
{
    for (Check& check : m_checks) {
        if (check.id == id && check.outcome == Outcome::Failed)
            check.reason = std::move(reason);
    }
}

QString VerificationReport::summary() const
{
    if (isValid())
        return QStringLiteral("valid");
    const Check* failure = firstFailure();
    return failure ? message(*failure) : QStringLiteral("not verified");
}

JsonValue VerificationReport::toJson() const
{
    JsonValue json = JsonValue::object();
    json.set("valid", JsonValue::boolean(isValid()));
    if (m_algorithm)
        json.set("algorithm", JsonValue::string(std::string(algorithmName(*m_algorithm))));
    if (m_key) {
        JsonValue key = JsonValue::object();
        if (!keyId().isEmpty())
            key.set("kid", JsonValue::string(keyId().toStdString()));
        key.set("type", JsonValue::string(keyDescription().toStdString()));
        json.set("key", std::move(key));
    }
    json.set("evaluatedAt", JsonValue::integer(m_evaluatedAt));
    JsonValue::Array checks;
    for (const Check& check : m_checks) {
        JsonValue entry = JsonValue::object();
        entry.set("check", JsonValue::string(checkName(check.id).toStdString()));
        entry.set("status", JsonValue::string(outcomeName(check.outcome)));
        const QString detail =
            check.outcome == Outcome::Passed && check.reason.isEmpty() ? passMessage(check) : check.reason;
        entry.set("message", JsonValue::string(detail.toStdString()));
        checks.push_back(std::move(entry));
    }
    json.set("checks", JsonValue::array(std::move(checks)));
    JsonValue::Array warningList;
    for (const TokenWarning& warning : this->warnings())
        warningList.push_back(JsonValue::string(warning.describe().toStdString()));
    json.set("warnings", JsonValue::array(std::move(warningList)));
    if (m_header.isObject())
        json.set("header", m_header);
    if (m_claims.isObject())
        json.set("claims", m_claims);
    return json;
}

} // namespace Signet
