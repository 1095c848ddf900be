#!/usr/bin/env bash
# The local server under wrk (run by ./dev bench): a fresh workspace, `signet-cli serve --quiet`, then
#   JWKS GET                         wrk -t2 -c50 -d10s --latency
#   POST oauth/token, RS256 project  the same, with token-post.lua (Basic auth, form body)
#   POST oauth/token, ES256 project
# and the bare signing rate on one core (openssl speed) to compare the RS256 token rate with.
# Goals (issue 13): JWKS >= 20,000 requests/s; RS256 tokens >= 80% of the bare RS256 signing rate.
#   server-bench.sh SIGNET_CLI OUT_DIR [DURATION]
set -euo pipefail
cli=$1
out=$2
duration=${3:-10s}
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
command -v wrk >/dev/null || { echo "server-bench: wrk is not installed (./dev deps)" >&2; exit 2; }

rm -rf "$out" && mkdir -p "$out"
ws="$out/bench.signet"
"$cli" --workspace "$ws" init --no-passphrase >/dev/null
for alg in RS256 ES256; do
    project=$(echo "$alg" | tr 'A-Z' 'a-z')
    "$cli" --workspace "$ws" project create "$project" >/dev/null
    "$cli" --workspace "$ws" key generate -p "$project" --alg "$alg" >/dev/null
    "$cli" --workspace "$ws" apikey create -p "$project" --name bench --json >"$out/$project-key.json"
done

serve_pid=""
stop_serve() { [ -n "$serve_pid" ] && kill "$serve_pid" 2>/dev/null && wait "$serve_pid" 2>/dev/null; serve_pid=""; }
trap stop_serve EXIT
"$cli" --workspace "$ws" serve --port 0 --quiet >"$out/serve.log" 2>&1 &
serve_pid=$!
for _ in $(seq 100); do
    grep -q '^serving workspace' "$out/serve.log" 2>/dev/null && break
    sleep 0.1
done
url=$(sed -nE 's/^serving workspace .* at (http[^ ]+) .*/\1/p' "$out/serve.log")
[ -n "$url" ] || { echo "server-bench: serve did not start:" >&2; cat "$out/serve.log" >&2; exit 1; }

field() { python3 -c "import json,sys; print(json.load(open(sys.argv[1]))[sys.argv[2]])" "$1" "$2"; }
# "Requests/sec" and the 99% line of wrk --latency, in a fixed form.
summary() {
    local file=$1 rps p99 non200
    rps=$(awk '/^Requests\/sec:/ {print $2}' "$file")
    p99=$(awk '$1 == "99%" {print $2}' "$file")
    non200=$(awk '/Non-2xx or 3xx responses:/ {print $5} /^non-200 answers:/ {print $3}' "$file" | tail -1)
    printf '%-28s %10.0f requests/s   p99 %-9s non-2xx %s\n' "$2" "$rps" "$p99" "${non200:-0}"
}
rate() { awk '/^Requests\/sec:/ {printf "%.0f", $2}' "$1"; }

wrk -t2 -c50 -d"$duration" --latency "$url/p/rs256/.well-known/jwks.json" >"$out/wrk-jwks.txt"
for project in rs256 es256; do
    SIGNET_CLIENT_ID=$(field "$out/$project-key.json" id) SIGNET_CLIENT_SECRET=$(field "$out/$project-key.json" secret) \
        wrk -t2 -c50 -d"$duration" --latency -s "$here/token-post.lua" "$url/p/$project/oauth/token" \
        >"$out/wrk-token-$project.txt"
done
stop_serve

# One core's bare signing rate: OpenSSL's own loop, no JOSE, no HTTP.
openssl speed -seconds 3 -mr rsa2048 ecdsap256 2>/dev/null >"$out/openssl-speed.txt" || true
rsa_sign=$(awk -F: '/^\+F2:/ && $3 == 2048 {printf "%.0f", $4}' "$out/openssl-speed.txt")
ec_sign=$(awk -F: '/^\+F4:/ && $3 == 256 {printf "%.0f", $4}' "$out/openssl-speed.txt")

summary "$out/wrk-jwks.txt" "JWKS GET"
summary "$out/wrk-token-rs256.txt" "POST oauth/token RS256"
summary "$out/wrk-token-es256.txt" "POST oauth/token ES256"
echo "bare signing, one core (openssl speed): RS256 ${rsa_sign:-?} sign/s, ES256 ${ec_sign:-?} sign/s"
jwks=$(rate "$out/wrk-jwks.txt")
rs=$(rate "$out/wrk-token-rs256.txt")
es=$(rate "$out/wrk-token-es256.txt")
python3 - "$jwks" "$rs" "$es" "${rsa_sign:-0}" "${ec_sign:-0}" <<'PY'
import sys
jwks, rs, es, rsa_sign, ec_sign = (float(x or 0) for x in sys.argv[1:])
print(f"goal JWKS >= 20,000 requests/s: {jwks:,.0f} -> {'met' if jwks >= 20000 else 'NOT met'}")
if rsa_sign:
    share = rs / rsa_sign
    print(f"goal RS256 tokens >= 80% of bare RS256 signing: {rs:,.0f} / {rsa_sign:,.0f} = {share:.0%} -> "
          f"{'met' if share >= 0.8 else 'NOT met'}")
if ec_sign:
    print(f"ES256 tokens: {es:,.0f} / {ec_sign:,.0f} bare ES256 signatures = {es / ec_sign:.0%}")
PY
echo "raw wrk output, serve log and openssl speed: $out"
