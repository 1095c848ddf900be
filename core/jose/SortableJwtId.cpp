#include "jose/SortableJwtId.h"

#include "crypto/Random.h"

#include <mutex>

namespace Signet {

namespace {

// The last id's time and random part: ids made in the same millisecond continue from it,
// incremented, so that the ids one process makes in a millisecond ascend too (ULID's monotonic
// generation).
struct LastId
{
    std::mutex mutex;
    qint64 milliseconds = -1;
    unsigned char random[10] = {};
};

void nextRandom(qint64 unixMilliseconds, unsigned char (&random)[10])
{
    static LastId last;
    const std::lock_guard lock(last.mutex);
    if (unixMilliseconds != last.milliseconds) {
        Crypto::Random::fillIdentifier(random, sizeof random);
        last.milliseconds = unixMilliseconds;
    } else {
        std::copy(std::begin(last.random), std::end(last.random), random);
        for (int i = 9; i >= 0 && ++random[i] == 0; --i) {
        }
    }
    std::copy(std::begin(random), std::end(random), last.random);
}

} // namespace

std::string newSortableJwtId(qint64 unixMilliseconds)
{
    static constexpr char kAlphabet[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"; // ascending in ASCII too
    unsigned char random[10];
    nextRandom(unixMilliseconds, random);

    std::string id(26, '0');
    auto time = static_cast<quint64>(unixMilliseconds) & ((quint64(1) << 48) - 1);
    for (int i = 9; i >= 0; --i, time >>= 5)
        id[i] = kAlphabet[time & 31];
    // The 80 random bits, five at a time, most significant first.
    for (int i = 0; i < 16; ++i) {
        const int bit = i * 5;
        const unsigned window = (unsigned(random[bit / 8]) << 8) | (bit / 8 + 1 < 10 ? random[bit / 8 + 1] : 0);
        id[10 + i] = kAlphabet[(window >> (11 - bit % 8)) & 31];
    }
    return id;
}

} // namespace Signet
