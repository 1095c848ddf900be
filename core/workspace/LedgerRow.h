#pragma once

#include "workspace/Records.h"

class QSqlQuery;

namespace Signet::LedgerRow {

// The ledger columns every reader selects for a LedgerEntry, in the order fromRow() reads them; one
// mapping for TokenService and LedgerPages, so that a column added to one reaches both.
const QString& columns();
LedgerEntry fromRow(const QSqlQuery& row);

} // namespace Signet::LedgerRow
