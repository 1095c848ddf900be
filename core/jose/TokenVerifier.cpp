#include "jose/TokenEvaluation.h"

#include "jose/Base64Url.h"
#include "jose/TokenInspection.h"

#include <atomic>

namespace Signet {

namespace {

// Registered JWS header names (RFC 7515 4.1): "crit" must not list them.
bool isRegisteredHeader(std::string_view name)
{
    static constexpr std::string_view kNames[] = {"alg", "jku",      "jwk", "kid", "x5u", "x5c",
                                                  "x5t", "x5t#S256", "typ", "cty", "crit"};
    for (auto registered : kNames) {
        if (registered == name)
            return true;
    }
    return false;
}

bool isNoneAlgorithm(std::string_view alg)
{
    if (alg.size() != 4)
        return false;
    for (std::size_t i = 0; i < 4; ++i) {
        if (std::tolower(static_cast<unsigned char>(alg[i])) != "none"[i])
            return false;
    }
    return true;
}

// Why a token that does not split or decode is malformed: whitespace inside it, the likeliest cause
// (a token wrapped when copied), is named where it sits; otherwise the decoder's reason stands.
QString malformedBecause(std::string_view token, const QString& reason)
{
    const QString text = QString::fromUtf8(token.data(), static_cast<qsizetype>(token.size()));
    if (const auto space = TokenInspection::whitespaceAt(text))
        return TokenInspection::whitespaceProblem(*space);
    return reason;
}

QString segmentName(int index)
{
    static const char* const kNames[] = {"header", "payload", "signature"};
    return QString::fromLatin1(kNames[index]);
}

} // namespace

template<class Recorder> void TokenVerifier::Evaluation<Recorder>::run(std::string_view token)
{
    // Format and a header that is no JSON object end every evaluation; after that the report goes
    // on past a failure, and the verdict (done()) stops at it.
    if (!decode(token))
        return;
    if (m_headerRemembered) {
        recallHeader();
    } else {
        if (!parseHeader())
            return;
        checkHeader();
        if (m_headerOk)
            selectKey();
        if (m_record.done())
            return;
        rememberHeader();
    }
    checkSignature();
    if (m_record.done() || !parseClaims())
        return;
    checkClaims();
}

template<class Recorder> bool TokenVerifier::Evaluation<Recorder>::decode(std::string_view token)
{
    // Size first: nothing is decoded from an oversized token.
    if (token.size() > m_options.maxTokenSize) {
        m_record.fail(CheckId::Format, [&] {
            return QStringLiteral("the token is %1 bytes; the limit is %2")
                .arg(token.size())
                .arg(m_options.maxTokenSize);
        });
        return false;
    }
    if (token.empty()) {
        m_record.fail(CheckId::Format, [] { return QStringLiteral("the token is empty"); });
        return false;
    }
    int segments = 0;
    if (!Jws::split(token, m_parts, &segments)) {
        m_record.fail(CheckId::Format, [&] {
            return malformedBecause(
                token, segments == 5
                           ? QStringLiteral("5 segments: this is an encrypted JWE, not a signed JWS")
                           : QStringLiteral("%1 segment(s); a compact JWS has 3 separated by dots").arg(segments));
        });
        return false;
    }
    const std::string_view pieces[3] = {m_parts.header, m_parts.payload, m_parts.signature};
    std::string* outputs[3] = {&m_buffers.header, &m_buffers.payload, &m_buffers.signature};
    m_headerRemembered = m_buffers.acceptedBy == m_verifier.m_identity && m_buffers.acceptedHeader == m_parts.header;
    for (int i = m_headerRemembered ? 1 : 0; i < 3; ++i) {
        outputs[i]->clear();
        Base64Url::DecodeError error;
        if (!Base64Url::decode(pieces[i], *outputs[i], Recorder::kExplains ? &error : nullptr)) {
            m_record.fail(CheckId::Format, [&] {
                return malformedBecause(token,
                                        QStringLiteral("the %1 segment is not valid base64url: %2 (character %3)")
                                            .arg(segmentName(i), error.reason)
                                            .arg(error.offset));
            });
            return false;
        }
    }
    if (m_parts.header.empty()) {
        m_record.fail(CheckId::Format, [] { return QStringLiteral("the header segment is empty"); });
        return false;
    }
    m_record.pass(CheckId::Format);
    return true;
}

template<class Recorder> bool TokenVerifier::Evaluation<Recorder>::parseHeader()
{
    auto header = StrictJson::parseObjectInto(m_buffers.header, m_buffers.headerDocument);
    if (!header) {
        m_record.fail(CheckId::Header, [&] {
            return QStringLiteral("the header is not a valid JSON object: %1").arg(header.error().describe());
        });
        return false;
    }
    m_header = *header;
    return true;
}

// The header segment is byte for byte one this verifier accepted for the previous token of these
// buffers: the same header checks would pass again and choose the same algorithm and key.
template<class Recorder> void TokenVerifier::Evaluation<Recorder>::recallHeader()
{
    m_algorithm = m_buffers.acceptedAlgorithm;
    m_key = m_buffers.acceptedKey;
    m_headerOk = true;
    for (CheckId id : {CheckId::Header, CheckId::Algorithm, CheckId::Critical, CheckId::Key})
        m_record.pass(id);
    m_record.noteAlgorithm(*m_algorithm);
    m_record.noteKey(m_key, m_buffers.acceptedKidUnchecked);
}

template<class Recorder> void TokenVerifier::Evaluation<Recorder>::rememberHeader()
{
    // A key is chosen only when every header check passed.
    if (!m_key)
        return;
    m_buffers.acceptedHeader.assign(m_parts.header);
    m_buffers.acceptedBy = m_verifier.m_identity;
    m_buffers.acceptedAlgorithm = *m_algorithm;
    m_buffers.acceptedKey = m_key;
    m_buffers.acceptedKidUnchecked = m_kidUnchecked;
}

template<class Recorder> void TokenVerifier::Evaluation<Recorder>::checkHeader()
{
    const StrictJson::Node alg = m_header.find("alg");
    if (!alg || !alg.isString()) {
        m_record.fail(CheckId::Header, [&] {
            return alg ? QStringLiteral("\"alg\" is not a string") : QStringLiteral("the header has no \"alg\"");
        });
        return;
    }
    m_record.pass(CheckId::Header);

    const std::string_view name = alg.asString();
    m_algorithm = algorithmFromName(name);
    if (!m_algorithm) {
        m_record.fail(CheckId::Algorithm, [&] {
            return isNoneAlgorithm(name)
                       ? QStringLiteral("\"%1\": unsecured tokens are never accepted").arg(utf8Text(name))
                       : QStringLiteral("\"%1\" is not a supported JWS algorithm").arg(utf8Text(name));
        });
        return;
    }
    m_record.noteAlgorithm(*m_algorithm);
    if (!m_verifier.algorithmAllowed(*m_algorithm)) {
        m_record.fail(CheckId::Algorithm, [&] {
            QStringList allowed;
            for (Algorithm a : m_options.algorithms.isEmpty() ? m_verifier.m_keyAlgorithms : m_options.algorithms)
                allowed.append(algorithmQName(a));
            return QStringLiteral("%1 is not allowed here (allowed: %2)")
                .arg(algorithmQName(*m_algorithm), allowed.join(QStringLiteral(", ")));
        });
        return;
    }
    m_record.pass(CheckId::Algorithm);
    if (!checkCritical())
        return;
    m_record.pass(CheckId::Critical);
    m_headerOk = true;
}

template<class Recorder> bool TokenVerifier::Evaluation<Recorder>::checkCritical()
{
    auto refuse = [this](auto reason) {
        m_record.fail(CheckId::Critical, reason);
        return false;
    };
    // b64:false (RFC 7797) changes what is signed; Signet does not implement it and refuses it.
    const StrictJson::Node b64 = m_header.find("b64");
    if (b64 && !(b64.isBool() && b64.asBool()))
        return refuse([] { return QStringLiteral("\"b64\": false (unencoded payload, RFC 7797) is not supported"); });
    const StrictJson::Node crit = m_header.find("crit");
    if (!crit)
        return true;
    if (!crit.isArray() || crit.size() == 0)
        return refuse([] { return QStringLiteral("\"crit\" must be a non-empty array of header names"); });
    std::size_t index = 0;
    for (StrictJson::Node entry : crit.children()) {
        if (!entry.isString())
            return refuse([] { return QStringLiteral("\"crit\" has an entry that is not a string"); });
        const std::string_view name = entry.asString();
        std::size_t earlierIndex = 0;
        for (StrictJson::Node earlier : crit.children()) {
            if (earlierIndex++ == index)
                break;
            if (earlier.asString() == name)
                return refuse([&] { return QStringLiteral("\"crit\" lists \"%1\" twice").arg(utf8Text(name)); });
        }
        ++index;
        if (isRegisteredHeader(name))
            return refuse([&] {
                return QStringLiteral("\"crit\" must not list the registered header \"%1\"").arg(utf8Text(name));
            });
        if (!m_header.contains(name))
            return refuse([&] {
                return QStringLiteral("\"crit\" lists \"%1\", which the header does not have").arg(utf8Text(name));
            });
        if (name != "b64")
            return refuse([&] {
                return QStringLiteral("\"crit\" requires the extension \"%1\", which Signet does not understand")
                    .arg(utf8Text(name));
            });
    }
    return true;
}

template<class Recorder> void TokenVerifier::Evaluation<Recorder>::selectKey()
{
    const Algorithm alg = *m_algorithm;
    const StrictJson::Node kid = m_header.find("kid");
    const auto& keys = m_verifier.m_keys->keys();
    const Jwk* key = nullptr;
    bool kidUnchecked = false;
    if (!kid) {
        key = keyWithoutKid();
        if (!key)
            return;
    } else {
        if (!kid.isString()) {
            m_record.fail(CheckId::Key, [] { return QStringLiteral("the header \"kid\" is not a string"); });
            return;
        }
        const std::string_view wanted = kid.asString();
        for (const Jwk& candidate : keys) {
            if (!candidate.kid().isEmpty() && candidate.kidUtf8() == wanted) {
                key = &candidate;
                break;
            }
        }
        if (!key && keys.size() == 1 && keys.front().kid().isEmpty()) {
            key = &keys.front();
            kidUnchecked = true;
        }
        if (!key) {
            m_record.fail(CheckId::Key, [&] {
                QStringList known;
                for (const Jwk& candidate : keys) {
                    if (!candidate.kid().isEmpty() && known.size() < 5)
                        known.append(QStringLiteral("\"%1\"").arg(candidate.kid()));
                }
                return QStringLiteral("kid \"%1\" is not among the %2 key(s)%3")
                    .arg(utf8Text(wanted))
                    .arg(keys.size())
                    .arg(known.isEmpty() ? QString() : QStringLiteral(": ") + known.join(QStringLiteral(", ")));
            });
            return;
        }
    }
    m_kidUnchecked = kidUnchecked;
    m_record.noteKey(key, kidUnchecked);
    if (auto permitted = key->permits(alg, KeyOperation::Verify); !permitted) {
        m_record.fail(CheckId::Key, [&] { return permitted.error().message; });
        return;
    }
    m_key = key;
    m_record.pass(CheckId::Key);
}

// A token without a kid: the one key that can verify its algorithm, if there is exactly one.
template<class Recorder> const Jwk* TokenVerifier::Evaluation<Recorder>::keyWithoutKid()
{
    const Algorithm alg = *m_algorithm;
    const auto& keys = m_verifier.m_keys->keys();
    const Jwk* key = nullptr;
    int candidates = 0;
    for (const Jwk& candidate : keys) {
        if (candidate.permits(alg, KeyOperation::Verify)) {
            key = key ? key : &candidate;
            ++candidates;
        }
    }
    if (candidates == 0) {
        m_record.fail(CheckId::Key, [&] {
            return QStringLiteral("no key can verify %1: %2")
                .arg(algorithmQName(alg), keys.size() == 1
                                              ? keys.front().permits(alg, KeyOperation::Verify).error().message
                                              : QStringLiteral("none of the %1 keys fits").arg(keys.size()));
        });
        return nullptr;
    }
    if (candidates > 1) {
        m_record.fail(CheckId::Key, [&] {
            return QStringLiteral("the token has no kid and %1 keys could verify %2: ambiguous")
                .arg(candidates)
                .arg(algorithmQName(alg));
        });
        return nullptr;
    }
    return key;
}

template<class Recorder> void TokenVerifier::Evaluation<Recorder>::checkSignature()
{
    if (!m_key) {
        m_record.skip(CheckId::Signature, [] { return QStringLiteral("not checked: no usable key"); });
        return;
    }
    m_signatureVerified = Jws::verifyBytes(*m_key, *m_algorithm, m_parts.signingInput, m_buffers.signature);
    if (m_signatureVerified)
        m_record.pass(CheckId::Signature);
    else
        m_record.fail(CheckId::Signature, [] {
            return QStringLiteral("does not match: the token was altered or signed with another key");
        });
}

template<class Recorder> bool TokenVerifier::Evaluation<Recorder>::parseClaims()
{
    auto claims = StrictJson::parseObjectInto(m_buffers.payload, m_buffers.claimsDocument);
    if (!claims) {
        m_record.fail(CheckId::Claims, [&] {
            return QStringLiteral("the payload is not a JSON object: %1").arg(claims.error().describe());
        });
        return false;
    }
    m_claims = *claims;
    m_record.pass(CheckId::Claims);
    return true;
}

Result<TokenVerifier> TokenVerifier::create(JwkSet keys, VerifyOptions options, const Clock& clock)
{
    if (keys.isEmpty())
        return fail(ErrorCode::InvalidArgument, QStringLiteral("there is no key to verify with"));
    if (auto unique = keys.checkUniqueKids(); !unique)
        return std::unexpected(unique.error());
    if (options.leeway < 0)
        return fail(ErrorCode::InvalidArgument, QStringLiteral("the leeway cannot be negative"));
    return TokenVerifier(std::make_shared<const JwkSet>(std::move(keys)), std::move(options), clock);
}

TokenVerifier::TokenVerifier(std::shared_ptr<const JwkSet> keys, VerifyOptions options, const Clock& clock)
    : m_keys(std::move(keys))
    , m_options(std::move(options))
    , m_clock(&clock)
{
    static std::atomic<std::uint64_t> verifiers{0};
    m_identity = verifiers.fetch_add(1, std::memory_order_relaxed) + 1;
    if (m_options.issuer)
        m_issuer = m_options.issuer->toStdString();
    for (const QString& audience : std::as_const(m_options.audiences))
        m_audiences.push_back(audience.toStdString());
    for (const QString& claim : std::as_const(m_options.requiredClaims))
        m_required.push_back(claim.toStdString());
    for (const Jwk& key : m_keys->keys()) {
        for (Algorithm alg : key.compatibleAlgorithms()) {
            if (!m_keyAlgorithms.contains(alg))
                m_keyAlgorithms.append(alg);
        }
    }
}

bool TokenVerifier::algorithmAllowed(Algorithm alg) const
{
    return m_options.algorithms.isEmpty() ? m_keyAlgorithms.contains(alg) : m_options.algorithms.contains(alg);
}

VerificationReport TokenVerifier::verify(const QString& token) const
{
    const QByteArray utf8 = token.toUtf8();
    return verify(std::string_view(utf8.constData(), static_cast<std::size_t>(utf8.size())));
}

VerificationReport TokenVerifier::verify(std::string_view token) const
{
    VerificationReport report;
    report.m_checks.reserve(13);
    report.m_keySet = m_keys;
    report.m_leeway = m_options.leeway;
    if (m_options.issuer)
        report.m_expectedIssuer = *m_options.issuer;
    report.m_expectedAudience = m_options.audiences;
    report.m_requiredClaims = m_options.requiredClaims;
    report.m_evaluatedAt = m_options.at ? *m_options.at : m_clock->now();

    TokenVerdict::Buffers buffers;
    ReportRecorder recorder(report);
    Evaluation<ReportRecorder> evaluation(*this, recorder, buffers, report.m_evaluatedAt);
    evaluation.run(token);
    // The report keeps what it shows: the header and claims as values, not views into this call's buffers.
    report.m_header = evaluation.header().toJsonValue();
    report.m_claims = evaluation.claims().toJsonValue();
    return report;
}

TokenVerdict TokenVerifier::check(std::string_view token) const
{
    TokenVerdict verdict;
    check(token, verdict);
    return verdict;
}

bool TokenVerifier::check(std::string_view token, TokenVerdict& verdict) const
{
    verdict.reset(m_options.at ? *m_options.at : m_clock->now());
    VerdictRecorder recorder(verdict);
    Evaluation<VerdictRecorder> evaluation(*this, recorder, *verdict.m_buffers, verdict.m_evaluatedAt);
    evaluation.run(token);
    verdict.m_signatureVerified = evaluation.signatureVerified();
    verdict.m_valid = !verdict.m_failure && verdict.m_signatureVerified;
    return verdict.m_valid;
}

} // namespace Signet
