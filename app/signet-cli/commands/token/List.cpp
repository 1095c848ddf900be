// token list: a project's ledger, newest first.

#include "cli/Listing.h"
#include "cli/Options.h"
#include "cli/RecordViews.h"
#include "cli/TypedOptions.h"
#include "cli/WorkspaceCommand.h"
#include "commands/Commands.h"
#include "workspace/Workspace.h"

namespace Signet::Cli {

namespace {

class TokenList final : public ProjectCommand
{
public:
    static const IntegerOption Limit;

    TokenList()
        : ProjectCommand(
              QStringLiteral("token list"), QStringLiteral("-p ID [--limit N] [--json]"),
              QStringLiteral("List the tokens a project minted (its ledger, newest first; never the token text)."), {},
              JsonOutput::Offered)
    {
        addOption(&Limit);
    }

protected:
    CommandResult runOnProject(Context& context, Workspace& workspace, const QString& project) const override
    {
        const int limit = static_cast<int>(Limit.read(context.parser).value_or(1000));
        auto entries = workspace.tokens().list(project, limit);
        if (!entries)
            return std::unexpected(entries.error());
        const qint64 now = SystemClock::instance().now();
        const Listing<LedgerEntry> listing{
            [now](const LedgerEntry& entry) { return ledgerEntryJson(entry, now); },
            {QStringLiteral("JTI"), QStringLiteral("SUBJECT"), QStringLiteral("SCOPES"), QStringLiteral("ISSUED (UTC)"),
             QStringLiteral("EXPIRES (UTC)"), QStringLiteral("ONE-TIME")},
            [now](const LedgerEntry& entry) {
                return QStringList{entry.jti,
                                   entry.subject.isEmpty() ? QStringLiteral("-") : entry.subject,
                                   entry.scopes.isEmpty() ? QStringLiteral("-") : entry.scopes.join(QLatin1Char(' ')),
                                   Output::tableTime(entry.issuedAt),
                                   Output::tableTime(entry.expiresAt),
                                   statusWord(entry.oneTimeStatus(now))};
            },
            QStringLiteral("project '%1' has minted no tokens").arg(project)};
        listing.print(context, *entries);
        return Success;
    }
};

const IntegerOption TokenList::Limit(QStringList{QStringLiteral("limit")},
                                     QStringLiteral("At most N tokens (default 1000)."), QStringLiteral("N"), 1,
                                     1000000, QStringLiteral("a positive number (at most 1000000)"));

} // namespace

std::unique_ptr<Command> Commands::tokenList()
{
    return std::make_unique<TokenList>();
}

} // namespace Signet::Cli
