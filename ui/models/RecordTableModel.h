#pragma once

#include "UntrustedText.h"
#include "foundation/Error.h"
#include "models/ModelSupport.h"

#include <QAbstractTableModel>
#include <QList>

#include <chrono>
#include <functional>
#include <optional>

namespace Signet {

class Clock;
class Workspace;

// What every record table shares, whatever its record type (Q_OBJECT cannot sit on a template):
// the project shown, the last error, and reload() as a slot.
class RecordTableModelBase : public QAbstractTableModel
{
    Q_OBJECT

public:
    // What the table lists while no project is set.
    enum class WithoutProject
    {
        NoRows,      // a project's own records: there is nothing to list
        AllProjects, // records that span projects (the audit log): all of them
    };

    // How soon a model reads again after finding the workspace busy.
    static constexpr std::chrono::milliseconds kBusyRetry{250};

    void setProject(const QString& projectId);
    [[nodiscard]] const QString& project() const { return m_projectId; }
    // Whether the rows held are project()'s (not yet, while another project's are still shown).
    [[nodiscard]] bool showsProject() const { return m_shownProject == m_projectId; }
    // Why the last reload found no rows; empty when it succeeded.
    [[nodiscard]] const QString& lastError() const { return m_lastError; }

public Q_SLOTS:
    virtual void reload() = 0;
    // The clock moved on: relative times ("in 14 min") and time-dependent states may read differently.
    void refreshTimes();

protected:
    RecordTableModelBase(Workspace& workspace, const Clock& clock, WithoutProject withoutProject, QObject* parent);

    // For the services' change signals, which name the project that changed.
    void reloadIfShown(const QString& projectId);
    [[nodiscard]] bool hasNothingToList() const
    {
        return m_projectId.isEmpty() && m_withoutProject == WithoutProject::NoRows;
    }
    [[nodiscard]] qint64 now() const;
    // Another program holds the workspace for a moment: the rows of the project shown stay, and the
    // model reads again shortly. Returns whether it kept them.
    bool keepRowsWhileBusy(const Error& error);
    // The rows now shown are those of project().
    void noteShown() { m_shownProject = m_projectId; }
    // The project, without reading its rows: the caller reads them.
    void assignProject(const QString& projectId) { m_projectId = projectId; }
    // Whether every read is a round trip to a server (a team workspace): none is then quick enough for
    // the GUI thread, however well an index answers it.
    [[nodiscard]] bool readsCostARoundTrip() const;

    Workspace& m_workspace;
    const Clock& m_clock;
    QString m_lastError;

private:
    const WithoutProject m_withoutProject;
    QString m_projectId;
    QString m_shownProject;
    bool m_retryPending = false;
};

// One column of a record table: its header and, per role, what a cell of a record shows. A role
// without a function has no data, as Qt expects.
template<typename Record> struct RecordColumn
{
    using Cell = std::function<QVariant(const Record&)>;

    int column = 0; // the model's Column enum value
    QString header;
    Cell display;
    Cell toolTip = {};
    Cell sort = {};               // ModelSupport::SortRole: what proxies sort and filter by
    Qt::Alignment alignment = {}; // Qt::TextAlignmentRole, when set

    RecordColumn withDisplay(Cell cell) &&
    {
        display = std::move(cell);
        return std::move(*this);
    }
    RecordColumn withToolTip(Cell cell) &&
    {
        toolTip = std::move(cell);
        return std::move(*this);
    }
    RecordColumn withSort(Cell cell) &&
    {
        sort = std::move(cell);
        return std::move(*this);
    }
};

// The base of every record table (signing keys, API keys, audit, ledger), after libkleo's
// AbstractKeyListModel: it holds the rows and answers Qt's questions; a concrete model gives its
// column definitions, how a record is keyed, and where its records come from.
template<typename Record> class RecordTableModel : public RecordTableModelBase
{
public:
    using ColumnDefinition = RecordColumn<Record>;
    using Cell = typename ColumnDefinition::Cell;

    [[nodiscard]] const QList<Record>& records() const { return m_records; }
    [[nodiscard]] const Record* recordAt(int row) const
    {
        return row >= 0 && row < m_records.size() ? &m_records[row] : nullptr;
    }

    void reload() override
    {
        // Read before the reset, so the view keeps its rows while the workspace answers.
        showFetched(hasNothingToList() ? Result<QList<Record>>() : fetch(project()));
    }

    int rowCount(const QModelIndex& parent = {}) const override
    {
        return parent.isValid() ? 0 : static_cast<int>(m_records.size());
    }
    int columnCount(const QModelIndex& parent = {}) const override
    {
        return parent.isValid() ? 0 : static_cast<int>(m_columns.size());
    }

    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override
    {
        if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
            return {};
        const Record& record = m_records[index.row()];
        const ColumnDefinition& column = m_columns[index.column()];
        switch (role) {
        case ModelSupport::KeyRole:
            return keyOf(record);
        case ModelSupport::StateRole:
            return stateOf(record);
        // Every text a record holds may come from another program or a crafted file: shown visibly.
        case Qt::DisplayRole:
            return UntrustedText::visibleCell(cell(column.display, record));
        case Qt::ToolTipRole:
            return UntrustedText::visibleCell(cell(column.toolTip, record), UntrustedText::LineBreaks::Keep);
        case ModelSupport::SortRole:
            return cell(column.sort, record);
        case Qt::TextAlignmentRole:
            return column.alignment ? QVariant::fromValue(column.alignment) : QVariant();
        default:
            return {};
        }
    }

    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override
    {
        if (orientation != Qt::Horizontal || role != Qt::DisplayRole || section < 0 || section >= m_columns.size())
            return {};
        return m_columns[section].header;
    }

protected:
    using RecordTableModelBase::RecordTableModelBase;

    // The columns in the order of the model's Column enum.
    void setColumns(QList<ColumnDefinition> columns)
    {
        for (int i = 0; i < columns.size(); ++i)
            Q_ASSERT(columns[i].column == i);
        m_columns = std::move(columns);
    }

    // The records of projectId (empty: of every project) as the workspace lists them; for a model that
    // fetches on demand, the first of them.
    virtual Result<QList<Record>> fetch(const QString& projectId) = 0;
    // What a read found, shown: its rows, or none and why. A busy workspace keeps the rows shown.
    void showFetched(Result<QList<Record>> fetched)
    {
        if (!fetched && keepRowsWhileBusy(fetched.error()))
            return;
        beginResetModel();
        m_lastError = fetched ? QString() : fetched.error().message;
        m_records = std::move(fetched).value_or(QList<Record>());
        noteShown();
        endResetModel();
    }
    // No rows, and none shown yet for project(): while another project's rows would show until its own
    // are read.
    void clearRecords()
    {
        if (m_records.isEmpty())
            return;
        beginResetModel();
        m_records.clear();
        endResetModel();
    }
    // More rows after those shown, for a model that fetches on demand.
    void appendRecords(const QList<Record>& more)
    {
        if (more.isEmpty())
            return;
        const int first = static_cast<int>(m_records.size());
        beginInsertRows({}, first, first + static_cast<int>(more.size()) - 1);
        m_records.append(more);
        endInsertRows();
    }
    // ModelSupport::KeyRole and StateRole, the same in every column of a row.
    virtual QVariant keyOf(const Record& record) const = 0;
    virtual QVariant stateOf(const Record&) const { return {}; }

    // The same text shown and sorted by.
    static ColumnDefinition textColumn(int column, QString header, Cell text)
    {
        return {.column = column, .header = std::move(header), .display = text, .sort = text};
    }
    // A shortened text in the cell; the whole one in the tooltip and for sorting.
    static ColumnDefinition shortenedColumn(int column, QString header, Cell whole, Cell shortened)
    {
        return {.column = column,
                .header = std::move(header),
                .display = std::move(shortened),
                .toolTip = whole,
                .sort = whole};
    }
    // A time, relative in the cell ("3 h ago", "—" for none), absolute UTC in the tooltip, sorted as a
    // number (none as 0).
    template<typename Time> ColumnDefinition timeColumn(int column, QString header, Time Record::*when) const
    {
        return {.column = column,
                .header = std::move(header),
                .display = [this, when](const Record& record) { return relativeToNow(record.*when); },
                .toolTip = [when](const Record& record) { return ModelSupport::absoluteTime(record.*when); },
                .sort = [when](const Record& record) { return sortableTime(record.*when); }};
    }
    [[nodiscard]] QVariant relativeToNow(std::optional<qint64> when) const
    {
        return ModelSupport::relativeTime(when, now());
    }

private:
    static QVariant cell(const Cell& cell, const Record& record) { return cell ? cell(record) : QVariant(); }
    static QVariant sortableTime(qint64 when) { return when; }
    static QVariant sortableTime(std::optional<qint64> when) { return when.value_or(0); }

    QList<ColumnDefinition> m_columns;
    QList<Record> m_records;
};

} // namespace Signet
