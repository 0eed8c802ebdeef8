"""Seeded faults (the ``faults`` of POST /_gitmoxi/config): what a client of real AWS has to survive."""

from __future__ import annotations

import random
import threading
from collections import OrderedDict
from dataclasses import dataclass
from fnmatch import fnmatchcase
from typing import Any

from .operations import is_write
from .wire import QUERY_NAMESPACES, Reply, json_reply, query_error_reply


FAULT_KINDS = ("throttle", "internal-error", "unavailable", "connection-reset", "timeout", "latency")
FAULT_PHASES = ("before", "after")
RATE_LIMIT_KIND = "rate-limit"


class DroppedByFault(ConnectionAbortedError):
    """Raised by the app to drop the connection: werkzeug treats a ConnectionError as a dropped client
    and hands it to ``QuietHandler.connection_dropped``, which resets the socket without a response."""


@dataclass(frozen=True)
class FaultPlan:
    """``faults`` of POST /_gitmoxi/config. A request matches when its operation matches one of
    ``operations`` (globs, empty = all) and, with ``writesOnly``, is a write. Each matching request
    draws from one ``random.Random(seed)`` whether it fails (``probability``, or always once more than
    ``failAfter`` matching requests have passed) and which of ``kinds``; non-matching requests draw
    nothing, so the same seed and the same request sequence give the same faults."""

    seed: int
    probability: float
    kinds: tuple[str, ...]
    operations: tuple[str, ...]
    writes_only: bool
    phase: str
    fail_after: int | None
    timeout_seconds: float
    latency_seconds: float
    jitter_seconds: float
    retry_after_seconds: int

    @staticmethod
    def parse(spec: dict[str, Any]) -> "FaultPlan":
        kinds = tuple(spec.get("kinds") or ("throttle",))
        unknown = [k for k in kinds if k not in FAULT_KINDS]
        if unknown:
            raise ValueError(f"unknown fault kinds {unknown}; known: {', '.join(FAULT_KINDS)}")
        phase = spec.get("phase", "before")
        if phase not in FAULT_PHASES:
            raise ValueError(f"phase must be one of {FAULT_PHASES}, got {phase!r}")
        probability = float(spec.get("probability", 0.0))
        if not 0.0 <= probability <= 1.0:
            raise ValueError(f"probability must be within 0..1, got {probability}")
        fail_after = spec.get("failAfter")
        return FaultPlan(
            seed=int(spec.get("seed", 0)),
            probability=probability,
            kinds=kinds,
            operations=tuple(spec.get("operations") or ()),
            writes_only=bool(spec.get("writesOnly", False)),
            phase=phase,
            fail_after=None if fail_after is None else max(0, int(fail_after)),
            timeout_seconds=max(0.0, float(spec.get("timeoutSeconds", 30.0))),
            latency_seconds=max(0.0, float(spec.get("latencyMs", 100.0)) / 1000),
            jitter_seconds=max(0.0, float(spec.get("jitterMs", 0.0)) / 1000),
            retry_after_seconds=max(0, int(spec.get("retryAfterSeconds", 1))),
        )

    def matches(self, operation: str) -> bool:
        if self.writes_only and not is_write(operation):
            return False
        return not self.operations or any(fnmatchcase(operation, pattern) for pattern in self.operations)

    def to_json(self) -> dict[str, Any]:
        return {
            "seed": self.seed,
            "probability": self.probability,
            "kinds": list(self.kinds),
            "operations": list(self.operations),
            "writesOnly": self.writes_only,
            "phase": self.phase,
            "failAfter": self.fail_after,
            "timeoutSeconds": self.timeout_seconds,
            "latencyMs": self.latency_seconds * 1000,
            "jitterMs": self.jitter_seconds * 1000,
            "retryAfterSeconds": self.retry_after_seconds,
        }


@dataclass(frozen=True)
class Fault:
    kind: str
    phase: str
    delay_seconds: float
    retry_after_seconds: int


class FaultInjector:
    """Draws faults for matching requests and counts what it injected, per kind and operation
    (throttling by the real-AWS profile is counted here too, as ``rate-limit``)."""

    def __init__(self) -> None:
        self._plan: FaultPlan | None = None
        self._draws = random.Random(0)
        self._delays = random.Random(0)
        self._matched = 0
        self._counts: OrderedDict[tuple[str, str], int] = OrderedDict()
        self._lock = threading.Lock()

    @property
    def plan(self) -> FaultPlan | None:
        return self._plan

    def configure(self, plan: FaultPlan | None) -> None:
        """Every configuration starts the sequence over; jitter has its own stream so latency
        never shifts which requests fail."""
        with self._lock:
            self._plan = plan
            self._draws = random.Random(plan.seed if plan else 0)
            self._delays = random.Random(~plan.seed if plan else 0)
            self._matched = 0

    def draw(self, operation: str) -> Fault | None:
        with self._lock:
            plan = self._plan
            if plan is None or not plan.matches(operation):
                return None
            self._matched += 1
            roll, pick = self._draws.random(), self._draws.randrange(len(plan.kinds))
            hard = plan.fail_after is not None and self._matched > plan.fail_after
            if not hard and roll >= plan.probability:
                return None
            kind = plan.kinds[pick]
            delay = plan.timeout_seconds if kind == "timeout" else plan.latency_seconds + self._delays.uniform(0, plan.jitter_seconds)
            self._record(kind, operation)
            return Fault(kind, plan.phase, delay, plan.retry_after_seconds)

    def record(self, kind: str, operation: str) -> None:
        with self._lock:
            self._record(kind, operation)

    def _record(self, kind: str, operation: str) -> None:
        self._counts[(kind, operation)] = self._counts.get((kind, operation), 0) + 1

    def reset_counts(self) -> None:
        with self._lock:
            self._counts.clear()

    def snapshot(self) -> list[dict[str, Any]]:
        with self._lock:
            return [{"kind": kind, "operation": operation, "count": n} for (kind, operation), n in self._counts.items()]


def throttle_reply(service: str, retry_after_seconds: int) -> Reply:
    """The throttling answer of each service, as its SDK parses it.

    Lambda: https://docs.aws.amazon.com/lambda/latest/api/API_GetPolicy.html#API_GetPolicy_Errors
    (TooManyRequestsException, 429; botocore binds ``retryAfterSeconds`` to the Retry-After header, the body
    repeats it with ``Reason``). API Gateway V2: 429 TooManyRequestsException (``message``, ``limitType``).
    ELBv2 and STS (Query protocol): 400 ``Throttling`` "Rate exceeded"."""
    if service in QUERY_NAMESPACES:
        return query_error_reply(400, "Throttling", "Rate exceeded", QUERY_NAMESPACES[service], "Sender")
    retry_after = str(retry_after_seconds)
    if service == "lambda":
        payload = {"Type": "User", "message": "Rate exceeded", "retryAfterSeconds": retry_after, "Reason": "CallerRateLimitExceeded"}
    else:
        payload = {"message": "Too Many Requests", "limitType": "Rate"}
    reply = json_reply(429, payload, "TooManyRequestsException")
    reply.headers.append(("Retry-After", retry_after))
    return reply


def server_error_reply(service: str, status: int) -> Reply:
    """500: Lambda's documented ServiceException, else the common InternalFailure; 503: the common
    ServiceUnavailable (https://docs.aws.amazon.com/lambda/latest/api/CommonErrors.html)."""
    if status == 500:
        code = "ServiceException" if service == "lambda" else "InternalFailure"
        message = "The Lambda service encountered an internal error." if service == "lambda" else "The request processing has failed because of an unknown error, exception or failure."
    else:
        code, message = "ServiceUnavailable", "The request has failed due to a temporary failure of the server."
    if service in QUERY_NAMESPACES:
        return query_error_reply(status, code, message, QUERY_NAMESPACES[service], "Receiver")
    return json_reply(status, {"Type": "Service", "message": message}, code)
