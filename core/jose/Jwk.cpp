#include "jose/Jwk.h"

#include "crypto/Digest.h"
#include "foundation/JsonWriter.h"
#include "foundation/StrictJson.h"
#include "jose/Base64Url.h"

namespace Signet {

namespace {

using Crypto::Curve;
using Crypto::KeyFamily;

QString qs(const std::string& s)
{
    return QString::fromStdString(s);
}

std::string b64(QByteArrayView bytes)
{
    return Base64Url::encode(std::string_view(bytes.data(), static_cast<std::size_t>(bytes.size())));
}

// A base64url member; absent → empty (optional members) or an error naming the member.
Result<QByteArray> member(const JsonValue& object, std::string_view name, bool required)
{
    const JsonValue* value = object.find(name);
    const QString qname = QString::fromLatin1(name.data(), static_cast<qsizetype>(name.size()));
    if (!value) {
        if (required)
            return fail(ErrorCode::InvalidInput, QStringLiteral("the JWK has no \"%1\" member").arg(qname));
        return QByteArray();
    }
    if (!value->isString())
        return fail(ErrorCode::InvalidInput, QStringLiteral("the JWK member \"%1\" is not a string").arg(qname));
    Base64Url::DecodeError error;
    auto bytes = Base64Url::decode(
        QByteArrayView(value->asString().data(), static_cast<qsizetype>(value->asString().size())), &error);
    if (!bytes)
        return fail(ErrorCode::InvalidInput,
                    QStringLiteral("the JWK member \"%1\" is not valid base64url: %2").arg(qname, error.reason));
    if (bytes->isEmpty())
        return fail(ErrorCode::InvalidInput, QStringLiteral("the JWK member \"%1\" is empty").arg(qname));
    return *bytes;
}

Result<Crypto::SecureBytes> secretMember(const JsonValue& object, std::string_view name, bool required)
{
    auto bytes = member(object, name, required);
    if (!bytes)
        return std::unexpected(bytes.error());
    Crypto::SecureBytes secret(*bytes);
    Crypto::wipe(*bytes);
    return secret;
}

std::optional<Algorithm> naturalAlgorithm(const Jwk& jwk)
{
    if (jwk.isSymmetric()) {
        const auto size = jwk.secret().size();
        return size >= 64 ? Algorithm::HS512 : size >= 48 ? Algorithm::HS384 : Algorithm::HS256;
    }
    switch (jwk.keyPair().family()) {
    case KeyFamily::Rsa:
        return Algorithm::RS256;
    case KeyFamily::Ec:
        switch (jwk.keyPair().curve()) {
        case Curve::P256:
            return Algorithm::ES256;
        case Curve::P384:
            return Algorithm::ES384;
        case Curve::P521:
            return Algorithm::ES512;
        case Curve::None:
            return std::nullopt;
        }
        return std::nullopt;
    case KeyFamily::Ed25519:
    case KeyFamily::Ed448:
        return Algorithm::EdDSA;
    }
    return std::nullopt;
}

bool typeFits(const Jwk& jwk, Algorithm alg)
{
    if (algorithmFamily(alg) == AlgorithmFamily::Hmac)
        return jwk.isSymmetric();
    return !jwk.isSymmetric() && Crypto::keyFits(jwk.keyPair(), signatureScheme(alg));
}

Result<Jwk> readRsa(const JsonValue& object)
{
    Crypto::RsaComponents c;
    auto n = member(object, "n", true);
    auto e = member(object, "e", true);
    if (!n)
        return std::unexpected(n.error());
    if (!e)
        return std::unexpected(e.error());
    c.n = *n;
    c.e = *e;
    for (auto [name, field] :
         {std::pair{"d", &c.d}, {"p", &c.p}, {"q", &c.q}, {"dp", &c.dp}, {"dq", &c.dq}, {"qi", &c.qi}}) {
        auto value = secretMember(object, name, false);
        if (!value)
            return std::unexpected(value.error());
        *field = std::move(*value);
    }
    if (object.contains("oth"))
        return fail(ErrorCode::Unsupported, QStringLiteral("multi-prime RSA keys (\"oth\") are not supported"));
    auto key = Crypto::KeyPair::fromRsa(c);
    if (!key)
        return std::unexpected(key.error());
    return Jwk::fromKeyPair(*key);
}

Result<Jwk> readEc(const JsonValue& object)
{
    const JsonValue* crv = object.find("crv");
    if (!crv || !crv->isString())
        return fail(ErrorCode::InvalidInput, QStringLiteral("the EC JWK has no \"crv\" string"));
    Crypto::EcComponents c;
    const std::string& name = crv->asString();
    c.curve = name == "P-256"   ? Curve::P256
              : name == "P-384" ? Curve::P384
              : name == "P-521" ? Curve::P521
                                : Curve::None;
    if (c.curve == Curve::None)
        return fail(ErrorCode::Unsupported,
                    QStringLiteral("unsupported EC curve \"%1\" (use P-256, P-384 or P-521)").arg(qs(name)));
    auto x = member(object, "x", true);
    auto y = member(object, "y", true);
    auto d = secretMember(object, "d", false);
    if (!x)
        return std::unexpected(x.error());
    if (!y)
        return std::unexpected(y.error());
    if (!d)
        return std::unexpected(d.error());
    c.x = *x;
    c.y = *y;
    c.d = std::move(*d);
    auto key = Crypto::KeyPair::fromEc(c);
    if (!key)
        return std::unexpected(key.error());
    return Jwk::fromKeyPair(*key);
}

Result<Jwk> readOkp(const JsonValue& object)
{
    const JsonValue* crv = object.find("crv");
    if (!crv || !crv->isString())
        return fail(ErrorCode::InvalidInput, QStringLiteral("the OKP JWK has no \"crv\" string"));
    Crypto::OkpComponents c;
    if (crv->asString() == "Ed25519")
        c.family = KeyFamily::Ed25519;
    else if (crv->asString() == "Ed448")
        c.family = KeyFamily::Ed448;
    else
        return fail(ErrorCode::Unsupported,
                    QStringLiteral("unsupported OKP curve \"%1\" (signing keys are Ed25519 or Ed448)")
                        .arg(qs(crv->asString())));
    auto x = member(object, "x", true);
    auto d = secretMember(object, "d", false);
    if (!x)
        return std::unexpected(x.error());
    if (!d)
        return std::unexpected(d.error());
    c.x = *x;
    c.d = std::move(*d);
    auto key = Crypto::KeyPair::fromOkp(c);
    if (!key)
        return std::unexpected(key.error());
    return Jwk::fromKeyPair(*key);
}

Result<Jwk> readOct(const JsonValue& object)
{
    auto k = secretMember(object, "k", true);
    if (!k)
        return std::unexpected(k.error());
    return Jwk::fromSecret(std::move(*k));
}

} // namespace

Jwk Jwk::fromKeyPair(Crypto::KeyPair key, QString kid, std::optional<Algorithm> alg)
{
    Jwk jwk;
    jwk.m_keyPair = std::move(key);
    jwk.setKid(std::move(kid));
    jwk.m_alg = alg;
    return jwk;
}

Jwk Jwk::fromSecret(Crypto::SecureBytes secret, QString kid, std::optional<Algorithm> alg)
{
    Jwk jwk;
    jwk.m_macKey = Crypto::MacKey(std::move(secret));
    jwk.setKid(std::move(kid));
    jwk.m_alg = alg;
    return jwk;
}

Result<Jwk> Jwk::fromJson(const JsonValue& object)
{
    if (!object.isObject())
        return fail(ErrorCode::InvalidInput, QStringLiteral("a JWK must be a JSON object"));
    const JsonValue* kty = object.find("kty");
    if (!kty || !kty->isString())
        return fail(ErrorCode::InvalidInput, QStringLiteral("the JWK has no \"kty\" string"));
    Result<Jwk> jwk;
    const std::string& type = kty->asString();
    if (type == "RSA")
        jwk = readRsa(object);
    else if (type == "EC")
        jwk = readEc(object);
    else if (type == "OKP")
        jwk = readOkp(object);
    else if (type == "oct")
        jwk = readOct(object);
    else
        return fail(ErrorCode::Unsupported, QStringLiteral("unsupported key type \"%1\"").arg(qs(type)));
    if (!jwk)
        return jwk;
    if (!jwk->isSymmetric()) {
        if (auto valid = jwk->m_keyPair.validate(); !valid)
            return std::unexpected(valid.error());
    }

    if (const JsonValue* kid = object.find("kid")) {
        if (!kid->isString())
            return fail(ErrorCode::InvalidInput, QStringLiteral("the JWK \"kid\" is not a string"));
        jwk->setKid(qs(kid->asString()));
    }
    if (const JsonValue* use = object.find("use")) {
        if (!use->isString())
            return fail(ErrorCode::InvalidInput, QStringLiteral("the JWK \"use\" is not a string"));
        jwk->m_use = qs(use->asString());
    }
    if (const JsonValue* ops = object.find("key_ops")) {
        if (!ops->isArray())
            return fail(ErrorCode::InvalidInput, QStringLiteral("the JWK \"key_ops\" is not an array"));
        for (const JsonValue& op : ops->items()) {
            if (!op.isString())
                return fail(ErrorCode::InvalidInput, QStringLiteral("the JWK \"key_ops\" has a non-string entry"));
            const QString name = qs(op.asString());
            if (jwk->m_keyOps.contains(name))
                return fail(ErrorCode::InvalidInput,
                            QStringLiteral("the JWK \"key_ops\" lists \"%1\" twice").arg(name));
            jwk->m_keyOps.append(name);
        }
    }
    if (const JsonValue* alg = object.find("alg")) {
        if (!alg->isString())
            return fail(ErrorCode::InvalidInput, QStringLiteral("the JWK \"alg\" is not a string"));
        const auto algorithm = algorithmFromName(std::string_view(alg->asString()));
        if (!algorithm)
            return fail(ErrorCode::Unsupported,
                        QStringLiteral("the JWK \"alg\" \"%1\" is not a signature algorithm Signet supports")
                            .arg(qs(alg->asString())));
        if (!typeFits(*jwk, *algorithm))
            return fail(ErrorCode::KeyMismatch, QStringLiteral("the JWK \"alg\" %1 does not fit its key (%2)")
                                                    .arg(algorithmQName(*algorithm), jwk->description()));
        jwk->m_alg = algorithm;
    }
    return jwk;
}

Result<Jwk> Jwk::parse(QByteArrayView json)
{
    auto value = StrictJson::parseObject(std::string_view(json.data(), static_cast<std::size_t>(json.size())));
    if (!value)
        return fail(ErrorCode::InvalidInput,
                    QStringLiteral("the JWK is not valid JSON: %1").arg(value.error().describe()));
    return fromJson(*value);
}

QString Jwk::keyType() const
{
    if (isSymmetric())
        return QStringLiteral("oct");
    switch (m_keyPair.family()) {
    case KeyFamily::Rsa:
        return QStringLiteral("RSA");
    case KeyFamily::Ec:
        return QStringLiteral("EC");
    case KeyFamily::Ed25519:
    case KeyFamily::Ed448:
        return QStringLiteral("OKP");
    }
    return {};
}

QString Jwk::description() const
{
    if (isSymmetric())
        return QStringLiteral("HMAC secret (%1 bytes)").arg(secret().size());
    return m_keyPair.description();
}

QList<Algorithm> Jwk::compatibleAlgorithms() const
{
    QList<Algorithm> result;
    for (Algorithm alg : allAlgorithms()) {
        if (typeFits(*this, alg) && (!m_alg || *m_alg == alg))
            result.append(alg);
    }
    return result;
}

std::optional<Algorithm> Jwk::defaultAlgorithm() const
{
    return m_alg ? m_alg : naturalAlgorithm(*this);
}

Status Jwk::permits(Algorithm alg, KeyOperation operation) const
{
    // Verification runs this on every token: build strings only when refusing.
    if (isNull())
        return fail(ErrorCode::KeyMismatch, QStringLiteral("no key"));
    if (!typeFits(*this, alg))
        return fail(ErrorCode::KeyMismatch,
                    QStringLiteral("%1 cannot be used with a %2 key").arg(algorithmQName(alg), description()));
    if (m_alg && *m_alg != alg)
        return fail(ErrorCode::KeyMismatch, QStringLiteral("the key is pinned to %1 by its \"alg\", not %2")
                                                .arg(algorithmQName(*m_alg), algorithmQName(alg)));
    if (!m_use.isEmpty() && m_use != QLatin1String("sig"))
        return fail(ErrorCode::KeyMismatch, QStringLiteral("the key's \"use\" is \"%1\", not \"sig\"").arg(m_use));
    const QStringView op = operation == KeyOperation::Sign ? QStringView(u"sign") : QStringView(u"verify");
    if (!m_keyOps.isEmpty() && !m_keyOps.contains(op))
        return fail(ErrorCode::KeyMismatch, QStringLiteral("the key's \"key_ops\" (%1) does not allow \"%2\"")
                                                .arg(m_keyOps.join(QStringLiteral(", ")), op.toString()));
    if (operation == KeyOperation::Sign && !hasPrivate())
        return fail(ErrorCode::KeyMismatch, QStringLiteral("signing needs a private key; this is a public key"));
    if (isSymmetric() && secret().size() < static_cast<std::size_t>(minimumHmacKeySize(alg)))
        return fail(ErrorCode::WeakKey,
                    QStringLiteral("the HMAC secret is %1 bytes; %2 needs at least %3 (RFC 7518 3.2)")
                        .arg(secret().size())
                        .arg(algorithmQName(alg))
                        .arg(minimumHmacKeySize(alg)));
    return {};
}

JsonValue Jwk::toJson(Members members) const
{
    JsonValue json = JsonValue::object();
    json.set("kty", JsonValue::string(keyType().toStdString()));
    if (!m_kid.isEmpty())
        json.set("kid", JsonValue::string(m_kidUtf8));
    if (!m_use.isEmpty())
        json.set("use", JsonValue::string(m_use.toStdString()));
    if (!m_keyOps.isEmpty()) {
        JsonValue::Array ops;
        for (const QString& op : m_keyOps)
            ops.push_back(JsonValue::string(op.toStdString()));
        json.set("key_ops", JsonValue::array(std::move(ops)));
    }
    if (m_alg)
        json.set("alg", JsonValue::string(std::string(algorithmName(*m_alg))));
    if (isSymmetric()) {
        if (members == Members::Private)
            json.set("k", JsonValue::string(b64(secret().view())));
        return json;
    }
    const bool withPrivate = members == Members::Private && m_keyPair.hasPrivate();
    switch (m_keyPair.family()) {
    case KeyFamily::Rsa: {
        const auto c = m_keyPair.rsaComponents();
        json.set("n", JsonValue::string(b64(c.n)));
        json.set("e", JsonValue::string(b64(c.e)));
        if (withPrivate) {
            for (auto [name, field] :
                 {std::pair{"d", &c.d}, {"p", &c.p}, {"q", &c.q}, {"dp", &c.dp}, {"dq", &c.dq}, {"qi", &c.qi}}) {
                if (!field->isEmpty())
                    json.set(name, JsonValue::string(b64(field->view())));
            }
        }
        break;
    }
    case KeyFamily::Ec: {
        const auto c = m_keyPair.ecComponents();
        json.set("crv", JsonValue::string(Crypto::curveName(c.curve).toStdString()));
        json.set("x", JsonValue::string(b64(c.x)));
        json.set("y", JsonValue::string(b64(c.y)));
        if (withPrivate)
            json.set("d", JsonValue::string(b64(c.d.view())));
        break;
    }
    case KeyFamily::Ed25519:
    case KeyFamily::Ed448: {
        const auto c = m_keyPair.okpComponents();
        json.set("crv", JsonValue::string(c.family == KeyFamily::Ed25519 ? "Ed25519" : "Ed448"));
        json.set("x", JsonValue::string(b64(c.x)));
        if (withPrivate)
            json.set("d", JsonValue::string(b64(c.d.view())));
        break;
    }
    }
    return json;
}

QString Jwk::thumbprint() const
{
    // RFC 7638: only the required public members, in lexicographic order, no whitespace.
    const JsonValue full = toJson(isSymmetric() ? Members::Private : Members::Public);
    JsonValue canonical = JsonValue::object();
    static const char* const kMembers[] = {"crv", "e", "k", "kty", "n", "x", "y"};
    for (const char* name : kMembers) {
        if (const JsonValue* value = full.find(name))
            canonical.members().emplace_back(name, *value);
    }
    const std::string text = JsonWriter::write(canonical);
    const QByteArray digest = Crypto::sha256(QByteArrayView(text.data(), static_cast<qsizetype>(text.size())));
    return QString::fromLatin1(Base64Url::encode(digest));
}

Jwk Jwk::publicJwk() const
{
    Jwk copy = *this;
    if (isSymmetric())
        return copy; // an HMAC key has no public half; callers must not publish it
    copy.m_keyPair = m_keyPair.publicKey();
    return copy;
}

} // namespace Signet
