"""Per-test settings shared by every corrected service (POST /_gitmoxi/config)."""

from __future__ import annotations

import copy
from dataclasses import dataclass


DEFAULT_ACCOUNT = "123456789012"
DEFAULT_REGION = "us-east-1"
DEFAULT_TRANSITION_SECONDS = 0.3
DEFAULT_PROFILE_LATENCY_SECONDS = 0.05
INTERNAL_HEADER = "x-gitmoxi-internal"


REAL_AWS_PROFILE = "real-aws"


@dataclass
class Settings:
    """Per-test knobs (POST /_gitmoxi/config), shared by every corrected service."""

    corrections: bool = True
    # None, or which output members of the botocore model every successful answer gets (completion.py): "all", "status".
    complete_responses: str | None = None
    transition_seconds: float = DEFAULT_TRANSITION_SECONDS
    permission_write_race: bool = False
    # "real-aws" adds profile_latency_seconds to every call and enforces REAL_AWS_LIMITS.
    profile: str | None = None
    profile_latency_seconds: float = DEFAULT_PROFILE_LATENCY_SECONDS

    def restore(self, defaults: "Settings") -> None:
        self.__dict__.update(copy.copy(defaults).__dict__)
