"""The JWT verification Stack Auth documents for Python ("Backend Integration", Using JWT), run
against a Signet server: PyJWKClient on the project's JWKS URL, get_signing_key_from_jwt, then
jwt.decode with ES256 and the project id as audience.

  python3 stack_auth.py --jwks-url URL --audience AUD [--alg ES256] [--issuer ISS]

Reads one token per line on stdin and prints one verdict per line in the same order:
{"valid": true, "header": .., "payload": ..} or {"valid": false, "code": .., "error": ..}.
One client serves every line (the documentation's "you can cache this").
Exit code 2 and one line on stderr for usage errors.
"""

import argparse
import json
import sys

import jwt
from jwt import PyJWKClient


class Parser(argparse.ArgumentParser):
    def error(self, message):
        sys.stderr.write(f"stack_auth.py: {message}\n")
        sys.exit(2)


def main():
    parser = Parser(prog="stack_auth.py")
    parser.add_argument("--jwks-url", required=True)
    parser.add_argument("--audience", required=True)
    parser.add_argument("--alg", default="ES256")
    parser.add_argument("--issuer")
    args = parser.parse_args()

    # you can cache this and refresh it with a low frequency
    jwks_client = PyJWKClient(args.jwks_url)

    for line in sys.stdin:
        access_token = line.strip()
        if not access_token:
            continue
        try:
            signing_key = jwks_client.get_signing_key_from_jwt(access_token)
            payload = jwt.decode(
                access_token,
                signing_key.key,
                algorithms=[args.alg],
                audience=args.audience,
                issuer=args.issuer,
            )
            verdict = {"valid": True, "header": jwt.get_unverified_header(access_token), "payload": payload}
        except jwt.PyJWTError as error:
            verdict = {"valid": False, "code": type(error).__name__, "error": str(error)}
        print(json.dumps(verdict), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
