#pragma once

#include <QString>

namespace Signet {

// A PostgreSQL array literal ('{"a","b\"c"}'), built one element at a time, to bind a column of many
// rows as one value: Qt SQL costs about a microsecond per bound value, and PostgreSQL reads an array
// literal far faster than it takes apart JSON.
class PostgresArray
{
public:
    // Any text: quoted, with its quotes and backslashes escaped.
    void append(const QString& text);
    void append(qint64 number);
    // The literal, "{}" when empty.
    [[nodiscard]] QString literal() const;

private:
    void separate();

    QString m_elements;
};

} // namespace Signet
