#pragma once

#include "foundation/Clock.h"
#include "workspace/Records.h"

#include <QObject>
#include <QSqlQuery>

namespace Signet {

class Database;

// The columns an AuditEvent is read from, in order, and the event at a query's current row.
QString auditColumns();
AuditEvent auditEventAt(const QSqlQuery& query);

// Append-only record of every change and every secret reveal or export. Never holds a secret.
class AuditLog : public QObject
{
    Q_OBJECT

public:
    AuditLog(const Database& database, Actor actor, const Clock& clock);

    // Records one event; call inside the transaction of the change it describes.
    Status record(const QString& action, const QString& projectId, const QString& object, const QString& details = {});

    // Newest first; empty projectId: every project; empty member: everyone's.
    Result<QList<AuditEvent>> list(const QString& projectId = {}, int limit = 1000, const QString& member = {}) const;

    [[nodiscard]] Actor actor() const { return m_actor; }
    // Who (the member, or the login name) and which machine: written into every event.
    [[nodiscard]] const QString& member() const { return m_member; }
    [[nodiscard]] const QString& machine() const { return m_machine; }
    void setIdentity(const QString& member, const QString& machine)
    {
        m_member = member;
        m_machine = machine;
    }

    // While it lives, events are recorded as done by `actor`: the console's own local server
    // answers on the GUI thread with the console's workspace, and its events are the server's.
    class ActingAs
    {
    public:
        ActingAs(AuditLog& log, Actor actor)
            : m_log(log)
            , m_previous(log.m_actor)
        {
            log.m_actor = actor;
        }
        ~ActingAs() { m_log.m_actor = m_previous; }
        ActingAs(const ActingAs&) = delete;
        ActingAs& operator=(const ActingAs&) = delete;

    private:
        AuditLog& m_log;
        Actor m_previous;
    };

Q_SIGNALS:
    void eventRecorded();

private:
    const Database& m_database;
    Actor m_actor;
    const Clock& m_clock;
    QString m_member;
    QString m_machine;
};

} // namespace Signet
