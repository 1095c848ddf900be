#include "workspace/ProjectVerifier.h"

#include "foundation/Duration.h"
#include "profiles/ProfileCatalog.h"
#include "workspace/ApiKeyService.h"
#include "workspace/KeyService.h"
#include "workspace/ProjectService.h"
#include "workspace/TokenPeek.h"
#include "workspace/TokenRules.h"

namespace Signet {

namespace {

// How the token names its API key, for the verdict to say.
QString namedBy(bool byClaim, bool byKid)
{
    if (byClaim && byKid)
        return QStringLiteral("named by the apikey claim and the kid header");
    return byClaim ? QStringLiteral("named by the apikey claim") : QStringLiteral("named by the kid header");
}

// The scopes a token asks for: its scope claim (space-separated) and a permissions array, unless
// the project's profile has permissions of its own (VideoSDK's, checked by its rules, not by what
// an API key grants).
QStringList requestedScopes(const JsonValue& claims, const Profile* profile)
{
    QStringList scopes;
    if (const JsonValue* scope = claims.find("scope"); scope && scope->isString())
        scopes = QString::fromStdString(scope->asString()).split(QLatin1Char(' '), Qt::SkipEmptyParts);
    const bool permissionsAreScopes = !profile || !profile->fieldForClaim(QStringLiteral("permissions"));
    if (const JsonValue* permissions = claims.find("permissions");
        permissionsAreScopes && permissions && permissions->isArray()) {
        for (const JsonValue& permission : permissions->items())
            scopes.append(permission.isString() ? QString::fromStdString(permission.asString())
                                                : QStringLiteral("(a permission that is not a string)"));
    }
    return scopes;
}

void checkApiKeyState(VerificationReport& report, const ApiKeyRecord& key, const QString& how, qint64 when)
{
    const QString signedBy = QStringLiteral("signed by API key %1 ('%2'), %3").arg(key.id, key.name, how);
    switch (key.status(when)) {
    case ApiKeyStatus::Usable:
        report.addCheck(CheckId::ApiKey, Outcome::Passed, signedBy);
        return;
    case ApiKeyStatus::Revoked:
        report.addCheck(
            CheckId::ApiKey, Outcome::Failed,
            QStringLiteral("%1, which is revoked since %2").arg(signedBy, Duration::formatUtc(*key.revokedAt)));
        return;
    case ApiKeyStatus::Expired:
        report.addCheck(CheckId::ApiKey, Outcome::Failed,
                        QStringLiteral("%1, which expired at %2").arg(signedBy, Duration::formatUtc(*key.expiresAt)));
        return;
    }
}

void checkScopes(VerificationReport& report, const ApiKeyRecord& key, const Profile* profile)
{
    const QStringList requested = requestedScopes(report.claims(), profile);
    const QString grants = key.scopes.isEmpty() ? QStringLiteral("no scopes") : key.scopes.join(QLatin1Char(' '));
    if (auto granted = checkScopesGranted(key, requested); !granted) {
        report.addCheck(CheckId::Scope, Outcome::Failed,
                        QStringLiteral("%1 (it grants: %2)").arg(granted.error().message, grants));
        return;
    }
    report.addCheck(CheckId::Scope, Outcome::Passed,
                    requested.isEmpty() ? QStringLiteral("none asked")
                                        : QStringLiteral("%1, within what API key %2 grants (%3)")
                                              .arg(requested.join(QLatin1Char(' ')), key.id, grants));
}

void checkLifetime(VerificationReport& report, const Project& project)
{
    const JsonValue* exp = report.claims().find("exp");
    if (!exp || !exp->isNumber())
        return; // the exp check has said why already
    const JsonValue* iat = report.claims().find("iat");
    const qint64 start = iat && iat->isNumber() ? Duration::toSeconds(iat->asNumber()) : report.evaluatedAt();
    const qint64 lifetime = Duration::toSeconds(exp->asNumber()) - start;
    const QString span = Duration::formatSpan(std::max<qint64>(lifetime, 0));
    if (lifetime > project.maxTtl)
        report.addCheck(CheckId::Lifetime, Outcome::Failed,
                        QStringLiteral("%1 from %2 to exp exceeds the maximum token lifetime of project '%3' (%4)")
                            .arg(span, iat ? QStringLiteral("iat") : QStringLiteral("now"), project.id,
                                 Duration::formatSpan(project.maxTtl)));
    else
        report.addCheck(
            CheckId::Lifetime, Outcome::Passed,
            QStringLiteral("%1, within the project's maximum of %2").arg(span, Duration::formatSpan(project.maxTtl)));
}

// What happened to a signing key the project once published, and when.
QString keyHistory(const SigningKeyRecord& key, const QString& projectId)
{
    const QString when = key.endedAt ? Duration::formatUtc(*key.endedAt) : QStringLiteral("an unknown time");
    switch (key.state) {
    case KeyState::Revoked:
        return key.activatedAt ? QStringLiteral("kid \"%1\" is a key of project '%2' that was revoked at %3; tokens "
                                                "it signed no longer verify")
                                     .arg(key.kid, projectId, when)
                               : QStringLiteral("kid \"%1\" is a key of project '%2' that was revoked at %3 before it "
                                                "was ever activated")
                                     .arg(key.kid, projectId, when);
    case KeyState::Retired:
        return QStringLiteral("kid \"%1\" is a key of project '%2' that retired at %3 (its overlap ended); tokens it "
                              "signed no longer verify")
            .arg(key.kid, projectId, when);
    case KeyState::Retiring:
        return QStringLiteral("kid \"%1\" is a key of project '%2' that retires at %3, before the time this "
                              "verification is as of")
            .arg(key.kid, projectId, Duration::formatUtc(key.retireAt.value_or(0)));
    default:
        return {};
    }
}

} // namespace

struct ProjectVerifier::NamedApiKey
{
    ApiKeyRecord key;
    QString how; // "named by the apikey claim"
};

ProjectVerifier::ProjectVerifier(ProjectService& projects, KeyService& keys, ApiKeyService& apiKeys, const Clock& clock)
    : m_projects(projects)
    , m_keys(keys)
    , m_apiKeys(apiKeys)
    , m_clock(clock)
{}

Result<VerificationReport> ProjectVerifier::verify(const QString& projectId, std::string_view token,
                                                   VerifyOptions options)
{
    auto project = m_projects.get(projectId);
    if (!project)
        return std::unexpected(project.error());
    // A profile whose provider's tokens carry no iss or aud (VideoSDK) expects none.
    const auto profile = m_projects.followedProfile(*project);
    if (!options.issuer && (!profile || profile->issuer))
        options.issuer = m_projects.currentIssuer(*project);
    if (options.audiences.isEmpty() && (!profile || profile->audience))
        options.audiences = {project->audience};
    const TokenPeek peek = peekToken(token);
    auto named = namedApiKey(projectId, peek);
    if (!named)
        return std::unexpected(named.error());
    if (*named)
        return verifyWithApiKey(*project, **named, token, std::move(options));
    return verifyWithSigningKeys(*project, peek, token, std::move(options));
}

// Only the one or two ids the token names are looked up: every verification asks, most tokens name
// a signing key.
Result<std::optional<ProjectVerifier::NamedApiKey>> ProjectVerifier::namedApiKey(const QString& projectId,
                                                                                 const TokenPeek& peek)
{
    const QString claimed = peek.claimText("apikey");
    std::optional<ApiKeyRecord> byClaim;
    if (!claimed.isEmpty()) {
        auto found = m_apiKeys.find(projectId, claimed);
        if (!found)
            return std::unexpected(found.error());
        byClaim = std::move(*found);
    }
    std::optional<ApiKeyRecord> byKid;
    if (!peek.kid.isEmpty()) {
        auto found =
            peek.kid == claimed ? Result<std::optional<ApiKeyRecord>>(byClaim) : m_apiKeys.find(projectId, peek.kid);
        if (!found)
            return std::unexpected(found.error());
        byKid = std::move(*found);
    }
    if (!byClaim && !byKid)
        return std::optional<NamedApiKey>();
    if (byClaim && byKid && byClaim->id != byKid->id)
        return fail(ErrorCode::InvalidInput, QStringLiteral("the token's apikey claim names API key %1 but its kid "
                                                            "header names %2")
                                                 .arg(byClaim->id, byKid->id));
    const ApiKeyRecord& key = byClaim ? *byClaim : *byKid;
    return std::optional<NamedApiKey>(NamedApiKey{key, namedBy(byClaim.has_value(), byKid.has_value())});
}

Result<VerificationReport> ProjectVerifier::verifyWithApiKey(const Project& project, const NamedApiKey& named,
                                                             std::string_view token, VerifyOptions options)
{
    // The named key's secret alone, whatever the key's state: a revoked key's token is refused as
    // such, not as a token no key could verify.
    auto secret = m_apiKeys.verificationSecret(project.id, named.key.id);
    if (!secret)
        return std::unexpected(secret.error());
    JwkSet keys;
    keys.add(std::move(*secret));
    const qint64 when = options.at.value_or(m_clock.now());
    auto verifier = TokenVerifier::create(std::move(keys), std::move(options), m_clock);
    if (!verifier)
        return std::unexpected(verifier.error());
    VerificationReport report = verifier->verify(token);
    checkApiKeyState(report, named.key, named.how, when);
    checkScopes(report, named.key, m_projects.followedProfile(project).get());
    checkLifetime(report, project);
    return report;
}

Result<VerificationReport> ProjectVerifier::verifyWithSigningKeys(const Project& project, const TokenPeek& peek,
                                                                  std::string_view token, VerifyOptions options)
{
    auto keys = m_keys.publishedKeys(project.id, options.at);
    if (!keys)
        return std::unexpected(keys.error());
    if (keys->isEmpty())
        return fail(ErrorCode::NotFound,
                    QStringLiteral("project '%1' has no published signing key, and the token names "
                                   "none of its API keys")
                        .arg(project.id));
    auto verifier = TokenVerifier::create(std::move(*keys), std::move(options), m_clock);
    if (!verifier)
        return std::unexpected(verifier.error());
    VerificationReport report = verifier->verify(token);
    explainKeyFailure(report, project, peek);
    return report;
}

void ProjectVerifier::explainKeyFailure(VerificationReport& report, const Project& project, const TokenPeek& peek)
{
    // An HMAC token here must have come from an API key's secret, and must say which.
    if (peek.alg.startsWith(QLatin1String("HS"))) {
        report.explainFailure(CheckId::Algorithm,
                              QStringLiteral("%1 tokens of project '%2' are signed with an API key's secret and "
                                             "name it (apikey claim or kid header); this one names none of its "
                                             "API keys")
                                  .arg(peek.alg, project.id));
        return;
    }
    // Only a failed key check has something to explain: reading the key list for a token that passed
    // was a tenth of the time the Inspector takes to judge a pasted token.
    const Check* keyCheck = report.find(CheckId::Key);
    if (peek.kid.isEmpty() || !keyCheck || keyCheck->outcome != Outcome::Failed)
        return;
    auto keys = m_keys.list(project.id);
    if (!keys)
        return;
    for (const SigningKeyRecord& key : *keys) {
        if (key.kid == peek.kid) {
            if (const QString history = keyHistory(key, project.id); !history.isEmpty())
                report.explainFailure(CheckId::Key, history);
            return;
        }
    }
}

} // namespace Signet
