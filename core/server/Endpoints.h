#pragma once

// The endpoints under /p/ID, one function each; ServerRoutes picks one by method and path.

#include "server/HttpMessage.h"
#include "server/ServerContext.h"

namespace Signet {

// GET /.well-known/openid-configuration: where everything else is, for OIDC discovery clients.
HttpResponse openidConfiguration(const ServerContext& context, const Project& project);
// POST /oauth/token: OAuth 2.0 client credentials (RFC 6749 4.4) with an API key's id and secret.
Reply clientCredentialsToken(const ServerContext& context, const Project& project, const HttpRequest& request);
// POST /auth/api-key {"apiKey": secret} and POST /auth/refresh {"refreshToken": ...}: api.video's session.
HttpResponse apiKeySession(const ServerContext& context, const Project& project, const HttpRequest& request);
HttpResponse refreshSession(const ServerContext& context, const Project& project, const HttpRequest& request);
// GET /me with a bearer token: its claims, or 401 saying why.
HttpResponse me(const ServerContext& context, const Project& project, const HttpRequest& request);
// POST /introspect (RFC 7662), Basic-authenticated with an API key: uses up one-time tokens.
HttpResponse introspect(const ServerContext& context, const Project& project, const HttpRequest& request);

} // namespace Signet
