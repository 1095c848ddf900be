#include "workspace/ProfiledProjects.h"

#include "profiles/ProfileCatalog.h"
#include "workspace/Workspace.h"

namespace Signet {

QString defaultServerBase()
{
    return QStringLiteral("http://127.0.0.1:8707");
}

QString fillProfileTemplate(const QString& text, const QString& base, const QString& projectId)
{
    QString filled = text;
    filled.replace(QStringLiteral("{base}"), base);
    filled.replace(QStringLiteral("{project}"), projectId);
    return filled;
}

QString servedIssuer(Workspace& workspace, const Project& project, const QString& base)
{
    return workspace.projects().issuerAt(project, base);
}

Result<Project> profiledProject(const Profile& profile, Project draft, const QString& base)
{
    if (!draft.profile.isEmpty() && draft.profile != profile.name)
        return fail(ErrorCode::InvalidArgument,
                    QStringLiteral("the project follows '%1', not '%2'").arg(draft.profile, profile.name));
    draft.profile = profile.name;
    if (!draft.issuer.isEmpty() && !profile.issuerOverridable)
        return fail(ErrorCode::InvalidArgument,
                    QStringLiteral("%1 tokens always carry the issuer %2").arg(profile.title, *profile.issuer));
    if (draft.issuer.isEmpty() && profile.issuer)
        draft.issuer = fillProfileTemplate(*profile.issuer, base, draft.id);
    if (draft.audience.isEmpty() && profile.audience)
        draft.audience = fillProfileTemplate(*profile.audience, base, draft.id);
    draft.defaultTtl = profile.lifetime.defaultSeconds;
    draft.maxTtl = profile.lifetime.maximumSeconds;
    return draft;
}

Result<Project> createProfiledProject(Workspace& workspace, const Profile& profile, const Project& shaped)
{
    if (shaped.profile != profile.name)
        return fail(ErrorCode::InvalidArgument,
                    QStringLiteral("the project follows '%1', not '%2'").arg(shaped.profile, profile.name));
    // A profile from a folder is stored with the project, so that every process opening the
    // workspace follows the same rules; the catalogue skips it when the workspace has it already.
    bool storedHere = false;
    if (profile.source == ProfileSource::Folder) {
        auto catalog = workspace.profiles().catalog();
        if (!catalog)
            return std::unexpected(catalog.error());
        if (!(*catalog)->find(profile.name)) {
            auto stored = workspace.profiles().store(profile.definition, profile.name);
            if (!stored)
                return std::unexpected(stored.error());
            storedHere = true;
        }
    }
    auto created = workspace.projects().create(shaped);
    if (!created) {
        if (storedHere)
            (void)workspace.profiles().remove(profile.name);
        return created;
    }
    if (profile.signer == ProfileSigner::ProjectKey) {
        if (auto key = workspace.keys().generate(created->id, profile.algorithm); !key)
            return std::unexpected(
                key.error().withContext(QStringLiteral("project '%1' was created, but its %2 key was not")
                                            .arg(created->id, algorithmQName(profile.algorithm))));
    }
    return created;
}

namespace {

Status checkSigner(Workspace& workspace, const Profile& profile, const MintRequest& request)
{
    if (profile.signer == ProfileSigner::ApiKeySecret) {
        if (!request.apiKeyId)
            return fail(
                ErrorCode::InvalidArgument,
                QStringLiteral("%1 tokens are signed with an API key's secret: choose the API key (--api-key KEY_ID)")
                    .arg(profile.title));
        return {};
    }
    if (request.apiKeyId)
        return fail(ErrorCode::InvalidArgument,
                    QStringLiteral("%1 tokens are signed with the project's key (%2), not an API key's secret: "
                                   "drop --api-key")
                        .arg(profile.title, algorithmQName(profile.algorithm)));
    auto keys = workspace.keys().list(request.projectId);
    if (!keys)
        return std::unexpected(keys.error());
    for (const SigningKeyRecord& key : *keys) {
        if (key.state == KeyState::Active && key.algorithm != profile.algorithm)
            return fail(ErrorCode::KeyMismatch,
                        QStringLiteral("%1 tokens are %2, and project %3's active key signs %4: generate a %2 key "
                                       "and rotate to it")
                            .arg(profile.title, algorithmQName(profile.algorithm), request.projectId,
                                 algorithmQName(key.algorithm)));
    }
    return {};
}

} // namespace

Status shapeMintRequest(Workspace& workspace, const Profile& profile, const QList<ProfileInput>& inputs,
                        bool hasOneTimeFlag, MintRequest& request)
{
    ProfileOverrides overrides;
    overrides.lifetime = request.lifetime;
    if (hasOneTimeFlag)
        overrides.oneTime = true;
    auto shaped = applyProfile(profile, inputs, overrides);
    if (!shaped)
        return std::unexpected(shaped.error());
    if (auto signer = checkSigner(workspace, profile, request); !signer)
        return signer;
    for (const auto& [name, value] : shaped->claims.members()) {
        if (request.extraClaims.contains(name))
            return fail(
                ErrorCode::InvalidArgument,
                QStringLiteral("'%1' is a field of the %2 profile: set it as a field (--field), not as an extra claim")
                    .arg(QString::fromStdString(name), profile.name));
        request.extraClaims.set(name, value);
    }
    request.lifetime = shaped->lifetime;
    request.oneTime = shaped->oneTime;
    // Only the registered claims the provider's tokens carry, unless asked for; an issuer made from
    // {base} names where the local server runs, whoever mints.
    if (!profile.issuer) {
        request.issuer = QString();
    } else if (!request.issuer) {
        auto project = workspace.projects().get(request.projectId);
        if (!project)
            return std::unexpected(project.error());
        if (const QString issuer = workspace.projects().currentIssuer(*project); issuer != project->issuer)
            request.issuer = issuer;
    }
    if (!profile.audience && request.audience.isEmpty())
        request.withoutAudience = true;
    return {};
}

} // namespace Signet
