#include "workspace/Migrations.h"

#include <QStringList>

namespace Signet::Migrations {

namespace {

// Each step is a list of statements, applied in order inside one transaction. Never edit a
// released step: add a new one.
const QList<QStringList>& steps()
{
    static const QList<QStringList> all = {
        // 1: the first workspace format.
        {
            QStringLiteral("CREATE TABLE meta (name TEXT PRIMARY KEY, value BLOB NOT NULL)"),
            QStringLiteral("CREATE TABLE projects ("
                           " id TEXT PRIMARY KEY, name TEXT NOT NULL, issuer TEXT NOT NULL, audience TEXT NOT NULL,"
                           " default_ttl INTEGER NOT NULL, max_ttl INTEGER NOT NULL, jwks_max_age INTEGER NOT NULL,"
                           " scopes TEXT NOT NULL, created_at INTEGER NOT NULL)"),
            QStringLiteral("CREATE TABLE signing_keys ("
                           " project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE, kid TEXT NOT NULL,"
                           " alg TEXT NOT NULL, key_type TEXT NOT NULL,"
                           " state TEXT NOT NULL CHECK (state IN ('next','active','retiring','retired','revoked')),"
                           " created_at INTEGER NOT NULL, activated_at INTEGER, retire_at INTEGER, ended_at INTEGER,"
                           " fingerprint TEXT NOT NULL, public_jwk TEXT NOT NULL, sealed_private BLOB NOT NULL,"
                           " PRIMARY KEY (project_id, kid))"),
            QStringLiteral(
                "CREATE TABLE api_keys ("
                " id TEXT PRIMARY KEY, project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,"
                " name TEXT NOT NULL, scopes TEXT NOT NULL, secret_hash BLOB NOT NULL, sealed_secret BLOB NOT NULL,"
                " created_at INTEGER NOT NULL, expires_at INTEGER, last_used_at INTEGER, revoked_at INTEGER)"),
            QStringLiteral("CREATE TABLE ledger ("
                           " jti TEXT PRIMARY KEY, project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,"
                           " kid TEXT, alg TEXT NOT NULL, subject TEXT, audience TEXT, scopes TEXT,"
                           " issued_at INTEGER NOT NULL, expires_at INTEGER NOT NULL, one_time INTEGER NOT NULL,"
                           " consumed_at INTEGER, sealed_token BLOB NOT NULL)"),
            QStringLiteral("CREATE INDEX ledger_by_project ON ledger (project_id, issued_at)"),
            QStringLiteral("CREATE TABLE audit ("
                           " id INTEGER PRIMARY KEY AUTOINCREMENT, at INTEGER NOT NULL, actor TEXT NOT NULL,"
                           " action TEXT NOT NULL, project_id TEXT, object TEXT, details TEXT)"),
        },
        // 2: rotation interval per project (health warnings), at most one active key per project
        // enforced by the database itself, and an audit log that cannot be rewritten.
        {
            QStringLiteral("ALTER TABLE projects ADD COLUMN rotation_interval INTEGER NOT NULL DEFAULT 7776000"),
            QStringLiteral("CREATE UNIQUE INDEX one_active_key ON signing_keys (project_id) WHERE state = 'active'"),
            QStringLiteral("CREATE INDEX audit_by_project ON audit (project_id, id)"),
            QStringLiteral("CREATE TRIGGER audit_append_only_update BEFORE UPDATE ON audit"
                           " BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END"),
            QStringLiteral("CREATE TRIGGER audit_append_only_delete BEFORE DELETE ON audit"
                           " BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END"),
        },
        // 3: a counter that every change to projects, signing keys or API keys moves (any connection,
        // any process), so minting can keep what it read until it moves; ledger writes leave it alone.
        {
            QStringLiteral("CREATE TABLE configuration_generation (id INTEGER PRIMARY KEY CHECK (id = 1),"
                           " value INTEGER NOT NULL)"),
            QStringLiteral("INSERT INTO configuration_generation VALUES (1, 0)"),
            QStringLiteral("CREATE TRIGGER projects_insert_generation AFTER INSERT ON projects"
                           " BEGIN UPDATE configuration_generation SET value = value + 1; END"),
            QStringLiteral("CREATE TRIGGER projects_update_generation AFTER UPDATE ON projects"
                           " BEGIN UPDATE configuration_generation SET value = value + 1; END"),
            QStringLiteral("CREATE TRIGGER projects_delete_generation AFTER DELETE ON projects"
                           " BEGIN UPDATE configuration_generation SET value = value + 1; END"),
            QStringLiteral("CREATE TRIGGER signing_keys_insert_generation AFTER INSERT ON signing_keys"
                           " BEGIN UPDATE configuration_generation SET value = value + 1; END"),
            QStringLiteral("CREATE TRIGGER signing_keys_update_generation AFTER UPDATE ON signing_keys"
                           " BEGIN UPDATE configuration_generation SET value = value + 1; END"),
            QStringLiteral("CREATE TRIGGER signing_keys_delete_generation AFTER DELETE ON signing_keys"
                           " BEGIN UPDATE configuration_generation SET value = value + 1; END"),
            QStringLiteral("CREATE TRIGGER api_keys_insert_generation AFTER INSERT ON api_keys"
                           " BEGIN UPDATE configuration_generation SET value = value + 1; END"),
            QStringLiteral("CREATE TRIGGER api_keys_update_generation AFTER UPDATE ON api_keys"
                           " BEGIN UPDATE configuration_generation SET value = value + 1; END"),
            QStringLiteral("CREATE TRIGGER api_keys_delete_generation AFTER DELETE ON api_keys"
                           " BEGIN UPDATE configuration_generation SET value = value + 1; END"),
        },
        // 4: sessions the local server starts from an API key (api.video's access and refresh
        // tokens): each refresh token is used once, and a reused one revokes its whole family.
        {
            QStringLiteral(
                "CREATE TABLE session_families ("
                " family TEXT PRIMARY KEY, project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,"
                " api_key_id TEXT NOT NULL, created_at INTEGER NOT NULL, revoked_at INTEGER,"
                " revoked_reason TEXT)"),
            QStringLiteral("CREATE TABLE refresh_tokens ("
                           " token_hash BLOB PRIMARY KEY,"
                           " family TEXT NOT NULL REFERENCES session_families(family) ON DELETE CASCADE,"
                           " issued_at INTEGER NOT NULL, expires_at INTEGER NOT NULL, used_at INTEGER)"),
            QStringLiteral("CREATE INDEX refresh_tokens_by_family ON refresh_tokens (family)"),
        },
        // 5: the provider profile a project follows (its name; empty: none).
        {
            QStringLiteral("ALTER TABLE projects ADD COLUMN profile TEXT NOT NULL DEFAULT ''"),
        },
        // 6: provider profiles of the user's, stored as their JSON definition so that every process
        // opening the workspace follows the same rules; a change to one is a configuration change.
        {
            QStringLiteral("CREATE TABLE profiles (name TEXT PRIMARY KEY, definition TEXT NOT NULL,"
                           " stored_at INTEGER NOT NULL)"),
            QStringLiteral("CREATE TRIGGER profiles_insert_generation AFTER INSERT ON profiles"
                           " BEGIN UPDATE configuration_generation SET value = value + 1; END"),
            QStringLiteral("CREATE TRIGGER profiles_update_generation AFTER UPDATE ON profiles"
                           " BEGIN UPDATE configuration_generation SET value = value + 1; END"),
            QStringLiteral("CREATE TRIGGER profiles_delete_generation AFTER DELETE ON profiles"
                           " BEGIN UPDATE configuration_generation SET value = value + 1; END"),
        },
        // 7: members, each with the workspace's data key sealed to their own X25519 key (whose private
        // half their passphrase seals), invitations to become one, and who did what from where.
        {
            QStringLiteral("CREATE TABLE members (name TEXT PRIMARY KEY, public_key BLOB NOT NULL,"
                           " sealed_private BLOB NOT NULL, kdf_salt BLOB NOT NULL, kdf_n INTEGER NOT NULL,"
                           " kdf_r INTEGER NOT NULL, kdf_p INTEGER NOT NULL, sealed_data_key BLOB NOT NULL,"
                           " added_at INTEGER NOT NULL, added_by TEXT NOT NULL)"),
            QStringLiteral("CREATE TABLE invites (id TEXT PRIMARY KEY, member TEXT NOT NULL,"
                           " sealed_data_key BLOB NOT NULL, created_at INTEGER NOT NULL,"
                           " expires_at INTEGER NOT NULL, created_by TEXT NOT NULL)"),
            QStringLiteral("ALTER TABLE audit ADD COLUMN member TEXT"),
            QStringLiteral("ALTER TABLE audit ADD COLUMN machine TEXT"),
            QStringLiteral("CREATE INDEX audit_by_member ON audit (member, id)"),
        },
        // 8: rotation takes the first prepared of keys made in the same second. SQLite has always
        // kept the order rows were added in (rowid): nothing to add here; PostgreSQL needs a column.
        {},
    };
    return all;
}

// The same steps for a team workspace on PostgreSQL, one for one with the SQLite steps above (a new
// step is added to both). Where SQLite's dynamic types and trigger bodies differ: BIGINT for times
// and counters, BYTEA for sealed blobs and meta values, plpgsql functions for triggers.
const QList<QStringList>& postgreSqlSteps()
{
    static const QList<QStringList> all = {
        // 1
        {
            QStringLiteral("CREATE TABLE meta (name TEXT PRIMARY KEY, value BYTEA NOT NULL)"),
            QStringLiteral("CREATE TABLE projects ("
                           " id TEXT PRIMARY KEY, name TEXT NOT NULL, issuer TEXT NOT NULL, audience TEXT NOT NULL,"
                           " default_ttl BIGINT NOT NULL, max_ttl BIGINT NOT NULL, jwks_max_age BIGINT NOT NULL,"
                           " scopes TEXT NOT NULL, created_at BIGINT NOT NULL)"),
            QStringLiteral("CREATE TABLE signing_keys ("
                           " project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE, kid TEXT NOT NULL,"
                           " alg TEXT NOT NULL, key_type TEXT NOT NULL,"
                           " state TEXT NOT NULL CHECK (state IN ('next','active','retiring','retired','revoked')),"
                           " created_at BIGINT NOT NULL, activated_at BIGINT, retire_at BIGINT, ended_at BIGINT,"
                           " fingerprint TEXT NOT NULL, public_jwk TEXT NOT NULL, sealed_private BYTEA NOT NULL,"
                           " PRIMARY KEY (project_id, kid))"),
            QStringLiteral(
                "CREATE TABLE api_keys ("
                " id TEXT PRIMARY KEY, project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,"
                " name TEXT NOT NULL, scopes TEXT NOT NULL, secret_hash BYTEA NOT NULL, sealed_secret BYTEA NOT NULL,"
                " created_at BIGINT NOT NULL, expires_at BIGINT, last_used_at BIGINT, revoked_at BIGINT)"),
            QStringLiteral("CREATE TABLE ledger ("
                           " jti TEXT PRIMARY KEY, project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,"
                           " kid TEXT, alg TEXT NOT NULL, subject TEXT, audience TEXT, scopes TEXT,"
                           " issued_at BIGINT NOT NULL, expires_at BIGINT NOT NULL, one_time INTEGER NOT NULL,"
                           " consumed_at BIGINT, sealed_token BYTEA NOT NULL)"),
            QStringLiteral("CREATE INDEX ledger_by_project ON ledger (project_id, issued_at)"),
            QStringLiteral(
                "CREATE TABLE audit ("
                " id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, at BIGINT NOT NULL, actor TEXT NOT NULL,"
                " action TEXT NOT NULL, project_id TEXT, object TEXT, details TEXT)"),
        },
        // 2
        {
            QStringLiteral("ALTER TABLE projects ADD COLUMN rotation_interval BIGINT NOT NULL DEFAULT 7776000"),
            QStringLiteral("CREATE UNIQUE INDEX one_active_key ON signing_keys (project_id) WHERE state = 'active'"),
            QStringLiteral("CREATE INDEX audit_by_project ON audit (project_id, id)"),
            QStringLiteral("CREATE FUNCTION signet_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS"
                           " $$ BEGIN RAISE EXCEPTION 'the audit log is append-only'; END $$"),
            QStringLiteral("CREATE TRIGGER audit_append_only_update BEFORE UPDATE ON audit"
                           " FOR EACH ROW EXECUTE FUNCTION signet_audit_append_only()"),
            QStringLiteral("CREATE TRIGGER audit_append_only_delete BEFORE DELETE ON audit"
                           " FOR EACH ROW EXECUTE FUNCTION signet_audit_append_only()"),
            QStringLiteral("CREATE TRIGGER audit_append_only_truncate BEFORE TRUNCATE ON audit"
                           " FOR EACH STATEMENT EXECUTE FUNCTION signet_audit_append_only()"),
        },
        // 3
        {
            QStringLiteral("CREATE TABLE configuration_generation (id INTEGER PRIMARY KEY CHECK (id = 1),"
                           " value BIGINT NOT NULL)"),
            QStringLiteral("INSERT INTO configuration_generation VALUES (1, 0)"),
            QStringLiteral("CREATE FUNCTION signet_bump_configuration() RETURNS trigger LANGUAGE plpgsql AS"
                           " $$ BEGIN UPDATE configuration_generation SET value = value + 1; RETURN NULL; END $$"),
            QStringLiteral("CREATE TRIGGER projects_generation AFTER INSERT OR UPDATE OR DELETE ON projects"
                           " FOR EACH STATEMENT EXECUTE FUNCTION signet_bump_configuration()"),
            QStringLiteral("CREATE TRIGGER signing_keys_generation AFTER INSERT OR UPDATE OR DELETE ON signing_keys"
                           " FOR EACH STATEMENT EXECUTE FUNCTION signet_bump_configuration()"),
            QStringLiteral("CREATE TRIGGER api_keys_generation AFTER INSERT OR UPDATE OR DELETE ON api_keys"
                           " FOR EACH STATEMENT EXECUTE FUNCTION signet_bump_configuration()"),
        },
        // 4
        {
            QStringLiteral(
                "CREATE TABLE session_families ("
                " family TEXT PRIMARY KEY, project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,"
                " api_key_id TEXT NOT NULL, created_at BIGINT NOT NULL, revoked_at BIGINT,"
                " revoked_reason TEXT)"),
            QStringLiteral("CREATE TABLE refresh_tokens ("
                           " token_hash BYTEA PRIMARY KEY,"
                           " family TEXT NOT NULL REFERENCES session_families(family) ON DELETE CASCADE,"
                           " issued_at BIGINT NOT NULL, expires_at BIGINT NOT NULL, used_at BIGINT)"),
            QStringLiteral("CREATE INDEX refresh_tokens_by_family ON refresh_tokens (family)"),
        },
        // 5
        {
            QStringLiteral("ALTER TABLE projects ADD COLUMN profile TEXT NOT NULL DEFAULT ''"),
        },
        // 6
        {
            QStringLiteral("CREATE TABLE profiles (name TEXT PRIMARY KEY, definition TEXT NOT NULL,"
                           " stored_at BIGINT NOT NULL)"),
            QStringLiteral("CREATE TRIGGER profiles_generation AFTER INSERT OR UPDATE OR DELETE ON profiles"
                           " FOR EACH STATEMENT EXECUTE FUNCTION signet_bump_configuration()"),
        },
        // 7
        {
            QStringLiteral("CREATE TABLE members (name TEXT PRIMARY KEY, public_key BYTEA NOT NULL,"
                           " sealed_private BYTEA NOT NULL, kdf_salt BYTEA NOT NULL, kdf_n BIGINT NOT NULL,"
                           " kdf_r BIGINT NOT NULL, kdf_p BIGINT NOT NULL, sealed_data_key BYTEA NOT NULL,"
                           " added_at BIGINT NOT NULL, added_by TEXT NOT NULL)"),
            QStringLiteral("CREATE TABLE invites (id TEXT PRIMARY KEY, member TEXT NOT NULL,"
                           " sealed_data_key BYTEA NOT NULL, created_at BIGINT NOT NULL,"
                           " expires_at BIGINT NOT NULL, created_by TEXT NOT NULL)"),
            QStringLiteral("ALTER TABLE audit ADD COLUMN member TEXT"),
            QStringLiteral("ALTER TABLE audit ADD COLUMN machine TEXT"),
            QStringLiteral("CREATE INDEX audit_by_member ON audit (member, id)"),
        },
        // 8: a column that numbers signing keys as they are added, as SQLite's rowid does
        // (Database::insertionOrderColumn). Keys already there are numbered in the order that broke
        // ties until now (creation time, then kid), so an upgraded workspace rotates as it did; the
        // identity then goes on past them. Numbering them changes no configuration (the order is the
        // one that held): the generation stays, as a new schema's does.
        {
            QStringLiteral("ALTER TABLE signing_keys ADD COLUMN insertion_order BIGINT"),
            QStringLiteral("ALTER TABLE signing_keys DISABLE TRIGGER signing_keys_generation"),
            QStringLiteral("UPDATE signing_keys SET insertion_order = numbered.position FROM"
                           " (SELECT project_id, kid, row_number() OVER (ORDER BY created_at, project_id, kid)"
                           " AS position FROM signing_keys) numbered"
                           " WHERE signing_keys.project_id = numbered.project_id AND signing_keys.kid = numbered.kid"),
            QStringLiteral("ALTER TABLE signing_keys ENABLE TRIGGER signing_keys_generation"),
            QStringLiteral("ALTER TABLE signing_keys ALTER COLUMN insertion_order SET NOT NULL"),
            QStringLiteral("ALTER TABLE signing_keys ALTER COLUMN insertion_order ADD GENERATED ALWAYS AS IDENTITY"),
            QStringLiteral("SELECT pg_catalog.setval(pg_catalog.pg_get_serial_sequence('signing_keys',"
                           " 'insertion_order'), COALESCE(MAX(insertion_order), 0) + 1, false) FROM signing_keys"),
        },
    };
    return all;
}

const QList<QStringList>& stepsFor(const Database& database)
{
    return database.dialect() == Database::Dialect::PostgreSql ? postgreSqlSteps() : steps();
}

// PostgreSQL has no user_version: a one-row table holds the schema version. Migrating takes an
// advisory lock for its transaction, so that two members opening a new database at once do not
// both create its tables.
constexpr qint64 kMigrationLock = 0x5349474e4554; // "SIGNET"

} // namespace

int latestVersion()
{
    Q_ASSERT(steps().size() == postgreSqlSteps().size());
    return static_cast<int>(steps().size());
}

Result<int> currentVersion(const Database& database)
{
    if (database.dialect() == Database::Dialect::PostgreSql) {
        // pg_tables, not to_regclass(): an advisory lock does not refresh the catalog cache, so only a
        // real read sees a table another member's migration has just created.
        auto exists = database.scalar(QStringLiteral("SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_tables WHERE "
                                                     "schemaname = current_schema() AND tablename = 'signet_schema')"));
        if (!exists)
            return std::unexpected(exists.error());
        if (!exists->toBool())
            return 0;
        auto version = database.scalar(QStringLiteral("SELECT version FROM signet_schema"));
        if (!version)
            return std::unexpected(version.error());
        return version->toInt();
    }
    auto version = database.scalar(QStringLiteral("PRAGMA user_version"));
    if (!version)
        return std::unexpected(version.error());
    return version->toInt();
}

namespace {

Status recordVersion(const Database& database, int version)
{
    if (database.dialect() == Database::Dialect::SQLite) {
        if (auto done = database.exec(QStringLiteral("PRAGMA user_version = %1").arg(version)); !done)
            return std::unexpected(done.error());
        return {};
    }
    for (const QString& statement :
         {QStringLiteral("CREATE TABLE IF NOT EXISTS signet_schema (version INTEGER NOT NULL)"),
          QStringLiteral("DELETE FROM signet_schema"),
          QStringLiteral("INSERT INTO signet_schema (version) VALUES (%1)").arg(version)}) {
        if (auto done = database.exec(statement); !done)
            return std::unexpected(done.error());
    }
    return {};
}

} // namespace

Status migrate(const Database& database, int target)
{
    if (target < 0)
        target = latestVersion();
    auto version = currentVersion(database);
    if (!version)
        return std::unexpected(version.error());
    if (*version > latestVersion())
        return fail(ErrorCode::Unsupported,
                    QStringLiteral("the workspace was written by a newer Signet (format %1; this build knows up to %2)")
                        .arg(*version)
                        .arg(latestVersion()));
    if (*version < target && database.isReadOnly())
        return fail(ErrorCode::Io,
                    QStringLiteral("the workspace is read-only (%1) and in an older format (%2): open it "
                                   "once with write access so that Signet can upgrade it to format %3")
                        .arg(database.path())
                        .arg(*version)
                        .arg(target));
    for (int step = *version; step < target; ++step) {
        auto transaction = Transaction::begin(database);
        if (!transaction)
            return std::unexpected(transaction.error());
        if (database.dialect() == Database::Dialect::PostgreSql) {
            if (auto locked = database.exec(QStringLiteral("SELECT pg_advisory_xact_lock(%1)").arg(kMigrationLock));
                !locked)
                return std::unexpected(locked.error());
            auto now = currentVersion(database);
            if (!now)
                return std::unexpected(now.error());
            if (*now > step) { // another process took this step meanwhile
                step = *now - 1;
                continue;
            }
        }
        for (const QString& statement : stepsFor(database)[step]) {
            if (auto done = database.exec(statement); !done)
                return std::unexpected(
                    done.error().withContext(QStringLiteral("upgrading the workspace to format %1").arg(step + 1)));
        }
        if (auto done = recordVersion(database, step + 1); !done)
            return done;
        if (auto committed = transaction->commit(); !committed)
            return committed;
    }
    return {};
}

} // namespace Signet::Migrations
