#include "crypto/Digest.h"

#include "crypto/OpenSsl.h"

namespace Signet::Crypto {

namespace {
const EVP_MD* md(DigestAlgorithm algorithm)
{
    switch (algorithm) {
    case DigestAlgorithm::Sha256:
        return Ossl::sha256();
    case DigestAlgorithm::Sha384:
        return Ossl::sha384();
    case DigestAlgorithm::Sha512:
        return Ossl::sha512();
    }
    return Ossl::sha256();
}
} // namespace

int digestSize(DigestAlgorithm algorithm)
{
    switch (algorithm) {
    case DigestAlgorithm::Sha256:
        return 32;
    case DigestAlgorithm::Sha384:
        return 48;
    case DigestAlgorithm::Sha512:
        return 64;
    }
    return 32;
}

QByteArray digest(DigestAlgorithm algorithm, QByteArrayView data)
{
    QByteArray out(digestSize(algorithm), Qt::Uninitialized);
    unsigned int length = 0;
    if (EVP_Digest(data.data(), static_cast<std::size_t>(data.size()), reinterpret_cast<unsigned char*>(out.data()),
                   &length, md(algorithm), nullptr) != 1)
        qFatal("Signet: SHA-2 digest failed");
    return out;
}

} // namespace Signet::Crypto
