#pragma once

#include <QStyledItemDelegate>

namespace Signet {

// A sidebar project row: the name, and a health dot (green fine, amber warning, red no active key).
class ProjectItemDelegate : public QStyledItemDelegate
{
    Q_OBJECT

public:
    using QStyledItemDelegate::QStyledItemDelegate;
    void paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const override;
    QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override;
};

} // namespace Signet
