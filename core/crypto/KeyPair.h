#pragma once

#include "crypto/SecureBytes.h"
#include "foundation/Error.h"

#include <QByteArray>
#include <QString>

#include <memory>

namespace Signet::Crypto {

enum class KeyFamily
{
    Rsa,
    Ec,
    Ed25519,
    Ed448
};
enum class Curve
{
    None,
    P256,
    P384,
    P521
};

QString curveName(Curve curve);       // "P-256" (JOSE names)
int curveCoordinateSize(Curve curve); // 32, 48, 66 bytes

struct RsaComponents
{
    QByteArray n, e;                 // public, big-endian unsigned
    SecureBytes d, p, q, dp, dq, qi; // private; p..qi may be empty (no CRT)
};

struct EcComponents
{
    Curve curve = Curve::None;
    QByteArray x, y; // exactly the coordinate size
    SecureBytes d;   // exactly the coordinate size, or empty for a public key
};

struct OkpComponents
{
    KeyFamily family = KeyFamily::Ed25519;
    QByteArray x;  // public key
    SecureBytes d; // private seed, or empty
};

enum class PemKind
{
    PrivatePkcs8,
    PublicSpki
};

// An asymmetric key (RSA, EC or EdDSA), public or private. Immutable and cheap to copy: copies share
// one OpenSSL key, which is safe to use from several threads at once.
class KeyPair
{
public:
    KeyPair();
    ~KeyPair();
    KeyPair(const KeyPair&);
    KeyPair& operator=(const KeyPair&);
    KeyPair(KeyPair&&) noexcept;
    KeyPair& operator=(KeyPair&&) noexcept;

    static Result<KeyPair> generateRsa(int bits);
    static Result<KeyPair> generateEc(Curve curve);
    static Result<KeyPair> generateEdDsa(KeyFamily family = KeyFamily::Ed25519);

    static Result<KeyPair> fromRsa(const RsaComponents& components);
    static Result<KeyPair> fromEc(const EcComponents& components);
    static Result<KeyPair> fromOkp(const OkpComponents& components);

    [[nodiscard]] bool isNull() const { return !m_impl; }
    [[nodiscard]] KeyFamily family() const;
    [[nodiscard]] Curve curve() const; // Curve::None unless EC
    [[nodiscard]] int bits() const;
    [[nodiscard]] bool hasPrivate() const;
    // "RSA 2048", "EC P-256", "Ed25519"
    [[nodiscard]] QString description() const;

    [[nodiscard]] KeyPair publicKey() const;
    [[nodiscard]] RsaComponents rsaComponents() const;
    [[nodiscard]] EcComponents ecComponents() const;
    [[nodiscard]] OkpComponents okpComponents() const;

    // PKCS#8 (optionally encrypted with AES-256-CBC under a passphrase) or SPKI.
    [[nodiscard]] Result<QByteArray> toPem(PemKind kind, QByteArrayView passphrase = {}) const;

    // Refuses keys JOSE must not use: RSA under 2048 bits or with a bad exponent, EC points off the
    // curve, private keys that do not match their public half.
    [[nodiscard]] Status validate() const;

    [[nodiscard]] bool samePublicKey(const KeyPair& other) const;

    // For core/crypto only: the EVP_PKEY behind this key.
    struct Impl;
    [[nodiscard]] const Impl* impl() const { return m_impl.get(); }
    static KeyPair adopt(void* evpPkey); // takes ownership of an EVP_PKEY*

private:
    std::shared_ptr<const Impl> m_impl;
};

} // namespace Signet::Crypto
