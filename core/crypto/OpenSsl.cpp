#include "crypto/OpenSsl.h"

#include <openssl/err.h>

namespace Signet::Crypto::Ossl {

QString lastError()
{
    unsigned long code = 0;
    unsigned long last = 0;
    while ((code = ERR_get_error()) != 0)
        last = code;
    if (last == 0)
        return {};
    char buffer[256];
    ERR_error_string_n(last, buffer, sizeof buffer);
    const char* reason = ERR_reason_error_string(last);
    return QString::fromLatin1(reason ? reason : buffer);
}

std::unexpected<Error> failure(const QString& what, ErrorCode code)
{
    const QString reason = lastError();
    return fail(code, reason.isEmpty() ? what : QStringLiteral("%1 (OpenSSL: %2)").arg(what, reason));
}

namespace {
const EVP_MD* fetchDigest(const char* name)
{
    // Deliberately never freed: one per process, shared by every thread.
    return EVP_MD_fetch(nullptr, name, nullptr);
}
} // namespace

const EVP_MD* sha256()
{
    static const EVP_MD* md = fetchDigest("SHA2-256");
    return md;
}

const EVP_MD* sha384()
{
    static const EVP_MD* md = fetchDigest("SHA2-384");
    return md;
}

const EVP_MD* sha512()
{
    static const EVP_MD* md = fetchDigest("SHA2-512");
    return md;
}

} // namespace Signet::Crypto::Ossl
