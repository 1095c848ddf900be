#include "commands/ApiKeyCommands.h"

#include "CliSupport.h"
#include "WorkspaceSupport.h"
#include "foundation/Duration.h"

namespace Signet::Cli {

namespace {

const QCommandLineOption kJsonOption(QStringLiteral("json"), QStringLiteral("Print JSON."));

QString status(const ApiKeyRecord& key, qint64 now)
{
    if (key.revokedAt)
        return QStringLiteral("revoked");
    if (key.expiresAt && *key.expiresAt <= now)
        return QStringLiteral("expired");
    return QStringLiteral("usable");
}

JsonValue apiKeyJson(const ApiKeyRecord& key, qint64 now)
{
    JsonValue json = JsonValue::object();
    json.set("id", jsonString(key.id));
    json.set("project", jsonString(key.projectId));
    json.set("name", jsonString(key.name));
    json.set("scopes", jsonStrings(key.scopes));
    json.set("createdAt", JsonValue::integer(key.createdAt));
    json.set("expiresAt", jsonTime(key.expiresAt));
    json.set("lastUsedAt", jsonTime(key.lastUsedAt));
    json.set("revokedAt", jsonTime(key.revokedAt));
    json.set("status", jsonString(status(key, now)));
    return json;
}

class ApiKeyCreate final : public Command
{
public:
    QString name() const override { return QStringLiteral("apikey create"); }
    QString synopsis() const override
    {
        return QStringLiteral("-p ID --name N [--scope S]... [--expires DURATION] [--json]");
    }
    QString summary() const override
    {
        return QStringLiteral("Create an API key; its secret is printed once and never again.");
    }
    QString details() const override
    {
        return QStringLiteral(
            "The workspace keeps only the secret's hash and a sealed copy (for minting HS256 tokens with\n"
            "'token mint -p ID --api-key KEY_ID'). Scopes must come from the project's catalogue when it has\n"
            "one. --json prints {\"id\", \"secret\", ...}.");
    }
    void configure(QCommandLineParser& parser) const override
    {
        parser.addOption(projectOption());
        parser.addOption({QStringLiteral("name"), QStringLiteral("What the key is for."), QStringLiteral("N")});
        parser.addOption(
            {QStringLiteral("scope"), QStringLiteral("A scope the key grants (repeatable)."), QStringLiteral("S")});
        parser.addOption({QStringLiteral("expires"), QStringLiteral("Lifetime of the key (default: none)."),
                          QStringLiteral("DURATION")});
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
                QStringLiteral("apikey create: unexpected argument '%1'").arg(parser.positionalArguments().front()));
        if (parser.value(QStringLiteral("name")).trimmed().isEmpty())
            return reportError(QStringLiteral("apikey create: --name is required"));
        std::optional<qint64> expiresIn;
        if (parser.isSet(QStringLiteral("expires"))) {
            auto delay = Duration::parse(parser.value(QStringLiteral("expires")));
            if (!delay)
                return reportError(delay.error().withContext(QStringLiteral("apikey create: --expires")));
            expiresIn = *delay;
        }
        QStringList scopes;
        for (const QString& value : parser.values(QStringLiteral("scope")))
            scopes += value.split(QLatin1Char(','), Qt::SkipEmptyParts);
        for (QString& scope : scopes)
            scope = scope.trimmed();
        auto workspace = openWorkspace(parser);
        if (!workspace)
            return reportError(workspace.error());
        auto created =
            (*workspace)->apiKeys().create(*project, parser.value(QStringLiteral("name")), scopes, expiresIn);
        if (!created)
            return reportError(created.error().withContext(QStringLiteral("apikey create")));
        const ApiKeyRecord& key = created->record;
        if (parser.isSet(kJsonOption)) {
            JsonValue json = apiKeyJson(key, SystemClock::instance().now());
            json.set("secret", jsonString(created->secret));
            printJson(json);
        } else {
            printOut(QStringLiteral("created API key %1 ('%2') for project '%3'; scopes: %4; expires: %5\n"
                                    "id:     %1\n"
                                    "secret: %6\n"
                                    "Store the secret now: it will not be shown again.\n")
                         .arg(key.id, key.name, key.projectId,
                              key.scopes.isEmpty() ? QStringLiteral("none") : key.scopes.join(QLatin1Char(' ')),
                              key.expiresAt ? Duration::formatUtc(*key.expiresAt) : QStringLiteral("never"),
                              created->secret));
        }
        created->secret.fill(QLatin1Char('\0'));
        return Success;
    }
};

class ApiKeyList final : public Command
{
public:
    QString name() const override { return QStringLiteral("apikey list"); }
    QString synopsis() const override { return QStringLiteral("-p ID [--json]"); }
    QString summary() const override { return QStringLiteral("List a project's API keys (never their secrets)."); }
    void configure(QCommandLineParser& parser) const override
    {
        parser.addOption(projectOption());
        parser.addOption(kJsonOption);
        addWorkspaceOptions(parser);
    }
    int run(const QCommandLineParser& parser) const override
    {
        auto session = openProject(parser, name());
        if (!session)
            return reportError(session.error());
        const QString& project = session->project;
        Workspace& workspace = *session->workspace;
        auto keys = workspace.apiKeys().list(project);
        if (!keys)
            return reportError(keys.error().withContext(QStringLiteral("apikey list")));
        const qint64 now = SystemClock::instance().now();
        if (parser.isSet(kJsonOption)) {
            JsonValue::Array items;
            for (const ApiKeyRecord& key : *keys)
                items.push_back(apiKeyJson(key, now));
            printJson(JsonValue::array(std::move(items)));
            return Success;
        }
        if (keys->isEmpty()) {
            printOut(QStringLiteral("project '%1' has no API keys\n").arg(project));
            return Success;
        }
        QList<QStringList> rows;
        for (const ApiKeyRecord& key : *keys)
            rows.append(
                {key.id, key.name, key.scopes.isEmpty() ? QStringLiteral("-") : key.scopes.join(QLatin1Char(' ')),
                 tableTime(key.createdAt), tableTime(key.expiresAt), tableTime(key.lastUsedAt), status(key, now)});
        printOut(renderTable({QStringLiteral("ID"), QStringLiteral("NAME"), QStringLiteral("SCOPES"),
                              QStringLiteral("CREATED (UTC)"), QStringLiteral("EXPIRES (UTC)"),
                              QStringLiteral("LAST USED (UTC)"), QStringLiteral("STATUS")},
                             rows));
        return Success;
    }
};

class ApiKeyRevoke final : public Command
{
public:
    QString name() const override { return QStringLiteral("apikey revoke"); }
    QString synopsis() const override { return QStringLiteral("-p ID KEY_ID"); }
    QString summary() const override
    {
        return QStringLiteral("Revoke an API key: it no longer mints, and tokens minted with it stop verifying.");
    }
    void configure(QCommandLineParser& parser) const override
    {
        parser.addPositionalArgument(QStringLiteral("KEY_ID"), QStringLiteral("The API key's id (ak_...)."));
        parser.addOption(projectOption());
        addWorkspaceOptions(parser);
    }
    int run(const QCommandLineParser& parser) const override
    {
        auto project = requireProject(parser, name());
        if (!project)
            return reportError(project.error());
        if (parser.positionalArguments().size() != 1)
            return reportError(QStringLiteral("apikey revoke: give exactly one KEY_ID"));
        auto workspace = openWorkspace(parser);
        if (!workspace)
            return reportError(workspace.error());
        auto revoked = (*workspace)->apiKeys().revoke(*project, parser.positionalArguments().front());
        if (!revoked)
            return reportError(revoked.error().withContext(QStringLiteral("apikey revoke")));
        printOut(QStringLiteral("revoked API key %1 ('%2') of project '%3'\n")
                     .arg(revoked->id, revoked->name, revoked->projectId));
        return Success;
    }
};

} // namespace

void addApiKeyCommands(CommandList& commands)
{
    commands.push_back(std::make_unique<ApiKeyCreate>());
    commands.push_back(std::make_unique<ApiKeyList>());
    commands.push_back(std::make_unique<ApiKeyRevoke>());
}

} // namespace Signet::Cli
