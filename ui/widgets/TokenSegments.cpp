#include "widgets/TokenSegments.h"

#include <QGuiApplication>
#include <QPalette>

#include <algorithm>

namespace Signet {

TokenSegments::TokenSegments(QStringView text)
{
    // A leading "Authorization:" or "Bearer" stays plain: only the token is coloured.
    const QStringView firstLine = text.left(text.indexOf(QLatin1Char('\n')));
    const qsizetype bearer = firstLine.indexOf(QLatin1String("Bearer "), 0, Qt::CaseInsensitive);
    m_colouredFrom = bearer >= 0 ? bearer + 7 : 0;
    for (qsizetype dot = text.indexOf(QLatin1Char('.'), m_colouredFrom); dot >= 0;
         dot = text.indexOf(QLatin1Char('.'), dot + 1))
        m_dots.append(dot);
}

QColor TokenSegments::segmentColor(int segment)
{
    // jwt.io's red, violet and blue, lighter on a dark base so that each keeps WCAG AA contrast.
    static const QColor light[] = {QColor(0xc6, 0x28, 0x28), QColor(0x7b, 0x2f, 0xc9), QColor(0x15, 0x65, 0xc0)};
    static const QColor dark[] = {QColor(0xff, 0x85, 0x85), QColor(0xc9, 0x9c, 0xff), QColor(0x74, 0xb8, 0xff)};
    const bool onDark = QGuiApplication::palette().color(QPalette::Base).lightness() < 128;
    const int index = segment < 0 ? 0 : segment > 2 ? 2 : segment;
    return (onDark ? dark : light)[index];
}

int TokenSegments::segmentAt(qsizetype position) const
{
    if (position < m_colouredFrom)
        return -1;
    const auto dot = std::lower_bound(m_dots.cbegin(), m_dots.cend(), position);
    if (dot != m_dots.cend() && *dot == position)
        return -1;
    return int(std::min<qsizetype>(2, dot - m_dots.cbegin()));
}

} // namespace Signet
