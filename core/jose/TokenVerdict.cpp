#include "jose/TokenVerdict.h"

namespace Signet {

TokenVerdict::TokenVerdict()
    : m_buffers(std::make_unique<Buffers>())
{}

TokenVerdict::~TokenVerdict() = default;
TokenVerdict::TokenVerdict(TokenVerdict&&) noexcept = default;
TokenVerdict& TokenVerdict::operator=(TokenVerdict&&) noexcept = default;

StrictJson::Node TokenVerdict::claims() const
{
    return m_buffers && m_signatureVerified ? m_buffers->claimsDocument.root() : StrictJson::Node();
}

void TokenVerdict::reset(qint64 now)
{
    if (!m_buffers) // moved from
        m_buffers = std::make_unique<Buffers>();
    m_failure.reset();
    m_algorithm.reset();
    m_key = nullptr;
    m_evaluatedAt = now;
    m_valid = false;
    m_signatureVerified = false;
}

} // namespace Signet
