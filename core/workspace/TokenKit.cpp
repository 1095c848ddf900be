#include "workspace/TokenKit.h"

#include "crypto/SecureBytes.h"
#include "foundation/JsonWriter.h"
#include "foundation/StrictJson.h"
#include "jose/Base64Url.h"
#include "jose/Jws.h"
#include "profiles/ProfileCatalog.h"
#include "workspace/ProfiledProjects.h"
#include "workspace/Workspace.h"

namespace Signet {

namespace {

// The claims of a token as a JSON object.
Result<JsonValue> claimsOf(const std::string& token)
{
    const std::size_t first = token.find('.');
    const std::size_t second = token.find('.', first + 1);
    std::string payload;
    if (first == std::string::npos || second == std::string::npos ||
        !Base64Url::decode(std::string_view(token).substr(first + 1, second - first - 1), payload))
        return fail(ErrorCode::Internal, QStringLiteral("the kit's valid token has no readable claims"));
    auto claims = StrictJson::parseObject(payload);
    if (!claims)
        return fail(ErrorCode::Internal, QStringLiteral("the kit's valid token has no readable claims"));
    return std::move(*claims);
}

JsonValue without(JsonValue object, std::string_view name)
{
    JsonValue out = JsonValue::object();
    for (auto& [member, value] : object.members()) {
        if (member != name)
            out.set(member, std::move(value));
    }
    return out;
}

std::string headerJson(std::string_view alg, const QString& kid)
{
    JsonValue header = JsonValue::object();
    header.set("alg", JsonValue::string(std::string(alg)));
    if (!kid.isEmpty())
        header.set("kid", JsonValue::string(kid.toStdString()));
    header.set("typ", JsonValue::string("JWT"));
    return JsonWriter::write(header);
}

// Signs and collects the kit's tokens.
class KitMaker
{
public:
    KitMaker(TokenKit& kit, const Jwk& key, Algorithm alg, QString kid)
        : m_kit(kit)
        , m_key(key)
        , m_alg(alg)
        , m_kid(std::move(kid))
    {}

    Status reject(const QString& label, const QString& tests, const JsonValue& claims)
    {
        return add(label, tests, m_key, m_alg, m_kid, claims);
    }
    Status add(const QString& label, const QString& tests, const Jwk& key, Algorithm alg, const QString& kid,
               const JsonValue& claims)
    {
        auto token = Jws::signCompact(key, alg, headerJson(algorithmName(alg), kid), JsonWriter::write(claims));
        if (!token)
            return std::unexpected(token.error().withContext(label));
        m_kit.tokens.append({label, tests, false, std::move(*token)});
        return {};
    }
    void addRaw(const QString& label, const QString& tests, std::string token)
    {
        m_kit.tokens.append({label, tests, false, std::move(token)});
    }

private:
    TokenKit& m_kit;
    const Jwk& m_key;
    Algorithm m_alg;
    QString m_kid;
};

// A value the field does not allow, for a claim field's rule.
std::optional<std::pair<QString, JsonValue>> breakingValue(const ProfileField& field)
{
    switch (field.type) {
    case ProfileFieldType::String:
        if (field.allowed.isEmpty())
            return std::nullopt;
        return std::pair{QStringLiteral("%1 not one of its values").arg(field.name),
                         JsonValue::string("kit-not-allowed")};
    case ProfileFieldType::StringList: {
        if (field.allowed.isEmpty())
            return std::nullopt;
        JsonValue list = JsonValue::array();
        list.items().push_back(JsonValue::string(field.allowed.front().value.toStdString()));
        list.items().push_back(JsonValue::string("kit-not-allowed"));
        return std::pair{QStringLiteral("%1 with a value it does not allow").arg(field.name), list};
    }
    case ProfileFieldType::Integer:
        if (field.maximum)
            return std::pair{QStringLiteral("%1 above %2").arg(field.name).arg(*field.maximum),
                             JsonValue::integer(*field.maximum + 1)};
        if (field.minimum)
            return std::pair{QStringLiteral("%1 below %2").arg(field.name).arg(*field.minimum),
                             JsonValue::integer(*field.minimum - 1)};
        return std::nullopt;
    case ProfileFieldType::Boolean:
        return std::nullopt;
    }
    return std::nullopt;
}

// A value the field allows, to show a requirement broken by the field's presence alone.
JsonValue allowedValue(const ProfileField& field)
{
    switch (field.type) {
    case ProfileFieldType::StringList: {
        JsonValue list = JsonValue::array();
        list.items().push_back(
            JsonValue::string(field.allowed.isEmpty() ? "kit" : field.allowed.front().value.toStdString()));
        return list;
    }
    case ProfileFieldType::Integer:
        return JsonValue::integer(field.minimum.value_or(1));
    case ProfileFieldType::Boolean:
        return JsonValue::boolean(true);
    case ProfileFieldType::String:
        break;
    }
    return JsonValue::string(field.allowed.isEmpty() ? "kit" : field.allowed.front().value.toStdString());
}

Status breakProfileRules(KitMaker& maker, const Profile& profile, const JsonValue& claims, qint64 issuedAt)
{
    for (const ProfileField& field : profile.fields) {
        const std::string claim = field.claim.toStdString();
        if (field.target == ProfileFieldTarget::Lifetime && field.maximum) {
            JsonValue tooLong = claims;
            tooLong.set("exp", JsonValue::integer(issuedAt + *field.maximum + 1));
            if (auto added =
                    maker.reject(QStringLiteral("%1: %2 above %3").arg(profile.name, field.name).arg(*field.maximum),
                                 QStringLiteral("the backend enforces %1's maximum lifetime (%2 s)")
                                     .arg(profile.title)
                                     .arg(*field.maximum),
                                 tooLong);
                !added)
                return added;
        }
        if (field.target != ProfileFieldTarget::Claim)
            continue;
        if (field.required) {
            if (auto added =
                    maker.reject(QStringLiteral("%1: no %2").arg(profile.name, field.claim),
                                 QStringLiteral("the backend requires %1").arg(field.claim), without(claims, claim));
                !added)
                return added;
        }
        if (const auto broken = breakingValue(field)) {
            JsonValue changed = claims;
            changed.set(claim, broken->second);
            if (auto added = maker.reject(
                    QStringLiteral("%1: %2").arg(profile.name, broken->first),
                    QStringLiteral("the backend checks %1 against %2's rule").arg(field.claim, profile.title), changed);
                !added)
                return added;
        }
        for (const ProfileRequirement& requirement : field.requirements) {
            const ProfileField* other = profile.field(requirement.field);
            JsonValue changed = other ? without(claims, other->claim.toStdString()) : claims;
            changed.set(claim, allowedValue(field));
            if (auto added =
                    maker.reject(QStringLiteral("%1: %2 without %3 %4")
                                     .arg(profile.name, field.name, requirement.field,
                                          QString::fromStdString(JsonWriter::write(requirement.value))),
                                 QStringLiteral("the backend requires %1 = %2 with %3")
                                     .arg(requirement.field,
                                          QString::fromStdString(JsonWriter::write(requirement.value)), field.name),
                                 changed);
                !added)
                return added;
        }
    }
    return {};
}

} // namespace

QByteArray tokenKitJson(const TokenKit& kit, const QString& jwksUri)
{
    const auto text = [](const QString& value) { return JsonValue::string(value.toStdString()); };
    JsonValue json = JsonValue::object();
    json.set("project", text(kit.projectId));
    json.set("profile", kit.profile.isEmpty() ? JsonValue::null() : text(kit.profile));
    json.set("jwks_uri", text(jwksUri));
    json.set("issuer", kit.issuer.isEmpty() ? JsonValue::null() : text(kit.issuer));
    json.set("audience", kit.audience.isEmpty() ? JsonValue::null() : text(kit.audience));
    json.set("algorithm", JsonValue::string(std::string(algorithmName(kit.algorithm))));
    JsonValue tokens = JsonValue::array();
    for (const KitToken& token : kit.tokens) {
        JsonValue entry = JsonValue::object();
        entry.set("label", text(token.label));
        entry.set("expect", JsonValue::string(token.accept ? "accept" : "reject"));
        entry.set("tests", text(token.tests));
        entry.set("token", JsonValue::string(token.token));
        tokens.items().push_back(std::move(entry));
    }
    json.set("tokens", std::move(tokens));
    return QByteArray::fromStdString(JsonWriter::write(json, JsonWriter::Style::Indented) + '\n');
}

Result<TokenKit> makeTokenKit(Workspace& workspace, const QString& projectId, const std::optional<QString>& issuer,
                              const std::optional<QString>& apiKeyId, const Clock& clock)
{
    auto project = workspace.projects().get(projectId);
    if (!project)
        return std::unexpected(project.error());
    const Profile* profile = nullptr;
    Result<std::shared_ptr<const ProfileCatalog>> catalog; // keeps `profile` alive
    if (!project->profile.isEmpty()) {
        catalog = workspace.profiles().catalog();
        if (!catalog)
            return std::unexpected(catalog.error());
        auto found = (*catalog)->find(project->profile);
        if (!found)
            return std::unexpected(found.error());
        profile = *found;
    }

    MintRequest mint;
    mint.projectId = projectId;
    mint.issuer = issuer;
    mint.subject = profile && !profile->subject ? QString() : QStringLiteral("kit-user");
    if (profile && profile->signer == ProfileSigner::ApiKeySecret) {
        mint.apiKeyId = apiKeyId;
        if (!mint.apiKeyId) {
            auto keys = workspace.apiKeys().list(projectId);
            if (!keys)
                return std::unexpected(keys.error());
            for (const ApiKeyRecord& key : *keys) {
                if (key.isUsable(clock.now())) {
                    mint.apiKeyId = key.id;
                    break;
                }
            }
            if (!mint.apiKeyId)
                return fail(
                    ErrorCode::InvalidArgument,
                    QStringLiteral("%1 tokens are signed with an API key's secret, and project %2 has no usable "
                                   "API key: create or import one first")
                        .arg(profile->title, projectId));
        }
    }
    if (profile) {
        if (auto shaped = shapeMintRequest(workspace, *profile, {}, false, mint); !shaped)
            return std::unexpected(shaped.error());
        mint.oneTime = false; // the backend under test verifies it as often as it likes
    }
    auto valid = workspace.tokens().mintRecorded(mint);
    if (!valid)
        return std::unexpected(valid.error());
    auto claims = claimsOf(valid->token);
    if (!claims)
        return std::unexpected(claims.error());

    auto key = mint.apiKeyId ? workspace.apiKeys().signingSecret(projectId, *mint.apiKeyId)
                             : workspace.keys().activeSigningKey(projectId);
    if (!key)
        return std::unexpected(key.error());
    const Algorithm alg = algorithmFromName(valid->entry.algorithm).value_or(Algorithm::HS256);
    const QString kid = mint.apiKeyId ? QString() : key->kid();

    TokenKit kit;
    kit.projectId = projectId;
    kit.profile = project->profile;
    kit.issuer = claims->find("iss") ? QString::fromStdString(claims->find("iss")->asString()) : QString();
    kit.audience = valid->entry.audience.join(QLatin1Char(' '));
    kit.algorithm = alg;
    kit.tokens.append(
        {QStringLiteral("valid"), QStringLiteral("the backend accepts a good token"), true, valid->token});

    KitMaker maker(kit, *key, alg, kid);
    const qint64 now = valid->entry.issuedAt;
    const auto at = [&](qint64 iat, qint64 exp) {
        JsonValue changed = *claims;
        changed.set("iat", JsonValue::integer(iat));
        changed.set("exp", JsonValue::integer(exp));
        return changed;
    };
    JsonValue notYet = at(now, now + 7200);
    notYet.set("nbf", JsonValue::integer(now + 3600));
    const struct
    {
        QString label, tests;
        JsonValue claims;
        bool applies;
    } changes[] = {
        {QStringLiteral("expired"), QStringLiteral("exp is checked (it passed an hour ago)"),
         at(now - 7200, now - 3600), true},
        {QStringLiteral("not yet valid"), QStringLiteral("nbf is checked (an hour from now)"), notYet, true},
        {QStringLiteral("wrong audience"), QStringLiteral("aud is checked"),
         [&] {
             JsonValue changed = *claims;
             changed.set("aud", JsonValue::string("kit-another-audience"));
             return changed;
         }(),
         claims->contains("aud")},
        {QStringLiteral("wrong issuer"), QStringLiteral("iss is checked"),
         [&] {
             JsonValue changed = *claims;
             changed.set("iss", JsonValue::string("https://issuer.invalid"));
             return changed;
         }(),
         claims->contains("iss")},
        {QStringLiteral("no exp"), QStringLiteral("a token without exp is refused"), without(*claims, "exp"), true},
    };
    for (const auto& change : changes) {
        if (!change.applies)
            continue;
        if (auto added = maker.reject(change.label, change.tests, change.claims); !added)
            return std::unexpected(added.error());
    }
    if (!kid.isEmpty()) {
        if (auto added = maker.add(QStringLiteral("unknown kid"),
                                   QStringLiteral("a kid the JWKS does not publish is refused, not guessed"), *key, alg,
                                   QStringLiteral("kit-unknown-kid"), *claims);
            !added)
            return std::unexpected(added.error());
    }
    std::string broken = valid->token;
    const std::size_t middle = broken.rfind('.') + (broken.size() - broken.rfind('.')) / 2;
    broken[middle] = broken[middle] == 'A' ? 'B' : 'A';
    maker.addRaw(QStringLiteral("broken signature"), QStringLiteral("the signature is checked"), broken);
    const std::string payload = Base64Url::encode(std::string_view(JsonWriter::write(*claims)));
    maker.addRaw(QStringLiteral("alg none"), QStringLiteral("unsigned tokens (alg: none) are refused"),
                 Base64Url::encode(std::string_view(headerJson("none", QString()))) + '.' + payload + '.');
    if (!key->isSymmetric()) {
        // The classic confusion: the public key, which anyone can fetch, used as an HMAC secret.
        auto pem = key->keyPair().toPem(Crypto::PemKind::PublicSpki);
        if (!pem)
            return std::unexpected(pem.error());
        const Jwk publicAsSecret = Jwk::fromSecret(Crypto::SecureBytes(*pem), kid, Algorithm::HS256);
        if (auto added = maker.add(QStringLiteral("HMAC with the public key"),
                                   QStringLiteral("the algorithm is pinned: an HS256 token made with the public key is "
                                                  "refused"),
                                   publicAsSecret, Algorithm::HS256, kid, *claims);
            !added)
            return std::unexpected(added.error());
    }
    if (profile) {
        if (auto added = breakProfileRules(maker, *profile, *claims, now); !added)
            return std::unexpected(added.error());
    }
    return kit;
}

} // namespace Signet
