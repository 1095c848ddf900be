#pragma once

#include <QString>

namespace Signet {

class MainWindow;

// Saves a PNG of each main view (every project tab and the Inspector) into a folder, for ./dev
// screenshots: in the light and the dark theme, at 1600x1000 and 1024x700, named like
// keys-dark-1024x700.png. Returns the number of images written.
int takeScreenshots(MainWindow& window, const QString& folder);

} // namespace Signet
