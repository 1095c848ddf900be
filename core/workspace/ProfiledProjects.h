#pragma once

// Projects that follow a provider profile: created with the profile's issuer, audience, lifetime
// and key algorithm, and minting tokens shaped by its fields and rules. Used by the CLI, the
// console and the local server alike, so that all three make the same token from the same inputs.

#include "foundation/Error.h"
#include "profiles/ProfileRules.h"
#include "workspace/Records.h"
#include "workspace/TokenService.h"

namespace Signet {

class Workspace;

// The default base of {base} in a profile's templates: where `signet-cli serve` listens by default.
QString defaultServerBase();

// A profile template with {base} and {project} filled in.
QString fillProfileTemplate(const QString& text, const QString& base, const QString& projectId);

// The issuer a project's tokens carry when `signet-cli serve` answers at `base`: a profile issuer
// made from the default {base} follows the server; any other is the project's own
// (ProjectService::issuerAt).
QString servedIssuer(Workspace& workspace, const Project& project, const QString& base);

// The project as the profile shapes it: issuer and audience from its templates (unless the draft
// sets them and the profile lets it), lifetimes from its bounds, and the profile's name.
Result<Project> profiledProject(const Profile& profile, Project draft, const QString& base = defaultServerBase());

// Creates the project `shaped` (from profiledProject(), perhaps adjusted within the profile's bounds)
// and, when the profile signs with a project key, its first active key of the profile's algorithm.
Result<Project> createProfiledProject(Workspace& workspace, const Profile& profile, const Project& shaped);

// The profile's claims, lifetime, one-time default and registered claims on the request, after
// checking that the project signs the profile's way (an API key's secret, or an active key of the
// profile's algorithm). `hasOneTimeFlag`: the caller asked for a one-time token explicitly.
Status shapeMintRequest(Workspace& workspace, const Profile& profile, const QList<ProfileInput>& inputs,
                        bool hasOneTimeFlag, MintRequest& request);

} // namespace Signet
