#pragma once

// A raw secret (a provider's API key secret, an HMAC key) read from a file, an environment variable
// or the terminal; never from the command line, where shell history and `ps` would keep it.

#include "cli/Command.h"
#include "crypto/SecureBytes.h"

#include <optional>

namespace Signet::Cli {

struct SecretOptions
{
    static const QCommandLineOption SecretFile;
    static const QCommandLineOption SecretEnv;
    static std::vector<OptionRef> all();
    // Whether either option is given.
    static bool isSet(const Context& context);
    // The two options exclude each other.
    static Status checkExclusive(const Context& context);
};

// The help's paragraph on how the secret is read.
QString secretReadingHelp();

enum class SecretPrompt
{
    OnTerminal, // ask on the terminal when neither option is given
    Never
};

// The secret from --secret-file (as is, one trailing line break removed; "-" for standard input) or
// --secret-env (as is), else from the terminal when allowed; nullopt when none of them applies.
// Refuses an empty secret and one that is not UTF-8 text or holds a control character, naming the
// option it came from; never quotes the secret.
Result<std::optional<Crypto::SecureBytes>> readSecret(Context& context, SecretPrompt prompt,
                                                      const QString& promptText = {});

// The one line that says how a provider's code takes the secret.
QString secretFormNote();

} // namespace Signet::Cli
