#pragma once

#include "foundation/JsonValue.h"
#include "jose/Jws.h"
#include "jose/VerificationReport.h"

#include <QList>
#include <QString>

namespace Signet {

// A claim as people read it: the raw value, what the name means, and a note (times in words).
struct ClaimNote
{
    QString name;
    QString value;   // compact JSON of the value
    QString meaning; // "issuer", "expiration time", ... (empty for custom claims)
    QString note;    // "2026-11-22 14:13:05 UTC · in 14 min", "not a NumericDate", ...
};

enum class TokenPart
{
    Header,
    Payload,
    Signature
};

// Where a token's text breaks: which part, at which character of the whole token, and why.
struct TokenProblem
{
    TokenPart part = TokenPart::Header;
    qsizetype position = 0; // character index in the normalised token
    QString reason;
    [[nodiscard]] QString describe() const;
};

// Decodes a token for display. Never trusts it and never verifies: a token with a bad signature, or
// a broken one, still shows as much as can be decoded, and where it breaks.
class TokenInspection
{
public:
    // Accepts a bare token, "Bearer <token>" or a whole "Authorization: Bearer <token>" line;
    // surrounding whitespace and line breaks are dropped.
    static QString normalize(const QString& input);
    // Where whitespace sits inside a token (none belongs there), the token without it (what the
    // Inspector offers to apply, showing what it removed), and the sentence that reports it.
    static std::optional<qsizetype> whitespaceAt(QStringView token);
    static QString withoutWhitespace(const QString& token);
    static QString whitespaceProblem(qsizetype offset);
    static TokenInspection inspect(const QString& input, qint64 now, std::size_t maxSize = Jws::kDefaultMaxTokenSize);

    [[nodiscard]] const QString& token() const { return m_token; }
    // Three segments that decode, a JSON-object header with "alg"; the payload may be non-JSON.
    [[nodiscard]] bool isWellFormed() const { return m_problems.isEmpty(); }
    [[nodiscard]] const QList<TokenProblem>& problems() const { return m_problems; }

    [[nodiscard]] QString segment(TokenPart part) const;
    // Character ranges of the segments in token(), for colouring.
    [[nodiscard]] qsizetype segmentStart(TokenPart part) const;

    [[nodiscard]] bool hasHeader() const { return m_header.isObject(); }
    [[nodiscard]] bool hasClaims() const { return m_claims.isObject(); }
    [[nodiscard]] const JsonValue& header() const { return m_header; }
    [[nodiscard]] const JsonValue& claims() const { return m_claims; }
    [[nodiscard]] QString prettyHeader() const;
    [[nodiscard]] QString prettyClaims() const;
    // The payload as text when it is not a JSON object (a plain JWS), else empty.
    [[nodiscard]] const QByteArray& rawPayload() const { return m_payload; }
    [[nodiscard]] qsizetype signatureSize() const { return m_signatureSize; }

    [[nodiscard]] QString algorithm() const;
    [[nodiscard]] QString keyId() const;
    [[nodiscard]] QList<ClaimNote> claimNotes() const;
    [[nodiscard]] const std::vector<TokenWarning>& warnings() const { return m_warnings; }
    [[nodiscard]] qint64 evaluatedAt() const { return m_now; }

    [[nodiscard]] JsonValue toJson() const;

private:
    // The steps of inspect(): each records its problems; false when nothing further can be read.
    bool checkShape(std::size_t maxSize);
    bool splitSegments();
    void decodeSegment(TokenPart part);
    void readHeader(const QByteArray& bytes);
    void readPayload(const QByteArray& bytes);
    void checkDates(); // exp, nbf and iat a time can be

    QString m_token;
    qint64 m_now = 0;
    QStringList m_segments;
    QList<qsizetype> m_starts;
    QList<TokenProblem> m_problems;
    JsonValue m_header;
    JsonValue m_claims;
    QByteArray m_payload;
    qsizetype m_signatureSize = 0;
    std::vector<TokenWarning> m_warnings;
};

} // namespace Signet
