#include "workspace/LedgerPages.h"

#include "workspace/WorkspaceInternals.h"

#include <QSqlQuery>

namespace Signet {

namespace {

// The columns TokenService reads for a LedgerEntry, in the same order (its fromRow() is private to it).
const QString kColumns = QStringLiteral(
    "jti, project_id, kid, alg, subject, audience, scopes, issued_at, expires_at, one_time, consumed_at");

LedgerEntry fromRow(const QSqlQuery& row)
{
    LedgerEntry entry;
    entry.jti = row.value(0).toString();
    entry.projectId = row.value(1).toString();
    entry.kid = row.value(2).toString();
    entry.algorithm = row.value(3).toString();
    entry.subject = row.value(4).toString();
    entry.audience = row.value(5).toString().split(QLatin1Char(' '), Qt::SkipEmptyParts);
    entry.scopes = row.value(6).toString().split(QLatin1Char(' '), Qt::SkipEmptyParts);
    entry.issuedAt = row.value(7).toLongLong();
    entry.expiresAt = row.value(8).toLongLong();
    entry.oneTime = row.value(9).toBool();
    if (!row.value(10).isNull())
        entry.consumedAt = row.value(10).toLongLong();
    return entry;
}

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

QString likePattern(QString text)
{
    text.replace(QLatin1Char('\\'), QStringLiteral("\\\\"));
    text.replace(QLatin1Char('%'), QStringLiteral("\\%"));
    text.replace(QLatin1Char('_'), QStringLiteral("\\_"));
    return QLatin1Char('%') + text + QLatin1Char('%');
}

// A text filter: a substring of the texts, or a one-time state named by its word. Appends its bindings.
QString textCondition(const QString& text, qint64 now, QVariantList& bindings)
{
    QStringList conditions;
    for (const char* column : {"jti", "subject", "scopes", "audience"}) {
        conditions.append(QStringLiteral("%1 LIKE ? ESCAPE '\\'").arg(QLatin1String(column)));
        bindings.append(likePattern(text));
    }
    const std::pair<const char*, int> words[] = {{"unused", 1}, {"used", 2}, {"expired", 3}};
    for (const auto& [word, status] : words) {
        if (QLatin1String(word).contains(text, Qt::CaseInsensitive))
            conditions.append(QStringLiteral("%1 = %2").arg(oneTimeStatus(now)).arg(status));
    }
    return QStringLiteral(" AND (") + conditions.join(QStringLiteral(" OR ")) + QStringLiteral(")");
}

} // namespace

Result<QList<LedgerEntry>> LedgerPages::page(const Query& query, int offset, int limit, qint64 now) const
{
    const QString text = query.text.trimmed();
    QVariantList bindings{query.projectId};
    const QString filter = text.isEmpty() ? QString() : textCondition(text, now, bindings);
    const QString direction = query.direction == Direction::Ascending ? QStringLiteral("ASC") : QStringLiteral("DESC");
    bindings.append({limit, offset});
    auto select = workspaceDatabase(m_workspace)
                      .exec(QStringLiteral("SELECT %1 FROM ledger WHERE project_id = ?%2 ORDER BY %3 %4, jti %4 "
                                           "LIMIT ? OFFSET ?")
                                .arg(kColumns, filter, orderBy(query.sortKey, now), direction),
                            bindings);
    if (!select)
        return std::unexpected(select.error());
    QList<LedgerEntry> entries;
    entries.reserve(limit);
    while (select->next())
        entries.append(fromRow(*select));
    if (entries.isEmpty() && offset == 0) {
        // No rows: say so when it is because there is no such project.
        auto known = workspaceDatabase(m_workspace)
                         .scalar(QStringLiteral("SELECT 1 FROM projects WHERE id = ?"), {query.projectId});
        if (!known)
            return std::unexpected(known.error());
        if (!known->isValid())
            return fail(ErrorCode::NotFound, QStringLiteral("no project '%1'").arg(query.projectId));
    }
    return entries;
}

Result<int> LedgerPages::countIssuedSince(const QString& projectId, qint64 since) const
{
    auto count = workspaceDatabase(m_workspace)
                     .scalar(QStringLiteral("SELECT count(*) FROM ledger WHERE project_id = ? AND issued_at >= ?"),
                             {projectId, since});
    if (!count)
        return std::unexpected(count.error());
    return count->toInt();
}

} // namespace Signet
