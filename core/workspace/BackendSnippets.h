#pragma once

// Ready-to-paste verification code for a project's tokens: Node jsonwebtoken + jwks-rsa, Node jose
// and Python PyJWT, filled in with the project's JWKS URL (the provider's URL shape on the local
// server), issuer, audience and algorithm, requiring exp, and checking the rules of the project's
// profile. Each snippet defines verifyToken(token) / verify_token(token), which returns the claims
// or throws.

#include "foundation/Error.h"
#include "workspace/Records.h"

#include <QList>
#include <QString>

namespace Signet {

class Workspace;

enum class SnippetLanguage
{
    NodeJsonwebtoken, // CommonJS: module.exports = {verifyToken}
    NodeJose,         // ES module: export async function verifyToken
    PythonPyJwt,      // def verify_token(token)
};
QString snippetLanguageName(SnippetLanguage language); // node-jsonwebtoken, node-jose, python-pyjwt
std::optional<SnippetLanguage> snippetLanguageFromName(const QString& name);
const QList<SnippetLanguage>& allSnippetLanguages();

struct BackendSnippet
{
    SnippetLanguage language;
    QString title;   // "Node: jsonwebtoken + jwks-rsa"
    QString install; // "npm install jsonwebtoken jwks-rsa"
    QString code;
};

// `serverBase`: where `signet-cli serve` answers (the JWKS URL and a profile issuer that follows it).
Result<BackendSnippet> backendSnippet(Workspace& workspace, const QString& projectId, SnippetLanguage language,
                                      const QString& serverBase);

} // namespace Signet
