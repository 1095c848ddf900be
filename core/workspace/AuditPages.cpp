#include "workspace/AuditPages.h"

#include "workspace/AuditLog.h"
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
    case AuditPages::SortKey::Member:
        return QStringLiteral("member");
    }
    return QStringLiteral("id");
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
    if (!query.member.isEmpty()) {
        conditions.append(QStringLiteral("member = ?"));
        bindings.append(query.member);
    }
    if (const QString text = query.text.trimmed(); !text.isEmpty()) {
        QStringList matches;
        for (const char* column : {"actor", "action", "project_id", "object", "details", "member", "machine"}) {
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
    auto select = m_database.exec(QStringLiteral("SELECT %1 FROM audit%2 ORDER BY %3 %4, id %4 LIMIT ? OFFSET ?")
                                      .arg(auditColumns(), where, orderBy(query.sortKey), direction),
                                  bindings);
    if (!select)
        return std::unexpected(select.error());
    QList<AuditEvent> events;
    events.reserve(limit);
    while (select->next())
        events.append(auditEventAt(*select));
    return events;
}

Result<QStringList> AuditPages::members() const
{
    auto select =
        m_database.exec(QStringLiteral("SELECT DISTINCT member FROM audit WHERE member IS NOT NULL ORDER BY member"));
    if (!select)
        return std::unexpected(select.error());
    QStringList names;
    while (select->next())
        names.append(select->value(0).toString());
    return names;
}

} // namespace Signet
