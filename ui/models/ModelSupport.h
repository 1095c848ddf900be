#pragma once

#include <QString>
#include <QVariant>

#include <optional>

namespace Signet::ModelSupport {

// Custom roles shared by the table models.
enum Role
{
    SortRole = Qt::UserRole + 1, // the raw value (numbers, times) sorting and filtering use
    KeyRole,                     // the record's id (kid, project id, API key id, jti)
    StateRole,                   // KeyState / status as an int, for badge delegates
};

// "9fQ2…x1c": long ids shortened for tables; the full text goes into the tooltip.
QString shortId(const QString& id, int keep = 4);
// Relative time for the cell, absolute UTC for the tooltip; "—" when there is no time.
QVariant relativeTime(std::optional<qint64> when, qint64 now);
QVariant absoluteTime(std::optional<qint64> when);

} // namespace Signet::ModelSupport
