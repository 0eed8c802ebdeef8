#!/usr/bin/env python3
"""Creates in the AWS emulator what examples/ refers to and writes the generated ids into a copy of examples/.

Usage: python3 build/seed_examples.py ENDPOINT CONFIG EXAMPLES_COPY
  ENDPOINT       the emulator, e.g. http://127.0.0.1:5000 (its /_gitmoxi/seed control endpoint is unsigned)
  CONFIG         examples/demo-world.json: the world to create and which *_lambdainput.json values come from it
  EXAMPLES_COPY  the copy of examples/ whose *_lambdainput.json files receive the generated values

Used by demo.sh and build/self_test.py (the action self-test), so both run against the same world.
"""

from __future__ import annotations

import json
import sys
import urllib.request


def seed(endpoint: str, config_path: str, examples: str) -> dict:
    with open(config_path, encoding="utf-8") as file:
        config = json.load(file)
    request = urllib.request.Request(endpoint + "/_gitmoxi/seed", data=json.dumps(config["world"]).encode(),
                                     headers={"Content-Type": "application/json"}, method="POST")
    with urllib.request.urlopen(request, timeout=60) as response:
        seeded = json.load(response)
    for file_name, values in config.get("inputs", {}).items():
        path = f"{examples}/{file_name}"
        with open(path, encoding="utf-8") as file:
            inputs = json.load(file)
        for key, keys in values.items():
            value = seeded
            for k in keys:
                value = value[k]
            inputs[key] = value
        with open(path, "w", encoding="utf-8") as file:
            json.dump(inputs, file, indent=2)
    return seeded


def describe(seeded: dict) -> list[str]:
    lines = [f"function {name}: {function['arn']} (aliases: {', '.join(function['aliases']) or 'none'})"
             for name, function in seeded.get("functions", {}).items()]
    for kind in ("queues", "streams", "tables"):
        for name, arn in seeded.get(kind, {}).items():
            lines.append(f"{kind[:-1]} {name}: {arn if isinstance(arn, str) else arn['arn']}")
    return lines


if __name__ == "__main__":
    print("\n".join(describe(seed(*sys.argv[1:4]))))
