#include "workspace/PostgresArray.h"

namespace Signet {

void PostgresArray::separate()
{
    if (!m_elements.isEmpty())
        m_elements += QLatin1Char(',');
}

void PostgresArray::append(const QString& text)
{
    separate();
    m_elements += QLatin1Char('"');
    for (QChar c : text) {
        if (c == QLatin1Char('"') || c == QLatin1Char('\\'))
            m_elements += QLatin1Char('\\');
        m_elements += c;
    }
    m_elements += QLatin1Char('"');
}

void PostgresArray::append(qint64 number)
{
    separate();
    m_elements += QString::number(number);
}

QString PostgresArray::literal() const
{
    return QLatin1Char('{') + m_elements + QLatin1Char('}');
}

} // namespace Signet
