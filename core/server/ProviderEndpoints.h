#pragma once

// The routes of the providers' own shapes, for projects that follow their profile: Stack Auth's
// REST user check, VocalStack's client tokens and their one-time check. (The JWKS aliases,
// /<id>/jwks.json for Transcodes and /api/v1/projects/<id>/.well-known/jwks.json for Stack Auth,
// are served by ServerRoutes with the prepared JWKS.)

#include "server/HttpMessage.h"
#include "server/ServerContext.h"

namespace Signet {

struct Profile;

// Whether the project's profile lists the route (profile.routes).
bool offersRoute(const ServerContext& context, const Project& project, const QString& route);

// GET /api/v1/users/me with x-stack-access-type, x-stack-project-id, x-stack-secret-server-key and
// x-stack-access-token: 200 with the user, 401 saying which header or check failed.
HttpResponse stackAuthUsersMe(const ServerContext& context, const HttpRequest& request);
// POST /p/ID/vocalstack/token, Bearer an API key's secret, body generateToken's options
// {access, lifetime_s, one_time}: a client token shaped by the profile.
HttpResponse vocalStackToken(const ServerContext& context, const Project& project, const HttpRequest& request);
// GET or POST /p/ID/vocalstack/check, Bearer a client token: 200 once for a one-time token, then
// 401 "token already used"; 401 "token expired" after its lifetime.
HttpResponse vocalStackCheck(const ServerContext& context, const Project& project, const HttpRequest& request);

} // namespace Signet
