#include "commands/WorkspaceCommands.h"

#include "CliSupport.h"
#include "WorkspaceSupport.h"
#include "crypto/SecureBytes.h"
#include "foundation/Duration.h"

#include <QFileInfo>

namespace Signet::Cli {

namespace {

const QCommandLineOption kJsonOption(QStringLiteral("json"), QStringLiteral("Print JSON."));

JsonValue projectJson(const Project& project)
{
    JsonValue json = JsonValue::object();
    json.set("id", jsonString(project.id));
    json.set("name", jsonString(project.name));
    json.set("issuer", jsonString(project.issuer));
    json.set("audience", jsonString(project.audience));
    json.set("defaultTtl", JsonValue::integer(project.defaultTtl));
    json.set("maxTtl", JsonValue::integer(project.maxTtl));
    json.set("jwksMaxAge", JsonValue::integer(project.jwksMaxAge));
    json.set("rotationInterval", JsonValue::integer(project.rotationInterval));
    QStringList scopes;
    for (const Scope& scope : project.scopes)
        scopes.append(scope.name);
    json.set("scopes", jsonStrings(scopes));
    json.set("createdAt", JsonValue::integer(project.createdAt));
    return json;
}

QString scopeList(const Project& project)
{
    QStringList names;
    for (const Scope& scope : project.scopes)
        names.append(scope.name);
    return names.isEmpty() ? QStringLiteral("(any)") : names.join(QStringLiteral(", "));
}

Result<qint64> durationOption(const QCommandLineParser& parser, const QString& option, const QString& command)
{
    auto value = Duration::parse(parser.value(option));
    if (!value)
        return std::unexpected(value.error().withContext(QStringLiteral("%1: --%2").arg(command, option)));
    return value;
}

class Init final : public Command
{
public:
    QString name() const override { return QStringLiteral("init"); }
    QString synopsis() const override { return QStringLiteral("[--no-passphrase] [--workspace FILE]"); }
    QString summary() const override
    {
        return QStringLiteral("Create a workspace file for projects, signing keys, API keys and the token ledger.");
    }
    QString details() const override
    {
        return QStringLiteral(
            "The file is created with mode 0600; an existing file is never replaced. Its secrets are sealed\n"
            "with a data key that a passphrase protects (from --passphrase-file, SIGNET_PASSPHRASE, or asked\n"
            "twice on a terminal). With --no-passphrase the data key is stored as it is: anyone who can read\n"
            "the file can read its secrets.");
    }
    void configure(QCommandLineParser& parser) const override
    {
        parser.addOption({QStringLiteral("no-passphrase"),
                          QStringLiteral("Create an unprotected workspace (the file alone gives its secrets away).")});
        addWorkspaceOptions(parser);
    }
    int run(const QCommandLineParser& parser) const override
    {
        if (!parser.positionalArguments().isEmpty())
            return reportError(
                QStringLiteral("init: unexpected argument '%1'").arg(parser.positionalArguments().front()));
        const QString path = workspacePath(parser);
        if (QFileInfo::exists(path))
            return reportError(QStringLiteral("init: %1 already exists; it is not replaced").arg(path));
        std::optional<QByteArray> passphrase;
        if (!parser.isSet(QStringLiteral("no-passphrase"))) {
            auto read = readPassphrase(parser, PassphrasePurpose::Create);
            if (!read)
                return reportError(read.error().withContext(QStringLiteral("init")));
            if (!read->has_value())
                return reportError(QStringLiteral(
                    "init: a passphrase is needed: set SIGNET_PASSPHRASE, use --passphrase-file FILE, run on a "
                    "terminal, or give --no-passphrase for an unprotected workspace"));
            passphrase = std::move(*read);
        }
        const bool isProtected = passphrase.has_value();
        auto workspace = Workspace::create(path, std::move(passphrase), Actor::Cli);
        if (!workspace)
            return reportError(workspace.error().withContext(QStringLiteral("init")));
        if (isProtected)
            printOut(QStringLiteral("created workspace %1, protected by a passphrase\n").arg(path));
        else
            printOut(QStringLiteral("created unprotected workspace %1: anyone who can read the file can read its "
                                    "secrets\n")
                         .arg(path));
        printOut(QStringLiteral("next: signet-cli project create ID\n"));
        return Success;
    }
};

class ProjectCreate final : public Command
{
public:
    QString name() const override { return QStringLiteral("project create"); }
    QString synopsis() const override
    {
        return QStringLiteral(
            "ID [--name N] [--issuer URL] [--audience AUD] [--ttl D] [--max-ttl D] [--scopes a,b] [--json]");
    }
    QString summary() const override { return QStringLiteral("Create a project: an issuer with its own keys."); }
    QString details() const override
    {
        return QStringLiteral(
            "ID: 1-64 lower-case letters, digits and '-'. Defaults: name = ID, issuer https://signet.local/p/ID,\n"
            "audience = ID, token lifetime 15m, maximum 1d. --scopes lists the scopes tokens and API keys may\n"
            "carry (none: any). DURATION: 90, 90s, 15m, 1h, 7d.");
    }
    void configure(QCommandLineParser& parser) const override
    {
        parser.addPositionalArgument(QStringLiteral("ID"), QStringLiteral("Project id."));
        parser.addOption({QStringLiteral("name"), QStringLiteral("Display name."), QStringLiteral("N")});
        parser.addOption({QStringLiteral("issuer"), QStringLiteral("The iss of its tokens."), QStringLiteral("URL")});
        parser.addOption(
            {QStringLiteral("audience"), QStringLiteral("The default aud of its tokens."), QStringLiteral("AUD")});
        parser.addOption(
            {QStringLiteral("ttl"), QStringLiteral("Default token lifetime (15m)."), QStringLiteral("DURATION")});
        parser.addOption(
            {QStringLiteral("max-ttl"), QStringLiteral("Longest token lifetime (1d)."), QStringLiteral("DURATION")});
        parser.addOption(
            {QStringLiteral("scopes"), QStringLiteral("Scope catalogue, comma-separated."), QStringLiteral("a,b")});
        parser.addOption(kJsonOption);
        addWorkspaceOptions(parser);
    }
    int run(const QCommandLineParser& parser) const override
    {
        if (parser.positionalArguments().size() != 1)
            return reportError(QStringLiteral("project create: give exactly one project ID"));
        Project draft;
        draft.id = parser.positionalArguments().front();
        if (auto valid = ProjectService::validateId(draft.id); !valid)
            return reportError(valid.error().withContext(QStringLiteral("project create")));
        draft.name = parser.value(QStringLiteral("name"));
        draft.issuer = parser.value(QStringLiteral("issuer"));
        draft.audience = parser.value(QStringLiteral("audience"));
        for (const QString& option : {QStringLiteral("ttl"), QStringLiteral("max-ttl")}) {
            if (!parser.isSet(option))
                continue;
            auto value = durationOption(parser, option, name());
            if (!value)
                return reportError(value.error());
            (option == QLatin1String("ttl") ? draft.defaultTtl : draft.maxTtl) = *value;
        }
        for (const QString& scope :
             parser.values(QStringLiteral("scopes")).join(QLatin1Char(',')).split(QLatin1Char(','), Qt::SkipEmptyParts))
            draft.scopes.append({scope.trimmed(), QString()});
        auto workspace = openWorkspace(parser);
        if (!workspace)
            return reportError(workspace.error());
        auto project = (*workspace)->projects().create(draft);
        if (!project)
            return reportError(project.error().withContext(QStringLiteral("project create")));
        if (parser.isSet(kJsonOption)) {
            printJson(projectJson(*project));
            return Success;
        }
        printOut(QStringLiteral("created project '%1' (issuer %2, audience %3)\n"
                                "next: signet-cli key generate -p %1 --alg ES256\n")
                     .arg(project->id, project->issuer, project->audience));
        return Success;
    }
};

class ProjectList final : public Command
{
public:
    QString name() const override { return QStringLiteral("project list"); }
    QString synopsis() const override { return QStringLiteral("[--json]"); }
    QString summary() const override { return QStringLiteral("List the workspace's projects."); }
    void configure(QCommandLineParser& parser) const override
    {
        parser.addOption(kJsonOption);
        addWorkspaceOptions(parser);
    }
    int run(const QCommandLineParser& parser) const override
    {
        if (!parser.positionalArguments().isEmpty())
            return reportError(
                QStringLiteral("project list: unexpected argument '%1'").arg(parser.positionalArguments().front()));
        auto workspace = openWorkspace(parser);
        if (!workspace)
            return reportError(workspace.error());
        auto projects = (*workspace)->projects().list();
        if (!projects)
            return reportError(projects.error().withContext(QStringLiteral("project list")));
        if (parser.isSet(kJsonOption)) {
            JsonValue::Array items;
            for (const Project& project : *projects)
                items.push_back(projectJson(project));
            printJson(JsonValue::array(std::move(items)));
            return Success;
        }
        if (projects->isEmpty()) {
            printOut(QStringLiteral("no projects yet (signet-cli project create ID)\n"));
            return Success;
        }
        QList<QStringList> rows;
        for (const Project& project : *projects)
            rows.append({project.id, project.name, project.issuer, project.audience,
                         Duration::formatSpan(project.defaultTtl), tableTime(project.createdAt)});
        printOut(renderTable({QStringLiteral("ID"), QStringLiteral("NAME"), QStringLiteral("ISSUER"),
                              QStringLiteral("AUDIENCE"), QStringLiteral("TTL"), QStringLiteral("CREATED (UTC)")},
                             rows));
        return Success;
    }
};

class ProjectShow final : public Command
{
public:
    QString name() const override { return QStringLiteral("project show"); }
    QString synopsis() const override { return QStringLiteral("ID [--json]"); }
    QString summary() const override
    {
        return QStringLiteral("Show a project's settings and how many keys, API keys and tokens it has.");
    }
    void configure(QCommandLineParser& parser) const override
    {
        parser.addPositionalArgument(QStringLiteral("ID"), QStringLiteral("Project id."));
        parser.addOption(kJsonOption);
        addWorkspaceOptions(parser);
    }
    int run(const QCommandLineParser& parser) const override
    {
        if (parser.positionalArguments().size() != 1)
            return reportError(QStringLiteral("project show: give exactly one project ID"));
        auto workspace = openWorkspace(parser);
        if (!workspace)
            return reportError(workspace.error());
        Workspace& ws = **workspace;
        auto project = ws.projects().get(parser.positionalArguments().front());
        if (!project)
            return reportError(project.error().withContext(QStringLiteral("project show")));
        auto keys = ws.keys().list(project->id);
        auto apiKeys = ws.apiKeys().list(project->id);
        auto ledger = ws.tokens().list(project->id);
        if (!keys || !apiKeys || !ledger)
            return reportError((!keys      ? keys.error()
                                : !apiKeys ? apiKeys.error()
                                           : ledger.error())
                                   .withContext(QStringLiteral("project show")));
        QString activeKid;
        QStringList stateCounts;
        JsonValue keyCounts = JsonValue::object();
        for (KeyState state :
             {KeyState::Active, KeyState::Next, KeyState::Retiring, KeyState::Retired, KeyState::Revoked}) {
            qsizetype count = 0;
            for (const SigningKeyRecord& key : *keys) {
                if (key.state == state) {
                    ++count;
                    if (state == KeyState::Active)
                        activeKid = key.kid;
                }
            }
            keyCounts.set(keyStateName(state).toStdString(), JsonValue::integer(count));
            if (count)
                stateCounts.append(QStringLiteral("%1 %2").arg(count).arg(keyStateName(state)));
        }
        if (parser.isSet(kJsonOption)) {
            JsonValue json = projectJson(*project);
            json.set("activeKid", activeKid.isEmpty() ? JsonValue::null() : jsonString(activeKid));
            json.set("keys", std::move(keyCounts));
            json.set("apiKeys", JsonValue::integer(apiKeys->size()));
            json.set("tokens", JsonValue::integer(ledger->size()));
            printJson(json);
            return Success;
        }
        QString out = QStringLiteral("project %1\n").arg(project->id);
        auto field = [&out](const QString& label, const QString& value) {
            out += QStringLiteral("  %1 %2\n").arg(QString(label + QLatin1Char(':')), -20).arg(value);
        };
        field(QStringLiteral("name"), project->name);
        field(QStringLiteral("issuer"), project->issuer);
        field(QStringLiteral("audience"), project->audience);
        field(QStringLiteral("token lifetime"),
              QStringLiteral("%1 (at most %2)")
                  .arg(Duration::formatSpan(project->defaultTtl), Duration::formatSpan(project->maxTtl)));
        field(QStringLiteral("JWKS max-age"), Duration::formatSpan(project->jwksMaxAge));
        field(QStringLiteral("rotation interval"), Duration::formatSpan(project->rotationInterval));
        field(QStringLiteral("scopes"), scopeList(*project));
        field(QStringLiteral("created"), Duration::formatUtc(project->createdAt));
        field(QStringLiteral("signing keys"),
              stateCounts.isEmpty() ? QStringLiteral("none") : stateCounts.join(QStringLiteral(", ")));
        field(QStringLiteral("active key"),
              activeKid.isEmpty() ? QStringLiteral("none: tokens cannot be minted") : activeKid);
        field(QStringLiteral("API keys"), QString::number(apiKeys->size()));
        field(QStringLiteral("tokens in ledger"), QString::number(ledger->size()));
        printOut(out);
        return Success;
    }
};

class ProjectDelete final : public Command
{
public:
    QString name() const override { return QStringLiteral("project delete"); }
    QString synopsis() const override { return QStringLiteral("ID [--json]"); }
    QString summary() const override
    {
        return QStringLiteral("Delete a project with its keys, API keys and token ledger (the audit log keeps it).");
    }
    void configure(QCommandLineParser& parser) const override
    {
        parser.addPositionalArgument(QStringLiteral("ID"), QStringLiteral("Project id."));
        parser.addOption(kJsonOption);
        addWorkspaceOptions(parser);
    }
    int run(const QCommandLineParser& parser) const override
    {
        if (parser.positionalArguments().size() != 1)
            return reportError(QStringLiteral("project delete: give exactly one project ID"));
        const QString id = parser.positionalArguments().front();
        auto workspace = openWorkspace(parser);
        if (!workspace)
            return reportError(workspace.error());
        if (auto removed = (*workspace)->projects().remove(id); !removed)
            return reportError(removed.error().withContext(QStringLiteral("project delete")));
        if (parser.isSet(kJsonOption)) {
            JsonValue json = JsonValue::object();
            json.set("deleted", jsonString(id));
            printJson(json);
        } else {
            printOut(QStringLiteral("deleted project '%1' with its keys, API keys and token ledger\n").arg(id));
        }
        return Success;
    }
};

class Audit final : public Command
{
public:
    QString name() const override { return QStringLiteral("audit"); }
    QString synopsis() const override { return QStringLiteral("[-p ID] [--limit N] [--json]"); }
    QString summary() const override
    {
        return QStringLiteral("Show the workspace's audit log (newest first): who changed or revealed what, when.");
    }
    void configure(QCommandLineParser& parser) const override
    {
        parser.addOption(projectOption());
        parser.addOption(
            {QStringLiteral("limit"), QStringLiteral("At most N events (default 1000)."), QStringLiteral("N")});
        parser.addOption(kJsonOption);
        addWorkspaceOptions(parser);
    }
    int run(const QCommandLineParser& parser) const override
    {
        if (!parser.positionalArguments().isEmpty())
            return reportError(
                QStringLiteral("audit: unexpected argument '%1'").arg(parser.positionalArguments().front()));
        int limit = 1000;
        if (parser.isSet(QStringLiteral("limit"))) {
            bool ok = false;
            limit = parser.value(QStringLiteral("limit")).toInt(&ok);
            if (!ok || limit <= 0)
                return reportError(QStringLiteral("audit: --limit must be a positive number"));
        }
        auto workspace = openWorkspace(parser);
        if (!workspace)
            return reportError(workspace.error());
        const QString project = parser.value(projectOption());
        if (!project.isEmpty()) {
            if (auto known = (*workspace)->projects().get(project); !known)
                return reportError(known.error().withContext(QStringLiteral("audit")));
        }
        auto events = (*workspace)->audit().list(project, limit);
        if (!events)
            return reportError(events.error().withContext(QStringLiteral("audit")));
        if (parser.isSet(kJsonOption)) {
            JsonValue::Array items;
            for (const AuditEvent& event : *events) {
                JsonValue json = JsonValue::object();
                json.set("id", JsonValue::integer(event.id));
                json.set("at", JsonValue::integer(event.at));
                json.set("time", jsonString(Duration::formatUtc(event.at)));
                json.set("actor", jsonString(event.actor));
                json.set("action", jsonString(event.action));
                json.set("project", event.projectId.isEmpty() ? JsonValue::null() : jsonString(event.projectId));
                json.set("object", jsonString(event.object));
                json.set("details", jsonString(event.details));
                items.push_back(std::move(json));
            }
            printJson(JsonValue::array(std::move(items)));
            return Success;
        }
        QList<QStringList> rows;
        for (const AuditEvent& event : *events)
            rows.append({tableTime(event.at), event.actor, event.action,
                         event.projectId.isEmpty() ? QStringLiteral("-") : event.projectId, event.object,
                         event.details});
        printOut(renderTable({QStringLiteral("TIME (UTC)"), QStringLiteral("ACTOR"), QStringLiteral("ACTION"),
                              QStringLiteral("PROJECT"), QStringLiteral("OBJECT"), QStringLiteral("DETAILS")},
                             rows));
        return Success;
    }
};

} // namespace

void addWorkspaceCommands(CommandList& commands)
{
    commands.push_back(std::make_unique<Init>());
    commands.push_back(std::make_unique<ProjectCreate>());
    commands.push_back(std::make_unique<ProjectList>());
    commands.push_back(std::make_unique<ProjectShow>());
    commands.push_back(std::make_unique<ProjectDelete>());
}

void addAuditCommand(CommandList& commands)
{
    commands.push_back(std::make_unique<Audit>());
}

} // namespace Signet::Cli
