#!/usr/bin/env python3
"""Peer baseline (issue 7 §4b): the per-function reads a workflow author would write with boto3, in one process,
one call after another. Reads what planning the repository needs: the function and alias, its mappings and their
tags, its resource policy, and its push source (target group and its health, or route, integration and stages).

    python3 bench/baselines/boto3_reads.py http://127.0.0.1:PORT /tmp/bench-100/bench-seeded.json

Prints one JSON line: functions read, calls made, seconds spent reading (clients already created).
boto3's default retry mode (legacy, up to 5 attempts) handles throttling, as it would in a workflow.
"""

from __future__ import annotations

import json
import sys
import time
from typing import Any

import boto3


def client(service: str, endpoint: str) -> Any:
    return boto3.session.Session().client(
        service, region_name="us-east-1", endpoint_url=endpoint, aws_access_key_id="test", aws_secret_access_key="test")


def read_function(lam: Any, elb: Any, apigw: Any, f: dict[str, Any]) -> int:
    calls = 0
    lam.get_function(FunctionName=f["name"], Qualifier=f["alias"])
    mappings = lam.list_event_source_mappings(FunctionName=f"{f['name']}:{f['alias']}")["EventSourceMappings"]
    calls += 2
    for mapping in mappings:
        lam.list_tags(Resource=mapping["EventSourceMappingArn"])
        calls += 1
    try:
        lam.get_policy(FunctionName=f["name"], Qualifier=f["alias"])
    except lam.exceptions.ResourceNotFoundException:
        pass  # no permission yet: the all-change world
    calls += 1
    if f["push"] == "elb":
        elb.describe_target_groups(TargetGroupArns=[f["targetGroupArn"]])
        elb.describe_target_health(TargetGroupArn=f["targetGroupArn"])
        calls += 2
    else:
        route = apigw.get_route(ApiId=f["apiId"], RouteId=f["routeId"])
        calls += 1
        if target := route.get("Target"):
            apigw.get_integration(ApiId=f["apiId"], IntegrationId=target.removeprefix("integrations/"))
            calls += 1
        apigw.get_stages(ApiId=f["apiId"])
        calls += 1
    return calls


def main(endpoint: str, seeded_file: str) -> None:
    functions = json.load(open(seeded_file))["functions"]
    lam, elb, apigw = client("lambda", endpoint), client("elbv2", endpoint), client("apigatewayv2", endpoint)
    started = time.perf_counter()
    calls = sum(read_function(lam, elb, apigw, f) for f in functions)
    print(json.dumps({"functions": len(functions), "calls": calls, "readSeconds": round(time.perf_counter() - started, 3)}))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
