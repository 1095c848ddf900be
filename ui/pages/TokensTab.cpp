#include "pages/TokensTab.h"

#include "AppSettings.h"
#include "ClipboardGuard.h"
#include "ProjectProfile.h"
#include "models/LedgerTableModel.h"
#include "models/ModelSupport.h"
#include "widgets/StateBadgeDelegate.h"
#include "workspace/Workspace.h"

#include <QAction>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>

namespace Signet {

namespace {

using OneTimeState = LedgerTableModel::OneTimeState;

// The one-time column: a pill in the key-state colours (unused green like "active", used grey
// like "retired", expired amber), and the plain "—" for ordinary tokens.
class OneTimeBadgeDelegate : public StateBadgeDelegate
{
public:
    using StateBadgeDelegate::StateBadgeDelegate;

    void paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const override
    {
        const auto state = static_cast<OneTimeState>(index.data(ModelSupport::StateRole).toInt());
        if (state == OneTimeState::NotOneTime)
            return QStyledItemDelegate::paint(painter, option, index);
        const QColor color = colorFor(state == OneTimeState::Unused ? QStringLiteral("active")
                                      : state == OneTimeState::Used ? QStringLiteral("retired")
                                                                    : QStringLiteral("expired"));
        paintBadge(painter, option, index, color, OnSelectedRow::HighlightedText);
    }
};

} // namespace

TokensTab::TokensTab(Workspace& workspace, const Clock& clock, AppSettings& settings, QWidget* parent)
    : ProjectTab(workspace, clock, parent)
    , m_settings(settings)
    , m_clipboard(new ClipboardGuard(this))
    , m_model(new LedgerTableModel(workspace, clock, this))
    , m_filterTimer(new QTimer(this))
    , m_clockTimer(new QTimer(this))
    , m_filterLineEdit(new QLineEdit(this))
    , m_tableView(new QTableView(this))
    , m_emptyLabel(new QLabel(tr("No tokens minted yet — mint one with signet-cli token mint -p <id>"), this))
    , m_copyPushButton(new QPushButton(tr("Copy token"), this))
    , m_inspectPushButton(new QPushButton(tr("Open in Inspector"), this))
{
    setObjectName(QStringLiteral("tokensTab"));
    m_filterLineEdit->setObjectName(QStringLiteral("tokensFilterLineEdit"));
    m_tableView->setObjectName(QStringLiteral("tokensTableView"));
    m_tableView->setAccessibleName(tr("Minted tokens"));
    m_tableView->setAccessibleDescription(
        tr("Ctrl+C copies the jti, Ctrl+Shift+C the token; the menu key offers more."));
    m_filterLineEdit->setAccessibleName(tr("Filter tokens"));
    m_emptyLabel->setObjectName(QStringLiteral("tokensEmptyLabel"));
    m_copyPushButton->setObjectName(QStringLiteral("copyTokenPushButton"));
    m_inspectPushButton->setObjectName(QStringLiteral("openInInspectorPushButton"));
    m_clockTimer->setObjectName(QStringLiteral("tokensClockTimer"));

    m_filterLineEdit->setPlaceholderText(tr("Filter by jti, subject, scope or state"));
    m_filterLineEdit->setClearButtonEnabled(true);
    m_copyPushButton->setToolTip(tr("Copies the token; the clipboard is cleared after the delay in Preferences. "
                                    "Recorded in the audit log."));
    m_inspectPushButton->setToolTip(tr("Decodes and verifies the token. Recorded in the audit log."));

    // The model sorts and filters in SQLite (it holds only the rows scrolled to); typing settles first.
    m_filterTimer->setSingleShot(true);
    m_filterTimer->setInterval(150);
    setUpRecordTable(m_tableView, m_model, LedgerTableModel::OneTime);
    m_tableView->setItemDelegateForColumn(LedgerTableModel::OneTime, new OneTimeBadgeDelegate(m_tableView));
    m_tableView->setSortingEnabled(true);
    m_tableView->sortByColumn(LedgerTableModel::Issued, Qt::DescendingOrder);
    m_tableView->setWordWrap(false);
    m_tableView->setTextElideMode(Qt::ElideMiddle);
    // Columns are sized to the rows in view, not to the thousands fetched.
    m_tableView->horizontalHeader()->setResizeContentsPrecision(0);
    m_emptyLabel->setTextFormat(Qt::PlainText);

    auto* actions = new QHBoxLayout;
    actions->addWidget(m_filterLineEdit, 1);
    actions->addWidget(m_copyPushButton);
    actions->addWidget(m_inspectPushButton);
    QVBoxLayout* layout = createPageLayout();
    layout->addLayout(actions);
    addRecordTable(layout, m_tableView, m_emptyLabel);

    // Ctrl+C copies the jti (not a secret); the token itself is a deliberate, audited copy.
    m_copyJtiAction = addRowAction(m_tableView, tr("Copy jti"), QStringLiteral("copyJtiAction"), QKeySequence::Copy);
    m_copyTokenAction = addRowAction(m_tableView, tr("Copy token"), QStringLiteral("copyTokenAction"),
                                     QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C));
    m_copyTokenAction->setToolTip(m_copyPushButton->toolTip());
    m_inspectAction = addRowAction(m_tableView, tr("Open in Inspector"), QStringLiteral("openInInspectorAction"), {});
    connect(m_copyJtiAction, &QAction::triggered, this, &TokensTab::copySelectedJti);
    connect(m_copyTokenAction, &QAction::triggered, this, &TokensTab::copySelected);
    connect(m_inspectAction, &QAction::triggered, this, &TokensTab::openSelectedInInspector);

    connect(m_filterLineEdit, &QLineEdit::textChanged, m_filterTimer, qOverload<>(&QTimer::start));
    connect(m_filterTimer, &QTimer::timeout, this, [this] { m_model->setFilterText(m_filterLineEdit->text()); });
    connect(m_copyPushButton, &QPushButton::clicked, this, &TokensTab::copySelected);
    connect(m_inspectPushButton, &QPushButton::clicked, this, &TokensTab::openSelectedInInspector);
    connect(m_tableView, &QTableView::doubleClicked, this, &TokensTab::openSelectedInInspector);
    connect(m_model, &QAbstractItemModel::modelReset, this, &TokensTab::resizeColumns);
    connect(m_model, &QAbstractItemModel::modelReset, this, &TokensTab::updateState);

    connect(m_tableView->selectionModel(), &QItemSelectionModel::selectionChanged, this, &TokensTab::updateState);
    connect(m_clockTimer, &QTimer::timeout, m_model, &RecordTableModelBase::refreshTimes);
    m_clockTimer->start(1000);
    updateState();
}

void TokensTab::setProject(const QString& projectId)
{
    m_projectId = projectId;
    // Another tab shows: the first rows are read on the reader's thread meanwhile (the project's page
    // opens without waiting for them); shown, they are read at once from a file (from a team workspace's
    // server on the reader's thread too, the last project's rows gone meanwhile).
    if (isVisibleTo(window()))
        m_model->setProject(projectId); // resets: the columns are sized to the new rows
    else
        m_model->setProjectInBackground(projectId);
    showProfileWords();
}

// The provider's words for the columns its profile's fields set (VocalStack's lifetime_s, one_time).
void TokensTab::showProfileWords()
{
    QString expires, oneTime;
    if (const std::optional<Profile> profile = projectProfile(m_workspace, m_projectId)) {
        for (const ProfileField& field : profile->fields) {
            const QString note = QStringLiteral("%1 %2: %3").arg(profile->title, field.name, field.description);
            if (field.target == ProfileFieldTarget::Lifetime)
                expires = note;
            else if (field.target == ProfileFieldTarget::OneTime)
                oneTime = note;
        }
    }
    m_model->setHeaderNote(LedgerTableModel::Expires, expires);
    m_model->setHeaderNote(LedgerTableModel::OneTime, oneTime);
}

void TokensTab::refresh()
{
    keepingSelection(m_tableView, [this] { m_model->reload(); });
}

void TokensTab::resizeColumns()
{
    // A hidden table sizes its columns to every row it holds (a visible one only to the rows in view):
    // the project's rows read while another tab shows are measured once this one shows.
    if (!isVisible()) {
        m_columnsStale = true;
        return;
    }
    m_columnsStale = false;
    fitColumnsToContents(m_tableView);
    QHeaderView* header = m_tableView->horizontalHeader();
    // The expiry text grows as the clock runs, without a reset: leave room for a long one.
    const int expires = m_tableView->fontMetrics().horizontalAdvance(tr("expired 23 h 59 min ago")) + 16;
    header->resizeSection(LedgerTableModel::Expires, std::max(header->sectionSize(LedgerTableModel::Expires), expires));
}

void TokensTab::showEvent(QShowEvent* event)
{
    ProjectTab::showEvent(event);
    // Opened before the rows read in the background came: no other project's rows show meanwhile.
    if (!m_model->showsProject())
        m_model->setProject(m_projectId);
    if (!m_columnsStale)
        return;
    // The table at its place on the page first, so that the rows in view are the ones shown.
    if (layout())
        layout()->activate();
    resizeColumns();
}

void TokensTab::updateState()
{
    // Empty because of the filter is not an empty ledger: the table and the filter stay.
    const bool empty = m_model->rowCount() == 0 && m_model->filterText().isEmpty();
    m_tableView->setVisible(!empty);
    m_emptyLabel->setVisible(empty);
    m_filterLineEdit->setEnabled(!empty);
    const bool selected = !m_tableView->selectionModel()->selectedRows().isEmpty();
    m_copyPushButton->setEnabled(selected);
    m_inspectPushButton->setEnabled(selected);
    for (QAction* action : {m_copyJtiAction, m_copyTokenAction, m_inspectAction})
        action->setEnabled(selected);
}

void TokensTab::copySelectedJti()
{
    const QModelIndexList rows = m_tableView->selectionModel()->selectedRows();
    if (rows.isEmpty())
        return;
    const QString jti = rows.front().data(ModelSupport::KeyRole).toString();
    copyPublicText(jti, tr("Copied jti %1").arg(jti));
}

QString TokensTab::revealSelected(const QString& failure)
{
    const QModelIndexList rows = m_tableView->selectionModel()->selectedRows();
    if (rows.isEmpty())
        return {};
    const QString jti = rows.front().data(ModelSupport::KeyRole).toString();
    auto token = m_workspace.tokens().reveal(m_projectId, jti);
    if (!token) {
        showFailure(failure, token.error().message);
        return {};
    }
    return *token;
}

void TokensTab::copySelected()
{
    const QString token = revealSelected(tr("The token could not be copied."));
    if (token.isEmpty())
        return;
    const int seconds = m_settings.number(AppSettings::Key::ClipboardClearSeconds);
    m_clipboard->copySecret(token, seconds);
    Q_EMIT actionCompleted(seconds > 0 ? tr("Copied the token; the clipboard is cleared in %n s", nullptr, seconds)
                                       : tr("Copied the token"));
}

void TokensTab::openSelectedInInspector()
{
    const QString token = revealSelected(tr("The token could not be opened."));
    if (!token.isEmpty())
        Q_EMIT inspectTokenRequested(token);
}

} // namespace Signet
