#include "workspace/ProjectService.h"

#include "workspace/Database.h"
#include "workspace/FieldRules.h"
#include "workspace/ProfiledProjects.h"
#include "workspace/WorkspaceProfiles.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>
#include <QSqlQuery>

namespace Signet {

namespace {

const QString kColumns = QStringLiteral(
    "id, name, issuer, audience, default_ttl, max_ttl, jwks_max_age, rotation_interval, scopes, created_at, profile");

QString scopesToJson(const QList<Scope>& scopes)
{
    QJsonArray array;
    for (const Scope& scope : scopes)
        array.append(
            QJsonObject{{QStringLiteral("name"), scope.name}, {QStringLiteral("description"), scope.description}});
    return QString::fromUtf8(QJsonDocument(array).toJson(QJsonDocument::Compact));
}

QList<Scope> scopesFromJson(const QString& json)
{
    QList<Scope> scopes;
    for (const QJsonValue& value : QJsonDocument::fromJson(json.toUtf8()).array()) {
        const QJsonObject object = value.toObject();
        scopes.append(
            {object.value(QStringLiteral("name")).toString(), object.value(QStringLiteral("description")).toString()});
    }
    return scopes;
}

template<class Row> Project fromRow(const Row& row)
{
    Project p;
    p.id = row.value(0).toString();
    p.name = row.value(1).toString();
    p.issuer = row.value(2).toString();
    p.audience = row.value(3).toString();
    p.defaultTtl = row.value(4).toLongLong();
    p.maxTtl = row.value(5).toLongLong();
    p.jwksMaxAge = row.value(6).toLongLong();
    p.rotationInterval = row.value(7).toLongLong();
    p.scopes = scopesFromJson(row.value(8).toString());
    p.createdAt = row.value(9).toLongLong();
    p.profile = row.value(10).toString();
    return p;
}

} // namespace

ProjectService::ProjectService(const Database& database, WorkspaceProfiles& profiles, AuditLog& audit,
                               const Clock& clock)
    : m_database(database)
    , m_profiles(profiles)
    , m_audit(audit)
    , m_clock(clock)
    , m_read(database)
{}

Status ProjectService::validateId(const QString& id)
{
    static const QRegularExpression slug(QStringLiteral("^[a-z0-9][a-z0-9-]{0,63}$"));
    if (!slug.match(id).hasMatch())
        return fail(ErrorCode::InvalidArgument,
                    QStringLiteral("'%1' is not a project id: use 1-64 lower-case letters, digits and '-'").arg(id));
    return {};
}

Status ProjectService::validate(const Project& project)
{
    if (auto valid = validateId(project.id); !valid)
        return valid;
    if (project.defaultTtl <= 0 || project.maxTtl <= 0 || project.jwksMaxAge < 0 || project.rotationInterval <= 0)
        return fail(ErrorCode::InvalidArgument, QStringLiteral("lifetimes and intervals must be positive"));
    if (project.defaultTtl > project.maxTtl)
        return fail(ErrorCode::InvalidArgument,
                    QStringLiteral("the default token lifetime (%1 s) exceeds the maximum (%2 s)")
                        .arg(project.defaultTtl)
                        .arg(project.maxTtl));
    if (auto valid = FieldRules::checkName(QStringLiteral("project name"), project.name); !valid)
        return valid;
    if (auto valid = FieldRules::checkIssuer(project.issuer); !valid)
        return valid;
    if (project.audience.isEmpty())
        return fail(ErrorCode::InvalidArgument, QStringLiteral("the audience is empty"));
    if (auto valid = FieldRules::checkClaimText(QStringLiteral("audience"), project.audience); !valid)
        return valid;
    static const QRegularExpression profileName(QStringLiteral("^[a-z][a-z0-9-]{0,39}$"));
    if (!project.profile.isEmpty() && !profileName.match(project.profile).hasMatch())
        return fail(ErrorCode::InvalidArgument, QStringLiteral("'%1' is not a profile name").arg(project.profile));
    QSet<QString> names;
    for (const Scope& scope : project.scopes) {
        if (scope.name.isEmpty() || scope.name.contains(QLatin1Char(' ')) ||
            !FieldRules::checkClaimText(QStringLiteral("scope"), scope.name))
            return fail(ErrorCode::InvalidArgument,
                        QStringLiteral("scope names are single words, not '%1'").arg(scope.name));
        if (names.contains(scope.name))
            return fail(ErrorCode::InvalidArgument, QStringLiteral("the scope '%1' is listed twice").arg(scope.name));
        names.insert(scope.name);
    }
    return {};
}

std::shared_ptr<const Profile> ProjectService::followedProfile(const Project& project) const
{
    return m_profiles.followedBy(project);
}

QString ProjectService::servedBase() const
{
    auto recorded = m_database.meta(QStringLiteral("served_base"));
    if (!recorded || !recorded->isValid())
        return defaultServerBase();
    return recorded->toString();
}

Status ProjectService::recordServedBase(const QString& base)
{
    if (base == servedBase())
        return {};
    return m_database.setMeta(QStringLiteral("served_base"), base);
}

QString ProjectService::issuerAt(const Project& project, const QString& base) const
{
    const auto profile = followedProfile(project);
    if (!profile || !profile->issuer || !profile->issuer->contains(QStringLiteral("{base}")))
        return project.issuer;
    const QString& pattern = *profile->issuer;
    if (project.issuer != fillProfileTemplate(pattern, defaultServerBase(), project.id))
        return project.issuer; // set by hand: kept
    return fillProfileTemplate(pattern, base, project.id);
}

QString ProjectService::currentIssuer(const Project& project) const
{
    const auto profile = followedProfile(project);
    if (!profile || !profile->issuer || !profile->issuer->contains(QStringLiteral("{base}")))
        return project.issuer; // no template: no need to ask where the server is
    return issuerAt(project, servedBase());
}

Status ProjectService::checkProfile(const Project& project) const
{
    if (project.profile.isEmpty())
        return {};
    auto catalog = m_profiles.catalog();
    if (!catalog)
        return std::unexpected(catalog.error());
    auto profile = (*catalog)->find(project.profile);
    if (!profile)
        return std::unexpected(profile.error());
    const ProfileLifetime& bounds = (*profile)->lifetime;
    for (const qint64 lifetime : {project.defaultTtl, project.maxTtl}) {
        if (lifetime < bounds.minimumSeconds || lifetime > bounds.maximumSeconds)
            return fail(ErrorCode::InvalidArgument, QStringLiteral("%1 tokens live %2 to %3 seconds; %4 is outside")
                                                        .arg((*profile)->title)
                                                        .arg(bounds.minimumSeconds)
                                                        .arg(bounds.maximumSeconds)
                                                        .arg(lifetime));
    }
    return {};
}

Result<Project> ProjectService::create(Project draft)
{
    if (draft.name.isEmpty())
        draft.name = draft.id;
    if (draft.issuer.isEmpty())
        draft.issuer = QStringLiteral("https://signet.local/p/") + draft.id;
    if (draft.audience.isEmpty())
        draft.audience = draft.id;
    draft.createdAt = m_clock.now();
    // The profile's bounds first: they say more than "default exceeds maximum".
    if (auto followed = checkProfile(draft); !followed)
        return std::unexpected(followed.error());
    if (auto valid = validate(draft); !valid)
        return std::unexpected(valid.error());
    auto transaction = Transaction::begin(m_database);
    if (!transaction)
        return std::unexpected(transaction.error());
    auto exists = m_database.scalar(QStringLiteral("SELECT 1 FROM projects WHERE id = ?"), {draft.id});
    if (!exists)
        return std::unexpected(exists.error());
    if (exists->isValid())
        return fail(ErrorCode::InvalidArgument, QStringLiteral("a project '%1' already exists").arg(draft.id));
    auto inserted = m_database.exec(
        QStringLiteral("INSERT INTO projects (%1) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)").arg(kColumns),
        {draft.id, draft.name, draft.issuer, draft.audience, draft.defaultTtl, draft.maxTtl, draft.jwksMaxAge,
         draft.rotationInterval, scopesToJson(draft.scopes), draft.createdAt, draft.profile});
    if (!inserted)
        return std::unexpected(inserted.error());
    if (auto logged = m_audit.record(QStringLiteral("project.create"), draft.id, draft.id, draft.name); !logged)
        return std::unexpected(logged.error());
    if (auto committed = transaction->commit(); !committed)
        return std::unexpected(committed.error());
    Q_EMIT projectsChanged();
    return draft;
}

Result<Project> ProjectService::get(const QString& id) const
{
    return m_read.get(id, [&]() -> Result<Project> {
        auto row = m_database.firstRow(QStringLiteral("SELECT %1 FROM projects WHERE id = ?").arg(kColumns), {id});
        if (!row)
            return std::unexpected(row.error());
        if (!*row)
            return fail(ErrorCode::NotFound, QStringLiteral("no project '%1'").arg(id));
        return fromRow(**row);
    });
}

Result<QList<Project>> ProjectService::list() const
{
    auto query = m_database.exec(QStringLiteral("SELECT %1 FROM projects ORDER BY id").arg(kColumns));
    if (!query)
        return std::unexpected(query.error());
    QList<Project> projects;
    while (query->next())
        projects.append(fromRow(*query));
    return projects;
}

Status ProjectService::update(const Project& project)
{
    if (auto followed = checkProfile(project); !followed)
        return followed;
    if (auto valid = validate(project); !valid)
        return valid;
    auto transaction = Transaction::begin(m_database);
    if (!transaction)
        return std::unexpected(transaction.error());
    auto updated = m_database.exec(
        QStringLiteral("UPDATE projects SET name = ?, issuer = ?, audience = ?, default_ttl = ?, max_ttl = ?,"
                       " jwks_max_age = ?, rotation_interval = ?, scopes = ?, profile = ? WHERE id = ?"),
        {project.name, project.issuer, project.audience, project.defaultTtl, project.maxTtl, project.jwksMaxAge,
         project.rotationInterval, scopesToJson(project.scopes), project.profile, project.id});
    if (!updated)
        return std::unexpected(updated.error());
    if (updated->numRowsAffected() != 1)
        return fail(ErrorCode::NotFound, QStringLiteral("no project '%1'").arg(project.id));
    if (auto logged = m_audit.record(QStringLiteral("project.update"), project.id, project.id); !logged)
        return logged;
    if (auto committed = transaction->commit(); !committed)
        return committed;
    Q_EMIT projectsChanged();
    return {};
}

Status ProjectService::remove(const QString& id)
{
    auto transaction = Transaction::begin(m_database);
    if (!transaction)
        return std::unexpected(transaction.error());
    auto removed = m_database.exec(QStringLiteral("DELETE FROM projects WHERE id = ?"), {id});
    if (!removed)
        return std::unexpected(removed.error());
    if (removed->numRowsAffected() != 1)
        return fail(ErrorCode::NotFound, QStringLiteral("no project '%1'").arg(id));
    if (auto logged = m_audit.record(QStringLiteral("project.delete"), id, id); !logged)
        return logged;
    if (auto committed = transaction->commit(); !committed)
        return committed;
    Q_EMIT projectsChanged();
    return {};
}

} // namespace Signet
