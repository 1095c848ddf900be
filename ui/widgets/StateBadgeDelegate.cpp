#include "widgets/StateBadgeDelegate.h"

#include <QApplication>
#include <QPainter>
#include <QPainterPath>

namespace Signet {

QColor StateBadgeDelegate::colorFor(const QString& word)
{
    if (word == QLatin1String("next"))
        return QColor(0x2f, 0x6f, 0xd6);
    if (word == QLatin1String("active"))
        return QColor(0x1f, 0x9d, 0x55);
    if (word == QLatin1String("retiring") || word == QLatin1String("expired"))
        return QColor(0xc7, 0x7c, 0x02);
    if (word == QLatin1String("revoked"))
        return QColor(0xd0, 0x3b, 0x3b);
    return QColor(0x80, 0x80, 0x80);
}

void StateBadgeDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const
{
    paintBadge(painter, option, index, colorFor(index.data().toString()), OnSelectedRow::StateColour);
}

void StateBadgeDelegate::paintBadge(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index,
                                    const QColor& color, OnSelectedRow onSelectedRow) const
{
    QStyleOptionViewItem background = option;
    initStyleOption(&background, index);
    const QString word = background.text;
    background.text.clear();
    QStyle* style = background.widget ? background.widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &background, painter, background.widget);

    const QFontMetrics metrics(option.font);
    const int width = metrics.horizontalAdvance(word) + 16;
    const int height = metrics.height() + 4;
    const QRect pill(option.rect.left() + 6, option.rect.center().y() - height / 2 + 1, width, height);
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    QPainterPath path;
    path.addRoundedRect(pill, height / 2.0, height / 2.0);
    QColor fill = color;
    fill.setAlpha(40);
    painter->fillPath(path, fill);
    const bool highlighted =
        onSelectedRow == OnSelectedRow::HighlightedText && option.state.testFlag(QStyle::State_Selected);
    const QColor onHighlight = option.palette.color(QPalette::HighlightedText);
    painter->setPen(QPen(highlighted ? onHighlight : color, 1));
    painter->drawPath(path);
    // Darker text on a light background, lighter on a dark one.
    const bool darkBackground = option.palette.color(QPalette::Base).lightness() < 128;
    painter->setPen(highlighted ? onHighlight : darkBackground ? color.lighter(150) : color.darker(115));
    painter->drawText(pill, Qt::AlignCenter, word);
    painter->restore();
}

QSize StateBadgeDelegate::sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const
{
    QSize size = QStyledItemDelegate::sizeHint(option, index);
    size.setWidth(size.width() + 28);
    return size;
}

} // namespace Signet
