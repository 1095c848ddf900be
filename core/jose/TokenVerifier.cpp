#include "jose/TokenVerifier.h"

#include "foundation/Duration.h"
#include "foundation/StrictJson.h"
#include "jose/Base64Url.h"

#include <cmath>

namespace Signet {

namespace {

QString qs(std::string_view s)
{
    return QString::fromUtf8(s.data(), static_cast<qsizetype>(s.size()));
}

// Registered JWS header names (RFC 7515 4.1): "crit" must not list them.
bool isRegisteredHeader(std::string_view name)
{
    static constexpr std::string_view kNames[] = {"alg", "jku",      "jwk", "kid", "x5u", "x5c",
                                                  "x5t", "x5t#S256", "typ", "cty", "crit"};
    for (auto registered : kNames) {
        if (registered == name)
            return true;
    }
    return false;
}

bool isNoneAlgorithm(const std::string& alg)
{
    if (alg.size() != 4)
        return false;
    for (std::size_t i = 0; i < 4; ++i) {
        if (std::tolower(static_cast<unsigned char>(alg[i])) != "none"[i])
            return false;
    }
    return true;
}

QString segmentName(int index)
{
    static const char* const kNames[] = {"header", "payload", "signature"};
    return QString::fromLatin1(kNames[index]);
}

} // namespace

struct TokenVerifier::Context
{
    VerificationReport& report;
    Jws::CompactParts parts;
    std::string signature;
    qint64 now = 0;
    const Jwk* key = nullptr;
    bool headerOk = false;
    bool claimsOk = false;

    void add(CheckId id, Outcome outcome, QString reason = {})
    {
        report.m_checks.push_back({id, outcome, std::move(reason)});
    }
    void pass(CheckId id) { add(id, Outcome::Passed); }
    void failed(CheckId id, QString reason) { add(id, Outcome::Failed, std::move(reason)); }
    void skip(CheckId id, QString reason) { add(id, Outcome::Skipped, std::move(reason)); }
};

Result<TokenVerifier> TokenVerifier::create(JwkSet keys, VerifyOptions options, const Clock& clock)
{
    if (keys.isEmpty())
        return fail(ErrorCode::InvalidArgument, QStringLiteral("there is no key to verify with"));
    if (auto unique = keys.checkUniqueKids(); !unique)
        return std::unexpected(unique.error());
    if (options.leeway < 0)
        return fail(ErrorCode::InvalidArgument, QStringLiteral("the leeway cannot be negative"));
    return TokenVerifier(std::make_shared<const JwkSet>(std::move(keys)), std::move(options), clock);
}

TokenVerifier::TokenVerifier(std::shared_ptr<const JwkSet> keys, VerifyOptions options, const Clock& clock)
    : m_keys(std::move(keys))
    , m_options(std::move(options))
    , m_clock(&clock)
{
    if (m_options.issuer)
        m_issuer = m_options.issuer->toStdString();
    for (const QString& audience : std::as_const(m_options.audiences))
        m_audiences.push_back(audience.toStdString());
    for (const QString& claim : std::as_const(m_options.requiredClaims))
        m_required.push_back(claim.toStdString());
    for (const Jwk& key : m_keys->keys()) {
        for (Algorithm alg : key.compatibleAlgorithms()) {
            if (!m_keyAlgorithms.contains(alg))
                m_keyAlgorithms.append(alg);
        }
    }
}

bool TokenVerifier::algorithmAllowed(Algorithm alg) const
{
    return m_options.algorithms.isEmpty() ? m_keyAlgorithms.contains(alg) : m_options.algorithms.contains(alg);
}

VerificationReport TokenVerifier::verify(const QString& token) const
{
    const QByteArray utf8 = token.toUtf8();
    return verify(std::string_view(utf8.constData(), static_cast<std::size_t>(utf8.size())));
}

VerificationReport TokenVerifier::verify(std::string_view token) const
{
    VerificationReport report;
    report.m_checks.reserve(13);
    report.m_keySet = m_keys;
    report.m_leeway = m_options.leeway;
    if (m_options.issuer)
        report.m_expectedIssuer = *m_options.issuer;
    report.m_expectedAudience = m_options.audiences;
    report.m_requiredClaims = m_options.requiredClaims;
    Context ctx{report, {}, {}, m_options.at ? *m_options.at : m_clock->now()};
    report.m_evaluatedAt = ctx.now;

    // Size first: nothing is decoded from an oversized token.
    if (token.size() > m_options.maxTokenSize) {
        ctx.failed(
            CheckId::Format,
            QStringLiteral("the token is %1 bytes; the limit is %2").arg(token.size()).arg(m_options.maxTokenSize));
        return report;
    }
    int segments = 0;
    if (token.empty()) {
        ctx.failed(CheckId::Format, QStringLiteral("the token is empty"));
        return report;
    }
    if (!Jws::split(token, ctx.parts, &segments)) {
        ctx.failed(CheckId::Format,
                   segments == 5
                       ? QStringLiteral("5 segments: this is an encrypted JWE, not a signed JWS")
                       : QStringLiteral("%1 segment(s); a compact JWS has 3 separated by dots").arg(segments));
        return report;
    }
    std::string headerJson, payload;
    const std::string_view pieces[3] = {ctx.parts.header, ctx.parts.payload, ctx.parts.signature};
    std::string* outputs[3] = {&headerJson, &payload, &ctx.signature};
    for (int i = 0; i < 3; ++i) {
        Base64Url::DecodeError error;
        if (!Base64Url::decode(pieces[i], *outputs[i], &error)) {
            ctx.failed(CheckId::Format, QStringLiteral("the %1 segment is not valid base64url: %2 (character %3)")
                                            .arg(segmentName(i), error.reason)
                                            .arg(error.offset));
            return report;
        }
    }
    if (ctx.parts.header.empty()) {
        ctx.failed(CheckId::Format, QStringLiteral("the header segment is empty"));
        return report;
    }
    ctx.pass(CheckId::Format);

    auto header = StrictJson::parseObject(headerJson);
    if (!header) {
        ctx.failed(CheckId::Header,
                   QStringLiteral("the header is not a valid JSON object: %1").arg(header.error().describe()));
        return report;
    }
    report.m_header = std::move(*header);
    auto claims = StrictJson::parseObject(payload);
    if (claims) {
        report.m_claims = std::move(*claims);
        ctx.claimsOk = true;
    }

    checkHeader(ctx);
    if (ctx.headerOk)
        selectKey(ctx);
    if (ctx.key) {
        if (Jws::verifyBytes(*ctx.key, *report.m_algorithm, ctx.parts.signingInput, ctx.signature))
            ctx.pass(CheckId::Signature);
        else
            ctx.failed(CheckId::Signature,
                       QStringLiteral("does not match: the token was altered or signed with another key"));
    } else {
        ctx.skip(CheckId::Signature, QStringLiteral("not checked: no usable key"));
    }

    if (!ctx.claimsOk) {
        ctx.failed(CheckId::Claims,
                   QStringLiteral("the payload is not a JSON object: %1").arg(claims.error().describe()));
        return report;
    }
    ctx.pass(CheckId::Claims);
    checkClaims(ctx);
    return report;
}

void TokenVerifier::checkHeader(Context& ctx) const
{
    const JsonValue& header = ctx.report.m_header;
    const JsonValue* alg = header.find("alg");
    if (!alg || !alg->isString()) {
        ctx.failed(CheckId::Header,
                   alg ? QStringLiteral("\"alg\" is not a string") : QStringLiteral("the header has no \"alg\""));
        return;
    }
    ctx.pass(CheckId::Header);

    const auto algorithm = algorithmFromName(std::string_view(alg->asString()));
    if (!algorithm) {
        ctx.failed(CheckId::Algorithm,
                   isNoneAlgorithm(alg->asString())
                       ? QStringLiteral("\"%1\": unsecured tokens are never accepted").arg(qs(alg->asString()))
                       : QStringLiteral("\"%1\" is not a supported JWS algorithm").arg(qs(alg->asString())));
        return;
    }
    ctx.report.m_algorithm = algorithm;
    if (!algorithmAllowed(*algorithm)) {
        QStringList allowed;
        for (Algorithm a : m_options.algorithms.isEmpty() ? m_keyAlgorithms : m_options.algorithms)
            allowed.append(algorithmQName(a));
        ctx.failed(CheckId::Algorithm, QStringLiteral("%1 is not allowed here (allowed: %2)")
                                           .arg(algorithmQName(*algorithm), allowed.join(QStringLiteral(", "))));
        return;
    }
    ctx.pass(CheckId::Algorithm);

    // b64:false (RFC 7797) changes what is signed; Signet does not implement it and refuses it.
    const JsonValue* b64 = header.find("b64");
    if (b64 && !(b64->isBool() && b64->asBool())) {
        ctx.failed(CheckId::Critical, QStringLiteral("\"b64\": false (unencoded payload, RFC 7797) is not supported"));
        return;
    }
    if (const JsonValue* crit = header.find("crit")) {
        if (!crit->isArray() || crit->items().empty()) {
            ctx.failed(CheckId::Critical, QStringLiteral("\"crit\" must be a non-empty array of header names"));
            return;
        }
        std::vector<std::string_view> seen;
        for (const JsonValue& entry : crit->items()) {
            if (!entry.isString()) {
                ctx.failed(CheckId::Critical, QStringLiteral("\"crit\" has an entry that is not a string"));
                return;
            }
            const std::string& name = entry.asString();
            if (std::find(seen.begin(), seen.end(), name) != seen.end()) {
                ctx.failed(CheckId::Critical, QStringLiteral("\"crit\" lists \"%1\" twice").arg(qs(name)));
                return;
            }
            seen.emplace_back(name);
            if (isRegisteredHeader(name)) {
                ctx.failed(CheckId::Critical,
                           QStringLiteral("\"crit\" must not list the registered header \"%1\"").arg(qs(name)));
                return;
            }
            if (!header.contains(name)) {
                ctx.failed(CheckId::Critical,
                           QStringLiteral("\"crit\" lists \"%1\", which the header does not have").arg(qs(name)));
                return;
            }
            if (name != "b64") {
                ctx.failed(CheckId::Critical,
                           QStringLiteral("\"crit\" requires the extension \"%1\", which Signet does not understand")
                               .arg(qs(name)));
                return;
            }
        }
    }
    ctx.pass(CheckId::Critical);
    ctx.headerOk = true;
}

void TokenVerifier::selectKey(Context& ctx) const
{
    const Algorithm alg = *ctx.report.m_algorithm;
    const JsonValue* kid = ctx.report.m_header.find("kid");
    const Jwk* key = nullptr;
    const auto& keys = m_keys->keys();
    if (kid) {
        if (!kid->isString()) {
            ctx.failed(CheckId::Key, QStringLiteral("the header \"kid\" is not a string"));
            return;
        }
        const std::string& wanted = kid->asString();
        for (const Jwk& candidate : keys) {
            // Compares UTF-16 with UTF-8 without converting either.
            if (!candidate.kid().isEmpty() && candidate.kidUtf8() == wanted) {
                key = &candidate;
                break;
            }
        }
        if (!key && keys.size() == 1 && keys.front().kid().isEmpty()) {
            key = &keys.front();
            ctx.report.m_kidUnchecked = true;
        }
        if (!key) {
            QStringList known;
            for (const Jwk& candidate : keys) {
                if (!candidate.kid().isEmpty() && known.size() < 5)
                    known.append(QStringLiteral("\"%1\"").arg(candidate.kid()));
            }
            ctx.failed(CheckId::Key,
                       QStringLiteral("kid \"%1\" is not among the %2 key(s)%3")
                           .arg(qs(wanted))
                           .arg(keys.size())
                           .arg(known.isEmpty() ? QString() : QStringLiteral(": ") + known.join(QStringLiteral(", "))));
            return;
        }
    } else {
        int candidates = 0;
        for (const Jwk& candidate : keys) {
            if (candidate.permits(alg, KeyOperation::Verify)) {
                key = key ? key : &candidate;
                ++candidates;
            }
        }
        if (candidates == 0) {
            ctx.failed(CheckId::Key,
                       QStringLiteral("no key can verify %1: %2")
                           .arg(algorithmQName(alg),
                                keys.size() == 1 ? keys.front().permits(alg, KeyOperation::Verify).error().message
                                                 : QStringLiteral("none of the %1 keys fits").arg(keys.size())));
            return;
        }
        if (candidates > 1) {
            ctx.failed(CheckId::Key, QStringLiteral("the token has no kid and %1 keys could verify %2: ambiguous")
                                         .arg(candidates)
                                         .arg(algorithmQName(alg)));
            return;
        }
    }
    ctx.report.m_key = key;
    if (auto permitted = key->permits(alg, KeyOperation::Verify); !permitted) {
        ctx.failed(CheckId::Key, permitted.error().message);
        return;
    }
    ctx.key = key;
    ctx.pass(CheckId::Key);
}

void TokenVerifier::checkClaims(Context& ctx) const
{
    const JsonValue* exp = ctx.report.m_claims.find("exp");
    if (!exp && m_options.requireExpiry)
        ctx.failed(CheckId::Expiry, QStringLiteral("the token has no exp; tokens must expire"));
    else if (!exp)
        ctx.skip(CheckId::Expiry, QStringLiteral("absent (allowed by the options)"));
    else
        checkTime(ctx, CheckId::Expiry, "exp");
    checkTime(ctx, CheckId::NotBefore, "nbf");
    checkTime(ctx, CheckId::IssuedAt, "iat");
    checkIssuer(ctx);
    checkAudience(ctx);
    checkRequired(ctx);
}

void TokenVerifier::checkTime(Context& ctx, CheckId id, std::string_view name) const
{
    const JsonValue* value = ctx.report.m_claims.find(name);
    if (!value) {
        ctx.skip(id, QStringLiteral("absent"));
        return;
    }
    if (!value->isNumber()) {
        ctx.failed(id, QStringLiteral("not a NumericDate: it must be a number of seconds since 1970"));
        return;
    }
    const double when = value->asNumber();
    const auto now = static_cast<double>(ctx.now);
    const auto leeway = static_cast<double>(m_options.leeway);
    const auto whole = Duration::toSeconds(when);
    auto leewayNote = [this] {
        return m_options.leeway ? QStringLiteral(", beyond the leeway of %1 s").arg(m_options.leeway) : QString();
    };
    switch (id) {
    case CheckId::Expiry:
        // exp == now is already expired (RFC 7519 4.1.4: "on or after").
        if (now >= when + leeway) {
            ctx.failed(id, QStringLiteral("expired %1 (%2)%3")
                               .arg(Duration::formatSpan(ctx.now - whole) + QStringLiteral(" ago"),
                                    Duration::formatUtc(whole), leewayNote()));
            return;
        }
        break;
    case CheckId::NotBefore:
        if (now + leeway < when) {
            ctx.failed(id, QStringLiteral("not valid yet: becomes valid in %1 (%2)%3")
                               .arg(Duration::formatSpan(whole - ctx.now), Duration::formatUtc(whole), leewayNote()));
            return;
        }
        break;
    case CheckId::IssuedAt:
        if (when > now + leeway) {
            ctx.failed(id, QStringLiteral("issued in the future: %1 from now (%2)%3")
                               .arg(Duration::formatSpan(whole - ctx.now), Duration::formatUtc(whole), leewayNote()));
            return;
        }
        break;
    default:
        break;
    }
    ctx.pass(id);
}

void TokenVerifier::checkIssuer(Context& ctx) const
{
    if (!m_options.issuer) {
        ctx.skip(CheckId::Issuer, QStringLiteral("not checked: no expected issuer given"));
        return;
    }
    const JsonValue* iss = ctx.report.m_claims.find("iss");
    if (!iss)
        ctx.failed(CheckId::Issuer, QStringLiteral("the token has no iss; expected \"%1\"").arg(*m_options.issuer));
    else if (!iss->isString())
        ctx.failed(CheckId::Issuer, QStringLiteral("iss is not a string"));
    else if (iss->asString() != m_issuer)
        ctx.failed(CheckId::Issuer,
                   QStringLiteral("\"%1\" is not the expected \"%2\"").arg(qs(iss->asString()), *m_options.issuer));
    else
        ctx.pass(CheckId::Issuer);
}

void TokenVerifier::checkAudience(Context& ctx) const
{
    const JsonValue* aud = ctx.report.m_claims.find("aud");
    if (m_audiences.empty()) {
        // RFC 7519 4.1.3: a recipient that cannot identify itself in "aud" must reject the token.
        if (aud)
            ctx.failed(CheckId::Audience,
                       QStringLiteral("the token is for a specific audience, but no expected audience was given"));
        else
            ctx.skip(CheckId::Audience, QStringLiteral("not checked: the token has no aud and none is expected"));
        return;
    }
    if (!aud) {
        ctx.failed(CheckId::Audience, QStringLiteral("the token has no aud; expected \"%1\"")
                                          .arg(m_options.audiences.join(QStringLiteral("\", \""))));
        return;
    }
    auto expected = [this](const std::string& name) {
        return std::find(m_audiences.begin(), m_audiences.end(), name) != m_audiences.end();
    };
    bool matched = false;
    if (aud->isString()) {
        matched = expected(aud->asString());
    } else if (aud->isArray() && !aud->items().empty()) {
        for (const JsonValue& item : aud->items()) {
            if (!item.isString()) {
                ctx.failed(CheckId::Audience, QStringLiteral("aud has an entry that is not a string"));
                return;
            }
            matched = matched || expected(item.asString());
        }
    } else {
        ctx.failed(CheckId::Audience, QStringLiteral("aud must be a string or a non-empty array of strings"));
        return;
    }
    if (!matched) {
        QString actual =
            aud->isString() ? qs(aud->asString()) : QStringLiteral("%1 audiences").arg(aud->items().size());
        ctx.failed(CheckId::Audience, QStringLiteral("\"%1\" does not include the expected \"%2\"")
                                          .arg(actual, m_options.audiences.join(QStringLiteral("\" or \""))));
        return;
    }
    ctx.pass(CheckId::Audience);
}

void TokenVerifier::checkRequired(Context& ctx) const
{
    if (m_required.empty())
        return;
    QStringList missing;
    for (const std::string& name : m_required) {
        if (!ctx.report.m_claims.contains(name))
            missing.append(qs(name));
    }
    if (missing.isEmpty())
        ctx.pass(CheckId::Required);
    else
        ctx.failed(CheckId::Required, QStringLiteral("missing: %1").arg(missing.join(QStringLiteral(", "))));
}

} // namespace Signet
