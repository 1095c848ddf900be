// key public: the public half of every key in a file.

#include "cli/Files.h"
#include "cli/Options.h"
#include "cli/TypedOptions.h"
#include "commands/Commands.h"
#include "foundation/JsonWriter.h"

namespace Signet::Cli {

namespace {

class KeyPublic final : public Command
{
public:
    static const ChoiceOption Format;

    KeyPublic()
        : Command(QStringLiteral("key public"), QStringLiteral("FILE [--format jwk|pem]"),
                  QStringLiteral("Print the public key of FILE (JWK, JWK set or PEM)."))
    {
        setPositional({QStringLiteral("FILE"), QStringLiteral("Key file: JWK, JWK set or PEM."), 1, 1,
                       QStringLiteral("key file")});
        addOptions({&Format, &Options::PemPassphraseFile});
    }

protected:
    CommandResult run(Context& context) const override
    {
        auto loaded = loadKeys(context, context.positional().front());
        if (!loaded)
            return std::unexpected(loaded.error());
        const JwkSet& keys = loaded->keys;
        for (const Jwk& key : keys.keys()) {
            if (key.isSymmetric())
                return fail(ErrorCode::InvalidArgument,
                            QStringLiteral("an HMAC secret has no public key (kid \"%1\")").arg(key.kid()));
        }
        if (Format.read(context.parser) == QLatin1String("pem")) {
            QByteArray out;
            for (const Jwk& key : keys.keys()) {
                auto pem = key.keyPair().toPem(Crypto::PemKind::PublicSpki);
                if (!pem)
                    return std::unexpected(pem.error());
                out += *pem;
            }
            context.output.raw(out);
            return Success;
        }
        if (loaded->format == KeyFile::Format::JwkSet) {
            context.output.json(keys.toPublicJson());
            return Success;
        }
        Jwk key = keys.keys().front().publicJwk();
        if (key.kid().isEmpty())
            key.setKid(key.thumbprint());
        context.output.json(key.toJson());
        return Success;
    }
};

const ChoiceOption KeyPublic::Format({QStringLiteral("format")}, QStringLiteral("Output format: jwk (default) or pem."),
                                     {QStringLiteral("jwk"), QStringLiteral("pem")}, QStringLiteral("jwk"));

} // namespace

std::unique_ptr<Command> Commands::keyPublic()
{
    return std::make_unique<KeyPublic>();
}

} // namespace Signet::Cli
