#include "workspace/ConfigurationWatch.h"

#include "workspace/Database.h"

namespace Signet {

bool ConfigurationWatch::unchanged()
{
    const auto now = std::chrono::steady_clock::now();
    if (m_generation >= 0 && m_stamp.ownWrites == m_database.ownWriteCount() && now - m_checkedAt < m_recheck)
        return true;
    auto stamp = m_database.configurationStamp();
    if (!stamp) {
        m_generation = -1;
        return false;
    }
    m_checkedAt = now;
    if (m_generation >= 0 && *stamp == m_stamp)
        return true;
    m_stamp = *stamp;
    auto generation = m_database.configurationGeneration();
    if (!generation) {
        m_generation = -1;
        return false;
    }
    const bool same = *generation == m_generation;
    m_generation = *generation;
    return same;
}

bool ConfigurationWatch::inTransaction() const
{
    return m_database.isInTransaction();
}

} // namespace Signet
