"""Lambda event source mappings, served the way the Lambda API reference documents them."""

from __future__ import annotations

import copy
import json
import threading
import time
import uuid
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any

import botocore.session
from moto.awslambda.utils import get_backend as active_lambda_backend
from werkzeug.exceptions import HTTPException

from .settings import Settings
from .operations import Caller
from .wire import AwsError, Call, Reply, decode_position, encode_position, invalid, json_reply, not_found
from .corrections import Correction


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


class EsmService(Correction):
    """Every ESM route. moto's own ESM model is bypassed because the departures below are structural
    (one model class per source kind it knows, no state, no pagination); functions, aliases and
    sources still come from moto's backends, so ARNs and 404s stay consistent with the rest of moto.
    Mappings here are control-plane only: nothing polls the sources (moto's SQS/Kinesis side effects
    would otherwise consume messages on SendMessage)."""

    LAMBDA_MODEL = botocore.session.get_session().get_service_model("lambda")
    CREATE_MEMBERS = tuple(LAMBDA_MODEL.operation_model("CreateEventSourceMapping").input_shape.members)
    UPDATE_MEMBERS = tuple(LAMBDA_MODEL.operation_model("UpdateEventSourceMapping").input_shape.members)

    def __init__(self, settings: Settings) -> None:
        super().__init__(settings)
        self._mappings: dict[tuple[str, str], OrderedDict[str, Mapping]] = {}
        self._seq = 0
        self._lock = threading.RLock()

    def reset(self) -> None:
        with self._lock:
            self._mappings.clear()

    def handles(self, call: Call) -> bool:
        if not self.settings.corrections:
            return False
        if call.operation in ("lambda:TagResource", "lambda:UntagResource", "lambda:ListTags"):
            return ":event-source-mapping:" in call.params.get("Resource", "")
        return call.operation.endswith("EventSourceMapping") or call.operation == "lambda:ListEventSourceMappings"

    def serve(self, call: Call) -> Reply:
        status, payload = self.dispatch(call.operation, call.params, call.caller, call.query, call.body)
        return json_reply(status, payload)

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

    def seed_many(self, account: str, region: str, pairs: list[tuple[str, str]]) -> int:
        """Seeding only (``seeding.Seeder.seed_crowd``): one settled SQS mapping per (function name, queue ARN), every
        pair distinct and existing, so the per-request checks (function, source, duplicate: a scan of every mapping)
        are skipped; tens of thousands take seconds instead of an hour of CreateEventSourceMapping calls."""
        with self._lock:
            store = self._mappings.setdefault((account, region), OrderedDict())
            now = time.time()
            for name, queue_arn in pairs:
                settings: dict[str, Any] = {"EventSourceArn": queue_arn}
                mapping_id = str(uuid.uuid4())
                apply_aws_defaults("sqs", settings, mapping_id)
                self._seq += 1
                store[mapping_id] = Mapping(
                    uuid=mapping_id,
                    seq=self._seq,
                    source_kind="sqs",
                    function_name=name,
                    function_arn=f"arn:aws:lambda:{region}:{account}:function:{name}",
                    arn=f"arn:aws:lambda:{region}:{account}:event-source-mapping:{mapping_id}",
                    settings=settings,
                    tags={},
                    enabled=True,
                    state="Enabled",
                    transition_started=now,
                    last_modified=round(now, 3),
                )
            return len(store)

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
        settled_before = time.time() - self.settings.transition_seconds
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
    after = decode_position(marker, invalid(f"Invalid marker: {marker}")) if marker else 0
    remaining = [m for m in mappings if m.seq > after]
    page = remaining[:page_size]
    result: dict[str, Any] = {"EventSourceMappings": [m.configuration() for m in page]}
    if len(remaining) > page_size:
        result["NextMarker"] = encode_position(page[-1].seq)  # the last sequence number served
    return result


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
