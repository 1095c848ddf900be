#include "server/PublishedJwks.h"

#include "crypto/Digest.h"
#include "foundation/JsonWriter.h"
#include "jose/Base64Url.h"
#include "workspace/Database.h"
#include "workspace/Workspace.h"
#include "workspace/WorkspaceInternals.h"

namespace Signet {

namespace {

HttpResponse failure(const Error& error)
{
    if (error.code == ErrorCode::NotFound)
        return HttpResponse::error(404, QStringLiteral("not_found"), error.message);
    return HttpResponse::error(500, QStringLiteral("server_error"), error.message);
}

// The keys published just before the active key was activated, without that key.
Result<QByteArray> staleBody(KeyService& keys, const QString& projectId, const QList<SigningKeyRecord>& records)
{
    std::optional<qint64> rotatedAt;
    QString activeKid;
    for (const SigningKeyRecord& key : records) {
        if (key.state == KeyState::Active) {
            rotatedAt = key.activatedAt;
            activeKid = key.kid;
        }
    }
    auto set = keys.publishedKeys(projectId, rotatedAt ? std::optional<qint64>(*rotatedAt - 1) : std::nullopt);
    if (!set)
        return std::unexpected(set.error());
    JwkSet stale;
    for (const Jwk& key : set->keys()) {
        if (key.kid() != activeKid)
            stale.add(key);
    }
    return QByteArray::fromStdString(JsonWriter::write(stale.toPublicJson(), JsonWriter::Style::Indented) + "\n");
}

bool matches(QByteArrayView ifNoneMatch, const QByteArray& etag)
{
    if (ifNoneMatch.isEmpty())
        return false;
    for (const QByteArray& candidate : ifNoneMatch.toByteArray().split(',')) {
        QByteArray tag = candidate.trimmed();
        if (tag.startsWith("W/"))
            tag = tag.mid(2); // weak comparison (RFC 9110 13.1.2)
        if (tag == "*" || tag == etag)
            return true;
    }
    return false;
}

} // namespace

PublishedJwks::PublishedJwks(Workspace& workspace, const Clock& clock)
    : m_workspace(workspace)
    , m_clock(clock)
{}

Answer<HttpResponse> PublishedJwks::answer(const QString& projectId, QByteArrayView ifNoneMatch, Version version)
{
    auto ready = prepared(projectId, version);
    if (!ready)
        return std::unexpected(ready.error());
    return matches(ifNoneMatch, (*ready)->etag) ? (*ready)->notModified : (*ready)->ok;
}

Answer<PublishedJwks::Prepared*> PublishedJwks::prepared(const QString& projectId, Version version)
{
    forgetIfChanged();
    auto& cache = version == Version::Current ? m_current : m_stale;
    auto found = cache.find(projectId);
    if (found != cache.end() && (!found->validUntil || *found->validUntil > m_clock.now()))
        return &*found;
    auto made = prepare(projectId, version);
    if (!made)
        return std::unexpected(made.error());
    return &*cache.insert(projectId, std::move(*made));
}

Answer<PublishedJwks::Prepared> PublishedJwks::prepare(const QString& projectId, Version version)
{
    auto project = m_workspace.projects().get(projectId);
    if (!project)
        return std::unexpected(failure(project.error()));
    auto records = m_workspace.keys().list(projectId);
    if (!records)
        return std::unexpected(failure(records.error()));
    auto body = version == Version::Current ? m_workspace.keys().jwks(projectId)
                                            : staleBody(m_workspace.keys(), projectId, *records);
    if (!body)
        return std::unexpected(failure(body.error()));

    Prepared prepared;
    prepared.validUntil = KeyService::firstRetireAt(*records); // list() reads past ones as retired
    prepared.etag = '"' + Base64Url::encode(Crypto::sha256(*body)).left(27) + '"';
    const QByteArray cacheControl = "public, max-age=" + QByteArray::number(project->jwksMaxAge);
    prepared.ok.status = 200;
    prepared.ok.body = *body;
    prepared.ok.headers = {{"Content-Type", "application/json"},
                           {"Cache-Control", cacheControl},
                           {"ETag", prepared.etag},
                           {"Access-Control-Allow-Origin", "*"}};
    prepared.ok.prepared = prepared.ok.serialize();
    prepared.notModified.status = 304;
    prepared.notModified.headers = {{"Cache-Control", cacheControl}, {"ETag", prepared.etag}};
    // A 304 has no body and no Content-Length of the full answer.
    prepared.notModified.prepared =
        "HTTP/1.1 304 Not Modified\r\nCache-Control: " + cacheControl + "\r\nETag: " + prepared.etag + "\r\n\r\n";
    return prepared;
}

void PublishedJwks::forgetIfChanged()
{
    // Writes through this connection are seen at once; other processes' are asked of SQLite at most
    // once a millisecond (each ask takes and drops a file lock: under load, a tenth of the time).
    const Database& database = workspaceDatabase(m_workspace);
    const auto now = std::chrono::steady_clock::now();
    if (database.ownWriteCount() == m_ownWrites && now - m_checkedAt < kOtherProcessesRecheck)
        return;
    m_checkedAt = now;
    auto stamp = database.configurationStamp();
    if (stamp && stamp->otherConnections == m_dataVersion && stamp->ownWrites == m_ownWrites)
        return;
    // Something was written: only projects and keys (the configuration generation) matter here, not
    // the ledger rows every token adds.
    auto generation = database.configurationGeneration();
    if (stamp) {
        m_dataVersion = stamp->otherConnections;
        m_ownWrites = stamp->ownWrites;
    }
    if (generation && *generation == m_generation)
        return;
    m_generation = generation ? *generation : -1;
    m_current.clear();
    m_stale.clear();
}

} // namespace Signet
