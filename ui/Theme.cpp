#include "Theme.h"

#include "widgets/JsonHighlighter.h"

#include <QApplication>
#include <QPalette>
#include <QStyle>
#include <QWidget>

namespace Signet {

namespace {

struct Colours
{
    QColor window, text, base, alternateBase, button, highlight, highlightedText, link, placeholder, disabledText,
        light, mid, dark, shadow;
};

QPalette makePalette(const Colours& c)
{
    QPalette palette;
    palette.setColor(QPalette::Window, c.window);
    palette.setColor(QPalette::WindowText, c.text);
    palette.setColor(QPalette::Base, c.base);
    palette.setColor(QPalette::AlternateBase, c.alternateBase);
    palette.setColor(QPalette::ToolTipBase, c.base);
    palette.setColor(QPalette::ToolTipText, c.text);
    palette.setColor(QPalette::Text, c.text);
    palette.setColor(QPalette::Button, c.button);
    palette.setColor(QPalette::ButtonText, c.text);
    palette.setColor(QPalette::BrightText, QColor(0xff, 0x55, 0x55));
    palette.setColor(QPalette::Highlight, c.highlight);
    palette.setColor(QPalette::HighlightedText, c.highlightedText);
    palette.setColor(QPalette::Link, c.link);
    palette.setColor(QPalette::LinkVisited, c.link);
    palette.setColor(QPalette::PlaceholderText, c.placeholder);
    palette.setColor(QPalette::Light, c.light);
    palette.setColor(QPalette::Midlight, c.button.lighter(110));
    palette.setColor(QPalette::Mid, c.mid);
    palette.setColor(QPalette::Dark, c.dark);
    palette.setColor(QPalette::Shadow, c.shadow);
    for (QPalette::ColorRole role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText})
        palette.setColor(QPalette::Disabled, role, c.disabledText);
    palette.setColor(QPalette::Disabled, QPalette::Highlight, c.mid);
    palette.setColor(QPalette::Disabled, QPalette::HighlightedText, c.disabledText);
    return palette;
}

QPalette lightPalette()
{
    return makePalette({QColor(0xef, 0xef, 0xef), QColor(0x1f, 0x1f, 0x1f), QColor(0xff, 0xff, 0xff),
                        QColor(0xf5, 0xf5, 0xf5), QColor(0xef, 0xef, 0xef), QColor(0x30, 0x8c, 0xc6),
                        QColor(0xff, 0xff, 0xff), QColor(0x0b, 0x57, 0xd0), QColor(0x6e, 0x6e, 0x6e),
                        QColor(0x9e, 0x9e, 0x9e), QColor(0xff, 0xff, 0xff), QColor(0xb8, 0xb8, 0xb8),
                        QColor(0x9f, 0x9f, 0x9f), QColor(0x76, 0x76, 0x76)});
}

QPalette darkPalette()
{
    return makePalette({QColor(0x2b, 0x2b, 0x2b), QColor(0xe6, 0xe6, 0xe6), QColor(0x1e, 0x1e, 0x1e),
                        QColor(0x30, 0x30, 0x30), QColor(0x35, 0x35, 0x35), QColor(0x2f, 0x65, 0xca),
                        QColor(0xff, 0xff, 0xff), QColor(0x6c, 0xb4, 0xff), QColor(0x8a, 0x8a, 0x8a),
                        QColor(0x7f, 0x7f, 0x7f), QColor(0x4a, 0x4a, 0x4a), QColor(0x24, 0x24, 0x24),
                        QColor(0x1a, 0x1a, 0x1a), QColor(0x0d, 0x0d, 0x0d)});
}

} // namespace

namespace {

const char* const kToneProperty = "signetTone";

void paintTone(QWidget* widget, Tone tone)
{
    QPalette palette = widget->palette();
    palette.setColor(QPalette::WindowText, toneColor(tone));
    palette.setColor(QPalette::Text, toneColor(tone));
    widget->setPalette(palette);
}

} // namespace

QColor toneColor(Tone tone)
{
    const bool dark = QApplication::palette().color(QPalette::Window).lightness() < 128;
    switch (tone) {
    case Tone::Error:
        return dark ? QColor(0xff, 0x8a, 0x80) : QColor(0xb3, 0x26, 0x1e);
    case Tone::Warning:
        return dark ? QColor(0xf2, 0xb4, 0x5a) : QColor(0x8a, 0x52, 0x00);
    case Tone::Success:
        return dark ? QColor(0x5f, 0xd3, 0x8d) : QColor(0x16, 0x74, 0x3c);
    }
    return QApplication::palette().color(QPalette::WindowText);
}

void setTone(QWidget* widget, Tone tone)
{
    widget->setProperty(kToneProperty, static_cast<int>(tone));
    paintTone(widget, tone);
}

void clearTone(QWidget* widget)
{
    widget->setProperty(kToneProperty, QVariant());
    widget->setPalette(QPalette());
}

void applyTheme(const QString& theme)
{
    // The palette before any theme was applied: what "system" goes back to.
    static const QPalette original = QApplication::palette();
    if (theme == QLatin1String("light"))
        QApplication::setPalette(lightPalette());
    else if (theme == QLatin1String("dark"))
        QApplication::setPalette(darkPalette());
    else
        QApplication::setPalette(original);
    for (QWidget* widget : QApplication::allWidgets()) {
        if (const QVariant tone = widget->property(kToneProperty); tone.isValid())
            paintTone(widget, static_cast<Tone>(tone.toInt()));
        // A style sheet's widget keeps the palette of when it was polished (dark text on a dark
        // theme's warning band) until polished again.
        if (!widget->styleSheet().isEmpty()) {
            widget->style()->unpolish(widget);
            widget->style()->polish(widget);
            widget->update();
        }
    }
    // Highlighted JSON is coloured as it is laid out: lay it out again in the new theme's colours.
    for (QWidget* window : QApplication::topLevelWidgets()) {
        for (JsonHighlighter* highlighter : window->findChildren<JsonHighlighter*>())
            highlighter->rehighlight();
    }
}

} // namespace Signet
