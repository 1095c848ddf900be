#include "pages/AuditTab.h"

#include "models/AuditTableModel.h"

#include <QAbstractItemView>
#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLineEdit>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>

namespace Signet {

AuditTab::AuditTab(Workspace& workspace, const Clock& clock, QWidget* parent)
    : ProjectTab(workspace, clock, parent)
    , m_model(new AuditTableModel(workspace, clock, this))
    , m_filterTimer(new QTimer(this))
    , m_filterLineEdit(new QLineEdit(this))
    , m_memberComboBox(new QComboBox(this))
    , m_allProjectsCheckBox(new QCheckBox(tr("Whole workspace"), this))
    , m_tableView(new QTableView(this))
{
    setObjectName(QStringLiteral("auditTab"));
    m_filterLineEdit->setObjectName(QStringLiteral("auditFilterLineEdit"));
    m_tableView->setObjectName(QStringLiteral("auditTableView"));
    m_tableView->setAccessibleName(tr("Audit log"));
    m_filterLineEdit->setAccessibleName(tr("Filter the audit log"));
    m_filterLineEdit->setPlaceholderText(tr("Filter by who, action, object or details"));
    m_filterLineEdit->setClearButtonEnabled(true);
    // The model sorts and filters in SQLite (it holds only the rows scrolled to); typing settles first.
    m_filterTimer->setSingleShot(true);
    m_filterTimer->setInterval(150);
    m_tableView->setModel(m_model);
    m_tableView->setSortingEnabled(true);
    m_tableView->sortByColumn(AuditTableModel::Time, Qt::DescendingOrder);
    m_tableView->verticalHeader()->hide();
    m_tableView->verticalHeader()->setDefaultSectionSize(28);
    m_tableView->horizontalHeader()->setStretchLastSection(true);
    m_tableView->setAlternatingRowColors(true);
    m_tableView->setShowGrid(false);
    m_tableView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_tableView->setTabKeyNavigation(false);
    // One line per event: a time that grows ("now" to "10 s ago") is elided, never wrapped.
    m_tableView->setWordWrap(false);
    QVBoxLayout* layout = createPageLayout();
    m_allProjectsCheckBox->setObjectName(QStringLiteral("auditAllProjectsCheckBox"));
    m_allProjectsCheckBox->setToolTip(
        tr("Show every project's events and the workspace's own (creation, passphrase changes)."));
    m_memberComboBox->setObjectName(QStringLiteral("auditMemberComboBox"));
    m_memberComboBox->setAccessibleName(tr("Show what one member did"));
    m_memberComboBox->view()->setAccessibleName(tr("Members in the audit log"));
    m_memberComboBox->setToolTip(tr("Show only what one member (or login) did, from any machine."));
    m_memberComboBox->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    auto* top = new QHBoxLayout;
    top->addWidget(m_filterLineEdit, 1);
    top->addWidget(m_memberComboBox);
    top->addWidget(m_allProjectsCheckBox);
    layout->addLayout(top);
    layout->addWidget(m_tableView, 1);
    connect(m_filterLineEdit, &QLineEdit::textChanged, m_filterTimer, qOverload<>(&QTimer::start));
    connect(m_filterTimer, &QTimer::timeout, this, [this] { m_model->setFilterText(m_filterLineEdit->text()); });
    connect(m_memberComboBox, &QComboBox::currentIndexChanged, this,
            [this] { m_model->setMember(m_memberComboBox->currentData().toString()); });
    // Read again with the log (refresh: F5, another process's change), not per event recorded here.
    refreshMembers();
    connect(m_allProjectsCheckBox, &QCheckBox::toggled, this,
            [this](bool all) { m_model->setProject(all ? QString() : m_projectId); });
}

void AuditTab::setProject(const QString& projectId)
{
    m_projectId = projectId;
    m_model->setProject(m_allProjectsCheckBox->isChecked() ? QString() : projectId);
    resizeColumns();
}

void AuditTab::resizeColumns()
{
    fitColumnsToContents(m_tableView);
    // Relative times grow as the clock runs, without a reset: room for a long one.
    QHeaderView* header = m_tableView->horizontalHeader();
    const int time = m_tableView->fontMetrics().horizontalAdvance(tr("59 min ago")) + 24;
    header->resizeSection(AuditTableModel::Time, std::max(header->sectionSize(AuditTableModel::Time), time));
}

void AuditTab::refresh()
{
    refreshMembers();
    keepingSelection(m_tableView, [this] { m_model->reload(); });
}

void AuditTab::refreshMembers()
{
    auto members = m_model->members();
    if (!members)
        return; // the table says what went wrong; the filter keeps its choices
    const QString chosen = m_model->member();
    QSignalBlocker blocker(m_memberComboBox);
    m_memberComboBox->clear();
    m_memberComboBox->addItem(tr("Everyone"), QString());
    for (const QString& name : *members)
        m_memberComboBox->addItem(name, name);
    const int index = m_memberComboBox->findData(chosen);
    m_memberComboBox->setCurrentIndex(std::max(index, 0));
    if (index < 0 && !chosen.isEmpty())
        m_model->setMember({});
}

} // namespace Signet
