#include "crypto/KeyImport.h"

#include "crypto/KeyPairImpl.h"

#include <openssl/decoder.h>
#include <openssl/pem.h>

namespace Signet::Crypto {

namespace {

// The label of the first PEM block ("PRIVATE KEY", "CERTIFICATE", ...).
QByteArray firstPemLabel(QByteArrayView pem)
{
    const QByteArrayView begin("-----BEGIN ");
    const qsizetype start = pem.indexOf(begin);
    if (start < 0)
        return {};
    const qsizetype labelStart = start + begin.size();
    const qsizetype end = pem.indexOf(QByteArrayView("-----"), labelStart);
    return end < 0 ? QByteArray() : pem.sliced(labelStart, end - labelStart).toByteArray();
}

bool isEncrypted(QByteArrayView pem, const QByteArray& label)
{
    return label == "ENCRYPTED PRIVATE KEY" || pem.contains(QByteArrayView("Proc-Type: 4,ENCRYPTED"));
}

Result<ImportedPem> fromCertificate(QByteArrayView pem)
{
    Ossl::Bio bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
    Ossl::X509Ptr certificate(PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr));
    if (!certificate)
        return Ossl::failure(QStringLiteral("the certificate cannot be read"), ErrorCode::InvalidInput);
    EVP_PKEY* pkey = X509_get_pubkey(certificate.get());
    if (!pkey)
        return Ossl::failure(QStringLiteral("the certificate has no usable public key"), ErrorCode::InvalidInput);
    return ImportedPem{KeyPair::adopt(pkey), PemSource::Certificate};
}

bool isSupportedType(const EVP_PKEY* pkey)
{
    return EVP_PKEY_is_a(pkey, "RSA") || EVP_PKEY_is_a(pkey, "EC") || EVP_PKEY_is_a(pkey, "ED25519") ||
           EVP_PKEY_is_a(pkey, "ED448");
}

} // namespace

bool looksLikePem(QByteArrayView text)
{
    return text.contains(QByteArrayView("-----BEGIN "));
}

Result<ImportedPem> importPem(QByteArrayView pem, QByteArrayView passphrase)
{
    const QByteArray label = firstPemLabel(pem);
    if (label.isEmpty())
        return fail(ErrorCode::InvalidInput, QStringLiteral("not a PEM file (no -----BEGIN line)"));

    Result<ImportedPem> imported;
    if (label == "CERTIFICATE" || label == "TRUSTED CERTIFICATE") {
        imported = fromCertificate(pem);
    } else {
        const bool encrypted = isEncrypted(pem, label);
        if (encrypted && passphrase.isEmpty())
            return fail(ErrorCode::InvalidInput,
                        QStringLiteral("the private key is encrypted: a passphrase is needed"));
        EVP_PKEY* pkey = nullptr;
        OSSL_DECODER_CTX* rawCtx = OSSL_DECODER_CTX_new_for_pkey(&pkey, "PEM", nullptr, nullptr, 0, nullptr, nullptr);
        std::unique_ptr<OSSL_DECODER_CTX, Ossl::Deleter<&OSSL_DECODER_CTX_free>> ctx(rawCtx);
        if (!ctx)
            return Ossl::failure(QStringLiteral("cannot set up the PEM decoder"));
        if (!passphrase.isEmpty())
            OSSL_DECODER_CTX_set_passphrase(ctx.get(), reinterpret_cast<const unsigned char*>(passphrase.data()),
                                            static_cast<std::size_t>(passphrase.size()));
        const auto* data = reinterpret_cast<const unsigned char*>(pem.data());
        std::size_t length = static_cast<std::size_t>(pem.size());
        if (OSSL_DECODER_from_data(ctx.get(), &data, &length) != 1 || !pkey) {
            if (encrypted)
                return Ossl::failure(QStringLiteral("cannot decrypt the private key: wrong passphrase?"),
                                     ErrorCode::InvalidInput);
            return Ossl::failure(
                QStringLiteral("the PEM block '%1' is not a key Signet can read").arg(QString::fromLatin1(label)),
                ErrorCode::InvalidInput);
        }
        if (!isSupportedType(pkey)) {
            EVP_PKEY_free(pkey);
            return fail(ErrorCode::Unsupported,
                        QStringLiteral("unsupported key type (Signet uses RSA, EC P-256/384/521, Ed25519 and Ed448)"));
        }
        KeyPair key = KeyPair::adopt(pkey);
        imported = ImportedPem{key, key.hasPrivate() ? PemSource::PrivateKey : PemSource::PublicKey};
    }
    if (!imported)
        return imported;
    if (auto valid = imported->key.validate(); !valid)
        return std::unexpected(valid.error());
    return imported;
}

} // namespace Signet::Crypto
