#pragma once

#include "models/PagedRecordTableModel.h"
#include "workspace/AuditPages.h"
#include "workspace/Records.h"

#include <memory>

namespace Signet {

class BackgroundPages;

// The audit log, newest first unless sorted otherwise; one project's or the whole workspace's. It
// fetches on demand, a page at a time as the view scrolls, as the ledger does: SQLite sorts and
// filters, a filter or another order on the reader's thread.
class AuditTableModel : public PagedRecordTableModel<AuditEvent>
{
    Q_OBJECT

public:
    enum Column
    {
        Time,
        Who,
        Actor,
        Action,
        Project,
        Object,
        Details,
        ColumnCount
    };

    // Lists the whole workspace's events until setProject() narrows it to one project's.
    AuditTableModel(Workspace& workspace, const Clock& clock, QObject* parent = nullptr);
    ~AuditTableModel() override;

    // Shows only the events whose actor, action, project, object or details contain the text; empty: all.
    void setFilterText(const QString& text);
    [[nodiscard]] const QString& filterText() const { return m_query.text; }
    // Shows only what this member did; empty: everyone.
    void setMember(const QString& member);
    [[nodiscard]] const QString& member() const { return m_query.member; }
    // Everyone the log names, for the member filter.
    Result<QStringList> members() const { return m_pages.members(); }
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

private:
    [[nodiscard]] Reading reading() const override;
    Result<QList<AuditEvent>> read(int offset, int limit) override;
    QFuture<Result<QList<AuditEvent>>> readInBackground(int offset, int limit) override;
    QVariant keyOf(const AuditEvent& event) const override { return event.id; }
    void reloadAfterRecording();

    AuditPages m_pages;
    AuditPages::Query m_query;
    std::unique_ptr<BackgroundPages> m_background; // started by the first read off the GUI thread
    bool m_reloadQueued = false;
};

} // namespace Signet
