#include "workspace/LedgerPages.h"

#include "workspace/LedgerRow.h"
#include "workspace/WorkspaceInternals.h"

#include <QSqlQuery>

namespace Signet {

namespace {

// OneTimeStatus as SQL, in the enum's order: 0 not one-time, 1 unused, 2 used, 3 expired unused.
// `now` is our own number, written into the statement.
QString oneTimeStatus(qint64 now)
{
    return QStringLiteral("(CASE WHEN one_time = 0 THEN 0 WHEN consumed_at IS NOT NULL THEN 2 WHEN expires_at > %1 "
                          "THEN 1 ELSE 3 END)")
        .arg(now);
}

QString orderBy(LedgerPages::SortKey key, qint64 now)
{
    switch (key) {
    case LedgerPages::SortKey::TokenId:
        return QStringLiteral("jti");
    case LedgerPages::SortKey::Subject:
        return QStringLiteral("subject");
    case LedgerPages::SortKey::Scopes:
        return QStringLiteral("scopes");
    case LedgerPages::SortKey::Issued:
        return QStringLiteral("issued_at");
    case LedgerPages::SortKey::Expires:
        return QStringLiteral("expires_at");
    case LedgerPages::SortKey::OneTime:
        return oneTimeStatus(now);
    }
    return QStringLiteral("issued_at");
}

// A text filter: a substring of the texts, or a one-time state named by its word. Appends its bindings.
QString textCondition(const Database& database, const QString& text, qint64 now, QVariantList& bindings)
{
    QStringList conditions;
    for (const char* column : {"jti", "subject", "scopes", "audience"}) {
        conditions.append(database.containsText(QLatin1String(column)));
        bindings.append(Database::containsPattern(text));
    }
    const std::pair<const char*, int> words[] = {{"unused", 1}, {"used", 2}, {"expired", 3}};
    for (const auto& [word, status] : words) {
        if (QLatin1String(word).contains(text, Qt::CaseInsensitive))
            conditions.append(QStringLiteral("%1 = %2").arg(oneTimeStatus(now)).arg(status));
    }
    return QStringLiteral(" AND (") + conditions.join(QStringLiteral(" OR ")) + QStringLiteral(")");
}

} // namespace

LedgerPages::LedgerPages(const Workspace& workspace)
    : m_database(workspaceDatabase(workspace))
{}

Result<QList<LedgerEntry>> LedgerPages::page(const Query& query, int offset, int limit, qint64 now) const
{
    const QString text = query.text.trimmed();
    QVariantList bindings{query.projectId};
    const QString filter = text.isEmpty() ? QString() : textCondition(m_database, text, now, bindings);
    const QString direction = Database::sortDirection(query.direction == Direction::Ascending);
    bindings.append({limit, offset});
    auto select = m_database.exec(QStringLiteral("SELECT %1 FROM ledger WHERE project_id = ?%2 ORDER BY %3 %4, jti %4 "
                                                 "LIMIT ? OFFSET ?")
                                      .arg(LedgerRow::columns(), filter, orderBy(query.sortKey, now), direction),
                                  bindings);
    if (!select)
        return std::unexpected(select.error());
    QList<LedgerEntry> entries;
    entries.reserve(limit);
    while (select->next())
        entries.append(LedgerRow::fromRow(*select));
    if (entries.isEmpty() && offset == 0) {
        // No rows: say so when it is because there is no such project.
        auto known = m_database.scalar(QStringLiteral("SELECT 1 FROM projects WHERE id = ?"), {query.projectId});
        if (!known)
            return std::unexpected(known.error());
        if (!known->isValid())
            return fail(ErrorCode::NotFound, QStringLiteral("no project '%1'").arg(query.projectId));
    }
    return entries;
}

Result<int> LedgerPages::countIssuedSince(const QString& projectId, qint64 since) const
{
    auto count = m_database.scalar(
        QStringLiteral("SELECT count(*) FROM ledger WHERE project_id = ? AND issued_at >= ?"), {projectId, since});
    if (!count)
        return std::unexpected(count.error());
    return count->toInt();
}

} // namespace Signet
