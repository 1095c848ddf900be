#include "workspace/Vault.h"
#include "workspace/Database.h"
#include "workspace/WorkspaceMembers.h"

#include "crypto/Random.h"

namespace Signet {

namespace {

// The most a workspace may ask of scrypt: N = 2^20, r = 16, p = 4 and 1 GiB of memory (128 N r bytes).
constexpr quint64 kMaxScryptN = 1ull << 20;
constexpr quint32 kMaxScryptR = 16;
constexpr quint32 kMaxScryptP = 4;
constexpr quint64 kMaxScryptMemory = 1ull << 30;

} // namespace

Status Vault::checkKdfBounds(const Crypto::ScryptParameters& kdf)
{
    const bool powerOfTwo = kdf.n >= 2 && (kdf.n & (kdf.n - 1)) == 0;
    if (!powerOfTwo || kdf.n > kMaxScryptN || kdf.r == 0 || kdf.r > kMaxScryptR || kdf.p == 0 || kdf.p > kMaxScryptP ||
        128 * kdf.n * kdf.r > kMaxScryptMemory)
        return fail(ErrorCode::InvalidInput,
                    QStringLiteral("the workspace asks for scrypt with N=%1, r=%2, p=%3; Signet allows N a power of "
                                   "two up to 2^20, r up to 16, p up to 4 and 1 GiB of memory (the file may have "
                                   "been tampered with)")
                        .arg(kdf.n)
                        .arg(kdf.r)
                        .arg(kdf.p));
    return {};
}

namespace {

const QByteArray kWrapContext = "signet/v1/vault";

QByteArray associatedData(SealedKind kind, const QString& id)
{
    const char* name = kind == SealedKind::SigningKey     ? "signing-key"
                       : kind == SealedKind::ApiKeySecret ? "api-key"
                                                          : "token";
    return QByteArray("signet/v1/") + name + '/' + id.toUtf8();
}

Result<QVariant> meta(const Database& database, const char* name)
{
    return database.meta(QString::fromLatin1(name));
}

Status setMeta(const Database& database, const char* name, const QVariant& value)
{
    return database.setMeta(QString::fromLatin1(name), value);
}

} // namespace

Status Vault::store(const Database& database, const Crypto::SecureBytes& dataKey, std::optional<QByteArray> passphrase,
                    const Crypto::ScryptParameters& parameters)
{
    if (!passphrase) {
        if (auto done = setMeta(database, "vault.kdf", QStringLiteral("none")); !done)
            return done;
        if (auto done = database.exec(
                QStringLiteral("DELETE FROM meta WHERE name IN ('vault.salt','vault.n','vault.r','vault.p')"));
            !done)
            return std::unexpected(done.error());
        return setMeta(database, "vault.key", dataKey.toByteArray());
    }
    if (passphrase->isEmpty())
        return fail(ErrorCode::InvalidArgument,
                    QStringLiteral("the passphrase is empty (use an unprotected workspace instead)"));
    Crypto::ScryptParameters kdf = parameters;
    kdf.salt = Crypto::Random::bytes(16);
    if (auto bounded = checkKdfBounds(kdf); !bounded)
        return bounded;
    auto kek = Crypto::scrypt(*passphrase, kdf);
    Crypto::wipe(*passphrase);
    if (!kek)
        return std::unexpected(kek.error());
    auto wrapped = Crypto::Aead::seal(*kek, dataKey.view(), kWrapContext);
    if (!wrapped)
        return std::unexpected(wrapped.error());
    for (auto [name, value] :
         std::initializer_list<std::pair<const char*, QVariant>>{{"vault.kdf", QStringLiteral("scrypt")},
                                                                 {"vault.salt", kdf.salt},
                                                                 {"vault.n", QString::number(kdf.n)},
                                                                 {"vault.r", QString::number(kdf.r)},
                                                                 {"vault.p", QString::number(kdf.p)},
                                                                 {"vault.wrapped", *wrapped}}) {
        if (auto done = setMeta(database, name, value); !done)
            return done;
    }
    if (auto done = database.exec(QStringLiteral("DELETE FROM meta WHERE name = 'vault.key'")); !done)
        return std::unexpected(done.error());
    return {};
}

Result<Vault> Vault::create(const Database& database, std::optional<QByteArray> passphrase,
                            const Crypto::ScryptParameters& parameters)
{
    QByteArray random = Crypto::Random::bytes(Crypto::Aead::kKeySize);
    Crypto::SecureBytes dataKey(random);
    Crypto::wipe(random);
    const bool isProtected = passphrase.has_value();
    if (auto stored = store(database, dataKey, std::move(passphrase), parameters); !stored)
        return std::unexpected(stored.error());
    return Vault(std::move(dataKey), isProtected);
}

Result<bool> Vault::isProtected(const Database& database)
{
    auto kdf = meta(database, "vault.kdf");
    if (!kdf)
        return std::unexpected(kdf.error());
    if (!kdf->isValid())
        return fail(ErrorCode::InvalidInput, QStringLiteral("the workspace has no vault: it was not initialised"));
    return kdf->toString() != QLatin1String("none");
}

Result<Vault> Vault::unlock(const Database& database, QByteArrayView passphrase)
{
    auto isProtected = Vault::isProtected(database);
    if (!isProtected)
        return std::unexpected(isProtected.error());
    if (auto members = WorkspaceMembers::hasMembers(database); !members || *members)
        return members ? fail(ErrorCode::InvalidArgument,
                              QStringLiteral("this workspace has members: open it as one of them (--member NAME "
                                             "or SIGNET_MEMBER)"))
                       : Result<Vault>(std::unexpected(members.error()));
    if (!*isProtected) {
        auto key = meta(database, "vault.key");
        if (!key)
            return std::unexpected(key.error());
        QByteArray raw = key->toByteArray();
        if (raw.size() != Crypto::Aead::kKeySize)
            return fail(ErrorCode::InvalidInput, QStringLiteral("the workspace's data key is damaged"));
        Crypto::SecureBytes dataKey(raw);
        Crypto::wipe(raw);
        return Vault(std::move(dataKey), false);
    }
    if (passphrase.isEmpty())
        return fail(ErrorCode::InvalidArgument, QStringLiteral("the workspace is protected: a passphrase is needed"));
    Crypto::ScryptParameters kdf;
    auto salt = meta(database, "vault.salt");
    auto n = meta(database, "vault.n");
    auto r = meta(database, "vault.r");
    auto p = meta(database, "vault.p");
    auto wrapped = meta(database, "vault.wrapped");
    if (!salt || !n || !r || !p || !wrapped)
        return fail(ErrorCode::Io, QStringLiteral("cannot read the workspace's vault"));
    kdf.salt = salt->toByteArray();
    kdf.n = n->toString().toULongLong();
    kdf.r = r->toString().toUInt();
    kdf.p = p->toString().toUInt();
    // Checked before scrypt runs: a crafted file must not make Signet allocate gigabytes.
    if (auto bounded = checkKdfBounds(kdf); !bounded)
        return std::unexpected(bounded.error());
    auto kek = Crypto::scrypt(passphrase, kdf);
    if (!kek)
        return std::unexpected(kek.error());
    auto dataKey = Crypto::Aead::open(*kek, wrapped->toByteArray(), kWrapContext);
    if (!dataKey)
        return fail(ErrorCode::InvalidInput, QStringLiteral("wrong passphrase"));
    return Vault(std::move(*dataKey), true);
}

Result<QByteArray> Vault::seal(QByteArrayView plaintext, SealedKind kind, const QString& id) const
{
    return Crypto::Aead::seal(m_dataKey, plaintext, associatedData(kind, id));
}

Result<Crypto::SecureBytes> Vault::open(QByteArrayView box, SealedKind kind, const QString& id) const
{
    auto opened = Crypto::Aead::open(m_dataKey, box, associatedData(kind, id));
    if (!opened)
        return fail(ErrorCode::InvalidInput,
                    QStringLiteral("a sealed secret of '%1' does not open: the workspace is damaged").arg(id));
    return opened;
}

Status Vault::checkCurrent(const Database& database) const
{
    auto epoch = database.meta(QStringLiteral("vault.epoch"));
    if (!epoch)
        return std::unexpected(epoch.error());
    if (epoch->toByteArray() != m_epoch)
        return fail(ErrorCode::Conflict,
                    QStringLiteral("the workspace was re-keyed (a member was removed) since it was opened: nothing "
                                   "was written; open the workspace again"));
    return {};
}

Status Vault::changePassphrase(const Database& database, std::optional<QByteArray> passphrase,
                               const Crypto::ScryptParameters& parameters)
{
    if (!m_member.isEmpty())
        return WorkspaceMembers::changePassphrase(database, *this, std::move(passphrase), parameters);
    auto transaction = Transaction::begin(database);
    if (!transaction)
        return std::unexpected(transaction.error());
    const bool isProtected = passphrase.has_value();
    if (auto stored = store(database, m_dataKey, std::move(passphrase), parameters); !stored)
        return stored;
    if (auto committed = transaction->commit(); !committed)
        return committed;
    m_protected = isProtected;
    return {};
}

} // namespace Signet
