#include "widgets/GroupBoxBand.h"

#include <QGroupBox>
#include <QImage>
#include <QPaintEvent>
#include <QPainter>
#include <QStyleOptionGroupBox>

namespace Signet {

namespace {

// The group box's frame as its style paints it, without title or contents, over its own window colour.
QImage paintedFrame(const QGroupBox& box)
{
    QImage image(box.size(), QImage::Format_ARGB32_Premultiplied);
    image.fill(box.palette().color(QPalette::Window));
    QStyleOptionGroupBox option;
    option.initFrom(&box);
    option.rect = image.rect();
    option.subControls = QStyle::SC_GroupBoxFrame;
    option.lineWidth = 1;
    QPainter painter(&image);
    box.style()->drawComplexControl(QStyle::CC_GroupBox, &option, &painter, &box);
    return image;
}

} // namespace

GroupBoxBand::GroupBoxBand(QWidget* parent)
    : QWidget(parent)
{}

void GroupBoxBand::matchGroupBox()
{
    m_fill = QColor();
    const QGroupBox* box = nullptr;
    for (QWidget* ancestor = parentWidget(); ancestor && !box; ancestor = ancestor->parentWidget())
        box = qobject_cast<QGroupBox*>(ancestor);
    if (box && isVisible() && !rect().isEmpty()) {
        const QImage frame = paintedFrame(*box);
        const QRect area = QRect(mapTo(box, QPoint(0, 0)), size()).intersected(frame.rect());
        // Its corners and middle: one colour, or the band stays see-through.
        const QList<QPoint> samples = {area.topLeft(), area.topRight(), area.bottomLeft(), area.bottomRight(),
                                       area.center()};
        const QColor first = frame.pixelColor(samples.front());
        const bool uniform = !area.isEmpty() && std::all_of(samples.begin(), samples.end(), [&](const QPoint& point) {
            return frame.pixelColor(point) == first;
        });
        if (uniform)
            m_fill = first;
    }
    setAttribute(Qt::WA_OpaquePaintEvent, m_fill.isValid());
    update();
}

void GroupBoxBand::paintEvent(QPaintEvent* event)
{
    if (m_fill.isValid())
        QPainter(this).fillRect(event->rect(), m_fill);
}

void GroupBoxBand::changeEvent(QEvent* event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::StyleChange)
        matchGroupBox();
}

void GroupBoxBand::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    matchGroupBox();
}

void GroupBoxBand::resizeEvent(QResizeEvent* event)
{
    QWidget::resizeEvent(event);
    matchGroupBox();
}

} // namespace Signet
