#pragma once

#include <QtGlobal>

#include <atomic>

namespace Signet {

// Time as Unix seconds, injected everywhere so tests can freeze and move it.
class Clock
{
public:
    virtual ~Clock() = default;
    [[nodiscard]] virtual qint64 now() const = 0;
    // The same time to the millisecond, where ordering within a second matters (sortable token ids).
    [[nodiscard]] virtual qint64 nowMilliseconds() const { return now() * 1000; }
};

class SystemClock final : public Clock
{
public:
    [[nodiscard]] qint64 now() const override;
    [[nodiscard]] qint64 nowMilliseconds() const override;
    // A process-wide instance for callers that do not inject one.
    static const SystemClock& instance();
};

// A clock tests set and advance by hand.
class ManualClock final : public Clock
{
public:
    explicit ManualClock(qint64 now = 0)
        : m_now(now)
    {}
    [[nodiscard]] qint64 now() const override { return m_now.load(); }
    void set(qint64 now) { m_now.store(now); }
    void advance(qint64 seconds) { m_now.fetch_add(seconds); }

private:
    std::atomic<qint64> m_now;
};

} // namespace Signet
