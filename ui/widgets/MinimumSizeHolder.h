#pragma once

#include <QWidget>

namespace Signet {

// Holds one widget, filling itself with it, and asks a scroll area for no more than the widget's
// minimum size. A QScrollArea sizes a widget whose layout has height-for-width (any word-wrapped
// label) to its preferred height, and so scrolled a page that fitted: the Mint tab and the Inspector
// in a 1024×700 window. Held, the page fills the window and scrolls only when the window is shorter
// than the page's minimum.
class MinimumSizeHolder : public QWidget
{
    Q_OBJECT

public:
    explicit MinimumSizeHolder(QWidget* held, QWidget* parent = nullptr);

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    bool event(QEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;

private:
    QWidget* m_held;
};

} // namespace Signet
