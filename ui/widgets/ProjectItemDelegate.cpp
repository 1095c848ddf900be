#include "widgets/ProjectItemDelegate.h"

#include "models/ProjectListModel.h"

#include <QPainter>

namespace Signet {

void ProjectItemDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const
{
    QStyledItemDelegate::paint(painter, option, index);
    QColor color(0x1f, 0x9d, 0x55);
    switch (HealthLevel(index.data(ProjectListModel::HealthRole).toInt())) {
    case HealthLevel::Fine:
        break;
    case HealthLevel::Warning:
        color = QColor(0xe0, 0x9a, 0x10);
        break;
    case HealthLevel::Broken:
        color = QColor(0xd0, 0x3b, 0x3b);
        break;
    }
    const int diameter = 8;
    const QRect dot(option.rect.right() - 12 - diameter, option.rect.center().y() - diameter / 2, diameter, diameter);
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setPen(Qt::NoPen);
    painter->setBrush(color);
    painter->drawEllipse(dot);
    painter->restore();
}

QSize ProjectItemDelegate::sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const
{
    QSize size = QStyledItemDelegate::sizeHint(option, index);
    size.setHeight(std::max(size.height() + 8, 28));
    return size;
}

} // namespace Signet
