#include "WorkspaceFixture.h"

namespace Signet::Test {

Crypto::ScryptParameters WorkspaceFixture::cheapKdf()
{
    Crypto::ScryptParameters kdf;
    kdf.n = 1024;
    return kdf;
}

void WorkspaceFixture::create(std::optional<QByteArray> passphrase)
{
    auto created = Workspace::create(path(), std::move(passphrase), Actor::Cli, clock, cheapKdf());
    if (!created)
        qFatal("cannot create the test workspace: %s", qPrintable(created.error().message));
    workspace = std::move(*created);
    Project project;
    project.id = QStringLiteral("payments");
    project.maxTtl = 3600;
    project.jwksMaxAge = 600;
    project.scopes = {{QStringLiteral("payments:read"), QStringLiteral("Read payments")},
                      {QStringLiteral("payments:write"), QStringLiteral("Create payments")}};
    if (auto made = workspace->projects().create(project); !made)
        qFatal("cannot create the test project: %s", qPrintable(made.error().message));
}

} // namespace Signet::Test
