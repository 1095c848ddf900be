#pragma once

#include <QString>

#include <expected>
#include <utility>

namespace Signet {

// What kind of failure, so callers (and the CLI's exit codes) can tell input errors from bad tokens.
enum class ErrorCode
{
    InvalidArgument, // the caller asked for something that makes no sense (usage)
    InvalidInput,    // a file, key or token could not be read as what it claims to be
    Unsupported,     // well-formed, but not something Signet accepts (algorithm, curve, size)
    WeakKey,         // a key too small for its algorithm
    KeyMismatch,     // the key cannot be used for what was asked (wrong type, alg, use)
    CryptoFailure,   // OpenSSL reported an error
    Io,              // reading or writing a file failed
    NotFound,
    Conflict, // what the caller read changed before it could write (read again and retry)
    Internal,
};

struct Error
{
    ErrorCode code = ErrorCode::Internal;
    QString message;

    // Prefixes context ("reading key.pem: ...") while keeping the code.
    [[nodiscard]] Error withContext(const QString& context) const
    {
        return {code, context + QStringLiteral(": ") + message};
    }
};

template<class T> using Result = std::expected<T, Error>;

using Status = std::expected<void, Error>;

inline std::unexpected<Error> fail(ErrorCode code, QString message)
{
    return std::unexpected<Error>(Error{code, std::move(message)});
}

} // namespace Signet
