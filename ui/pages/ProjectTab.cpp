#include "pages/ProjectTab.h"

#include "Failure.h"
#include "models/ModelSupport.h"
#include "widgets/StateBadgeDelegate.h"
#include "workspace/WorkspaceBusy.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QFontDatabase>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QMessageBox>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

namespace Signet {

void ProjectTab::showFailure(const QString& what, const QString& why)
{
    QMessageBox::warning(this, what, QStringLiteral("%1\n\n%2").arg(what, why));
}

void ProjectTab::showFailure(const QString& what, const Error& error, const std::function<void()>& retry)
{
    if (!isBusy(error) || !retry)
        return showFailure(what, describeFailure(error));
    if (askRetryWhenBusy(this, what) == BusyAnswer::Retry)
        QTimer::singleShot(0, this, retry);
}

void ProjectTab::setUpRecordTable(QTableView* view, QAbstractItemModel* model, int badgeColumn)
{
    view->setModel(model);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setSelectionMode(QAbstractItemView::SingleSelection);
    view->setItemDelegateForColumn(badgeColumn, new StateBadgeDelegate(view));
    view->verticalHeader()->hide();
    view->verticalHeader()->setDefaultSectionSize(30);
    view->horizontalHeader()->setStretchLastSection(true);
    view->setAlternatingRowColors(true);
    view->setShowGrid(false);
    // Tab moves on to the next control instead of walking the cells; the arrows walk the rows.
    view->setTabKeyNavigation(false);
}

QAction* ProjectTab::addRowAction(QTableView* table, const QString& text, const QString& objectName,
                                  const QKeySequence& keys)
{
    table->setContextMenuPolicy(Qt::ActionsContextMenu);
    if (keys == QKeySequence(QKeySequence::Copy))
        table->installEventFilter(this);
    auto* action = new QAction(text, table);
    action->setObjectName(objectName);
    if (!keys.isEmpty()) {
        action->setShortcut(keys);
        action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    }
    table->addAction(action);
    return action;
}

bool ProjectTab::eventFilter(QObject* watched, QEvent* event)
{
    // With no row selected the Copy action is disabled, and Ctrl+C would reach the table, which copies
    // its current cell as shown (a shortened id): nothing is copied instead.
    if (event->type() == QEvent::KeyPress && static_cast<QKeyEvent*>(event)->matches(QKeySequence::Copy) &&
        qobject_cast<QTableView*>(watched))
        return true;
    return QWidget::eventFilter(watched, event);
}

void ProjectTab::fitColumnsToContents(QTableView* view)
{
    view->resizeColumnsToContents();
    QHeaderView* header = view->horizontalHeader();
    for (int column = 0; column + 1 < header->count(); ++column)
        header->resizeSection(column, header->sectionSize(column) + 16);
}

void ProjectTab::addRowSeparator(QTableView* table)
{
    auto* separator = new QAction(table);
    separator->setSeparator(true);
    table->addAction(separator);
}

void ProjectTab::copyPublicText(const QString& text, const QString& summary)
{
    QApplication::clipboard()->setText(text);
    Q_EMIT actionCompleted(summary);
}

QVBoxLayout* ProjectTab::createPageLayout()
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 8, 8, 8);
    layout->setSpacing(8);
    return layout;
}

void ProjectTab::addRecordTable(QVBoxLayout* layout, QTableView* table, QLabel* emptyLabel)
{
    emptyLabel->setAlignment(Qt::AlignCenter);
    emptyLabel->setWordWrap(true);
    layout->addWidget(table, 1);
    layout->addWidget(emptyLabel, 1);
}

void ProjectTab::keepingSelection(QTableView* table, const std::function<void()>& reload)
{
    const QModelIndex current = table->currentIndex();
    const QVariant key = current.isValid() ? current.siblingAtColumn(0).data(ModelSupport::KeyRole) : QVariant();
    reload();
    QAbstractItemModel* model = table->model();
    if (!key.isValid() || model->rowCount() == 0)
        return;
    const QModelIndexList found = model->match(model->index(0, 0), ModelSupport::KeyRole, key, 1, Qt::MatchExactly);
    if (!found.isEmpty())
        table->selectRow(found.front().row());
}

QString ProjectTab::servedJwksUrl() const
{
    if (m_serverBaseUrl.isEmpty() || m_projectId.isEmpty())
        return {};
    return m_serverBaseUrl + QStringLiteral("/p/") + m_projectId + QStringLiteral("/.well-known/jwks.json");
}

QFont ProjectTab::fixedFont()
{
    return QFontDatabase::systemFont(QFontDatabase::FixedFont);
}

} // namespace Signet
