"""CloudWatch Logs subscription filters with a Lambda destination."""

from __future__ import annotations

from typing import Any

from .corrections import Correction
from .permissions import PolicyService
from .settings import Settings
from .wire import AwsError, Call, Reply, json_reply

LOGS_PRINCIPAL = "logs.amazonaws.com"


class SubscriptionFilterService(Correction):
    """PutSubscriptionFilter, checked and completed around moto:

    lg1: a Lambda destination must let CloudWatch Logs invoke it. AWS test-invokes the function and refuses with
    InvalidParameterException "Could not execute the lambda function. Make sure you have given CloudWatch Logs
    permission to execute your function." when the function's policy (of exactly the ARN given: alias, version or
    unqualified) has no statement for logs.amazonaws.com whose SourceArn matches the group's
    ``arn:aws:logs:{region}:{account}:log-group:NAME:*``
    (https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/SubscriptionFilters.html#LambdaFunctionExample);
    moto only checks that the function exists.

    lg2: "Creates or updates a subscription filter" and "There can be as many as two subscription filters associated
    with a log group" (https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_PutSubscriptionFilter.html):
    updating one of a group's two filters is allowed; moto refuses it with LimitExceededException."""

    def __init__(self, settings: Settings, policies: PolicyService) -> None:
        super().__init__(settings)
        self.policies = policies

    def handles(self, call: Call) -> bool:
        return self.settings.corrections and call.operation == "logs:PutSubscriptionFilter"

    def serve(self, call: Call) -> Reply:
        request = call.json()
        group = log_group(call, request.get("logGroupName", ""))
        destination = request.get("destinationArn", "")
        if group is not None and destination.split(":")[2:3] == ["lambda"]:
            source = f"arn:aws:logs:{call.caller.region}:{call.caller.account}:log-group:{group.name}:*"
            if not self.policies.allows(destination, LOGS_PRINCIPAL, source, call.caller):
                raise AwsError(
                    400,
                    "InvalidParameterException",
                    "Could not execute the lambda function. Make sure you have given CloudWatch Logs permission to execute your function.",
                )
            existing = group.subscription_filters.get(request.get("filterName"))
            if existing is not None:
                existing.update(request.get("filterPattern", ""), destination, request.get("roleArn"))
                return json_reply(200, None)
        return call.forward()


def log_group(call: Call, name: str) -> Any:
    from moto.logs.models import logs_backends

    return logs_backends[call.caller.account][call.caller.region].groups.get(name)
