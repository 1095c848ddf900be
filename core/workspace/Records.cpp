#include "workspace/Records.h"

namespace Signet {

QString actorName(Actor actor)
{
    switch (actor) {
    case Actor::Gui:
        return QStringLiteral("gui");
    case Actor::Cli:
        return QStringLiteral("cli");
    case Actor::Server:
        return QStringLiteral("server");
    }
    return {};
}

QString keyStateName(KeyState state)
{
    switch (state) {
    case KeyState::Next:
        return QStringLiteral("next");
    case KeyState::Active:
        return QStringLiteral("active");
    case KeyState::Retiring:
        return QStringLiteral("retiring");
    case KeyState::Retired:
        return QStringLiteral("retired");
    case KeyState::Revoked:
        return QStringLiteral("revoked");
    }
    return {};
}

std::optional<KeyState> keyStateFromName(const QString& name)
{
    for (KeyState state :
         {KeyState::Next, KeyState::Active, KeyState::Retiring, KeyState::Retired, KeyState::Revoked}) {
        if (keyStateName(state) == name)
            return state;
    }
    return std::nullopt;
}

bool isPublished(KeyState state)
{
    return state == KeyState::Next || state == KeyState::Active || state == KeyState::Retiring;
}

bool isLegalTransition(KeyState from, KeyState to)
{
    switch (to) {
    case KeyState::Active:
        return from == KeyState::Next;
    case KeyState::Retiring:
        return from == KeyState::Active;
    case KeyState::Retired:
        return from == KeyState::Retiring;
    case KeyState::Revoked:
        return from != KeyState::Revoked && from != KeyState::Retired;
    case KeyState::Next:
        return false;
    }
    return false;
}

ApiKeyStatus ApiKeyRecord::status(qint64 now) const
{
    if (revokedAt)
        return ApiKeyStatus::Revoked;
    if (expiresAt && *expiresAt <= now)
        return ApiKeyStatus::Expired;
    return ApiKeyStatus::Usable;
}

OneTimeStatus LedgerEntry::oneTimeStatus(qint64 now) const
{
    if (!oneTime)
        return OneTimeStatus::NotOneTime;
    if (consumedAt)
        return OneTimeStatus::Used;
    return expiresAt <= now ? OneTimeStatus::Expired : OneTimeStatus::Unused;
}

} // namespace Signet
