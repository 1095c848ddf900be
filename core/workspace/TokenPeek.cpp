#include "workspace/TokenPeek.h"

#include "foundation/StrictJson.h"
#include "jose/Base64Url.h"
#include "jose/Jws.h"

namespace Signet {

namespace {

JsonValue decodeObject(std::string_view segment)
{
    std::string json;
    if (!Base64Url::decode(segment, json))
        return JsonValue::object();
    auto parsed = StrictJson::parseObject(json);
    return parsed ? std::move(*parsed) : JsonValue::object();
}

QString text(const JsonValue& object, std::string_view name)
{
    const JsonValue* value = object.find(name);
    return value && value->isString() ? QString::fromStdString(value->asString()) : QString();
}

} // namespace

QString TokenPeek::claimText(std::string_view name) const
{
    return text(claims, name);
}

TokenPeek peekToken(std::string_view token)
{
    TokenPeek peek;
    Jws::CompactParts parts;
    if (token.size() > Jws::kDefaultMaxTokenSize || !Jws::split(token, parts))
        return peek;
    const JsonValue header = decodeObject(parts.header);
    peek.kid = text(header, "kid");
    peek.alg = text(header, "alg");
    peek.claims = decodeObject(parts.payload);
    return peek;
}

} // namespace Signet
