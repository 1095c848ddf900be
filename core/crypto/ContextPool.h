#pragma once

// Private to core/crypto: a few ready OpenSSL contexts of one kind, handed out without a lock.

#include <array>
#include <atomic>
#include <cstddef>

namespace Signet::Crypto {

// The slot a thread looks at first: threads are numbered in the order they first ask, so two
// threads working with one key use two different slots (and cache lines) in the steady state.
inline std::size_t threadSlot()
{
    static std::atomic<std::size_t> threads{0};
    thread_local const std::size_t slot = threads.fetch_add(1, std::memory_order_relaxed);
    return slot;
}

// Contexts that are expensive to make and cheap to restart (a keyed HMAC, a signature context with
// its algorithm and key bound) wait here between operations. take() hands one out to a single
// owner; give() puts it back, or frees it when every slot is taken. No mutex: one atomic exchange
// on a cache line that, in the steady state, only the current thread touches.
template<class Owner> class ContextPool
{
public:
    using Pointer = typename Owner::pointer;
    static constexpr std::size_t kSlots = 8;

    ContextPool() = default;
    ContextPool(const ContextPool&) = delete;
    ContextPool& operator=(const ContextPool&) = delete;
    ~ContextPool()
    {
        for (Slot& slot : m_slots)
            Owner(slot.context.load(std::memory_order_acquire));
    }

    // A context given back earlier, or an empty owner.
    Owner take()
    {
        const std::size_t start = threadSlot();
        for (std::size_t i = 0; i < kSlots; ++i) {
            Slot& slot = m_slots[(start + i) % kSlots];
            // Looking before exchanging keeps other threads' slots in their caches.
            if (slot.context.load(std::memory_order_relaxed) == nullptr)
                continue;
            if (Pointer context = slot.context.exchange(nullptr, std::memory_order_acquire))
                return Owner(context);
        }
        return Owner();
    }

    void give(Owner context)
    {
        const std::size_t start = threadSlot();
        for (std::size_t i = 0; i < kSlots; ++i) {
            Slot& slot = m_slots[(start + i) % kSlots];
            Pointer expected = nullptr;
            if (slot.context.load(std::memory_order_relaxed) == nullptr &&
                slot.context.compare_exchange_strong(expected, context.get(), std::memory_order_release)) {
                context.release();
                return;
            }
        }
    }

private:
    struct alignas(64) Slot
    {
        std::atomic<Pointer> context{nullptr};
    };
    std::array<Slot, kSlots> m_slots;
};

} // namespace Signet::Crypto
