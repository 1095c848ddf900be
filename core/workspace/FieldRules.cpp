#include "workspace/FieldRules.h"

#include <QUrl>

namespace Signet::FieldRules {

namespace {

bool hasControlCharacter(const QString& text)
{
    for (const QChar c : text) {
        const char16_t u = c.unicode();
        if (u < 0x20 || (u >= 0x7F && u <= 0x9F) || u == 0x2028 || u == 0x2029)
            return true;
    }
    return false;
}

// Control characters shown as escapes, so that the error itself prints safely.
QString visible(const QString& text)
{
    QString out;
    for (const QChar c : text) {
        const char16_t u = c.unicode();
        if (u < 0x20 || (u >= 0x7F && u <= 0x9F) || u == 0x2028 || u == 0x2029)
            out += QStringLiteral("\\x%1").arg(uint(u), 2, 16, QLatin1Char('0'));
        else
            out += c;
    }
    return out;
}

bool isLoopback(const QString& host)
{
    return host == QLatin1String("localhost") || host == QLatin1String("127.0.0.1") || host == QLatin1String("::1");
}

} // namespace

Status checkIssuer(const QString& issuer)
{
    const auto refuse = [&issuer](const QString& why) {
        return fail(ErrorCode::InvalidArgument,
                    QStringLiteral("the issuer '%1' %2; an issuer is an https URL such as https://auth.example.com "
                                   "(http only for localhost)")
                        .arg(visible(issuer), why));
    };
    if (issuer.isEmpty())
        return fail(ErrorCode::InvalidArgument, QStringLiteral("the issuer is empty; an issuer is an https URL such "
                                                               "as https://auth.example.com"));
    if (hasControlCharacter(issuer))
        return refuse(QStringLiteral("holds a control character or a line break"));
    if (issuer.contains(QLatin1Char(' ')))
        return refuse(QStringLiteral("holds a space"));
    const QUrl url(issuer, QUrl::StrictMode);
    if (!url.isValid() || url.host().isEmpty())
        return refuse(QStringLiteral("is not a URL"));
    if (url.hasQuery() || url.hasFragment())
        return refuse(QStringLiteral("has a query or a fragment"));
    if (url.scheme() == QLatin1String("https"))
        return {};
    if (url.scheme() == QLatin1String("http") && isLoopback(url.host()))
        return {};
    if (url.scheme() == QLatin1String("http"))
        return refuse(QStringLiteral("uses http for a host other than localhost"));
    return refuse(QStringLiteral("is not an https URL"));
}

Status checkClaimText(const QString& what, const QString& text)
{
    if (hasControlCharacter(text))
        return fail(ErrorCode::InvalidArgument,
                    QStringLiteral("the %1 '%2' holds a control character or a line break").arg(what, visible(text)));
    if (text != text.trimmed())
        return fail(
            ErrorCode::InvalidArgument,
            QStringLiteral("the %1 '%2' has spaces at its start or end; verifiers compare it exactly").arg(what, text));
    return {};
}

Status checkName(const QString& what, const QString& name)
{
    if (hasControlCharacter(name))
        return fail(ErrorCode::InvalidArgument,
                    QStringLiteral("the %1 '%2' holds a control character or a line break").arg(what, visible(name)));
    return {};
}

Status checkKeyId(const QString& kid)
{
    if (kid.isEmpty() || kid.size() > 128)
        return fail(ErrorCode::InvalidArgument, QStringLiteral("a kid has 1 to 128 characters"));
    for (const QChar c : kid) {
        if (c.unicode() <= 0x20 || c.unicode() >= 0x7F)
            return fail(ErrorCode::InvalidArgument,
                        QStringLiteral("the kid '%1' holds a character outside printable ASCII (no spaces): kids "
                                       "travel in token headers and JWKS documents")
                            .arg(visible(kid)));
    }
    return {};
}

} // namespace Signet::FieldRules
