#pragma once

#include <QByteArray>
#include <QByteArrayView>

#include <cstddef>
#include <vector>

namespace Signet::Crypto {

// Secret bytes that are wiped when they go away. Copies are deep (each copy is wiped on its own);
// unlike QByteArray there is no implicit sharing that could leave an unwiped copy behind.
class SecureBytes
{
public:
    SecureBytes() = default;
    explicit SecureBytes(std::size_t size);
    explicit SecureBytes(QByteArrayView bytes);
    SecureBytes(const SecureBytes& other);
    SecureBytes(SecureBytes&& other) noexcept;
    SecureBytes& operator=(const SecureBytes& other);
    SecureBytes& operator=(SecureBytes&& other) noexcept;
    ~SecureBytes();

    [[nodiscard]] std::size_t size() const { return m_bytes.size(); }
    [[nodiscard]] bool isEmpty() const { return m_bytes.empty(); }
    [[nodiscard]] const unsigned char* data() const { return m_bytes.data(); }
    unsigned char* data() { return m_bytes.data(); }
    [[nodiscard]] QByteArrayView view() const
    {
        return {reinterpret_cast<const char*>(m_bytes.data()), static_cast<qsizetype>(m_bytes.size())};
    }
    // A plain copy, for the moments a secret must leave (export, display): the caller owns its fate.
    [[nodiscard]] QByteArray toByteArray() const { return view().toByteArray(); }

    void clear();

    // Constant-time equality (CRYPTO_memcmp); lengths are not secret.
    [[nodiscard]] bool equals(QByteArrayView other) const;

private:
    std::vector<unsigned char> m_bytes;
};

// Constant-time comparison of two byte strings of public length.
bool constantTimeEquals(QByteArrayView a, QByteArrayView b);

// Overwrites the bytes of a QByteArray that held a secret (when it was the only owner).
void wipe(QByteArray& bytes);

} // namespace Signet::Crypto
