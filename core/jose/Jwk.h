#pragma once

#include "crypto/KeyPair.h"
#include "crypto/MacKey.h"
#include "crypto/SecureBytes.h"
#include "foundation/JsonValue.h"
#include "jose/Algorithm.h"

#include <QStringList>

namespace Signet {

enum class KeyOperation
{
    Sign,
    Verify
};

// One JSON Web Key (RFC 7517): an asymmetric key or an HMAC secret, with the metadata that pins how
// it may be used (kid, alg, use, key_ops).
class Jwk
{
public:
    Jwk() = default;
    static Jwk fromKeyPair(Crypto::KeyPair key, QString kid = {}, std::optional<Algorithm> alg = std::nullopt);
    static Jwk fromSecret(Crypto::SecureBytes secret, QString kid = {}, std::optional<Algorithm> alg = std::nullopt);

    // Reads and validates a JWK object; refuses unknown key types, missing or malformed members,
    // curve/alg disagreement, points off the curve and RSA keys under 2048 bits.
    static Result<Jwk> fromJson(const JsonValue& object);
    static Result<Jwk> parse(QByteArrayView json);

    [[nodiscard]] bool isNull() const { return m_keyPair.isNull() && m_macKey.isNull(); }
    [[nodiscard]] bool isSymmetric() const { return !m_macKey.isNull(); }
    [[nodiscard]] bool hasPrivate() const { return isSymmetric() || m_keyPair.hasPrivate(); }
    [[nodiscard]] const Crypto::KeyPair& keyPair() const { return m_keyPair; }
    [[nodiscard]] const Crypto::SecureBytes& secret() const { return m_macKey.secret(); }
    [[nodiscard]] const Crypto::MacKey& macKey() const { return m_macKey; }

    [[nodiscard]] QString keyType() const;     // "RSA", "EC", "OKP", "oct"
    [[nodiscard]] QString description() const; // "RSA 2048", "EC P-256", "HMAC secret (32 bytes)"
    [[nodiscard]] const QString& kid() const { return m_kid; }
    // The kid as UTF-8, kept alongside for the token paths that compare and write it.
    [[nodiscard]] const std::string& kidUtf8() const { return m_kidUtf8; }
    void setKid(QString kid)
    {
        m_kidUtf8 = kid.toStdString();
        m_kid = std::move(kid);
    }
    [[nodiscard]] std::optional<Algorithm> algorithm() const { return m_alg; }
    void setAlgorithm(std::optional<Algorithm> alg) { m_alg = alg; }
    [[nodiscard]] const QString& use() const { return m_use; }
    void setUse(QString use) { m_use = std::move(use); }
    [[nodiscard]] const QStringList& keyOps() const { return m_keyOps; }

    // Algorithms this key's type can do, narrowed to its own "alg" when it has one.
    [[nodiscard]] QList<Algorithm> compatibleAlgorithms() const;
    // The algorithm to sign with when none is asked for: the key's alg, else the natural one for its type.
    [[nodiscard]] std::optional<Algorithm> defaultAlgorithm() const;
    // Why this key may not do `operation` with `alg` (type, alg pin, use, key_ops, HMAC size), or nothing.
    [[nodiscard]] Status permits(Algorithm alg, KeyOperation operation) const;

    // RFC 7638 SHA-256 thumbprint, base64url.
    [[nodiscard]] QString thumbprint() const;
    [[nodiscard]] Jwk publicJwk() const;
    // Which members toJson() writes: the public ones, or the private ones too.
    enum class Members
    {
        Public,
        Private
    };
    [[nodiscard]] JsonValue toJson(Members members = Members::Public) const;

private:
    Crypto::KeyPair m_keyPair;
    Crypto::MacKey m_macKey;
    QString m_kid;
    std::string m_kidUtf8;
    std::optional<Algorithm> m_alg;
    QString m_use;
    QStringList m_keyOps;
};

} // namespace Signet
