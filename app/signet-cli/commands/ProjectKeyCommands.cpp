#include "commands/ProjectKeyCommands.h"

#include "CliSupport.h"
#include "WorkspaceSupport.h"
#include "foundation/Duration.h"
#include "foundation/StrictJson.h"

#include <cstdio>

namespace Signet::Cli {

namespace {

const QCommandLineOption kJsonOption(QStringLiteral("json"), QStringLiteral("Print JSON."));
const QCommandLineOption kStateOption(QStringLiteral("state"),
                                      QStringLiteral("Initial state: next or active (default: active when the project "
                                                     "has no active key, else next)."),
                                      QStringLiteral("next|active"));

Result<std::optional<KeyState>> initialState(const QCommandLineParser& parser, const QString& command)
{
    if (!parser.isSet(kStateOption))
        return std::optional<KeyState>();
    const QString text = parser.value(kStateOption);
    if (text != QLatin1String("next") && text != QLatin1String("active"))
        return fail(ErrorCode::InvalidArgument,
                    QStringLiteral("%1: --state is next or active, not '%2'").arg(command, text));
    return keyStateFromName(text);
}

QString addedMessage(const SigningKeyRecord& key, const QString& verb)
{
    QString text =
        QStringLiteral("%1 %2 key (%3) for project '%4': kid %5, %6\n")
            .arg(verb, algorithmQName(key.algorithm), key.keyType, key.projectId, key.kid, keyStateName(key.state));
    if (key.state == KeyState::Next)
        text += QStringLiteral("it is published in the JWKS as 'next'; 'signet-cli key rotate -p %1' makes it active\n")
                    .arg(key.projectId);
    else
        text += QStringLiteral("it signs the project's tokens from now on\n");
    return text;
}

JsonValue keyJson(const SigningKeyRecord& key)
{
    JsonValue json = JsonValue::object();
    json.set("kid", jsonString(key.kid));
    json.set("alg", jsonString(algorithmQName(key.algorithm)));
    json.set("keyType", jsonString(key.keyType));
    json.set("state", jsonString(keyStateName(key.state)));
    json.set("createdAt", JsonValue::integer(key.createdAt));
    json.set("activatedAt", jsonTime(key.activatedAt));
    json.set("retireAt", jsonTime(key.retireAt));
    json.set("endedAt", jsonTime(key.endedAt));
    json.set("fingerprint", jsonString(key.fingerprint));
    const QByteArray publicJwk = key.publicJwk.toUtf8();
    auto parsed =
        StrictJson::parse(std::string_view(publicJwk.constData(), static_cast<std::size_t>(publicJwk.size())));
    json.set("publicJwk", parsed ? std::move(*parsed) : JsonValue::null());
    return json;
}

// "kid (active), kid (next), kid (retiring until ...)": what the JWKS publishes now.
QString publishedSummary(const QList<SigningKeyRecord>& keys)
{
    QStringList published;
    for (const SigningKeyRecord& key : keys) {
        if (!isPublished(key.state))
            continue;
        published.append(QStringLiteral("%1 (%2)").arg(key.kid, keyStateName(key.state)));
    }
    return published.isEmpty() ? QStringLiteral("no keys") : published.join(QStringLiteral(", "));
}

class KeyImport final : public Command
{
public:
    QString name() const override { return QStringLiteral("key import"); }
    QString synopsis() const override
    {
        return QStringLiteral("-p ID FILE [--state next|active] [--alg ALG] [--pem-passphrase-file FILE]");
    }
    QString summary() const override
    {
        return QStringLiteral("Add an existing private key (JWK, JWK set of one private key, or PEM) to a project.");
    }
    QString details() const override
    {
        return QStringLiteral(
            "The private key is sealed in the workspace; its kid is kept (PEM keys get their RFC 7638\n"
            "thumbprint). ALG defaults to the key's own. HMAC secrets cannot be project keys.");
    }
    void configure(QCommandLineParser& parser) const override
    {
        parser.addPositionalArgument(QStringLiteral("FILE"), QStringLiteral("Private key file."));
        parser.addOption(projectOption());
        parser.addOption(kStateOption);
        parser.addOption(
            {QStringLiteral("alg"), QStringLiteral("Algorithm (default: the key's)."), QStringLiteral("ALG")});
        parser.addOption(pemPassphraseOption());
        addWorkspaceOptions(parser);
    }
    int run(const QCommandLineParser& parser) const override
    {
        auto project = requireProject(parser, name());
        if (!project)
            return reportError(project.error());
        if (parser.positionalArguments().size() != 1)
            return reportError(QStringLiteral("key import: give exactly one key file"));
        auto state = initialState(parser, name());
        if (!state)
            return reportError(state.error());
        std::optional<Algorithm> alg;
        if (parser.isSet(QStringLiteral("alg"))) {
            alg = algorithmFromName(parser.value(QStringLiteral("alg")));
            if (!alg)
                return reportError(
                    QStringLiteral("key import: unknown algorithm '%1'").arg(parser.value(QStringLiteral("alg"))));
        }
        const QString path = parser.positionalArguments().front();
        auto loaded = loadKeys(parser, path);
        if (!loaded)
            return reportError(loaded.error().withContext(QStringLiteral("key import")));
        std::vector<const Jwk*> privateKeys;
        for (const Jwk& key : loaded->keys.keys()) {
            if (key.hasPrivate())
                privateKeys.push_back(&key);
        }
        if (privateKeys.empty())
            return reportError(QStringLiteral("key import: %1 holds no private key (a project key signs)").arg(path));
        if (privateKeys.size() > 1)
            return reportError(QStringLiteral("key import: %1 holds %2 private keys; import one at a time")
                                   .arg(path)
                                   .arg(privateKeys.size()));
        auto workspace = openWorkspace(parser);
        if (!workspace)
            return reportError(workspace.error());
        auto record = (*workspace)->keys().import(*project, *privateKeys.front(), alg, *state);
        if (!record)
            return reportError(record.error().withContext(QStringLiteral("key import")));
        printOut(addedMessage(*record, QStringLiteral("imported")));
        return Success;
    }
};

class KeyList final : public Command
{
public:
    QString name() const override { return QStringLiteral("key list"); }
    QString synopsis() const override { return QStringLiteral("-p ID [--json]"); }
    QString summary() const override
    {
        return QStringLiteral("List a project's signing keys: active, next, retiring, then retired and revoked.");
    }
    void configure(QCommandLineParser& parser) const override
    {
        parser.addOption(projectOption());
        parser.addOption(kJsonOption);
        addWorkspaceOptions(parser);
    }
    int run(const QCommandLineParser& parser) const override
    {
        auto session = openProject(parser, name());
        if (!session)
            return reportError(session.error());
        const QString& project = session->project;
        Workspace& workspace = *session->workspace;
        auto keys = workspace.keys().list(project);
        if (!keys)
            return reportError(keys.error().withContext(QStringLiteral("key list")));
        if (parser.isSet(kJsonOption)) {
            JsonValue::Array items;
            for (const SigningKeyRecord& key : *keys)
                items.push_back(keyJson(key));
            printJson(JsonValue::array(std::move(items)));
            return Success;
        }
        if (keys->isEmpty()) {
            printOut(QStringLiteral("project '%1' has no keys yet (signet-cli key generate -p %1 --alg ES256)\n")
                         .arg(project));
            return Success;
        }
        QList<QStringList> rows;
        for (const SigningKeyRecord& key : *keys)
            rows.append({key.kid, algorithmQName(key.algorithm), keyStateName(key.state), tableTime(key.createdAt),
                         tableTime(key.activatedAt), tableTime(key.retireAt), key.fingerprint});
        printOut(renderTable({QStringLiteral("KID"), QStringLiteral("ALG"), QStringLiteral("STATE"),
                              QStringLiteral("CREATED (UTC)"), QStringLiteral("ACTIVATED (UTC)"),
                              QStringLiteral("RETIRE AT (UTC)"), QStringLiteral("FINGERPRINT")},
                             rows));
        return Success;
    }
};

class KeyRotate final : public Command
{
public:
    QString name() const override { return QStringLiteral("key rotate"); }
    QString synopsis() const override
    {
        return QStringLiteral("-p ID [--revoke-old | --retire-after DURATION] [--prepare-next]");
    }
    QString summary() const override
    {
        return QStringLiteral("Make the next key active (or a new one of the same kind); the old one retires.");
    }
    QString details() const override
    {
        return QStringLiteral(
            "The old active key stays in the JWKS until its retire-at (default: the longer of the project's\n"
            "maximum token lifetime and JWKS max-age), so tokens it signed keep verifying. --retire-after 0\n"
            "unpublishes it at once; --revoke-old revokes it (the compromise path). --prepare-next also\n"
            "generates the following key as 'next', so verifiers cache it before it signs.");
    }
    void configure(QCommandLineParser& parser) const override
    {
        parser.addOption(projectOption());
        parser.addOption({QStringLiteral("revoke-old"), QStringLiteral("Revoke the old active key now.")});
        parser.addOption({QStringLiteral("retire-after"),
                          QStringLiteral("How long the old key stays published (0: not at all)."),
                          QStringLiteral("DURATION")});
        parser.addOption({QStringLiteral("prepare-next"), QStringLiteral("Also generate the following key as next.")});
        addWorkspaceOptions(parser);
    }
    int run(const QCommandLineParser& parser) const override
    {
        auto project = requireProject(parser, name());
        if (!project)
            return reportError(project.error());
        if (!parser.positionalArguments().isEmpty())
            return reportError(
                QStringLiteral("key rotate: unexpected argument '%1'").arg(parser.positionalArguments().front()));
        RotateOptions options;
        options.revokeOld = parser.isSet(QStringLiteral("revoke-old"));
        options.prepareNext = parser.isSet(QStringLiteral("prepare-next"));
        if (parser.isSet(QStringLiteral("retire-after"))) {
            if (options.revokeOld)
                return reportError(QStringLiteral("key rotate: --revoke-old and --retire-after exclude each other"));
            const QString text = parser.value(QStringLiteral("retire-after")).trimmed();
            if (text == QLatin1String("0")) {
                options.retireAfter = 0;
            } else {
                auto delay = Duration::parse(text);
                if (!delay)
                    return reportError(delay.error().withContext(QStringLiteral("key rotate: --retire-after")));
                options.retireAfter = *delay;
            }
        }
        auto workspace = openWorkspace(parser);
        if (!workspace)
            return reportError(workspace.error());
        Workspace& ws = **workspace;
        auto rotation = ws.keys().rotate(*project, options);
        if (!rotation)
            return reportError(rotation.error().withContext(QStringLiteral("key rotate")));
        const qint64 now = SystemClock::instance().now();
        const SigningKeyRecord& active = rotation->activated;
        QString out = QStringLiteral("rotated the keys of project '%1'\n").arg(*project);
        out += QStringLiteral("  active:   %1 (%2, %3), signs from now on\n")
                   .arg(active.kid, algorithmQName(active.algorithm), active.keyType);
        if (const auto& previous = rotation->previous) {
            if (previous->state == KeyState::Revoked)
                out += QStringLiteral("  revoked:  %1: out of the JWKS now; tokens it signed no longer verify\n")
                           .arg(previous->kid);
            else if (previous->retireAt && *previous->retireAt <= now)
                out += QStringLiteral("  retired:  %1: out of the JWKS now\n").arg(previous->kid);
            else
                out += QStringLiteral("  retiring: %1 until %2 (%3); tokens it signed verify until then\n")
                           .arg(previous->kid, Duration::formatUtc(previous->retireAt.value_or(now)),
                                Duration::formatRelative(previous->retireAt.value_or(now), now));
        }
        if (const auto& prepared = rotation->prepared)
            out += QStringLiteral("  next:     %1 (prepared; published, not signing)\n").arg(prepared->kid);
        auto keys = ws.keys().list(*project);
        if (!keys)
            return reportError(keys.error().withContext(QStringLiteral("key rotate")));
        out += QStringLiteral("the JWKS now holds: %1\n").arg(publishedSummary(*keys));
        printOut(out);
        return Success;
    }
};

class KeyRevoke final : public Command
{
public:
    QString name() const override { return QStringLiteral("key revoke"); }
    QString synopsis() const override { return QStringLiteral("-p ID [--] KID"); }
    QString summary() const override
    {
        return QStringLiteral("Revoke a signing key: out of the JWKS at once; tokens it signed stop verifying.");
    }
    QString details() const override
    {
        return QStringLiteral(
            "KID as 'key list' shows it. Thumbprint kids may start with '-': put '--' before such a KID\n"
            "(signet-cli key revoke -p ID -- -AbC...).");
    }
    void configure(QCommandLineParser& parser) const override
    {
        parser.addPositionalArgument(QStringLiteral("KID"), QStringLiteral("The key's id."));
        parser.addOption(projectOption());
        addWorkspaceOptions(parser);
    }
    int run(const QCommandLineParser& parser) const override
    {
        auto project = requireProject(parser, name());
        if (!project)
            return reportError(project.error());
        if (parser.positionalArguments().size() != 1)
            return reportError(QStringLiteral("key revoke: give exactly one KID"));
        auto workspace = openWorkspace(parser);
        if (!workspace)
            return reportError(workspace.error());
        const QString kid = parser.positionalArguments().front();
        auto keys = (*workspace)->keys().list(*project);
        if (!keys)
            return reportError(keys.error().withContext(QStringLiteral("key revoke")));
        std::optional<KeyState> before;
        for (const SigningKeyRecord& key : *keys) {
            if (key.kid == kid)
                before = key.state;
        }
        auto revoked = (*workspace)->keys().revoke(*project, kid);
        if (!revoked)
            return reportError(revoked.error().withContext(QStringLiteral("key revoke")));
        QString out = QStringLiteral("revoked key %1 of project '%2' (was %3): it is out of the JWKS, and tokens it "
                                     "signed no longer verify\n")
                          .arg(kid, *project, before ? keyStateName(*before) : QStringLiteral("unknown"));
        if (before == KeyState::Active)
            out += QStringLiteral("project '%1' has no active key now: 'signet-cli key rotate -p %1' promotes the next "
                                  "key or makes a new one\n")
                       .arg(*project);
        printOut(out);
        return Success;
    }
};

class JwksExport final : public Command
{
public:
    QString name() const override { return QStringLiteral("jwks export"); }
    QString synopsis() const override { return QStringLiteral("-p ID [-o FILE]"); }
    QString summary() const override
    {
        return QStringLiteral("Write a project's JWKS (active, next and retiring public keys) to FILE or stdout.");
    }
    QString details() const override
    {
        return QStringLiteral("The document is what verifiers fetch: public keys only, in a stable order. FILE is\n"
                              "replaced atomically when it exists (it is a published artefact).");
    }
    void configure(QCommandLineParser& parser) const override
    {
        parser.addOption(projectOption());
        parser.addOption({{QStringLiteral("o"), QStringLiteral("output")},
                          QStringLiteral("Where to write the JWKS (default: stdout)."),
                          QStringLiteral("FILE")});
        addWorkspaceOptions(parser);
    }
    int run(const QCommandLineParser& parser) const override
    {
        auto session = openProject(parser, name());
        if (!session)
            return reportError(session.error());
        const QString& project = session->project;
        Workspace& workspace = *session->workspace;
        auto jwks = workspace.keys().jwks(project);
        if (!jwks)
            return reportError(jwks.error().withContext(QStringLiteral("jwks export")));
        const QString path = parser.value(QStringLiteral("output"));
        if (path.isEmpty() || path == QLatin1String("-")) {
            std::fwrite(jwks->constData(), 1, static_cast<std::size_t>(jwks->size()), stdout);
            std::fflush(stdout);
            return Success;
        }
        if (auto written = writeFileAtomically(path, *jwks, FileSecrecy::Public, true); !written)
            return reportError(written.error().withContext(QStringLiteral("jwks export")));
        auto keys = workspace.keys().list(project);
        printOut(QStringLiteral("wrote the JWKS of project '%1' to %2: %3\n")
                     .arg(project, path, keys ? publishedSummary(*keys) : QStringLiteral("?")));
        return Success;
    }
};

} // namespace

int runProjectKeyGenerate(const QCommandLineParser& parser)
{
    const QString command = QStringLiteral("key generate -p");
    for (const QString& option : {QStringLiteral("output"), QStringLiteral("format"), QStringLiteral("force"),
                                  QStringLiteral("kid"), QStringLiteral("curve")}) {
        if (parser.isSet(option))
            return reportError(QStringLiteral("%1: --%2 applies to key files, not project keys (project keys are "
                                              "Ed25519 for EdDSA and named by their thumbprint; 'key import' adds "
                                              "others)")
                                   .arg(command, option));
    }
    if (!parser.positionalArguments().isEmpty())
        return reportError(
            QStringLiteral("%1: unexpected argument '%2'").arg(command, parser.positionalArguments().front()));
    if (!parser.isSet(QStringLiteral("alg")))
        return reportError(QStringLiteral("%1: --alg is required (e.g. --alg ES256)").arg(command));
    const auto alg = algorithmFromName(parser.value(QStringLiteral("alg")));
    if (!alg)
        return reportError(
            QStringLiteral("%1: unknown algorithm '%2'").arg(command, parser.value(QStringLiteral("alg"))));
    int bits = 0;
    if (parser.isSet(QStringLiteral("bits"))) {
        bool ok = false;
        bits = parser.value(QStringLiteral("bits")).toInt(&ok);
        if (!ok)
            return reportError(QStringLiteral("%1: --bits must be a number").arg(command));
    }
    auto state = initialState(parser, command);
    if (!state)
        return reportError(state.error());
    auto workspace = openWorkspace(parser);
    if (!workspace)
        return reportError(workspace.error());
    const QString project = parser.value(projectOption());
    auto record = (*workspace)->keys().generate(project, *alg, bits, *state);
    if (!record)
        return reportError(record.error().withContext(command));
    printOut(addedMessage(*record, QStringLiteral("generated")));
    return Success;
}

const QCommandLineOption& keyStateOption()
{
    return kStateOption;
}

void addProjectKeyCommands(CommandList& commands)
{
    commands.push_back(std::make_unique<KeyImport>());
    commands.push_back(std::make_unique<KeyList>());
    commands.push_back(std::make_unique<KeyRotate>());
    commands.push_back(std::make_unique<KeyRevoke>());
    commands.push_back(std::make_unique<JwksExport>());
}

} // namespace Signet::Cli
