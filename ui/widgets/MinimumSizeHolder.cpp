#include "widgets/MinimumSizeHolder.h"

#include <QEvent>

namespace Signet {

MinimumSizeHolder::MinimumSizeHolder(QWidget* held, QWidget* parent)
    : QWidget(parent)
    , m_held(held)
{
    held->setParent(this);
}

QSize MinimumSizeHolder::sizeHint() const
{
    return minimumSizeHint();
}

QSize MinimumSizeHolder::minimumSizeHint() const
{
    return m_held->minimumSizeHint().expandedTo(m_held->minimumSize());
}

bool MinimumSizeHolder::event(QEvent* event)
{
    // The held widget's minimum changed (a tab shown, rows hidden): without a layout of its own, this
    // widget passes that on to the scroll area itself.
    if (event->type() == QEvent::LayoutRequest)
        updateGeometry();
    return QWidget::event(event);
}

void MinimumSizeHolder::resizeEvent(QResizeEvent* event)
{
    m_held->setGeometry(rect());
    QWidget::resizeEvent(event);
}

} // namespace Signet
