#pragma once

// Values checked where they enter the workspace (a project's settings, a mint request, an imported
// key), so that nothing a token carries or a terminal shows holds a control character or a line
// break, and an issuer is a URL a verifier can fetch a JWKS from.

#include "foundation/Error.h"

#include <QString>

namespace Signet::FieldRules {

// An https URL without query or fragment; http only for localhost, 127.0.0.1 or [::1].
Status checkIssuer(const QString& issuer);
// Text a token carries (aud, sub): no control characters or line breaks, no surrounding spaces.
Status checkClaimText(const QString& what, const QString& text);
// A display name: no control characters or line breaks.
Status checkName(const QString& what, const QString& name);
// A kid: 1 to 128 printable ASCII characters, no spaces.
Status checkKeyId(const QString& kid);

} // namespace Signet::FieldRules
