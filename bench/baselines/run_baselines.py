#!/usr/bin/env python3
"""Runs a peer baseline against a freshly seeded emulator and reports wall time (process start to exit, median,
min, max) and AWS calls per operation, including throttled ones.

    python3 bench/baselines/run_baselines.py --tool boto3 --n 10 100 1000 --repeat 5
    python3 bench/baselines/run_baselines.py --tool boto3 --n 1000 --repeat 1 --profile real-aws
    python3 bench/baselines/run_baselines.py --tool cli --n 10 100 --repeat 3

Per N: generate the repository, start the emulator (raw, or real-aws: 50 ms per call and AWS's rate limits),
seed it to match (no-change), then run the baseline ``--repeat`` times with the request counts reset before each.
Results are appended as JSON lines to ``--out`` (default bench/results/baselines.jsonl).
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "world"))
import bench_world  # noqa: E402

HERE = Path(__file__).resolve().parent
COMMANDS = {
    "boto3": [sys.executable, str(HERE / "boto3_reads.py")],
    "cli": [str(HERE / "aws-cli-reads.sh")],
}


def run(tool: str, count: int, repeat: int, profile: str | None, variant: str) -> dict:
    with tempfile.TemporaryDirectory(prefix=f"gitmoxi-bench-{count}-") as directory:
        repo = bench_world.generate(count, Path(directory))
        with bench_world.Emulator(profile=profile) as emulator:
            bench_world.seed(emulator.endpoint, repo, variant)
            walls, reads, counts = [], [], None
            for _ in range(repeat):
                emulator.reset_requests()
                started = time.perf_counter()
                done = subprocess.run([*COMMANDS[tool], emulator.endpoint, str(repo / "bench-seeded.json")],
                                      check=True, stdout=subprocess.PIPE, text=True)
                walls.append(time.perf_counter() - started)
                if tool == "boto3":  # its own clock: the reads alone, without interpreter start and client creation
                    reads.append(json.loads(done.stdout.splitlines()[-1])["readSeconds"])
                counts = emulator.requests()
    return {
        "tool": tool, "functions": count, "profile": profile or "raw", "variant": variant, "runs": len(walls),
        "medianSeconds": round(statistics.median(walls), 3), "minSeconds": round(min(walls), 3), "maxSeconds": round(max(walls), 3),
        "medianReadSeconds": round(statistics.median(reads), 3) if reads else None,
        "calls": counts["reads"] + counts["writes"],
        "operations": {op["name"]: op["count"] for op in counts["operations"]},
        "faults": counts["faults"],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--tool", choices=sorted(COMMANDS), required=True)
    parser.add_argument("--n", type=int, nargs="+", default=[10, 100])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--profile", choices=["real-aws"])
    parser.add_argument("--variant", choices=["no-change", "all-change"], default="no-change")
    parser.add_argument("--out", type=Path, default=HERE.parent / "results" / "baselines.jsonl")
    args = parser.parse_args()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    for count in args.n:
        result = run(args.tool, count, args.repeat, args.profile, args.variant)
        print(json.dumps(result), flush=True)
        with args.out.open("a") as out:
            out.write(json.dumps(result) + "\n")


if __name__ == "__main__":
    main()
