#!/usr/bin/env python3
"""The benchmark world: an emulator, a generated repository, and the emulator seeded to match it.

Shared by the peer baselines (``bench/baselines``) and the end-to-end harness (``bench/e2e``), so every
measurement reads the same repository against the same seeded state.

    # generate a repository of N function groups (deterministic; C# generator in bench/Gitmoxi.Benchmarks)
    python3 bench/world/bench_world.py generate 100 /tmp/bench-100
    # seed a running emulator to match it (no-change) or to differ in every function (all-change)
    python3 bench/world/bench_world.py seed http://127.0.0.1:PORT /tmp/bench-100 --variant no-change

Seeding rewrites each ``_lambdainput.json`` with the ARNs and ids the emulator generated and writes
``bench-seeded.json`` (per function: qualified ARN, source ARN, push resource ids) at the repository root.

no-change: each function has its alias ``live``; its mapping exists with the declared members and the ownership
tags; its push source is wired (target registered / route integrated) with the tool's permission statement.
all-change: the mapping has ``BatchSize`` + 1 (an in-place update); the push source is neither wired nor permitted.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parents[2]
LAUNCHER = REPO_ROOT / "tests" / "Gitmoxi.TestSupport" / "emulator" / "gitmoxi_emulator.py"
BENCHMARKS_PROJECT = REPO_ROOT / "bench" / "Gitmoxi.Benchmarks"
INTERNAL_HEADER = "x-gitmoxi-internal"  # the launcher neither counts, delays nor throttles these (seeding)
SEED_CHUNK = 100
PLACEHOLDER = re.compile(r"^\{\{[ \t]*([A-Za-z0-9_.-]+)[ \t]*\}\}$")
# Ownership tags of gitmoxi-created mappings (src/Gitmoxi.LambdaSources/Planning/Ownership.cs).
MANAGED_BY = ("gitmoxi:managed-by", "gitmoxi-lambda-sources")
DEFINITION_TAG = "gitmoxi:definition"
# The tools run here with no repository identity (no GITHUB_REPOSITORY, no git remote): the owner hash in statement
# ids is that of the empty identity (``OwnerIdentity.RepositoryHash``), and mappings carry no gitmoxi:repository tag.
REPOSITORY_HASH = hashlib.sha256(b"").hexdigest()[:8]


# -- the emulator -------------------------------------------------------------------------------

class Emulator:
    """The project's emulator launcher on a free loopback port; ``profile="real-aws"`` adds AWS latency and rate limits."""

    def __init__(self, profile: str | None = None, latency_ms: float = 50) -> None:
        command = [sys.executable, str(LAUNCHER), "--port", "0", "--watch-stdin", "--warm", "lambda,elasticloadbalancing,apigateway"]
        if profile:
            command += ["--profile", profile, "--latency-ms", str(latency_ms)]
        self.process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        line = self.process.stdout.readline() if self.process.stdout else ""
        match = re.search(r"GITMOXI_EMULATOR_READY port=(\d+)", line)
        if not match:
            self.close()
            raise RuntimeError(f"emulator did not start: {line!r}")
        self.endpoint = f"http://127.0.0.1:{match.group(1)}"

    def control(self, method: str, path: str, body: Any = None) -> Any:
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(self.endpoint + path, data=data, method=method, headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=600) as response:
            return json.loads(response.read() or b"null")

    def requests(self) -> dict[str, Any]:
        return self.control("GET", "/_gitmoxi/requests")

    def reset_requests(self) -> None:
        self.control("POST", "/_gitmoxi/requests/reset", {})

    def close(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()

    def __enter__(self) -> "Emulator":
        return self

    def __exit__(self, *_: Any) -> None:
        self.close()


# -- the repository -----------------------------------------------------------------------------

def generate(count: int, directory: Path) -> Path:
    """Writes the deterministic repository of ``count`` function groups (and ``bench-world.json``)."""
    subprocess.run(
        ["dotnet", "run", "-c", "Release", "--project", str(BENCHMARKS_PROJECT), "--", "generate", str(count), str(directory)],
        check=True, stdout=subprocess.DEVNULL)
    return directory


# -- seeding --------------------------------------------------------------------------------------

def boto3_client(service: str, endpoint: str, internal: bool) -> Any:
    import boto3
    from botocore.config import Config

    client = boto3.session.Session().client(
        service, region_name="us-east-1", endpoint_url=endpoint, aws_access_key_id="test", aws_secret_access_key="test",
        config=Config(retries={"max_attempts": 1}))
    if internal:
        client.meta.events.register("before-sign.*.*", lambda request, **_: request.headers.__setitem__(INTERNAL_HEADER, "1"))
    return client


def seed(endpoint: str, repo: Path, variant: str) -> dict[str, Any]:
    if variant not in ("no-change", "all-change"):
        raise ValueError(f"unknown variant {variant!r}")
    manifest = json.loads((repo / "bench-world.json").read_text())
    functions = manifest["functions"]
    emulator = _Control(endpoint)
    world: dict[str, Any] = {"queues": {}, "streams": {}, "tables": {}, "targetGroups": {}, "functions": {}}
    for start in range(0, len(functions), SEED_CHUNK):
        chunk = functions[start:start + SEED_CHUNK]
        result = emulator.seed({
            "functions": [{"name": f["name"], "versions": 1, "aliases": {f["alias"]: "1"}} for f in chunk],
            "queues": [f["pull"]["source"] for f in chunk if f["pull"]["kind"] == "sqs"],
            "streams": [f["pull"]["source"] for f in chunk if f["pull"]["kind"] == "kinesis"],
            "tables": [f["pull"]["source"] for f in chunk if f["pull"]["kind"] == "dynamodb"],
            "targetGroups": [{"name": f["push"]["targetGroup"]} for f in chunk if f["push"]["kind"] == "elb"],
            "httpApis": [],
        })
        for key in world:
            world[key].update(result.get(key, {}))

    routed = [f for f in functions if f["push"]["kind"] == "apigateway"]
    api = emulator.seed({
        "functions": [], "queues": [], "streams": [], "tables": [], "targetGroups": [],
        "httpApis": [{
            "name": manifest["httpApi"],
            "routes": [
                {"routeKey": f["push"]["routeKey"], "integrationUri": qualified(world, f)} if variant == "no-change" else f["push"]["routeKey"]
                for f in routed
            ],
            "stages": {"prod": {}},
        }] if routed else [],
    })["httpApis"].get(manifest["httpApi"])

    lam = boto3_client("lambda", endpoint, internal=True)
    elb = boto3_client("elbv2", endpoint, internal=True)
    seeded = []
    for f in functions:
        entry = {"name": f["name"], "alias": f["alias"], "qualifiedArn": qualified(world, f), "push": f["push"]["kind"]}
        entry["sourceArn"] = source_arn(world, f)
        inputs = json.loads((repo / f["inputFile"]).read_text())
        inputs["source_arn"] = entry["sourceArn"]
        if f["push"]["kind"] == "elb":
            entry["targetGroupArn"] = inputs["target_group_arn"] = world["targetGroups"][f["push"]["targetGroup"]]["arn"]
        else:
            entry["apiId"] = inputs["api_id"] = api["id"]
            entry["routeId"] = inputs["route_id"] = api["routes"][f["push"]["routeKey"]]["id"]
        (repo / f["inputFile"]).write_text(json.dumps(inputs, indent=2) + "\n")

        create_mapping(lam, repo, f, inputs, entry["qualifiedArn"], variant)
        if variant == "no-change":
            wire_push_source(lam, elb, f, entry)
        seeded.append(entry)

    time.sleep(0.5)  # mappings settle from Creating to Enabled after the launcher's transition delay (0.3 s)
    emulator.control("POST", "/_gitmoxi/requests/reset", {})
    result = {"endpoint": endpoint, "variant": variant, "functions": seeded}
    (repo / "bench-seeded.json").write_text(json.dumps(result, indent=2) + "\n")
    return result


def qualified(world: dict[str, Any], f: dict[str, Any]) -> str:
    return world["functions"][f["name"]]["aliases"][f["alias"]]


def source_arn(world: dict[str, Any], f: dict[str, Any]) -> str:
    kind, source = f["pull"]["kind"], f["pull"]["source"]
    if kind == "sqs":
        return world["queues"][source]
    if kind == "kinesis":
        return world["streams"][source]
    return world["tables"][source]["streamArn"]


def create_mapping(lam: Any, repo: Path, f: dict[str, Any], inputs: dict[str, Any], function_arn: str, variant: str) -> None:
    definition = substitute(json.loads((repo / f["definitionFile"]).read_text()), inputs)
    members = dict(definition["PullEventSources"]["EventSourceMapping"])
    tags = {**members.pop("Tags", {}), MANAGED_BY[0]: MANAGED_BY[1], DEFINITION_TAG: f["definitionFile"]}
    if variant == "all-change":
        members["BatchSize"] += 1
    lam.create_event_source_mapping(FunctionName=function_arn, Tags=tags, **members)


def wire_push_source(lam: Any, elb: Any, f: dict[str, Any], entry: dict[str, Any]) -> None:
    """The permission and wiring a converged apply leaves. Statement ids and SourceArns follow the providers
    (``StatementIds.Elb``/``StatementIds.ApiGateway``, ``PushSources.RouteSourceArn``)."""
    name = f"{f['name']}:{f['alias']}"
    if entry["push"] == "elb":
        target_group = entry["targetGroupArn"]
        sid = f"gitmoxi-elb-{REPOSITORY_HASH}-" + hashlib.sha256(target_group.encode()).hexdigest()[:16]
        lam.add_permission(FunctionName=name, StatementId=sid, Action="lambda:InvokeFunction",
                           Principal="elasticloadbalancing.amazonaws.com", SourceArn=target_group)
        elb.register_targets(TargetGroupArn=target_group, Targets=[{"Id": entry["qualifiedArn"]}])
    else:
        method, path = f["push"]["routeKey"].split(" ", 1)
        source = f"arn:aws:execute-api:us-east-1:123456789012:{entry['apiId']}/*/{method}{path}"
        lam.add_permission(FunctionName=name, StatementId=f"gitmoxi-apigw-{REPOSITORY_HASH}-{entry['apiId']}-{entry['routeId']}",
                           Action="lambda:InvokeFunction", Principal="apigateway.amazonaws.com", SourceArn=source)


def substitute(node: Any, values: dict[str, Any]) -> Any:
    """``{{ name }}`` as the engine reads it (whole-string placeholders keep the value's JSON type)."""
    if isinstance(node, dict):
        return {k: substitute(v, values) for k, v in node.items()}
    if isinstance(node, list):
        return [substitute(v, values) for v in node]
    if isinstance(node, str) and (match := PLACEHOLDER.match(node)):
        return values[match.group(1)]
    return node


class _Control:
    def __init__(self, endpoint: str) -> None:
        self.endpoint = endpoint

    def control(self, method: str, path: str, body: Any = None) -> Any:
        request = urllib.request.Request(self.endpoint + path, data=json.dumps(body).encode(), method=method,
                                         headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=600) as response:
            return json.loads(response.read() or b"null")

    def seed(self, spec: dict[str, Any]) -> dict[str, Any]:
        return self.control("POST", "/_gitmoxi/seed", spec)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    gen = commands.add_parser("generate", help="write the repository")
    gen.add_argument("count", type=int)
    gen.add_argument("directory", type=Path)
    seeding = commands.add_parser("seed", help="seed a running emulator to match the repository")
    seeding.add_argument("endpoint")
    seeding.add_argument("directory", type=Path)
    seeding.add_argument("--variant", default="no-change", choices=["no-change", "all-change"])
    args = parser.parse_args(argv)
    if args.command == "generate":
        generate(args.count, args.directory)
    else:
        result = seed(args.endpoint, args.directory, args.variant)
        print(f"seeded {len(result['functions'])} functions ({args.variant}) at {args.endpoint}", file=sys.stderr)


if __name__ == "__main__":
    os.environ.setdefault("AWS_EC2_METADATA_DISABLED", "true")
    main()
