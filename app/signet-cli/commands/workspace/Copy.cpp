// workspace copy: a whole workspace into another store (file ↔ PostgreSQL, or file to file).

#include "commands/Commands.h"
#include "workspace/WorkspaceCopy.h"

namespace Signet::Cli {

namespace {

class Copy final : public Command
{
public:
    Copy()
        : Command(QStringLiteral("workspace copy"), QStringLiteral("FROM TO"),
                  QStringLiteral("Copy a whole workspace to another store: a file or a team database, either way."),
                  QStringLiteral(
                      "FROM and TO are each a workspace file or postgresql://USER@HOST:PORT/DB (a team workspace;\n"
                      "the password from the URL, PGPASSWORD or ~/.pgpass). Every table is copied as it is, in one\n"
                      "transaction: sealed secrets stay sealed, so no passphrase is asked and the copy opens with\n"
                      "FROM's; the audit log keeps its entries, ids and times. TO must be a new file or an empty\n"
                      "database; FROM must be a workspace of this Signet's format (open an older one once to\n"
                      "upgrade it). Afterwards each table's row count and SHA-256 are compared in both.\n"
                      "--workspace is not used: FROM and TO say where."))
    {
        setPositional({QStringLiteral("FROM TO"), QStringLiteral("The workspace to copy, and where the copy goes."), 2,
                       2, QStringLiteral("FROM and TO")});
    }

protected:
    Status validate(const Context& context) const override
    {
        if (context.positional().size() != 2)
            return fail(ErrorCode::InvalidArgument,
                        QStringLiteral("give FROM and TO: signet-cli workspace copy FROM TO (see --help)"));
        return {};
    }

    CommandResult run(Context& context) const override
    {
        const QStringList ends = context.positional();
        auto copied = WorkspaceCopy::copy(ends[0], ends[1]);
        if (!copied)
            return std::unexpected(copied.error());
        QStringList tables;
        for (const WorkspaceCopy::TableRows& table : copied->tables)
            tables.append(QStringLiteral("%1 %2").arg(table.table).arg(table.rows));
        context.output.line(QStringLiteral("copied %1 to %2").arg(copied->from, copied->to));
        context.output.line(QStringLiteral("  rows: %1").arg(tables.join(QStringLiteral(", "))));
        context.output.line(QStringLiteral("verified: each of the %1 tables has the same row count and SHA-256 in both")
                                .arg(copied->tables.size()));
        return Success;
    }
};

} // namespace

std::unique_ptr<Command> Commands::workspaceCopy()
{
    return std::make_unique<Copy>();
}

} // namespace Signet::Cli
