#pragma once

#include "foundation/Error.h"

#include <QByteArray>
#include <QString>

namespace Signet::Cli::Terminal {

// Reads one line from the controlling terminal with echo off; the prompt goes to the terminal, not
// to stdout. The terminal's settings come back even when a signal ends the process meanwhile.
Result<QByteArray> promptWithoutEcho(const QString& prompt);

} // namespace Signet::Cli::Terminal
