"""EventBridge Scheduler: schedules as the EventBridge Scheduler API reference documents them."""

from __future__ import annotations

import json
import re
from typing import Any

from .corrections import Correction
from .operations import Caller
from .wire import AwsError, Call, Reply

EXPRESSION = re.compile(r"^(at|rate|cron)\(.+\)$")


class ScheduleService(Correction):
    """CreateSchedule and UpdateSchedule: the checks and defaults AWS applies that moto skips. Schedules stay in moto."""

    def handles(self, call: Call) -> bool:
        return self.settings.corrections and call.operation in ("scheduler:CreateSchedule", "scheduler:UpdateSchedule")

    def serve(self, call: Call) -> Reply:
        body = call.json()
        require_group(body.get("GroupName"), call.caller)
        require_expression(body.get("ScheduleExpression"))
        if call.verb == "UpdateSchedule" and "State" not in body:
            # https://docs.aws.amazon.com/scheduler/latest/APIReference/API_UpdateSchedule.html: UpdateSchedule
            # replaces the whole schedule; an optional member left out takes its default, State ENABLED
            # (API_CreateSchedule.html, State). moto stores no state at all.
            body["State"] = "ENABLED"
            data = json.dumps(body).encode()
            call.environ["CONTENT_LENGTH"] = str(len(data))
            from io import BytesIO

            call.environ["wsgi.input"] = BytesIO(data)
        return call.forward()


def require_group(group: str | None, caller: Caller) -> None:
    """https://docs.aws.amazon.com/scheduler/latest/APIReference/API_CreateSchedule.html (Errors:
    ResourceNotFoundException, 404): a schedule in a group that does not exist is refused; moto fails
    with a KeyError (500) on create."""
    from moto.scheduler.models import scheduler_backends

    name = group or "default"
    if name not in scheduler_backends[caller.account][caller.region].schedule_groups:
        raise AwsError(404, "ResourceNotFoundException", f"Schedule group {name} does not exist.")


def require_expression(expression: Any) -> None:
    """https://docs.aws.amazon.com/scheduler/latest/UserGuide/schedule-types.html: a schedule expression is
    at(…), rate(…) or cron(…); AWS answers anything else with ValidationException (400). moto stores any text."""
    if not isinstance(expression, str) or not EXPRESSION.match(expression):
        raise AwsError(400, "ValidationException", f"Invalid Schedule Expression {expression}.")
