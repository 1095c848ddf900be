#pragma once

#include "jose/Jwk.h"

#include <vector>

namespace Signet {

// A set of keys to verify with (RFC 7517 5), with the lookup rules of the verifier.
class JwkSet
{
public:
    JwkSet() = default;
    explicit JwkSet(std::vector<Jwk> keys)
        : m_keys(std::move(keys))
    {}

    // Reads {"keys":[...]}. Keys of types Signet does not know (RFC 7517 5: "SHOULD ignore") are
    // skipped and named in skipped(); a malformed key of a known type or two keys with the same kid
    // reject the whole set.
    static Result<JwkSet> fromJson(const JsonValue& object);
    static Result<JwkSet> parse(QByteArrayView json);

    // Refuses a set in which two keys share a kid: a lookup by kid must have one answer.
    [[nodiscard]] Status checkUniqueKids() const;

    void add(Jwk key) { m_keys.push_back(std::move(key)); }
    [[nodiscard]] const std::vector<Jwk>& keys() const { return m_keys; }
    [[nodiscard]] bool isEmpty() const { return m_keys.empty(); }
    [[nodiscard]] std::size_t size() const { return m_keys.size(); }
    [[nodiscard]] const QStringList& skipped() const { return m_skipped; }

    [[nodiscard]] const Jwk* findByKid(QStringView kid) const;

    // {"keys":[...]} with public members only; HMAC keys are never included.
    [[nodiscard]] JsonValue toPublicJson() const;

private:
    std::vector<Jwk> m_keys;
    QStringList m_skipped;
};

} // namespace Signet
