#pragma once

#include <QColor>
#include <QString>

class QWidget;

namespace Signet {

// Sets the application palette: "light" or "dark" (palettes made for the Fusion style, which main()
// selects), or "system" for the palette the application had before the first call. Anything else
// counts as "system".
void applyTheme(const QString& theme);

// Text that says something is wrong, worth a look, or fine.
enum class Tone
{
    Error,
    Warning,
    Success
};
// The tone's colour for the current palette, with at least WCAG AA contrast (4.5:1) on its window
// and base colours, light or dark.
QColor toneColor(Tone tone);
// Gives the widget's text that tone, now and after every theme change.
void setTone(QWidget* widget, Tone tone);
// The widget's text in the palette's colour again.
void clearTone(QWidget* widget);

} // namespace Signet
