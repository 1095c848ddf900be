#include "cli/TypedOptions.h"

#include "foundation/Duration.h"

#include <QDateTime>
#include <QRegularExpression>

namespace Signet::Cli {

namespace {

// The latest time Signet writes or reads: the last second of the year 9999.
constexpr qint64 kLatestTime = 253402300799;

Result<NotBefore> parseNotBefore(const QString& flag, const QString& text)
{
    static const QRegularExpression digits(QStringLiteral("^\\d+$"));
    if (text == QLatin1String("0") || text == QLatin1String("now"))
        return NotBefore{NotBefore::Kind::Delay, 0};
    if (digits.match(text).hasMatch() && text.size() >= 9) {
        bool ok = false;
        const qint64 at = text.toLongLong(&ok);
        if (!ok || at > kLatestTime)
            return fail(ErrorCode::InvalidArgument,
                        QStringLiteral("%1 '%2' is beyond the year 9999 (Unix seconds up to %3)")
                            .arg(flag, text)
                            .arg(kLatestTime));
        return NotBefore{NotBefore::Kind::At, at};
    }
    if (text.contains(QLatin1Char('-')) && text.contains(QLatin1Char(':'))) {
        const QDateTime when = QDateTime::fromString(text, Qt::ISODate);
        if (!when.isValid())
            return fail(ErrorCode::InvalidArgument, QStringLiteral("%1 '%2' is not an ISO 8601 time").arg(flag, text));
        return NotBefore{NotBefore::Kind::At, when.toSecsSinceEpoch()};
    }
    auto delay = Duration::parse(text);
    if (!delay)
        return fail(ErrorCode::InvalidArgument,
                    QStringLiteral("%1 '%2' is neither a time (Unix seconds, ISO 8601) nor a delay (90s, 15m, 1h)")
                        .arg(flag, text));
    return NotBefore{NotBefore::Kind::Delay, *delay};
}

QStringList splitList(const QStringList& values)
{
    QStringList items;
    for (const QString& value : values) {
        for (const QString& item : value.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
            if (!item.trimmed().isEmpty())
                items.append(item.trimmed());
        }
    }
    items.removeDuplicates();
    return items;
}

} // namespace

QString TypedOption::flag() const
{
    const QString& longest = names().back();
    return (longest.size() == 1 ? QStringLiteral("-") : QStringLiteral("--")) + longest;
}

Status DurationOption::check(const QCommandLineParser& parser) const
{
    for (const QString& value : parser.values(*this)) {
        if (auto seconds = Duration::parse(value); !seconds)
            return std::unexpected(seconds.error().withContext(flag()));
    }
    return {};
}

std::optional<qint64> DurationOption::read(const QCommandLineParser& parser) const
{
    if (!parser.isSet(*this))
        return std::nullopt;
    auto seconds = Duration::parse(parser.value(*this));
    return seconds ? std::optional<qint64>(*seconds) : std::nullopt;
}

IntegerOption::IntegerOption(const QStringList& names, const QString& description, const QString& valueName,
                             qint64 minimum, qint64 maximum, QString expected)
    : TypedOption(names, description, valueName)
    , m_minimum(minimum)
    , m_maximum(maximum)
    , m_expected(std::move(expected))
{}

Status IntegerOption::check(const QCommandLineParser& parser) const
{
    for (const QString& value : parser.values(*this)) {
        bool ok = false;
        const qint64 number = value.trimmed().toLongLong(&ok);
        if (!ok || number < m_minimum || number > m_maximum)
            return fail(ErrorCode::InvalidArgument,
                        QStringLiteral("%1 must be %2, not '%3'").arg(flag(), m_expected, value));
    }
    return {};
}

std::optional<qint64> IntegerOption::read(const QCommandLineParser& parser) const
{
    if (!parser.isSet(*this))
        return std::nullopt;
    return parser.value(*this).trimmed().toLongLong();
}

ChoiceOption::ChoiceOption(const QStringList& names, const QString& description, QStringList choices,
                           const QString& defaultValue, QString subject)
    : TypedOption(names, description, choices.join(QLatin1Char('|')), defaultValue)
    , m_choices(std::move(choices))
    , m_subject(std::move(subject))
{}

Status ChoiceOption::check(const QCommandLineParser& parser) const
{
    for (const QString& value : parser.values(*this)) {
        if (!m_choices.contains(value)) {
            QStringList alternatives = m_choices;
            const QString last = alternatives.takeLast();
            return fail(ErrorCode::InvalidArgument, QStringLiteral("%1 is %2 or %3, not '%4'")
                                                        .arg(m_subject.isEmpty() ? flag() : m_subject,
                                                             alternatives.join(QStringLiteral(", ")), last, value));
        }
    }
    return {};
}

QString ChoiceOption::read(const QCommandLineParser& parser) const
{
    return parser.value(*this);
}

Status AlgorithmOption::check(const QCommandLineParser& parser) const
{
    for (const QString& value : parser.values(*this)) {
        if (!algorithmFromName(value))
            return fail(ErrorCode::InvalidArgument, QStringLiteral("unknown algorithm '%1'").arg(value));
    }
    return {};
}

std::optional<Algorithm> AlgorithmOption::read(const QCommandLineParser& parser) const
{
    return parser.isSet(*this) ? algorithmFromName(parser.value(*this)) : std::nullopt;
}

Status AlgorithmListOption::check(const QCommandLineParser& parser) const
{
    for (const QString& name :
         parser.values(*this).join(QLatin1Char(',')).split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        if (!algorithmFromName(name.trimmed()))
            return fail(ErrorCode::InvalidArgument, QStringLiteral("unknown algorithm '%1' in %2").arg(name, flag()));
    }
    return {};
}

QList<Algorithm> AlgorithmListOption::read(const QCommandLineParser& parser) const
{
    QList<Algorithm> algorithms;
    for (const QString& name : parser.values(*this).join(QLatin1Char(',')).split(QLatin1Char(','), Qt::SkipEmptyParts))
        algorithms.append(*algorithmFromName(name.trimmed()));
    return algorithms;
}

Status ListOption::check(const QCommandLineParser& parser) const
{
    if (parser.isSet(*this) && splitList(parser.values(*this)).isEmpty())
        return fail(ErrorCode::InvalidArgument, QStringLiteral("%1 '%2' names nothing; leave the option out instead")
                                                    .arg(flag(), parser.values(*this).join(QLatin1Char(','))));
    return {};
}

QStringList ListOption::read(const QCommandLineParser& parser) const
{
    return splitList(parser.values(*this));
}

Status NotBeforeOption::check(const QCommandLineParser& parser) const
{
    for (const QString& value : parser.values(*this)) {
        if (auto parsed = parseNotBefore(flag(), value); !parsed)
            return std::unexpected(parsed.error());
    }
    return {};
}

std::optional<NotBefore> NotBeforeOption::read(const QCommandLineParser& parser) const
{
    if (!parser.isSet(*this))
        return std::nullopt;
    auto parsed = parseNotBefore(flag(), parser.value(*this));
    return parsed ? std::optional<NotBefore>(*parsed) : std::nullopt;
}

} // namespace Signet::Cli
