#pragma once

// The two ends of a workspace copy (WorkspaceCopy), checked before anything is written: a source
// that is a workspace of this build's format, opened read-only; a target that is a new file or an
// empty database, migrated to the same format; and not both the same store.

#include "foundation/Error.h"
#include "workspace/Database.h"
#include "workspace/WorkspaceLocation.h"

#include <QList>
#include <QSet>

#include <memory>

namespace Signet {

struct TableInfo;

class CopyTarget
{
public:
    // Refuses a file that exists or a database that holds anything (naming what is there); then
    // creates the file, or takes the empty database, and gives it the current schema.
    static Result<CopyTarget> prepare(const WorkspaceLocation& location);

    [[nodiscard]] const Database& database() const { return *m_database; }
    // After a failed copy: a file made here is removed. A database keeps the empty schema it was
    // given (its transaction was rolled back), which a later copy still takes as empty.
    void discard();

private:
    CopyTarget(std::unique_ptr<Database> database, QString createdFile)
        : m_database(std::move(database))
        , m_createdFile(std::move(createdFile))
    {}
    std::unique_ptr<Database> m_database;
    QString m_createdFile;
};

namespace CopyEnds {

struct Ends
{
    WorkspaceLocation from;
    WorkspaceLocation to;
};
Result<Ends> locate(const QString& from, const QString& to);

// A workspace of exactly this build's format, opened read-only.
Result<std::unique_ptr<Database>> openSource(const WorkspaceLocation& location);

// The tables that a new schema fills by itself (rows the migrations insert).
Result<QSet<QString>> seededTables(const Database& target, const QList<TableInfo>& tables);

} // namespace CopyEnds

} // namespace Signet
