#pragma once

// Options that know the type of their value: each checks its own value right after parsing (before a
// command opens anything), and reads it as that type. A bad value is an error naming the flag.

#include "foundation/Error.h"
#include "jose/Algorithm.h"

#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QStringList>

#include <optional>

namespace Signet::Cli {

class TypedOption : public QCommandLineOption
{
public:
    using QCommandLineOption::QCommandLineOption;
    virtual ~TypedOption() = default;
    // Whether every value given is valid; an error naming the flag otherwise.
    [[nodiscard]] virtual Status check(const QCommandLineParser& parser) const = 0;

protected:
    [[nodiscard]] QString flag() const; // "--ttl"
};

// "90", "90s", "15m", "1h", "7d": a positive number of seconds.
class DurationOption final : public TypedOption
{
public:
    using TypedOption::TypedOption;
    [[nodiscard]] Status check(const QCommandLineParser& parser) const override;
    [[nodiscard]] std::optional<qint64> read(const QCommandLineParser& parser) const;
};

// A whole number within [minimum, maximum]; `expected` completes "--limit must be ...".
class IntegerOption final : public TypedOption
{
public:
    IntegerOption(const QStringList& names, const QString& description, const QString& valueName, qint64 minimum,
                  qint64 maximum, QString expected);
    [[nodiscard]] Status check(const QCommandLineParser& parser) const override;
    [[nodiscard]] std::optional<qint64> read(const QCommandLineParser& parser) const;

private:
    qint64 m_minimum;
    qint64 m_maximum;
    QString m_expected;
};

// One of a fixed set of words.
class ChoiceOption final : public TypedOption
{
public:
    // `subject` names the value in errors ("--curve for EdDSA"), the flag by default.
    ChoiceOption(const QStringList& names, const QString& description, QStringList choices,
                 const QString& defaultValue = {}, QString subject = {});
    [[nodiscard]] Status check(const QCommandLineParser& parser) const override;
    [[nodiscard]] QString read(const QCommandLineParser& parser) const;

private:
    QStringList m_choices;
    QString m_subject;
};

// A JWS algorithm name, exactly as registered ("none" is not one).
class AlgorithmOption final : public TypedOption
{
public:
    using TypedOption::TypedOption;
    [[nodiscard]] Status check(const QCommandLineParser& parser) const override;
    [[nodiscard]] std::optional<Algorithm> read(const QCommandLineParser& parser) const;
};

// Algorithms, comma-separated and repeatable: an allow-list.
class AlgorithmListOption final : public TypedOption
{
public:
    using TypedOption::TypedOption;
    [[nodiscard]] Status check(const QCommandLineParser& parser) const override;
    [[nodiscard]] QList<Algorithm> read(const QCommandLineParser& parser) const;
};

// Words, comma-separated and repeatable ("--scope a,b --scope c"); given, it must name at least one.
class ListOption final : public TypedOption
{
public:
    using TypedOption::TypedOption;
    [[nodiscard]] Status check(const QCommandLineParser& parser) const override;
    [[nodiscard]] QStringList read(const QCommandLineParser& parser) const;
};

// --nbf: an absolute time (Unix seconds, or ISO 8601 such as 2026-11-23T10:00:00Z) or a delay (90s, 15m).
struct NotBefore
{
    enum class Kind
    {
        At,
        Delay
    };
    Kind kind = Kind::Delay;
    qint64 value = 0;
};
class NotBeforeOption final : public TypedOption
{
public:
    using TypedOption::TypedOption;
    [[nodiscard]] Status check(const QCommandLineParser& parser) const override;
    [[nodiscard]] std::optional<NotBefore> read(const QCommandLineParser& parser) const;
};

} // namespace Signet::Cli
