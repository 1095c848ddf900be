// serve: the local dev auth server in the foreground, until Ctrl+C.

#include "cli/TypedOptions.h"
#include "cli/WorkspaceCommand.h"
#include "commands/Commands.h"
#include "server/LocalServer.h"
#include "workspace/Workspace.h"

#include <QCoreApplication>
#include <QSocketNotifier>

#include <csignal>
#include <unistd.h>

namespace Signet::Cli {

namespace {

// Ctrl+C and SIGTERM end the event loop through a pipe: a signal handler may only write().
int g_stopPipe[2] = {-1, -1};

void requestStop(int)
{
    const char byte = 1;
    (void)!write(g_stopPipe[1], &byte, 1);
}

class StopOnSignal
{
public:
    StopOnSignal()
    {
        if (pipe(g_stopPipe) != 0)
            return;
        m_notifier = std::make_unique<QSocketNotifier>(g_stopPipe[0], QSocketNotifier::Read);
        QObject::connect(m_notifier.get(), &QSocketNotifier::activated, qApp, &QCoreApplication::quit);
        std::signal(SIGINT, requestStop);
        std::signal(SIGTERM, requestStop);
    }
    ~StopOnSignal()
    {
        std::signal(SIGINT, SIG_DFL);
        std::signal(SIGTERM, SIG_DFL);
        m_notifier.reset();
        for (int& end : g_stopPipe) {
            if (end >= 0)
                close(end);
            end = -1;
        }
    }
    StopOnSignal(const StopOnSignal&) = delete;
    StopOnSignal& operator=(const StopOnSignal&) = delete;

private:
    std::unique_ptr<QSocketNotifier> m_notifier;
};

class Serve final : public WorkspaceCommand
{
public:
    static const IntegerOption Port;
    static const QCommandLineOption Bind;
    static const QCommandLineOption AllowRemote;
    static const QCommandLineOption TlsCertificate;
    static const QCommandLineOption TlsKey;
    static const QCommandLineOption IssuerFromUrl;
    static const IntegerOption Latency;
    static const QCommandLineOption FailJwks;
    static const QCommandLineOption StaleJwks;
    static const QCommandLineOption Quiet;

    Serve()
        : WorkspaceCommand(
              QStringLiteral("serve"),
              QStringLiteral("[--port N] [--bind ADDR [--allow-remote]] [--tls-cert F --tls-key F]"),
              QStringLiteral("Run the local dev auth server: each project's JWKS, discovery, token, session, "
                             "introspection and /me endpoints."),
              QStringLiteral(
                  "Under /p/PROJECT: GET .well-known/jwks.json and .well-known/openid-configuration, POST oauth/token\n"
                  "(client credentials with an API key's id and secret), POST auth/api-key and auth/refresh\n"
                  "(api.video's session), GET me (Bearer) and POST introspect (RFC 7662). Changes made elsewhere\n"
                  "(rotation, revocation) are served at once. One line per request; Ctrl+C stops.\n"
                  "Fault switches for testing a backend: --latency, --fail-jwks, --stale-jwks."),
              JsonOutput::None)
    {
        addOptions({&Port, &Bind, &AllowRemote, &TlsCertificate, &TlsKey, &IssuerFromUrl, &Latency, &FailJwks,
                    &StaleJwks, &Quiet});
    }

protected:
    [[nodiscard]] Actor actor() const override { return Actor::Server; }

    CommandResult runOnWorkspace(Context& context, Workspace& workspace) const override
    {
        auto options = serverOptions(context);
        if (!options)
            return std::unexpected(options.error());
        LocalServer server(workspace, *options);
        if (auto started = server.start(); !started)
            return std::unexpected(started.error());
        if (!options->address.isLoopback())
            context.output.warning(QStringLiteral("serving on %1: other machines can reach these endpoints")
                                       .arg(options->address.toString()));
        announce(context, workspace, server);
        if (!context.isSet(Quiet))
            QObject::connect(&server, &LocalServer::requestServed,
                             [&context](const RequestLogEntry& entry) { context.output.line(entry.line()); });
        StopOnSignal stop;
        QCoreApplication::exec();
        if (auto flushed = workspace.tokens().flush(); !flushed)
            return std::unexpected(flushed.error());
        context.output.line(QStringLiteral("stopped"));
        return Success;
    }

private:
    static Result<ServerOptions> serverOptions(const Context& context)
    {
        ServerOptions options;
        if (auto port = Port.read(context.parser))
            options.port = static_cast<quint16>(*port);
        if (context.isSet(Bind)) {
            const QString text = context.value(Bind);
            options.address =
                text == QStringLiteral("localhost") ? QHostAddress(QHostAddress::LocalHost) : QHostAddress(text);
            if (options.address.isNull())
                return fail(ErrorCode::InvalidArgument, QStringLiteral("--bind: '%1' is not an IP address").arg(text));
        }
        options.allowRemote = context.isSet(AllowRemote);
        options.tlsCertificate = context.value(TlsCertificate);
        options.tlsKey = context.value(TlsKey);
        options.issuerFromUrl = context.isSet(IssuerFromUrl);
        options.faults.latency = std::chrono::milliseconds(Latency.read(context.parser).value_or(0));
        options.faults.jwksFails = context.isSet(FailJwks);
        options.faults.staleJwks = context.isSet(StaleJwks);
        return options;
    }

    static void announce(Context& context, Workspace& workspace, const LocalServer& server)
    {
        context.output.line(
            QStringLiteral("serving workspace %1 at %2 (Ctrl+C stops)").arg(workspace.path(), server.baseUrl()));
        auto projects = workspace.projects().list();
        if (!projects)
            return;
        for (const Project& project : *projects)
            context.output.line(
                QStringLiteral("  %1  %2/p/%1/.well-known/jwks.json").arg(project.id, server.baseUrl()));
        const ServerFaults& faults = server.faults();
        if (faults.latency.count() > 0)
            context.output.line(QStringLiteral("fault: every answer waits %1 ms").arg(faults.latency.count()));
        if (faults.jwksFails)
            context.output.line(QStringLiteral("fault: the JWKS answers 500"));
        if (faults.staleJwks)
            context.output.line(QStringLiteral("fault: the JWKS is the one from before the last rotation"));
    }
};

const IntegerOption Serve::Port(QStringList{QStringLiteral("port")},
                                QStringLiteral("The TCP port (default 8707; 0 picks a free one)."), QStringLiteral("N"),
                                0, 65535, QStringLiteral("a port number from 0 to 65535"));
const QCommandLineOption Serve::Bind(QStringList{QStringLiteral("bind")},
                                     QStringLiteral("The address to listen on (default 127.0.0.1)."),
                                     QStringLiteral("ADDR"));
const QCommandLineOption Serve::AllowRemote(QStringList{QStringLiteral("allow-remote")},
                                            QStringLiteral("Allow an address other than loopback."));
const QCommandLineOption Serve::TlsCertificate(QStringList{QStringLiteral("tls-cert")},
                                               QStringLiteral("Serve HTTPS with this PEM certificate (chain)."),
                                               QStringLiteral("FILE"));
const QCommandLineOption Serve::TlsKey(QStringList{QStringLiteral("tls-key")},
                                       QStringLiteral("The certificate's PEM private key (unencrypted)."),
                                       QStringLiteral("FILE"));
const QCommandLineOption Serve::IssuerFromUrl(
    QStringList{QStringLiteral("issuer-from-url")},
    QStringLiteral("Every project's issuer is its URL here (projects without an issuer always use it)."));
const IntegerOption Serve::Latency(QStringList{QStringLiteral("latency")},
                                   QStringLiteral("Fault: wait MS milliseconds before every answer."),
                                   QStringLiteral("MS"), 0, 60000, QStringLiteral("milliseconds from 0 to 60000"));
const QCommandLineOption Serve::FailJwks(QStringList{QStringLiteral("fail-jwks")},
                                         QStringLiteral("Fault: the JWKS answers 500."));
const QCommandLineOption Serve::StaleJwks(QStringList{QStringLiteral("stale-jwks")},
                                          QStringLiteral("Fault: serve the JWKS from before the last rotation."));
const QCommandLineOption Serve::Quiet(QStringList{QStringLiteral("quiet")}, QStringLiteral("No line per request."));

} // namespace

std::unique_ptr<Command> Commands::serve()
{
    return std::make_unique<Serve>();
}

} // namespace Signet::Cli
