#pragma once

#include "foundation/Error.h"
#include "foundation/JsonValue.h"
#include "foundation/VisibleText.h"
#include "jose/VerificationReport.h"

#include <QByteArrayView>
#include <QIODevice>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace Signet::Cli {

// The presenter: every line signet-cli prints goes through here. Text is escaped on its way out, so
// nothing from a token, a key file or a workspace can move the cursor, recolour the terminal or
// print a fake verdict: control characters, DEL, C1 controls and bidirectional overrides are shown
// as \x1b-style escapes.
class Output
{
public:
    Output(QIODevice& out, QIODevice& err);

    // Text as given (its line breaks kept), escaped.
    void text(const QString& text);
    // One line: line breaks inside it are escaped too.
    void line(const QString& line);
    // Bytes Signet produced itself (a token, a JWKS, a key file written to stdout).
    void raw(QByteArrayView bytes);
    // An indented JSON document and a newline.
    void json(const JsonValue& value);
    // Columns padded to their widest cell; the last one is not padded. Cells are single lines.
    void table(const QStringList& headers, const QList<QStringList>& rows);
    // VALID or INVALID, then every check (failures first), then warnings.
    // `ledger`: the workspace's one-time line, apart from the report (see ProjectVerification).
    void verdict(const VerificationReport& report, const std::optional<Check>& ledger = std::nullopt);

    // One line on stderr, "signet-cli: " first.
    void error(const QString& message);
    // One line on stderr, "signet-cli: warning: " first; the command goes on.
    void warning(const QString& message);

    // "\x1b[31m" for ESC [ 3 1 m; line breaks kept or escaped as asked.
    using LineBreaks = Signet::LineBreaks;
    static QString escape(QStringView text, LineBreaks lineBreaks = LineBreaks::Escape);
    // "2026-11-22 14:13:05" (UTC) for tables, "-" for none.
    static QString tableTime(std::optional<qint64> when);

private:
    void write(QIODevice& device, const QString& text);

    QIODevice& m_out;
    QIODevice& m_err;
};

} // namespace Signet::Cli
