// token verify: against a key file (--key FILE) or a project's keys (-p ID), over one set of options.

#include "cli/Files.h"
#include "cli/Options.h"
#include "cli/RecordViews.h"
#include "cli/SecretInput.h"
#include "cli/TokenOptions.h"
#include "cli/WorkspaceAccess.h"
#include "commands/Commands.h"
#include "commands/token/RemoteKeys.h"

namespace Signet::Cli {

namespace {

QString outcomeName(ConsumeOutcome outcome)
{
    switch (outcome) {
    case ConsumeOutcome::Consumed:
        return QStringLiteral("consumed");
    case ConsumeOutcome::AlreadyUsed:
        return QStringLiteral("already-used");
    case ConsumeOutcome::Expired:
        return QStringLiteral("expired");
    case ConsumeOutcome::NotOneTime:
        return QStringLiteral("not-one-time");
    case ConsumeOutcome::NotInLedger:
        return QStringLiteral("not-in-ledger");
    case ConsumeOutcome::DifferentToken:
        return QStringLiteral("different-token");
    }
    return {};
}

JsonValue consumptionJson(const ProjectVerification& result)
{
    JsonValue consumption = JsonValue::object();
    if (result.consumed) {
        consumption.set("outcome", jsonString(outcomeName(*result.consumed)));
        consumption.set("message", jsonString(describe(*result.consumed)));
    } else {
        consumption.set("outcome", jsonString(QStringLiteral("not-attempted")));
        consumption.set("message", jsonString(QStringLiteral("the token is invalid")));
    }
    return consumption;
}

// The verdict's exit code, and its one line on stderr when the token is not accepted.
int verdictExitCode(Context& context, const VerificationReport& report, const std::optional<Check>& ledger)
{
    if (!report.isValid()) {
        context.output.error(QStringLiteral("token invalid: %1").arg(report.summary()));
        return TokenInvalid;
    }
    if (ledger && ledger->outcome == Signet::Outcome::Failed) {
        context.output.error(QStringLiteral("token rejected: %1").arg(ledger->reason));
        return TokenInvalid;
    }
    return Success;
}

JsonValue ledgerJson(const Check& ledger)
{
    JsonValue json = JsonValue::object();
    json.set("status", jsonString(ledger.outcome == Signet::Outcome::Passed   ? QStringLiteral("passed")
                                  : ledger.outcome == Signet::Outcome::Failed ? QStringLiteral("failed")
                                                                              : QStringLiteral("note")));
    json.set("message", jsonString(ledger.reason));
    return json;
}

class TokenVerify final : public Command
{
public:
    static const QCommandLineOption KeyFile;
    static const QCommandLineOption Jwks;
    static const QCommandLineOption Consume;

    TokenVerify()
        : Command(
              QStringLiteral("token verify"),
              QStringLiteral(
                  "[TOKEN|-] --key FILE|--jwks FILE [--alg A,B] [--iss S] [--aud S] [--leeway SECONDS]\n"
                  "                         [--at UNIX_SECONDS] [--require CLAIM]... [--json]\n"
                  "       signet-cli token verify [TOKEN|-] --jwks-url URL|--discover [--allow-http] [--fetch-timeout "
                  "MS]\n"
                  "                         [--alg A,B] [--iss S] [--aud S] [--leeway SECONDS] [--at UNIX_SECONDS] "
                  "...\n"
                  "       signet-cli token verify [TOKEN|-] --secret-file FILE|--secret-env VAR [--alg HS256,HS384,"
                  "HS512] ...\n"
                  "       signet-cli token verify [TOKEN|-] -p ID [--consume] [--alg A,B] [--iss S] [--aud S]\n"
                  "                         [--leeway SECONDS] [--at UNIX_SECONDS] [--require CLAIM]... [--json]"),
              QStringLiteral("Verify a token against the keys in FILE, or a project's, and report every check."),
              QStringLiteral(
                  "--key FILE: a JWK, a JWK set or a PEM key or certificate; --jwks FILE: a JWK set of public keys,\n"
                  "as a backend fetches it (private members refused). exp is required. A token with an aud\n"
                  "needs --aud. --at takes seconds since 1970 (not a duration). Exit code 0 when valid, 1 when\n"
                  "invalid, 2 for usage or input errors.\n\n"
                  "--jwks-url URL fetches the JWKS as a backend does (https, or http on this machine unless\n"
                  "--allow-http; 5 s timeout; 1 MiB at most; redirects to https only, at most 3). --discover finds it\n"
                  "by OpenID discovery from --iss, or else from the token's own (unverified) iss; the configuration\n"
                  "must name that issuer exactly, and tokens must carry it. The verdict names the URLs used.\n\n"
                  "With -p ID the project's published keys and usable API keys verify; --iss and --aud default to\n"
                  "the project's. --consume also uses up a one-time token (atomically: of concurrent consumers\n"
                  "exactly one succeeds); when it cannot (already used, expired, not one-time) the exit code is 1.\n\n"
                  "--secret-file FILE or --secret-env VAR: an HMAC secret as the provider's code holds it (the\n"
                  "string's UTF-8 bytes are the key). Only HS256 is accepted unless --alg names HS384 or HS512.\n") +
                  secretReadingHelp())
    {
        setPositional({QStringLiteral("TOKEN"), QStringLiteral("The token, or - for stdin."), 0, 1, {}});
        addOptions({&KeyFile, &Jwks});
        addOptions(SecretOptions::all());
        addOptions(RemoteKeyOptions::all());
        addOptions(VerifyExpectationOptions::all());
        addOptions({&Options::Json, &Options::PemPassphraseFile, &Options::Project, &Consume, &Options::Workspace,
                    &Options::PassphraseFile, &Options::Member});
    }

protected:
    Status validate(const Context& context) const override
    {
        if (auto exclusive = SecretOptions::checkExclusive(context); !exclusive)
            return exclusive;
        QStringList sources;
        for (const QCommandLineOption* source :
             {&Options::Project, &KeyFile, &Jwks, &RemoteKeyOptions::JwksUrl, &RemoteKeyOptions::Discover,
              &SecretOptions::SecretFile, &SecretOptions::SecretEnv}) {
            if (context.isSet(*source))
                sources.append(source->names().constFirst().size() == 1
                                   ? QStringLiteral("-") + source->names().constFirst()
                                   : QStringLiteral("--") + source->names().constFirst());
        }
        if (sources.size() > 1)
            return fail(ErrorCode::InvalidArgument,
                        QStringLiteral("%1 and %2 are both key sources, not both: give --key FILE (a key file), "
                                       "--jwks FILE (a JWKS), --jwks-url URL or --discover (a JWKS over the "
                                       "network), --secret-file FILE or --secret-env VAR (an HMAC secret) or -p ID "
                                       "(a project)")
                            .arg(sources[0], sources[1]));
        if (auto remoteOnly = RemoteKeyOptions::checkRemoteOnly(context); !remoteOnly)
            return remoteOnly;
        if (RemoteKeyOptions::isRemote(context) && context.isSet(Options::PemPassphraseFile))
            return fail(ErrorCode::InvalidArgument, QStringLiteral("--pem-passphrase-file applies to --key FILE"));
        if (SecretOptions::isSet(context)) {
            if (auto hmacOnly = checkSecretAlgorithms(context); !hmacOnly)
                return hmacOnly;
            if (context.isSet(Options::PemPassphraseFile))
                return fail(ErrorCode::InvalidArgument, QStringLiteral("--pem-passphrase-file applies to --key FILE"));
            const QStringList positional = context.positional();
            if (context.value(SecretOptions::SecretFile) == QLatin1String("-") &&
                (positional.isEmpty() || positional.front() == QLatin1String("-")))
                return fail(ErrorCode::InvalidArgument,
                            QStringLiteral("the token and --secret-file - cannot both come from standard input"));
        }
        if (context.isSet(Options::Project)) {
            if (context.isSet(Options::PemPassphraseFile))
                return fail(ErrorCode::InvalidArgument, QStringLiteral("--pem-passphrase-file applies to --key FILE"));
            return {};
        }
        if (context.isSet(Consume))
            return fail(ErrorCode::InvalidArgument,
                        QStringLiteral("--consume needs -p ID (the ledger is in the workspace)"));
        if (sources.isEmpty())
            return fail(ErrorCode::InvalidArgument,
                        QStringLiteral("--key FILE is required (or --jwks FILE to verify with a JWKS, --jwks-url URL "
                                       "or --discover to fetch one, --secret-file FILE or --secret-env VAR with an "
                                       "HMAC secret, or -p ID with a workspace project)"));
        return {};
    }

    CommandResult run(Context& context) const override
    {
        auto token = context.input.token(context.positional());
        if (!token)
            return std::unexpected(token.error());
        if (RemoteKeyOptions::isRemote(context))
            return verifyWithRemoteKeys(context, *token);
        if (SecretOptions::isSet(context))
            return verifyWithSecret(context, *token);
        return context.isSet(Options::Project) ? verifyWithProject(context, *token)
                                               : verifyWithKeyFile(context, *token);
    }

private:
    // --key FILE: any key file (private ones too); --jwks FILE: what a backend fetches, public keys only.
    static Result<Signet::KeyFile::Loaded> verificationKeys(Context& context)
    {
        if (context.isSet(KeyFile))
            return loadKeys(context, context.value(KeyFile));
        const QString path = context.value(Jwks);
        auto loaded = Signet::KeyFile::loadFile(path);
        if (!loaded)
            return loaded;
        if (loaded->format != Signet::KeyFile::Format::JwkSet)
            return fail(ErrorCode::InvalidInput,
                        QStringLiteral("--jwks %1: expected a JWK set ({\"keys\": [...]}), found %2")
                            .arg(path, loaded->origin));
        if (auto publicOnly = Signet::KeyFile::checkPublicSet(*loaded); !publicOnly)
            return std::unexpected(publicOnly.error().withContext(QStringLiteral("--jwks %1").arg(path)));
        return loaded;
    }

    static CommandResult verifyWithKeyFile(Context& context, const QString& token)
    {
        auto loaded = verificationKeys(context);
        if (!loaded)
            return std::unexpected(loaded.error());
        auto verifier = TokenVerifier::create(std::move(loaded->keys), readVerifyOptions(context));
        if (!verifier)
            return std::unexpected(verifier.error());
        const VerificationReport report = verifier->verify(token);
        if (context.isSet(Options::Json))
            context.output.json(report.toJson());
        else
            context.output.verdict(report);
        return verdictExitCode(context, report, std::nullopt);
    }

    // A secret is an HMAC key only; the allow-list is never wider than the user asked for.
    static Status checkSecretAlgorithms(const Context& context)
    {
        for (Algorithm alg : VerifyExpectationOptions::Algorithms.read(context.parser)) {
            if (alg != Algorithm::HS256 && alg != Algorithm::HS384 && alg != Algorithm::HS512)
                return fail(ErrorCode::InvalidArgument,
                            QStringLiteral("--alg %1 cannot be verified with a secret: --secret-file and --secret-env "
                                           "take HS256, HS384 or HS512")
                                .arg(algorithmQName(alg)));
        }
        return {};
    }

    // --secret-file / --secret-env: the raw secret as one HMAC key; HS256 unless --alg says otherwise.
    static CommandResult verifyWithSecret(Context& context, const QString& token)
    {
        auto secret = readSecret(context, SecretPrompt::Never);
        if (!secret)
            return std::unexpected(secret.error());
        VerifyOptions options = readVerifyOptions(context);
        const bool defaultAlgorithm = options.algorithms.isEmpty();
        if (defaultAlgorithm)
            options.algorithms = {Algorithm::HS256};
        auto verifier = TokenVerifier::create(JwkSet({Jwk::fromSecret(std::move(**secret))}), options);
        if (!verifier)
            return std::unexpected(verifier.error());
        VerificationReport report = verifier->verify(token);
        // An HS384 or HS512 token refused by the default list: say how to accept it.
        if (const Check* refused = report.find(CheckId::Algorithm);
            defaultAlgorithm && refused && refused->outcome == Signet::Outcome::Failed &&
            (report.algorithm() == Algorithm::HS384 || report.algorithm() == Algorithm::HS512))
            report.explainFailure(CheckId::Algorithm,
                                  QStringLiteral("%1: with a secret only HS256 is accepted unless --alg names %2")
                                      .arg(refused->reason, algorithmQName(*report.algorithm())));
        if (context.isSet(Options::Json))
            context.output.json(report.toJson());
        else
            context.output.verdict(report);
        return verdictExitCode(context, report, std::nullopt);
    }

    // --jwks-url / --discover: the same report, with a line saying where the keys came from.
    static CommandResult verifyWithRemoteKeys(Context& context, const QString& token)
    {
        auto remote = fetchRemoteKeys(context, token);
        if (!remote)
            return std::unexpected(remote.error());
        VerifyOptions options = readVerifyOptions(context);
        if (!remote->issuer.isEmpty() && !options.issuer)
            options.issuer = remote->issuer; // keys discovered for an issuer verify that issuer's tokens only
        auto verifier = TokenVerifier::create(std::move(remote->keys), options);
        if (!verifier)
            return std::unexpected(verifier.error());
        VerificationReport report = verifier->verify(token);
        if (!remote->missingKid.isEmpty())
            report.explainFailure(CheckId::Key, remote->missingKid);
        if (context.isSet(Options::Json)) {
            JsonValue json = report.toJson();
            json.set("keySource", std::move(remote->json));
            context.output.json(json);
        } else {
            context.output.verdict(report);
            context.output.line(QStringLiteral("  keys: ") + remote->source);
        }
        return verdictExitCode(context, report, std::nullopt);
    }

    static CommandResult verifyWithProject(Context& context, const QString& token)
    {
        auto workspace = openWorkspace(context);
        if (!workspace)
            return std::unexpected(workspace.error());
        const QString project = context.value(Options::Project);
        const bool consume = context.isSet(Consume);
        auto result = (*workspace)
                          ->tokens()
                          .verify(project, token.toStdString(), readVerifyOptions(context),
                                  consume ? Consumption::Consume : Consumption::Check);
        if (!result)
            return std::unexpected(result.error());
        const VerificationReport& report = result->report;
        if (context.isSet(Options::Json)) {
            JsonValue json = report.toJson();
            json.set("project", jsonString(project));
            json.set("accepted", JsonValue::boolean(result->isAccepted()));
            if (consume)
                json.set("consumption", consumptionJson(*result));
            if (result->ledger)
                json.set("oneTime", ledgerJson(*result->ledger));
            context.output.json(json);
        } else {
            context.output.verdict(report, result->ledger);
        }
        return verdictExitCode(context, report, result->ledger);
    }
};

const QCommandLineOption TokenVerify::KeyFile(QStringLiteral("key"),
                                              QStringLiteral("Keys to verify with: JWK, JWK set or PEM."),
                                              QStringLiteral("FILE"));
const QCommandLineOption TokenVerify::Jwks(QStringLiteral("jwks"),
                                           QStringLiteral("A JWKS to verify with, as a backend fetches it: public keys "
                                                          "only (a file with private members is refused)."),
                                           QStringLiteral("FILE"));
const QCommandLineOption TokenVerify::Consume(QStringLiteral("consume"),
                                              QStringLiteral("With -p: use up a one-time token."));

} // namespace

std::unique_ptr<Command> Commands::tokenVerify()
{
    return std::make_unique<TokenVerify>();
}

} // namespace Signet::Cli
