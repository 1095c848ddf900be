#include "jose/TokenEvaluation.h"

#include "foundation/Duration.h"

namespace Signet {

namespace {

const char* timeClaimName(CheckId id)
{
    switch (id) {
    case CheckId::Expiry:
        return "exp";
    case CheckId::NotBefore:
        return "nbf";
    default:
        return "iat";
    }
}

} // namespace

// The claim checks in order; the verdict stops at the first failure.
template<class Recorder> void TokenVerifier::Evaluation<Recorder>::checkClaims()
{
    using ClaimCheck = void (Evaluation::*)();
    for (ClaimCheck check : {&Evaluation::checkExpiry, &Evaluation::checkNotBefore, &Evaluation::checkIssuedAt,
                             &Evaluation::checkIssuer, &Evaluation::checkAudience, &Evaluation::checkRequired}) {
        (this->*check)();
        if (m_record.done())
            return;
    }
}

template<class Recorder> void TokenVerifier::Evaluation<Recorder>::checkExpiry()
{
    const StrictJson::Node exp = m_claims.find("exp");
    if (!exp && m_options.requireExpiry)
        m_record.fail(CheckId::Expiry, [] { return QStringLiteral("the token has no exp; tokens must expire"); });
    else if (!exp)
        m_record.skip(CheckId::Expiry, [] { return QStringLiteral("absent (allowed by the options)"); });
    else
        checkTime(CheckId::Expiry, exp);
}

template<class Recorder> QString TokenVerifier::Evaluation<Recorder>::leewayNote() const
{
    return m_options.leeway ? QStringLiteral(", beyond the leeway of %1 s").arg(m_options.leeway) : QString();
}

template<class Recorder> void TokenVerifier::Evaluation<Recorder>::checkTime(CheckId id, StrictJson::Node value)
{
    if (!value) {
        m_record.skip(id, [] { return QStringLiteral("absent"); });
        return;
    }
    if (!value.isNumber()) {
        m_record.fail(id,
                      [] { return QStringLiteral("not a NumericDate: it must be a number of seconds since 1970"); });
        return;
    }
    const double when = value.asNumber();
    if (!Duration::isRepresentable(when)) {
        m_record.fail(id, [&] { return Duration::unrepresentableDate(QString::fromLatin1(timeClaimName(id)), when); });
        return;
    }
    const auto now = static_cast<double>(m_now);
    const auto leeway = static_cast<double>(m_options.leeway);
    auto whole = [when] { return Duration::toSeconds(when); };
    // exp == now is already expired (RFC 7519 4.1.4: "on or after").
    if (id == CheckId::Expiry && now >= when + leeway) {
        m_record.fail(id, [&] {
            return QStringLiteral("expired %1 (%2)%3")
                .arg(Duration::formatSpan(m_now - whole()) + QStringLiteral(" ago"), Duration::formatUtc(whole()),
                     leewayNote());
        });
        return;
    }
    if (id == CheckId::NotBefore && now + leeway < when) {
        m_record.fail(id, [&] {
            return QStringLiteral("not valid yet: becomes valid in %1 (%2)%3")
                .arg(Duration::formatSpan(whole() - m_now), Duration::formatUtc(whole()), leewayNote());
        });
        return;
    }
    if (id == CheckId::IssuedAt && when > now + leeway) {
        m_record.fail(id, [&] {
            return QStringLiteral("issued in the future: %1 from now (%2)%3")
                .arg(Duration::formatSpan(whole() - m_now), Duration::formatUtc(whole()), leewayNote());
        });
        return;
    }
    m_record.pass(id);
}

template<class Recorder> void TokenVerifier::Evaluation<Recorder>::checkIssuer()
{
    if (!m_options.issuer) {
        m_record.skip(CheckId::Issuer, [] { return QStringLiteral("not checked: no expected issuer given"); });
        return;
    }
    const StrictJson::Node iss = m_claims.find("iss");
    if (!iss)
        m_record.fail(CheckId::Issuer,
                      [&] { return QStringLiteral("the token has no iss; expected \"%1\"").arg(*m_options.issuer); });
    else if (!iss.isString())
        m_record.fail(CheckId::Issuer, [] { return QStringLiteral("iss is not a string"); });
    else if (iss.asString() != m_verifier.m_issuer)
        m_record.fail(CheckId::Issuer, [&] {
            return QStringLiteral("\"%1\" is not the expected \"%2\"").arg(utf8Text(iss.asString()), *m_options.issuer);
        });
    else
        m_record.pass(CheckId::Issuer);
}

template<class Recorder> void TokenVerifier::Evaluation<Recorder>::checkAudience()
{
    const StrictJson::Node aud = m_claims.find("aud");
    const auto& audiences = m_verifier.m_audiences;
    if (audiences.empty()) {
        // RFC 7519 4.1.3: a recipient that cannot identify itself in "aud" must reject the token.
        if (aud)
            m_record.fail(CheckId::Audience, [] {
                return QStringLiteral("the token is for a specific audience, but no expected audience was given");
            });
        else
            m_record.skip(CheckId::Audience,
                          [] { return QStringLiteral("not checked: the token has no aud and none is expected"); });
        return;
    }
    if (!aud) {
        m_record.fail(CheckId::Audience, [&] {
            return QStringLiteral("the token has no aud; expected \"%1\"")
                .arg(m_options.audiences.join(QStringLiteral("\", \"")));
        });
        return;
    }
    auto expected = [&](std::string_view name) {
        return std::find(audiences.begin(), audiences.end(), name) != audiences.end();
    };
    bool matched = false;
    if (aud.isString()) {
        matched = expected(aud.asString());
    } else if (aud.isArray() && aud.size() > 0) {
        for (StrictJson::Node item : aud.children()) {
            if (!item.isString()) {
                m_record.fail(CheckId::Audience,
                              [] { return QStringLiteral("aud has an entry that is not a string"); });
                return;
            }
            matched = matched || expected(item.asString());
        }
    } else {
        m_record.fail(CheckId::Audience,
                      [] { return QStringLiteral("aud must be a string or a non-empty array of strings"); });
        return;
    }
    if (!matched) {
        m_record.fail(CheckId::Audience, [&] {
            const QString actual =
                aud.isString() ? utf8Text(aud.asString()) : QStringLiteral("%1 audiences").arg(aud.size());
            return QStringLiteral("\"%1\" does not include the expected \"%2\"")
                .arg(actual, m_options.audiences.join(QStringLiteral("\" or \"")));
        });
        return;
    }
    m_record.pass(CheckId::Audience);
}

template<class Recorder> void TokenVerifier::Evaluation<Recorder>::checkRequired()
{
    const auto& required = m_verifier.m_required;
    if (required.empty())
        return;
    auto present = [this](const std::string& name) { return m_claims.contains(name); };
    if (std::all_of(required.begin(), required.end(), present)) {
        m_record.pass(CheckId::Required);
        return;
    }
    m_record.fail(CheckId::Required, [&] {
        QStringList missing;
        for (const std::string& name : required) {
            if (!present(name))
                missing.append(utf8Text(name));
        }
        return QStringLiteral("missing: %1").arg(missing.join(QStringLiteral(", ")));
    });
}

// TokenVerifier.cpp runs the evaluation and calls checkClaims() for both recorders.
template void TokenVerifier::Evaluation<TokenVerifier::ReportRecorder>::checkClaims();
template void TokenVerifier::Evaluation<TokenVerifier::VerdictRecorder>::checkClaims();

} // namespace Signet
