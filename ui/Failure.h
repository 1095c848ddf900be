#pragma once

#include "foundation/Error.h"

#include <QString>

class QWidget;

namespace Signet {

// Why something failed, in words for the console: a busy workspace says who holds it and that
// nothing was changed, rather than SQLite's "database is locked Unable to fetch row".
QString describeFailure(const Error& error);

// A busy workspace's message box: "Workspace busy", what failed, and Retry or Cancel. Returns
// whether the user chose Retry.
enum class BusyAnswer
{
    Retry,
    Cancel
};
BusyAnswer askRetryWhenBusy(QWidget* parent, const QString& what);

} // namespace Signet
