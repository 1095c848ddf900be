#pragma once

#include "foundation/Error.h"
#include "workspace/ConfigurationWatch.h"

#include <QHash>

namespace Signet {

class Database;

// What was read of the configuration (projects, keys, API keys), by key, while it holds
// (ConfigurationWatch): lookups that come again and again (every verification asks for its project
// and for an API key by the token's kid) otherwise cost a query each, on a team workspace a round
// trip. A change through this connection is seen at once, another process's as ConfigurationWatch
// sees it. Inside a transaction the database is asked every time: a change is decided on what the
// database holds under the write lock, not on what was read a moment before.
template<class Key, class Value> class ConfigurationCache
{
public:
    explicit ConfigurationCache(const Database& database)
        : m_watch(database)
    {}

    // The value kept for `key` since the configuration last changed, or else `read()`, kept when it
    // succeeds.
    template<class Read> Result<Value> get(const Key& key, Read&& read)
    {
        if (m_watch.inTransaction())
            return read();
        if (!m_watch.unchanged())
            m_values.clear();
        else if (auto found = m_values.constFind(key); found != m_values.constEnd())
            return *found;
        Result<Value> value = read();
        if (value) {
            if (m_values.size() >= kMaxKept) // ids from pasted tokens are anyone's: keep a bounded few
                m_values.clear();
            m_values.insert(key, *value);
        }
        return value;
    }

private:
    static constexpr qsizetype kMaxKept = 1024;
    ConfigurationWatch m_watch;
    QHash<Key, Value> m_values;
};

} // namespace Signet
