#include "commands/KeyCommands.h"

#include "CliSupport.h"
#include "WorkspaceSupport.h"
#include "commands/ProjectKeyCommands.h"
#include "crypto/Random.h"
#include "foundation/JsonWriter.h"
#include "jose/Base64Url.h"
#include "jose/KeyFile.h"

namespace Signet::Cli {

namespace {

const QCommandLineOption kFormatOption(QStringLiteral("format"), QStringLiteral("Output format: jwk (default) or pem."),
                                       QStringLiteral("jwk|pem"), QStringLiteral("jwk"));
Result<Jwk> generateKey(Algorithm alg, int bits, const QString& curve)
{
    switch (algorithmFamily(alg)) {
    case AlgorithmFamily::Hmac: {
        const auto size = static_cast<std::size_t>(minimumHmacKeySize(alg));
        QByteArray random = Crypto::Random::bytes(size);
        Crypto::SecureBytes secret(random);
        Crypto::wipe(random);
        return Jwk::fromSecret(std::move(secret));
    }
    case AlgorithmFamily::RsaPkcs1:
    case AlgorithmFamily::RsaPss: {
        auto key = Crypto::KeyPair::generateRsa(bits == 0 ? 2048 : bits);
        if (!key)
            return std::unexpected(key.error());
        return Jwk::fromKeyPair(*key);
    }
    case AlgorithmFamily::Ecdsa: {
        const Crypto::Curve c = alg == Algorithm::ES256   ? Crypto::Curve::P256
                                : alg == Algorithm::ES384 ? Crypto::Curve::P384
                                                          : Crypto::Curve::P521;
        auto key = Crypto::KeyPair::generateEc(c);
        if (!key)
            return std::unexpected(key.error());
        return Jwk::fromKeyPair(*key);
    }
    case AlgorithmFamily::EdDsa: {
        if (!curve.isEmpty() && curve != QLatin1String("Ed25519") && curve != QLatin1String("Ed448"))
            return fail(ErrorCode::InvalidArgument,
                        QStringLiteral("--curve for EdDSA is Ed25519 or Ed448, not '%1'").arg(curve));
        auto key = Crypto::KeyPair::generateEdDsa(curve == QLatin1String("Ed448") ? Crypto::KeyFamily::Ed448
                                                                                  : Crypto::KeyFamily::Ed25519);
        if (!key)
            return std::unexpected(key.error());
        return Jwk::fromKeyPair(*key);
    }
    }
    return fail(ErrorCode::Internal, QStringLiteral("unknown algorithm family"));
}

QByteArray jwkText(const Jwk& jwk, bool includePrivate)
{
    return QByteArray::fromStdString(JsonWriter::write(jwk.toJson(includePrivate), JsonWriter::Style::Indented) + "\n");
}

class KeyGenerate final : public Command
{
public:
    QString name() const override { return QStringLiteral("key generate"); }
    QString synopsis() const override
    {
        return QStringLiteral(
            "--alg ALG [--bits N] [--curve Ed25519|Ed448] [--kid KID] -o FILE [--format jwk|pem] [--force]\n"
            "       signet-cli key generate -p ID --alg ALG [--bits N] [--state next|active]");
    }
    QString summary() const override
    {
        return QStringLiteral(
            "Generate a signing key (or HMAC secret) for ALG and write it to FILE, or add one to a project.");
    }
    QString details() const override
    {
        return QStringLiteral("ALG: HS256 HS384 HS512 RS256 RS384 RS512 PS256 PS384 PS512 ES256 ES384 ES512 EdDSA.\n"
                              "RSA keys have 2048 (default), 3072 or 4096 bits; HMAC secrets have the hash size.\n"
                              "The JWK carries kid, alg and use; the default kid is the RFC 7638 thumbprint.\n"
                              "The file is written atomically with mode 0600.\n\n"
                              "With -p ID the key is generated into the workspace project instead (sealed, never\n"
                              "written out): asymmetric algorithms only, kid = thumbprint, EdDSA keys are Ed25519.\n"
                              "It starts active when the project has no active key, else next (or as --state says).");
    }
    void configure(QCommandLineParser& parser) const override
    {
        parser.addOption(
            {QStringLiteral("alg"), QStringLiteral("JWS algorithm the key is for."), QStringLiteral("ALG")});
        parser.addOption(
            {QStringLiteral("bits"), QStringLiteral("RSA modulus size: 2048, 3072 or 4096."), QStringLiteral("N")});
        parser.addOption({QStringLiteral("curve"), QStringLiteral("EdDSA curve: Ed25519 (default) or Ed448."),
                          QStringLiteral("CURVE")});
        parser.addOption(
            {QStringLiteral("kid"), QStringLiteral("Key id (default: the key's thumbprint)."), QStringLiteral("KID")});
        parser.addOption({{QStringLiteral("o"), QStringLiteral("output")},
                          QStringLiteral("Where to write the private key."),
                          QStringLiteral("FILE")});
        parser.addOption(kFormatOption);
        parser.addOption({QStringLiteral("force"), QStringLiteral("Replace FILE if it exists.")});
        parser.addOption(projectOption());
        parser.addOption(keyStateOption());
        addWorkspaceOptions(parser);
    }
    int run(const QCommandLineParser& parser) const override
    {
        if (parser.isSet(projectOption()))
            return runProjectKeyGenerate(parser);
        if (parser.isSet(keyStateOption()))
            return reportError(QStringLiteral("key generate: --state applies to project keys (-p ID)"));
        if (!parser.positionalArguments().isEmpty())
            return reportError(
                QStringLiteral("key generate: unexpected argument '%1'").arg(parser.positionalArguments().front()));
        if (!parser.isSet(QStringLiteral("alg")))
            return reportError(QStringLiteral("key generate: --alg is required (e.g. --alg ES256)"));
        if (!parser.isSet(QStringLiteral("output")))
            return reportError(
                QStringLiteral("key generate: -o FILE is required (or -p ID to add the key to a workspace project)"));
        const auto alg = algorithmFromName(parser.value(QStringLiteral("alg")));
        if (!alg)
            return reportError(
                QStringLiteral("key generate: unknown algorithm '%1'").arg(parser.value(QStringLiteral("alg"))));
        const QString format = parser.value(kFormatOption);
        if (format != QLatin1String("jwk") && format != QLatin1String("pem"))
            return reportError(QStringLiteral("key generate: --format is jwk or pem, not '%1'").arg(format));
        int bits = 0;
        if (parser.isSet(QStringLiteral("bits"))) {
            if (algorithmFamily(*alg) != AlgorithmFamily::RsaPkcs1 && algorithmFamily(*alg) != AlgorithmFamily::RsaPss)
                return reportError(QStringLiteral("key generate: --bits applies to RSA algorithms only"));
            bool ok = false;
            bits = parser.value(QStringLiteral("bits")).toInt(&ok);
            if (!ok)
                return reportError(QStringLiteral("key generate: --bits must be a number"));
        }
        if (parser.isSet(QStringLiteral("curve")) && *alg != Algorithm::EdDSA)
            return reportError(QStringLiteral("key generate: --curve applies to EdDSA only"));
        if (format == QLatin1String("pem") && algorithmFamily(*alg) == AlgorithmFamily::Hmac)
            return reportError(QStringLiteral("key generate: an HMAC secret has no PEM form; use --format jwk"));

        auto jwk = generateKey(*alg, bits, parser.value(QStringLiteral("curve")));
        if (!jwk)
            return reportError(jwk.error().withContext(QStringLiteral("key generate")));
        jwk->setAlgorithm(*alg);
        jwk->setUse(QStringLiteral("sig"));
        QString kid = parser.value(QStringLiteral("kid"));
        if (kid.isEmpty()) {
            kid = jwk->isSymmetric() ? QString::fromLatin1(Base64Url::encode(Crypto::Random::bytes(12)))
                                     : jwk->thumbprint();
        }
        jwk->setKid(kid);

        QByteArray data;
        if (format == QLatin1String("pem")) {
            auto pem = jwk->keyPair().toPem(Crypto::PemKind::PrivatePkcs8);
            if (!pem)
                return reportError(pem.error());
            data = *pem;
        } else {
            data = jwkText(*jwk, true);
        }
        const QString path = parser.value(QStringLiteral("output"));
        const auto written =
            writeFileAtomically(path, data, FileSecrecy::Secret, parser.isSet(QStringLiteral("force")));
        Crypto::wipe(data);
        if (!written)
            return reportError(written.error());
        printOut(QStringLiteral("wrote %1 key (%2) to %3, kid %4\n")
                     .arg(algorithmQName(*alg), jwk->description(), path, kid));
        return Success;
    }
};

class KeyPublic final : public Command
{
public:
    QString name() const override { return QStringLiteral("key public"); }
    QString synopsis() const override { return QStringLiteral("FILE [--format jwk|pem]"); }
    QString summary() const override { return QStringLiteral("Print the public key of FILE (JWK, JWK set or PEM)."); }
    void configure(QCommandLineParser& parser) const override
    {
        parser.addPositionalArgument(QStringLiteral("FILE"), QStringLiteral("Key file: JWK, JWK set or PEM."));
        parser.addOption(kFormatOption);
        parser.addOption(pemPassphraseOption());
    }
    int run(const QCommandLineParser& parser) const override
    {
        if (parser.positionalArguments().size() != 1)
            return reportError(QStringLiteral("key public: give exactly one key file"));
        const QString format = parser.value(kFormatOption);
        if (format != QLatin1String("jwk") && format != QLatin1String("pem"))
            return reportError(QStringLiteral("key public: --format is jwk or pem, not '%1'").arg(format));
        auto loaded = loadKeys(parser, parser.positionalArguments().front());
        if (!loaded)
            return reportError(loaded.error());
        const JwkSet& keys = loaded->keys;
        for (const Jwk& key : keys.keys()) {
            if (key.isSymmetric())
                return reportError(
                    QStringLiteral("key public: an HMAC secret has no public key (kid \"%1\")").arg(key.kid()));
        }
        if (format == QLatin1String("pem")) {
            QString out;
            for (const Jwk& key : keys.keys()) {
                auto pem = key.keyPair().toPem(Crypto::PemKind::PublicSpki);
                if (!pem)
                    return reportError(pem.error());
                out += QString::fromLatin1(*pem);
            }
            printOut(out);
            return Success;
        }
        if (loaded->format == KeyFile::Format::JwkSet) {
            printOut(toText(keys.toPublicJson()) + QLatin1Char('\n'));
            return Success;
        }
        Jwk key = keys.keys().front().publicJwk();
        if (key.kid().isEmpty())
            key.setKid(key.thumbprint());
        printOut(QString::fromUtf8(jwkText(key, false)));
        return Success;
    }
};

class KeyThumbprint final : public Command
{
public:
    QString name() const override { return QStringLiteral("key thumbprint"); }
    QString synopsis() const override { return QStringLiteral("FILE"); }
    QString summary() const override
    {
        return QStringLiteral("Print the RFC 7638 SHA-256 thumbprint (base64url) of each key in FILE.");
    }
    void configure(QCommandLineParser& parser) const override
    {
        parser.addPositionalArgument(QStringLiteral("FILE"), QStringLiteral("Key file: JWK, JWK set or PEM."));
        parser.addOption(pemPassphraseOption());
    }
    int run(const QCommandLineParser& parser) const override
    {
        if (parser.positionalArguments().size() != 1)
            return reportError(QStringLiteral("key thumbprint: give exactly one key file"));
        auto loaded = loadKeys(parser, parser.positionalArguments().front());
        if (!loaded)
            return reportError(loaded.error());
        QString out;
        for (const Jwk& key : loaded->keys.keys())
            out += key.thumbprint() + QLatin1Char('\n');
        printOut(out);
        return Success;
    }
};

} // namespace

void addKeyCommands(CommandList& commands)
{
    commands.push_back(std::make_unique<KeyGenerate>());
    commands.push_back(std::make_unique<KeyPublic>());
    commands.push_back(std::make_unique<KeyThumbprint>());
}

} // namespace Signet::Cli
