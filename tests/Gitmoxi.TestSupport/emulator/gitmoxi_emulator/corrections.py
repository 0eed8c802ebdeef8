"""The registry of corrected APIs: where the launcher departs from moto to follow the AWS documentation.

To correct another API (issue 12 adds S3, SNS, EventBridge, Scheduler, REST APIs, Logs):
  1. add a module beside this one with a ``Correction`` subclass; each correction in it cites the AWS
     documentation page it follows, in a docstring or comment at the code that does it;
  2. register it in ``build`` below (one line);
  3. add ``tests/test_<module>.py`` with one test per correction (run: ``python3 -m unittest`` in ``emulator/``);
  4. list the corrections in tests/Gitmoxi.TestSupport/README.md.
Seeding a new kind of resource is a ``seed_*`` method of ``seeding.Seeder`` listed in its ``STEPS``.
"""

from __future__ import annotations

from .settings import Settings
from .wire import Call, Reply


class Correction:
    """One corrected API. The server asks each registered correction in turn whether it ``handles`` a request;
    the first that does ``serve``s it (raising ``wire.AwsError`` or ``wire.QueryError`` for an AWS error, or
    calling ``call.forward()`` to let moto answer first and reshape that). Requests nobody handles go to moto.
    A correction is asked only while ``settings.corrections`` is on."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    def handles(self, call: Call) -> bool:
        raise NotImplementedError

    def serve(self, call: Call) -> Reply:
        raise NotImplementedError

    def observe(self, call: Call) -> None:
        """Sees every request before any correction serves it (e.g. to forget state moto deletes)."""

    def reset(self) -> None:
        """POST /_gitmoxi/reset: forget every resource this correction keeps."""


def build(settings: Settings) -> tuple[Correction, ...]:
    """The registered corrections, in the order they are asked."""
    from .apigw import HttpApiService
    from .apigw_in_use import IntegrationInUse
    from .elb import TargetGroupService
    from .esm import EsmService
    from .events import RuleTargetService
    from .logs import SubscriptionFilterService
    from .permissions import PolicyService
    from .restapi import RestIntegrationService
    from .restapi_deploy import RestDeploymentService
    from .scheduler import ScheduleService
    from .s3 import BucketNotificationService
    from .versions import FunctionVersionsService

    policies = PolicyService(settings)
    http_apis = HttpApiService(settings)
    return (
        EsmService(settings),
        policies,
        TargetGroupService(settings, policies),
        IntegrationInUse(settings, http_apis),
        http_apis,
        FunctionVersionsService(settings),
        BucketNotificationService(settings, policies),
        ScheduleService(settings),
        RestIntegrationService(settings),
        RestDeploymentService(settings),
        RuleTargetService(settings),
        SubscriptionFilterService(settings, policies),
    )
