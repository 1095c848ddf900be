#include "commands/TokenCommands.h"

#include "CliSupport.h"
#include "WorkspaceSupport.h"
#include "commands/ProjectTokenCommands.h"
#include "foundation/Duration.h"
#include "foundation/StrictJson.h"
#include "jose/TokenBuilder.h"
#include "jose/TokenInspection.h"
#include "jose/TokenVerifier.h"

#include <QDateTime>
#include <QRegularExpression>

namespace Signet::Cli {

namespace {

const QString kMark[] = {QStringLiteral("✓"), QStringLiteral("✗"), QStringLiteral("-")};

} // namespace

Result<NotBefore> parseNotBefore(const QString& text)
{
    static const QRegularExpression digits(QStringLiteral("^\\d+$"));
    if (text == QLatin1String("0") || text == QLatin1String("now"))
        return NotBefore{false, 0};
    if (digits.match(text).hasMatch() && text.size() >= 9)
        return NotBefore{true, text.toLongLong()};
    if (text.contains(QLatin1Char('-')) && text.contains(QLatin1Char(':'))) {
        const QDateTime when = QDateTime::fromString(text, Qt::ISODate);
        if (!when.isValid())
            return fail(ErrorCode::InvalidArgument, QStringLiteral("--nbf '%1' is not an ISO 8601 time").arg(text));
        return NotBefore{true, when.toSecsSinceEpoch()};
    }
    auto delay = Duration::parse(text);
    if (!delay)
        return fail(ErrorCode::InvalidArgument,
                    QStringLiteral("--nbf '%1' is neither a time (Unix seconds, ISO 8601) nor a delay (90s, 15m, 1h)")
                        .arg(text));
    return NotBefore{false, *delay};
}

namespace {

// The signing key: one private key from the file, chosen by --kid when the file holds a set.
Result<Jwk> chooseSigningKey(const KeyFile::Loaded& loaded, const QString& kid)
{
    const auto& keys = loaded.keys.keys();
    std::vector<const Jwk*> candidates;
    for (const Jwk& key : keys) {
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

Result<JsonValue> readClaimsFile(const QString& path)
{
    auto data = readFileOrStdin(path);
    if (!data)
        return std::unexpected(data.error());
    auto claims = StrictJson::parseObject(std::string_view(data->constData(), static_cast<std::size_t>(data->size())));
    if (!claims)
        return fail(ErrorCode::InvalidInput,
                    QStringLiteral("--claims-file %1: %2").arg(path, claims.error().describe()));
    return *claims;
}

} // namespace

Result<JsonValue> customClaims(const QCommandLineParser& parser)
{
    JsonValue claims = JsonValue::object();
    if (parser.isSet(QStringLiteral("claims-file"))) {
        auto fromFile = readClaimsFile(parser.value(QStringLiteral("claims-file")));
        if (!fromFile)
            return fromFile;
        claims = std::move(*fromFile);
    }
    for (const QString& claim : parser.values(QStringLiteral("claim"))) {
        const qsizetype eq = claim.indexOf(QLatin1Char('='));
        if (eq <= 0)
            return fail(ErrorCode::InvalidArgument, QStringLiteral("--claim '%1' must be NAME=VALUE").arg(claim));
        claims.set(claim.left(eq).toStdString(), claimValue(claim.mid(eq + 1)));
    }
    return claims;
}

Result<VerifyOptions> verifyOptions(const QCommandLineParser& parser)
{
    VerifyOptions options;
    for (const QString& name :
         parser.values(QStringLiteral("alg")).join(QLatin1Char(',')).split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        const auto alg = algorithmFromName(name.trimmed());
        if (!alg)
            return fail(ErrorCode::InvalidArgument, QStringLiteral("unknown algorithm '%1' in --alg").arg(name));
        options.algorithms.append(*alg);
    }
    if (parser.isSet(QStringLiteral("iss")))
        options.issuer = parser.value(QStringLiteral("iss"));
    options.audiences = parser.values(QStringLiteral("aud"));
    options.requiredClaims = parser.values(QStringLiteral("require"));
    bool ok = true;
    if (parser.isSet(QStringLiteral("leeway"))) {
        options.leeway = parser.value(QStringLiteral("leeway")).toLongLong(&ok);
        if (!ok || options.leeway < 0)
            return fail(ErrorCode::InvalidArgument,
                        QStringLiteral("--leeway must be a whole number of seconds, 0 or more"));
    }
    if (parser.isSet(QStringLiteral("at"))) {
        options.at = parser.value(QStringLiteral("at")).toLongLong(&ok);
        if (!ok)
            return fail(ErrorCode::InvalidArgument, QStringLiteral("--at must be Unix seconds"));
    }
    return options;
}

QString renderReport(const VerificationReport& report, const std::optional<ExtraCheck>& extra)
{
    const bool accepted = report.isValid() && (!extra || extra->passed);
    QString out = accepted ? QStringLiteral("VALID\n") : QStringLiteral("INVALID\n");
    // Failures first: they are what the reader is looking for.
    for (Outcome wanted : {Outcome::Failed, Outcome::Passed, Outcome::Skipped}) {
        if (extra && (extra->passed ? Outcome::Passed : Outcome::Failed) == wanted)
            out += QStringLiteral("  %1 %2\n").arg(kMark[static_cast<int>(wanted)], extra->message);
        for (const Check& check : report.checks()) {
            if (check.outcome == wanted)
                out += QStringLiteral("  %1 %2\n").arg(kMark[static_cast<int>(wanted)], report.message(check));
        }
    }
    for (const TokenWarning& warning : report.warnings())
        out += QStringLiteral("  ⚠ %1\n").arg(warning.describe());
    return out;
}

namespace {

class TokenMint final : public Command
{
public:
    QString name() const override { return QStringLiteral("token mint"); }
    QString synopsis() const override
    {
        return QStringLiteral(
            "--key FILE [--alg ALG] [--kid KID] [--iss S] [--sub S] [--aud S]... [--ttl DURATION]\n"
            "                        [--nbf TIME|DURATION] [--jti ID|none] [--claim NAME=VALUE]... [--claims-file "
            "FILE|-]\n"
            "       signet-cli token mint -p ID [--api-key KEY_ID] [--scope S]... [--one-time] [--sub S] [--aud S]...\n"
            "                        [--ttl DURATION] [--nbf TIME|DURATION] [--jti ID] [--claim NAME=VALUE]...\n"
            "                        [--claims-file FILE|-]");
    }
    QString summary() const override
    {
        return QStringLiteral(
            "Mint a signed JWT with the private key in FILE, or from a workspace project, and print it.");
    }
    QString details() const override
    {
        return QStringLiteral(
            "DURATION: 90, 90s, 15m, 1h, 7d (default lifetime 15m). --nbf takes a delay or a time\n"
            "(Unix seconds or ISO 8601). --claim values are JSON when they parse as JSON, else strings;\n"
            "they are applied after --claims-file. The jti is random unless given (none omits it).\n\n"
            "With -p ID the project mints: its active key signs (or, with --api-key, the API key's secret\n"
            "with HS256), its issuer and default audience apply, the lifetime is capped by its maximum, and\n"
            "the token is recorded in its ledger. --scope (repeatable) sets the scope claim; --one-time makes\n"
            "a token that 'token verify -p ID --consume' accepts once.");
    }
    void configure(QCommandLineParser& parser) const override
    {
        parser.addOption(
            {QStringLiteral("key"), QStringLiteral("Private key: JWK, JWK set or PEM."), QStringLiteral("FILE")});
        parser.addOption(
            {QStringLiteral("alg"), QStringLiteral("Algorithm (default: the key's)."), QStringLiteral("ALG")});
        parser.addOption({QStringLiteral("kid"), QStringLiteral("Key id for the header; chooses the key in a set."),
                          QStringLiteral("KID")});
        parser.addOption({QStringLiteral("iss"), QStringLiteral("Issuer."), QStringLiteral("S")});
        parser.addOption({QStringLiteral("sub"), QStringLiteral("Subject."), QStringLiteral("S")});
        parser.addOption(
            {QStringLiteral("aud"), QStringLiteral("Audience (repeat for several)."), QStringLiteral("S")});
        parser.addOption(
            {QStringLiteral("ttl"), QStringLiteral("Lifetime (default 15m)."), QStringLiteral("DURATION")});
        parser.addOption(
            {QStringLiteral("nbf"), QStringLiteral("Not before: a time or a delay."), QStringLiteral("TIME|DURATION")});
        parser.addOption({QStringLiteral("jti"), QStringLiteral("Token id, or 'none' (default: random)."),
                          QStringLiteral("ID|none")});
        parser.addOption(
            {QStringLiteral("claim"), QStringLiteral("Custom claim (repeatable)."), QStringLiteral("NAME=VALUE")});
        parser.addOption({QStringLiteral("claims-file"), QStringLiteral("JSON object of claims ('-' for stdin)."),
                          QStringLiteral("FILE")});
        parser.addOption(pemPassphraseOption());
        parser.addOption(projectOption());
        parser.addOption({QStringLiteral("api-key"),
                          QStringLiteral("With -p: sign with this API key's secret (HS256)."),
                          QStringLiteral("KEY_ID")});
        parser.addOption(
            {QStringLiteral("scope"), QStringLiteral("With -p: a scope to grant (repeatable)."), QStringLiteral("S")});
        parser.addOption({QStringLiteral("one-time"), QStringLiteral("With -p: the token can be consumed once.")});
        addWorkspaceOptions(parser);
    }
    int run(const QCommandLineParser& parser) const override
    {
        if (!parser.positionalArguments().isEmpty())
            return reportError(
                QStringLiteral("token mint: unexpected argument '%1'").arg(parser.positionalArguments().front()));
        if (parser.isSet(projectOption())) {
            if (parser.isSet(QStringLiteral("key")))
                return reportError(QStringLiteral(
                    "token mint: give --key FILE (mint with a key file) or -p ID (mint from a project), not both"));
            return runProjectTokenMint(parser);
        }
        for (const QString& option : {QStringLiteral("api-key"), QStringLiteral("scope"), QStringLiteral("one-time")}) {
            if (parser.isSet(option))
                return reportError(
                    QStringLiteral("token mint: --%1 applies to project tokens (-p ID), not to --key FILE")
                        .arg(option));
        }
        if (!parser.isSet(QStringLiteral("key")))
            return reportError(
                QStringLiteral("token mint: --key FILE is required (or -p ID to mint from a workspace project)"));
        TokenBuilder builder;
        if (parser.isSet(QStringLiteral("alg"))) {
            const auto alg = algorithmFromName(parser.value(QStringLiteral("alg")));
            if (!alg)
                return reportError(
                    QStringLiteral("token mint: unknown algorithm '%1'").arg(parser.value(QStringLiteral("alg"))));
            builder.setAlgorithm(*alg);
        }
        if (parser.isSet(QStringLiteral("ttl"))) {
            auto ttl = Duration::parse(parser.value(QStringLiteral("ttl")));
            if (!ttl)
                return reportError(ttl.error().withContext(QStringLiteral("token mint: --ttl")));
            builder.setLifetime(*ttl);
        }
        if (parser.isSet(QStringLiteral("nbf"))) {
            auto nbf = parseNotBefore(parser.value(QStringLiteral("nbf")));
            if (!nbf)
                return reportError(nbf.error().withContext(QStringLiteral("token mint")));
            if (nbf->absolute)
                builder.setNotBefore(nbf->value);
            else
                builder.setNotBeforeDelay(nbf->value);
        }
        if (parser.isSet(QStringLiteral("jti"))) {
            const QString jti = parser.value(QStringLiteral("jti"));
            if (jti == QLatin1String("none"))
                builder.setJwtIdMode(TokenBuilder::JwtIdMode::None);
            else
                builder.setJwtId(jti);
        }
        builder.setIssuer(parser.value(QStringLiteral("iss")));
        builder.setSubject(parser.value(QStringLiteral("sub")));
        builder.setAudience(parser.values(QStringLiteral("aud")));
        auto claims = customClaims(parser);
        if (!claims)
            return reportError(claims.error().withContext(QStringLiteral("token mint")));
        for (const auto& [claimName, value] : claims->members())
            builder.setClaim(QString::fromStdString(claimName), value);

        auto loaded = loadKeys(parser, parser.value(QStringLiteral("key")));
        if (!loaded)
            return reportError(loaded.error().withContext(QStringLiteral("token mint")));
        const QString kid = parser.value(QStringLiteral("kid"));
        auto key = chooseSigningKey(*loaded, kid);
        if (!key)
            return reportError(key.error().withContext(QStringLiteral("token mint")));
        if (!kid.isEmpty())
            builder.setKeyId(kid);
        auto token = builder.sign(*key);
        if (!token)
            return reportError(token.error().withContext(QStringLiteral("token mint")));
        printOut(QString::fromStdString(*token) + QLatin1Char('\n'));
        return Success;
    }
};

class TokenDecode final : public Command
{
public:
    QString name() const override { return QStringLiteral("token decode"); }
    QString synopsis() const override { return QStringLiteral("[TOKEN|-] [--json]"); }
    QString summary() const override
    {
        return QStringLiteral("Decode a token for reading, without verifying it: header, claims with notes, warnings.");
    }
    QString details() const override
    {
        return QStringLiteral(
            "TOKEN may be a bare token, 'Bearer ...' or a whole 'Authorization:' line; '-' or none reads stdin.\n"
            "Exit code 0 when the token is well formed, 1 when it is not.");
    }
    void configure(QCommandLineParser& parser) const override
    {
        parser.addPositionalArgument(QStringLiteral("TOKEN"), QStringLiteral("The token, or - for stdin."));
        parser.addOption({QStringLiteral("json"), QStringLiteral("Print the decoded token as JSON.")});
    }
    int run(const QCommandLineParser& parser) const override
    {
        auto token = readTokenArgument(parser.positionalArguments());
        if (!token)
            return reportError(token.error().withContext(QStringLiteral("token decode")));
        const TokenInspection inspection = TokenInspection::inspect(*token, SystemClock::instance().now());
        if (parser.isSet(QStringLiteral("json"))) {
            printOut(toText(inspection.toJson()) + QLatin1Char('\n'));
        } else {
            printOut(render(inspection));
        }
        if (!inspection.isWellFormed()) {
            printError(
                QStringLiteral("token decode: malformed token: %1").arg(inspection.problems().front().describe()));
            return TokenInvalid;
        }
        return Success;
    }

private:
    static QString render(const TokenInspection& inspection)
    {
        QString out;
        if (inspection.hasHeader())
            out += QStringLiteral("Header\n") + inspection.prettyHeader() + QStringLiteral("\n\n");
        if (inspection.hasClaims()) {
            out += QStringLiteral("Claims\n") + inspection.prettyClaims() + QStringLiteral("\n\n");
        } else if (!inspection.rawPayload().isEmpty()) {
            out += QStringLiteral("Payload (not a JSON object)\n") + QString::fromUtf8(inspection.rawPayload()) +
                   QStringLiteral("\n\n");
        }
        QString notes;
        for (const ClaimNote& note : inspection.claimNotes()) {
            if (note.meaning.isEmpty() && note.note.isEmpty())
                continue;
            const QString line =
                QStringLiteral("  %1  %2  %3").arg(note.name, -10).arg(note.meaning, -26).arg(note.note);
            notes += line.trimmed().prepend(QStringLiteral("  ")) + QLatin1Char('\n');
        }
        if (!notes.isEmpty())
            out += QStringLiteral("Notes\n") + notes + QLatin1Char('\n');
        if (inspection.segmentStart(TokenPart::Signature) >= 0)
            out += QStringLiteral("Signature: %1 bytes (not verified; use 'token verify')\n")
                       .arg(inspection.signatureSize());
        if (!inspection.warnings().empty()) {
            out += QStringLiteral("\nWarnings\n");
            for (const TokenWarning& warning : inspection.warnings())
                out += QStringLiteral("  ⚠ %1\n").arg(warning.describe());
        }
        if (!inspection.problems().isEmpty()) {
            out += QStringLiteral("\nProblems\n");
            for (const TokenProblem& problem : inspection.problems())
                out += QStringLiteral("  ✗ %1\n").arg(problem.describe());
        }
        return out;
    }
};

class TokenVerify final : public Command
{
public:
    QString name() const override { return QStringLiteral("token verify"); }
    QString synopsis() const override
    {
        return QStringLiteral(
            "[TOKEN|-] --key FILE [--alg A,B] [--iss S] [--aud S] [--leeway SECONDS]\n"
            "                         [--at UNIX_SECONDS] [--require CLAIM]... [--json]\n"
            "       signet-cli token verify [TOKEN|-] -p ID [--consume] [--alg A,B] [--iss S] [--aud S]\n"
            "                         [--leeway SECONDS] [--at UNIX_SECONDS] [--require CLAIM]... [--json]");
    }
    QString summary() const override
    {
        return QStringLiteral("Verify a token against the keys in FILE, or a project's, and report every check.");
    }
    QString details() const override
    {
        return QStringLiteral(
            "FILE: a JWK, a JWK set or a PEM key or certificate. exp is required. A token with an aud\n"
            "needs --aud. Exit code 0 when valid, 1 when invalid, 2 for usage or input errors.\n\n"
            "With -p ID the project's published keys and usable API keys verify; --iss and --aud default to\n"
            "the project's. --consume also uses up a one-time token (atomically: of concurrent consumers\n"
            "exactly one succeeds); when it cannot (already used, expired, not one-time) the exit code is 1.");
    }
    void configure(QCommandLineParser& parser) const override
    {
        parser.addPositionalArgument(QStringLiteral("TOKEN"), QStringLiteral("The token, or - for stdin."));
        parser.addOption({QStringLiteral("key"), QStringLiteral("Keys to verify with: JWK, JWK set or PEM."),
                          QStringLiteral("FILE")});
        parser.addOption({QStringLiteral("alg"),
                          QStringLiteral("Allowed algorithms, comma-separated (default: what the keys permit)."),
                          QStringLiteral("A,B")});
        parser.addOption({QStringLiteral("iss"), QStringLiteral("Expected issuer (exact)."), QStringLiteral("S")});
        parser.addOption({QStringLiteral("aud"), QStringLiteral("Expected audience (repeatable; one must match)."),
                          QStringLiteral("S")});
        parser.addOption({QStringLiteral("leeway"), QStringLiteral("Clock skew tolerated, in seconds (default 0)."),
                          QStringLiteral("SECONDS")});
        parser.addOption(
            {QStringLiteral("at"), QStringLiteral("Evaluate as of this Unix time."), QStringLiteral("UNIX_SECONDS")});
        parser.addOption({QStringLiteral("require"), QStringLiteral("A claim that must be present (repeatable)."),
                          QStringLiteral("CLAIM")});
        parser.addOption({QStringLiteral("json"), QStringLiteral("Print the full report as JSON.")});
        parser.addOption(pemPassphraseOption());
        parser.addOption(projectOption());
        parser.addOption({QStringLiteral("consume"), QStringLiteral("With -p: use up a one-time token.")});
        addWorkspaceOptions(parser);
    }
    int run(const QCommandLineParser& parser) const override
    {
        if (parser.isSet(projectOption())) {
            if (parser.isSet(QStringLiteral("key")))
                return reportError(QStringLiteral("token verify: give --key FILE (verify with a key file) or -p ID "
                                                  "(verify with a project), not both"));
            return runProjectTokenVerify(parser);
        }
        if (parser.isSet(QStringLiteral("consume")))
            return reportError(QStringLiteral("token verify: --consume needs -p ID (the ledger is in the workspace)"));
        if (!parser.isSet(QStringLiteral("key")))
            return reportError(
                QStringLiteral("token verify: --key FILE is required (or -p ID to verify with a workspace project)"));
        auto options = verifyOptions(parser);
        if (!options)
            return reportError(options.error().withContext(QStringLiteral("token verify")));
        auto token = readTokenArgument(parser.positionalArguments());
        if (!token)
            return reportError(token.error().withContext(QStringLiteral("token verify")));
        auto loaded = loadKeys(parser, parser.value(QStringLiteral("key")));
        if (!loaded)
            return reportError(loaded.error().withContext(QStringLiteral("token verify")));
        auto verifier = TokenVerifier::create(std::move(loaded->keys), std::move(*options));
        if (!verifier)
            return reportError(verifier.error().withContext(QStringLiteral("token verify")));

        const VerificationReport report = verifier->verify(*token);
        if (parser.isSet(QStringLiteral("json")))
            printOut(toText(report.toJson()) + QLatin1Char('\n'));
        else
            printOut(renderReport(report));
        if (!report.isValid()) {
            printError(QStringLiteral("token invalid: %1").arg(report.summary()));
            return TokenInvalid;
        }
        return Success;
    }
};

} // namespace

void addTokenCommands(CommandList& commands)
{
    commands.push_back(std::make_unique<TokenMint>());
    commands.push_back(std::make_unique<TokenDecode>());
    commands.push_back(std::make_unique<TokenVerify>());
}

} // namespace Signet::Cli
