"""EventBridge rule targets."""

from __future__ import annotations

from typing import Any

from .corrections import Correction
from .wire import AwsError, Call, Reply

MAX_TARGETS_PER_RULE = 5


class RuleTargetService(Correction):
    """PutTargets, checked before moto answers it: moto adds any number of targets to a rule; AWS allows five
    (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-quota.html, "Targets per rule: 5") and refuses
    a request that would exceed it with LimitExceededException
    (https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_PutTargets.html#API_PutTargets_Errors).
    Putting a target whose id the rule already has replaces it and counts once."""

    def handles(self, call: Call) -> bool:
        return self.settings.corrections and call.operation == "events:PutTargets"

    def serve(self, call: Call) -> Reply:
        request = call.json()
        rule = find_rule(call, request.get("Rule", ""), request.get("EventBusName") or "default")
        if rule is not None:
            ids = {t.get("Id") for t in rule.targets} | {t.get("Id") for t in request.get("Targets", [])}
            if len(ids) > MAX_TARGETS_PER_RULE:
                raise AwsError(400, "LimitExceededException", f"The requested resource exceeds the maximum number allowed. Rule {rule.name} can have at most {MAX_TARGETS_PER_RULE} targets.")
        return call.forward()


def find_rule(call: Call, name: str, bus: str) -> Any:
    from moto.events.models import events_backends

    bus_name = bus.split(":event-bus/")[-1]
    event_bus = events_backends[call.caller.account][call.caller.region].event_buses.get(bus_name)
    return None if event_bus is None else event_bus.rules.get(name)
