#include "ServerFixture.h"
#include "support/TestStore.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QStandardPaths>

namespace Signet::Test {

ServerFixture::ServerFixture()
{
    if (!m_dir.isValid()) {
        m_error = QStringLiteral("no temporary folder");
        return;
    }
    m_workspace = newWorkspaceLocation(m_dir.path(), QStringLiteral("server"));
    cli({QStringLiteral("init"), QStringLiteral("--no-passphrase")});
}

QString ServerFixture::node()
{
    return QStandardPaths::findExecutable(QStringLiteral("node"));
}

QString ServerFixture::python()
{
    // Debian's python3-jwt lives in /usr/bin/python3's packages; a python3 earlier on PATH may lack it.
    static const QString found = [] {
        for (const QString& candidate :
             {QStandardPaths::findExecutable(QStringLiteral("python3"), {QStringLiteral("/usr/bin")}),
              QStandardPaths::findExecutable(QStringLiteral("python3"))}) {
            if (!candidate.isEmpty() &&
                runProgram(candidate, {QStringLiteral("-c"), QStringLiteral("import jwt, cryptography")}).exitCode == 0)
                return candidate;
        }
        return QString();
    }();
    return found;
}

QString ServerFixture::nodeScript(const QString& name)
{
    return QDir(QStringLiteral(SIGNET_NODE_DIR)).filePath(name);
}

QString ServerFixture::pythonScript(const QString& name)
{
    return QDir(QStringLiteral(SIGNET_PYJWT_DIR)).filePath(name);
}

QString ServerFixture::missingTools()
{
    QStringList missing;
    if (!QFile::exists(cliPath()))
        missing << QStringLiteral("signet-cli at ") + cliPath();
    if (node().isEmpty())
        missing << QStringLiteral("node");
    const QDir modules(QDir(QStringLiteral(SIGNET_NODE_DIR)).filePath(QStringLiteral("node_modules")));
    for (const char* package : {"jose", "jsonwebtoken", "jwks-rsa"}) {
        if (!modules.exists(QString::fromLatin1(package) + QStringLiteral("/package.json")))
            missing << QStringLiteral("node package '%1' in %2").arg(QLatin1String(package), modules.path());
    }
    if (python().isEmpty())
        missing << QStringLiteral("PyJWT (python3 -c 'import jwt' fails; Debian python3-jwt)");
    if (missing.isEmpty())
        return {};
    return QStringLiteral("missing: %1. Run ./dev deps").arg(missing.join(QStringLiteral("; ")));
}

RunResult ServerFixture::cli(const QStringList& arguments)
{
    const RunResult result = runCliProcess(QStringList{QStringLiteral("--workspace"), m_workspace} + arguments);
    if (!result.finished || result.exitCode != 0)
        m_error += result.describe() + QLatin1Char('\n');
    return result;
}

bool ServerFixture::createProject(const QString& id, const QString& alg, const QStringList& projectArguments)
{
    if (cli(QStringList{QStringLiteral("project"), QStringLiteral("create"), id} + projectArguments).exitCode != 0)
        return false;
    return alg.isEmpty() || cli({QStringLiteral("key"), QStringLiteral("generate"), QStringLiteral("-p"), id,
                                 QStringLiteral("--alg"), alg})
                                    .exitCode == 0;
}

ApiKey ServerFixture::createApiKey(const QString& project, const QString& name, const QString& scopes)
{
    QStringList arguments{QStringLiteral("apikey"), QStringLiteral("create"),
                          QStringLiteral("-p"),     project,
                          QStringLiteral("--name"), name,
                          QStringLiteral("--json")};
    if (!scopes.isEmpty())
        arguments << QStringLiteral("--scope") << scopes;
    const QJsonObject created = stdoutJson(cli(arguments));
    return {created.value(QStringLiteral("id")).toString(), created.value(QStringLiteral("secret")).toString()};
}

QString ServerFixture::mint(const QString& project, const QStringList& arguments)
{
    const RunResult minted =
        cli(QStringList{QStringLiteral("token"), QStringLiteral("mint"), QStringLiteral("-p"), project} + arguments);
    return minted.exitCode == 0 ? minted.firstLine() : QString();
}

QByteArray ServerFixture::jwksExport(const QString& project)
{
    return cli({QStringLiteral("jwks"), QStringLiteral("export"), QStringLiteral("-p"), project}).out;
}

QString ServerFixture::activeKid(const QString& project)
{
    const RunResult listed =
        cli({QStringLiteral("key"), QStringLiteral("list"), QStringLiteral("-p"), project, QStringLiteral("--json")});
    for (const QJsonValue& key : QJsonDocument::fromJson(listed.out).array()) {
        if (key[QStringLiteral("state")].toString() == QStringLiteral("active"))
            return key[QStringLiteral("kid")].toString();
    }
    return {};
}

QJsonArray ServerFixture::audit(const QString& project)
{
    return QJsonDocument::fromJson(
               cli({QStringLiteral("audit"), QStringLiteral("-p"), project, QStringLiteral("--json")}).out)
        .array();
}

Verdicts ServerFixture::verify(const QString& program, const QStringList& arguments, const QStringList& tokens)
{
    Verdicts verdicts;
    verdicts.run = runProgram(program, arguments, tokens.join(QLatin1Char('\n')).toUtf8() + '\n',
                              QStringLiteral(SIGNET_NODE_DIR), 60000);
    for (const QByteArray& line : verdicts.run.out.split('\n')) {
        if (!line.trimmed().isEmpty())
            verdicts.lines.append(QJsonDocument::fromJson(line).object());
    }
    return verdicts;
}

} // namespace Signet::Test
