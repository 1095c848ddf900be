#include "workspace/BackendSnippets.h"

#include "foundation/JsonWriter.h"
#include "profiles/ProfileCatalog.h"
#include "workspace/ProfiledProjects.h"
#include "workspace/Workspace.h"

namespace Signet {

namespace {

// What the snippet is filled in with.
struct Facts
{
    QString projectId;
    QString title; // the project's profile's title, or "Signet"
    QString jwksUri;
    std::optional<QString> issuer, audience;
    QString algorithm;
    std::optional<QString> secretVariable; // HMAC: the environment variable holding the secret
    const Profile* profile = nullptr;
    std::shared_ptr<const ProfileCatalog> catalog; // keeps `profile` alive
};

// A string literal both JavaScript and Python read (JSON's).
QString literal(const QString& text)
{
    return QString::fromStdString(JsonWriter::write(JsonValue::string(text.toStdString())));
}

QString literal(const JsonValue& value)
{
    return QString::fromStdString(JsonWriter::write(value));
}

QString listLiteral(const ProfileField& field)
{
    QStringList values;
    for (const ProfileValue& value : field.allowed)
        values.append(literal(value.value));
    return QLatin1Char('[') + values.join(QStringLiteral(", ")) + QLatin1Char(']');
}

// One rule as a condition that fails the token, in JavaScript or Python.
struct RuleCheck
{
    QString failsJs, failsPython, message;
};

QList<RuleCheck> ruleChecks(const Profile& profile)
{
    QList<RuleCheck> checks;
    for (const ProfileField& field : profile.fields) {
        if (field.target == ProfileFieldTarget::Lifetime && field.maximum)
            checks.append({QStringLiteral("payload.exp - payload.iat > %1").arg(*field.maximum),
                           QStringLiteral("payload[\"exp\"] - payload.get(\"iat\", 0) > %1").arg(*field.maximum),
                           QStringLiteral("%1 is at most %2 seconds").arg(field.name).arg(*field.maximum)});
        if (field.target != ProfileFieldTarget::Claim)
            continue;
        const QString js = QStringLiteral("payload[%1]").arg(literal(field.claim));
        const QString py = QStringLiteral("payload.get(%1)").arg(literal(field.claim));
        const QString present = QStringLiteral("%1 !== undefined").arg(js);
        const QString presentPy = QStringLiteral("%1 is not None").arg(py);
        if (field.required)
            checks.append({QStringLiteral("%1 === undefined").arg(js), QStringLiteral("%1 is None").arg(py),
                           QStringLiteral("%1 is required").arg(field.claim)});
        if (!field.allowed.isEmpty() && field.type == ProfileFieldType::String)
            checks.append({QStringLiteral("%1 && !%2.includes(%3)").arg(present, listLiteral(field), js),
                           QStringLiteral("%1 and %2 not in %3").arg(presentPy, py, listLiteral(field)),
                           QStringLiteral("%1 is one of %2").arg(field.claim, listLiteral(field))});
        if (!field.allowed.isEmpty() && field.type == ProfileFieldType::StringList)
            checks.append({QStringLiteral("%1 && (!Array.isArray(%2) || %2.some((v) => !%3.includes(v)))")
                               .arg(present, js, listLiteral(field)),
                           QStringLiteral("%1 and (not isinstance(%2, list) or any(v not in %3 for v in %2))")
                               .arg(presentPy, py, listLiteral(field)),
                           QStringLiteral("%1 holds only %2").arg(field.claim, listLiteral(field))});
        if (field.type == ProfileFieldType::Integer && (field.minimum || field.maximum)) {
            const qint64 low = field.minimum.value_or(std::numeric_limits<qint32>::min());
            const qint64 high = field.maximum.value_or(std::numeric_limits<qint32>::max());
            checks.append({QStringLiteral("%1 && (!Number.isInteger(%2) || %2 < %3 || %2 > %4)")
                               .arg(present, js)
                               .arg(low)
                               .arg(high),
                           QStringLiteral("%1 and (not isinstance(%2, int) or not %3 <= %2 <= %4)")
                               .arg(presentPy, py)
                               .arg(low)
                               .arg(high),
                           QStringLiteral("%1 is between %2 and %3").arg(field.claim).arg(low).arg(high)});
        }
        for (const ProfileRequirement& requirement : field.requirements) {
            const ProfileField* other = profile.field(requirement.field);
            const QString otherClaim = other ? other->claim : requirement.field;
            checks.append(
                {QStringLiteral("%1 && payload[%2] !== %3")
                     .arg(present, literal(otherClaim), literal(requirement.value)),
                 QStringLiteral("%1 and payload.get(%2) != %3")
                     .arg(presentPy, literal(otherClaim), literal(requirement.value)),
                 QStringLiteral("%1 needs %2 = %3").arg(field.claim, otherClaim, literal(requirement.value))});
        }
    }
    return checks;
}

QString checksJs(const Facts& facts)
{
    QString out = QStringLiteral("// Beyond the signature: exp is required");
    out += facts.profile ? QStringLiteral(", and %1's rules hold.\n").arg(facts.title) : QStringLiteral(".\n");
    out += QStringLiteral("function checkClaims(payload) {\n"
                          "  if (typeof payload.exp !== 'number') throw new Error('the token has no exp');\n");
    if (facts.profile) {
        for (const RuleCheck& check : ruleChecks(*facts.profile))
            out += QStringLiteral("  if (%1) throw new Error(%2);\n").arg(check.failsJs, literal(check.message));
    }
    return out + QStringLiteral("}\n");
}

QString checksPython(const Facts& facts)
{
    QString out = QStringLiteral("# Beyond the signature: exp is required (jwt.decode's options)");
    out += facts.profile ? QStringLiteral(", and %1's rules hold.\n").arg(facts.title) : QStringLiteral(".\n");
    out += QStringLiteral("def check_claims(payload):\n");
    QList<RuleCheck> checks = facts.profile ? ruleChecks(*facts.profile) : QList<RuleCheck>();
    if (checks.isEmpty())
        return out + QStringLiteral("    pass\n");
    for (const RuleCheck& check : checks)
        out += QStringLiteral("    if %1:\n        raise jwt.InvalidTokenError(%2)\n")
                   .arg(check.failsPython, literal(check.message));
    return out;
}

QString jsOptions(const Facts& facts, bool jose)
{
    QStringList options{QStringLiteral("algorithms: [%1]").arg(literal(facts.algorithm))};
    if (facts.issuer)
        options.append(QStringLiteral("issuer: %1").arg(literal(*facts.issuer)));
    if (facts.audience)
        options.append(QStringLiteral("audience: %1").arg(literal(*facts.audience)));
    if (jose)
        options.append(QStringLiteral("requiredClaims: ['exp']"));
    return QStringLiteral("{ ") + options.join(QStringLiteral(", ")) + QStringLiteral(" }");
}

QString jsonwebtokenCode(const Facts& facts)
{
    QString out = QStringLiteral("// Verifies %1 tokens of project %2 (generated by Signet).\n"
                                 "const jwt = require('jsonwebtoken');\n")
                      .arg(facts.title, facts.projectId);
    QString key;
    if (facts.secretVariable) {
        out += QStringLiteral("// The API secret as the dashboard shows it: a string, passed as is (not base64url).\n"
                              "const SECRET = process.env.%1;\n")
                   .arg(*facts.secretVariable);
        key = QStringLiteral("SECRET");
    } else {
        out += QStringLiteral("const jwksClient = require('jwks-rsa');\n\n"
                              "const client = jwksClient({ jwksUri: %1, cache: true, cacheMaxAge: 600000 });\n\n"
                              "function getKey(header, callback) {\n"
                              "  client.getSigningKey(header.kid, (err, key) => {\n"
                              "    if (err) return callback(err);\n"
                              "    callback(null, key.getPublicKey());\n"
                              "  });\n"
                              "}\n")
                   .arg(literal(facts.jwksUri));
        key = QStringLiteral("getKey");
    }
    out += QLatin1Char('\n') + checksJs(facts);
    out += QStringLiteral("\nfunction verifyToken(token) {\n"
                          "  return new Promise((resolve, reject) => {\n"
                          "    jwt.verify(token, %1, %2, (err, payload) => {\n"
                          "      if (err) return reject(err);\n"
                          "      try {\n"
                          "        checkClaims(payload);\n"
                          "        resolve(payload);\n"
                          "      } catch (error) {\n"
                          "        reject(error);\n"
                          "      }\n"
                          "    });\n"
                          "  });\n"
                          "}\n\n"
                          "module.exports = { verifyToken };\n")
               .arg(key, jsOptions(facts, false));
    return out;
}

QString joseCode(const Facts& facts)
{
    QString out = QStringLiteral("// Verifies %1 tokens of project %2 (generated by Signet).\n"
                                 "import * as jose from 'jose';\n\n")
                      .arg(facts.title, facts.projectId);
    if (facts.secretVariable)
        out += QStringLiteral("// The API secret as the dashboard shows it: its UTF-8 bytes are the HMAC key.\n"
                              "const KEY = new TextEncoder().encode(process.env.%1);\n")
                   .arg(*facts.secretVariable);
    else
        out += QStringLiteral("const KEY = jose.createRemoteJWKSet(new URL(%1));\n").arg(literal(facts.jwksUri));
    out += QLatin1Char('\n') + checksJs(facts);
    out += QStringLiteral("\nexport async function verifyToken(token) {\n"
                          "  const { payload } = await jose.jwtVerify(token, KEY, %1);\n"
                          "  checkClaims(payload);\n"
                          "  return payload;\n"
                          "}\n")
               .arg(jsOptions(facts, true));
    return out;
}

QString pyjwtCode(const Facts& facts)
{
    QString out =
        QStringLiteral("# Verifies %1 tokens of project %2 (generated by Signet).\n").arg(facts.title, facts.projectId);
    QString key;
    if (facts.secretVariable) {
        out += QStringLiteral("import os\n\nimport jwt\n\n"
                              "# The API secret as the dashboard shows it: a string, passed as is.\n"
                              "SECRET = os.environ[%1]\n")
                   .arg(literal(*facts.secretVariable));
        key = QStringLiteral("SECRET");
    } else {
        out += QStringLiteral("import jwt\nfrom jwt import PyJWKClient\n\n"
                              "jwks_client = PyJWKClient(%1)\n")
                   .arg(literal(facts.jwksUri));
        key = QStringLiteral("jwks_client.get_signing_key_from_jwt(token).key");
    }
    out += QStringLiteral("\n\n") + checksPython(facts);
    QStringList arguments{QStringLiteral("algorithms=[%1]").arg(literal(facts.algorithm))};
    if (facts.issuer)
        arguments.append(QStringLiteral("issuer=%1").arg(literal(*facts.issuer)));
    if (facts.audience)
        arguments.append(QStringLiteral("audience=%1").arg(literal(*facts.audience)));
    arguments.append(QStringLiteral("options={\"require\": [\"exp\"]}"));
    out += QStringLiteral("\n\ndef verify_token(token):\n"
                          "    payload = jwt.decode(\n"
                          "        token,\n"
                          "        %1,\n"
                          "        %2,\n"
                          "    )\n"
                          "    check_claims(payload)\n"
                          "    return payload\n")
               .arg(key, arguments.join(QStringLiteral(",\n        ")));
    return out;
}

Result<Facts> factsOf(Workspace& workspace, const QString& projectId, const QString& base)
{
    auto project = workspace.projects().get(projectId);
    if (!project)
        return std::unexpected(project.error());
    Facts facts;
    facts.projectId = projectId;
    facts.title = QStringLiteral("Signet");
    if (!project->profile.isEmpty()) {
        auto catalog = workspace.profiles().catalog();
        if (!catalog)
            return std::unexpected(catalog.error());
        auto profile = (*catalog)->find(project->profile);
        if (!profile)
            return std::unexpected(profile.error());
        facts.catalog = *catalog;
        facts.profile = *profile;
        facts.title = (*profile)->title;
    }
    const Profile* profile = facts.profile;
    facts.jwksUri = base + QStringLiteral("/p/") + projectId + QStringLiteral("/.well-known/jwks.json");
    if (profile && profile->routes.contains(QStringLiteral("transcodes-jwks")))
        facts.jwksUri = base + QLatin1Char('/') + projectId + QStringLiteral("/jwks.json");
    if (profile && profile->routes.contains(QStringLiteral("stack-auth-jwks")))
        facts.jwksUri =
            base + QStringLiteral("/api/v1/projects/") + projectId + QStringLiteral("/.well-known/jwks.json");
    if (!profile || profile->issuer)
        facts.issuer = servedIssuer(workspace, *project, base);
    if (!profile || profile->audience)
        facts.audience = project->audience;
    if (profile && profile->signer == ProfileSigner::ApiKeySecret) {
        facts.algorithm = QStringLiteral("HS256");
        facts.secretVariable = profile->name.toUpper().remove(QLatin1Char('-')) + QStringLiteral("_SECRET");
        return facts;
    }
    auto keys = workspace.keys().list(projectId);
    if (!keys)
        return std::unexpected(keys.error());
    for (const SigningKeyRecord& key : *keys) {
        if (key.state == KeyState::Active)
            facts.algorithm = algorithmQName(key.algorithm);
    }
    if (facts.algorithm.isEmpty())
        return fail(ErrorCode::NotFound,
                    QStringLiteral("project %1 has no active key yet: generate one first").arg(projectId));
    return facts;
}

} // namespace

QString snippetLanguageName(SnippetLanguage language)
{
    switch (language) {
    case SnippetLanguage::NodeJsonwebtoken:
        return QStringLiteral("node-jsonwebtoken");
    case SnippetLanguage::NodeJose:
        return QStringLiteral("node-jose");
    case SnippetLanguage::PythonPyJwt:
        return QStringLiteral("python-pyjwt");
    }
    return {};
}

const QList<SnippetLanguage>& allSnippetLanguages()
{
    static const QList<SnippetLanguage> all{SnippetLanguage::NodeJsonwebtoken, SnippetLanguage::NodeJose,
                                            SnippetLanguage::PythonPyJwt};
    return all;
}

std::optional<SnippetLanguage> snippetLanguageFromName(const QString& name)
{
    for (SnippetLanguage language : allSnippetLanguages()) {
        if (snippetLanguageName(language) == name)
            return language;
    }
    return std::nullopt;
}

Result<BackendSnippet> backendSnippet(Workspace& workspace, const QString& projectId, SnippetLanguage language,
                                      const QString& serverBase)
{
    auto facts = factsOf(workspace, projectId, serverBase);
    if (!facts)
        return std::unexpected(facts.error());
    switch (language) {
    case SnippetLanguage::NodeJsonwebtoken:
        return BackendSnippet{language, QStringLiteral("Node: jsonwebtoken + jwks-rsa"),
                              facts->secretVariable ? QStringLiteral("npm install jsonwebtoken")
                                                    : QStringLiteral("npm install jsonwebtoken jwks-rsa"),
                              jsonwebtokenCode(*facts)};
    case SnippetLanguage::NodeJose:
        return BackendSnippet{language, QStringLiteral("Node: jose"), QStringLiteral("npm install jose"),
                              joseCode(*facts)};
    case SnippetLanguage::PythonPyJwt:
        return BackendSnippet{language, QStringLiteral("Python: PyJWT"), QStringLiteral("pip install 'PyJWT[crypto]'"),
                              pyjwtCode(*facts)};
    }
    return fail(ErrorCode::Internal, QStringLiteral("unknown snippet language"));
}

} // namespace Signet
