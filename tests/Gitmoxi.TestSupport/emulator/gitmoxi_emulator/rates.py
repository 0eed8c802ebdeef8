"""The real-AWS profile's rate limits: AWS's documented control-plane rates as token buckets."""

from __future__ import annotations

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


# First match wins. Burst equals the rate where the documentation states none.
REAL_AWS_LIMITS = (
    # https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html#api-requests
    # "GetFunction API requests: 100 requests per second. Cannot be increased."
    RateLimit("lambda:GetFunction", 100, 100, ("lambda:GetFunction",)),
    # Same table: "GetPolicy API requests: 15 requests per second. Cannot be increased."
    RateLimit("lambda:GetPolicy", 15, 15, ("lambda:GetPolicy",)),
    # Same table: "Remainder of the control plane API requests (excludes invocation, GetFunction, and
    # GetPolicy requests): 15 requests per second across all APIs (not 15 requests per second per API)."
    RateLimit("lambda:control-plane", 15, 15, ("lambda:*",), ("lambda:Invoke*", "lambda:GetFunction", "lambda:GetPolicy")),
    # https://docs.aws.amazon.com/elasticloadbalancing/latest/userguide/elb-api-throttling.html
    # "the token bucket size for non-mutating API actions is 40 tokens ... refill rate of 10 tokens per second"
    # (one bucket for every Describe* action).
    RateLimit("elasticloadbalancing:Describe*", 10, 40, ("elasticloadbalancing:Describe*",)),
    # Same page, per-action table: RegisterTargets and DeregisterTargets, bucket 20, refill 4 per second. The
    # table itself could not be read where this was written; the values are those of the AWS-maintained
    # aws-load-balancer-controller's client-side default ("RegisterTargets|DeregisterTargets=4:20",
    # docs/deploy/configurations.md). Other mutating ELBv2 actions are not limited here (nothing we test calls them).
    RateLimit("elasticloadbalancing:RegisterTargets", 4, 20, ("elasticloadbalancing:RegisterTargets",)),
    RateLimit("elasticloadbalancing:DeregisterTargets", 4, 20, ("elasticloadbalancing:DeregisterTargets",)),
    # https://docs.aws.amazon.com/apigateway/latest/developerguide/limits.html (quotas for creating, deploying
    # and managing an API): GetRoutes, GetIntegrations, UpdateRoute, CreateIntegration… fall under "Other
    # operations: no quota up to the total account quota"; "Total operations: 10 requests per second with a
    # burst quota of 40 requests per second".
    RateLimit("apigateway:control-plane", 10, 40, ("apigateway:*",)),
    # https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html#reference_iam-quotas-sts
    # "For AWS STS requests made using AWS credentials, the default request quota is 600 requests per second"
    # shared by these operations; AssumeRoleWithWebIdentity (made with an OIDC token) is not among them.
    RateLimit(
        "sts:credentials",
        600,
        600,
        ("sts:AssumeRole", "sts:DecodeAuthorizationMessage", "sts:GetAccessKeyInfo", "sts:GetCallerIdentity", "sts:GetFederationToken", "sts:GetSessionToken"),
    ),
)


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
