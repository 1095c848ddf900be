#pragma once

#include "foundation/Clock.h"
#include "workspace/Records.h"

#include <QObject>

namespace Signet {

class Database;

// Append-only record of every change and every secret reveal or export. Never holds a secret.
class AuditLog : public QObject
{
    Q_OBJECT

public:
    AuditLog(const Database& database, Actor actor, const Clock& clock);

    // Records one event; call inside the transaction of the change it describes.
    Status record(const QString& action, const QString& projectId, const QString& object, const QString& details = {});

    // Newest first; empty projectId: every project.
    Result<QList<AuditEvent>> list(const QString& projectId = {}, int limit = 1000) const;

    [[nodiscard]] Actor actor() const { return m_actor; }

Q_SIGNALS:
    void eventRecorded();

private:
    const Database& m_database;
    Actor m_actor;
    const Clock& m_clock;
};

} // namespace Signet
