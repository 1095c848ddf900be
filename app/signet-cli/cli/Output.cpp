#include "cli/Output.h"

#include <QFileDevice>

#include "foundation/JsonWriter.h"
#include "foundation/VisibleText.h"

#include <QDateTime>

namespace Signet::Cli {

namespace {

const QString kMark[] = {QStringLiteral("✓"), QStringLiteral("✗"), QStringLiteral("-")};

// JSON text is safe for a terminal once the hazardous characters that JSON allows raw inside
// strings (DEL, C1, bidi controls) are written as \u escapes, which mean the same to a JSON reader.
QString escapeJson(const QString& json)
{
    QString out;
    out.reserve(json.size());
    for (const char32_t c : json.toUcs4()) {
        if (c >= 0x20 && isHazardousCharacter(c))
            out += QStringLiteral("\\u%1").arg(static_cast<uint>(c), 4, 16, QLatin1Char('0'));
        else
            out += QString::fromUcs4(&c, 1);
    }
    return out;
}

} // namespace

Output::Output(QIODevice& out, QIODevice& err)
    : m_out(out)
    , m_err(err)
{}

QString Output::escape(QStringView text, LineBreaks lineBreaks)
{
    return visibleText(text, lineBreaks);
}

QString Output::tableTime(std::optional<qint64> when)
{
    if (!when)
        return QStringLiteral("-");
    return QDateTime::fromSecsSinceEpoch(*when, Qt::UTC).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
}

void Output::write(QIODevice& device, const QString& text)
{
    const QByteArray utf8 = text.toUtf8();
    device.write(utf8);
    // Standard streams are stdio FILEs, fully buffered into a file or pipe: a long-running command
    // (serve) must show each line when it is printed.
    if (auto* file = qobject_cast<QFileDevice*>(&device))
        file->flush();
}

void Output::text(const QString& text)
{
    write(m_out, escape(text, LineBreaks::Keep));
}

void Output::line(const QString& line)
{
    write(m_out, escape(line) + QLatin1Char('\n'));
}

void Output::raw(QByteArrayView bytes)
{
    m_out.write(bytes.data(), bytes.size());
}

void Output::json(const JsonValue& value)
{
    write(m_out, escapeJson(QString::fromStdString(JsonWriter::write(value, JsonWriter::Style::Indented))) +
                     QLatin1Char('\n'));
}

void Output::table(const QStringList& headers, const QList<QStringList>& rows)
{
    QList<QStringList> cells{headers};
    for (const QStringList& row : rows) {
        QStringList escaped;
        for (const QString& cell : row)
            escaped.append(escape(cell));
        cells.append(escaped);
    }
    QList<qsizetype> widths(headers.size(), 0);
    for (const QStringList& row : cells) {
        for (qsizetype i = 0; i < row.size() && i < widths.size(); ++i)
            widths[i] = std::max(widths[i], row[i].size());
    }
    QString out;
    for (const QStringList& row : cells) {
        for (qsizetype i = 0; i < row.size(); ++i)
            out += i + 1 == row.size() ? row[i] : row[i].leftJustified(widths[i]) + QStringLiteral("  ");
        out += QLatin1Char('\n');
    }
    write(m_out, out);
}

void Output::verdict(const VerificationReport& report, const std::optional<Check>& ledger)
{
    const bool accepted = report.isValid() && (!ledger || ledger->outcome != Outcome::Failed);
    QString out = accepted ? QStringLiteral("VALID\n") : QStringLiteral("INVALID\n");
    // Failures first: they are what the reader is looking for.
    for (Outcome wanted : {Outcome::Failed, Outcome::Passed, Outcome::Skipped}) {
        const QString& mark = kMark[static_cast<int>(wanted)];
        if (ledger && ledger->outcome == wanted)
            out += QStringLiteral("  %1 %2: %3\n").arg(mark, checkName(ledger->id), escape(ledger->reason));
        for (const Check& check : report.checks()) {
            if (check.outcome == wanted)
                out += QStringLiteral("  %1 %2\n").arg(mark, escape(report.message(check)));
        }
    }
    for (const TokenWarning& warning : report.warnings())
        out += QStringLiteral("  ⚠ %1\n").arg(escape(warning.describe()));
    write(m_out, out);
}

void Output::warning(const QString& message)
{
    error(QStringLiteral("warning: ") + message);
}

void Output::error(const QString& message)
{
    QString single = message;
    single.replace(QLatin1Char('\n'), QLatin1Char(' '));
    write(m_err, QStringLiteral("signet-cli: ") + escape(single) + QLatin1Char('\n'));
}

} // namespace Signet::Cli
