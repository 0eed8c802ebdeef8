#!/usr/bin/env python3
"""Large accounts (issue 11 item 7): a small repository among many other deployers' mappings, both listings side by side.

    python3 bench/large-account/run_large_account.py --n 10 --crowd 200 100 --repeat 3

Generates the N-function benchmark repository, starts the emulator launcher with the real-AWS profile (50 ms per call,
AWS's documented rate limits), seeds it to match the repository (no-change: N mappings, one per function, on alias
``live``), then adds other deployers' mappings: ``--crowd F Q`` functions × queues (default 200 × 100 = 20,000),
seeded in-process (``seeding.seed_crowd``). Then, per listing, after 5 s of bucket refill and with the emulator's
counts reset, it reads every function's mappings as a plan does (``read-mappings`` of bench/Gitmoxi.Benchmarks, paced
by AWS's documented limits): ``account`` (the account-wide list forced), ``function`` (per function and qualifier
forced), ``auto`` (``MappingListingRule``'s choice). With ``--action`` it also runs the whole plan through the
Action (JIT build, ``src/Gitmoxi.Action/bin/Release``), which chooses for itself. Results: one JSON line per case,
appended to ``bench/results/large-account.jsonl``, and a Markdown table on stdout.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "world"))
sys.path.insert(0, str(HERE.parent / "e2e"))
import bench_world  # noqa: E402
import run_e2e  # noqa: E402

BENCH_DLL = HERE.parent / "Gitmoxi.Benchmarks" / "bin" / "Release" / "net10.0" / "Gitmoxi.Benchmarks.dll"
ACTION_DLL = HERE.parent.parent / "src" / "Gitmoxi.Action" / "bin" / "Release" / "net10.0" / "Gitmoxi.Action.dll"
RESULTS = HERE.parent / "results" / "large-account.jsonl"
LISTING_OPERATIONS = ("lambda:ListEventSourceMappings", "lambda:ListAliases", "lambda:ListVersionsByFunction", "lambda:ListTags")


def measure(emulator: bench_world.Emulator, command: list[str], cwd: Path, env: dict[str, str]) -> dict[str, Any]:
    time.sleep(run_e2e.REFILL_SECONDS)
    emulator.reset_requests()
    started = time.perf_counter()
    done = subprocess.run(command, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, check=False)
    wall = time.perf_counter() - started
    output = done.stdout.decode(errors="replace")
    if done.returncode != 0:
        raise RuntimeError(f"{command[:3]} exited {done.returncode}: {output[-3000:]}")
    counts = emulator.requests()
    operations = {o["name"]: o["count"] for o in counts["operations"]}
    return {"wall": wall, "operations": operations, "throttled": run_e2e.throttled(counts), "output": output}


def summarize(case: str, runs: list[dict[str, Any]], base: dict[str, Any]) -> dict[str, Any]:
    last = runs[-1]
    ops = last["operations"]
    floor, bucket = run_e2e.rate_limit_floor(ops)
    result = {
        **base, "case": case, "runs": len(runs),
        "medianSeconds": round(statistics.median(r["seconds"] for r in runs), 3),
        "minSeconds": round(min(r["seconds"] for r in runs), 3), "maxSeconds": round(max(r["seconds"] for r in runs), 3),
        "calls": sum(ops.values()), "listingCalls": {name.split(":")[1]: ops.get(name, 0) for name in LISTING_OPERATIONS},
        "operations": ops, "throttled": max(r["throttled"] for r in runs),
        "rateLimitFloorSeconds": round(floor, 2), "floorBucket": bucket,
    }
    if "decision" in last:
        result["decision"], result["mappingsRead"] = last["decision"], last["mappingsRead"]
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=10, help="functions in the repository")
    parser.add_argument("--crowd", type=int, nargs=2, default=[200, 100], metavar=("FUNCTIONS", "QUEUES"))
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--latency-ms", type=float, default=50)
    parser.add_argument("--action", action="store_true", help="also plan through the Action (JIT build)")
    args = parser.parse_args()
    if not BENCH_DLL.exists():
        sys.exit(f"build first: dotnet build -c Release bench/Gitmoxi.Benchmarks ({BENCH_DLL} missing)")

    results = []
    with tempfile.TemporaryDirectory(prefix="gitmoxi-large-") as directory:
        repo = bench_world.generate(args.n, Path(directory))
        with bench_world.Emulator(profile="real-aws", latency_ms=args.latency_ms) as emulator:
            bench_world.seed(emulator.endpoint, repo, "no-change")
            started = time.perf_counter()
            crowd = emulator.control("POST", "/_gitmoxi/seed", {
                "functions": [], "queues": [], "streams": [], "tables": [],
                "crowd": {"functions": args.crowd[0], "queues": args.crowd[1]},
            })["crowd"]
            base = {
                "date": time.strftime("%Y-%m-%d"), "functions": args.n, "accountMappings": crowd["accountMappings"],
                "crowdSeedSeconds": round(time.perf_counter() - started, 1), "profile": "real-aws", "latencyMs": args.latency_ms,
                "loadAverage": os.getloadavg()[0],
            }
            env = run_e2e.action_env(emulator.endpoint, "real-aws")
            for listing in ("account", "function", "auto"):
                runs = []
                for _ in range(args.repeat):
                    run = measure(emulator, ["dotnet", str(BENCH_DLL), "read-mappings", emulator.endpoint, str(repo), listing], repo, env)
                    line = json.loads(run["output"].strip().splitlines()[-1])
                    runs.append(run | {"seconds": float(line["seconds"]), "decision": line["decision"], "mappingsRead": int(line["mappingsRead"])})
                results.append(summarize(f"reads: {listing}", runs, base))
                print(json.dumps(results[-1]), flush=True)
            if args.action:
                runs = []
                for _ in range(args.repeat):
                    run = measure(emulator, ["dotnet", str(ACTION_DLL), "--path", ".", "--mode", "plan"], repo, env)
                    if "has-changes=true" in run["output"]:
                        raise RuntimeError("the no-change plan planned changes: " + run["output"][-3000:])
                    decision = [line for line in run["output"].splitlines() if "Reading event source mappings" in line]
                    runs.append(run | {"seconds": run["wall"], "decision": decision[-1].strip() if decision else "", "mappingsRead": args.n})
                results.append(summarize("whole plan: Action (JIT), auto", runs, base))
                print(json.dumps(results[-1]), flush=True)

    with RESULTS.open("a") as out:
        for result in results:
            out.write(json.dumps(result) + "\n")
    print("| case | runs | median s (min – max) | ListEventSourceMappings | ListAliases | ListVersionsByFunction | ListTags | all calls | throttled | rate-limit floor s |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for r in results:
        c = r["listingCalls"]
        print(f"| {r['case']} | {r['runs']} | {r['medianSeconds']} ({r['minSeconds']} – {r['maxSeconds']}) | {c['ListEventSourceMappings']} | "
              f"{c['ListAliases']} | {c['ListVersionsByFunction']} | {c['ListTags']} | {r['calls']} | {r['throttled']} | {r['rateLimitFloorSeconds']} |")


if __name__ == "__main__":
    main()
