#include "jose/TokenInspection.h"

#include "foundation/Duration.h"
#include "foundation/JsonWriter.h"
#include "foundation/StrictJson.h"
#include "jose/Base64Url.h"

#include <cmath>

namespace Signet {

namespace {

QString qs(const std::string& s)
{
    return QString::fromStdString(s);
}

QString partName(TokenPart part)
{
    switch (part) {
    case TokenPart::Header:
        return QStringLiteral("header");
    case TokenPart::Payload:
        return QStringLiteral("payload");
    case TokenPart::Signature:
        return QStringLiteral("signature");
    }
    return {};
}

QString claimMeaning(const std::string& name)
{
    static const std::pair<const char*, const char*> kMeanings[] = {
        {"iss", "issuer"},
        {"sub", "subject"},
        {"aud", "audience"},
        {"exp", "expiration time"},
        {"nbf", "not before"},
        {"iat", "issued at"},
        {"jti", "JWT ID (unique token id)"},
        {"scope", "scopes (space-separated)"},
        {"scp", "scopes"},
        {"azp", "authorized party"},
        {"nonce", "nonce"},
        {"auth_time", "time of authentication"},
        {"sid", "session id"},
        {"client_id", "client id"},
        {"roles", "roles"},
        {"permissions", "permissions"},
    };
    for (const auto& [claim, meaning] : kMeanings) {
        if (name == claim)
            return QString::fromLatin1(meaning);
    }
    return {};
}

bool isTimeClaim(const std::string& name)
{
    return name == "exp" || name == "nbf" || name == "iat" || name == "auth_time";
}

} // namespace

QString TokenProblem::describe() const
{
    return QStringLiteral("%1: %2 (at character %3)").arg(partName(part), reason).arg(position);
}

namespace {

// The length of `word` (ASCII, lower case) at the start of `text`, any case, and the whitespace after
// it; 0 when `text` does not start with it. (A regular expression would first check all 8 KB of a
// pasted token for valid UTF-16, on every keystroke.)
qsizetype prefixLength(QStringView text, QLatin1StringView word)
{
    if (!text.startsWith(word, Qt::CaseInsensitive))
        return 0;
    qsizetype end = word.size();
    while (end < text.size() && text[end].isSpace())
        ++end;
    return end;
}

} // namespace

QString TokenInspection::normalize(const QString& input)
{
    QStringView text = QStringView(input).trimmed();
    // "Authorization:", then "Bearer" followed by whitespace or nothing, as copied from a request.
    if (const qsizetype name = prefixLength(text, QLatin1StringView("authorization"));
        name > 0 && name < text.size() && text[name] == QLatin1Char(':'))
        text = text.mid(name + 1).trimmed();
    if (const qsizetype bearer = prefixLength(text, QLatin1StringView("bearer"));
        bearer > 0 && (bearer == text.size() || bearer > qsizetype(6)))
        text = text.mid(bearer);
    // Whitespace inside stays: a wrapped token is reported as such, never silently mended.
    return text.size() == input.size() ? input : text.toString();
}

std::optional<qsizetype> TokenInspection::whitespaceAt(QStringView token)
{
    // A token is printable ASCII: only a character outside it can be whitespace, so the Unicode test
    // is left for those (the scan runs on every keystroke, over up to 8 KB).
    const char16_t* text = token.utf16();
    for (qsizetype i = 0; i < token.size(); ++i) {
        if ((text[i] <= u' ' || text[i] >= 0x7f) && QChar::isSpace(text[i]))
            return i;
    }
    return std::nullopt;
}

QString TokenInspection::withoutWhitespace(const QString& token)
{
    QString text = token;
    text.removeIf([](QChar c) { return c.isSpace(); });
    return text;
}

QString TokenInspection::whitespaceProblem(qsizetype offset)
{
    return QStringLiteral("the token contains whitespace at offset %1 — it may have been wrapped when copied")
        .arg(offset);
}

TokenInspection TokenInspection::inspect(const QString& input, qint64 now, std::size_t maxSize)
{
    TokenInspection result;
    result.m_now = now;
    result.m_token = normalize(input);
    if (!result.checkShape(maxSize) || !result.splitSegments())
        return result;
    for (int i = 0; i < std::min<qsizetype>(3, result.m_segments.size()); ++i)
        result.decodeSegment(static_cast<TokenPart>(i));
    collectWarnings(result.m_header, result.m_claims, result.m_warnings);
    return result;
}

bool TokenInspection::checkShape(std::size_t maxSize)
{
    if (m_token.isEmpty()) {
        m_problems.append({TokenPart::Header, 0, QStringLiteral("the token is empty")});
        return false;
    }
    if (static_cast<std::size_t>(m_token.size()) > maxSize) {
        m_problems.append(
            {TokenPart::Header, 0,
             QStringLiteral("the token is %1 characters; the limit is %2").arg(m_token.size()).arg(maxSize)});
        return false;
    }
    if (const auto space = whitespaceAt(m_token)) {
        const auto part = static_cast<TokenPart>(std::min<qsizetype>(m_token.left(*space).count(QLatin1Char('.')), 2));
        m_problems.append({part, *space, whitespaceProblem(*space)});
        return false;
    }
    return true;
}

bool TokenInspection::splitSegments()
{
    m_segments = m_token.split(QLatin1Char('.'));
    qsizetype start = 0;
    for (const QString& segment : std::as_const(m_segments)) {
        m_starts.append(start);
        start += segment.size() + 1;
    }
    const qsizetype count = m_segments.size();
    if (count == 3)
        return true;
    m_problems.append({count >= 2 ? TokenPart::Signature : TokenPart::Payload,
                       count > 3 ? m_starts[3] - 1 : m_token.size(),
                       count == 5 ? QStringLiteral("5 segments: an encrypted JWE, which Signet does not decrypt")
                                  : QStringLiteral("%1 segment(s); a compact JWS has 3 separated by dots").arg(count)});
    return count >= 2;
}

void TokenInspection::decodeSegment(TokenPart part)
{
    const auto index = static_cast<qsizetype>(part);
    Base64Url::DecodeError error;
    const auto bytes = Base64Url::decode(m_segments[index].toUtf8(), &error);
    if (!bytes) {
        m_problems.append({part, m_starts[index] + error.offset, error.reason});
        return;
    }
    if (part == TokenPart::Signature)
        m_signatureSize = bytes->size();
    else if (part == TokenPart::Header)
        readHeader(*bytes);
    else
        readPayload(*bytes);
}

void TokenInspection::readHeader(const QByteArray& bytes)
{
    const qsizetype at = m_starts[0];
    auto json = StrictJson::parse(std::string_view(bytes.constData(), static_cast<std::size_t>(bytes.size())));
    if (!json || !json->isObject()) {
        m_problems.append(
            {TokenPart::Header, at,
             json ? QStringLiteral("the header is JSON but not an object")
                  : QStringLiteral("the decoded header is not valid JSON: %1").arg(json.error().describe())});
        return;
    }
    m_header = std::move(*json);
    const JsonValue* alg = m_header.find("alg");
    if (!alg || !alg->isString())
        m_problems.append({TokenPart::Header, at, QStringLiteral("the header has no \"alg\" string")});
}

void TokenInspection::readPayload(const QByteArray& bytes)
{
    const std::string_view text(bytes.constData(), static_cast<std::size_t>(bytes.size()));
    auto json = StrictJson::parse(text);
    if (json && json->isObject()) {
        m_claims = std::move(*json);
        checkDates();
        return;
    }
    m_payload = bytes;
    if (!json && !text.empty() && (text.front() == '{' || text.front() == '['))
        m_problems.append(
            {TokenPart::Payload, m_starts[1],
             QStringLiteral("the payload looks like JSON but is not valid: %1").arg(json.error().describe())});
}

void TokenInspection::checkDates()
{
    for (const char* name : {"exp", "nbf", "iat"}) {
        const JsonValue* value = m_claims.find(name);
        if (value && value->isNumber() && !Duration::isRepresentable(value->asNumber()))
            m_problems.append({TokenPart::Payload, m_starts[1],
                               Duration::unrepresentableDate(QString::fromLatin1(name), value->asNumber())});
    }
}

QString TokenInspection::segment(TokenPart part) const
{
    const auto index = static_cast<qsizetype>(part);
    return index < m_segments.size() ? m_segments[index] : QString();
}

qsizetype TokenInspection::segmentStart(TokenPart part) const
{
    const auto index = static_cast<qsizetype>(part);
    return index < m_starts.size() ? m_starts[index] : -1;
}

QString TokenInspection::prettyHeader() const
{
    return hasHeader() ? qs(JsonWriter::write(m_header, JsonWriter::Style::Indented)) : QString();
}

QString TokenInspection::prettyClaims() const
{
    return hasClaims() ? qs(JsonWriter::write(m_claims, JsonWriter::Style::Indented)) : QString();
}

QString TokenInspection::algorithm() const
{
    const JsonValue* alg = m_header.find("alg");
    return alg && alg->isString() ? qs(alg->asString()) : QString();
}

QString TokenInspection::keyId() const
{
    const JsonValue* kid = m_header.find("kid");
    return kid && kid->isString() ? qs(kid->asString()) : QString();
}

QList<ClaimNote> TokenInspection::claimNotes() const
{
    QList<ClaimNote> notes;
    if (!hasClaims())
        return notes;
    for (const auto& [name, value] : m_claims.members()) {
        ClaimNote note{qs(name), qs(JsonWriter::write(value)), claimMeaning(name), {}};
        if (isTimeClaim(name)) {
            if (!value.isNumber()) {
                note.note = QStringLiteral("not a NumericDate (must be a number of seconds)");
            } else if (!Duration::isRepresentable(value.asNumber())) {
                note.note = QStringLiteral("beyond any time Signet can represent: the token is invalid");
            } else {
                const auto when = Duration::toSeconds(value.asNumber());
                QString relative = Duration::formatRelative(when, m_now);
                if (name == "exp" && when <= m_now)
                    relative = QStringLiteral("expired ") + relative;
                note.note = Duration::formatUtc(when) + QStringLiteral(" · ") + relative;
            }
        } else if (name == "aud" && value.isArray()) {
            note.note = QStringLiteral("%1 audiences").arg(value.items().size());
        } else if ((name == "scope" || name == "scp") && (value.isString() || value.isArray())) {
            QStringList scopes;
            if (value.isString())
                scopes = qs(value.asString()).split(QLatin1Char(' '), Qt::SkipEmptyParts);
            else
                for (const JsonValue& item : value.items())
                    scopes.append(item.isString() ? qs(item.asString()) : qs(JsonWriter::write(item)));
            note.note = QStringLiteral("%1 scope(s): %2").arg(scopes.size()).arg(scopes.join(QStringLiteral(", ")));
        }
        notes.append(note);
    }
    return notes;
}

JsonValue TokenInspection::toJson() const
{
    JsonValue json = JsonValue::object();
    json.set("wellFormed", JsonValue::boolean(isWellFormed()));
    if (hasHeader())
        json.set("header", m_header);
    if (hasClaims())
        json.set("claims", m_claims);
    else if (!m_payload.isEmpty())
        json.set("payload", JsonValue::string(m_payload.toStdString()));
    json.set("signatureBytes", JsonValue::integer(m_signatureSize));
    JsonValue::Array notes;
    for (const ClaimNote& note : claimNotes()) {
        if (note.note.isEmpty() && note.meaning.isEmpty())
            continue;
        JsonValue entry = JsonValue::object();
        entry.set("claim", JsonValue::string(note.name.toStdString()));
        if (!note.meaning.isEmpty())
            entry.set("meaning", JsonValue::string(note.meaning.toStdString()));
        if (!note.note.isEmpty())
            entry.set("note", JsonValue::string(note.note.toStdString()));
        notes.push_back(std::move(entry));
    }
    json.set("notes", JsonValue::array(std::move(notes)));
    JsonValue::Array warnings;
    for (const TokenWarning& warning : m_warnings)
        warnings.push_back(JsonValue::string(warning.describe().toStdString()));
    json.set("warnings", JsonValue::array(std::move(warnings)));
    JsonValue::Array problems;
    for (const TokenProblem& problem : m_problems) {
        JsonValue entry = JsonValue::object();
        entry.set("part", JsonValue::string(partName(problem.part).toStdString()));
        entry.set("position", JsonValue::integer(problem.position));
        entry.set("reason", JsonValue::string(problem.reason.toStdString()));
        problems.push_back(std::move(entry));
    }
    json.set("problems", JsonValue::array(std::move(problems)));
    return json;
}

} // namespace Signet
