#include "widgets/StaticTextDelegate.h"

#include <QApplication>
#include <QFontMetrics>
#include <QPainter>

namespace Signet {

void StaticTextDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const
{
    QStyleOptionViewItem cell = option;
    initStyleOption(&cell, index);
    const QString text = cell.text;
    const QWidget* widget = cell.widget;
    QStyle* style = widget ? widget->style() : QApplication::style();
    // The background, selection and focus as the style draws them; then the text, where and in the
    // colour the style would put it.
    cell.text.clear();
    style->drawControl(QStyle::CE_ItemViewItem, &cell, painter, widget);
    if (text.isEmpty())
        return;
    const int margin = style->pixelMetric(QStyle::PM_FocusFrameHMargin, nullptr, widget) + 1;
    const QRect area =
        style->subElementRect(QStyle::SE_ItemViewItemText, &cell, widget).adjusted(margin, 0, -margin, 0);
    if (area.width() <= 0)
        return;
    QPalette::ColorGroup group = cell.state & QStyle::State_Enabled ? QPalette::Normal : QPalette::Disabled;
    if (group == QPalette::Normal && !(cell.state & QStyle::State_Active))
        group = QPalette::Inactive;
    const QStaticText& shown = laidOut(text, cell.font, area.width());
    const QSize size = shown.size().toSize();
    const QRect placed = QStyle::alignedRect(cell.direction, cell.displayAlignment, size, area);
    painter->save();
    painter->setFont(cell.font);
    painter->setPen(
        cell.palette.color(group, cell.state & QStyle::State_Selected ? QPalette::HighlightedText : QPalette::Text));
    painter->setClipRect(area);
    painter->drawStaticText(placed.topLeft(), shown);
    painter->restore();
}

// Measuring a text lays it out as much as painting it does: both the whole text and its shortened
// form are kept, measured once.
const QStaticText& StaticTextDelegate::laidOut(const QString& text, const QFont& font, int width) const
{
    const QString fontKey = font.key() + QLatin1Char('\x1f');
    const QStaticText& whole = layout(fontKey + text, text, font);
    if (whole.size().width() <= width)
        return whole;
    const QString shortened = QFontMetrics(font).elidedText(text, Qt::ElideRight, width);
    return layout(fontKey + QString::number(width) + QLatin1Char('\x1f') + text, shortened, font);
}

const QStaticText& StaticTextDelegate::layout(const QString& key, const QString& text, const QFont& font) const
{
    if (QStaticText* cached = m_layouts.object(key))
        return *cached;
    auto* laid = new QStaticText(text);
    laid->setTextFormat(Qt::PlainText);
    laid->setPerformanceHint(QStaticText::AggressiveCaching);
    laid->prepare(QTransform(), font);
    m_layouts.insert(key, laid);
    return *laid;
}

QSize StaticTextDelegate::sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const
{
    return QStyledItemDelegate::sizeHint(option, index) + QSize(12, 0);
}

} // namespace Signet
