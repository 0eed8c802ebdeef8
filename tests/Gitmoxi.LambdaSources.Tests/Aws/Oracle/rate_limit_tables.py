"""The rate-limit tables the emulator launcher and the benchmarks use, for the one-table test.

argv[1]: the launcher's directory; argv[2]: the repository root. stdout: {emulator: [...], bench: [...]}, each a list
of {service, operations, except, rate, burst} in match order.
"""
import importlib.util
import json
import os
import sys

sys.path.insert(0, sys.argv[1])
from gitmoxi_emulator import rates  # noqa: E402

spec = importlib.util.spec_from_file_location("run_e2e", os.path.join(sys.argv[2], "bench", "e2e", "run_e2e.py"))
run_e2e = importlib.util.module_from_spec(spec)
spec.loader.exec_module(run_e2e)


def unprefixed(patterns):
    return [p.split(":", 1)[1] for p in patterns]


json.dump(
    {
        "emulator": [
            {
                "service": limit.operations[0].split(":", 1)[0],
                "operations": unprefixed(limit.operations),
                "except": unprefixed(limit.excluded),
                "rate": limit.rate,
                "burst": limit.burst,
            }
            for limit in rates.REAL_AWS_LIMITS
        ],
        "bench": [
            {"service": service, "operations": list(operations), "except": list(excluded), "rate": rate, "burst": burst}
            for _, service, operations, excluded, rate, burst in run_e2e.BUCKETS
        ],
    },
    sys.stdout,
)
