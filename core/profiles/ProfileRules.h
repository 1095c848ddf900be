#pragma once

// A profile's rules applied to what the user gave (the CLI's --field NAME=VALUE, the Mint form):
// each value typed by its field, checked against the field's allowed values, range and
// requirements, defaults filled in; every broken rule is an error that names the field and the rule.

#include "foundation/Error.h"
#include "profiles/Profile.h"

namespace Signet {

// One field's value as typed.
struct ProfileInput
{
    QString field;
    QString text;
};

// What the profile makes of the inputs.
struct ProfiledToken
{
    JsonValue claims = JsonValue::object(); // the fields that become claims, typed (a roomId "1234" stays a string)
    qint64 lifetime = 0;                    // seconds
    bool oneTime = false;
};

struct ProfileOverrides
{
    std::optional<qint64> lifetime; // --ttl, for profiles without a lifetime field
    std::optional<bool> oneTime;    // --one-time, for profiles without a one-time field
};

Result<ProfiledToken> applyProfile(const Profile& profile, const QList<ProfileInput>& inputs,
                                   const ProfileOverrides& overrides = {});

// A typed value (a JSON body's, a default) as the text parseFieldValue() reads back: strings as they
// are, numbers and booleans spelled out, lists as JSON; nothing for objects and null.
std::optional<QString> fieldInputText(const JsonValue& value);

// The value typed as the field's type says ("2" is 2 for an integer field and "2" for a string).
Result<JsonValue> parseFieldValue(const ProfileField& field, const QString& text);

// What a claim's value means in the provider's terms, one line per value where the profile says
// ("allow_mod: may toggle other participants' webcam and mic"); empty when it says nothing.
QStringList explainClaim(const Profile& profile, const QString& claim, const JsonValue& value);

} // namespace Signet
