// key thumbprint: RFC 7638 thumbprints of the keys in a file.

#include "cli/Files.h"
#include "cli/Options.h"
#include "commands/Commands.h"

namespace Signet::Cli {

namespace {

class KeyThumbprint final : public Command
{
public:
    KeyThumbprint()
        : Command(QStringLiteral("key thumbprint"), QStringLiteral("FILE"),
                  QStringLiteral("Print the RFC 7638 SHA-256 thumbprint (base64url) of each key in FILE."))
    {
        setPositional({QStringLiteral("FILE"), QStringLiteral("Key file: JWK, JWK set or PEM."), 1, 1,
                       QStringLiteral("key file")});
        addOption(&Options::PemPassphraseFile);
    }

protected:
    CommandResult run(Context& context) const override
    {
        auto loaded = loadKeys(context, context.positional().front());
        if (!loaded)
            return std::unexpected(loaded.error());
        for (const Jwk& key : loaded->keys.keys())
            context.output.line(key.thumbprint());
        return Success;
    }
};

} // namespace

std::unique_ptr<Command> Commands::keyThumbprint()
{
    return std::make_unique<KeyThumbprint>();
}

} // namespace Signet::Cli
