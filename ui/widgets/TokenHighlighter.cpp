#include "widgets/TokenHighlighter.h"

namespace Signet {

TokenHighlighter::TokenHighlighter(QTextDocument* document)
    : QSyntaxHighlighter(document)
{}

QColor TokenHighlighter::segmentColor(int segment)
{
    static const QColor colours[] = {QColor(0xd6, 0x3a, 0x3a), QColor(0x8b, 0x3f, 0xd9), QColor(0x1f, 0x7f, 0xd6)};
    return colours[std::clamp(segment, 0, 2)];
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
