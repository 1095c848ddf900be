#pragma once

#include "workspace/ChangeStamp.h"

#include <chrono>

namespace Signet {

class Database;

// Whether what was read of the workspace's configuration (projects, signing keys, API keys) still
// holds: a change made through this connection is seen at once, one made by another process within
// `recheck` (asking SQLite costs about as much as a small query, so not on every call), or on a
// team workspace once its announcement has arrived (Database::configurationStamp(); the server is
// asked only then). Ledger and audit writes do not count: they leave the configuration alone.
class ConfigurationWatch
{
public:
    explicit ConfigurationWatch(const Database& database,
                                std::chrono::milliseconds recheck = std::chrono::milliseconds(1))
        : m_database(database)
        , m_recheck(recheck)
    {}

    // False the first time, after a change, and when the workspace cannot say (the caller reads again).
    bool unchanged();
    // A transaction is open on the watched connection: what it decides must be read there.
    [[nodiscard]] bool inTransaction() const;

private:
    const Database& m_database;
    std::chrono::milliseconds m_recheck;
    ChangeStamp m_stamp;
    qint64 m_generation = -1;
    std::chrono::steady_clock::time_point m_checkedAt;
};

} // namespace Signet
