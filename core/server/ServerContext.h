#pragma once

#include "foundation/Clock.h"
#include "server/HttpMessage.h"
#include "server/ServerOptions.h"
#include "workspace/Records.h"
#include "workspace/TokenService.h"

#include <functional>

namespace Signet {

class Workspace;

// What every endpoint shares: the workspace, the clock, where the server is and the staged faults.
struct ServerContext
{
    Workspace& workspace;
    const Clock& clock;
    QString baseUrl; // "http://127.0.0.1:8707", no trailing slash
    bool issuerFromUrl = false;
    ServerFaults faults;

    [[nodiscard]] QString projectUrl(const QString& projectId) const
    {
        return baseUrl + QStringLiteral("/p/") + projectId;
    }
    // The project, or the 404 that names it.
    [[nodiscard]] Answer<Project> project(const QString& projectId) const;
    // The issuer of the tokens the server issues and expects: the project's, or the project's URL
    // here when the project has none or the server was told to use its URLs.
    [[nodiscard]] QString issuerOf(const Project& project) const;
    [[nodiscard]] std::optional<QString> issuerOverride(const Project& project) const;
};

// An endpoint's answer: at once, or once the token it minted is in the ledger (a token never leaves
// the process before it is recorded, and the server does not wait for SQLite meanwhile).
struct Reply
{
    HttpResponse response;
    std::optional<PendingMint> pending;
    std::function<HttpResponse(const Status& recorded, const MintedToken& minted)> whenRecorded;

    Reply(HttpResponse answer) // NOLINT(google-explicit-constructor): most endpoints answer at once
        : response(std::move(answer))
    {}
    Reply(PendingMint mint, std::function<HttpResponse(const Status&, const MintedToken&)> finish)
        : pending(std::move(mint))
        , whenRecorded(std::move(finish))
    {}
};

} // namespace Signet
