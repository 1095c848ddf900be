#!/usr/bin/env python3
"""Prints Signet's speed relative to bare OpenSSL from signet-bench's JSON output, with the targets."""
import json
import sys

TARGETS = {  # (case, baseline): minimum ratio of Signet's rate to the baseline's
    ("Verify", "RawVerify"): {"HS256": 0.6, "RS256": 0.92, "PS256": 0.92, "ES256": 0.95, "EdDSA": 0.95},
    ("Mint", "RawSign"): {"RS256": 0.95, "PS256": 0.95, "ES256": 0.95, "EdDSA": 0.95},
}


def median_runs(path):
    with open(path) as f:
        runs = json.load(f)["benchmarks"]
    return {run["run_name"]: run for run in runs if run.get("aggregate_name") == "median"}


def workspace(path):
    runs = median_runs(path)
    failed = False
    open_ms = runs["OpenLargeWorkspace/real_time"]["real_time"]
    print(f"{'open (1,000 projects, 10,000 keys, 100,000 ledger rows)':<58}{open_ms:>9.2f} ms   target <= 200 ms  "
          f"{'ok' if open_ms <= 200 else 'BELOW'}")
    failed |= open_ms > 200
    for alg in ["ES256", "RS256", "EdDSA"]:
        ours = runs[f"ProjectMint/{alg}/real_time"]["real_time"]
        bare = runs[f"BareMint/{alg}/real_time"]["real_time"]
        ratio = ours / bare
        print(f"{'project mint / bare mint, ' + alg:<58}{ratio:>9.2f} x    target <= 1.2 x   {'ok' if ratio <= 1.2 else 'ABOVE'}"
              f"  ({ours / 1000:.1f} us vs {bare / 1000:.1f} us)")
        failed |= ratio > 1.2
    each = runs.get("ProjectMintEachCommitted/ES256/real_time")
    if each:
        print(f"{'project mint, waiting for each commit (GUI, CLI), ES256':<58}{each['real_time'] / 1000:>9.1f} us   (no target)")
    consume = runs["ConsumeOneTime/real_time"]
    p99 = consume["p99_ms"]
    print(f"{'one-time consume p99':<58}{p99:>9.3f} ms   target <= 2 ms    {'ok' if p99 <= 2 else 'ABOVE'}"
          f"  (p50 {consume['p50_ms']:.3f} ms)")
    failed |= p99 > 2
    return 1 if failed else 0


def main(path):
    with open(path) as f:
        runs = json.load(f)["benchmarks"]
    times = {}
    for run in runs:
        if run.get("aggregate_name", "median") != "median":
            continue
        times[run["run_name"] if "run_name" in run else run["name"]] = run["cpu_time"]
    print(f"{'case':<14}{'Signet':>12}{'OpenSSL':>12}{'ratio':>8}{'target':>8}  ")
    failed = False
    for (case, base), algs in TARGETS.items():
        for alg in ["HS256", "RS256", "PS256", "ES256", "EdDSA"]:
            ours, raw = times.get(f"{case}/{alg}"), times.get(f"{base}/{alg}")
            if ours is None or raw is None:
                continue
            ratio = raw / ours
            target = algs.get(alg)
            mark = "" if target is None else ("ok" if ratio >= target else "BELOW")
            failed |= mark == "BELOW"
            per_second = 1e9 / ours
            print(f"{case + '/' + alg:<14}{ours / 1000:>9.2f} us{raw / 1000:>9.2f} us{ratio:>8.3f}"
                  f"{'' if target is None else f'{target:>8.2f}'}  {mark}  ({per_second:,.0f}/s)")
    return 1 if failed else 0


if __name__ == "__main__":
    if sys.argv[1] == "--workspace":
        sys.exit(workspace(sys.argv[2]))
    sys.exit(main(sys.argv[1]))
