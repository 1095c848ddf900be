#include "commands/ProjectTokenCommands.h"

#include "CliSupport.h"
#include "WorkspaceSupport.h"
#include "commands/TokenCommands.h"
#include "foundation/Duration.h"

namespace Signet::Cli {

namespace {

const QCommandLineOption kJsonOption(QStringLiteral("json"), QStringLiteral("Print JSON."));

// Claims a project token gets from the project or from dedicated options, never from --claim.
QString reservedClaimHint(const std::string& name)
{
    if (name == "iss")
        return QStringLiteral("the issuer is the project's (see 'project show')");
    if (name == "sub")
        return QStringLiteral("use --sub");
    if (name == "aud")
        return QStringLiteral("use --aud");
    if (name == "exp")
        return QStringLiteral("use --ttl");
    if (name == "nbf")
        return QStringLiteral("use --nbf");
    if (name == "jti")
        return QStringLiteral("use --jti");
    if (name == "iat")
        return QStringLiteral("Signet sets it");
    if (name == "scope")
        return QStringLiteral("use --scope");
    if (name == "apikey")
        return QStringLiteral("use --api-key");
    return {};
}

QString oneTimeStatus(const LedgerEntry& entry, qint64 now)
{
    if (!entry.oneTime)
        return QStringLiteral("no");
    if (entry.consumedAt)
        return QStringLiteral("used");
    return entry.expiresAt <= now ? QStringLiteral("expired") : QStringLiteral("unused");
}

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
    }
    return {};
}

class TokenList final : public Command
{
public:
    QString name() const override { return QStringLiteral("token list"); }
    QString synopsis() const override { return QStringLiteral("-p ID [--limit N] [--json]"); }
    QString summary() const override
    {
        return QStringLiteral("List the tokens a project minted (its ledger, newest first; never the token text).");
    }
    void configure(QCommandLineParser& parser) const override
    {
        parser.addOption(projectOption());
        parser.addOption(
            {QStringLiteral("limit"), QStringLiteral("At most N tokens (default 1000)."), QStringLiteral("N")});
        parser.addOption(kJsonOption);
        addWorkspaceOptions(parser);
    }
    int run(const QCommandLineParser& parser) const override
    {
        auto project = requireProject(parser, name());
        if (!project)
            return reportError(project.error());
        if (!parser.positionalArguments().isEmpty())
            return reportError(
                QStringLiteral("token list: unexpected argument '%1'").arg(parser.positionalArguments().front()));
        int limit = 1000;
        if (parser.isSet(QStringLiteral("limit"))) {
            bool ok = false;
            limit = parser.value(QStringLiteral("limit")).toInt(&ok);
            if (!ok || limit <= 0)
                return reportError(QStringLiteral("token list: --limit must be a positive number"));
        }
        auto workspace = openWorkspace(parser);
        if (!workspace)
            return reportError(workspace.error());
        auto entries = (*workspace)->tokens().list(*project, limit);
        if (!entries)
            return reportError(entries.error().withContext(QStringLiteral("token list")));
        const qint64 now = SystemClock::instance().now();
        if (parser.isSet(kJsonOption)) {
            JsonValue::Array items;
            for (const LedgerEntry& entry : *entries) {
                JsonValue json = JsonValue::object();
                json.set("jti", jsonString(entry.jti));
                json.set("kid", jsonString(entry.kid));
                json.set("alg", jsonString(entry.algorithm));
                json.set("subject", jsonString(entry.subject));
                json.set("audience", jsonStrings(entry.audience));
                json.set("scopes", jsonStrings(entry.scopes));
                json.set("issuedAt", JsonValue::integer(entry.issuedAt));
                json.set("expiresAt", JsonValue::integer(entry.expiresAt));
                json.set("oneTime", JsonValue::boolean(entry.oneTime));
                json.set("consumedAt", jsonTime(entry.consumedAt));
                json.set("status", jsonString(oneTimeStatus(entry, now)));
                items.push_back(std::move(json));
            }
            printJson(JsonValue::array(std::move(items)));
            return Success;
        }
        if (entries->isEmpty()) {
            printOut(QStringLiteral("project '%1' has minted no tokens\n").arg(*project));
            return Success;
        }
        QList<QStringList> rows;
        for (const LedgerEntry& entry : *entries)
            rows.append({entry.jti, entry.subject.isEmpty() ? QStringLiteral("-") : entry.subject,
                         entry.scopes.isEmpty() ? QStringLiteral("-") : entry.scopes.join(QLatin1Char(' ')),
                         tableTime(entry.issuedAt), tableTime(entry.expiresAt), oneTimeStatus(entry, now)});
        printOut(
            renderTable({QStringLiteral("JTI"), QStringLiteral("SUBJECT"), QStringLiteral("SCOPES"),
                         QStringLiteral("ISSUED (UTC)"), QStringLiteral("EXPIRES (UTC)"), QStringLiteral("ONE-TIME")},
                        rows));
        return Success;
    }
};

} // namespace

int runProjectTokenMint(const QCommandLineParser& parser)
{
    const QString command = QStringLiteral("token mint -p");
    if (parser.isSet(QStringLiteral("iss")))
        return reportError(QStringLiteral("%1: --iss does not apply: the issuer is the project's (see 'project show "
                                          "%2'; set it with the project)")
                               .arg(command, parser.value(projectOption())));
    for (const QString& option :
         {QStringLiteral("kid"), QStringLiteral("alg"), QStringLiteral("pem-passphrase-file")}) {
        if (parser.isSet(option))
            return reportError(QStringLiteral("%1: --%2 applies to --key FILE; a project signs with its active key "
                                              "(or --api-key)")
                                   .arg(command, option));
    }
    MintRequest request;
    request.projectId = parser.value(projectOption());
    if (parser.isSet(QStringLiteral("api-key")))
        request.apiKeyId = parser.value(QStringLiteral("api-key"));
    request.subject = parser.value(QStringLiteral("sub"));
    request.audience = parser.values(QStringLiteral("aud"));
    for (const QString& value : parser.values(QStringLiteral("scope")))
        request.scopes += value.split(QLatin1Char(','), Qt::SkipEmptyParts);
    for (QString& scope : request.scopes)
        scope = scope.trimmed();
    request.scopes.removeDuplicates();
    request.oneTime = parser.isSet(QStringLiteral("one-time"));
    if (parser.isSet(QStringLiteral("ttl"))) {
        auto ttl = Duration::parse(parser.value(QStringLiteral("ttl")));
        if (!ttl)
            return reportError(ttl.error().withContext(command + QStringLiteral(": --ttl")));
        request.lifetime = *ttl;
    }
    if (parser.isSet(QStringLiteral("nbf"))) {
        auto nbf = parseNotBefore(parser.value(QStringLiteral("nbf")));
        if (!nbf)
            return reportError(nbf.error().withContext(command));
        if (nbf->absolute)
            request.notBefore = nbf->value;
        else
            request.notBeforeDelay = nbf->value;
    }
    if (parser.isSet(QStringLiteral("jti"))) {
        const QString jti = parser.value(QStringLiteral("jti"));
        if (jti.isEmpty() || jti == QLatin1String("none"))
            return reportError(QStringLiteral("%1: a project token needs a jti (its ledger records it)").arg(command));
        request.jti = jti;
    }
    auto claims = customClaims(parser);
    if (!claims)
        return reportError(claims.error().withContext(command));
    for (const auto& [claimName, value] : claims->members()) {
        const QString hint = reservedClaimHint(claimName);
        if (!hint.isEmpty())
            return reportError(QStringLiteral("%1: the claim '%2' is not set with --claim or --claims-file: %3")
                                   .arg(command, QString::fromStdString(claimName), hint));
    }
    request.extraClaims = std::move(*claims);
    auto workspace = openWorkspace(parser);
    if (!workspace)
        return reportError(workspace.error());
    auto minted = (*workspace)->tokens().mintRecorded(request);
    if (!minted)
        return reportError(minted.error().withContext(command));
    printOut(QString::fromStdString(minted->token) + QLatin1Char('\n'));
    return Success;
}

int runProjectTokenVerify(const QCommandLineParser& parser)
{
    const QString command = QStringLiteral("token verify -p");
    if (parser.isSet(pemPassphraseOption()))
        return reportError(QStringLiteral("%1: --pem-passphrase-file applies to --key FILE").arg(command));
    auto options = verifyOptions(parser);
    if (!options)
        return reportError(options.error().withContext(command));
    auto token = readTokenArgument(parser.positionalArguments());
    if (!token)
        return reportError(token.error().withContext(command));
    auto workspace = openWorkspace(parser);
    if (!workspace)
        return reportError(workspace.error());
    const QString project = parser.value(projectOption());
    const bool consume = parser.isSet(QStringLiteral("consume"));
    const std::string tokenText = token->toStdString();
    auto result = (*workspace)->tokens().verify(project, tokenText, std::move(*options), consume);
    if (!result)
        return reportError(result.error().withContext(command));
    const VerificationReport& report = result->report;
    if (parser.isSet(QStringLiteral("json"))) {
        JsonValue json = report.toJson();
        json.set("project", jsonString(project));
        json.set("accepted", JsonValue::boolean(result->isAccepted()));
        if (consume) {
            JsonValue consumption = JsonValue::object();
            if (result->consumed) {
                consumption.set("outcome", jsonString(outcomeName(*result->consumed)));
                consumption.set("message", jsonString(describe(*result->consumed)));
            } else {
                consumption.set("outcome", jsonString(QStringLiteral("not-attempted")));
                consumption.set("message", jsonString(QStringLiteral("the token is invalid")));
            }
            json.set("consumption", std::move(consumption));
        }
        printJson(json);
    } else {
        std::optional<ExtraCheck> extra;
        if (result->consumed)
            extra = ExtraCheck{*result->consumed == ConsumeOutcome::Consumed,
                               QStringLiteral("one-time: %1").arg(describe(*result->consumed))};
        printOut(renderReport(report, extra));
    }
    if (!report.isValid()) {
        printError(QStringLiteral("token invalid: %1").arg(report.summary()));
        return TokenInvalid;
    }
    if (!result->isAccepted()) {
        printError(
            QStringLiteral("token rejected: %1").arg(describe(result->consumed.value_or(ConsumeOutcome::NotInLedger))));
        return TokenInvalid;
    }
    return Success;
}

void addProjectTokenCommands(CommandList& commands)
{
    commands.push_back(std::make_unique<TokenList>());
}

} // namespace Signet::Cli
