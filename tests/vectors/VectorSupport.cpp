#include "VectorSupport.h"

#include "jose/Base64Url.h"
#include "support/TestSupport.h"

#include <QJsonDocument>
#include <QStringList>
#include <QtDebug>

#include <algorithm>

namespace Signet::Test::Vectors {

Expect expectFromResult(const QString& result)
{
    if (result == QLatin1String("valid"))
        return Expect::Valid;
    if (result == QLatin1String("acceptable"))
        return Expect::Either;
    if (result != QLatin1String("invalid"))
        qFatal("unknown vector result \"%s\"", qPrintable(result));
    return Expect::Invalid;
}

QString expectName(Expect expect)
{
    switch (expect) {
    case Expect::Valid:
        return QStringLiteral("valid");
    case Expect::Invalid:
        return QStringLiteral("invalid");
    case Expect::Either:
        return QStringLiteral("either");
    }
    return {};
}

QJsonObject readObject(const QString& relative)
{
    const QJsonDocument document = readJson(QStringLiteral("vectors/") + relative);
    if (!document.isObject())
        qFatal("test data vectors/%s is not a JSON object", qPrintable(relative));
    return document.object();
}

QJsonArray readArray(const QString& relative)
{
    const QJsonDocument document = readJson(QStringLiteral("vectors/") + relative);
    if (!document.isArray())
        qFatal("test data vectors/%s is not a JSON array", qPrintable(relative));
    return document.array();
}

QByteArray hex(const QJsonValue& value)
{
    return QByteArray::fromHex(value.toString().toLatin1());
}

std::optional<QByteArray> base64Url(QByteArrayView text)
{
    return Base64Url::decode(text);
}

QByteArray fitUnsigned(QByteArray value, int size)
{
    qsizetype leading = 0;
    while (leading < value.size() && value.size() - leading > size && value[leading] == '\0')
        ++leading;
    value.remove(0, leading);
    if (value.size() > size)
        return {};
    if (value.size() < size)
        value.prepend(QByteArray(size - value.size(), '\0'));
    return value;
}

QByteArray compactJson(const QJsonObject& object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

QByteArray withMember(const QJsonObject& object, const QString& name, const QString& value)
{
    QJsonObject copy = object;
    copy.insert(name, value);
    return compactJson(copy);
}

bool jwsAccepted(const VerificationReport& report)
{
    // The signature check runs only after format, header, algorithm, crit and key selection passed.
    return outcomeOf(report, CheckId::Format) == Outcome::Passed &&
           outcomeOf(report, CheckId::Signature) == Outcome::Passed;
}

Outcome outcomeOf(const VerificationReport& report, CheckId id)
{
    const Check* check = report.find(id);
    return check ? check->outcome : Outcome::Skipped;
}

QString describeReport(const VerificationReport& report)
{
    QStringList parts;
    for (const Check& check : report.checks()) {
        QString part = checkName(check.id) + QLatin1Char(':') +
                       (check.outcome == Outcome::Passed   ? QStringLiteral("passed")
                        : check.outcome == Outcome::Failed ? QStringLiteral("FAILED")
                                                           : QStringLiteral("skipped"));
        if (check.outcome == Outcome::Failed)
            part += QStringLiteral(" (") + check.reason + QLatin1Char(')');
        parts.append(part);
    }
    return parts.join(QLatin1Char(' '));
}

VerifyOptions jwsOptions()
{
    VerifyOptions options;
    options.requireExpiry = false;
    return options;
}

std::optional<VerificationReport> verifyWith(JwkSet keys, std::string_view token, VerifyOptions options)
{
    auto verifier = TokenVerifier::create(std::move(keys), std::move(options));
    if (!verifier)
        return std::nullopt;
    return verifier->verify(token);
}

bool verifyCompactSignature(const Jwk& key, Algorithm alg, std::string_view token)
{
    Jws::CompactParts parts;
    if (!Jws::split(token, parts))
        return false;
    std::string signature;
    if (!Base64Url::decode(parts.signature, signature))
        return false;
    return Jws::verifyBytes(key, alg, parts.signingInput, signature);
}

void CaseCounter::report() const
{
    QStringList names = m_passed.keys();
    std::sort(names.begin(), names.end());
    for (const QString& name : std::as_const(names))
        qInfo("%s: %d case(s) passed", qPrintable(name), m_passed.value(name));
}

} // namespace Signet::Test::Vectors
