#include "commands/key/KeyMessages.h"

namespace Signet::Cli {

QString keyAddedMessage(const SigningKeyRecord& key, const QString& verb)
{
    QString text =
        QStringLiteral("%1 %2 key (%3) for project '%4': kid %5, %6\n")
            .arg(verb, algorithmQName(key.algorithm), key.keyType, key.projectId, key.kid, keyStateName(key.state));
    if (key.state == KeyState::Next)
        text += QStringLiteral("it is published in the JWKS as 'next'; 'signet-cli key rotate -p %1' makes it active\n")
                    .arg(key.projectId);
    else
        text += QStringLiteral("it signs the project's tokens from now on\n");
    return text;
}

QString publishedSummary(const QList<SigningKeyRecord>& keys)
{
    QStringList published;
    for (const SigningKeyRecord& key : keys) {
        if (isPublished(key.state))
            published.append(QStringLiteral("%1 (%2)").arg(key.kid, keyStateName(key.state)));
    }
    return published.isEmpty() ? QStringLiteral("no keys") : published.join(QStringLiteral(", "));
}

} // namespace Signet::Cli
