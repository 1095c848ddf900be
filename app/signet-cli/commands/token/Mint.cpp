// token mint: with a key file (--key FILE) or from a project (-p ID), over one set of claim options.

#include "cli/Files.h"
#include "cli/Options.h"
#include "cli/ProfileAccess.h"
#include "cli/TokenOptions.h"
#include "cli/WorkspaceAccess.h"
#include "commands/Commands.h"
#include "jose/TokenBuilder.h"
#include "workspace/ProfiledProjects.h"
#include "workspace/TokenRules.h"
#include "workspace/Workspace.h"

namespace Signet::Cli {

namespace {

// Claims a project token gets from the project or from dedicated options, never from --claim.
QString reservedClaimHint(ReservedClaim claim)
{
    switch (claim) {
    case ReservedClaim::Issuer:
        return QStringLiteral("the issuer is the project's (see 'project show')");
    case ReservedClaim::Subject:
        return QStringLiteral("use --sub");
    case ReservedClaim::Audience:
        return QStringLiteral("use --aud");
    case ReservedClaim::Expiry:
        return QStringLiteral("use --ttl");
    case ReservedClaim::NotBefore:
        return QStringLiteral("use --nbf");
    case ReservedClaim::TokenId:
        return QStringLiteral("use --jti");
    case ReservedClaim::IssuedAt:
        return QStringLiteral("Signet sets it");
    case ReservedClaim::Scope:
        return QStringLiteral("use --scope");
    case ReservedClaim::ApiKey:
        return QStringLiteral("use --api-key");
    }
    return {};
}

// The signing key: one private key from the file, chosen by --kid when the file holds a set.
Result<Jwk> chooseSigningKey(const KeyFile::Loaded& loaded, const QString& kid)
{
    std::vector<const Jwk*> candidates;
    for (const Jwk& key : loaded.keys.keys()) {
        if (key.hasPrivate() && (kid.isEmpty() || loaded.format != KeyFile::Format::JwkSet || key.kid() == kid))
            candidates.push_back(&key);
    }
    if (candidates.empty()) {
        if (!kid.isEmpty() && loaded.format == KeyFile::Format::JwkSet)
            return fail(ErrorCode::InvalidInput,
                        QStringLiteral("the key set has no private key with kid \"%1\"").arg(kid));
        return fail(ErrorCode::InvalidInput,
                    QStringLiteral("minting needs a private key, and %1 holds only public keys").arg(loaded.origin));
    }
    if (candidates.size() > 1)
        return fail(ErrorCode::InvalidArgument,
                    QStringLiteral("the key set has %1 private keys: choose one with --kid").arg(candidates.size()));
    Jwk key = *candidates.front();
    // Asymmetric keys without a kid (PEM) get their thumbprint, so verifiers can find them.
    if (key.kid().isEmpty() && !key.isSymmetric())
        key.setKid(key.thumbprint());
    return key;
}

class TokenMint final : public Command
{
public:
    static const QCommandLineOption KeyFile;
    static const AlgorithmOption Alg;
    static const QCommandLineOption Kid;
    static const QCommandLineOption Issuer;
    static const QCommandLineOption ApiKey;
    static const ListOption Scope;
    static const QCommandLineOption OneTime;
    static const QCommandLineOption NoAudience;
    static const QCommandLineOption Field;

    TokenMint()
        : Command(
              QStringLiteral("token mint"),
              QStringLiteral("--key FILE [--alg ALG] [--kid KID] [--iss S] [--sub S] [--aud S]... [--ttl DURATION]\n"
                             "                        [--nbf TIME|DURATION] [--jti ID|none] [--claim NAME=VALUE]... "
                             "[--claims-file FILE|-]\n"
                             "       signet-cli token mint -p ID [--api-key KEY_ID] [--scope S]... [--one-time] "
                             "[--sub S] [--aud S]... [--no-aud]\n"
                             "                        [--ttl DURATION] [--nbf TIME|DURATION] [--jti ID] [--claim "
                             "NAME=VALUE]...\n"
                             "                        [--claims-file FILE|-] [--profile NAME [--field NAME=VALUE]... "
                             "[--profiles DIR]]"),
              QStringLiteral(
                  "Mint a signed JWT with the private key in FILE, or from a workspace project, and print it."),
              QStringLiteral(
                  "DURATION: 90, 90s, 15m, 1h, 7d (default lifetime 15m). --nbf takes a delay or a time\n"
                  "(Unix seconds, i.e. seconds since 1970, or ISO 8601). --claim values are JSON when they parse\n"
                  "as JSON, else strings; they are applied after --claims-file. The jti is random unless given\n"
                  "(none omits it).\n\n"
                  "With -p ID the project mints: its active key signs (or, with --api-key, the API key's secret\n"
                  "with HS256), its issuer and default audience apply, the lifetime is capped by its maximum, and\n"
                  "the token is recorded in its ledger. --scope (repeatable) sets the scope claim; --one-time makes\n"
                  "a token that 'token verify -p ID --consume' accepts once.\n\n"
                  "--profile NAME shapes the token as that provider does (see 'profile show NAME'): --field sets\n"
                  "the profile's fields, typed and checked by its rules (VocalStack: --field lifetime_s=60;\n"
                  "VideoSDK: --field permissions=allow_join,allow_mod --api-key KEY_ID), its defaults fill the\n"
                  "rest, and its lifetime bounds and one-time default apply."))
    {
        setPositional({});
        addOptions({&KeyFile, &Alg, &Kid, &Issuer});
        addOptions(MintClaimOptions::all());
        addOptions({&Options::PemPassphraseFile, &Options::Project, &ApiKey, &Scope, &OneTime, &NoAudience,
                    &Options::Workspace, &Options::PassphraseFile, &Options::Member, &ProfileOptions::Profile, &Field,
                    &ProfileOptions::Folder});
    }

protected:
    Status validate(const Context& context) const override
    {
        if (context.isSet(Field) && !context.isSet(Options::Project))
            return fail(ErrorCode::InvalidArgument,
                        QStringLiteral("--field sets a profile's field of a project token: give -p ID (and --profile "
                                       "NAME unless the project follows one)"));
        if (context.isSet(ProfileOptions::Profile) && !context.isSet(Options::Project))
            return fail(ErrorCode::InvalidArgument,
                        QStringLiteral("--profile applies to project tokens (-p ID), not to --key FILE"));
        if (context.isSet(Options::Project))
            return validateProjectMode(context);
        for (const QCommandLineOption* option :
             {&ApiKey, static_cast<const QCommandLineOption*>(&Scope), &OneTime, &NoAudience}) {
            if (context.isSet(*option))
                return fail(ErrorCode::InvalidArgument,
                            QStringLiteral("--%1 applies to project tokens (-p ID), not to --key FILE")
                                .arg(option->names().front()));
        }
        if (!context.isSet(KeyFile))
            return fail(ErrorCode::InvalidArgument,
                        QStringLiteral("--key FILE is required (or -p ID to mint from a workspace project)"));
        return {};
    }

    CommandResult run(Context& context) const override
    {
        auto claims = readMintClaims(context);
        if (!claims)
            return std::unexpected(claims.error());
        auto token = context.isSet(Options::Project) ? mintFromProject(context, std::move(*claims))
                                                     : mintWithKeyFile(context, *claims);
        if (!token)
            return std::unexpected(token.error());
        context.output.raw(QByteArray::fromStdString(*token + '\n'));
        return Success;
    }

private:
    static Status validateProjectMode(const Context& context)
    {
        if (context.isSet(KeyFile))
            return fail(
                ErrorCode::InvalidArgument,
                QStringLiteral("give --key FILE (mint with a key file) or -p ID (mint from a project), not both"));
        if (context.isSet(Issuer))
            return fail(ErrorCode::InvalidArgument,
                        QStringLiteral("--iss does not apply: the issuer is the project's (see 'project show %1'; "
                                       "set it with the project)")
                            .arg(context.value(Options::Project)));
        for (const QCommandLineOption* option :
             {&Kid, static_cast<const QCommandLineOption*>(&Alg), &Options::PemPassphraseFile}) {
            if (context.isSet(*option))
                return fail(ErrorCode::InvalidArgument,
                            QStringLiteral("--%1 applies to --key FILE; a project signs with its active key "
                                           "(or --api-key)")
                                .arg(option->names().front()));
        }
        const QString jti = context.value(MintClaimOptions::TokenId);
        if (context.isSet(MintClaimOptions::TokenId) && (jti.isEmpty() || jti == QLatin1String("none")))
            return fail(ErrorCode::InvalidArgument,
                        QStringLiteral("a project token needs a jti (its ledger records it)"));
        return {};
    }

    static Result<std::string> mintWithKeyFile(Context& context, const MintClaims& claims)
    {
        TokenBuilder builder;
        if (const auto alg = Alg.read(context.parser))
            builder.setAlgorithm(*alg);
        if (claims.lifetime)
            builder.setLifetime(*claims.lifetime);
        if (claims.notBefore && claims.notBefore->kind == NotBefore::Kind::At)
            builder.setNotBefore(claims.notBefore->value);
        else if (claims.notBefore)
            builder.setNotBeforeDelay(claims.notBefore->value);
        if (claims.jti == QLatin1String("none"))
            builder.setJwtIdMode(TokenBuilder::JwtIdMode::None);
        else if (claims.jti)
            builder.setJwtId(*claims.jti);
        builder.setIssuer(context.value(Issuer)).setSubject(claims.subject).setAudience(claims.audience);
        for (const auto& [claimName, value] : claims.extra.members())
            builder.setClaim(QString::fromStdString(claimName), value);

        auto loaded = loadKeys(context, context.value(KeyFile));
        if (!loaded)
            return std::unexpected(loaded.error());
        const QString kid = context.value(Kid);
        auto key = chooseSigningKey(*loaded, kid);
        if (!key)
            return std::unexpected(key.error());
        if (!kid.isEmpty())
            builder.setKeyId(kid);
        return builder.sign(*key);
    }

    // The profile a project token follows: --profile, else the project's own; none without either.
    static Result<std::optional<Profile>> mintProfile(const Context& context, Workspace& workspace,
                                                      const QString& projectId)
    {
        if (context.isSet(ProfileOptions::Profile))
            return chosenProfile(context, &workspace);
        auto project = workspace.projects().get(projectId);
        if (!project)
            return std::unexpected(project.error());
        if (project->profile.isEmpty()) {
            if (context.isSet(Field))
                return fail(ErrorCode::InvalidArgument,
                            QStringLiteral("--field sets a profile's field, and project %1 follows no profile: give "
                                           "--profile NAME (see 'profile list')")
                                .arg(projectId));
            return std::optional<Profile>();
        }
        auto catalog = profileCatalog(context, &workspace);
        if (!catalog)
            return std::unexpected(catalog.error());
        auto profile = catalog->find(project->profile);
        if (!profile)
            return std::unexpected(profile.error().withContext(
                QStringLiteral("project %1 follows the profile '%2'").arg(projectId, project->profile)));
        return std::optional<Profile>(**profile);
    }

    static Result<QList<ProfileInput>> fieldInputs(const Context& context)
    {
        QList<ProfileInput> inputs;
        for (const QString& given : context.values(Field)) {
            const qsizetype equals = given.indexOf(QLatin1Char('='));
            if (equals <= 0)
                return fail(ErrorCode::InvalidArgument,
                            QStringLiteral("--field takes NAME=VALUE; '%1' has no name or no '='").arg(given));
            inputs.append({given.left(equals), given.mid(equals + 1)});
        }
        return inputs;
    }

    static Result<std::string> mintFromProject(Context& context, MintClaims claims)
    {
        for (const auto& member : claims.extra.members()) {
            if (const auto reserved = reservedClaim(member.first))
                return fail(ErrorCode::InvalidArgument,
                            QStringLiteral("the claim '%1' is not set with --claim or --claims-file: %2")
                                .arg(QString::fromStdString(member.first), reservedClaimHint(*reserved)));
        }
        MintRequest request;
        request.projectId = context.value(Options::Project);
        if (context.isSet(ApiKey))
            request.apiKeyId = context.value(ApiKey);
        request.subject = claims.subject;
        request.audience = claims.audience;
        request.scopes = Scope.read(context.parser);
        request.oneTime = context.isSet(OneTime);
        if (context.isSet(NoAudience)) {
            if (!claims.audience.isEmpty())
                return fail(ErrorCode::InvalidArgument, QStringLiteral("give --aud or --no-aud, not both"));
            request.withoutAudience = true;
        }
        request.lifetime = claims.lifetime;
        if (claims.notBefore && claims.notBefore->kind == NotBefore::Kind::At)
            request.notBefore = claims.notBefore->value;
        else if (claims.notBefore)
            request.notBeforeDelay = claims.notBefore->value;
        request.jti = claims.jti;
        request.extraClaims = std::move(claims.extra);
        auto workspace = openWorkspace(context);
        if (!workspace)
            return std::unexpected(workspace.error());
        auto profile = mintProfile(context, **workspace, request.projectId);
        if (!profile)
            return std::unexpected(profile.error());
        if (*profile) {
            auto inputs = fieldInputs(context);
            if (!inputs)
                return std::unexpected(inputs.error());
            if (auto shaped = shapeMintRequest(**workspace, **profile, *inputs, context.isSet(OneTime), request);
                !shaped)
                return std::unexpected(shaped.error());
        }
        auto minted = (*workspace)->tokens().mintRecorded(request);
        if (!minted)
            return std::unexpected(minted.error());
        return std::move(minted->token);
    }
};

const QCommandLineOption TokenMint::KeyFile(QStringLiteral("key"), QStringLiteral("Private key: JWK, JWK set or PEM."),
                                            QStringLiteral("FILE"));
const AlgorithmOption TokenMint::Alg(QStringList{QStringLiteral("alg")},
                                     QStringLiteral("Algorithm (default: the key's)."), QStringLiteral("ALG"));
const QCommandLineOption TokenMint::Kid(QStringLiteral("kid"),
                                        QStringLiteral("Key id for the header; chooses the key in a set."),
                                        QStringLiteral("KID"));
const QCommandLineOption TokenMint::Issuer(QStringLiteral("iss"), QStringLiteral("Issuer."), QStringLiteral("S"));
const QCommandLineOption TokenMint::ApiKey(QStringLiteral("api-key"),
                                           QStringLiteral("With -p: sign with this API key's secret (HS256)."),
                                           QStringLiteral("KEY_ID"));
const ListOption TokenMint::Scope(QStringList{QStringLiteral("scope")},
                                  QStringLiteral("With -p: scopes to grant (repeatable, or comma-separated)."),
                                  QStringLiteral("S"));
const QCommandLineOption TokenMint::Field(QStringLiteral("field"),
                                          QStringLiteral("With --profile: a profile field's value (repeatable)."),
                                          QStringLiteral("NAME=VALUE"));
const QCommandLineOption
    TokenMint::NoAudience(QStringLiteral("no-aud"),
                          QStringLiteral("With -p: no aud claim (the project's audience is left out)."));
const QCommandLineOption TokenMint::OneTime(QStringLiteral("one-time"),
                                            QStringLiteral("With -p: the token can be consumed once."));

} // namespace

std::unique_ptr<Command> Commands::tokenMint()
{
    return std::make_unique<TokenMint>();
}

} // namespace Signet::Cli
