#!/usr/bin/env python3
"""Sums the botocore oracle's per-launcher counts (``$GITMOXI_ORACLE_DIR/oracle-<pid>.json``, written by
``gitmoxi_emulator/oracle.py``) into one line for ``.ci/run``:

    botocore oracle: N requests checked, M mismatches

and lists the first mismatches. Exits 1 when there is a mismatch or nothing was checked (the oracle did not run).
Usage: ``python3 oracle_summary.py DIR``.
"""

from __future__ import annotations

import glob
import json
import os
import sys


def main(directory: str) -> int:
    reports = []
    for path in sorted(glob.glob(os.path.join(directory, "oracle-*.json"))):
        with open(path, encoding="utf-8") as file:
            reports.append(json.load(file))
    checked = sum(r["checked"] for r in reports)
    mismatches = sum(r["mismatches"] for r in reports)
    skipped = sum(r["skipped"] for r in reports)
    operations: dict[str, int] = {}
    for report in reports:
        for name, count in report["operations"].items():
            operations[name] = operations.get(name, 0) + count
    print(f"botocore oracle: {checked} requests checked, {mismatches} mismatches "
          f"({len(operations)} operations, {skipped} deliberate probes skipped, {len(reports)} emulators)")
    for mismatch in [m for r in reports for m in r["firstMismatches"]][:20]:
        print(f"  {mismatch['operation']}: {mismatch['reason']}")
    return 1 if mismatches or not checked else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else os.environ.get("GITMOXI_ORACLE_DIR", ".")))
