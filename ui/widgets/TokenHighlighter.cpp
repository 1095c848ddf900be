#include "widgets/TokenHighlighter.h"

#include <QGuiApplication>
#include <QPalette>

namespace Signet {

TokenHighlighter::TokenHighlighter(QTextDocument* document)
    : QSyntaxHighlighter(document)
{}

QColor TokenHighlighter::segmentColor(int segment)
{
    // jwt.io's red, violet and blue, lighter on a dark base so that each keeps WCAG AA contrast.
    static const QColor light[] = {QColor(0xc6, 0x28, 0x28), QColor(0x7b, 0x2f, 0xc9), QColor(0x15, 0x65, 0xc0)};
    static const QColor dark[] = {QColor(0xff, 0x85, 0x85), QColor(0xc9, 0x9c, 0xff), QColor(0x74, 0xb8, 0xff)};
    const bool onDark = QGuiApplication::palette().color(QPalette::Base).lightness() < 128;
    const int index = segment < 0 ? 0 : segment > 2 ? 2 : segment;
    return (onDark ? dark : light)[index];
}

void TokenHighlighter::highlightBlock(const QString& text)
{
    int segment = std::max(0, previousBlockState());
    qsizetype start = 0;
    // A leading "Authorization:" or "Bearer" stays plain: only the token is coloured.
    if (previousBlockState() < 0) {
        const qsizetype bearer = text.indexOf(QLatin1String("Bearer "), 0, Qt::CaseInsensitive);
        if (bearer >= 0)
            start = bearer + 7;
    }
    qsizetype runStart = start;
    QTextCharFormat format;
    for (qsizetype i = start; i <= text.size(); ++i) {
        if (i == text.size() || text[i] == QLatin1Char('.')) {
            format.setForeground(segmentColor(segment));
            setFormat(int(runStart), int(i - runStart), format);
            if (i < text.size()) {
                setFormat(int(i), 1, QTextCharFormat());
                ++segment;
            }
            runStart = i + 1;
        }
    }
    setCurrentBlockState(segment);
}

} // namespace Signet
