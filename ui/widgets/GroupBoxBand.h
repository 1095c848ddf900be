#pragma once

#include <QColor>
#include <QWidget>

namespace Signet {

// A stretch of a group box's inside that paints its own background, in the colour the group box
// paints there. Widgets inside it that change often (a verdict line) then repaint only themselves
// and this band, not the group box behind them, whose frame the Fusion style paints from a pixmap
// scaled over its whole area. Where the style's inside is not one colour, the band stays see-through.
class GroupBoxBand : public QWidget
{
    Q_OBJECT

public:
    explicit GroupBoxBand(QWidget* parent = nullptr);

    // The colour painted, invalid while the band is see-through.
    [[nodiscard]] QColor fill() const { return m_fill; }

protected:
    void paintEvent(QPaintEvent* event) override;
    void changeEvent(QEvent* event) override;
    void showEvent(QShowEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;

private:
    void matchGroupBox();

    QColor m_fill;
};

} // namespace Signet
