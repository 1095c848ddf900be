#pragma once

#include <QString>

namespace Signet {

// Sets the application palette: "light" or "dark" (palettes made for the Fusion style, which main()
// selects), or "system" for the palette the application had before the first call. Anything else
// counts as "system".
void applyTheme(const QString& theme);

} // namespace Signet
