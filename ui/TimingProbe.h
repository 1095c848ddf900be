#pragma once

#include <QElapsedTimer>
#include <QString>

namespace Signet {

class MainWindow;

// The GUI's speed, for ./dev bench: time from process start to the first painted main window, and
// the longest stall of the GUI thread (gaps between 5 ms timer ticks) while an RSA 4096 key is
// generated. Prints a line each and quits the application.
void runTimingProbe(MainWindow& window, const QElapsedTimer& sinceStart);

} // namespace Signet
