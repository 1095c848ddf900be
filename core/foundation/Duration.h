#pragma once

#include "foundation/Error.h"

#include <QString>

namespace Signet::Duration {

// Parses "90", "90s", "15m", "1h", "7d" into seconds. Zero and negative values are refused.
Result<qint64> parse(const QString& text);

// "14 min", "3 h 5 min", "2 d": the most significant units, for people.
QString formatSpan(qint64 seconds);

// "in 14 min", "3 h ago", "now": relative to the given reference time.
QString formatRelative(qint64 when, qint64 now);

// Whether a NumericDate is a time Signet can represent: finite, a signed 64-bit second count, between
// the years 1 and 9999. Anything else is an invalid date, not a very long or very old one.
bool isRepresentable(double numericDate);
// The sentence that says so, naming the claim: "exp: 1e+300 is beyond ...".
QString unrepresentableDate(const QString& claim, double numericDate);

// A NumericDate (any JSON number) as whole seconds, clamped to years 1..9999 so that absurd values
// from untrusted tokens neither overflow nor break the formatting.
qint64 toSeconds(double numericDate);

// "2026-11-22 14:13:05 UTC"
QString formatUtc(qint64 when);

} // namespace Signet::Duration
