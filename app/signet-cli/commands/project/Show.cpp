// project show: settings and counts.

#include "cli/Options.h"
#include "cli/RecordViews.h"
#include "cli/WorkspaceCommand.h"
#include "commands/Commands.h"
#include "foundation/Duration.h"
#include "workspace/Workspace.h"

namespace Signet::Cli {

namespace {

struct ProjectSummary
{
    Project project;
    QList<SigningKeyRecord> keys;
    qsizetype apiKeys = 0;
    qsizetype tokens = 0;

    [[nodiscard]] QString activeKid() const
    {
        for (const SigningKeyRecord& key : keys) {
            if (key.state == KeyState::Active)
                return key.kid;
        }
        return {};
    }
    [[nodiscard]] qsizetype keysIn(KeyState state) const
    {
        return std::count_if(keys.begin(), keys.end(),
                             [state](const SigningKeyRecord& key) { return key.state == state; });
    }
};

constexpr KeyState kStates[] = {KeyState::Active, KeyState::Next, KeyState::Retiring, KeyState::Retired,
                                KeyState::Revoked};

Result<ProjectSummary> summarise(Workspace& workspace, const QString& id)
{
    auto project = workspace.projects().get(id);
    if (!project)
        return std::unexpected(project.error());
    auto keys = workspace.keys().list(project->id);
    if (!keys)
        return std::unexpected(keys.error());
    auto apiKeys = workspace.apiKeys().list(project->id);
    if (!apiKeys)
        return std::unexpected(apiKeys.error());
    auto ledger = workspace.tokens().list(project->id);
    if (!ledger)
        return std::unexpected(ledger.error());
    return ProjectSummary{std::move(*project), std::move(*keys), apiKeys->size(), ledger->size()};
}

JsonValue summaryJson(const ProjectSummary& summary)
{
    JsonValue json = projectJson(summary.project);
    const QString activeKid = summary.activeKid();
    json.set("activeKid", activeKid.isEmpty() ? JsonValue::null() : jsonString(activeKid));
    JsonValue keyCounts = JsonValue::object();
    for (KeyState state : kStates)
        keyCounts.set(keyStateName(state).toStdString(), JsonValue::integer(summary.keysIn(state)));
    json.set("keys", std::move(keyCounts));
    json.set("apiKeys", JsonValue::integer(summary.apiKeys));
    json.set("tokens", JsonValue::integer(summary.tokens));
    return json;
}

QString summaryText(const ProjectSummary& summary)
{
    const Project& project = summary.project;
    QStringList stateCounts;
    for (KeyState state : kStates) {
        if (const qsizetype count = summary.keysIn(state))
            stateCounts.append(QStringLiteral("%1 %2").arg(count).arg(keyStateName(state)));
    }
    const QString activeKid = summary.activeKid();
    QString out = QStringLiteral("project %1\n").arg(project.id);
    auto field = [&out](const QString& label, const QString& value) {
        out += QStringLiteral("  %1 %2\n").arg(QString(label + QLatin1Char(':')), -20).arg(value);
    };
    field(QStringLiteral("name"), project.name);
    if (!project.profile.isEmpty())
        field(QStringLiteral("profile"),
              project.profile + QStringLiteral(" (see 'profile show %1')").arg(project.profile));
    field(QStringLiteral("issuer"), project.issuer);
    field(QStringLiteral("audience"), project.audience);
    field(QStringLiteral("token lifetime"),
          QStringLiteral("%1 (at most %2)")
              .arg(Duration::formatSpan(project.defaultTtl), Duration::formatSpan(project.maxTtl)));
    field(QStringLiteral("JWKS max-age"), Duration::formatSpan(project.jwksMaxAge));
    field(QStringLiteral("rotation interval"), Duration::formatSpan(project.rotationInterval));
    field(QStringLiteral("scopes"), scopeCatalogue(project));
    field(QStringLiteral("created"), Duration::formatUtc(project.createdAt));
    field(QStringLiteral("signing keys"),
          stateCounts.isEmpty() ? QStringLiteral("none") : stateCounts.join(QStringLiteral(", ")));
    field(QStringLiteral("active key"),
          activeKid.isEmpty() ? QStringLiteral("none: tokens cannot be minted") : activeKid);
    field(QStringLiteral("API keys"), QString::number(summary.apiKeys));
    field(QStringLiteral("tokens in ledger"), QString::number(summary.tokens));
    return out;
}

class ProjectShow final : public WorkspaceCommand
{
public:
    ProjectShow()
        : WorkspaceCommand(QStringLiteral("project show"), QStringLiteral("ID [--json]"),
                           QStringLiteral("Show a project's settings and how many keys, API keys and tokens it has."),
                           {}, JsonOutput::Offered)
    {
        setPositional({QStringLiteral("ID"), QStringLiteral("Project id."), 1, 1, QStringLiteral("project ID")});
    }

protected:
    CommandResult runOnWorkspace(Context& context, Workspace& workspace) const override
    {
        auto summary = summarise(workspace, context.positional().front());
        if (!summary)
            return std::unexpected(summary.error());
        if (context.isSet(Options::Json))
            context.output.json(summaryJson(*summary));
        else
            context.output.text(summaryText(*summary));
        return Success;
    }
};

} // namespace

std::unique_ptr<Command> Commands::projectShow()
{
    return std::make_unique<ProjectShow>();
}

} // namespace Signet::Cli
