#include "crypto/Signature.h"

#include "crypto/KeyPairImpl.h"

#include <openssl/core_names.h>
#include <openssl/rsa.h>

namespace Signet::Crypto {

namespace {

const EVP_MD* schemeDigest(SignatureScheme scheme)
{
    switch (scheme) {
    case SignatureScheme::RsaPkcs1Sha256:
    case SignatureScheme::RsaPssSha256:
    case SignatureScheme::EcdsaP256Sha256:
        return Ossl::sha256();
    case SignatureScheme::RsaPkcs1Sha384:
    case SignatureScheme::RsaPssSha384:
    case SignatureScheme::EcdsaP384Sha384:
        return Ossl::sha384();
    case SignatureScheme::RsaPkcs1Sha512:
    case SignatureScheme::RsaPssSha512:
    case SignatureScheme::EcdsaP521Sha512:
        return Ossl::sha512();
    case SignatureScheme::EdDsa:
        return nullptr;
    }
    return nullptr;
}

bool isPss(SignatureScheme scheme)
{
    return scheme == SignatureScheme::RsaPssSha256 || scheme == SignatureScheme::RsaPssSha384 ||
           scheme == SignatureScheme::RsaPssSha512;
}

bool isEcdsa(SignatureScheme scheme)
{
    return scheme == SignatureScheme::EcdsaP256Sha256 || scheme == SignatureScheme::EcdsaP384Sha384 ||
           scheme == SignatureScheme::EcdsaP521Sha512;
}

// Sets up a digest-sign or digest-verify context, with the PSS parameters pinned when needed.
bool initContext(EVP_MD_CTX* ctx, const KeyPair& key, SignatureScheme scheme, bool forSigning)
{
    EVP_PKEY_CTX* pctx = nullptr;
    EVP_PKEY* pkey = key.impl()->pkey.get();
    const EVP_MD* md = schemeDigest(scheme);
    // One-shot use: without this flag OpenSSL finalises a copy of the whole context, in case more
    // data follows.
    EVP_MD_CTX_set_flags(ctx, EVP_MD_CTX_FLAG_FINALISE);
    const int ok = forSigning ? EVP_DigestSignInit(ctx, &pctx, md, nullptr, pkey)
                              : EVP_DigestVerifyInit(ctx, &pctx, md, nullptr, pkey);
    if (ok != 1)
        return false;
    if (isPss(scheme)) {
        // OpenSSL accepts any salt length on verify unless told; RFC 7518 3.5 fixes it to the hash size.
        // MGF1 uses the signature's hash unless told otherwise, which is what RFC 7518 3.5 wants
        // (setting it explicitly costs a digest fetch by name on every operation).
        static const char kPss[] = OSSL_PKEY_RSA_PAD_MODE_PSS;
        static const char kDigestSalt[] = OSSL_PKEY_RSA_PSS_SALT_LEN_DIGEST;
        const OSSL_PARAM params[] = {
            OSSL_PARAM_construct_utf8_string(OSSL_SIGNATURE_PARAM_PAD_MODE, const_cast<char*>(kPss), 0),
            OSSL_PARAM_construct_utf8_string(OSSL_SIGNATURE_PARAM_PSS_SALTLEN, const_cast<char*>(kDigestSalt), 0),
            OSSL_PARAM_construct_end(),
        };
        if (EVP_PKEY_CTX_set_params(pctx, params) != 1)
            return false;
    }
    return true;
}

void appendDerInteger(QByteArray& out, QByteArrayView value)
{
    qsizetype start = 0;
    while (start < value.size() - 1 && value[start] == 0)
        ++start;
    const QByteArrayView trimmed = value.sliced(start);
    const bool pad = !trimmed.isEmpty() && (static_cast<unsigned char>(trimmed[0]) & 0x80);
    out.append('\x02');
    out.append(static_cast<char>(trimmed.size() + (pad ? 1 : 0)));
    if (pad)
        out.append('\0');
    out.append(trimmed);
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
    Ossl::MdCtx ctx(EVP_MD_CTX_new());
    if (!ctx || !initContext(ctx.get(), key, scheme, true))
        return Ossl::failure(QStringLiteral("cannot start signing"));
    // The key's maximum signature size; one call signs (a size query first would hash twice for some keys).
    auto length = static_cast<std::size_t>(EVP_PKEY_get_size(key.impl()->pkey.get()));
    const auto* input = reinterpret_cast<const unsigned char*>(data.data());
    const auto inputLength = static_cast<std::size_t>(data.size());
    QByteArray signature(static_cast<qsizetype>(length), Qt::Uninitialized);
    if (EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char*>(signature.data()), &length, input, inputLength) != 1)
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
    QByteArray der;
    if (isEcdsa(scheme)) {
        // JWS ECDSA signatures are exactly 2 x the coordinate size (RFC 7518 3.4); anything else is refused.
        if (signature.size() != 2 * curveCoordinateSize(key.curve()))
            return false;
        der = ecdsaRawToDer(signature);
        signature = der;
    }
    Ossl::MdCtx ctx(EVP_MD_CTX_new());
    if (!ctx || !initContext(ctx.get(), key, scheme, false))
        return false;
    const int ok = EVP_DigestVerify(
        ctx.get(), reinterpret_cast<const unsigned char*>(signature.data()), static_cast<std::size_t>(signature.size()),
        reinterpret_cast<const unsigned char*>(data.data()), static_cast<std::size_t>(data.size()));
    if (ok != 1)
        Ossl::lastError(); // clear the queue: a bad signature is an answer, not an error
    return ok == 1;
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
    const qsizetype half = raw.size() / 2;
    QByteArray body;
    body.reserve(raw.size() + 6);
    appendDerInteger(body, raw.first(half));
    appendDerInteger(body, raw.sliced(half));
    QByteArray der;
    der.reserve(body.size() + 3);
    der.append('\x30');
    if (body.size() > 0x7F)
        der.append('\x81');
    der.append(static_cast<char>(body.size()));
    der.append(body);
    return der;
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
