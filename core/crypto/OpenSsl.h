#pragma once

// Private to core/crypto: RAII owners for OpenSSL handles and shared helpers. Never include this
// from a public header; the rest of Signet sees only Qt and std types.

#include "foundation/Error.h"

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>
#include <openssl/x509.h>

#include <memory>

namespace Signet::Crypto::Ossl {

template<auto FreeFunction> struct Deleter
{
    template<class T> void operator()(T* p) const { FreeFunction(p); }
};

using PKey = std::unique_ptr<EVP_PKEY, Deleter<&EVP_PKEY_free>>;
using PKeyCtx = std::unique_ptr<EVP_PKEY_CTX, Deleter<&EVP_PKEY_CTX_free>>;
using MdCtx = std::unique_ptr<EVP_MD_CTX, Deleter<&EVP_MD_CTX_free>>;
using MacCtx = std::unique_ptr<EVP_MAC_CTX, Deleter<&EVP_MAC_CTX_free>>;
using Bio = std::unique_ptr<BIO, Deleter<&BIO_free_all>>;
using Bn = std::unique_ptr<BIGNUM, Deleter<&BN_free>>;
using SecretBn = std::unique_ptr<BIGNUM, Deleter<&BN_clear_free>>;
using ParamBld = std::unique_ptr<OSSL_PARAM_BLD, Deleter<&OSSL_PARAM_BLD_free>>;
using Params = std::unique_ptr<OSSL_PARAM, Deleter<&OSSL_PARAM_free>>;
using X509Ptr = std::unique_ptr<X509, Deleter<&X509_free>>;

// The message OpenSSL left on its error queue (and clears it), for error texts.
QString lastError();

// An Error carrying OpenSSL's reason, e.g. "signing failed: ... (OpenSSL: bad decrypt)".
std::unexpected<Error> failure(const QString& what, ErrorCode code = ErrorCode::CryptoFailure);

// Digests fetched once per process; fetching on every operation costs more than a P-256 verify's hashing.
const EVP_MD* sha256();
const EVP_MD* sha384();
const EVP_MD* sha512();

} // namespace Signet::Crypto::Ossl
