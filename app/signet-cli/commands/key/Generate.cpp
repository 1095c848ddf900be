// key generate: into a key file (-o FILE) or into a project (-p ID), over one set of options.

#include "cli/Files.h"
#include "cli/Options.h"
#include "cli/WorkspaceAccess.h"
#include "commands/Commands.h"
#include "commands/key/InitialState.h"
#include "commands/key/KeyMessages.h"
#include "crypto/Random.h"
#include "crypto/SecureBytes.h"
#include "foundation/JsonWriter.h"
#include "jose/Base64Url.h"
#include "jose/KeyGeneration.h"
#include "workspace/FieldRules.h"

namespace Signet::Cli {

namespace {

class KeyGenerate final : public Command
{
public:
    static const AlgorithmOption Alg;
    static const IntegerOption Bits;
    static const ChoiceOption Curve;
    static const QCommandLineOption Kid;
    static const QCommandLineOption OutputFile;
    static const ChoiceOption Format;
    static const QCommandLineOption Force;

    KeyGenerate()
        : Command(QStringLiteral("key generate"),
                  QStringLiteral(
                      "--alg ALG [--bits N] [--curve Ed25519|Ed448] [--kid KID] -o FILE [--format jwk|pem] [--force]\n"
                      "       signet-cli key generate -p ID --alg ALG [--bits N] [--state next|active]"),
                  QStringLiteral(
                      "Generate a signing key (or HMAC secret) for ALG and write it to FILE, or add one to a project."),
                  QStringLiteral(
                      "ALG: HS256 HS384 HS512 RS256 RS384 RS512 PS256 PS384 PS512 ES256 ES384 ES512 EdDSA.\n"
                      "RSA keys have 2048 (default), 3072 or 4096 bits; HMAC secrets have the hash size.\n"
                      "The JWK carries kid, alg and use; the default kid is the RFC 7638 thumbprint.\n"
                      "The file is written atomically with mode 0600; -o - writes the key to standard output.\n\n"
                      "With -p ID the key is generated into the workspace project instead (sealed, never\n"
                      "written out): asymmetric algorithms only, kid = thumbprint, EdDSA keys are Ed25519.\n"
                      "It starts active when the project has no active key, else next (or as --state says)."))
    {
        addRequiredOption(&Alg, QStringLiteral("--alg is required (e.g. --alg ES256)"));
        addOptions({&Bits, &Curve, &Kid, &OutputFile, &Format, &Force, &Options::Project, &InitialStateOption,
                    &Options::Workspace, &Options::PassphraseFile, &Options::Member});
    }

protected:
    Status validate(const Context& context) const override
    {
        const Algorithm alg = *Alg.read(context.parser);
        const AlgorithmFamily family = algorithmFamily(alg);
        if (context.isSet(Bits) && family != AlgorithmFamily::RsaPkcs1 && family != AlgorithmFamily::RsaPss)
            return fail(ErrorCode::InvalidArgument, QStringLiteral("--bits applies to RSA algorithms only"));
        if (context.isSet(Options::Project))
            return validateProjectMode(context);
        if (context.isSet(InitialStateOption))
            return fail(ErrorCode::InvalidArgument, QStringLiteral("--state applies to project keys (-p ID)"));
        if (!context.isSet(OutputFile))
            return fail(ErrorCode::InvalidArgument,
                        QStringLiteral("-o FILE is required (or -p ID to add the key to a workspace project)"));
        if (context.isSet(Kid)) {
            if (auto valid = FieldRules::checkKeyId(context.value(Kid)); !valid)
                return valid;
        }
        if (context.isSet(Curve) && alg != Algorithm::EdDSA)
            return fail(ErrorCode::InvalidArgument, QStringLiteral("--curve applies to EdDSA only"));
        if (Format.read(context.parser) == QLatin1String("pem") && family == AlgorithmFamily::Hmac)
            return fail(ErrorCode::InvalidArgument, QStringLiteral("an HMAC secret has no PEM form; use --format jwk"));
        return {};
    }

    CommandResult run(Context& context) const override
    {
        return context.isSet(Options::Project) ? generateIntoProject(context) : generateIntoFile(context);
    }

private:
    static Status validateProjectMode(const Context& context)
    {
        for (const QCommandLineOption* option : {&OutputFile, static_cast<const QCommandLineOption*>(&Format), &Force,
                                                 &Kid, static_cast<const QCommandLineOption*>(&Curve)}) {
            if (context.isSet(*option))
                return fail(ErrorCode::InvalidArgument,
                            QStringLiteral("--%1 applies to key files, not project keys (project keys are Ed25519 for "
                                           "EdDSA and named by their thumbprint; 'key import' adds others)")
                                .arg(option->names().back()));
        }
        return {};
    }

    static CommandResult generateIntoProject(Context& context)
    {
        auto workspace = openWorkspace(context);
        if (!workspace)
            return std::unexpected(workspace.error());
        auto record =
            (*workspace)
                ->keys()
                .generate(context.value(Options::Project), *Alg.read(context.parser),
                          static_cast<int>(Bits.read(context.parser).value_or(0)), readInitialState(context.parser));
        if (!record)
            return std::unexpected(record.error());
        context.output.text(keyAddedMessage(*record, QStringLiteral("generated")));
        return Success;
    }

    static Result<Jwk> newKey(const Context& context)
    {
        const Algorithm alg = *Alg.read(context.parser);
        KeyGenerationOptions options;
        options.rsaBits = static_cast<int>(Bits.read(context.parser).value_or(0));
        if (Curve.read(context.parser) == QLatin1String("Ed448"))
            options.edwardsCurve = Crypto::KeyFamily::Ed448;
        auto jwk = generateKey(alg, options);
        if (!jwk)
            return jwk;
        jwk->setAlgorithm(alg);
        jwk->setUse(QStringLiteral("sig"));
        QString kid = context.value(Kid);
        if (kid.isEmpty())
            kid = jwk->isSymmetric() ? QString::fromLatin1(Base64Url::encode(Crypto::Random::bytes(12)))
                                     : jwk->thumbprint();
        jwk->setKid(kid);
        return jwk;
    }

    static CommandResult generateIntoFile(Context& context)
    {
        auto jwk = newKey(context);
        if (!jwk)
            return std::unexpected(jwk.error());
        QByteArray data;
        if (Format.read(context.parser) == QLatin1String("pem")) {
            auto pem = jwk->keyPair().toPem(Crypto::PemKind::PrivatePkcs8);
            if (!pem)
                return std::unexpected(pem.error());
            data = *pem;
        } else {
            data = QByteArray::fromStdString(
                JsonWriter::write(jwk->toJson(Jwk::Members::Private), JsonWriter::Style::Indented) + "\n");
        }
        const QString path = context.value(OutputFile);
        if (isStandardOutput(path)) {
            context.output.raw(data);
            Crypto::wipe(data);
            return Success;
        }
        const auto written = writeFileAtomically(path, data, FileSecrecy::Secret,
                                                 context.isSet(Force) ? Overwrite::Replace : Overwrite::Refuse);
        Crypto::wipe(data);
        if (!written)
            return std::unexpected(written.error());
        context.output.line(QStringLiteral("wrote %1 key (%2) to %3, kid %4")
                                .arg(algorithmQName(*Alg.read(context.parser)), jwk->description(), path, jwk->kid()));
        return Success;
    }
};

const AlgorithmOption KeyGenerate::Alg(QStringList{QStringLiteral("alg")},
                                       QStringLiteral("JWS algorithm the key is for."), QStringLiteral("ALG"));
const IntegerOption KeyGenerate::Bits(QStringList{QStringLiteral("bits")},
                                      QStringLiteral("RSA modulus size: 2048, 3072 or 4096."), QStringLiteral("N"),
                                      2048, 4096, QStringLiteral("a number of bits: 2048, 3072 or 4096"));
const ChoiceOption KeyGenerate::Curve({QStringLiteral("curve")},
                                      QStringLiteral("EdDSA curve: Ed25519 (default) or Ed448."),
                                      {QStringLiteral("Ed25519"), QStringLiteral("Ed448")}, {},
                                      QStringLiteral("--curve for EdDSA"));
const QCommandLineOption KeyGenerate::Kid(QStringLiteral("kid"),
                                          QStringLiteral("Key id (default: the key's thumbprint)."),
                                          QStringLiteral("KID"));
const QCommandLineOption
    KeyGenerate::OutputFile({QStringLiteral("o"), QStringLiteral("output")},
                            QStringLiteral("Where to write the private key ('-': standard output)."),
                            QStringLiteral("FILE"));
const ChoiceOption KeyGenerate::Format({QStringLiteral("format")},
                                       QStringLiteral("Output format: jwk (default) or pem."),
                                       {QStringLiteral("jwk"), QStringLiteral("pem")}, QStringLiteral("jwk"));
const QCommandLineOption KeyGenerate::Force(QStringLiteral("force"), QStringLiteral("Replace FILE if it exists."));

} // namespace

std::unique_ptr<Command> Commands::keyGenerate()
{
    return std::make_unique<KeyGenerate>();
}

} // namespace Signet::Cli
