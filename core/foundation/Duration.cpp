#include "foundation/Duration.h"

#include <QDateTime>
#include <QTimeZone>

#include <algorithm>
#include <cmath>
#include <limits>

namespace Signet::Duration {

Result<qint64> parse(const QString& text)
{
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty())
        return fail(ErrorCode::InvalidArgument, QStringLiteral("empty duration"));

    qint64 unit = 1;
    QStringView digits = trimmed;
    switch (trimmed.back().unicode()) {
    case 's':
        unit = 1;
        digits.chop(1);
        break;
    case 'm':
        unit = 60;
        digits.chop(1);
        break;
    case 'h':
        unit = 3600;
        digits.chop(1);
        break;
    case 'd':
        unit = 86400;
        digits.chop(1);
        break;
    default:
        break;
    }
    bool ok = false;
    const qint64 value = digits.toLongLong(&ok);
    const bool onlyDigits =
        !digits.isEmpty() && std::all_of(digits.begin(), digits.end(), [](QChar c) { return c.isDigit(); });
    if (!ok || !onlyDigits)
        return fail(ErrorCode::InvalidArgument,
                    QStringLiteral("'%1' is not a duration (use 90, 90s, 15m, 1h or 7d)").arg(text));
    if (value <= 0)
        return fail(ErrorCode::InvalidArgument, QStringLiteral("duration '%1' must be greater than zero").arg(text));
    // A hundred years is longer than any key or token should live; more is a typo.
    constexpr qint64 kLongest = 36500LL * 86400;
    if (value > kLongest / unit)
        return fail(ErrorCode::InvalidArgument, QStringLiteral("duration '%1' is too long (at most 36500d)").arg(text));
    return value * unit;
}

QString formatSpan(qint64 seconds)
{
    seconds = qAbs(seconds);
    if (seconds < 60)
        return QStringLiteral("%1 s").arg(seconds);
    if (seconds < 3600)
        return QStringLiteral("%1 min").arg(seconds / 60);
    if (seconds < 86400) {
        const qint64 minutes = (seconds % 3600) / 60;
        return minutes ? QStringLiteral("%1 h %2 min").arg(seconds / 3600).arg(minutes)
                       : QStringLiteral("%1 h").arg(seconds / 3600);
    }
    const qint64 hours = (seconds % 86400) / 3600;
    return hours && seconds < 7 * 86400 ? QStringLiteral("%1 d %2 h").arg(seconds / 86400).arg(hours)
                                        : QStringLiteral("%1 d").arg(seconds / 86400);
}

QString formatRelative(qint64 when, qint64 now)
{
    const qint64 delta = when - now;
    if (delta == 0)
        return QStringLiteral("now");
    return delta > 0 ? QStringLiteral("in %1").arg(formatSpan(delta)) : QStringLiteral("%1 ago").arg(formatSpan(delta));
}

namespace {
constexpr double kEarliest = -62135596800.0; // 0001-01-01
constexpr double kLatest = 253402300799.0;   // 9999-12-31 23:59:59
} // namespace

bool isRepresentable(double numericDate)
{
    return std::isfinite(numericDate) && numericDate >= kEarliest && numericDate < kLatest + 1.0;
}

QString unrepresentableDate(const QString& claim, double numericDate)
{
    return QStringLiteral("%1: %2 is not a time Signet can represent (seconds since 1970 within the years 1 to 9999)")
        .arg(claim, QString::number(numericDate, 'g', 17));
}

qint64 toSeconds(double numericDate)
{
    if (std::isnan(numericDate))
        return 0;
    return static_cast<qint64>(std::floor(std::clamp(numericDate, kEarliest, kLatest)));
}

QString formatUtc(qint64 when)
{
    return QDateTime::fromSecsSinceEpoch(when, QTimeZone::utc()).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")) +
           QStringLiteral(" UTC");
}

} // namespace Signet::Duration
