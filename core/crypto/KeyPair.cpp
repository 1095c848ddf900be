#include "crypto/KeyPair.h"

#include "crypto/KeyPairImpl.h"

#include <openssl/core_names.h>
#include <openssl/pem.h>

#include <cstring>

namespace Signet::Crypto {

namespace {

const char* groupName(Curve curve)
{
    switch (curve) {
    case Curve::P256:
        return "prime256v1";
    case Curve::P384:
        return "secp384r1";
    case Curve::P521:
        return "secp521r1";
    case Curve::None:
        break;
    }
    return nullptr;
}

Curve curveFromGroup(const char* name)
{
    if (std::strcmp(name, "prime256v1") == 0 || std::strcmp(name, "P-256") == 0)
        return Curve::P256;
    if (std::strcmp(name, "secp384r1") == 0 || std::strcmp(name, "P-384") == 0)
        return Curve::P384;
    if (std::strcmp(name, "secp521r1") == 0 || std::strcmp(name, "P-521") == 0)
        return Curve::P521;
    return Curve::None;
}

bool hasBnParam(const EVP_PKEY* pkey, const char* name)
{
    BIGNUM* bn = nullptr;
    const bool present = EVP_PKEY_get_bn_param(pkey, name, &bn) == 1 && bn != nullptr;
    BN_clear_free(bn);
    return present;
}

QByteArray bnParam(const EVP_PKEY* pkey, const char* name, int padTo = 0)
{
    BIGNUM* raw = nullptr;
    if (EVP_PKEY_get_bn_param(pkey, name, &raw) != 1 || raw == nullptr)
        return {};
    Ossl::SecretBn bn(raw);
    const int size = padTo > 0 ? padTo : BN_num_bytes(bn.get());
    QByteArray out(size, Qt::Uninitialized);
    if (BN_bn2binpad(bn.get(), reinterpret_cast<unsigned char*>(out.data()), size) != size)
        return {};
    return out;
}

SecureBytes secretBnParam(const EVP_PKEY* pkey, const char* name, int padTo = 0)
{
    BIGNUM* raw = nullptr;
    if (EVP_PKEY_get_bn_param(pkey, name, &raw) != 1 || raw == nullptr)
        return {};
    Ossl::SecretBn bn(raw);
    const int size = padTo > 0 ? padTo : BN_num_bytes(bn.get());
    SecureBytes out(static_cast<std::size_t>(size));
    if (BN_bn2binpad(bn.get(), out.data(), size) != size)
        return {};
    return out;
}

Ossl::SecretBn toBn(QByteArrayView bytes)
{
    return Ossl::SecretBn(
        BN_bin2bn(reinterpret_cast<const unsigned char*>(bytes.data()), static_cast<int>(bytes.size()), nullptr));
}

Result<KeyPair> fromData(const char* type, OSSL_PARAM_BLD* builder, bool isPrivate)
{
    Ossl::Params params(OSSL_PARAM_BLD_to_param(builder));
    Ossl::PKeyCtx ctx(EVP_PKEY_CTX_new_from_name(nullptr, type, nullptr));
    if (!params || !ctx || EVP_PKEY_fromdata_init(ctx.get()) != 1)
        return Ossl::failure(QStringLiteral("could not prepare the key"));
    EVP_PKEY* pkey = nullptr;
    if (EVP_PKEY_fromdata(ctx.get(), &pkey, isPrivate ? EVP_PKEY_KEYPAIR : EVP_PKEY_PUBLIC_KEY, params.get()) != 1)
        return Ossl::failure(QStringLiteral("the key parameters are not a valid key"), ErrorCode::InvalidInput);
    return KeyPair::adopt(pkey);
}

} // namespace

QString curveName(Curve curve)
{
    switch (curve) {
    case Curve::P256:
        return QStringLiteral("P-256");
    case Curve::P384:
        return QStringLiteral("P-384");
    case Curve::P521:
        return QStringLiteral("P-521");
    case Curve::None:
        break;
    }
    return {};
}

int curveCoordinateSize(Curve curve)
{
    switch (curve) {
    case Curve::P256:
        return 32;
    case Curve::P384:
        return 48;
    case Curve::P521:
        return 66;
    case Curve::None:
        break;
    }
    return 0;
}

KeyPair::KeyPair() = default;
KeyPair::~KeyPair() = default;
KeyPair::KeyPair(const KeyPair&) = default;
KeyPair& KeyPair::operator=(const KeyPair&) = default;
KeyPair::KeyPair(KeyPair&&) noexcept = default;
KeyPair& KeyPair::operator=(KeyPair&&) noexcept = default;

KeyPair KeyPair::adopt(void* evpPkey)
{
    auto* pkey = static_cast<EVP_PKEY*>(evpPkey);
    auto impl = std::make_shared<Impl>();
    impl->pkey.reset(pkey);
    impl->bits = EVP_PKEY_get_bits(pkey);
    if (EVP_PKEY_is_a(pkey, "RSA")) {
        impl->family = KeyFamily::Rsa;
        impl->hasPrivate = hasBnParam(pkey, OSSL_PKEY_PARAM_RSA_D);
    } else if (EVP_PKEY_is_a(pkey, "EC")) {
        impl->family = KeyFamily::Ec;
        char group[64] = {};
        std::size_t length = 0;
        if (EVP_PKEY_get_utf8_string_param(pkey, OSSL_PKEY_PARAM_GROUP_NAME, group, sizeof group, &length) == 1)
            impl->curve = curveFromGroup(group);
        impl->hasPrivate = hasBnParam(pkey, OSSL_PKEY_PARAM_PRIV_KEY);
    } else if (EVP_PKEY_is_a(pkey, "ED25519") || EVP_PKEY_is_a(pkey, "ED448")) {
        impl->family = EVP_PKEY_is_a(pkey, "ED25519") ? KeyFamily::Ed25519 : KeyFamily::Ed448;
        std::size_t length = 0;
        impl->hasPrivate = EVP_PKEY_get_raw_private_key(pkey, nullptr, &length) == 1 && length > 0;
    } else {
        // Callers check supportedType() before adopting; keep the handle but mark it unusable.
        impl->family = KeyFamily::Rsa;
        impl->bits = 0;
    }
    KeyPair key;
    key.m_impl = std::move(impl);
    return key;
}

Result<KeyPair> KeyPair::generateRsa(int bits)
{
    if (bits != 2048 && bits != 3072 && bits != 4096)
        return fail(bits < 2048 ? ErrorCode::WeakKey : ErrorCode::Unsupported,
                    QStringLiteral("RSA keys are generated with 2048, 3072 or 4096 bits, not %1").arg(bits));
    EVP_PKEY* pkey = EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", static_cast<std::size_t>(bits));
    if (!pkey)
        return Ossl::failure(QStringLiteral("RSA key generation failed"));
    return adopt(pkey);
}

Result<KeyPair> KeyPair::generateEc(Curve curve)
{
    const char* group = groupName(curve);
    if (!group)
        return fail(ErrorCode::Unsupported, QStringLiteral("EC keys use P-256, P-384 or P-521"));
    EVP_PKEY* pkey = EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", group);
    if (!pkey)
        return Ossl::failure(QStringLiteral("EC key generation failed"));
    return adopt(pkey);
}

Result<KeyPair> KeyPair::generateEdDsa(KeyFamily family)
{
    if (family != KeyFamily::Ed25519 && family != KeyFamily::Ed448)
        return fail(ErrorCode::Unsupported, QStringLiteral("EdDSA keys are Ed25519 or Ed448"));
    EVP_PKEY* pkey = EVP_PKEY_Q_keygen(nullptr, nullptr, family == KeyFamily::Ed25519 ? "ED25519" : "ED448");
    if (!pkey)
        return Ossl::failure(QStringLiteral("EdDSA key generation failed"));
    return adopt(pkey);
}

Result<KeyPair> KeyPair::fromRsa(const RsaComponents& c)
{
    if (c.n.isEmpty() || c.e.isEmpty())
        return fail(ErrorCode::InvalidInput, QStringLiteral("an RSA key needs a modulus and an exponent"));
    const bool crt = !c.p.isEmpty();
    if (crt && (c.q.isEmpty() || c.dp.isEmpty() || c.dq.isEmpty() || c.qi.isEmpty()))
        return fail(ErrorCode::InvalidInput,
                    QStringLiteral("an RSA private key has some but not all CRT members (p, q, dp, dq, qi)"));
    if (!c.d.isEmpty() || crt) {
        if (c.d.isEmpty())
            return fail(ErrorCode::InvalidInput, QStringLiteral("an RSA private key needs its private exponent d"));
    }
    Ossl::ParamBld builder(OSSL_PARAM_BLD_new());
    auto n = toBn(c.n), e = toBn(c.e);
    OSSL_PARAM_BLD_push_BN(builder.get(), OSSL_PKEY_PARAM_RSA_N, n.get());
    OSSL_PARAM_BLD_push_BN(builder.get(), OSSL_PKEY_PARAM_RSA_E, e.get());
    Ossl::SecretBn d, p, q, dp, dq, qi;
    const bool isPrivate = !c.d.isEmpty();
    if (isPrivate) {
        d = toBn(c.d.view());
        OSSL_PARAM_BLD_push_BN(builder.get(), OSSL_PKEY_PARAM_RSA_D, d.get());
    }
    if (crt) {
        p = toBn(c.p.view());
        q = toBn(c.q.view());
        dp = toBn(c.dp.view());
        dq = toBn(c.dq.view());
        qi = toBn(c.qi.view());
        OSSL_PARAM_BLD_push_BN(builder.get(), OSSL_PKEY_PARAM_RSA_FACTOR1, p.get());
        OSSL_PARAM_BLD_push_BN(builder.get(), OSSL_PKEY_PARAM_RSA_FACTOR2, q.get());
        OSSL_PARAM_BLD_push_BN(builder.get(), OSSL_PKEY_PARAM_RSA_EXPONENT1, dp.get());
        OSSL_PARAM_BLD_push_BN(builder.get(), OSSL_PKEY_PARAM_RSA_EXPONENT2, dq.get());
        OSSL_PARAM_BLD_push_BN(builder.get(), OSSL_PKEY_PARAM_RSA_COEFFICIENT1, qi.get());
    }
    return fromData("RSA", builder.get(), isPrivate);
}

Result<KeyPair> KeyPair::fromEc(const EcComponents& c)
{
    const char* group = groupName(c.curve);
    const int size = curveCoordinateSize(c.curve);
    if (!group)
        return fail(ErrorCode::Unsupported, QStringLiteral("unsupported EC curve"));
    if (c.x.size() != size || c.y.size() != size)
        return fail(ErrorCode::InvalidInput,
                    QStringLiteral("EC coordinates for %1 must be %2 bytes each").arg(curveName(c.curve)).arg(size));
    if (!c.d.isEmpty() && c.d.size() != static_cast<std::size_t>(size))
        return fail(ErrorCode::InvalidInput,
                    QStringLiteral("the EC private key for %1 must be %2 bytes").arg(curveName(c.curve)).arg(size));
    QByteArray point;
    point.reserve(1 + 2 * size);
    point.append('\x04').append(c.x).append(c.y);
    Ossl::ParamBld builder(OSSL_PARAM_BLD_new());
    OSSL_PARAM_BLD_push_utf8_string(builder.get(), OSSL_PKEY_PARAM_GROUP_NAME, group, 0);
    OSSL_PARAM_BLD_push_octet_string(builder.get(), OSSL_PKEY_PARAM_PUB_KEY, point.constData(),
                                     static_cast<std::size_t>(point.size()));
    Ossl::SecretBn d;
    if (!c.d.isEmpty()) {
        d = toBn(c.d.view());
        OSSL_PARAM_BLD_push_BN(builder.get(), OSSL_PKEY_PARAM_PRIV_KEY, d.get());
    }
    auto key = fromData("EC", builder.get(), !c.d.isEmpty());
    if (!key)
        return fail(ErrorCode::InvalidInput,
                    QStringLiteral("the EC point is not on the %1 curve").arg(curveName(c.curve)));
    return key;
}

Result<KeyPair> KeyPair::fromOkp(const OkpComponents& c)
{
    const bool ed25519 = c.family == KeyFamily::Ed25519;
    if (c.family != KeyFamily::Ed25519 && c.family != KeyFamily::Ed448)
        return fail(ErrorCode::Unsupported, QStringLiteral("unsupported OKP curve"));
    const qsizetype size = ed25519 ? 32 : 57;
    const QString name = ed25519 ? QStringLiteral("Ed25519") : QStringLiteral("Ed448");
    if (c.x.size() != size)
        return fail(ErrorCode::InvalidInput, QStringLiteral("an %1 public key is %2 bytes").arg(name).arg(size));
    const int type = ed25519 ? EVP_PKEY_ED25519 : EVP_PKEY_ED448;
    if (c.d.isEmpty()) {
        EVP_PKEY* pkey = EVP_PKEY_new_raw_public_key(type, nullptr, reinterpret_cast<const unsigned char*>(c.x.data()),
                                                     static_cast<std::size_t>(size));
        if (!pkey)
            return Ossl::failure(QStringLiteral("invalid %1 public key").arg(name), ErrorCode::InvalidInput);
        return adopt(pkey);
    }
    if (c.d.size() != static_cast<std::size_t>(size))
        return fail(ErrorCode::InvalidInput, QStringLiteral("an %1 private key is %2 bytes").arg(name).arg(size));
    EVP_PKEY* pkey = EVP_PKEY_new_raw_private_key(type, nullptr, c.d.data(), c.d.size());
    if (!pkey)
        return Ossl::failure(QStringLiteral("invalid %1 private key").arg(name), ErrorCode::InvalidInput);
    KeyPair key = adopt(pkey);
    if (key.okpComponents().x != c.x)
        return fail(ErrorCode::KeyMismatch,
                    QStringLiteral("the %1 public key 'x' does not belong to the private key 'd'").arg(name));
    return key;
}

KeyFamily KeyPair::family() const
{
    return m_impl ? m_impl->family : KeyFamily::Rsa;
}

Curve KeyPair::curve() const
{
    return m_impl ? m_impl->curve : Curve::None;
}

int KeyPair::bits() const
{
    return m_impl ? m_impl->bits : 0;
}

bool KeyPair::hasPrivate() const
{
    return m_impl && m_impl->hasPrivate;
}

QString KeyPair::description() const
{
    if (!m_impl)
        return QStringLiteral("no key");
    switch (m_impl->family) {
    case KeyFamily::Rsa:
        return QStringLiteral("RSA %1").arg(m_impl->bits);
    case KeyFamily::Ec:
        return QStringLiteral("EC %1").arg(curveName(m_impl->curve));
    case KeyFamily::Ed25519:
        return QStringLiteral("Ed25519");
    case KeyFamily::Ed448:
        return QStringLiteral("Ed448");
    }
    return {};
}

KeyPair KeyPair::publicKey() const
{
    if (!m_impl || !m_impl->hasPrivate)
        return *this;
    switch (m_impl->family) {
    case KeyFamily::Rsa: {
        RsaComponents c;
        c.n = bnParam(m_impl->pkey.get(), OSSL_PKEY_PARAM_RSA_N);
        c.e = bnParam(m_impl->pkey.get(), OSSL_PKEY_PARAM_RSA_E);
        return fromRsa(c).value_or(KeyPair());
    }
    case KeyFamily::Ec: {
        EcComponents c = ecComponents();
        c.d.clear();
        return fromEc(c).value_or(KeyPair());
    }
    case KeyFamily::Ed25519:
    case KeyFamily::Ed448: {
        OkpComponents c = okpComponents();
        c.d.clear();
        return fromOkp(c).value_or(KeyPair());
    }
    }
    return {};
}

RsaComponents KeyPair::rsaComponents() const
{
    RsaComponents c;
    if (!m_impl || m_impl->family != KeyFamily::Rsa)
        return c;
    const EVP_PKEY* pkey = m_impl->pkey.get();
    c.n = bnParam(pkey, OSSL_PKEY_PARAM_RSA_N);
    c.e = bnParam(pkey, OSSL_PKEY_PARAM_RSA_E);
    if (m_impl->hasPrivate) {
        c.d = secretBnParam(pkey, OSSL_PKEY_PARAM_RSA_D);
        c.p = secretBnParam(pkey, OSSL_PKEY_PARAM_RSA_FACTOR1);
        c.q = secretBnParam(pkey, OSSL_PKEY_PARAM_RSA_FACTOR2);
        c.dp = secretBnParam(pkey, OSSL_PKEY_PARAM_RSA_EXPONENT1);
        c.dq = secretBnParam(pkey, OSSL_PKEY_PARAM_RSA_EXPONENT2);
        c.qi = secretBnParam(pkey, OSSL_PKEY_PARAM_RSA_COEFFICIENT1);
    }
    return c;
}

EcComponents KeyPair::ecComponents() const
{
    EcComponents c;
    if (!m_impl || m_impl->family != KeyFamily::Ec)
        return c;
    const EVP_PKEY* pkey = m_impl->pkey.get();
    const int size = curveCoordinateSize(m_impl->curve);
    c.curve = m_impl->curve;
    c.x = bnParam(pkey, OSSL_PKEY_PARAM_EC_PUB_X, size);
    c.y = bnParam(pkey, OSSL_PKEY_PARAM_EC_PUB_Y, size);
    if (m_impl->hasPrivate)
        c.d = secretBnParam(pkey, OSSL_PKEY_PARAM_PRIV_KEY, size);
    return c;
}

OkpComponents KeyPair::okpComponents() const
{
    OkpComponents c;
    if (!m_impl || (m_impl->family != KeyFamily::Ed25519 && m_impl->family != KeyFamily::Ed448))
        return c;
    c.family = m_impl->family;
    std::size_t length = 0;
    EVP_PKEY_get_raw_public_key(m_impl->pkey.get(), nullptr, &length);
    c.x.resize(static_cast<qsizetype>(length));
    EVP_PKEY_get_raw_public_key(m_impl->pkey.get(), reinterpret_cast<unsigned char*>(c.x.data()), &length);
    if (m_impl->hasPrivate) {
        length = 0;
        EVP_PKEY_get_raw_private_key(m_impl->pkey.get(), nullptr, &length);
        SecureBytes d(length);
        EVP_PKEY_get_raw_private_key(m_impl->pkey.get(), d.data(), &length);
        c.d = std::move(d);
    }
    return c;
}

Result<QByteArray> KeyPair::toPem(PemKind kind, QByteArrayView passphrase) const
{
    if (!m_impl)
        return fail(ErrorCode::InvalidArgument, QStringLiteral("no key to export"));
    if (kind == PemKind::PrivatePkcs8 && !m_impl->hasPrivate)
        return fail(ErrorCode::InvalidArgument,
                    QStringLiteral("this is a public key: there is no private key to export"));
    Ossl::Bio bio(BIO_new(BIO_s_secmem()));
    int ok = 0;
    if (kind == PemKind::PublicSpki) {
        ok = PEM_write_bio_PUBKEY(bio.get(), m_impl->pkey.get());
    } else if (passphrase.isEmpty()) {
        ok = PEM_write_bio_PrivateKey(bio.get(), m_impl->pkey.get(), nullptr, nullptr, 0, nullptr, nullptr);
    } else {
        ok = PEM_write_bio_PKCS8PrivateKey(bio.get(), m_impl->pkey.get(), EVP_aes_256_cbc(), passphrase.data(),
                                           static_cast<int>(passphrase.size()), nullptr, nullptr);
    }
    if (ok != 1)
        return Ossl::failure(QStringLiteral("PEM export failed"));
    char* data = nullptr;
    const long length = BIO_get_mem_data(bio.get(), &data);
    return QByteArray(data, static_cast<qsizetype>(length));
}

Status KeyPair::validate() const
{
    if (!m_impl || m_impl->bits == 0)
        return fail(ErrorCode::Unsupported,
                    QStringLiteral("unsupported key type (Signet uses RSA, EC P-256/384/521, Ed25519 and Ed448)"));
    EVP_PKEY* pkey = m_impl->pkey.get();
    if (m_impl->family == KeyFamily::Rsa) {
        if (m_impl->bits < 2048)
            return fail(ErrorCode::WeakKey,
                        QStringLiteral("RSA key of %1 bits is too small: JOSE requires at least 2048 (RFC 7518 3.3)")
                            .arg(m_impl->bits));
        if (m_impl->bits > 16384)
            return fail(ErrorCode::Unsupported,
                        QStringLiteral("RSA key of %1 bits is larger than Signet accepts (16384)").arg(m_impl->bits));
        BIGNUM* raw = nullptr;
        EVP_PKEY_get_bn_param(pkey, OSSL_PKEY_PARAM_RSA_E, &raw);
        Ossl::Bn e(raw);
        if (!e || !BN_is_odd(e.get()) || BN_is_one(e.get()) || BN_num_bits(e.get()) > 32)
            return fail(ErrorCode::InvalidInput,
                        QStringLiteral("the RSA public exponent must be odd, at least 3 and at most 32 bits"));
    }
    if (m_impl->family == KeyFamily::Ec && m_impl->curve == Curve::None)
        return fail(ErrorCode::Unsupported, QStringLiteral("EC keys must use P-256, P-384 or P-521"));
    Ossl::PKeyCtx ctx(EVP_PKEY_CTX_new_from_pkey(nullptr, pkey, nullptr));
    if (!ctx)
        return Ossl::failure(QStringLiteral("cannot check the key"));
    if (m_impl->family == KeyFamily::Ec && EVP_PKEY_public_check(ctx.get()) != 1)
        return Ossl::failure(QStringLiteral("the EC public point is not valid on %1").arg(curveName(m_impl->curve)),
                             ErrorCode::InvalidInput);
    if (m_impl->hasPrivate && EVP_PKEY_pairwise_check(ctx.get()) != 1)
        return Ossl::failure(QStringLiteral("the private key does not match its public key"), ErrorCode::KeyMismatch);
    return {};
}

bool KeyPair::samePublicKey(const KeyPair& other) const
{
    if (!m_impl || !other.m_impl)
        return false;
    return EVP_PKEY_eq(m_impl->pkey.get(), other.m_impl->pkey.get()) == 1;
}

} // namespace Signet::Crypto
