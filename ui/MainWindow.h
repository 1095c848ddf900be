#pragma once

#include <QMainWindow>

namespace Signet {

// The start-up window of this early build: it says what Signet can do today (the JOSE engine and
// signet-cli) until the workspace and its console arrive.
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    explicit MainWindow(QWidget* parent = nullptr);
};

} // namespace Signet
