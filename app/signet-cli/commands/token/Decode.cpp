// token decode: a token for reading, never verified.

#include "cli/Options.h"
#include "commands/Commands.h"
#include "foundation/Clock.h"
#include "foundation/JsonWriter.h"
#include "jose/TokenInspection.h"

namespace Signet::Cli {

namespace {

QString notesText(const TokenInspection& inspection)
{
    QString notes;
    for (const ClaimNote& note : inspection.claimNotes()) {
        if (note.meaning.isEmpty() && note.note.isEmpty())
            continue;
        const QString line = QStringLiteral("  %1  %2  %3").arg(note.name, -10).arg(note.meaning, -26).arg(note.note);
        notes += line.trimmed().prepend(QStringLiteral("  ")) + QLatin1Char('\n');
    }
    return notes;
}

QString render(const TokenInspection& inspection)
{
    QString out;
    if (inspection.hasHeader())
        out += QStringLiteral("Header\n") + inspection.prettyHeader() + QStringLiteral("\n\n");
    if (inspection.hasClaims()) {
        out += QStringLiteral("Claims\n") + inspection.prettyClaims() + QStringLiteral("\n\n");
    } else if (!inspection.rawPayload().isEmpty()) {
        out += QStringLiteral("Payload (not a JSON object)\n") + QString::fromUtf8(inspection.rawPayload()) +
               QStringLiteral("\n\n");
    }
    if (const QString notes = notesText(inspection); !notes.isEmpty())
        out += QStringLiteral("Notes\n") + notes + QLatin1Char('\n');
    if (inspection.segmentStart(TokenPart::Signature) >= 0)
        out +=
            QStringLiteral("Signature: %1 bytes (not verified; use 'token verify')\n").arg(inspection.signatureSize());
    if (!inspection.warnings().empty()) {
        out += QStringLiteral("\nWarnings\n");
        for (const TokenWarning& warning : inspection.warnings())
            out += QStringLiteral("  ⚠ %1\n").arg(warning.describe());
    }
    if (!inspection.problems().isEmpty()) {
        out += QStringLiteral("\nProblems\n");
        for (const TokenProblem& problem : inspection.problems())
            out += QStringLiteral("  ✗ %1\n").arg(problem.describe());
    }
    return out;
}

class TokenDecode final : public Command
{
public:
    TokenDecode()
        : Command(
              QStringLiteral("token decode"), QStringLiteral("[TOKEN|-] [--json]"),
              QStringLiteral("Decode a token for reading, without verifying it: header, claims with notes, warnings."),
              QStringLiteral(
                  "TOKEN may be a bare token, 'Bearer ...' or a whole 'Authorization:' line; '-' or none reads "
                  "stdin.\nExit code 0 when the token is well formed, 1 when it is not."))
    {
        setPositional({QStringLiteral("TOKEN"), QStringLiteral("The token, or - for stdin."), 0, 1, {}});
        addOption(&Options::Json);
    }

protected:
    CommandResult run(Context& context) const override
    {
        auto token = context.input.token(context.positional());
        if (!token)
            return std::unexpected(token.error());
        const TokenInspection inspection = TokenInspection::inspect(*token, SystemClock::instance().now());
        if (context.isSet(Options::Json))
            context.output.json(inspection.toJson());
        else
            context.output.text(render(inspection));
        if (!inspection.isWellFormed()) {
            context.output.error(
                QStringLiteral("token decode: malformed token: %1").arg(inspection.problems().front().describe()));
            return TokenInvalid;
        }
        return Success;
    }
};

} // namespace

std::unique_ptr<Command> Commands::tokenDecode()
{
    return std::make_unique<TokenDecode>();
}

} // namespace Signet::Cli
