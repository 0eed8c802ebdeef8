#!/usr/bin/env python3
"""Gitmoxi test emulator: moto's server app, corrected where it departs from documented AWS behaviour.

Runs moto 5.2.1's WSGI app on 127.0.0.1 behind a middleware that
  * counts requests per operation (``service:Operation``) and classifies them as reads or writes,
  * owns the Lambda event source mapping (ESM) API, which moto implements too loosely for a tool
    whose whole job is converging ESMs (see ``EsmService`` and README.md next to this project),
  * injects seeded faults and, with the real-AWS profile, latency and AWS's documented rate limits,
  * serves control endpoints under ``/_gitmoxi/`` (unsigned): requests, reset, config, seed.

Usage: ``python3 gitmoxi_emulator.py [--port 0] [--watch-stdin] [--warm lambda,sts] [--profile real-aws [--latency-ms 50]]``.
Prints ``GITMOXI_EMULATOR_READY port=NNNNN`` on stdout once the socket listens.
Exit code 3 means moto is not importable.
"""

from __future__ import annotations

import argparse
import base64
import copy
import io
import json
import math
import os
import random
import re
import socket
import struct
import sys
import threading
import time
import uuid
import xml.etree.ElementTree as ET
from collections import OrderedDict
from dataclasses import dataclass, field
from datetime import datetime
from fnmatch import fnmatchcase
from typing import Any, Callable
from urllib.parse import parse_qs, unquote

DEFAULT_ACCOUNT = "123456789012"
DEFAULT_REGION = "us-east-1"
DEFAULT_TRANSITION_SECONDS = 0.3
DEFAULT_PROFILE_LATENCY_SECONDS = 0.05
INTERNAL_HEADER = "x-gitmoxi-internal"

try:
    from moto.core.models import default_user_config
except ImportError as error:  # pragma: no cover - reported to the C# fixture by exit code
    print(f"moto is not importable ({error}): install it with `pip install \"moto[server]\"`", file=sys.stderr)
    sys.exit(3)


def use_simple_lambda_backend() -> None:
    """Docker-less Lambda: moto otherwise tries to run functions in docker whenever an ESM fires.

    Must run before any Lambda resource exists: the switch selects a different backend
    (``lambda_simple_backends``), so state created before it is invisible after it.
    """
    default_user_config["lambda"] = {"use_docker": False}


use_simple_lambda_backend()

import botocore.session  # noqa: E402  (after the moto config on purpose)
from moto.awslambda.utils import get_backend as active_lambda_backend  # noqa: E402
from moto.moto_api._internal.models import moto_api_backend  # noqa: E402
from moto.moto_server.werkzeug_app import DomainDispatcherApplication, create_backend_app  # noqa: E402
from werkzeug.exceptions import HTTPException  # noqa: E402
from werkzeug.serving import WSGIRequestHandler, make_server  # noqa: E402


# --------------------------------------------------------------------------------------------
# Who is calling and what: account, region, operation name
# --------------------------------------------------------------------------------------------

CREDENTIAL_SCOPE = re.compile(r"Credential=([^/,\s]+)/\d{8}/([^/]+)/([^/]+)/aws4_request")
USER_AGENT_REGION = re.compile(r"region/([a-z]{2}-[a-z]+-\d)")
UNSIGNED_ACTIONS = {"AssumeRoleWithWebIdentity": "sts", "AssumeRoleWithSAML": "sts"}


@dataclass(frozen=True)
class Caller:
    account: str
    region: str
    service: str
    access_key: str


def identify_caller(environ: dict[str, Any], action: str | None) -> Caller:
    """Same precedence as moto (MOTO_ACCOUNT_ID, x-moto-account-id, issued access key, default)."""
    match = CREDENTIAL_SCOPE.search(environ.get("HTTP_AUTHORIZATION", ""))
    access_key, region, service = match.groups() if match else ("", DEFAULT_REGION, UNSIGNED_ACTIONS.get(action or "", "unsigned"))
    # moto lets a ``region/…`` User-Agent token override the scope; follow it so ESMs and functions agree.
    agent_region = USER_AGENT_REGION.search(environ.get("HTTP_USER_AGENT", ""))
    region = agent_region.group(1) if agent_region else region
    account = os.environ.get("MOTO_ACCOUNT_ID") or environ.get("HTTP_X_MOTO_ACCOUNT_ID")
    if not account:
        from moto.iam.models import get_account_id_from

        account = get_account_id_from(access_key) if access_key else DEFAULT_ACCOUNT
    return Caller(account, region, service, access_key)


@dataclass(frozen=True)
class RestRoute:
    name: str
    method: str
    pattern: re.Pattern[str]
    literal_length: int


class OperationNamer:
    """Names a request after its botocore operation: ``lambda:ListEventSourceMappings``."""

    # REST protocols carry no operation name on the wire; these signing names are matched by path.
    REST_MODELS = {"lambda": ("lambda",), "apigateway": ("apigatewayv2", "apigateway")}

    def __init__(self) -> None:
        self._session = botocore.session.get_session()
        self._routes: dict[str, list[RestRoute]] = {}
        self._lock = threading.Lock()

    def name(self, environ: dict[str, Any], body: bytes, caller: Caller) -> tuple[str, dict[str, str]]:
        target = environ.get("HTTP_X_AMZ_TARGET")
        if target:
            return f"{caller.service}:{target.rsplit('.', 1)[-1]}", {}
        action = query_action(environ, body)
        if action:
            return f"{caller.service}:{action}", {}
        method, path = environ["REQUEST_METHOD"], environ.get("PATH_INFO", "/")
        for model in self._models_for(caller.service, path):
            for route in self._routes_of(model):
                found = route.pattern.fullmatch(path)
                if route.method == method and found:
                    return f"{caller.service}:{route.name}", found.groupdict()
        return f"{caller.service}:{method} {path}", {}

    @staticmethod
    def _models_for(service: str, path: str) -> tuple[str, ...]:
        models = OperationNamer.REST_MODELS.get(service, ())
        if service == "apigateway":
            return models[:1] if path.startswith("/v2/") else models[1:]
        return models

    def _routes_of(self, model: str) -> list[RestRoute]:
        with self._lock:
            if model not in self._routes:
                self._routes[model] = self._load_routes(model)
            return self._routes[model]

    def _load_routes(self, model: str) -> list[RestRoute]:
        service_model = self._session.get_service_model(model)
        routes = []
        for name in service_model.operation_names:
            http = service_model.operation_model(name).http
            uri = http["requestUri"].split("?", 1)[0].rstrip("/")
            regex = re.sub(r"\{(\w+)\+\}", r"(?P<\1>.+)", uri)
            regex = re.sub(r"\{(\w+)\}", r"(?P<\1>[^/]+)", regex) + "/?"
            literal = len(re.sub(r"\{[^}]+\}", "", uri))
            routes.append(RestRoute(name, http["method"], re.compile(regex), literal))
        # The most literal template wins when two match (e.g. .../functions/{F}/policy vs {F+}).
        return sorted(routes, key=lambda r: -r.literal_length)


def query_action(environ: dict[str, Any], body: bytes) -> str | None:
    query = parse_qs(environ.get("QUERY_STRING", ""))
    if "Action" in query:
        return query["Action"][0]
    if environ.get("CONTENT_TYPE", "").startswith("application/x-www-form-urlencoded"):
        form = parse_qs(body.decode("utf-8", "replace"))
        if "Action" in form:
            return form["Action"][0]
    return None


def is_write(operation: str) -> bool:
    verb = operation.split(":", 1)[-1]
    return not verb.startswith(("Get", "List", "Describe"))


class RequestCounter:
    def __init__(self) -> None:
        self._counts: OrderedDict[str, int] = OrderedDict()
        self._lock = threading.Lock()

    def record(self, operation: str) -> None:
        with self._lock:
            self._counts[operation] = self._counts.get(operation, 0) + 1

    def reset(self) -> None:
        with self._lock:
            self._counts.clear()

    def snapshot(self) -> dict[str, Any]:
        with self._lock:
            operations = [{"name": op, "count": n, "isWrite": is_write(op)} for op, n in self._counts.items()]
        return {
            "operations": operations,
            "reads": sum(o["count"] for o in operations if not o["isWrite"]),
            "writes": sum(o["count"] for o in operations if o["isWrite"]),
        }


# --------------------------------------------------------------------------------------------
# Lambda event source mappings, served the way the Lambda API reference documents them
# --------------------------------------------------------------------------------------------


class AwsError(Exception):
    """A Lambda REST-JSON error: status from the botocore model, code in header and body."""

    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status, self.code, self.message = status, code, message


def not_found() -> AwsError:
    return AwsError(404, "ResourceNotFoundException", "The resource you requested does not exist.")


def invalid(message: str) -> AwsError:
    return AwsError(400, "InvalidParameterValueException", message)


SETTLED_STATES = ("Enabled", "Disabled")
# https://docs.aws.amazon.com/lambda/latest/api/API_EventSourceMappingConfiguration.html (State)
TRANSITIONAL_STATES = ("Creating", "Enabling", "Disabling", "Updating", "Deleting")


@dataclass
class Mapping:
    uuid: str
    seq: int
    source_kind: str
    function_name: str
    function_arn: str
    arn: str
    settings: dict[str, Any]
    tags: dict[str, str]
    enabled: bool
    state: str
    transition_started: float
    last_modified: float

    def configuration(self) -> dict[str, Any]:
        # https://docs.aws.amazon.com/lambda/latest/api/API_EventSourceMappingConfiguration.html:
        # no Tags member (tags come only from ListTags).
        config = {"UUID": self.uuid, **copy.deepcopy(self.settings)}
        config.update(
            FunctionArn=self.function_arn,
            LastModified=self.last_modified,
            LastProcessingResult="No records processed",
            State=self.state,
            StateTransitionReason="USER_INITIATED",
            EventSourceMappingArn=self.arn,
        )
        return config


@dataclass
class Settings:
    """Per-test knobs (POST /_gitmoxi/config), shared by every corrected service."""

    corrections: bool = True
    transition_seconds: float = DEFAULT_TRANSITION_SECONDS
    permission_write_race: bool = False
    # "real-aws" adds profile_latency_seconds to every call and enforces REAL_AWS_LIMITS.
    profile: str | None = None
    profile_latency_seconds: float = DEFAULT_PROFILE_LATENCY_SECONDS

    def restore(self, defaults: "Settings") -> None:
        self.__dict__.update(copy.copy(defaults).__dict__)


def function_ref(reference: str, caller: Caller) -> tuple[str, str | None]:
    """Splits every FunctionName form AWS accepts into (name, qualifier).

    https://docs.aws.amazon.com/lambda/latest/api/API_CreateEventSourceMapping.html#lambda-CreateEventSourceMapping-request-FunctionName
    Function name (``f``), name with qualifier (``f:live``), function/version/alias ARN,
    partial ARN (``123456789012:function:f[:live]``).
    """
    parts = reference.split(":")
    if reference.startswith("arn:") and len(parts) >= 7 and parts[5] == "function":
        name, qualifier = parts[6], parts[7] if len(parts) > 7 else None
    elif len(parts) >= 3 and parts[1] == "function":
        name, qualifier = parts[2], parts[3] if len(parts) > 3 else None
    else:
        name, qualifier = parts[0], parts[1] if len(parts) > 1 else None
    return name, qualifier or None


def function_arn(name: str, qualifier: str | None, caller: Caller) -> str:
    base = f"arn:aws:lambda:{caller.region}:{caller.account}:function:{name}"
    return f"{base}:{qualifier}" if qualifier else base


def source_kind(request: dict[str, Any]) -> str:
    arn = request.get("EventSourceArn")
    if not arn:
        if request.get("SelfManagedEventSource"):
            return "kafka-self-managed"
        raise invalid("Unrecognized event source.")
    service = arn.split(":")[2] if arn.count(":") >= 5 else ""
    kinds = {"sqs": "sqs", "kinesis": "kinesis", "dynamodb": "dynamodb", "kafka": "kafka", "mq": "mq", "rds": "docdb"}
    if service not in kinds:
        raise invalid(f"Unsupported event source type: {arn}")
    return kinds[service]


class EsmService:
    """Every ESM route. moto's own ESM model is bypassed because the departures below are structural
    (one model class per source kind it knows, no state, no pagination); functions, aliases and
    sources still come from moto's backends, so ARNs and 404s stay consistent with the rest of moto.
    Mappings here are control-plane only: nothing polls the sources (moto's SQS/Kinesis side effects
    would otherwise consume messages on SendMessage)."""

    LAMBDA_MODEL = botocore.session.get_session().get_service_model("lambda")
    CREATE_MEMBERS = tuple(LAMBDA_MODEL.operation_model("CreateEventSourceMapping").input_shape.members)
    UPDATE_MEMBERS = tuple(LAMBDA_MODEL.operation_model("UpdateEventSourceMapping").input_shape.members)

    def __init__(self, settings: Settings) -> None:
        self.config = settings
        self._mappings: dict[tuple[str, str], OrderedDict[str, Mapping]] = {}
        self._seq = 0
        self._lock = threading.RLock()

    def reset(self) -> None:
        with self._lock:
            self._mappings.clear()

    def handles(self, operation: str, params: dict[str, str]) -> bool:
        if not self.config.corrections:
            return False
        if operation in ("lambda:TagResource", "lambda:UntagResource", "lambda:ListTags"):
            return ":event-source-mapping:" in params.get("Resource", "")
        return operation.endswith("EventSourceMapping") or operation == "lambda:ListEventSourceMappings"

    def dispatch(self, operation: str, params: dict[str, str], caller: Caller, query: dict[str, list[str]], body: bytes) -> tuple[int, Any]:
        request = json.loads(body) if body.strip() else {}
        with self._lock:
            store = self._store(caller)
            self._settle(store)
            verb = operation.split(":", 1)[1]
            if verb == "CreateEventSourceMapping":
                return 202, self.create(store, caller, request)
            if verb == "ListEventSourceMappings":
                return 200, self.list(store, caller, query)
            if verb in ("TagResource", "UntagResource", "ListTags"):
                return self.tags(store, verb, params["Resource"], query, request)
            mapping = store.get(params["UUID"])
            if mapping is None:
                raise_unknown_mapping()
            if verb == "GetEventSourceMapping":
                return 200, mapping.configuration()
            if verb == "UpdateEventSourceMapping":
                return 202, self.update(store, caller, mapping, request)
            return 202, self.delete(mapping)

    # -- operations -------------------------------------------------------------------------

    def create(self, store: OrderedDict[str, Mapping], caller: Caller, request: dict[str, Any]) -> dict[str, Any]:
        kind = source_kind(request)
        name, qualified_arn = self._resolve_function(request.get("FunctionName", ""), caller)
        require_existing_source(kind, request.get("EventSourceArn", ""), caller)
        reject_duplicate(store.values(), kind, request, qualified_arn, name)
        settings = {k: copy.deepcopy(v) for k, v in request.items() if k in self.CREATE_MEMBERS and k not in ("FunctionName", "Tags", "Enabled")}
        validate_settings(kind, request.get("EventSourceArn", ""), settings)
        mapping_id = str(uuid.uuid4())
        apply_aws_defaults(kind, settings, mapping_id)
        self._seq += 1
        now = time.time()
        mapping = Mapping(
            uuid=mapping_id,
            seq=self._seq,
            source_kind=kind,
            function_name=name,
            function_arn=qualified_arn,
            arn=f"arn:aws:lambda:{caller.region}:{caller.account}:event-source-mapping:{mapping_id}",
            settings=settings,
            tags=dict(request.get("Tags") or {}),
            enabled=request.get("Enabled", True) is not False,
            state="Creating",
            transition_started=now,
            last_modified=round(now, 3),
        )
        store[mapping_id] = mapping
        return mapping.configuration()

    def list(self, store: OrderedDict[str, Mapping], caller: Caller, query: dict[str, list[str]]) -> dict[str, Any]:
        mappings = list(store.values())
        source = first(query, "EventSourceArn")
        if source:
            mappings = [m for m in mappings if m.settings.get("EventSourceArn") == source]
        reference = first(query, "FunctionName")
        if reference:
            mappings = filter_by_function(mappings, reference, caller)
        return paginate(mappings, first(query, "Marker"), first(query, "MaxItems"))

    def update(self, store: OrderedDict[str, Mapping], caller: Caller, mapping: Mapping, request: dict[str, Any]) -> dict[str, Any]:
        reject_while_in_transition(mapping, "update")
        if "FunctionName" in request:
            name, qualified_arn = self._resolve_function(request["FunctionName"], caller)
            others = [m for m in store.values() if m.uuid != mapping.uuid]
            reject_duplicate(others, mapping.source_kind, mapping.settings, qualified_arn, name)
            mapping.function_name, mapping.function_arn = name, qualified_arn
        changes = {k: v for k, v in request.items() if k in self.UPDATE_MEMBERS and k not in ("UUID", "FunctionName", "Enabled")}
        keep_consumer_group_id(mapping.settings, changes)
        merged = {**mapping.settings, **copy.deepcopy(changes)}
        validate_settings(mapping.source_kind, mapping.settings.get("EventSourceArn", ""), merged)
        mapping.settings = merged
        state = "Updating"
        if "Enabled" in request and (request["Enabled"] is not False) != mapping.enabled:
            mapping.enabled = request["Enabled"] is not False
            state = "Enabling" if mapping.enabled else "Disabling"
        self._begin_transition(mapping, state)
        return mapping.configuration()

    def delete(self, mapping: Mapping) -> dict[str, Any]:
        reject_while_in_transition(mapping, "delete")
        self._begin_transition(mapping, "Deleting")
        return mapping.configuration()

    def tags(self, store: OrderedDict[str, Mapping], verb: str, resource: str, query: dict[str, list[str]], request: dict[str, Any]) -> tuple[int, Any]:
        # https://docs.aws.amazon.com/lambda/latest/api/API_TagResource.html (204, as are Untag; ListTags 200)
        mapping = store.get(resource.rsplit(":", 1)[-1])
        if mapping is None or mapping.arn != resource:
            raise AwsError(404, "ResourceNotFoundException", f"Event source mapping not found: {resource}")
        if verb == "ListTags":
            return 200, {"Tags": dict(mapping.tags)}
        if verb == "TagResource":
            mapping.tags.update(request.get("Tags") or {})
        else:
            for key in query.get("tagKeys", []):
                mapping.tags.pop(key, None)
        return 204, None

    # -- helpers ------------------------------------------------------------------------------

    def _store(self, caller: Caller) -> OrderedDict[str, Mapping]:
        return self._mappings.setdefault((caller.account, caller.region), OrderedDict())

    @staticmethod
    def _begin_transition(mapping: Mapping, state: str) -> None:
        now = time.time()
        mapping.state, mapping.transition_started, mapping.last_modified = state, now, round(now, 3)

    def _settle(self, store: OrderedDict[str, Mapping]) -> None:
        """Transitions settle lazily, judged by the delay configured now: a test can hold mappings in
        transition with a long delay, then set 0 to settle them all on the next call."""
        settled_before = time.time() - self.config.transition_seconds
        for mapping in list(store.values()):
            if mapping.state in TRANSITIONAL_STATES and mapping.transition_started <= settled_before:
                if mapping.state == "Deleting":
                    del store[mapping.uuid]
                else:
                    mapping.state = "Enabled" if mapping.enabled else "Disabled"

    @staticmethod
    def _resolve_function(reference: str, caller: Caller) -> tuple[str, str]:
        """Returns (name, FunctionArn) keeping the alias qualifier.

        https://docs.aws.amazon.com/lambda/latest/api/API_EventSourceMappingConfiguration.html#lambda-Type-EventSourceMappingConfiguration-FunctionArn
        moto resolves an alias to its version ARN; AWS keeps ``...:function:f:live`` so the mapping
        follows the alias when it moves.
        """
        if not reference:
            raise invalid("Missing FunctionName")
        name, qualifier = function_ref(reference, caller)
        require_function(name, qualifier, caller)
        return name, function_arn(name, qualifier, caller)


def require_function(name: str, qualifier: str | None, caller: Caller) -> None:
    """moto's own lookup, so unknown functions, versions and aliases get moto's (AWS's) 404."""
    try:
        active_lambda_backend(caller.account, caller.region).get_function(name, qualifier)
    except HTTPException as error:
        raise AwsError(error.code or 404, getattr(error, "error_type", "ResourceNotFoundException"), getattr(error, "message", str(error))) from error


def first(query: dict[str, list[str]], key: str) -> str | None:
    values = query.get(key)
    return values[0] if values else None


def raise_unknown_mapping() -> None:
    """https://docs.aws.amazon.com/lambda/latest/api/API_GetEventSourceMapping.html#API_GetEventSourceMapping_Errors
    (also Update/Delete): 404 ResourceNotFoundException. moto answers Update/Delete with 200 ``{}``."""
    raise not_found()


def reject_while_in_transition(mapping: Mapping, action: str) -> None:
    """https://docs.aws.amazon.com/lambda/latest/api/API_UpdateEventSourceMapping.html#API_UpdateEventSourceMapping_Errors
    ResourceInUseException (400): "you tried to update an event source mapping in the CREATING state,
    or you tried to delete an event source mapping currently UPDATING"."""
    if mapping.state in TRANSITIONAL_STATES:
        raise AwsError(
            400,
            "ResourceInUseException",
            f"Cannot {action} the event source mapping {mapping.uuid} because it is in use (State: {mapping.state}).",
        )


def filter_by_function(mappings: list[Mapping], reference: str, caller: Caller) -> list[Mapping]:
    """https://docs.aws.amazon.com/lambda/latest/api/API_ListEventSourceMappings.html#lambda-ListEventSourceMappings-request-FunctionName
    Name, partial ARN, full ARN and version/alias ARN all name the same function, so they are
    normalized to one ARN. The qualifier is part of the identity: an unqualified filter matches the
    mappings on the unqualified function, ``f:live`` (or its ARN) those on alias ``live``. That is the
    resolved ``FunctionArn`` a mapping reports, which is what AWS matches (moto compares the raw
    FunctionName string given at create time)."""
    name, qualifier = function_ref(reference, caller)
    wanted = function_arn(name, qualifier, caller)
    return [m for m in mappings if m.function_arn == wanted]


def paginate(mappings: list[Mapping], marker: str | None, max_items: str | None) -> dict[str, Any]:
    """https://docs.aws.amazon.com/lambda/latest/api/API_ListEventSourceMappings.html
    MaxItems 1-10000; "ListEventSourceMappings returns a maximum of 100 items in each response, even
    if you set the number higher"; NextMarker while more remain, passed back as Marker."""
    page_size = 100
    if max_items is not None:
        if not max_items.isdigit() or not 1 <= int(max_items) <= 10000:
            raise AwsError(
                400,
                "ValidationException",
                f"1 validation error detected: Value '{max_items}' at 'maxItems' failed to satisfy constraint: "
                "Member must have value between 1 and 10000",
            )
        page_size = min(int(max_items), 100)
    after = decode_marker(marker) if marker else 0
    remaining = [m for m in mappings if m.seq > after]
    page = remaining[:page_size]
    result: dict[str, Any] = {"EventSourceMappings": [m.configuration() for m in page]}
    if len(remaining) > page_size:
        result["NextMarker"] = base64.urlsafe_b64encode(f"after:{page[-1].seq}".encode()).decode()
    return result


def decode_marker(marker: str) -> int:
    try:
        prefix, _, seq = base64.urlsafe_b64decode(marker.encode()).decode().partition(":")
        if prefix == "after" and seq.isdigit():
            return int(seq)
    except ValueError:
        pass
    raise invalid(f"Invalid marker: {marker}")


def require_existing_source(kind: str, source_arn: str, caller: Caller) -> None:
    """moto's check that the queue/stream exists (it has no MSK, MQ or DocumentDB sources to check)."""
    from moto.dynamodbstreams.models import dynamodbstreams_backends
    from moto.kinesis.models import kinesis_backends
    from moto.sqs.models import sqs_backends

    account, region = caller.account, caller.region
    if kind == "sqs":
        exists = any(q.queue_arn == source_arn for q in sqs_backends[account][region].queues.values())
    elif kind == "kinesis":
        exists = any(s.arn == source_arn for s in kinesis_backends[account][region].streams.values())
    elif kind == "dynamodb":
        exists = any(s["StreamArn"] == source_arn for s in dynamodbstreams_backends[account][region].list_streams())
    else:
        return
    if not exists:
        raise invalid(f"Event source not found: {source_arn}")


def kafka_sources(kind: str, request: dict[str, Any]) -> set[str]:
    if kind == "kafka-self-managed":
        return set(request.get("SelfManagedEventSource", {}).get("Endpoints", {}).get("KAFKA_BOOTSTRAP_SERVERS", []))
    return {request.get("EventSourceArn", "")}


def reject_duplicate(existing: Any, kind: str, request: dict[str, Any], qualified_arn: str, name: str) -> None:
    """https://docs.aws.amazon.com/lambda/latest/api/API_CreateEventSourceMapping.html#API_CreateEventSourceMapping_Errors
    ResourceConflictException (409) when a mapping of the same source to the same (qualified)
    function exists, including one still Deleting. Messages follow what AWS returns per kind
    (SQS and Kafka word it differently; LocalStack's AWS-validated snapshots record the same texts).
    moto accepts duplicates."""
    source = request.get("EventSourceArn", "")
    for mapping in existing:
        if mapping.function_arn != qualified_arn:
            continue
        if kind.startswith("kafka"):
            topics = set(request.get("Topics") or [])
            if kafka_sources(kind, request) & kafka_sources(mapping.source_kind, mapping.settings) and topics & set(mapping.settings.get("Topics") or []):
                raise AwsError(
                    409,
                    "ResourceConflictException",
                    f'An event source mapping with event source ("{",".join(sorted(kafka_sources(kind, request)))}"), '
                    f'function ("{qualified_arn}"), topics ("{",".join(sorted(topics))}") already exists. '
                    f"Please update or delete the existing mapping with UUID {mapping.uuid}",
                )
        elif mapping.settings.get("EventSourceArn") == source:
            if kind == "sqs":
                text = f'An event source mapping with SQS arn (" {source} ") and function (" {name} ") already exists.'
            else:
                text = f'The event source arn (" {source} ") and function (" {name} ") provided mapping already exists.'
            raise AwsError(409, "ResourceConflictException", f"{text} Please update or delete the existing mapping with UUID {mapping.uuid}")


def validate_settings(kind: str, source_arn: str, settings: dict[str, Any]) -> None:
    """Create/update rules AWS enforces that moto skips or answers with HTTP 500.
    https://docs.aws.amazon.com/lambda/latest/api/API_CreateEventSourceMapping.html (BatchSize,
    MaximumBatchingWindowInSeconds, StartingPosition)."""
    batch = settings.get("BatchSize")
    if batch is not None:
        limit = 10 if source_arn.endswith(".fifo") else 10000
        if not isinstance(batch, int) or not 1 <= batch <= limit:
            raise invalid(f"BatchSize must be between 1 and {limit} for this event source, got {batch}.")
        if kind == "sqs" and batch > 10 and not settings.get("MaximumBatchingWindowInSeconds"):
            raise invalid("Maximum batch window in seconds must be greater than 0 if maximum batch size is greater than 10")
    if kind in ("kinesis", "dynamodb") and not settings.get("StartingPosition"):
        raise invalid(
            "1 validation error detected: Value null at 'startingPosition' failed to satisfy constraint: Member must not be null."
        )


def apply_aws_defaults(kind: str, settings: dict[str, Any], mapping_id: str) -> None:
    """Values AWS fills in and returns when the request leaves them out.

    https://docs.aws.amazon.com/lambda/latest/api/API_CreateEventSourceMapping.html#lambda-CreateEventSourceMapping-request-BatchSize
    (SQS 10, every other source 100) and
    https://docs.aws.amazon.com/lambda/latest/api/API_EventSourceMappingConfiguration.html (stream
    defaults: MaximumRecordAgeInSeconds -1, MaximumRetryAttempts -1, ParallelizationFactor 1,
    BisectBatchOnFunctionError false, TumblingWindowInSeconds 0). Kafka consumer groups: AWS
    generates a ConsumerGroupId (the mapping's UUID) when none is given
    (https://docs.aws.amazon.com/lambda/latest/dg/kafka-consumer-group-id.html).
    """
    settings.setdefault("BatchSize", 10 if kind == "sqs" else 100)
    if kind in ("sqs", "kinesis", "dynamodb"):
        settings.setdefault("MaximumBatchingWindowInSeconds", 0)
        settings.setdefault("FunctionResponseTypes", [])
    if kind in ("kinesis", "dynamodb"):
        for key, value in (
            ("MaximumRecordAgeInSeconds", -1),
            ("MaximumRetryAttempts", -1),
            ("ParallelizationFactor", 1),
            ("BisectBatchOnFunctionError", False),
            ("TumblingWindowInSeconds", 0),
        ):
            settings.setdefault(key, value)
    kafka_config = {"kafka": "AmazonManagedKafkaEventSourceConfig", "kafka-self-managed": "SelfManagedKafkaEventSourceConfig"}.get(kind)
    if kafka_config:
        settings.setdefault(kafka_config, {})
        settings[kafka_config].setdefault("ConsumerGroupId", mapping_id)


def keep_consumer_group_id(current: dict[str, Any], changes: dict[str, Any]) -> None:
    """https://docs.aws.amazon.com/lambda/latest/api/API_AmazonManagedKafkaEventSourceConfig.html:
    "After creating a Kafka event source mapping with the consumer group ID specified, you cannot
    update this value." Other members of the structure (SchemaRegistryConfig) are updatable."""
    for key in ("AmazonManagedKafkaEventSourceConfig", "SelfManagedKafkaEventSourceConfig"):
        if key not in changes or key not in current:
            continue
        existing = current[key].get("ConsumerGroupId")
        wanted = changes[key].get("ConsumerGroupId", existing)
        if wanted != existing:
            raise invalid(f"ConsumerGroupId cannot be updated (current: {existing}).")
        changes[key] = {**changes[key], "ConsumerGroupId": existing}


# --------------------------------------------------------------------------------------------
# Plumbing shared by the push-source corrections (Lambda permissions, ELBv2, API Gateway V2)
# --------------------------------------------------------------------------------------------


class QueryError(AwsError):
    """An ELBv2 (Query protocol) error, rendered as an XML ErrorResponse."""


@dataclass
class Reply:
    status: int
    body: bytes
    headers: list[tuple[str, str]]


@dataclass(frozen=True)
class Call:
    """One request as a corrected service sees it; ``forward`` hands it to moto unchanged."""

    environ: dict[str, Any]
    operation: str
    params: dict[str, str]
    caller: Caller
    query: dict[str, list[str]]
    body: bytes
    moto: Callable[[dict[str, Any]], Reply]

    @property
    def verb(self) -> str:
        return self.operation.split(":", 1)[1]

    def json(self) -> dict[str, Any]:
        return json.loads(self.body) if self.body.strip() else {}

    def form(self) -> dict[str, str]:
        """Query-protocol parameters, from the body and the query string alike."""
        merged = {**self.query, **parse_qs(self.body.decode("utf-8", "replace"))}
        return {key: values[0] for key, values in merged.items()}

    def forward(self) -> Reply:
        return self.moto(self.environ)


def json_reply(status: int, payload: Any, error_code: str | None = None) -> Reply:
    if error_code:
        payload = {"__type": error_code, **payload}
    body = b"" if payload is None else json.dumps(payload).encode()
    headers = [("Content-Type", "application/json"), ("x-amzn-RequestId", str(uuid.uuid4()))]
    if error_code:
        headers.append(("X-Amzn-ErrorType", error_code))
    return Reply(status, body, headers)


def error_reply(error: AwsError) -> Reply:
    if not isinstance(error, QueryError):
        return json_reply(error.status, {"Type": "User", "message": error.message}, error.code)
    return query_error_reply(error.status, error.code, error.message, ELB_NAMESPACE, "Sender")


def xml_reply(status: int, root: ET.Element) -> Reply:
    return Reply(status, ET.tostring(root, encoding="utf-8"), [("Content-Type", "text/xml"), ("x-amzn-RequestId", str(uuid.uuid4()))])


def with_body(reply: Reply, status: int, body: bytes) -> Reply:
    return Reply(status, body, [(k, v) for k, v in reply.headers if k.lower() != "content-length"])


def encode_position(position: int) -> str:
    return base64.urlsafe_b64encode(f"at:{position}".encode()).decode()


def decode_position(token: str, error: AwsError) -> int:
    try:
        prefix, _, position = base64.urlsafe_b64decode(token.encode()).decode().partition(":")
        if prefix == "at" and position.isdigit():
            return int(position)
    except ValueError:
        pass
    raise error


def validate_against_model(shape: Any, request: dict[str, Any]) -> None:
    """Required body members and string patterns from the botocore model, worded as AWS's
    ValidationException ("1 validation error detected: Value 'a.b' at 'statementId' failed to
    satisfy constraint: Member must satisfy regular expression pattern: ([a-zA-Z0-9-_]+)")."""
    errors = []
    for name in shape.required_members:
        if shape.members[name].serialization.get("location") is None and request.get(name) is None:
            errors.append(f"Value null at '{name[0].lower()}{name[1:]}' failed to satisfy constraint: Member must not be null")
    for name, value in request.items():
        pattern = shape.members[name].metadata.get("pattern") if name in shape.members else None
        if isinstance(value, str) and pattern and not re.fullmatch(pattern, value):
            errors.append(
                f"Value '{value}' at '{name[0].lower()}{name[1:]}' failed to satisfy constraint: "
                f"Member must satisfy regular expression pattern: {pattern}"
            )
    if errors:
        count = f"{len(errors)} validation error{'s' if len(errors) > 1 else ''} detected"
        raise AwsError(400, "ValidationException", f"{count}: {'; '.join(errors)}")


# --------------------------------------------------------------------------------------------
# Lambda resource policies: one per qualifier, as the Lambda API reference documents them
# --------------------------------------------------------------------------------------------

PERMISSION_RACE_SECONDS = 0.25
ELB_PRINCIPAL = "elasticloadbalancing.amazonaws.com"


@dataclass
class ResourcePolicy:
    statements: list[dict[str, Any]] = field(default_factory=list)
    revision: str = field(default_factory=lambda: str(uuid.uuid4()))


class PolicyService:
    """AddPermission, GetPolicy and RemovePermission. moto keeps one policy per function, shared by
    every version and alias, and routes no statement id with a dot; AWS keeps one per qualifier:
    "The scope of that permission depends on whether you apply it to an alias, a version, or the
    entire function" (https://docs.aws.amazon.com/lambda/latest/dg/using-aliases.html, and
    https://docs.aws.amazon.com/lambda/latest/dg/access-control-resource-based.html).
    Functions and aliases still come from moto, so unknown ones get moto's 404."""

    OPERATIONS = ("lambda:AddPermission", "lambda:GetPolicy", "lambda:RemovePermission")
    ADD_PERMISSION = EsmService.LAMBDA_MODEL.operation_model("AddPermission").input_shape

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
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

    def allows(self, function: str, principal: str, source_arn: str, caller: Caller) -> bool:
        """Whether the policy of exactly this function ARN (qualifier included) lets ``principal``
        invoke it from ``source_arn``."""
        parts = function.split(":")
        account, region = (parts[4], parts[3]) if function.startswith("arn:") and len(parts) > 4 else (caller.account, caller.region)
        name, qualifier = function_ref(function, caller)
        with self._lock:
            policy = self._policies.get((account, region, name, qualifier or ""))
            return policy is not None and any(statement_allows(s, principal, source_arn) for s in policy.statements)

    def forget(self, call: Call) -> None:
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


def statement_allows(statement: dict[str, Any], service: str, source_arn: str) -> bool:
    principal = statement.get("Principal")
    condition = statement.get("Condition", {})
    arn_pattern = condition.get("ArnLike", {}).get("AWS:SourceArn")
    source_account = condition.get("StringEquals", {}).get("AWS:SourceAccount")
    return (
        statement.get("Effect") == "Allow"
        and (principal == "*" or (isinstance(principal, dict) and principal.get("Service") == service))
        and statement.get("Action") in ("lambda:InvokeFunction", "lambda:*", "*")
        and (arn_pattern is None or fnmatchcase(source_arn, arn_pattern))
        and (source_account is None or source_account == source_arn.split(":")[4])
    )


# --------------------------------------------------------------------------------------------
# ELBv2 target groups with Lambda targets
# --------------------------------------------------------------------------------------------

ELB_NAMESPACE = "http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/"
ET.register_namespace("", ELB_NAMESPACE)


class TargetGroupService:
    """RegisterTargets, DescribeTargetHealth and DescribeTargetGroups, checked and reshaped around moto,
    which registers any number of Lambda targets without asking Lambda, reports them ``healthy`` and
    never pages (https://docs.aws.amazon.com/elasticloadbalancing/latest/application/lambda-functions.html)."""

    OPERATIONS = ("elasticloadbalancing:RegisterTargets", "elasticloadbalancing:DescribeTargetHealth", "elasticloadbalancing:DescribeTargetGroups")

    def __init__(self, settings: Settings, policies: PolicyService) -> None:
        self.settings = settings
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
            return report_disabled_health_checks(call.forward(), group)
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


def report_disabled_health_checks(reply: Reply, group: Any) -> Reply:
    """https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_TargetHealth.html
    Lambda targets of a group with health checks disabled (the default for lambda groups) are
    ``unavailable`` with reason ``Target.HealthCheckDisabled``; moto says ``healthy``."""
    if reply.status != 200 or group is None or group.target_type != "lambda" or group.health_check_enabled:
        return reply
    root = ET.fromstring(reply.body)
    for health in root.iter(f"{{{ELB_NAMESPACE}}}TargetHealth"):
        state = health.find(f"{{{ELB_NAMESPACE}}}State")
        if state is not None and state.text == "healthy":
            state.text = "unavailable"
            ET.SubElement(health, f"{{{ELB_NAMESPACE}}}Reason").text = "Target.HealthCheckDisabled"
            ET.SubElement(health, f"{{{ELB_NAMESPACE}}}Description").text = "Health checks are disabled"
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


# --------------------------------------------------------------------------------------------
# API Gateway V2 (HTTP APIs)
# --------------------------------------------------------------------------------------------

APIGATEWAY_MODEL = botocore.session.get_session().get_service_model("apigatewayv2")
PAGED_COLLECTIONS = ("GetRoutes", "GetIntegrations", "GetStages")


class HttpApiService:
    """Every ``/v2/`` operation: status codes from the botocore model, pagination of routes,
    integrations and stages, and the checks AWS makes on routes, stages and deletes that moto skips.
    APIs, routes, integrations and stages themselves stay in moto's backend."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._lock = threading.Lock()

    def handles(self, call: Call) -> bool:
        return (
            self.settings.corrections
            and call.caller.service == "apigateway"
            and call.environ.get("PATH_INFO", "").startswith("/v2/")
            and call.verb in APIGATEWAY_MODEL.operation_names
        )

    def serve(self, call: Call) -> Reply:
        with self._lock:
            api = http_api(call.params.get("apiId"), call.caller)
            if api is None and call.verb == "DeleteApi":
                raise AwsError(404, "NotFoundException", f"Invalid API identifier specified {call.params.get('apiId')}")
            if api is not None:
                require_integration_target(call, api)
                reject_duplicate_stage(call, api)
                require_existing_child(call, api)
                if call.verb == "UpdateStage":
                    return json_reply(200, update_stage(api, call.params["stageName"], call.json()))
            reply = call.forward()
            if api is not None:
                clear_route_target(call, api)
        if call.verb in PAGED_COLLECTIONS:
            reply = page_items(reply, call.query)
        return follow_model_status(call.verb, reply)


def http_api(api_id: str | None, caller: Caller) -> Any:
    from moto.apigatewayv2.models import apigatewayv2_backends

    return apigatewayv2_backends[caller.account][caller.region].apis.get(api_id) if api_id else None


def require_integration_target(call: Call, api: Any) -> None:
    """https://docs.aws.amazon.com/apigatewayv2/latest/api-reference/apis-apiid-routes.html (target
    ``integrations/{IntegrationId}``): AWS refuses a route whose target names no integration of the
    API with 404 NotFoundException; moto stores any string."""
    if call.verb not in ("CreateRoute", "UpdateRoute"):
        return
    target = call.json().get("target") or ""
    if target.startswith("integrations/") and target.split("/", 1)[1] not in api.integrations:
        raise AwsError(404, "NotFoundException", f"Invalid Integration identifier specified {target.split('/', 1)[1]}")


def clear_route_target(call: Call, api: Any) -> None:
    """https://docs.aws.amazon.com/apigatewayv2/latest/api-reference/apis-apiid-routes-routeid.html#UpdateRoute
    (PATCH: a member sent replaces the stored value): ``"target": ""`` detaches the route from its
    integration, as Terraform's aws_apigatewayv2_route does when its target is removed; moto ignores an
    empty target and keeps pointing at the old integration."""
    if call.verb == "UpdateRoute" and call.json().get("target") == "" and call.params.get("routeId") in api.routes:
        api.routes[call.params["routeId"]].target = None


def reject_duplicate_stage(call: Call, api: Any) -> None:
    """https://docs.aws.amazon.com/apigatewayv2/latest/api-reference/apis-apiid-stages.html#CreateStage
    409 ConflictException for a stage name the API already has; moto silently replaces the stage."""
    if call.verb == "CreateStage" and call.json().get("stageName") in api.stages:
        raise AwsError(409, "ConflictException", f"Stage {call.json()['stageName']} already exists")


def require_existing_child(call: Call, api: Any) -> None:
    """https://docs.aws.amazon.com/apigatewayv2/latest/api-reference/apis-apiid-routes-routeid.html#DeleteRoute
    (likewise integrations and stages): deleting or updating an unknown id is 404 NotFoundException;
    moto answers 200 (UpdateIntegration: 500, UpdateStage is not implemented)."""
    for param, kind, children in (("routeId", "Route", api.routes), ("integrationId", "Integration", api.integrations), ("stageName", "stage", api.stages)):
        if call.verb.startswith(("Delete", "Update")) and call.verb.endswith(kind.capitalize()) and call.params.get(param) not in children:
            raise AwsError(404, "NotFoundException", f"Invalid {kind} identifier specified {call.params.get(param)}")


def update_stage(api: Any, name: str, request: dict[str, Any]) -> dict[str, Any]:
    """https://docs.aws.amazon.com/apigatewayv2/latest/api-reference/apis-apiid-stages-stagename.html#UpdateStage
    (PATCH: members not sent keep their value). Stage variables merge into the existing ones and an
    empty value removes a variable, which is how Terraform's aws_apigatewayv2_stage deletes them.
    moto answers 500 "not implemented"."""
    stage = api.stages[name]
    for member, attribute in (
        ("description", "description"),
        ("autoDeploy", "auto_deploy"),
        ("accessLogSettings", "access_log_settings"),
        ("clientCertificateId", "client_certificate_id"),
        ("defaultRouteSettings", "default_route_settings"),
        ("routeSettings", "route_settings"),
    ):
        if member in request:
            setattr(stage, attribute, request[member])
    variables = {**stage.stage_variables, **request.get("stageVariables", {})}
    stage.stage_variables = {k: v for k, v in variables.items() if v != ""}
    stage.updated = datetime.now()
    return stage.to_json()


def page_items(reply: Reply, query: dict[str, list[str]]) -> Reply:
    """https://docs.aws.amazon.com/apigatewayv2/latest/api-reference/apis-apiid-routes.html#GetRoutes
    (and GetIntegrations, GetStages): ``maxResults`` and ``nextToken`` in the query, ``nextToken``
    in the answer while more remain. moto ignores both. Without maxResults the launcher returns all."""
    if reply.status != 200:
        return reply
    items = json.loads(reply.body)["items"]
    max_results, token = first(query, "maxResults"), first(query, "nextToken")
    if max_results is not None and (not max_results.isdigit() or int(max_results) < 1):
        raise AwsError(400, "BadRequestException", f"Invalid maxResults: {max_results}")
    start = decode_position(token, AwsError(400, "BadRequestException", f"Invalid nextToken: {token}")) if token else 0
    end = start + int(max_results) if max_results else len(items)
    page: dict[str, Any] = {"items": items[start:end]}
    if end < len(items):
        page["nextToken"] = encode_position(end)
    return with_body(reply, 200, json.dumps(page).encode())


def follow_model_status(verb: str, reply: Reply) -> Reply:
    """moto answers every API Gateway V2 call with 200; the botocore model (the API reference's
    "HTTP/1.1 201" / "HTTP/1.1 204") says Create* 201 and Delete* 204 with no body."""
    expected = APIGATEWAY_MODEL.operation_model(verb).http.get("responseCode", 200)
    if reply.status != 200 or expected == 200:
        return reply
    return with_body(reply, expected, b"" if expected == 204 else reply.body)


# --------------------------------------------------------------------------------------------
# Seeding a test world
# --------------------------------------------------------------------------------------------

ROLE_POLICY = json.dumps(
    {
        "Version": "2012-10-17",
        "Statement": [{"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"}],
    }
)

DEFAULT_WORLD: dict[str, Any] = {
    "functions": [{"name": "orders", "versions": 2, "aliases": {"live": "1", "beta": "2"}}],
    "queues": ["orders-queue", "orders-queue.fifo"],
    "streams": ["orders-stream"],
    "tables": ["orders-table"],
}


class Seeder:
    """POST /_gitmoxi/seed: builds a world through moto's public API (boto3 against our own port),
    so seeded resources look exactly like resources a test would create. Each ``seed_*`` method
    handles one key of the request; add a method and list it in ``STEPS`` to seed more kinds."""

    STEPS = ("seed_role", "seed_functions", "seed_queues", "seed_streams", "seed_tables", "seed_target_groups", "seed_http_apis")

    def __init__(self, port: int) -> None:
        self._port = port
        self._clients: dict[tuple[str, str], Any] = {}
        self._lock = threading.Lock()

    def seed(self, spec: dict[str, Any], region: str) -> dict[str, Any]:
        world = {**DEFAULT_WORLD, **spec} if spec else dict(DEFAULT_WORLD)
        result: dict[str, Any] = {}
        for step in self.STEPS:
            getattr(self, step)(world, region, result)
        return result

    def prepare(self, region: str = DEFAULT_REGION) -> None:
        """Creating boto3 clients takes about a second; done in the background so the first seed is quick."""
        for service in ("iam", "lambda", "sqs", "kinesis", "dynamodb", "elbv2", "apigatewayv2", "ec2"):
            self.client(service, region)

    def client(self, service: str, region: str, account: str | None = None) -> Any:
        """A boto3 client for our own port; ``account`` other than the default goes through moto's
        ``x-moto-account-id`` header."""
        with self._lock:
            key = (service, region, account or DEFAULT_ACCOUNT)
            if key not in self._clients:
                import boto3
                from botocore.config import Config

                client = boto3.session.Session().client(
                    service,
                    region_name=region,
                    endpoint_url=f"http://127.0.0.1:{self._port}",
                    aws_access_key_id="test",
                    aws_secret_access_key="test",
                    config=Config(retries={"max_attempts": 1}),
                )
                client.meta.events.register("before-sign.*.*", mark_internal)
                if account and account != DEFAULT_ACCOUNT:
                    client.meta.events.register("before-sign.*.*", lambda request, **_: request.headers.__setitem__("x-moto-account-id", account))
                self._clients[key] = client
            return self._clients[key]

    def seed_role(self, world: dict[str, Any], region: str, result: dict[str, Any]) -> None:
        name = world.get("roleName", "gitmoxi-lambda-role")
        iam = self.client("iam", region)
        try:
            result["roleArn"] = iam.get_role(RoleName=name)["Role"]["Arn"]
        except iam.exceptions.NoSuchEntityException:
            result["roleArn"] = iam.create_role(RoleName=name, AssumeRolePolicyDocument=ROLE_POLICY)["Role"]["Arn"]

    def seed_functions(self, world: dict[str, Any], region: str, result: dict[str, Any]) -> None:
        lam = self.client("lambda", region)
        result["functions"] = {}
        for spec in world.get("functions", []):
            name = spec["name"]
            created = lam.create_function(
                FunctionName=name,
                Runtime="python3.12",
                Handler="index.handler",
                Role=result["roleArn"],
                Code={"ZipFile": b"not a zip: moto never runs it"},
            )
            versions = {}
            for number in range(1, int(spec.get("versions", 0)) + 1):
                # moto (like AWS) returns the existing version when nothing changed since the last publish.
                lam.update_function_configuration(FunctionName=name, Description=f"revision {number}")
                versions[str(number)] = lam.publish_version(FunctionName=name)["FunctionArn"]
            aliases = {
                alias: lam.create_alias(FunctionName=name, Name=alias, FunctionVersion=str(version))["AliasArn"]
                for alias, version in spec.get("aliases", {}).items()
            }
            result["functions"][name] = {"arn": created["FunctionArn"], "versions": versions, "aliases": aliases}

    def seed_queues(self, world: dict[str, Any], region: str, result: dict[str, Any]) -> None:
        sqs = self.client("sqs", region)
        result["queues"] = {}
        for name in world.get("queues", []):
            attributes = {"FifoQueue": "true"} if name.endswith(".fifo") else {}
            url = sqs.create_queue(QueueName=name, Attributes=attributes)["QueueUrl"]
            result["queues"][name] = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]

    def seed_streams(self, world: dict[str, Any], region: str, result: dict[str, Any]) -> None:
        kinesis = self.client("kinesis", region)
        result["streams"] = {}
        for name in world.get("streams", []):
            kinesis.create_stream(StreamName=name, ShardCount=1)
            result["streams"][name] = kinesis.describe_stream_summary(StreamName=name)["StreamDescriptionSummary"]["StreamARN"]

    def seed_tables(self, world: dict[str, Any], region: str, result: dict[str, Any]) -> None:
        dynamodb = self.client("dynamodb", region)
        result["tables"] = {}
        for name in world.get("tables", []):
            table = dynamodb.create_table(
                TableName=name,
                KeySchema=[{"AttributeName": "id", "KeyType": "HASH"}],
                AttributeDefinitions=[{"AttributeName": "id", "AttributeType": "S"}],
                BillingMode="PAY_PER_REQUEST",
                StreamSpecification={"StreamEnabled": True, "StreamViewType": "NEW_AND_OLD_IMAGES"},
            )["TableDescription"]
            result["tables"][name] = {"arn": table["TableArn"], "streamArn": table["LatestStreamArn"]}


    def seed_target_groups(self, world: dict[str, Any], region: str, result: dict[str, Any]) -> None:
        """``targetGroups``: ``[{"name": "orders-tg", "targetType": "lambda" (default) | "instance",
        "account": "222233334444" (optional)}]``; instance groups go into the account's default VPC."""
        result["targetGroups"] = {}
        for spec in world.get("targetGroups", []):
            account = spec.get("account", DEFAULT_ACCOUNT)
            kind = spec.get("targetType", "lambda")
            request: dict[str, Any] = {"Name": spec["name"], "TargetType": kind}
            if kind != "lambda":
                ec2 = self.client("ec2", region, account)
                vpc = ec2.describe_vpcs(Filters=[{"Name": "is-default", "Values": ["true"]}])["Vpcs"][0]["VpcId"]
                request.update(Protocol="HTTP", Port=80, VpcId=vpc)
            group = self.client("elbv2", region, account).create_target_group(**request)["TargetGroups"][0]
            result["targetGroups"][spec["name"]] = {"arn": group["TargetGroupArn"], "targetType": kind, "account": account}

    def seed_http_apis(self, world: dict[str, Any], region: str, result: dict[str, Any]) -> None:
        """``httpApis``: ``[{"name": "shop", "account": … (optional), "routes": ["GET /orders", {"routeKey":
        "ANY /items", "integrationUri": "arn:aws:lambda:…:function:orders:${stageVariables.lambdaAlias}"}],
        "stages": {"prod": {"lambdaAlias": "live"}}}]``. Routes sharing an integrationUri share one
        AWS_PROXY integration (payload format 2.0)."""
        result["httpApis"] = {}
        for spec in world.get("httpApis", []):
            account = spec.get("account", DEFAULT_ACCOUNT)
            apigw = self.client("apigatewayv2", region, account)
            api = apigw.create_api(Name=spec["name"], ProtocolType="HTTP")
            integrations: dict[str, str] = {}
            routes: dict[str, Any] = {}
            for route in spec.get("routes", []):
                route = {"routeKey": route} if isinstance(route, str) else route
                uri = route.get("integrationUri")
                if uri and uri not in integrations:
                    integrations[uri] = apigw.create_integration(
                        ApiId=api["ApiId"], IntegrationType="AWS_PROXY", IntegrationUri=uri, PayloadFormatVersion="2.0"
                    )["IntegrationId"]
                target = {"Target": f"integrations/{integrations[uri]}"} if uri else {}
                created = apigw.create_route(ApiId=api["ApiId"], RouteKey=route["routeKey"], **target)
                routes[route["routeKey"]] = {"id": created["RouteId"], "integrationId": integrations.get(uri) if uri else None}
            for stage, variables in spec.get("stages", {}).items():
                apigw.create_stage(ApiId=api["ApiId"], StageName=stage, StageVariables=variables)
            result["httpApis"][spec["name"]] = {
                "id": api["ApiId"],
                "endpoint": api["ApiEndpoint"],
                "account": account,
                "routes": routes,
                "integrations": integrations,
                "stages": spec.get("stages", {}),
            }


def mark_internal(request: Any, **_: Any) -> None:
    request.headers[INTERNAL_HEADER] = "1"


# --------------------------------------------------------------------------------------------
# Faults and the real-AWS profile: what a client of real AWS has to survive
# --------------------------------------------------------------------------------------------

FAULT_KINDS = ("throttle", "internal-error", "unavailable", "connection-reset", "timeout", "latency")
FAULT_PHASES = ("before", "after")
RATE_LIMIT_KIND = "rate-limit"
REAL_AWS_PROFILE = "real-aws"
STS_NAMESPACE = "https://sts.amazonaws.com/doc/2011-06-15/"
QUERY_NAMESPACES = {"elasticloadbalancing": ELB_NAMESPACE, "sts": STS_NAMESPACE}


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
    aws-rate-limits.json), copied next to this file by the build or read from the repository. First match wins."""
    here = os.path.dirname(os.path.abspath(__file__))
    candidates = (
        os.path.join(here, "aws-rate-limits.json"),
        os.path.join(here, "..", "..", "..", "src", "Gitmoxi.LambdaSources", "Aws", "aws-rate-limits.json"),
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


def query_error_reply(status: int, code: str, message: str, namespace: str, sender: str) -> Reply:
    root = ET.Element(f"{{{namespace}}}ErrorResponse")
    detail = ET.SubElement(root, f"{{{namespace}}}Error")
    for tag, text in (("Type", sender), ("Code", code), ("Message", message)):
        ET.SubElement(detail, f"{{{namespace}}}{tag}").text = text
    ET.SubElement(root, f"{{{namespace}}}RequestId").text = str(uuid.uuid4())
    # Unprefixed like AWS's answers, also for STS (only ELBv2's namespace is registered as the default).
    body = ET.tostring(root, encoding="utf-8", default_namespace=namespace)
    return Reply(status, body, [("Content-Type", "text/xml"), ("x-amzn-RequestId", str(uuid.uuid4()))])


# --------------------------------------------------------------------------------------------
# The WSGI application
# --------------------------------------------------------------------------------------------

Response = tuple[int, Any]


class GitmoxiEmulator:
    def __init__(self, defaults: Settings | None = None) -> None:
        self.moto = DomainDispatcherApplication(create_backend_app)
        self.namer = OperationNamer()
        self.counter = RequestCounter()
        # What /_gitmoxi/reset restores: the launch options (--profile, --latency-ms), not the class defaults.
        self.defaults = defaults or Settings()
        self.settings = copy.copy(self.defaults)
        self.faults = FaultInjector()
        self.buckets = TokenBuckets(REAL_AWS_LIMITS)
        self.esm = EsmService(self.settings)
        self.policies = PolicyService(self.settings)
        self.services = (self.policies, TargetGroupService(self.settings, self.policies), HttpApiService(self.settings))
        self.seeder: Seeder | None = None
        self.control: dict[tuple[str, str], Callable[[bytes], Response]] = {
            ("GET", "/_gitmoxi/requests"): lambda _: (200, {**self.counter.snapshot(), "faults": self.faults.snapshot()}),
            ("POST", "/_gitmoxi/requests/reset"): self._reset_counts,
            ("POST", "/_gitmoxi/reset"): self._reset,
            ("POST", "/_gitmoxi/config"): self._configure,
            ("GET", "/_gitmoxi/config"): lambda _: (200, self._config_json()),
            ("POST", "/_gitmoxi/seed"): self._seed,
        }

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Any:
        body = read_body(environ)
        path = environ.get("PATH_INFO", "/")
        if path.startswith("/_gitmoxi/"):
            handler = self.control.get((environ["REQUEST_METHOD"], path.rstrip("/")))
            status, payload = handler(body) if handler else (404, {"message": f"unknown control endpoint {path}"})
            return respond(start_response, status, payload)
        if path.startswith("/moto-api"):
            return self.moto(environ, start_response)
        caller = identify_caller(environ, query_action(environ, body))
        operation, params = self.namer.name(environ, body, caller)
        if environ.get("HTTP_" + INTERNAL_HEADER.upper().replace("-", "_")):
            return self._serve(environ, body, caller, operation, params, start_response)
        self.counter.record(operation)
        throttled = self._pace(operation, caller)
        if throttled is not None:
            return send(start_response, throttled)
        fault = self.faults.draw(operation)
        if fault is None:
            return self._serve(environ, body, caller, operation, params, start_response)
        serve = lambda: self._capture(lambda respond_to: self._serve(environ, body, caller, operation, params, respond_to))  # noqa: E731
        return send(start_response, self._inject(fault, caller.service, serve))

    def _pace(self, operation: str, caller: Caller) -> Reply | None:
        """The real-AWS profile: every call costs a round trip, then takes a token from its documented bucket."""
        if self.settings.profile != REAL_AWS_PROFILE:
            return None
        time.sleep(self.settings.profile_latency_seconds)
        wait = self.buckets.take(operation, caller)
        if wait is None:
            return None
        self.faults.record(RATE_LIMIT_KIND, operation)
        return throttle_reply(caller.service, max(1, math.ceil(wait)))

    @staticmethod
    def _inject(fault: Fault, service: str, serve: Callable[[], Reply]) -> Reply:
        """``after`` lets the request take effect and then loses its answer, as a response lost on the way
        back does on AWS: the case where blindly repeating a create duplicates it."""
        reply = serve() if fault.phase == "after" else None
        if fault.kind in ("latency", "timeout"):
            time.sleep(fault.delay_seconds)
        if fault.kind == "latency":
            return reply if reply is not None else serve()
        if fault.kind in ("connection-reset", "timeout"):
            raise DroppedByFault(fault.kind)
        if fault.kind == "throttle":
            return throttle_reply(service, fault.retry_after_seconds)
        return server_error_reply(service, 500 if fault.kind == "internal-error" else 503)

    def _serve(self, environ: dict[str, Any], body: bytes, caller: Caller, operation: str, params: dict[str, str], start_response: Callable[..., Any]) -> Any:
        if self.esm.handles(operation, params):
            try:
                status, payload = self.esm.dispatch(operation, params, caller, parse_qs(environ.get("QUERY_STRING", "")), body)
            except AwsError as error:
                return respond(start_response, error.status, {"Type": "User", "message": error.message}, error.code)
            return respond(start_response, status, payload)
        call = Call(environ, operation, params, caller, parse_qs(environ.get("QUERY_STRING", "")), body, self._forward)
        self.policies.forget(call)
        for service in self.services:
            if service.handles(call):
                try:
                    reply = service.serve(call)
                except AwsError as error:
                    reply = error_reply(error)
                return send(start_response, reply)
        return self.moto(environ, start_response)

    def _forward(self, environ: dict[str, Any]) -> Reply:
        """Runs moto and keeps its answer for a correction to reshape."""
        return self._capture(lambda start_response: self.moto(environ, start_response))

    @staticmethod
    def _capture(app: Callable[[Callable[..., Any]], Any]) -> Reply:
        started: list[Any] = []

        def start_response(status: str, headers: list[tuple[str, str]], exc_info: Any = None) -> Callable[[bytes], None]:
            started.extend((status, headers))
            return lambda _: None

        chunks = app(start_response)
        try:
            body = b"".join(chunks)
        finally:
            getattr(chunks, "close", lambda: None)()
        return Reply(int(started[0].split(" ", 1)[0]), body, list(started[1]))

    def warm(self, services: list[str]) -> None:
        """Loads each service's moto module now rather than inside the first test's timeout."""
        from werkzeug.test import Client

        client = Client(self)
        probes = {
            "lambda": ("GET", "/2015-03-31/functions", None),
            "elasticloadbalancing": ("POST", "/", "Action=DescribeTargetGroups&Version=2015-12-01"),
            "apigateway": ("GET", "/v2/apis", None),
            "sts": ("POST", "/", "Action=GetCallerIdentity&Version=2011-06-15"),
        }
        for service in services:
            method, path, form = probes[service]
            headers = {"Authorization": signature_stub(service), INTERNAL_HEADER: "1"}
            if form:
                headers["Content-Type"] = "application/x-www-form-urlencoded; charset=utf-8"
            client.open(path, method=method, headers=headers, data=form)

    # -- control endpoints -----------------------------------------------------------------

    def _reset_counts(self, _: bytes) -> Response:
        self.counter.reset()
        self.faults.reset_counts()
        return 200, {"status": "ok"}

    def _reset(self, _: bytes) -> Response:
        moto_api_backend.reset()
        use_simple_lambda_backend()
        self.esm.reset()
        self.policies.reset()
        self.settings.restore(self.defaults)
        self.faults.configure(None)
        self.faults.reset_counts()
        self.buckets.reset()
        self.counter.reset()
        return 200, {"status": "ok"}

    def _configure(self, body: bytes) -> Response:
        """Validates before changing anything, so a rejected update leaves the previous setup in place."""
        update = json.loads(body or b"{}")
        try:
            plan = FaultPlan.parse(update["faults"]) if update.get("faults") is not None else None
            profile = update.get("profile", self.settings.profile)
            if profile not in (None, REAL_AWS_PROFILE):
                raise ValueError(f"unknown profile {profile!r}; known: {REAL_AWS_PROFILE}")
            latency = max(0.0, float(update["latencyMs"]) / 1000) if "latencyMs" in update else self.settings.profile_latency_seconds
        except (TypeError, ValueError) as error:
            return 400, {"message": str(error)}
        if "corrections" in update:
            self.settings.corrections = bool(update["corrections"])
        if "stateTransitionSeconds" in update:
            self.settings.transition_seconds = max(0.0, float(update["stateTransitionSeconds"]))
        if "permissionWriteRace" in update:
            self.settings.permission_write_race = bool(update["permissionWriteRace"])
        if "faults" in update:
            self.faults.configure(plan)
        if profile != self.settings.profile:
            self.buckets.reset()
        self.settings.profile, self.settings.profile_latency_seconds = profile, latency
        return 200, self._config_json()

    def _config_json(self) -> dict[str, Any]:
        return {
            "corrections": self.settings.corrections,
            "stateTransitionSeconds": self.settings.transition_seconds,
            "permissionWriteRace": self.settings.permission_write_race,
            "profile": self.settings.profile,
            "latencyMs": self.settings.profile_latency_seconds * 1000,
            "faults": self.faults.plan.to_json() if self.faults.plan else None,
        }

    def _seed(self, body: bytes) -> Response:
        if self.seeder is None:
            return 503, {"message": "seeding needs the server's port; start through main()"}
        spec = json.loads(body or b"{}")
        try:
            return 200, self.seeder.seed(spec, spec.get("region", DEFAULT_REGION))
        except Exception as error:  # noqa: BLE001 - the test gets the reason instead of a hang
            return 500, {"message": f"{type(error).__name__}: {error}"}


def read_body(environ: dict[str, Any]) -> bytes:
    """Reads the body and puts it back so moto can read it again."""
    length = int(environ.get("CONTENT_LENGTH") or 0)
    body = environ["wsgi.input"].read(length) if length else b""
    environ["wsgi.input"] = io.BytesIO(body)
    return body


def respond(start_response: Callable[..., Any], status: int, payload: Any, error_code: str | None = None) -> list[bytes]:
    return send(start_response, json_reply(status, payload, error_code))


def send(start_response: Callable[..., Any], reply: Reply) -> list[bytes]:
    headers = [(k, v) for k, v in reply.headers if k.lower() not in ("content-length", "status")]
    start_response(f"{reply.status} {HTTP_REASONS.get(reply.status, 'Status')}", [*headers, ("Content-Length", str(len(reply.body)))])
    return [reply.body]


HTTP_REASONS = {
    200: "OK",
    201: "Created",
    202: "Accepted",
    204: "No Content",
    400: "Bad Request",
    403: "Forbidden",
    404: "Not Found",
    409: "Conflict",
    412: "Precondition Failed",
    500: "Internal Server Error",
    503: "Service Unavailable",
}


def signature_stub(service: str) -> str:
    """moto routes on the credential scope and never verifies signatures."""
    return f"AWS4-HMAC-SHA256 Credential=test/20260101/{DEFAULT_REGION}/{service}/aws4_request, SignedHeaders=host, Signature=0"


class QuietHandler(WSGIRequestHandler):
    """No access log: the C# fixture keeps stderr for real errors."""

    def log_request(self, *args: Any, **kwargs: Any) -> None:
        pass

    def connection_dropped(self, error: BaseException, environ: dict[str, Any] | None = None) -> None:
        """An injected reset or timeout: close with SO_LINGER 0, so the client gets a TCP RST and no response."""
        if isinstance(error, DroppedByFault):
            self.close_connection = True
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            self.connection.close()


def exit_when_parent_dies() -> None:
    """The fixture holds our stdin open; EOF means it is gone (crashed or killed), so are we."""

    def watch() -> None:
        while sys.stdin.buffer.read(4096):
            pass
        os._exit(0)

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--port", type=int, default=0, help="0 picks a free port")
    parser.add_argument("--watch-stdin", action="store_true", help="exit when stdin closes")
    parser.add_argument("--warm", default="", help="comma-separated signing names to load up front")
    parser.add_argument("--profile", choices=[REAL_AWS_PROFILE], help="real-aws: per-call latency and AWS's documented rate limits")
    parser.add_argument("--latency-ms", type=float, default=DEFAULT_PROFILE_LATENCY_SECONDS * 1000, help="per-call latency of the real-aws profile")
    args = parser.parse_args(argv)
    if args.watch_stdin:
        exit_when_parent_dies()
    app = GitmoxiEmulator(Settings(profile=args.profile, profile_latency_seconds=max(0.0, args.latency_ms) / 1000))
    server = make_server("127.0.0.1", args.port, app, threaded=True, request_handler=QuietHandler)
    app.seeder = Seeder(server.server_port)
    app.warm([s for s in args.warm.split(",") if s])
    threading.Thread(target=app.seeder.prepare, name="seeder-prepare", daemon=True).start()
    print(f"GITMOXI_EMULATOR_READY port={server.server_port}", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
