#include "workspace/LedgerRow.h"

#include <QSqlQuery>
#include <QVariant>

namespace Signet::LedgerRow {

const QString& columns()
{
    static const QString kColumns = QStringLiteral(
        "jti, project_id, kid, alg, subject, audience, scopes, issued_at, expires_at, one_time, consumed_at");
    return kColumns;
}

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

} // namespace Signet::LedgerRow
