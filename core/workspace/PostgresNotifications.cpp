#include "workspace/PostgresNotifications.h"

#include "workspace/Database.h"

#include <QStringList>

namespace Signet {

namespace {

struct NotifyingTable
{
    const char* table;
    const char* payload;
    // Inserts announced once per statement: the ledger writer inserts hundreds of rows at once, and a
    // trigger function called for each costs an eighth of the insert. Only the writer inserts many
    // rows, and nobody inserts ledger rows in answer to a notification, so an insert that adds
    // nothing (its project just deleted) waking the members once is harmless.
    bool insertsPerStatement = false;
};

constexpr NotifyingTable kTables[] = {
    {"projects", kConfigurationPayload},   {"signing_keys", kConfigurationPayload}, {"api_keys", kConfigurationPayload},
    {"profiles", kConfigurationPayload},   {"ledger", kRecordsPayload, true},       {"audit", kRecordsPayload},
    {"session_families", kRecordsPayload}, {"refresh_tokens", kRecordsPayload},     {"meta", kRecordsPayload},
};

// The migrations' advisory lock (Migrations.cpp): installing triggers is schema work too.
constexpr qint64 kSchemaLock = 0x5349474e4554;

QString triggerName(const char* table)
{
    return QStringLiteral("%1_notify_row").arg(QLatin1String(table));
}

QString insertTriggerName(const char* table)
{
    return QStringLiteral("%1_notify_insert").arg(QLatin1String(table));
}

// The names of the triggers a database that announces its changes has.
QStringList triggerNames()
{
    QStringList names;
    for (const auto& entry : kTables) {
        names.append(triggerName(entry.table));
        if (entry.insertsPerStatement)
            names.append(insertTriggerName(entry.table));
    }
    return names;
}

} // namespace

Status installChangeNotifications(const Database& database)
{
    QStringList statements{
        QStringLiteral("CREATE OR REPLACE FUNCTION signet_notify_change() RETURNS trigger LANGUAGE plpgsql AS"
                       " $$ BEGIN PERFORM pg_notify('%1', TG_ARGV[0]); RETURN NULL; END $$")
            .arg(QLatin1String(kChangeChannel))};
    for (const auto& [table, payload, insertsPerStatement] : kTables) {
        const QString name = QLatin1String(table);
        statements.append(QStringLiteral("DROP TRIGGER IF EXISTS %1 ON %2").arg(triggerName(table), name));
        statements.append(QStringLiteral("DROP TRIGGER IF EXISTS %1 ON %2").arg(insertTriggerName(table), name));
        // The per-statement trigger of earlier builds.
        statements.append(QStringLiteral("DROP TRIGGER IF EXISTS %1_notify_change ON %1").arg(name));
        // Per row, not per statement: a statement that changes nothing (retiring keys whose time has
        // not come) must not wake every member, who would read again and answer in kind. PostgreSQL
        // sends one notification per transaction for a channel and payload, however many rows.
        statements.append(QStringLiteral("CREATE TRIGGER %1 AFTER %2 ON %3"
                                         " FOR EACH ROW EXECUTE FUNCTION signet_notify_change('%4')")
                              .arg(triggerName(table),
                                   insertsPerStatement ? QStringLiteral("UPDATE OR DELETE")
                                                       : QStringLiteral("INSERT OR UPDATE OR DELETE"),
                                   name, QLatin1String(payload)));
        if (insertsPerStatement)
            statements.append(QStringLiteral("CREATE TRIGGER %1 AFTER INSERT ON %2"
                                             " FOR EACH STATEMENT EXECUTE FUNCTION signet_notify_change('%3')")
                                  .arg(insertTriggerName(table), name, QLatin1String(payload)));
    }
    for (const QString& statement : statements) {
        if (auto done = database.exec(statement); !done)
            return std::unexpected(done.error().withContext(QStringLiteral("announcing changes to team members")));
    }
    return {};
}

Result<bool> changeNotificationsInstalled(const Database& database)
{
    const QStringList expected = triggerNames();
    QStringList names;
    for (const QString& name : expected)
        names.append(QLatin1Char('\'') + name + QLatin1Char('\''));
    // The names are ours, not the user's: no binding needed (and an array binding is not portable).
    auto count = database.scalar(QStringLiteral("SELECT count(*) FROM pg_catalog.pg_trigger t"
                                                " JOIN pg_catalog.pg_class c ON c.oid = t.tgrelid"
                                                " WHERE c.relnamespace = current_schema()::regnamespace"
                                                " AND t.tgname IN (%1)")
                                     .arg(names.join(QLatin1Char(','))));
    if (!count)
        return std::unexpected(count.error());
    return count->toInt() == expected.size();
}

Status ensureChangeNotifications(const Database& database)
{
    if (database.dialect() != Database::Dialect::PostgreSql || database.isReadOnly())
        return {};
    auto installed = changeNotificationsInstalled(database);
    if (!installed)
        return std::unexpected(installed.error());
    if (*installed)
        return {};
    auto transaction = Transaction::begin(database);
    if (!transaction)
        return std::unexpected(transaction.error());
    if (auto locked = database.exec(QStringLiteral("SELECT pg_advisory_xact_lock(%1)").arg(kSchemaLock)); !locked)
        return std::unexpected(locked.error());
    installed = changeNotificationsInstalled(database); // another member may have just done it
    if (!installed)
        return std::unexpected(installed.error());
    if (*installed)
        return {};
    if (auto done = installChangeNotifications(database); !done)
        return done;
    return transaction->commit();
}

} // namespace Signet
