#pragma once

#include <QProxyStyle>

namespace Signet {

// Fusion, with check box and radio button frames that show on every palette. Fusion draws those
// frames in its window colour made darker, which on the dark theme's base (#1e1e1e) is #222222: an
// unticked scope in the Mint tab was no box at all. Here the frame is the base colour taken 60 % of the way
// to the text colour: at least 3:1 against base and window (WCAG's contrast for a control's outline).
class IndicatorStyle : public QProxyStyle
{
    Q_OBJECT

public:
    IndicatorStyle();

    // The frame colour of check boxes and radio buttons drawn with this palette.
    static QColor frameColor(const QPalette& palette);

    void drawPrimitive(PrimitiveElement element, const QStyleOption* option, QPainter* painter,
                       const QWidget* widget = nullptr) const override;
};

} // namespace Signet
