#pragma once

#include "server/HttpMessage.h"

#include <QHash>

#include <chrono>
#include <optional>

namespace Signet {

class Clock;
class Workspace;

// Each project's JWKS answer, made once and sent as is until a key changes (here or in any other
// process) or a retiring key's time is up: `jwks export`'s bytes, Cache-Control max-age from the
// project, a strong ETag, and the 304 for a client that has them.
class PublishedJwks
{
public:
    enum class Version
    {
        Current,
        Stale // as before the last rotation: without the key it activated (a fault to stage)
    };

    // How stale another process's key change may be served: as long as minting may use it.
    static constexpr std::chrono::milliseconds kOtherProcessesRecheck{1};

    PublishedJwks(Workspace& workspace, const Clock& clock);

    // The answer to GET .../jwks.json with this If-None-Match.
    Answer<HttpResponse> answer(const QString& projectId, QByteArrayView ifNoneMatch, Version version);

private:
    struct Prepared
    {
        QByteArray etag;
        HttpResponse ok;
        HttpResponse notModified;
        std::optional<qint64> validUntil; // a retiring key leaves the set then
    };
    Answer<Prepared*> prepared(const QString& projectId, Version version);
    Answer<Prepared> prepare(const QString& projectId, Version version);
    // Forgets every prepared answer when the workspace's keys or projects may have changed.
    void forgetIfChanged();

    Workspace& m_workspace;
    const Clock& m_clock;
    QHash<QString, Prepared> m_current;
    QHash<QString, Prepared> m_stale;
    qint64 m_dataVersion = -1;
    quint64 m_ownWrites = 0;
    qint64 m_generation = -1;
    std::chrono::steady_clock::time_point m_checkedAt;
};

} // namespace Signet
