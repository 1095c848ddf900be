#include "crypto/Random.h"

#include <openssl/rand.h>

#include <QtGlobal>

#include <pthread.h>

#include <array>
#include <atomic>
#include <cstring>

namespace Signet::Crypto::Random {

void fill(void* buffer, std::size_t count)
{
    if (count == 0)
        return;
    if (RAND_bytes(static_cast<unsigned char*>(buffer), static_cast<int>(count)) != 1)
        qFatal("Signet: the random number generator failed");
}

namespace {

// A child process must not hand out its parent's pooled bytes again.
std::atomic<unsigned> g_forkGeneration{0};

void registerForkHandler()
{
    static const bool registered = [] {
        pthread_atfork(nullptr, nullptr, [] { g_forkGeneration.fetch_add(1); });
        return true;
    }();
    (void)registered;
}

struct IdentifierPool
{
    std::array<unsigned char, 1024> bytes{};
    std::size_t used = 1024;
    unsigned generation = ~0u;
};

} // namespace

void fillIdentifier(void* buffer, std::size_t count)
{
    thread_local IdentifierPool pool;
    if (count > pool.bytes.size()) {
        fill(buffer, count);
        return;
    }
    registerForkHandler();
    const unsigned generation = g_forkGeneration.load(std::memory_order_relaxed);
    if (pool.used + count > pool.bytes.size() || pool.generation != generation) {
        fill(pool.bytes.data(), pool.bytes.size());
        pool.used = 0;
        pool.generation = generation;
    }
    std::memcpy(buffer, pool.bytes.data() + pool.used, count);
    // Bytes handed out are not kept.
    std::memset(pool.bytes.data() + pool.used, 0, count);
    pool.used += count;
}

QByteArray bytes(std::size_t count)
{
    QByteArray out(static_cast<qsizetype>(count), Qt::Uninitialized);
    fill(out.data(), count);
    return out;
}

} // namespace Signet::Crypto::Random
