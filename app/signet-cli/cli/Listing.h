#pragma once

#include "cli/Command.h"
#include "cli/Options.h"

#include <functional>

namespace Signet::Cli {

// How a list command shows its records: as one JSON array with --json, else as a table, or as one
// line saying there is nothing (which JSON says with []).
template<class Record> struct Listing
{
    std::function<JsonValue(const Record&)> json;
    QStringList headers;
    std::function<QStringList(const Record&)> row;
    QString empty;

    void print(Context& context, const QList<Record>& records) const
    {
        if (context.isSet(Options::Json)) {
            JsonValue::Array items;
            for (const Record& record : records)
                items.push_back(json(record));
            context.output.json(JsonValue::array(std::move(items)));
        } else if (records.isEmpty() && !empty.isEmpty()) {
            context.output.line(empty);
        } else {
            QList<QStringList> rows;
            for (const Record& record : records)
                rows.append(row(record));
            context.output.table(headers, rows);
        }
    }
};

} // namespace Signet::Cli
