"""Lambda resource policies: one per qualifier, as the Lambda API reference documents them."""

from __future__ import annotations

import copy
import json
import re
import threading
import time
import uuid
from dataclasses import dataclass, field
from fnmatch import fnmatchcase
from typing import Any, Callable
from urllib.parse import unquote

from .settings import Settings
from .operations import Caller
from .wire import AwsError, Call, Reply, invalid, json_reply, not_found, validate_against_model
from .corrections import Correction
from .esm import EsmService, first, function_arn, function_ref, require_function


PERMISSION_RACE_SECONDS = 0.25
ELB_PRINCIPAL = "elasticloadbalancing.amazonaws.com"


@dataclass
class ResourcePolicy:
    statements: list[dict[str, Any]] = field(default_factory=list)
    revision: str = field(default_factory=lambda: str(uuid.uuid4()))


class PolicyService(Correction):
    """AddPermission, GetPolicy and RemovePermission. moto keeps one policy per function, shared by
    every version and alias, and routes no statement id with a dot; AWS keeps one per qualifier:
    "The scope of that permission depends on whether you apply it to an alias, a version, or the
    entire function" (https://docs.aws.amazon.com/lambda/latest/dg/using-aliases.html, and
    https://docs.aws.amazon.com/lambda/latest/dg/access-control-resource-based.html).
    Functions and aliases still come from moto, so unknown ones get moto's 404."""

    OPERATIONS = ("lambda:AddPermission", "lambda:GetPolicy", "lambda:RemovePermission")
    ADD_PERMISSION = EsmService.LAMBDA_MODEL.operation_model("AddPermission").input_shape

    def __init__(self, settings: Settings) -> None:
        super().__init__(settings)
        self._policies: dict[tuple[str, str, str, str], ResourcePolicy] = {}
        self._lock = threading.Lock()

    def reset(self) -> None:
        with self._lock:
            self._policies.clear()

    def handles(self, call: Call) -> bool:
        return self.settings.corrections and call.operation in self.OPERATIONS

    def serve(self, call: Call) -> Reply:
        name, qualifier = qualified_function(call.params["FunctionName"], first(call.query, "Qualifier"), call.caller)
        key = (call.caller.account, call.caller.region, name, qualifier or "")
        if call.verb == "GetPolicy":
            return json_reply(200, self.get(key))
        if call.verb == "AddPermission":
            request = call.json()
            validate_against_model(self.ADD_PERMISSION, request)
            refuse_latest(qualifier)
            statement = permission_statement(request, function_arn(name, qualifier, call.caller))
            self._update(key, request.get("RevisionId"), lambda statements: add_statement(statements, statement))
            return json_reply(201, {"Statement": json.dumps(statement)})
        sid = unquote(call.params["StatementId"])
        self._update(key, first(call.query, "RevisionId"), lambda statements: remove_statement(statements, sid))
        return json_reply(204, None)

    def get(self, key: tuple[str, str, str, str]) -> dict[str, Any]:
        """https://docs.aws.amazon.com/lambda/latest/api/API_GetPolicy.html: 404 when the function (or
        that qualifier) has no policy statement."""
        with self._lock:
            policy = self._policies.get(key)
            if policy is None or not policy.statements:
                raise not_found()
            document = {"Version": "2012-10-17", "Id": "default", "Statement": copy.deepcopy(policy.statements)}
            return {"Policy": json.dumps(document), "RevisionId": policy.revision}

    def allows(self, function: str, principal: str, source_arn: str, caller: Caller, source_account: str | None = None) -> bool:
        """Whether the policy of exactly this function ARN (qualifier included) lets ``principal``
        invoke it from ``source_arn`` (owned by ``source_account``, for ARNs without an account such as S3's)."""
        parts = function.split(":")
        account, region = (parts[4], parts[3]) if function.startswith("arn:") and len(parts) > 4 else (caller.account, caller.region)
        name, qualifier = function_ref(function, caller)
        with self._lock:
            policy = self._policies.get((account, region, name, qualifier or ""))
            return policy is not None and any(statement_allows(s, principal, source_arn, source_account) for s in policy.statements)

    def observe(self, call: Call) -> None:
        """DeleteFunction drops every policy of the function (only the version's with a Qualifier);
        DeleteAlias drops the alias's. moto does this for its shared policy by deleting the function."""
        if call.operation not in ("lambda:DeleteFunction", "lambda:DeleteAlias"):
            return
        name, qualifier = function_ref(unquote(call.params.get("FunctionName", "")), call.caller)
        qualifier = call.params.get("Name") or first(call.query, "Qualifier") or qualifier
        with self._lock:
            for key in [k for k in self._policies if k[:3] == (call.caller.account, call.caller.region, name)]:
                if qualifier is None or key[3] == qualifier:
                    del self._policies[key]

    def _update(self, key: tuple[str, str, str, str], revision: str | None, edit: Callable[[list[dict[str, Any]]], list[dict[str, Any]]]) -> None:
        """Applies ``edit`` to the statements and bumps the revision. With ``permissionWriteRace`` on,
        the write lands PERMISSION_RACE_SECONDS after the read, so overlapping calls on one policy
        overwrite each other: the lost-update hazard Terraform's aws_lambda_permission guards against
        with a per-function mutex, and the reason AddPermission offers RevisionId ("Use this option to
        avoid modifying a policy that has changed since you last read it",
        https://docs.aws.amazon.com/lambda/latest/api/API_AddPermission.html#lambda-AddPermission-request-RevisionId)."""
        with self._lock:
            policy = self._policies.setdefault(key, ResourcePolicy())
            require_revision(policy, revision)
            edited = edit(list(policy.statements))
            if not self.settings.permission_write_race:
                policy.statements, policy.revision = edited, str(uuid.uuid4())
                return
        time.sleep(PERMISSION_RACE_SECONDS)
        with self._lock:
            policy.statements, policy.revision = edited, str(uuid.uuid4())


def qualified_function(reference: str, qualifier: str | None, caller: Caller) -> tuple[str, str | None]:
    """https://docs.aws.amazon.com/lambda/latest/api/API_AddPermission.html#lambda-AddPermission-request-FunctionName
    (same for GetPolicy and RemovePermission): the qualifier comes from the name (``f:live``, alias ARN)
    or the ``Qualifier`` parameter; both given and different is an error."""
    name, derived = function_ref(unquote(reference), caller)
    if qualifier and derived and qualifier != derived:
        raise invalid("The derived qualifier from the function name does not match the specified version or alias.")
    qualifier = qualifier or derived
    require_function(name, qualifier, caller)
    return name, qualifier


def refuse_latest(qualifier: str | None) -> None:
    """https://docs.aws.amazon.com/lambda/latest/api/API_AddPermission.html: "Lambda does not support
    adding policies to version $LATEST." moto adds them to its shared policy."""
    if qualifier == "$LATEST":
        raise invalid("We currently do not support adding policies for $LATEST.")


def require_revision(policy: ResourcePolicy, revision: str | None) -> None:
    """https://docs.aws.amazon.com/lambda/latest/api/API_AddPermission.html#lambda-AddPermission-request-RevisionId
    (and RemovePermission): "Update the policy only if the revision ID matches the ID that's
    specified"; 412 PreconditionFailedException otherwise. moto fails RemovePermission whenever one is given."""
    if revision and revision != policy.revision:
        raise AwsError(
            412,
            "PreconditionFailedException",
            "The Revision Id provided does not match the latest Revision Id. Call the GetPolicy API to retrieve the latest Revision Id",
        )


def add_statement(statements: list[dict[str, Any]], statement: dict[str, Any]) -> list[dict[str, Any]]:
    """https://docs.aws.amazon.com/lambda/latest/api/API_AddPermission.html#API_AddPermission_Errors
    ResourceConflictException (409) for a statement id already in this policy; moto appends a second one."""
    sid = statement["Sid"]
    if any(s.get("Sid") == sid for s in statements):
        raise AwsError(
            409,
            "ResourceConflictException",
            f"The statement id ({sid}) provided already exists. Please provide a new statement id, or remove the existing statement.",
        )
    return [*statements, statement]


def remove_statement(statements: list[dict[str, Any]], sid: str) -> list[dict[str, Any]]:
    """https://docs.aws.amazon.com/lambda/latest/api/API_RemovePermission.html#API_RemovePermission_Errors
    404 ResourceNotFoundException for a statement id not in this qualifier's policy (moto ignores the
    qualifier, and cannot route ids with a dot, which the RemovePermission model allows)."""
    kept = [s for s in statements if s.get("Sid") != sid]
    if len(kept) == len(statements):
        raise AwsError(404, "ResourceNotFoundException", f"Statement {sid} is not found in resource policy.")
    return kept


def permission_statement(request: dict[str, Any], resource: str) -> dict[str, Any]:
    """The statement AddPermission returns and GetPolicy lists, in AWS's shape
    (https://docs.aws.amazon.com/lambda/latest/dg/access-control-resource-based.html): the service
    principal as ``{"Service": …}``, an account as its root ARN, ``Resource`` the qualified function
    ARN, SourceArn as ``ArnLike`` and the other conditions as ``StringEquals``."""
    statement: dict[str, Any] = {
        "Sid": request["StatementId"],
        "Effect": "Allow",
        "Principal": principal_element(request["Principal"]),
        "Action": request["Action"],
        "Resource": resource,
    }
    conditions: dict[str, dict[str, str]] = {}
    for member, operator, key in (
        ("SourceArn", "ArnLike", "AWS:SourceArn"),
        ("SourceAccount", "StringEquals", "AWS:SourceAccount"),
        ("PrincipalOrgID", "StringEquals", "aws:PrincipalOrgID"),
        ("EventSourceToken", "StringEquals", "lambda:EventSourceToken"),
        ("FunctionUrlAuthType", "StringEquals", "lambda:FunctionUrlAuthType"),
    ):
        if request.get(member):
            conditions.setdefault(operator, {})[key] = request[member]
    if conditions:
        statement["Condition"] = conditions
    return statement


def principal_element(principal: str) -> Any:
    if principal == "*":
        return "*"
    if principal.endswith(".amazonaws.com"):
        return {"Service": principal}
    if re.fullmatch(r"\d{12}", principal):
        return {"AWS": f"arn:aws:iam::{principal}:root"}
    return {"AWS": principal}


def statement_allows(statement: dict[str, Any], service: str, source_arn: str, account: str | None = None) -> bool:
    principal = statement.get("Principal")
    condition = statement.get("Condition", {})
    arn_pattern = condition.get("ArnLike", {}).get("AWS:SourceArn")
    source_account = condition.get("StringEquals", {}).get("AWS:SourceAccount")
    return (
        statement.get("Effect") == "Allow"
        and (principal == "*" or (isinstance(principal, dict) and principal.get("Service") == service))
        and statement.get("Action") in ("lambda:InvokeFunction", "lambda:*", "*")
        and (arn_pattern is None or fnmatchcase(source_arn, arn_pattern))
        and (source_account is None or source_account == (account or source_arn.split(":")[4]))
    )
