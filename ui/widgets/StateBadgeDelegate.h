#pragma once

#include <QStyledItemDelegate>

namespace Signet {

// Key states (and API key statuses) as small rounded pills with the word, never colour alone:
// next blue, active green, retiring amber, retired grey, revoked red.
class StateBadgeDelegate : public QStyledItemDelegate
{
    Q_OBJECT

public:
    using QStyledItemDelegate::QStyledItemDelegate;
    void paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const override;
    QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override;

    static QColor colorFor(const QString& word);

protected:
    // What a badge's outline and word take on a selected row.
    enum class OnSelectedRow
    {
        StateColour,
        HighlightedText, // the state colour would fight the highlight
    };
    // The cell's background, then its text as a pill in the colour given.
    void paintBadge(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index,
                    const QColor& color, OnSelectedRow onSelectedRow) const;
};

} // namespace Signet
