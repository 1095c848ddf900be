#include "crypto/Random.h"

#include <openssl/rand.h>

#include <QtGlobal>

namespace Signet::Crypto::Random {

void fill(void* buffer, std::size_t count)
{
    if (count == 0)
        return;
    if (RAND_bytes(static_cast<unsigned char*>(buffer), static_cast<int>(count)) != 1)
        qFatal("Signet: the random number generator failed");
}

QByteArray bytes(std::size_t count)
{
    QByteArray out(static_cast<qsizetype>(count), Qt::Uninitialized);
    fill(out.data(), count);
    return out;
}

} // namespace Signet::Crypto::Random
