#pragma once

#include "workspace/Workspace.h"

#include <QTemporaryDir>

namespace Signet::Test {

// A workspace in a temporary folder with a clock the test moves. scrypt is kept cheap here: the
// parameters are stored with the workspace, so tests exercise the same code at a lower cost.
struct WorkspaceFixture
{
    static constexpr qint64 kStart = 1'800'000'000;
    QTemporaryDir folder;
    ManualClock clock{kStart};
    std::unique_ptr<Workspace> workspace;

    QString path() const { return folder.filePath(QStringLiteral("test.signet")); }
    static Crypto::ScryptParameters cheapKdf();
    // Creates the workspace (unprotected unless a passphrase is given) and a project "payments".
    void create(std::optional<QByteArray> passphrase = std::nullopt);
    Workspace& ws() { return *workspace; }
};

} // namespace Signet::Test
