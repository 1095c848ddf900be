// key import: an existing private key into a project.

#include "cli/Files.h"
#include "cli/Options.h"
#include "cli/WorkspaceCommand.h"
#include "commands/Commands.h"
#include "commands/key/InitialState.h"
#include "commands/key/KeyMessages.h"
#include "workspace/Workspace.h"

namespace Signet::Cli {

namespace {

// The one private key of a file: a project key signs.
Result<Jwk> onlyPrivateKey(const KeyFile::Loaded& loaded, const QString& path)
{
    std::vector<const Jwk*> privateKeys;
    for (const Jwk& key : loaded.keys.keys()) {
        if (key.hasPrivate())
            privateKeys.push_back(&key);
    }
    if (privateKeys.empty())
        return fail(ErrorCode::InvalidInput, QStringLiteral("%1 holds no private key (a project key signs)").arg(path));
    if (privateKeys.size() > 1)
        return fail(ErrorCode::InvalidInput,
                    QStringLiteral("%1 holds %2 private keys; import one at a time").arg(path).arg(privateKeys.size()));
    return *privateKeys.front();
}

class KeyImport final : public ProjectCommand
{
public:
    static const AlgorithmOption Alg;

    KeyImport()
        : ProjectCommand(
              QStringLiteral("key import"),
              QStringLiteral("-p ID FILE [--state next|active] [--alg ALG] [--pem-passphrase-file FILE]"),
              QStringLiteral("Add an existing private key (JWK, JWK set of one private key, or PEM) to a project."),
              QStringLiteral(
                  "The private key is sealed in the workspace; its kid is kept (PEM keys get their RFC 7638\n"
                  "thumbprint). ALG defaults to the key's own. HMAC secrets cannot be project keys."),
              JsonOutput::None)
    {
        setPositional({QStringLiteral("FILE"), QStringLiteral("Private key file."), 1, 1, QStringLiteral("key file")});
        addOptions({&InitialStateOption, &Alg, &Options::PemPassphraseFile});
    }

protected:
    CommandResult runOnProject(Context& context, Workspace& workspace, const QString& project) const override
    {
        const QString path = context.positional().front();
        auto loaded = loadKeys(context, path);
        if (!loaded)
            return std::unexpected(loaded.error());
        auto key = onlyPrivateKey(*loaded, path);
        if (!key)
            return std::unexpected(key.error());
        auto record =
            workspace.keys().import(project, *key, Alg.read(context.parser), readInitialState(context.parser));
        if (!record)
            return std::unexpected(record.error());
        context.output.text(keyAddedMessage(*record, QStringLiteral("imported")));
        return Success;
    }
};

const AlgorithmOption KeyImport::Alg(QStringList{QStringLiteral("alg")},
                                     QStringLiteral("Algorithm (default: the key's)."), QStringLiteral("ALG"));

} // namespace

std::unique_ptr<Command> Commands::keyImport()
{
    return std::make_unique<KeyImport>();
}

} // namespace Signet::Cli
