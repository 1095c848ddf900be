#include "crypto/Signature.h"

#include "crypto/KeyPairImpl.h"

#include <openssl/core_names.h>

#include <array>

namespace Signet::Crypto {

namespace {

// P-521 coordinates are 66 bytes; its DER signature is at most 3 + 2 x (2 + 1 + 66) bytes.
constexpr qsizetype kMaxCoordinateSize = 66;
constexpr qsizetype kMaxEcdsaDerSize = 3 + 2 * (3 + kMaxCoordinateSize);

bool isEcdsa(SignatureScheme scheme)
{
    return scheme == SignatureScheme::EcdsaP256Sha256 || scheme == SignatureScheme::EcdsaP384Sha384 ||
           scheme == SignatureScheme::EcdsaP521Sha512;
}

const PreparedSignature* prepared(const KeyPair& key, SignatureScheme scheme, SignatureDirection direction)
{
    const KeyPair::Impl* impl = key.impl();
    return impl->prepared.get(impl->pkey.get(), scheme, direction);
}

// Writes one DER INTEGER (minimal, with a zero byte before a set high bit) at out; returns its size.
qsizetype writeDerInteger(QByteArrayView value, char* out)
{
    qsizetype start = 0;
    while (start < value.size() - 1 && value[start] == 0)
        ++start;
    const QByteArrayView trimmed = value.sliced(start);
    const bool pad = !trimmed.isEmpty() && (static_cast<unsigned char>(trimmed[0]) & 0x80);
    qsizetype size = 0;
    out[size++] = '\x02';
    out[size++] = static_cast<char>(trimmed.size() + (pad ? 1 : 0));
    if (pad)
        out[size++] = '\0';
    std::copy(trimmed.begin(), trimmed.end(), out + size);
    return size + trimmed.size();
}

// R||S as a DER ECDSA-Sig-Value at out (room for kMaxEcdsaDerSize); returns its size. The caller
// has checked the size: at most 2 x 66 bytes (P-521).
qsizetype writeEcdsaDer(QByteArrayView raw, char* out)
{
    const qsizetype half = raw.size() / 2;
    char body[kMaxEcdsaDerSize];
    qsizetype bodySize = writeDerInteger(raw.first(half), body);
    bodySize += writeDerInteger(raw.sliced(half), body + bodySize);
    qsizetype size = 0;
    out[size++] = '\x30';
    if (bodySize > 0x7F)
        out[size++] = '\x81';
    out[size++] = static_cast<char>(bodySize);
    std::copy(body, body + bodySize, out + size);
    return size + bodySize;
}

// Reads one DER INTEGER at pos into a fixed-size big-endian field; false when malformed or too large.
bool readDerInteger(QByteArrayView der, qsizetype& pos, char* out, int size)
{
    if (pos + 2 > der.size() || der[pos] != 0x02)
        return false;
    const auto length = static_cast<unsigned char>(der[pos + 1]);
    pos += 2;
    if (length == 0 || length > 0x7F || pos + length > der.size())
        return false;
    QByteArrayView value = der.sliced(pos, length);
    pos += length;
    while (value.size() > 1 && value[0] == 0)
        value = value.sliced(1);
    if (value.size() > size)
        return false;
    std::fill(out, out + size, '\0');
    std::copy(value.begin(), value.end(), out + (size - value.size()));
    return true;
}

} // namespace

bool keyFits(const KeyPair& key, SignatureScheme scheme)
{
    if (key.isNull())
        return false;
    switch (scheme) {
    case SignatureScheme::RsaPkcs1Sha256:
    case SignatureScheme::RsaPkcs1Sha384:
    case SignatureScheme::RsaPkcs1Sha512:
    case SignatureScheme::RsaPssSha256:
    case SignatureScheme::RsaPssSha384:
    case SignatureScheme::RsaPssSha512:
        return key.family() == KeyFamily::Rsa;
    case SignatureScheme::EcdsaP256Sha256:
        return key.family() == KeyFamily::Ec && key.curve() == Curve::P256;
    case SignatureScheme::EcdsaP384Sha384:
        return key.family() == KeyFamily::Ec && key.curve() == Curve::P384;
    case SignatureScheme::EcdsaP521Sha512:
        return key.family() == KeyFamily::Ec && key.curve() == Curve::P521;
    case SignatureScheme::EdDsa:
        return key.family() == KeyFamily::Ed25519 || key.family() == KeyFamily::Ed448;
    }
    return false;
}

Result<QByteArray> sign(const KeyPair& key, SignatureScheme scheme, QByteArrayView data)
{
    if (!keyFits(key, scheme))
        return fail(ErrorCode::KeyMismatch,
                    QStringLiteral("a %1 key cannot make this kind of signature").arg(key.description()));
    if (!key.hasPrivate())
        return fail(ErrorCode::KeyMismatch, QStringLiteral("signing needs a private key; this is a public key"));
    const PreparedSignature* signer = prepared(key, scheme, SignatureDirection::Sign);
    if (!signer)
        return Ossl::failure(QStringLiteral("cannot start signing"));
    // The key's maximum signature size; one call signs (a size query first would hash twice for some keys).
    auto length = static_cast<std::size_t>(EVP_PKEY_get_size(key.impl()->pkey.get()));
    QByteArray signature(static_cast<qsizetype>(length), Qt::Uninitialized);
    if (!signer->sign(data, reinterpret_cast<unsigned char*>(signature.data()), length))
        return Ossl::failure(QStringLiteral("signing failed"));
    signature.truncate(static_cast<qsizetype>(length));
    if (isEcdsa(scheme)) {
        QByteArray raw = ecdsaDerToRaw(signature, curveCoordinateSize(key.curve()));
        if (raw.isEmpty())
            return fail(ErrorCode::CryptoFailure, QStringLiteral("OpenSSL produced a malformed ECDSA signature"));
        return raw;
    }
    return signature;
}

bool verify(const KeyPair& key, SignatureScheme scheme, QByteArrayView data, QByteArrayView signature)
{
    if (!keyFits(key, scheme))
        return false;
    std::array<char, kMaxEcdsaDerSize> der;
    if (isEcdsa(scheme)) {
        // JWS ECDSA signatures are exactly 2 x the coordinate size (RFC 7518 3.4); anything else is refused.
        if (signature.size() != 2 * curveCoordinateSize(key.curve()))
            return false;
        signature = QByteArrayView(der.data(), writeEcdsaDer(signature, der.data()));
    }
    const PreparedSignature* verifier = prepared(key, scheme, SignatureDirection::Verify);
    const bool valid = verifier && verifier->verify(data, signature);
    if (!valid)
        Ossl::lastError(); // clear the queue: a bad signature is an answer, not an error
    return valid;
}

int macSize(MacScheme scheme)
{
    switch (scheme) {
    case MacScheme::HmacSha256:
        return 32;
    case MacScheme::HmacSha384:
        return 48;
    case MacScheme::HmacSha512:
        return 64;
    }
    return 0;
}

Result<QByteArray> mac(MacScheme scheme, QByteArrayView key, QByteArrayView data)
{
    static EVP_MAC* const hmac = EVP_MAC_fetch(nullptr, "HMAC", nullptr);
    const char* digest = scheme == MacScheme::HmacSha256   ? "SHA2-256"
                         : scheme == MacScheme::HmacSha384 ? "SHA2-384"
                                                           : "SHA2-512";
    Ossl::MacCtx ctx(EVP_MAC_CTX_new(hmac));
    OSSL_PARAM params[] = {
        OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, const_cast<char*>(digest), 0),
        OSSL_PARAM_construct_end(),
    };
    QByteArray out(macSize(scheme), Qt::Uninitialized);
    std::size_t length = 0;
    if (!ctx ||
        EVP_MAC_init(ctx.get(), reinterpret_cast<const unsigned char*>(key.data()),
                     static_cast<std::size_t>(key.size()), params) != 1 ||
        EVP_MAC_update(ctx.get(), reinterpret_cast<const unsigned char*>(data.data()),
                       static_cast<std::size_t>(data.size())) != 1 ||
        EVP_MAC_final(ctx.get(), reinterpret_cast<unsigned char*>(out.data()), &length,
                      static_cast<std::size_t>(out.size())) != 1)
        return Ossl::failure(QStringLiteral("HMAC failed"));
    return out;
}

bool verifyMac(MacScheme scheme, QByteArrayView key, QByteArrayView data, QByteArrayView tag)
{
    if (tag.size() != macSize(scheme))
        return false;
    const auto expected = mac(scheme, key, data);
    return expected && constantTimeEquals(*expected, tag);
}

QByteArray ecdsaRawToDer(QByteArrayView raw)
{
    if (raw.size() > 2 * kMaxCoordinateSize)
        return {};
    char der[kMaxEcdsaDerSize];
    return QByteArray(der, writeEcdsaDer(raw, der));
}

QByteArray ecdsaDerToRaw(QByteArrayView der, int coordinateSize)
{
    if (der.size() < 8 || der[0] != 0x30)
        return {};
    qsizetype pos = 1;
    qsizetype length = static_cast<unsigned char>(der[pos++]);
    if (length == 0x81) {
        length = static_cast<unsigned char>(der[pos++]);
    } else if (length > 0x7F) {
        return {};
    }
    if (pos + length != der.size())
        return {};
    QByteArray raw(2 * coordinateSize, Qt::Uninitialized);
    if (!readDerInteger(der, pos, raw.data(), coordinateSize) ||
        !readDerInteger(der, pos, raw.data() + coordinateSize, coordinateSize) || pos != der.size())
        return {};
    return raw;
}

} // namespace Signet::Crypto
