#include "widgets/CurrentPageHeight.h"

#include <QStackedWidget>
#include <QTabWidget>

namespace Signet {

namespace {

// A hidden page whose vertical policy is Ignored counts for no minimum height in a QStackedLayout.
template<class Pages> void sizeToCurrent(Pages* pages)
{
    for (int i = 0; i < pages->count(); ++i) {
        QWidget* page = pages->widget(i);
        QSizePolicy policy = page->sizePolicy();
        policy.setVerticalPolicy(page == pages->currentWidget() ? QSizePolicy::Preferred : QSizePolicy::Ignored);
        page->setSizePolicy(policy);
    }
}

} // namespace

void followCurrentPageHeight(QStackedWidget* stack)
{
    sizeToCurrent(stack);
    QObject::connect(stack, &QStackedWidget::currentChanged, stack, [stack] { sizeToCurrent(stack); });
}

void followCurrentPageHeight(QTabWidget* tabs)
{
    sizeToCurrent(tabs);
    QObject::connect(tabs, &QTabWidget::currentChanged, tabs, [tabs] { sizeToCurrent(tabs); });
}

} // namespace Signet
