#include "jose/SortableJwtId.h"

#include "crypto/Random.h"

namespace Signet {

std::string newSortableJwtId(qint64 unixMilliseconds)
{
    static constexpr char kAlphabet[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"; // ascending in ASCII too
    unsigned char random[10];
    Crypto::Random::fillIdentifier(random, sizeof random);

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
