#!/usr/bin/env python3
"""Prints Signet's speed relative to bare OpenSSL from signet-bench's JSON output, with the goals."""
import json
import os
import sys

ALGS = ["HS256", "RS256", "PS256", "ES256", "EdDSA"]

# The server's path, TokenVerifier::check(), against bare EVP with a fresh context per call: minimum
# ratio of Signet's rate to the baseline's (the goals).
CHECK_GOALS = {"HS256": 1.3, "RS256": 1.0, "ES256": 1.0}
# Two threads of one process sharing one verifier: minimum throughput relative to one thread.
SCALING_GOAL = 1.8
# Earlier targets, kept: the full report and minting against the same baselines.
VERIFY_TARGETS = {"HS256": 0.6, "RS256": 0.92, "PS256": 0.92, "ES256": 0.95, "EdDSA": 0.95}
MINT_TARGETS = {"RS256": 0.95, "PS256": 0.95, "ES256": 0.95, "EdDSA": 0.95}


def median_runs(path):
    with open(path) as f:
        runs = json.load(f)["benchmarks"]
    return {run["run_name"]: run for run in runs if run.get("aggregate_name", "median") == "median"}


def mark(value, goal):
    if goal is None:
        return ""
    return "OK" if value >= goal else "NOT MET"


def ratio_table(title, runs, case, base, goals, extra=None):
    """Rows of Signet's case against the baseline; ratio = baseline time / Signet time."""
    print(title)
    print(f"  {'case':<14}{'Signet':>11}{'OpenSSL':>11}{'ratio':>8}{'goal':>7}  status")
    failed = False
    for alg in ALGS:
        ours, raw = runs.get(f"{case}/{alg}"), runs.get(f"{base}/{alg}")
        if ours is None or raw is None:
            continue
        ratio = raw["cpu_time"] / ours["cpu_time"]
        goal = goals.get(alg)
        status = mark(ratio, goal)
        failed |= status == "NOT MET"
        note = extra(alg, ours) if extra else ""
        goal_text = f"{goal:>7.2f}" if goal is not None else " " * 7
        print(f"  {case + '/' + alg:<14}{ours['cpu_time'] / 1000:>8.2f} us{raw['cpu_time'] / 1000:>8.2f} us{ratio:>8.2f}"
              f"{goal_text}  {status:<8}{note}")
    return failed


def scaling_table(runs):
    print(f"Two threads in one process, one shared verifier (throughput; goal for check: >= {SCALING_GOAL} x one thread)")
    print(f"  {'case':<18}{'1 thread':>12}{'2 threads':>12}{'scaling':>9}  status")
    failed = False
    for alg in ["HS256", "RS256", "ES256"]:
        for job in ["Check", "Verify", "RawVerify"]:
            one = runs.get(f"Threads/{job}/{alg}/real_time/threads:1")
            two = runs.get(f"Threads/{job}/{alg}/real_time/threads:2")
            if one is None or two is None:
                continue
            scaling = two["items_per_second"] / one["items_per_second"]
            status = mark(scaling, SCALING_GOAL) if job == "Check" else ""
            failed |= status == "NOT MET"
            print(f"  {job + '/' + alg:<18}{one['items_per_second']:>10,.0f}/s{two['items_per_second']:>10,.0f}/s"
                  f"{scaling:>8.2f}x  {status}")
    return failed


def main(path):
    runs = median_runs(path)
    load = os.getloadavg()[0]
    print(f"(medians of cpu time per operation; load average {load:.1f} on {os.cpu_count()} cores at the end:"
          " other work on the machine makes these noisy, two-thread scaling most of all)")

    def ceiling(alg, ours):
        prepared = runs.get(f"RawVerifyPrepared/{alg}")
        if prepared is None:
            return ""
        return f"  (bare EVP, contexts prepared once: {prepared['cpu_time'] / 1000:.2f} us)"

    failed = ratio_table("Server path, TokenVerifier::check(), against bare EVP with a fresh context per call",
                         runs, "Check", "RawVerify", CHECK_GOALS, ceiling)

    def speedup(alg, ours):
        check = runs.get(f"Check/{alg}")
        return f"  (check() is {ours['cpu_time'] / check['cpu_time']:.2f} x faster)" if check else ""

    failed |= ratio_table("Full report, TokenVerifier::verify() (GUI, CLI)", runs, "Verify", "RawVerify",
                          VERIFY_TARGETS, speedup)
    failed |= ratio_table("Minting, TokenBuilder::sign()", runs, "Mint", "RawSign", MINT_TARGETS)
    failed |= scaling_table(runs)
    return 1 if failed else 0


def workspace_run(runs, name):
    """The median run of `name`, or None after saying why it is missing (filtered out, or it failed)."""
    run = runs.get(f"{name}/real_time")
    if run is None:
        print(f"  {name}: not run")
    elif run.get("error_occurred"):
        print(f"  {name}: FAILED: {run.get('error_message', '')}")
        return None
    return run


def workspace(path):
    runs = median_runs(path)
    failed = False
    print(f"(medians; load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores at the end: other work on the"
          " machine makes these noisy)")
    label = "open (1,000 projects, 10,000 keys, 100,000 ledger rows)"
    opened = workspace_run(runs, "OpenLargeWorkspace")
    if opened:
        open_ms = opened["real_time"]
        print(f"{label:<58}{open_ms:>9.2f} ms   target <= 200 ms  {'ok' if open_ms <= 200 else 'BELOW'}")
        failed |= open_ms > 200
    for name, what in [("OpenLargeTeamWorkspace", "open, team workspace (PostgreSQL)"),
                       ("OpenLargeWorkspace/FirstConsoleReads", "open + project list + first ledger page"),
                       ("OpenLargeTeamWorkspace/FirstConsoleReads", "the same, team workspace (PostgreSQL)")]:
        run = workspace_run(runs, name)
        if run:
            print(f"{what:<58}{run['real_time']:>9.2f} ms   (no target)")
        failed |= run is None and name.startswith("OpenLargeTeam")
    for alg in ["ES256", "RS256", "EdDSA"]:
        ours, bare = workspace_run(runs, f"ProjectMint/{alg}"), workspace_run(runs, f"BareMint/{alg}")
        if ours is None or bare is None:
            continue
        ratio = ours["real_time"] / bare["real_time"]
        print(f"{'project mint / bare mint, ' + alg:<58}{ratio:>9.2f} x    target <= 1.2 x   {'ok' if ratio <= 1.2 else 'ABOVE'}"
              f"  ({ours['real_time'] / 1000:.1f} us vs {bare['real_time'] / 1000:.1f} us)")
        failed |= ratio > 1.2
    each = runs.get("ProjectMintEachCommitted/ES256/real_time")
    if each:
        print(f"{'project mint, waiting for each commit (GUI, CLI), ES256':<58}{each['real_time'] / 1000:>9.1f} us   (no target)")
    # Rates: the team workspace's mint rate over the file's, i.e. the file's time over the team's.
    team, single = workspace_run(runs, "TeamProjectMint/ES256"), runs.get("ProjectMint/ES256/real_time")
    if team and single:
        ratio = single["real_time"] / team["real_time"]
        print(f"{'team mint rate / file mint rate, ES256 (PostgreSQL)':<58}{ratio:>9.2f} x    target >= 0.8 x   "
              f"{'ok' if ratio >= 0.8 else 'BELOW'}  ({team['real_time'] / 1000:.1f} us vs {single['real_time'] / 1000:.1f} us)")
        failed |= ratio < 0.8
    else:
        failed = True
    tcp = workspace_run(runs, "TeamProjectMintOverTcp/ES256")
    if tcp and single:
        print(f"{'the same over loopback TCP instead of the socket':<58}{single['real_time'] / tcp['real_time']:>9.2f} x"
              f"    (no target)  ({tcp['real_time'] / 1000:.1f} us)")
    for name, what, goal in [("ConsumeOneTime", "one-time consume p99", 2),
                             ("TeamConsumeOneTime", "one-time consume p99, PostgreSQL", 5)]:
        consume = workspace_run(runs, name)
        if consume is None:
            failed |= name.startswith("Team")
            continue
        p99 = consume["p99_ms"]
        if "fsync" in consume:
            what += ", fsync " + ("on" if consume["fsync"] else "off")
        print(f"{what:<58}{p99:>9.3f} ms   target <= {goal} ms    {'ok' if p99 <= goal else 'ABOVE'}"
              f"  (mean {consume['mean_ms']:.3f} ms, p50 {consume['p50_ms']:.3f} ms)")
        failed |= p99 > goal
    return 1 if failed else 0


if __name__ == "__main__":
    if sys.argv[1] == "--workspace":
        sys.exit(workspace(sys.argv[2]))
    sys.exit(main(sys.argv[1]))
