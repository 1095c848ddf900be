#include "workspace/AuditLog.h"
#include "workspace/Database.h"

#include "foundation/Clock.h"

namespace Signet {

AuditLog::AuditLog(const Database& database, Actor actor, const Clock& clock)
    : m_database(database)
    , m_actor(actor)
    , m_clock(clock)
{}

Status AuditLog::record(const QString& action, const QString& projectId, const QString& object, const QString& details)
{
    auto done = m_database.run(
        QStringLiteral("INSERT INTO audit (at, actor, action, project_id, object, details, member, machine)"
                       " VALUES (?, ?, ?, ?, ?, ?, ?, ?)"),
        {m_clock.now(), actorName(m_actor), action, projectId.isEmpty() ? QVariant() : QVariant(projectId), object,
         details, m_member.isEmpty() ? QVariant() : QVariant(m_member),
         m_machine.isEmpty() ? QVariant() : QVariant(m_machine)});
    if (!done)
        return std::unexpected(done.error());
    Q_EMIT eventRecorded();
    return {};
}

Result<QList<AuditEvent>> AuditLog::list(const QString& projectId, int limit, const QString& member) const
{
    QStringList conditions;
    QVariantList bindings;
    if (!projectId.isEmpty()) {
        conditions.append(QStringLiteral("project_id = ?"));
        bindings.append(projectId);
    }
    if (!member.isEmpty()) {
        conditions.append(QStringLiteral("member = ?"));
        bindings.append(member);
    }
    bindings.append(limit);
    auto query =
        m_database.exec(QStringLiteral("SELECT %1 FROM audit%2 ORDER BY id DESC LIMIT ?")
                            .arg(auditColumns(), conditions.isEmpty() ? QString()
                                                                      : QStringLiteral(" WHERE ") +
                                                                            conditions.join(QStringLiteral(" AND "))),
                        bindings);
    if (!query)
        return std::unexpected(query.error());
    QList<AuditEvent> events;
    while (query->next())
        events.append(auditEventAt(*query));
    return events;
}

QString auditColumns()
{
    return QStringLiteral("id, at, actor, action, project_id, object, details, member, machine");
}

AuditEvent auditEventAt(const QSqlQuery& query)
{
    return {query.value(0).toLongLong(), query.value(1).toLongLong(), query.value(2).toString(),
            query.value(3).toString(),   query.value(4).toString(),   query.value(5).toString(),
            query.value(6).toString(),   query.value(7).toString(),   query.value(8).toString()};
}

} // namespace Signet
