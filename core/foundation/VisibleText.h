#pragma once

// Text that came from outside Signet's own code (a token, a key file, a JWKS, a workspace another
// program wrote) shown so that nothing in it can act instead of being seen: C0 controls, DEL, C1
// controls and the bidi marks and overrides become \x1b (up to U+00FF) or \u202e escapes. One rule
// for every front end: the CLI's presenter, the console's views and the server's log.

#include <QString>

namespace Signet {

enum class LineBreaks
{
    Escape, // one line of text: a line break is shown as \x0a
    Keep    // text laid out over lines (JSON, tooltips): line breaks stay, every other control is escaped
};

// Characters a terminal or a text view acts on instead of showing, or that reorder what it shows.
[[nodiscard]] bool isHazardousCharacter(char32_t c);
[[nodiscard]] QString visibleText(QStringView text, LineBreaks lineBreaks = LineBreaks::Escape);

} // namespace Signet
