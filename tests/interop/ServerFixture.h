#pragma once

// A workspace made with signet-cli for the server interop tests, and the programs on the other side:
// node with tests/interop/node's packages, and a python3 with PyJWT. Every helper runs signet-cli as
// a separate process, as a user would before starting serve.

#include "CliRunner.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>

namespace Signet::Test {

struct ApiKey
{
    QString id;
    QString secret;
};

// One verdict per token from a verifier script: {"valid", "header", "payload"} or {"valid", "code", "error"}.
struct Verdicts
{
    RunResult run;
    QList<QJsonObject> lines;
};

class ServerFixture
{
public:
    ServerFixture();

    // Empty when node, the node packages and PyJWT are all there; else what is missing and how to get it.
    [[nodiscard]] static QString missingTools();
    [[nodiscard]] static QString node();
    [[nodiscard]] static QString python();
    [[nodiscard]] static QString nodeScript(const QString& name);
    [[nodiscard]] static QString pythonScript(const QString& name);

    [[nodiscard]] bool isValid() const { return m_dir.isValid() && m_error.isEmpty(); }
    [[nodiscard]] QString error() const { return m_error; }
    [[nodiscard]] QString workspace() const { return m_workspace; }
    [[nodiscard]] QString path(const QString& name) const { return m_dir.filePath(name); }

    // signet-cli --workspace W ARGS...; a failure is kept in error().
    RunResult cli(const QStringList& arguments);
    // project create ID ARGS, then key generate -p ID --alg ALG (none when alg is empty).
    bool createProject(const QString& id, const QString& alg, const QStringList& projectArguments = {});
    ApiKey createApiKey(const QString& project, const QString& name, const QString& scopes = {});
    // token mint -p PROJECT ARGS: the token, or empty.
    QString mint(const QString& project, const QStringList& arguments = {});
    [[nodiscard]] QByteArray jwksExport(const QString& project);
    [[nodiscard]] QString activeKid(const QString& project);
    [[nodiscard]] QJsonArray audit(const QString& project);

    // Runs a verifier with one token per stdin line and collects its verdict lines.
    static Verdicts verify(const QString& program, const QStringList& arguments, const QStringList& tokens);

private:
    QTemporaryDir m_dir;
    QString m_workspace;
    QString m_error;
};

} // namespace Signet::Test
