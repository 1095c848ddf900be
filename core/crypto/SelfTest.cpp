#include "crypto/SelfTest.h"

#include "crypto/Digest.h"
#include "crypto/Signature.h"

#include <openssl/crypto.h>

namespace Signet::Crypto {

namespace {
std::unexpected<Error> selfTestFailure(const char* what)
{
    return fail(ErrorCode::CryptoFailure,
                QStringLiteral("cryptographic self-test failed: %1").arg(QLatin1String(what)));
}
} // namespace

QString openSslVersion()
{
    return QString::fromLatin1(OpenSSL_version(OPENSSL_VERSION));
}

Status runSelfTest()
{
    // FIPS 180-2 "abc"
    if (sha256("abc").toHex() != "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        return selfTestFailure("SHA-256");

    // RFC 4231 test case 2
    const auto tag = mac(MacScheme::HmacSha256, "Jefe", "what do ya want for nothing?");
    if (!tag || tag->toHex() != "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
        return selfTestFailure("HMAC-SHA-256");

    // RFC 8032 7.1 test 1
    OkpComponents components;
    components.x = QByteArray::fromHex("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");
    components.d = SecureBytes(QByteArray::fromHex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60"));
    const auto key = KeyPair::fromOkp(components);
    const QByteArray expected = QByteArray::fromHex("e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555f"
                                                    "b8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b");
    if (!key)
        return selfTestFailure("Ed25519 key");
    const auto signature = sign(*key, SignatureScheme::EdDsa, QByteArrayView(""));
    if (!signature || *signature != expected ||
        !verify(key->publicKey(), SignatureScheme::EdDsa, QByteArrayView(""), expected))
        return selfTestFailure("Ed25519");
    return {};
}

} // namespace Signet::Crypto
