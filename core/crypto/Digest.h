#pragma once

#include <QByteArray>
#include <QByteArrayView>

namespace Signet::Crypto {

enum class DigestAlgorithm
{
    Sha256,
    Sha384,
    Sha512
};

// Digest size in bytes (32, 48, 64).
int digestSize(DigestAlgorithm algorithm);

QByteArray digest(DigestAlgorithm algorithm, QByteArrayView data);
inline QByteArray sha256(QByteArrayView data)
{
    return digest(DigestAlgorithm::Sha256, data);
}

} // namespace Signet::Crypto
