#include "workspace/WorkspaceFile.h"

#include "workspace/Database.h"

#include <QAtomicInteger>
#include <QFile>
#include <QSqlDatabase>
#include <QSqlQuery>

namespace Signet::WorkspaceFile {

namespace {

constexpr char kSqliteMagic[] = "SQLite format 3"; // and a NUL: the first 16 bytes of every SQLite file

std::unexpected<Error> notAWorkspace(const QString& why)
{
    return fail(ErrorCode::InvalidInput, QStringLiteral("not a Signet workspace (%1)").arg(why));
}

// What a read-only connection finds: the format number and whether the vault's settings are there.
struct Contents
{
    bool opened = false;
    int format = 0;
    bool hasVault = false;
};

Contents readContents(const QString& path)
{
    static QAtomicInteger<quint64> counter;
    const QString name = QStringLiteral("signet-probe-%1").arg(counter.fetchAndAddRelaxed(1));
    Contents contents;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        configureReadOnly(db, path);
        if (db.open()) {
            QSqlQuery query(db);
            contents.opened = query.exec(QStringLiteral("PRAGMA user_version")) && query.next();
            if (contents.opened)
                contents.format = query.value(0).toInt();
            contents.hasVault =
                query.exec(QStringLiteral("SELECT 1 FROM meta WHERE name = 'vault.kdf'")) && query.next();
            query.finish();
            db.close();
        }
    }
    QSqlDatabase::removeDatabase(name);
    return contents;
}

} // namespace

Status check(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return fail(ErrorCode::Io, QStringLiteral("cannot read %1: %2").arg(path, file.errorString()));
    const QByteArray header = file.read(16);
    file.close();
    if (header.isEmpty())
        return notAWorkspace(QStringLiteral("the file is empty"));
    if (header != QByteArray(kSqliteMagic, sizeof kSqliteMagic))
        return notAWorkspace(QStringLiteral("it is not an SQLite database"));
    const Contents contents = readContents(path);
    if (!contents.opened)
        return notAWorkspace(QStringLiteral("SQLite cannot read it"));
    if (contents.format < 1 || !contents.hasVault)
        return notAWorkspace(QStringLiteral("an SQLite database without Signet's tables"));
    return {};
}

} // namespace Signet::WorkspaceFile
