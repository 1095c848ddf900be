"""Interop driver for tst_interop: PyJWT (Debian python3-jwt) on the other side of Signet.

  python3 interop.py verify --token T --key FILE --alg ALG [--iss S] [--aud S]
      Verifies T with jwt.decode (exp required). FILE is a public JWK or an HMAC secret JWK.
      Prints {"valid": true, "header": .., "payload": ..} and exits 0, or
      {"valid": false, "code": .., "error": ..} and exits 1.
  python3 interop.py mint --key FILE --alg ALG [--iss S] [--aud S] [--kid KID] [--ttl SECONDS]
      Mints a JWT with jwt.encode (iss, aud, iat, exp, jti; kid from --kid or the JWK) and prints it.

Exit code 2 and one line on stderr for usage or input errors.
"""

import argparse
import json
import sys
import time
import uuid

import jwt


class Parser(argparse.ArgumentParser):
    def error(self, message):
        sys.stderr.write(f"interop.py: {message}\n")
        sys.exit(2)


def load_key(path, alg):
    try:
        with open(path, encoding="utf-8") as file:
            jwk = json.load(file)
        return jwk, jwt.PyJWK(jwk, alg).key
    except (OSError, ValueError, jwt.PyJWTError) as error:
        sys.stderr.write(f"interop.py: cannot load {path} for {alg}: {error}\n")
        sys.exit(2)


def verify(args):
    _, key = load_key(args.key, args.alg)
    try:
        payload = jwt.decode(
            args.token,
            key,
            algorithms=[args.alg],
            issuer=args.iss,
            audience=args.aud,
            options={"require": ["exp"]},
        )
        header = jwt.get_unverified_header(args.token)
        print(json.dumps({"valid": True, "header": header, "payload": payload}))
        return 0
    except jwt.PyJWTError as error:
        print(json.dumps({"valid": False, "code": type(error).__name__, "error": str(error)}))
        return 1


def mint(args):
    jwk, key = load_key(args.key, args.alg)
    now = int(time.time())
    claims = {"src": "pyjwt", "iat": now, "exp": now + args.ttl, "jti": str(uuid.uuid4())}
    if args.iss is not None:
        claims["iss"] = args.iss
    if args.aud is not None:
        claims["aud"] = args.aud
    headers = {"typ": "JWT"}
    kid = args.kid if args.kid is not None else jwk.get("kid")
    if kid:
        headers["kid"] = kid
    print(jwt.encode(claims, key, algorithm=args.alg, headers=headers))
    return 0


def main():
    parser = Parser(prog="interop.py")
    parser.add_argument("mode", choices=["verify", "mint"])
    parser.add_argument("--token")
    parser.add_argument("--key", required=True)
    parser.add_argument("--alg", required=True)
    parser.add_argument("--iss")
    parser.add_argument("--aud")
    parser.add_argument("--kid")
    parser.add_argument("--ttl", type=int, default=600)
    args = parser.parse_args()
    if args.mode == "verify":
        if not args.token:
            parser.error("verify needs --token")
        return verify(args)
    return mint(args)


if __name__ == "__main__":
    sys.exit(main())
