"""Runs a backend snippet from `signet-cli project snippet --lang python-pyjwt` on tokens.

    python3 run_snippet.py SNIPPET_FILE

Reads one token per line on stdin and prints one verdict per line, in order:
{"valid": true, "payload": ...} or {"valid": false, "code": ..., "error": ...}. The snippet is used as
generated: its verify_token(token) decides.
"""

import json
import sys


def main():
    if len(sys.argv) != 2:
        sys.stderr.write("run_snippet.py: needs the snippet file\n")
        return 2
    namespace = {}
    with open(sys.argv[1], encoding="utf-8") as source:
        exec(compile(source.read(), sys.argv[1], "exec"), namespace)
    verify_token = namespace.get("verify_token")
    if not callable(verify_token):
        sys.stderr.write("run_snippet.py: the snippet defines no verify_token\n")
        return 2
    for line in sys.stdin:
        token = line.strip()
        if not token:
            continue
        try:
            verdict = {"valid": True, "payload": verify_token(token)}
        except Exception as error:  # every refusal, whatever raised it
            verdict = {"valid": False, "code": type(error).__name__, "error": str(error)}
        sys.stdout.write(json.dumps(verdict) + "\n")
        sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
