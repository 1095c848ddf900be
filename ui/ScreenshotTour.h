#pragma once

#include <QString>

namespace Signet {

class MainWindow;

// Saves a PNG of each main view (overview.png, keys.png, jwks.png, apikeys.png, audit.png) into a
// folder, for ./dev screenshots. Returns the number of images written.
int takeScreenshots(MainWindow& window, const QString& folder);

} // namespace Signet
