#include "server/JwksDocument.h"

#include "foundation/StrictJson.h"
#include "jose/KeyFile.h"

namespace Signet {

Result<JwkSet> parseJwksDocument(QByteArrayView body)
{
    if (body.trimmed().isEmpty())
        return fail(ErrorCode::InvalidInput, QStringLiteral("not JSON: the body is empty"));
    auto json = StrictJson::parse(std::string_view(body.data(), static_cast<std::size_t>(body.size())));
    if (!json)
        return fail(ErrorCode::InvalidInput, QStringLiteral("not JSON: %1").arg(json.error().describe()));
    const JsonValue* keys = json->isObject() ? json->find("keys") : nullptr;
    if (!keys || !keys->isArray())
        return fail(ErrorCode::InvalidInput,
                    QStringLiteral("not a JWKS: expected a JSON object with a \"keys\" array"));
    auto set = JwkSet::fromJson(*json);
    if (!set)
        return std::unexpected(set.error().withContext(QStringLiteral("a key is unusable")));
    if (set->isEmpty()) {
        const QString skipped =
            set->skipped().isEmpty() ? QStringLiteral("the set is empty") : set->skipped().join(QStringLiteral("; "));
        return fail(ErrorCode::InvalidInput, QStringLiteral("the JWKS has no usable key (%1)").arg(skipped));
    }
    KeyFile::Loaded loaded{std::move(*set), KeyFile::Format::JwkSet, QStringLiteral("a JWK set")};
    if (auto publicOnly = KeyFile::checkPublicSet(loaded); !publicOnly)
        return std::unexpected(publicOnly.error());
    return std::move(loaded.keys);
}

} // namespace Signet
