#include "models/AuditTableModel.h"

#include "workspace/BackgroundPages.h"
#include "workspace/Workspace.h"

#include <QTimer>

#include <utility>

namespace Signet {

AuditTableModel::AuditTableModel(Workspace& workspace, const Clock& clock, QObject* parent)
    : PagedRecordTableModel(workspace, clock, WithoutProject::AllProjects, parent)
    , m_pages(workspace)
{
    setColumns({
        // Ids follow time, and break ties in order.
        timeColumn(Time, tr("Time"), &AuditEvent::at).withSort(&AuditEvent::id),
        textColumn(Who, tr("Who"), &AuditEvent::member)
            .withDisplay([](const AuditEvent& event) {
                return event.machine.isEmpty() ? event.member : event.member + QLatin1Char('@') + event.machine;
            })
            .withToolTip([](const AuditEvent& event) {
                return event.member.isEmpty() ? QString()
                                              : tr("%1, on the machine %2").arg(event.member, event.machine);
            }),
        textColumn(Actor, tr("Actor"), &AuditEvent::actor),
        textColumn(Action, tr("Action"), &AuditEvent::action),
        textColumn(Project, tr("Project"), &AuditEvent::projectId),
        shortenedColumn(Object, tr("Object"), &AuditEvent::object,
                        [](const AuditEvent& event) {
                            // A project or API key id whole, as the other tabs show it; a kid as the
                            // Signing keys tab shortens it.
                            return event.object.size() <= 26 ? event.object : ModelSupport::shortId(event.object);
                        }),
        textColumn(Details, tr("Details"), &AuditEvent::details).withToolTip(&AuditEvent::details),
    });
    connect(&workspace.audit(), &AuditLog::eventRecorded, this, &AuditTableModel::reloadAfterRecording);
    reload();
}

AuditTableModel::~AuditTableModel() = default;

// An event is recorded inside the transaction of the change it tells of. Read here, on the same
// connection, it shows at once; the reader's own connection sees it only once committed, that is once
// the change has returned to the event loop.
void AuditTableModel::reloadAfterRecording()
{
    if (!readsCostARoundTrip())
        return reload();
    if (std::exchange(m_reloadQueued, true))
        return;
    QTimer::singleShot(0, this, [this] {
        m_reloadQueued = false;
        reload();
    });
}

void AuditTableModel::setFilterText(const QString& text)
{
    if (text == m_query.text)
        return;
    m_query.text = text;
    reload();
}

void AuditTableModel::setMember(const QString& member)
{
    if (member == m_query.member)
        return;
    m_query.member = member;
    reload();
}

void AuditTableModel::sort(int column, Qt::SortOrder order)
{
    static constexpr AuditPages::SortKey kKeys[] = {AuditPages::SortKey::Time,    AuditPages::SortKey::Member,
                                                    AuditPages::SortKey::Actor,   AuditPages::SortKey::Action,
                                                    AuditPages::SortKey::Project, AuditPages::SortKey::Object,
                                                    AuditPages::SortKey::Details};
    if (column < 0 || column >= ColumnCount)
        return;
    m_query.sortKey = kKeys[column];
    m_query.direction =
        order == Qt::AscendingOrder ? AuditPages::Direction::Ascending : AuditPages::Direction::Descending;
    reload();
}

// Events in the order of recording come from the index; text matching and other orders scan.
AuditTableModel::Reading AuditTableModel::reading() const
{
    const bool indexed =
        m_query.text.trimmed().isEmpty() && m_query.member.isEmpty() && m_query.sortKey == AuditPages::SortKey::Time;
    return indexed ? Reading::Here : Reading::InBackground;
}

Result<QList<AuditEvent>> AuditTableModel::read(int offset, int limit)
{
    m_query.projectId = project();
    return m_pages.page(m_query, offset, limit);
}

QFuture<Result<QList<AuditEvent>>> AuditTableModel::readInBackground(int offset, int limit)
{
    m_query.projectId = project();
    if (!m_background)
        m_background = std::make_unique<BackgroundPages>(m_workspace.location());
    return m_background->auditPage(m_query, offset, limit);
}

} // namespace Signet
