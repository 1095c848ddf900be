#include "workspace/AuditPages.h"

#include "workspace/WorkspaceInternals.h"

#include <QSqlQuery>

namespace Signet {

namespace {

QString orderBy(AuditPages::SortKey key)
{
    switch (key) {
    case AuditPages::SortKey::Time:
        return QStringLiteral("id");
    case AuditPages::SortKey::Actor:
        return QStringLiteral("actor");
    case AuditPages::SortKey::Action:
        return QStringLiteral("action");
    case AuditPages::SortKey::Project:
        return QStringLiteral("project_id");
    case AuditPages::SortKey::Object:
        return QStringLiteral("object");
    case AuditPages::SortKey::Details:
        return QStringLiteral("details");
    }
    return QStringLiteral("id");
}

AuditEvent fromRow(const QSqlQuery& row)
{
    return {row.value(0).toLongLong(), row.value(1).toLongLong(), row.value(2).toString(), row.value(3).toString(),
            row.value(4).toString(),   row.value(5).toString(),   row.value(6).toString()};
}

} // namespace

AuditPages::AuditPages(const Workspace& workspace)
    : m_database(workspaceDatabase(workspace))
{}

Result<QList<AuditEvent>> AuditPages::page(const Query& query, int offset, int limit) const
{
    QStringList conditions;
    QVariantList bindings;
    if (!query.projectId.isEmpty()) {
        conditions.append(QStringLiteral("project_id = ?"));
        bindings.append(query.projectId);
    }
    if (const QString text = query.text.trimmed(); !text.isEmpty()) {
        QStringList matches;
        for (const char* column : {"actor", "action", "project_id", "object", "details"}) {
            matches.append(m_database.containsText(QLatin1String(column)));
            bindings.append(Database::containsPattern(text));
        }
        conditions.append(QLatin1Char('(') + matches.join(QStringLiteral(" OR ")) + QLatin1Char(')'));
    }
    const QString where =
        conditions.isEmpty() ? QString() : QStringLiteral(" WHERE ") + conditions.join(QStringLiteral(" AND "));
    const QString direction = Database::sortDirection(query.direction == Direction::Ascending);
    bindings.append({limit, offset});
    // Ties (the same action, say) keep the order of recording.
    auto select = m_database.exec(QStringLiteral("SELECT id, at, actor, action, project_id, object, details FROM audit"
                                                 "%1 ORDER BY %2 %3, id %3 LIMIT ? OFFSET ?")
                                      .arg(where, orderBy(query.sortKey), direction),
                                  bindings);
    if (!select)
        return std::unexpected(select.error());
    QList<AuditEvent> events;
    events.reserve(limit);
    while (select->next())
        events.append(fromRow(*select));
    return events;
}

} // namespace Signet
