#pragma once

#include <QtGlobal>

namespace Signet {

// Changes whenever a workspace's data may have changed: committed through another connection (any
// process; SQLite's data_version) or written through this one (see Database::changeStamp()).
struct ChangeStamp
{
    qint64 otherConnections = -1;
    quint64 ownWrites = 0;
    friend bool operator==(const ChangeStamp&, const ChangeStamp&) = default;
};

} // namespace Signet
