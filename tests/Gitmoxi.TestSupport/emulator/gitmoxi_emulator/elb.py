"""ELBv2 target groups with Lambda targets."""

from __future__ import annotations

import re
import threading
import xml.etree.ElementTree as ET
from typing import Any

from .settings import Settings
from .operations import Caller
from .wire import Call, ELB_NAMESPACE, QueryError, Reply, decode_position, encode_position, with_body
from .corrections import Correction
from .permissions import ELB_PRINCIPAL, PolicyService


class TargetGroupService(Correction):
    """RegisterTargets, DescribeTargetHealth and DescribeTargetGroups, checked and reshaped around moto,
    which registers any number of Lambda targets without asking Lambda, reports them ``healthy`` (AWS: ``unused``
    without a load balancer, ``unavailable`` with health checks off) and
    never pages (https://docs.aws.amazon.com/elasticloadbalancing/latest/application/lambda-functions.html)."""

    OPERATIONS = ("elasticloadbalancing:RegisterTargets", "elasticloadbalancing:DescribeTargetHealth", "elasticloadbalancing:DescribeTargetGroups")

    def __init__(self, settings: Settings, policies: PolicyService) -> None:
        super().__init__(settings)
        self.policies = policies
        self._lock = threading.Lock()

    def handles(self, call: Call) -> bool:
        return self.settings.corrections and call.operation in self.OPERATIONS

    def serve(self, call: Call) -> Reply:
        form = call.form()
        group = target_group(form.get("TargetGroupArn", ""), call.caller)
        if call.verb == "RegisterTargets":
            with self._lock:
                if group is not None and group.target_type == "lambda":
                    ids = [v for k, v in sorted(form.items()) if re.fullmatch(r"Targets\.member\.\d+\.Id", k)]
                    limit_lambda_targets(group, ids)
                    self.require_invoke_permission(group, ids, call.caller)
                return call.forward()
        if call.verb == "DescribeTargetHealth":
            return report_lambda_target_health(call.forward(), group)
        return page_target_groups(call.forward(), form)

    def require_invoke_permission(self, group: Any, functions: list[str], caller: Caller) -> None:
        """https://docs.aws.amazon.com/elasticloadbalancing/latest/application/lambda-functions.html
        ("you must grant Elastic Load Balancing permission to invoke your Lambda function"): without a
        statement for elasticloadbalancing.amazonaws.com whose SourceArn (if any) matches the target
        group, on the function as registered (alias, version or unqualified), AWS answers 403
        AccessDenied "elasticloadbalancing principal does not have permission to invoke … from target group …"."""
        for function in functions:
            if not self.policies.allows(function, ELB_PRINCIPAL, group.arn, caller):
                raise QueryError(
                    403,
                    "AccessDenied",
                    f"elasticloadbalancing principal does not have permission to invoke {function} from target group {group.arn}",
                )


def target_group(arn: str, caller: Caller) -> Any:
    from moto.elbv2.models import elbv2_backends

    return elbv2_backends[caller.account][caller.region].target_groups.get(arn)


def limit_lambda_targets(group: Any, functions: list[str]) -> None:
    """https://docs.aws.amazon.com/elasticloadbalancing/latest/application/lambda-functions.html
    "You can register one Lambda function with each target group"; beyond it RegisterTargets fails with
    TooManyTargets (400, https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_RegisterTargets.html).
    Registering the function already there again is allowed."""
    if len(set(group.targets) | set(functions)) > 1:
        raise QueryError(400, "TooManyTargets", "You've reached the limit on the number of targets.")


def report_lambda_target_health(reply: Reply, group: Any) -> Reply:
    """https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_TargetHealth.html and
    https://docs.aws.amazon.com/elasticloadbalancing/latest/application/target-group-health-checks.html#target-health-states
    A registered Lambda target is ``unused`` with reason ``Target.NotInUse`` while no listener or rule of any
    load balancer forwards to its group; once one does, a group with health checks disabled (the default for
    lambda groups) reports it ``unavailable`` with reason ``Target.HealthCheckDisabled``. moto says ``healthy``
    for both."""
    if reply.status != 200 or group is None or group.target_type != "lambda":
        return reply
    if group.load_balancer_arns:
        if group.health_check_enabled:
            return reply
        state_text, reason, description = "unavailable", "Target.HealthCheckDisabled", "Health checks are disabled"
    else:
        state_text, reason, description = "unused", "Target.NotInUse", "Target group is not configured to receive traffic from the load balancer"
    root = ET.fromstring(reply.body)
    for health in root.iter(f"{{{ELB_NAMESPACE}}}TargetHealth"):
        state = health.find(f"{{{ELB_NAMESPACE}}}State")
        if state is not None and state.text == "healthy":
            state.text = state_text
            ET.SubElement(health, f"{{{ELB_NAMESPACE}}}Reason").text = reason
            ET.SubElement(health, f"{{{ELB_NAMESPACE}}}Description").text = description
    return with_body(reply, 200, ET.tostring(root, encoding="utf-8"))


def page_target_groups(reply: Reply, form: dict[str, str]) -> Reply:
    """https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_DescribeTargetGroups.html
    PageSize 1-400, Marker/NextMarker; moto returns every group at once."""
    size_text = form.get("PageSize", "400")
    if not size_text.isdigit() or not 1 <= int(size_text) <= 400:
        raise QueryError(
            400,
            "ValidationError",
            f"1 validation error detected: Value '{size_text}' at 'pageSize' failed to satisfy constraint: Member must have value between 1 and 400",
        )
    if reply.status != 200:
        return reply
    start = decode_position(form["Marker"], QueryError(400, "ValidationError", "Invalid Marker")) if "Marker" in form else 0
    root = ET.fromstring(reply.body)
    result = root.find(f"{{{ELB_NAMESPACE}}}DescribeTargetGroupsResult")
    groups = result.find(f"{{{ELB_NAMESPACE}}}TargetGroups") if result is not None else None
    if groups is None:
        return reply
    members, end = list(groups), start + int(size_text)
    for index, member in enumerate(members):
        if not start <= index < end:
            groups.remove(member)
    if end < len(members):
        ET.SubElement(result, f"{{{ELB_NAMESPACE}}}NextMarker").text = encode_position(end)
    return with_body(reply, 200, ET.tostring(root, encoding="utf-8"))
