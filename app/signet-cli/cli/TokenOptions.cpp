#include "cli/TokenOptions.h"

#include "foundation/StrictJson.h"

namespace Signet::Cli {

namespace {

constexpr qint64 kOneYear = 366 * 86400;
constexpr qint64 kLatestTime = 253402300799; // the last second of the year 9999

// --claim VALUE: JSON when it parses as JSON, else the text as a string.
JsonValue claimValue(const QString& text)
{
    const QByteArray utf8 = text.toUtf8();
    auto parsed = StrictJson::parse(std::string_view(utf8.constData(), static_cast<std::size_t>(utf8.size())));
    return parsed ? std::move(*parsed) : JsonValue::string(utf8.toStdString());
}

Result<JsonValue> readClaimsFile(Context& context, const QString& path)
{
    auto data = context.input.readFileOrStdin(path);
    if (!data)
        return std::unexpected(data.error());
    auto claims = StrictJson::parseObject(std::string_view(data->constData(), static_cast<std::size_t>(data->size())));
    if (!claims)
        return fail(ErrorCode::InvalidInput,
                    QStringLiteral("--claims-file %1: %2").arg(path, claims.error().describe()));
    return *claims;
}

} // namespace

const QCommandLineOption MintClaimOptions::Subject(QStringLiteral("sub"), QStringLiteral("Subject."),
                                                   QStringLiteral("S"));
const QCommandLineOption MintClaimOptions::Audience(QStringLiteral("aud"),
                                                    QStringLiteral("Audience (repeat for several)."),
                                                    QStringLiteral("S"));
const DurationOption MintClaimOptions::Lifetime(QStringList{QStringLiteral("ttl")},
                                                QStringLiteral("Lifetime, a duration (default 15m)."),
                                                QStringLiteral("DURATION"));
const NotBeforeOption
    MintClaimOptions::NotBefore(QStringList{QStringLiteral("nbf")},
                                QStringLiteral("Not before: a time (Unix seconds or ISO 8601) or a delay (90s, 15m)."),
                                QStringLiteral("TIME|DURATION"));
const QCommandLineOption MintClaimOptions::TokenId(QStringLiteral("jti"),
                                                   QStringLiteral("Token id, or 'none' (default: random)."),
                                                   QStringLiteral("ID|none"));
const QCommandLineOption MintClaimOptions::Claim(QStringLiteral("claim"), QStringLiteral("Custom claim (repeatable)."),
                                                 QStringLiteral("NAME=VALUE"));
const QCommandLineOption MintClaimOptions::ClaimsFile(QStringLiteral("claims-file"),
                                                      QStringLiteral("JSON object of claims ('-' for stdin)."),
                                                      QStringLiteral("FILE"));

std::vector<OptionRef> MintClaimOptions::all()
{
    return {&Subject, &Audience, &Lifetime, &NotBefore, &TokenId, &Claim, &ClaimsFile};
}

Result<MintClaims> readMintClaims(Context& context)
{
    MintClaims claims;
    claims.subject = context.value(MintClaimOptions::Subject);
    claims.audience = context.values(MintClaimOptions::Audience);
    claims.lifetime = MintClaimOptions::Lifetime.read(context.parser);
    claims.notBefore = MintClaimOptions::NotBefore.read(context.parser);
    if (context.isSet(MintClaimOptions::TokenId))
        claims.jti = context.value(MintClaimOptions::TokenId);
    if (context.isSet(MintClaimOptions::ClaimsFile)) {
        auto fromFile = readClaimsFile(context, context.value(MintClaimOptions::ClaimsFile));
        if (!fromFile)
            return std::unexpected(fromFile.error());
        claims.extra = std::move(*fromFile);
    }
    for (const QString& claim : context.values(MintClaimOptions::Claim)) {
        const qsizetype eq = claim.indexOf(QLatin1Char('='));
        if (eq <= 0)
            return fail(ErrorCode::InvalidArgument, QStringLiteral("--claim '%1' must be NAME=VALUE").arg(claim));
        claims.extra.set(claim.left(eq).toStdString(), claimValue(claim.mid(eq + 1)));
    }
    return claims;
}

const AlgorithmListOption VerifyExpectationOptions::Algorithms(
    QStringList{QStringLiteral("alg")},
    QStringLiteral("Allowed algorithms, comma-separated (default: what the keys permit)."), QStringLiteral("A,B"));
const QCommandLineOption VerifyExpectationOptions::Issuer(QStringLiteral("iss"),
                                                          QStringLiteral("Expected issuer (exact)."),
                                                          QStringLiteral("S"));
const QCommandLineOption VerifyExpectationOptions::Audience(
    QStringLiteral("aud"), QStringLiteral("Expected audience (repeatable; one must match)."), QStringLiteral("S"));
const IntegerOption VerifyExpectationOptions::Leeway(
    QStringList{QStringLiteral("leeway")}, QStringLiteral("Clock skew tolerated, in seconds (default 0)."),
    QStringLiteral("SECONDS"), 0, kOneYear, QStringLiteral("a whole number of seconds, 0 or more (at most a year)"));
const IntegerOption VerifyExpectationOptions::At(
    QStringList{QStringLiteral("at")},
    QStringLiteral("Evaluate as of this time, in seconds since the epoch (not a duration)."),
    QStringLiteral("UNIX_SECONDS"), 0, kLatestTime,
    QStringLiteral("Unix seconds (seconds since 1970, up to the year 9999)"));
const QCommandLineOption VerifyExpectationOptions::Require(QStringLiteral("require"),
                                                           QStringLiteral("A claim that must be present (repeatable)."),
                                                           QStringLiteral("CLAIM"));

std::vector<OptionRef> VerifyExpectationOptions::all()
{
    return {&Algorithms, &Issuer, &Audience, &Leeway, &At, &Require};
}

VerifyOptions readVerifyOptions(const Context& context)
{
    VerifyOptions options;
    options.algorithms = VerifyExpectationOptions::Algorithms.read(context.parser);
    if (context.isSet(VerifyExpectationOptions::Issuer))
        options.issuer = context.value(VerifyExpectationOptions::Issuer);
    options.audiences = context.values(VerifyExpectationOptions::Audience);
    options.requiredClaims = context.values(VerifyExpectationOptions::Require);
    options.leeway = VerifyExpectationOptions::Leeway.read(context.parser).value_or(0);
    options.at = VerifyExpectationOptions::At.read(context.parser);
    return options;
}

} // namespace Signet::Cli
