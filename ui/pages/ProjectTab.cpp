#include "pages/ProjectTab.h"

#include "widgets/StateBadgeDelegate.h"

#include <QFontDatabase>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QTableView>
#include <QVBoxLayout>

namespace Signet {

void ProjectTab::showFailure(const QString& what, const QString& why)
{
    QMessageBox::warning(this, what, QStringLiteral("%1\n\n%2").arg(what, why));
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

QFont ProjectTab::fixedFont()
{
    return QFontDatabase::systemFont(QFontDatabase::FixedFont);
}

} // namespace Signet
