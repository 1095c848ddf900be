#include "server/Endpoints.h"

#include "workspace/Workspace.h"

namespace Signet {

namespace {

JsonValue strings(const QStringList& values)
{
    JsonValue array = JsonValue::array();
    for (const QString& value : values)
        array.items().push_back(JsonValue::string(value.toStdString()));
    return array;
}

} // namespace

HttpResponse openidConfiguration(const ServerContext& context, const Project& project)
{
    const QString url = context.projectUrl(project.id);
    QStringList algorithms;
    if (auto keys = context.workspace.keys().list(project.id)) {
        for (const SigningKeyRecord& key : *keys) {
            const auto name = QString::fromLatin1(algorithmName(key.algorithm));
            if (isPublished(key.state) && !algorithms.contains(name))
                algorithms.append(name);
        }
    }
    QStringList scopes;
    for (const Scope& scope : project.scopes)
        scopes.append(scope.name);

    JsonValue document = JsonValue::object();
    auto set = [&](const char* name, const QString& value) {
        document.set(name, JsonValue::string(value.toStdString()));
    };
    set("issuer", context.issuerOf(project));
    set("jwks_uri", url + QStringLiteral("/.well-known/jwks.json"));
    set("token_endpoint", url + QStringLiteral("/oauth/token"));
    set("introspection_endpoint", url + QStringLiteral("/introspect"));
    set("userinfo_endpoint", url + QStringLiteral("/me"));
    document.set("grant_types_supported", strings({QStringLiteral("client_credentials")}));
    document.set("token_endpoint_auth_methods_supported",
                 strings({QStringLiteral("client_secret_basic"), QStringLiteral("client_secret_post")}));
    document.set("introspection_endpoint_auth_methods_supported", strings({QStringLiteral("client_secret_basic")}));
    document.set("response_types_supported", strings({QStringLiteral("token")}));
    document.set("subject_types_supported", strings({QStringLiteral("public")}));
    document.set("id_token_signing_alg_values_supported", strings(algorithms));
    if (!scopes.isEmpty())
        document.set("scopes_supported", strings(scopes));
    return HttpResponse::json(200, document).withHeader("Cache-Control", "no-cache");
}

} // namespace Signet
