#pragma once

// What the key commands say about a project's keys, shared by generate, import, rotate and jwks export.

#include "workspace/Records.h"

#include <QList>
#include <QString>

namespace Signet::Cli {

// "generated ES256 key (EC P-256) for project 'p': kid K, next" and what that state means.
QString keyAddedMessage(const SigningKeyRecord& key, const QString& verb);
// "kid (active), kid (next), kid (retiring)": what the JWKS publishes now.
QString publishedSummary(const QList<SigningKeyRecord>& keys);

} // namespace Signet::Cli
