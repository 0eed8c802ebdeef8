#!/usr/bin/env python3
"""End-to-end harness (issue 7 §3-§5): the Action's Native AOT binary planning a generated repository of N functions
(each with one pull and one push source) against the emulator, raw and with the real-AWS profile, side by side with
the peer baselines (boto3 and AWS CLI per-function reads) on the same seeded world in the same run.

    build/publish-action.sh artifacts/action
    python3 bench/e2e/run_e2e.py --n 1 10 100 --profile raw real-aws --repeat 3 --baselines boto3 cli
    python3 bench/e2e/run_e2e.py --n 1000 --profile real-aws --repeat 1 --baselines boto3
    python3 bench/e2e/run_e2e.py --n 1000 --profile real-aws --pr-touch 3 --repeat 3   # scope: changed vs all

Per profile, N and variant: generate the repository, start the emulator, seed it to match (no-change) or to differ in
every function (all-change), then run the binary ``--repeat`` times (``--mode plan``), each with the request counts
reset. Reported per run: wall time (process start to exit), peak RSS (``/usr/bin/time``'s %M), AWS calls per operation,
throttled answers (429 / Throttling), and the floors:

- real-AWS profile: the rate-limit floor, for each bucket of the emulator's REAL_AWS_LIMITS its calls beyond the
  burst divided by its rate, the largest of these;
- raw: the emulator's own floor, calls made divided by the emulator's measured maximum calls per second
  (measured once per emulator: 2,000 Lambda reads from 8 keep-alive connections of a near-free raw HTTP client).

Results are appended as JSON lines to ``--out`` (default bench/results/e2e.jsonl) and summarized as Markdown tables.
The Action is told the pacing it should use: ``GITMOXI_AWS_RATE_LIMITS=off`` against the raw emulator (it enforces no
limit), ``aws`` (the default: AWS's documented quotas) against the real-AWS profile.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import http.client
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
from fnmatch import fnmatchcase
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parents[1]
REPO_ROOT = BENCH.parent
sys.path.insert(0, str(BENCH / "world"))
import bench_world  # noqa: E402  (bench/world: generation and seeding shared with the baselines)

BASELINES = {
    "boto3": [sys.executable, str(BENCH / "baselines" / "boto3_reads.py")],
    "cli": [str(BENCH / "baselines" / "aws-cli-reads.sh")],
}
# The AWS CLI script takes about a second per call: N = 10 and 100 only (issue 7 §4a).
CLI_MAX_N = 100

# AWS's documented buckets: the table the engine paces by and the emulator's real-AWS profile enforces
# (src/Gitmoxi.LambdaSources/Aws/aws-rate-limits.json), in its order: the first that matches an operation meters it.
# (bucket, service, operation globs, excluded globs, rate, burst)
BUCKETS = [
    (limit["name"], limit["service"], tuple(limit["operations"]), tuple(limit["except"]), limit["rate"], limit["burst"])
    for limit in json.loads((REPO_ROOT / "src" / "Gitmoxi.LambdaSources" / "Aws" / "aws-rate-limits.json").read_text(encoding="utf-8"))["limits"]
]
# Long enough for every bucket of the real-AWS profile to refill (40 tokens at 10/s) between two runs.
REFILL_SECONDS = 5


def bucket_of(operation: str) -> tuple[str, float, int] | None:
    service, name = operation.split(":", 1)
    for bucket, bucket_service, operations, excluded, rate, burst in BUCKETS:
        if bucket_service == service and any(fnmatchcase(name, p) for p in operations) and not any(fnmatchcase(name, p) for p in excluded):
            return bucket, rate, burst
    return None


def rate_limit_floor(operations: dict[str, int]) -> tuple[float, str | None]:
    """For each bucket, (calls - burst) / rate; the largest, and the bucket it belongs to."""
    calls: dict[str, int] = {}
    limits: dict[str, tuple[float, int]] = {}
    for operation, count in operations.items():
        if found := bucket_of(operation):
            bucket, rate, burst = found
            calls[bucket] = calls.get(bucket, 0) + count
            limits[bucket] = (rate, burst)
    floors = {b: max(0, calls[b] - limits[b][1]) / limits[b][0] for b in calls}
    if not floors:
        return 0.0, None
    bucket = max(floors, key=lambda b: floors[b])
    return floors[bucket], bucket


def measure_emulator_rate(endpoint: str, seeded: dict[str, Any], calls: int = 2000, workers: int = 8) -> float:
    """The emulator's maximum calls per second for Lambda reads a plan makes (GetFunction, GetPolicy), from a client
    that costs next to nothing per call: raw keep-alive HTTP with a well-formed, unverified SigV4 header (moto does
    not check signatures), so the emulator, not the client, is what saturates."""
    host, port = urllib.parse.urlsplit(endpoint).netloc.split(":")
    authorization = ("AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/lambda/aws4_request, "
                     "SignedHeaders=host;x-amz-date, Signature=" + "0" * 64)
    headers = {"Authorization": authorization, "X-Amz-Date": "20260101T000000Z"}
    paths = []
    for f in seeded["functions"]:
        name = urllib.parse.quote(f["name"])
        paths += [f"/2015-03-31/functions/{name}?Qualifier={f['alias']}", f"/2015-03-31/functions/{name}/policy?Qualifier={f['alias']}"]

    def worker(index: int) -> None:
        connection = http.client.HTTPConnection(host, int(port), timeout=60)
        for i in range(index, calls, workers):
            connection.request("GET", paths[i % len(paths)], headers=headers)
            connection.getresponse().read()
        connection.close()

    with concurrent.futures.ThreadPoolExecutor(workers) as pool:
        started = time.perf_counter()
        list(pool.map(worker, range(workers)))
        return calls / (time.perf_counter() - started)


def run_measured(command: list[str], cwd: Path, env: dict[str, str]) -> tuple[float, int, int, str]:
    """Wall seconds, peak RSS (KiB), exit code and output of one process. RSS comes from /usr/bin/time, whose small
    forked child execs the command: a child forked from this Python process would report Python's RSS as its peak."""
    with tempfile.NamedTemporaryFile("r", suffix=".rss") as rss:
        started = time.perf_counter()
        done = subprocess.run(["/usr/bin/time", "-f", "%M", "-o", rss.name, *command], cwd=cwd, env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, check=False)
        wall = time.perf_counter() - started
        peak = int(rss.read().strip().splitlines()[-1])
    return wall, peak, done.returncode, done.stdout.decode(errors="replace")


def action_env(endpoint: str, profile: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GITHUB_", "INPUT_", "AWS_"))}
    env.update({
        "AWS_ENDPOINT_URL": endpoint, "AWS_REGION": "us-east-1", "AWS_ACCESS_KEY_ID": "test", "AWS_SECRET_ACCESS_KEY": "test",
        "AWS_CONFIG_FILE": "/dev/null", "AWS_SHARED_CREDENTIALS_FILE": "/dev/null", "AWS_EC2_METADATA_DISABLED": "true",
        "GITMOXI_AWS_RATE_LIMITS": "aws" if profile == "real-aws" else "off",
    })
    return env


def throttled(counts: dict[str, Any]) -> int:
    return sum(f["count"] for f in counts["faults"] if f["kind"] in ("rate-limit", "throttle"))


def summarize(tool: str, runs: list[dict[str, Any]], base: dict[str, Any]) -> dict[str, Any]:
    walls = [r["wall"] for r in runs]
    last = runs[-1]
    result = {
        **base, "tool": tool, "runs": len(runs),
        "medianSeconds": round(statistics.median(walls), 3), "minSeconds": round(min(walls), 3), "maxSeconds": round(max(walls), 3),
        "calls": sum(last["operations"].values()), "operations": last["operations"], "throttled": max(r["throttled"] for r in runs),
    }
    if "rss" in last:
        result["peakRssMiB"] = round(max(r["rss"] for r in runs) / 1024, 1)
        result["exitCodes"] = sorted({r["exit"] for r in runs})
        result["planHasChanges"] = sorted({r["hasChanges"] for r in runs})
    return result


def prepare_repository(count: int, cache: Path | None, directory: Path) -> Path:
    if cache is not None and (cache / str(count) / "bench-world.json").exists():
        shutil.copytree(cache / str(count), directory, dirs_exist_ok=True)
        return directory
    return bench_world.generate(count, directory)


def run_case(args: argparse.Namespace, profile: str, count: int, variant: str) -> list[dict[str, Any]]:
    results = []
    with tempfile.TemporaryDirectory(prefix=f"gitmoxi-e2e-{count}-") as directory:
        repo = prepare_repository(count, args.repository_cache, Path(directory))
        with bench_world.Emulator(profile=None if profile == "raw" else profile, latency_ms=args.latency_ms) as emulator:
            seeded = bench_world.seed(emulator.endpoint, repo, variant)
            base = {"functions": count, "profile": profile, "variant": variant}
            if profile == "raw":
                base["emulatorCallsPerSecond"] = round(measure_emulator_rate(emulator.endpoint, seeded), 1)

            tools = [("gitmoxi-aot", [str(args.binary), "--path", ".", "--mode", "plan"])]
            if variant == "no-change":
                tools += [(name, [*BASELINES[name], emulator.endpoint, str(repo / "bench-seeded.json")])
                          for name in args.baselines if name != "cli" or count <= CLI_MAX_N]
            for tool, command in tools:
                runs = []
                repeat = args.repeat if tool != "cli" else min(args.repeat, 1 if count > 10 else 3)
                for _ in range(repeat):
                    if profile == "real-aws":
                        time.sleep(REFILL_SECONDS)
                    emulator.reset_requests()
                    env = action_env(emulator.endpoint, profile) if tool == "gitmoxi-aot" else None
                    wall, rss, code, output = run_measured(command, repo, env or dict(os.environ))
                    counts = emulator.requests()
                    run = {"wall": wall, "throttled": throttled(counts), "operations": {o["name"]: o["count"] for o in counts["operations"]}}
                    if tool == "gitmoxi-aot":
                        run |= {"rss": rss, "exit": code, "hasChanges": "has-changes=true" in output}
                        if code != 0 and variant == "no-change":
                            print(output[-3000:], file=sys.stderr)
                    runs.append(run)
                result = summarize(tool, runs, base)
                floor, bucket = rate_limit_floor(result["operations"])
                result["rateLimitFloorSeconds"], result["floorBucket"] = round(floor, 2), bucket
                if profile == "raw":
                    result["emulatorFloorSeconds"] = round(result["calls"] / base["emulatorCallsPerSecond"], 3)
                print(json.dumps(result), flush=True)
                with args.out.open("a") as out:
                    out.write(json.dumps(result) + "\n")
                results.append(result)
    return results


def git(repo: Path, *arguments: str) -> str:
    return subprocess.run(["git", "-c", "user.name=bench", "-c", "user.email=bench@example.com", *arguments], cwd=repo,
                          check=True, stdout=subprocess.PIPE, text=True).stdout.strip()


def make_pull_request(repo: Path, count: int, touch: int) -> tuple[str, str, list[str]]:
    """Commits the seeded repository as the base, then a head commit that lowers the batch size of ``touch`` functions
    spread over the repository (an in-place update each); returns (base, head, touched input files)."""
    git(repo, "init", "--quiet", "--initial-branch=main")
    git(repo, "add", "--all")
    git(repo, "commit", "--quiet", "-m", "base")
    base = git(repo, "rev-parse", "HEAD")
    inputs = sorted(repo.rglob("*_lambdainput.json"))
    touched = [inputs[(i * count) // touch + count // (2 * touch)] for i in range(touch)]
    for path in touched:
        values = json.loads(path.read_text())
        values["batch_size"] -= 1
        path.write_text(json.dumps(values, indent=2) + "\n")
    git(repo, "commit", "--quiet", "--all", "-m", f"touch {touch} functions")
    return base, git(repo, "rev-parse", "HEAD"), [str(p.relative_to(repo)) for p in touched]


def run_pull_request(args: argparse.Namespace, profile: str, count: int, touch: int) -> list[dict[str, Any]]:
    """Issue 13 §5: a pull request touching ``touch`` of ``count`` functions, planned with scope: changed and with
    scope: all in the same run, against the same seeded world (no-change: only the touched functions differ)."""
    results = []
    with tempfile.TemporaryDirectory(prefix=f"gitmoxi-e2e-pr-{count}-") as directory:
        repo = prepare_repository(count, args.repository_cache, Path(directory) / "repository")
        with bench_world.Emulator(profile=None if profile == "raw" else profile, latency_ms=args.latency_ms) as emulator:
            bench_world.seed(emulator.endpoint, repo, "no-change")
            base_sha, head_sha, touched = make_pull_request(repo, count, touch)
            event = Path(directory) / "event.json"
            event.write_text(json.dumps({"pull_request": {
                "number": 1, "commits": 1,
                "base": {"sha": base_sha, "repo": {"full_name": "bench/repo"}},
                "head": {"sha": head_sha, "repo": {"full_name": "bench/repo"}}}}))
            env = action_env(emulator.endpoint, profile) | {
                "GITHUB_EVENT_NAME": "pull_request", "GITHUB_EVENT_PATH": str(event), "GITHUB_WORKSPACE": str(repo)}
            base = {"functions": count, "profile": profile, "variant": f"pr-touches-{touch}"}
            for scope in args.pr_scopes:
                runs = []
                for _ in range(args.repeat if scope == "changed" else args.pr_all_repeat):
                    if profile == "real-aws":
                        time.sleep(REFILL_SECONDS)
                    emulator.reset_requests()
                    wall, rss, code, output = run_measured([str(args.binary), "--path", ".", "--mode", "plan", "--scope", scope], repo, env)
                    counts = emulator.requests()
                    updated = next((line.split("=", 1)[1] for line in output.splitlines() if line.startswith("output updated=")), "?")
                    runs.append({"wall": wall, "throttled": throttled(counts), "rss": rss, "exit": code,
                                 "hasChanges": "has-changes=true" in output, "updated": updated,
                                 "operations": {o["name"]: o["count"] for o in counts["operations"]}})
                    if code != 0:
                        print(output[-3000:], file=sys.stderr)
                result = summarize(f"gitmoxi-aot scope={scope}", runs, base)
                result["planUpdated"] = sorted({r["updated"] for r in runs})
                result["touched"] = touched
                floor, bucket = rate_limit_floor(result["operations"])
                result["rateLimitFloorSeconds"], result["floorBucket"] = round(floor, 2), bucket
                print(json.dumps(result), flush=True)
                with args.out.open("a") as out:
                    out.write(json.dumps(result) + "\n")
                results.append(result)
    return results


def markdown(results: list[dict[str, Any]]) -> str:
    lines = [
        "| profile | N | variant | tool | median s (min-max) | calls | 429s | peak RSS MiB | floor s | wall / floor | ours / tool |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    ours = {(r["profile"], r["functions"], r["variant"]): r for r in results if r["tool"] == "gitmoxi-aot"}
    for r in results:
        floor = r["rateLimitFloorSeconds"] if r["profile"] == "real-aws" else r.get("emulatorFloorSeconds", 0)
        own = ours.get((r["profile"], r["functions"], r["variant"]))
        ratio = f"{own['medianSeconds'] / r['medianSeconds']:.3f}" if own and r["tool"] != "gitmoxi-aot" else ""
        lines.append(
            f"| {r['profile']} | {r['functions']} | {r['variant']} | {r['tool']} | {r['medianSeconds']} ({r['minSeconds']}-{r['maxSeconds']}) "
            f"| {r['calls']} | {r['throttled']} | {r.get('peakRssMiB', '')} | {floor} | "
            f"{(r['medianSeconds'] / floor) if floor else float('nan'):.2f} | {ratio} |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, nargs="+", default=[1, 10, 100])
    parser.add_argument("--profile", nargs="+", choices=["raw", "real-aws"], default=["raw", "real-aws"])
    parser.add_argument("--variant", nargs="+", choices=["no-change", "all-change"], default=["no-change", "all-change"])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--baselines", nargs="*", choices=sorted(BASELINES), default=["boto3", "cli"])
    parser.add_argument("--binary", type=Path, default=REPO_ROOT / "artifacts" / "action" / "Gitmoxi.Action")
    parser.add_argument("--latency-ms", type=float, default=50)
    parser.add_argument("--repository-cache", type=Path, help="folder of pristine generated repositories named by N (skips generation)")
    parser.add_argument("--out", type=Path, default=BENCH / "results" / "e2e.jsonl")
    parser.add_argument("--pr-touch", type=int, metavar="K",
                        help="instead of no-change/all-change: a pull request touching K functions, planned with --pr-scopes side by side")
    parser.add_argument("--pr-scopes", nargs="+", choices=["changed", "all"], default=["changed", "all"])
    parser.add_argument("--pr-all-repeat", type=int, default=1, help="runs of scope: all (a 1,000-function plan takes over a minute)")
    args = parser.parse_args()
    if not args.binary.exists():
        sys.exit(f"{args.binary} not found: build/publish-action.sh {args.binary.parent}")
    args.binary = args.binary.resolve()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    results = []
    for profile in args.profile:
        for count in args.n:
            if args.pr_touch:
                results += run_pull_request(args, profile, count, args.pr_touch)
                continue
            for variant in args.variant:
                results += run_case(args, profile, count, variant)
    print(markdown(results))


if __name__ == "__main__":
    os.environ.setdefault("AWS_EC2_METADATA_DISABLED", "true")
    main()
