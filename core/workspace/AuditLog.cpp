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
        QStringLiteral("INSERT INTO audit (at, actor, action, project_id, object, details) VALUES (?, ?, ?, ?, ?, ?)"),
        {m_clock.now(), actorName(m_actor), action, projectId.isEmpty() ? QVariant() : QVariant(projectId), object,
         details});
    if (!done)
        return std::unexpected(done.error());
    Q_EMIT eventRecorded();
    return {};
}

Result<QList<AuditEvent>> AuditLog::list(const QString& projectId, int limit) const
{
    auto query =
        projectId.isEmpty()
            ? m_database.exec(QStringLiteral("SELECT id, at, actor, action, project_id, object, details FROM audit "
                                             "ORDER BY id DESC LIMIT ?"),
                              {limit})
            : m_database.exec(QStringLiteral("SELECT id, at, actor, action, project_id, object, details FROM audit "
                                             "WHERE project_id = ? ORDER BY id DESC LIMIT ?"),
                              {projectId, limit});
    if (!query)
        return std::unexpected(query.error());
    QList<AuditEvent> events;
    while (query->next()) {
        events.append({query->value(0).toLongLong(), query->value(1).toLongLong(), query->value(2).toString(),
                       query->value(3).toString(), query->value(4).toString(), query->value(5).toString(),
                       query->value(6).toString()});
    }
    return events;
}

} // namespace Signet
