// key rotate: the next key becomes active, the active one retires (or is revoked).

#include "cli/TypedOptions.h"
#include "cli/WorkspaceCommand.h"
#include "commands/Commands.h"
#include "commands/key/KeyMessages.h"
#include "foundation/Duration.h"
#include "workspace/Workspace.h"

namespace Signet::Cli {

namespace {

QString previousKeyLine(const SigningKeyRecord& previous, qint64 now)
{
    if (previous.state == KeyState::Revoked)
        return QStringLiteral("  revoked:  %1: out of the JWKS now; tokens it signed no longer verify\n")
            .arg(previous.kid);
    if (previous.retireAt && *previous.retireAt <= now)
        return QStringLiteral("  retired:  %1: out of the JWKS now\n").arg(previous.kid);
    return QStringLiteral("  retiring: %1 until %2 (%3); tokens it signed verify until then\n")
        .arg(previous.kid, Duration::formatUtc(previous.retireAt.value_or(now)),
             Duration::formatRelative(previous.retireAt.value_or(now), now));
}

class KeyRotate final : public ProjectCommand
{
public:
    static const QCommandLineOption RevokeOld;
    static const QCommandLineOption RetireAfter;
    static const QCommandLineOption PrepareNext;

    KeyRotate()
        : ProjectCommand(
              QStringLiteral("key rotate"),
              QStringLiteral("-p ID [--revoke-old | --retire-after DURATION] [--prepare-next]"),
              QStringLiteral("Make the next key active (or a new one of the same kind); the old one retires."),
              QStringLiteral(
                  "The old active key stays in the JWKS until its retire-at (default: the longer of the project's\n"
                  "maximum token lifetime and JWKS max-age), so tokens it signed keep verifying. --retire-after 0\n"
                  "unpublishes it at once; --revoke-old revokes it (the compromise path). --prepare-next also\n"
                  "generates the following key as 'next', so verifiers cache it before it signs."),
              JsonOutput::None)
    {
        addOptions({&RevokeOld, &RetireAfter, &PrepareNext});
    }

protected:
    Status validate(const Context& context) const override
    {
        if (context.isSet(RevokeOld) && context.isSet(RetireAfter))
            return fail(ErrorCode::InvalidArgument,
                        QStringLiteral("--revoke-old and --retire-after exclude each other"));
        if (auto delay = retireAfter(context); !delay)
            return std::unexpected(delay.error());
        return {};
    }

    CommandResult runOnProject(Context& context, Workspace& workspace, const QString& project) const override
    {
        RotateOptions options;
        options.revokeOld = context.isSet(RevokeOld);
        options.prepareNext = context.isSet(PrepareNext);
        options.retireAfter = *retireAfter(context);
        auto rotation = workspace.keys().rotate(project, options);
        if (!rotation)
            return std::unexpected(rotation.error());
        const qint64 now = SystemClock::instance().now();
        const SigningKeyRecord& active = rotation->activated;
        QString out = QStringLiteral("rotated the keys of project '%1'\n").arg(project);
        out += QStringLiteral("  active:   %1 (%2, %3), signs from now on\n")
                   .arg(active.kid, algorithmQName(active.algorithm), active.keyType);
        if (rotation->previous)
            out += previousKeyLine(*rotation->previous, now);
        if (const auto& prepared = rotation->prepared)
            out += QStringLiteral("  next:     %1 (prepared; published, not signing)\n").arg(prepared->kid);
        auto keys = workspace.keys().list(project);
        if (!keys)
            return std::unexpected(keys.error());
        out += QStringLiteral("the JWKS now holds: %1\n").arg(publishedSummary(*keys));
        context.output.text(out);
        return Success;
    }

private:
    // --retire-after: a duration, or 0 for "unpublish at once".
    static Result<std::optional<qint64>> retireAfter(const Context& context)
    {
        if (!context.isSet(RetireAfter))
            return std::optional<qint64>();
        const QString text = context.value(RetireAfter).trimmed();
        if (text == QLatin1String("0"))
            return std::optional<qint64>(0);
        auto delay = Duration::parse(text);
        if (!delay)
            return std::unexpected(delay.error().withContext(QStringLiteral("--retire-after")));
        return std::optional<qint64>(*delay);
    }
};

const QCommandLineOption KeyRotate::RevokeOld(QStringLiteral("revoke-old"),
                                              QStringLiteral("Revoke the old active key now."));
const QCommandLineOption KeyRotate::RetireAfter(QStringLiteral("retire-after"),
                                                QStringLiteral("How long the old key stays published (0: not at all)."),
                                                QStringLiteral("DURATION"));
const QCommandLineOption KeyRotate::PrepareNext(QStringLiteral("prepare-next"),
                                                QStringLiteral("Also generate the following key as next."));

} // namespace

std::unique_ptr<Command> Commands::keyRotate()
{
    return std::make_unique<KeyRotate>();
}

} // namespace Signet::Cli
