#pragma once

#include <QColor>
#include <QList>
#include <QStringView>

namespace Signet {

// Where a token's header, payload and signature lie in the text that shows it, coloured as jwt.io
// users know them: header red, payload violet, signature blue. Text before a "Bearer " prefix on the
// first line and the dots between the segments stay plain. One pass over the text finds the dots; a
// character's segment is then a lookup, so a view colours only what it shows.
class TokenSegments
{
public:
    TokenSegments() = default;
    explicit TokenSegments(QStringView text);

    // The segment's colour for the current palette (lighter on a dark base).
    static QColor segmentColor(int segment);
    // 0 header, 1 payload, 2 signature (and anything after a third dot); -1 for plain text.
    [[nodiscard]] int segmentAt(qsizetype position) const;

private:
    qsizetype m_colouredFrom = 0;
    QList<qsizetype> m_dots; // the dots from m_colouredFrom on
};

} // namespace Signet
