#pragma once

#include "crypto/KeyPair.h"

#include <QByteArrayView>

namespace Signet::Crypto {

enum class PemSource
{
    PrivateKey,
    PublicKey,
    Certificate
};

struct ImportedPem
{
    KeyPair key;
    PemSource source = PemSource::PrivateKey;
};

// True when the text has a PEM "-----BEGIN" line.
bool looksLikePem(QByteArrayView text);

// Reads the first key in a PEM text: PKCS#8 (plain or encrypted with the passphrase), PKCS#1 RSA,
// SEC1 EC, SPKI public, PKCS#1 RSA public, or an X.509 certificate's public key. The key is
// validated (KeyPair::validate) before it is returned.
Result<ImportedPem> importPem(QByteArrayView pem, QByteArrayView passphrase = {});

} // namespace Signet::Crypto
