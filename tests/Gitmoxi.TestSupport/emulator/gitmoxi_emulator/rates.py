"""The real-AWS profile's rate limits: AWS's documented control-plane rates as token buckets."""

from __future__ import annotations

import json
import os
import threading
import time
from dataclasses import dataclass
from fnmatch import fnmatchcase

from .operations import Caller


@dataclass(frozen=True)
class RateLimit:
    """One documented token bucket: ``burst`` tokens, refilled at ``rate`` per second, shared by the
    operations matching ``operations`` (globs) and not ``excluded``, per account and Region."""

    name: str
    rate: float
    burst: float
    operations: tuple[str, ...]
    excluded: tuple[str, ...] = ()

    def matches(self, operation: str) -> bool:
        return any(fnmatchcase(operation, p) for p in self.operations) and not any(fnmatchcase(operation, p) for p in self.excluded)


def load_real_aws_limits() -> tuple[RateLimit, ...]:
    """AWS's documented rate limits, with their sources: the engine's own table (src/Gitmoxi.LambdaSources/Aws/
    aws-rate-limits.json), copied next to the launcher by the build or read from the repository. First match wins."""
    here = os.path.dirname(os.path.abspath(__file__))
    candidates = (
        os.path.join(here, "..", "aws-rate-limits.json"),
        os.path.join(here, "..", "..", "..", "..", "src", "Gitmoxi.LambdaSources", "Aws", "aws-rate-limits.json"),
    )
    path = next(p for p in candidates if os.path.exists(p))
    with open(path, encoding="utf-8") as file:
        table = json.load(file)
    return tuple(
        RateLimit(
            limit["name"],
            limit["rate"],
            limit["burst"],
            tuple(f"{limit['service']}:{p}" for p in limit["operations"]),
            tuple(f"{limit['service']}:{p}" for p in limit["except"]),
        )
        for limit in table["limits"]
    )


REAL_AWS_LIMITS = load_real_aws_limits()


class TokenBuckets:
    def __init__(self, limits: tuple[RateLimit, ...]) -> None:
        self._limits = limits
        self._levels: dict[tuple[str, str, str], tuple[float, float]] = {}
        self._lock = threading.Lock()

    def reset(self) -> None:
        with self._lock:
            self._levels.clear()

    def take(self, operation: str, caller: Caller) -> float | None:
        """Takes a token; when the bucket is empty returns the seconds until the next one instead."""
        limit = next((l for l in self._limits if l.matches(operation)), None)
        if limit is None:
            return None
        key = (caller.account, caller.region, limit.name)
        with self._lock:
            now = time.monotonic()
            tokens, since = self._levels.get(key, (limit.burst, now))
            tokens = min(limit.burst, tokens + (now - since) * limit.rate)
            if tokens < 1:
                self._levels[key] = (tokens, now)
                return (1 - tokens) / limit.rate
            self._levels[key] = (tokens - 1, now)
            return None
