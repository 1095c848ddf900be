#include "cli/RecordViews.h"

#include "foundation/Duration.h"
#include "foundation/StrictJson.h"

namespace Signet::Cli {

JsonValue jsonString(const QString& text)
{
    return JsonValue::string(text.toStdString());
}

JsonValue jsonStrings(const QStringList& texts)
{
    JsonValue::Array items;
    for (const QString& text : texts)
        items.push_back(jsonString(text));
    return JsonValue::array(std::move(items));
}

JsonValue jsonTime(std::optional<qint64> when)
{
    return when ? JsonValue::integer(*when) : JsonValue::null();
}

JsonValue projectJson(const Project& project)
{
    JsonValue json = JsonValue::object();
    json.set("id", jsonString(project.id));
    json.set("name", jsonString(project.name));
    json.set("issuer", jsonString(project.issuer));
    json.set("audience", jsonString(project.audience));
    json.set("defaultTtl", JsonValue::integer(project.defaultTtl));
    json.set("maxTtl", JsonValue::integer(project.maxTtl));
    json.set("jwksMaxAge", JsonValue::integer(project.jwksMaxAge));
    json.set("rotationInterval", JsonValue::integer(project.rotationInterval));
    QStringList scopes;
    for (const Scope& scope : project.scopes)
        scopes.append(scope.name);
    json.set("scopes", jsonStrings(scopes));
    json.set("createdAt", JsonValue::integer(project.createdAt));
    json.set("profile", project.profile.isEmpty() ? JsonValue::null() : jsonString(project.profile));
    return json;
}

JsonValue signingKeyJson(const SigningKeyRecord& key)
{
    JsonValue json = JsonValue::object();
    json.set("kid", jsonString(key.kid));
    json.set("alg", jsonString(algorithmQName(key.algorithm)));
    json.set("keyType", jsonString(key.keyType));
    json.set("state", jsonString(keyStateName(key.state)));
    json.set("createdAt", JsonValue::integer(key.createdAt));
    json.set("activatedAt", jsonTime(key.activatedAt));
    json.set("retireAt", jsonTime(key.retireAt));
    json.set("endedAt", jsonTime(key.endedAt));
    json.set("fingerprint", jsonString(key.fingerprint));
    const QByteArray publicJwk = key.publicJwk.toUtf8();
    auto parsed =
        StrictJson::parse(std::string_view(publicJwk.constData(), static_cast<std::size_t>(publicJwk.size())));
    json.set("publicJwk", parsed ? std::move(*parsed) : JsonValue::null());
    return json;
}

JsonValue apiKeyJson(const ApiKeyRecord& key, qint64 now)
{
    JsonValue json = JsonValue::object();
    json.set("id", jsonString(key.id));
    json.set("project", jsonString(key.projectId));
    json.set("name", jsonString(key.name));
    json.set("scopes", jsonStrings(key.scopes));
    json.set("createdAt", JsonValue::integer(key.createdAt));
    json.set("expiresAt", jsonTime(key.expiresAt));
    json.set("lastUsedAt", jsonTime(key.lastUsedAt));
    json.set("revokedAt", jsonTime(key.revokedAt));
    json.set("status", jsonString(statusWord(key.status(now))));
    return json;
}

JsonValue ledgerEntryJson(const LedgerEntry& entry, qint64 now)
{
    JsonValue json = JsonValue::object();
    json.set("jti", jsonString(entry.jti));
    json.set("kid", jsonString(entry.kid));
    json.set("alg", jsonString(entry.algorithm));
    json.set("subject", jsonString(entry.subject));
    json.set("audience", jsonStrings(entry.audience));
    json.set("scopes", jsonStrings(entry.scopes));
    json.set("issuedAt", JsonValue::integer(entry.issuedAt));
    json.set("expiresAt", JsonValue::integer(entry.expiresAt));
    json.set("oneTime", JsonValue::boolean(entry.oneTime));
    json.set("consumedAt", jsonTime(entry.consumedAt));
    json.set("status", jsonString(statusWord(entry.oneTimeStatus(now))));
    return json;
}

JsonValue auditEventJson(const AuditEvent& event)
{
    JsonValue json = JsonValue::object();
    json.set("id", JsonValue::integer(event.id));
    json.set("at", JsonValue::integer(event.at));
    json.set("time", jsonString(Duration::formatUtc(event.at)));
    json.set("actor", jsonString(event.actor));
    json.set("action", jsonString(event.action));
    json.set("project", event.projectId.isEmpty() ? JsonValue::null() : jsonString(event.projectId));
    json.set("object", jsonString(event.object));
    json.set("details", jsonString(event.details));
    json.set("member", event.member.isEmpty() ? JsonValue::null() : jsonString(event.member));
    json.set("machine", event.machine.isEmpty() ? JsonValue::null() : jsonString(event.machine));
    return json;
}

QString statusWord(ApiKeyStatus status)
{
    switch (status) {
    case ApiKeyStatus::Usable:
        return QStringLiteral("usable");
    case ApiKeyStatus::Revoked:
        return QStringLiteral("revoked");
    case ApiKeyStatus::Expired:
        return QStringLiteral("expired");
    }
    return {};
}

QString statusWord(OneTimeStatus status)
{
    switch (status) {
    case OneTimeStatus::NotOneTime:
        return QStringLiteral("no");
    case OneTimeStatus::Unused:
        return QStringLiteral("unused");
    case OneTimeStatus::Used:
        return QStringLiteral("used");
    case OneTimeStatus::Expired:
        return QStringLiteral("expired");
    }
    return {};
}

QString scopeCatalogue(const Project& project)
{
    QStringList names;
    for (const Scope& scope : project.scopes)
        names.append(scope.name);
    return names.isEmpty() ? QStringLiteral("(any)") : names.join(QStringLiteral(", "));
}

} // namespace Signet::Cli
