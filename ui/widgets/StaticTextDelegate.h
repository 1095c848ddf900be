#pragma once

#include <QCache>
#include <QStaticText>
#include <QStyledItemDelegate>

namespace Signet {

// An item delegate for a view whose cells are plain text on one line (no icons, no check boxes): it
// paints each text from a layout kept from its last paint, where the styled delegate lays the text
// out again, twice, at every paint. A new token's claims repaint a handful of cells, and laying out
// their text was a fifth of the Inspector's time to show it.
class StaticTextDelegate : public QStyledItemDelegate
{
    Q_OBJECT

public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const override;
    // The styled delegate's size with a gap after the text: a column sized to its contents no longer
    // runs into the next one ("…/p/payments""issuer").
    [[nodiscard]] QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override;

private:
    // The text laid out in the font, shortened with "…" to `width` when it is wider.
    const QStaticText& laidOut(const QString& text, const QFont& font, int width) const;
    const QStaticText& layout(const QString& key, const QString& text, const QFont& font) const;

    mutable QCache<QString, QStaticText> m_layouts{512};
};

} // namespace Signet
