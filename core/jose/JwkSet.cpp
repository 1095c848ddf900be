#include "jose/JwkSet.h"

#include "foundation/StrictJson.h"

#include <QSet>

namespace Signet {

Result<JwkSet> JwkSet::fromJson(const JsonValue& object)
{
    const JsonValue* keys = object.find("keys");
    if (!keys || !keys->isArray())
        return fail(ErrorCode::InvalidInput, QStringLiteral("a JWK set needs a \"keys\" array"));
    JwkSet set;
    int index = 0;
    for (const JsonValue& entry : keys->items()) {
        auto jwk = Jwk::fromJson(entry);
        if (!jwk) {
            if (jwk.error().code == ErrorCode::Unsupported) {
                set.m_skipped.append(QStringLiteral("key %1: %2").arg(index).arg(jwk.error().message));
            } else {
                return std::unexpected(jwk.error().withContext(QStringLiteral("key %1 of the set").arg(index)));
            }
        } else {
            set.m_keys.push_back(std::move(*jwk));
        }
        ++index;
    }
    if (auto unique = set.checkUniqueKids(); !unique)
        return std::unexpected(unique.error());
    return set;
}

Result<JwkSet> JwkSet::parse(QByteArrayView json)
{
    auto value = StrictJson::parseObject(std::string_view(json.data(), static_cast<std::size_t>(json.size())));
    if (!value)
        return fail(ErrorCode::InvalidInput,
                    QStringLiteral("the JWK set is not valid JSON: %1").arg(value.error().describe()));
    return fromJson(*value);
}

Status JwkSet::checkUniqueKids() const
{
    QSet<QString> seen;
    for (const Jwk& key : m_keys) {
        if (key.kid().isEmpty())
            continue;
        if (seen.contains(key.kid()))
            return fail(
                ErrorCode::InvalidInput,
                QStringLiteral("two keys in the set have the kid \"%1\"; a kid must name one key").arg(key.kid()));
        seen.insert(key.kid());
    }
    return {};
}

const Jwk* JwkSet::findByKid(QStringView kid) const
{
    for (const Jwk& key : m_keys) {
        if (key.kid() == kid)
            return &key;
    }
    return nullptr;
}

JsonValue JwkSet::toPublicJson() const
{
    JsonValue::Array keys;
    for (const Jwk& key : m_keys) {
        if (!key.isSymmetric())
            keys.push_back(key.publicJwk().toJson());
    }
    JsonValue set = JsonValue::object();
    set.set("keys", JsonValue::array(std::move(keys)));
    return set;
}

} // namespace Signet
