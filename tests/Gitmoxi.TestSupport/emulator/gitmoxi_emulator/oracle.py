"""botocore as the tests' oracle: every request a client sends to the emulator is checked against botocore.

For each request (issue 11 item 8):
  1. the service comes from the SigV4 credential scope (signing name), the operation from botocore's service model:
     ``X-Amz-Target`` (json), ``Action``/``Version`` (query, ec2), method + URI template (rest-json, rest-xml);
  2. the request is parsed back into input parameters, which must be valid per botocore's ``ParamValidator``
     (types, required members, minimums) and per the model's other constraints, checked here (enums, patterns,
     maximum lengths and values) — members the model does not have are mismatches too;
  3. those parameters are serialized again with botocore's serializer for the protocol, and the result must equal
     the request: body (JSON compared as values, XML element by element, form as a set of pairs), query, path;
  4. the SigV4 signature is recomputed with botocore's ``SigV4Auth`` (``S3SigV4Auth`` for S3) from the same
     credentials and the request's ``X-Amz-Date``, and must equal the request's.

Anything that differs is a ``Mismatch`` (operation, reason). The server keeps them per test (``GET
/_gitmoxi/oracle``; the C# fixture fails a test that produced one) and counts checked requests per process into
``$GITMOXI_ORACLE_DIR/oracle-<pid>.json`` (``.ci/run`` prints the total).

The SigV4 reference: https://docs.aws.amazon.com/IAM/latest/UserGuide/create-signed-request.html
Constraints: https://smithy.io/2.0/spec/constraint-traits.html — a pattern must match the whole value, as AWS applies
it (Lambda refuses StatementId ``a.b`` for pattern ``([a-zA-Z0-9-_]+)``: "Member must satisfy regular expression
pattern"; https://docs.aws.amazon.com/lambda/latest/api/API_AddPermission.html#lambda-AddPermission-request-StatementId).
"""

from __future__ import annotations

import base64
import binascii
import json
import os
import re
import threading
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable
from urllib.parse import parse_qsl, unquote

import botocore.session
from botocore.auth import S3SigV4Auth, SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials
from botocore.model import OperationModel, ServiceModel, Shape
from botocore.serialize import create_serializer
from botocore.validate import ParamValidator

try:  # AWS patterns use \p{…} classes that only the third-party ``regex`` module knows.
    import regex as pattern_engine
except ImportError:  # pragma: no cover
    pattern_engine = re  # type: ignore[assignment]


AUTHORIZATION = re.compile(
    r"^AWS4-HMAC-SHA256 Credential=(?P<key>[^/,\s]+)/(?P<date>\d{8})/(?P<region>[^/]+)/(?P<service>[^/]+)/aws4_request,\s*"
    r"SignedHeaders=(?P<signed>[^,\s]+),\s*Signature=(?P<signature>[0-9a-f]+)$"
)
# Signing names whose botocore service names differ from them; any other name is looked up in every model once.
SIGNING_NAMES = {
    "elasticloadbalancing": ("elbv2", "elb"),
    "apigateway": ("apigatewayv2", "apigateway"),
    "events": ("events",),
    "logs": ("logs",),
    "dynamodb": ("dynamodb", "dynamodbstreams"),
}
QUERY_PROTOCOLS = ("query", "ec2")
REST_PROTOCOLS = ("rest-json", "rest-xml")
FORM = "application/x-www-form-urlencoded"


@dataclass(frozen=True)
class Mismatch:
    operation: str
    reason: str

    def to_json(self) -> dict[str, str]:
        return {"operation": self.operation, "reason": self.reason}


@dataclass(frozen=True)
class WireRequest:
    """A request exactly as it arrived: the raw (still percent-encoded) path and query, lower-case header names."""

    method: str
    path: str
    query: str
    headers: dict[str, str]
    body: bytes

    @staticmethod
    def from_environ(environ: dict[str, Any], body: bytes) -> "WireRequest":
        raw = environ.get("RAW_URI") or environ.get("REQUEST_URI") or environ.get("PATH_INFO", "/")
        path, _, query = raw.partition("?")
        headers = {k[5:].lower().replace("_", "-"): str(v) for k, v in environ.items() if k.startswith("HTTP_")}
        if environ.get("CONTENT_TYPE"):
            headers["content-type"] = environ["CONTENT_TYPE"]
        if environ.get("CONTENT_LENGTH"):
            headers["content-length"] = environ["CONTENT_LENGTH"]
        return WireRequest(environ["REQUEST_METHOD"], path, query, headers, body)

    def query_pairs(self) -> list[tuple[str, str]]:
        return parse_qsl(self.query, keep_blank_values=True)

    def form_pairs(self) -> list[tuple[str, str]]:
        return parse_qsl(self.body.decode("utf-8", "replace"), keep_blank_values=True)

    @property
    def is_form(self) -> bool:
        return self.headers.get("content-type", "").startswith(FORM)


@dataclass
class Verdict:
    operation: str
    reasons: list[str] = field(default_factory=list)
    # What was identified, for the response completion (completion.py); None when nothing was.
    model: ServiceModel | None = None
    operation_model: OperationModel | None = None
    protocol: str | None = None

    def mismatches(self) -> list[Mismatch]:
        return [Mismatch(self.operation, reason) for reason in self.reasons]


class NotIdentified(Exception):
    """The request names no operation of any botocore model."""


class BotocoreOracle:
    """Checks requests against botocore. ``secret_of`` finds the secret key of an access key (the fixture's
    ``test``/``test``, keys moto's STS issued…); a request signed with a key it does not know is a mismatch."""

    def __init__(self, secret_of: Callable[[str], str | None]) -> None:
        self._secret_of = secret_of
        self._session = botocore.session.get_session()
        self._models: dict[str, ServiceModel | None] = {}
        self._by_signing_name: dict[str, tuple[str, ...]] | None = None
        self._lock = threading.Lock()

    # -- the check ---------------------------------------------------------------------------------

    def check(self, request: WireRequest) -> Verdict:
        auth = AUTHORIZATION.match(request.headers.get("authorization", ""))
        try:
            model, operation = self._identify(request, auth.group("service") if auth else None)
        except NotIdentified as error:
            return Verdict(f"{auth.group('service') if auth else 'unsigned'}:?", [str(error)])
        protocol = self._protocol(model, request)
        verdict = Verdict(f"{model.service_name}:{operation.name}", model=model, operation_model=operation, protocol=protocol)
        try:
            params, unknown = parse(protocol, operation, request)
        except ValueError as error:
            verdict.reasons.append(f"request cannot be parsed as {protocol}: {error}")
            return verdict
        verdict.reasons.extend(f"member not in the model: {name}" for name in unknown)
        verdict.reasons.extend(validate(params, operation.input_shape))
        verdict.reasons.extend(compare(protocol, operation, params, request))
        verdict.reasons.extend(self._check_signature(request, auth, model, operation))
        return verdict

    def _check_signature(self, request: WireRequest, auth: re.Match[str] | None, model: ServiceModel, operation: OperationModel) -> list[str]:
        if auth is None:
            if getattr(operation, "auth_type", None) == "none" or "smithy.api#noAuth" in (getattr(operation, "auth", None) or []):
                return []
            return ["request is not signed (no AWS4-HMAC-SHA256 Authorization header)"]
        signing = model.signing_name or model.endpoint_prefix
        if auth.group("service") != signing:
            return [f"credential scope names service {auth.group('service')!r}; botocore signs {operation.name} as {signing!r}"]
        amz_date = request.headers.get("x-amz-date", "")
        if not amz_date.startswith(auth.group("date")):
            return [f"X-Amz-Date {amz_date!r} does not match the credential scope date {auth.group('date')}"]
        signed = auth.group("signed").split(";")
        missing = [name for name in ("host", "x-amz-date") if name not in signed]
        missing += [name for name in signed if name not in request.headers]
        if missing:
            return [f"signed headers {auth.group('signed')!r}: {', '.join(missing)} missing"]
        secret = self._secret_of(auth.group("key"))
        if secret is None:
            return [f"access key {auth.group('key')!r} is unknown to the oracle; its signature cannot be checked"]
        expected = sigv4_signature(request, signed, auth.group("key"), secret, auth.group("region"), signing, amz_date)
        if expected != auth.group("signature"):
            return [f"SigV4 signature {auth.group('signature')} differs from botocore's {expected}"]
        return []

    # -- which operation -----------------------------------------------------------------------------

    def _identify(self, request: WireRequest, signing: str | None) -> tuple[ServiceModel, OperationModel]:
        target = request.headers.get("x-amz-target")
        form = dict(request.form_pairs() if request.is_form else []) | dict(request.query_pairs())
        if signing is None:
            if "Action" in form:  # unsigned calls (AssumeRoleWithWebIdentity): every query service with that action
                signing = "sts"
            else:
                raise NotIdentified("request is neither signed nor a known unsigned call")
        models = self._models_signed_as(signing)
        if not models:
            raise NotIdentified(f"no botocore model is signed as {signing!r}")
        if target:
            prefix, _, name = target.rpartition(".")
            for model in models:
                if model.metadata.get("targetPrefix") == prefix and name in model.operation_names:
                    return model, model.operation_model(name)
            raise NotIdentified(f"X-Amz-Target {target!r} names no operation of {[m.service_name for m in models]}")
        if "Action" in form:  # from a form body or the query string
            action, version = form["Action"], form.get("Version")
            for model in models:
                if self._speaks(model, QUERY_PROTOCOLS) and model.api_version == version and action in model.operation_names:
                    return model, model.operation_model(action)
            raise NotIdentified(f"Action={action} Version={version} names no operation of {[m.service_name for m in models]}")
        best: tuple[int, ServiceModel, OperationModel] | None = None
        for model in models:
            if not self._speaks(model, REST_PROTOCOLS):
                continue
            for name in model.operation_names:
                operation = model.operation_model(name)
                score = route_score(operation, request)
                score = None if score is None else score * 2 - (1 if operation.deprecated else 0)
                if score is not None and (best is None or score > best[0]):
                    best = (score, model, operation)
        if best is None:
            raise NotIdentified(f"{request.method} {request.path} matches no URI template of {[m.service_name for m in models]}")
        return best[1], best[2]

    @staticmethod
    def _speaks(model: ServiceModel, protocols: tuple[str, ...]) -> bool:
        return any(p in protocols for p in (model.metadata.get("protocols") or [model.protocol]))

    @staticmethod
    def _protocol(model: ServiceModel, request: WireRequest) -> str:
        spoken = model.metadata.get("protocols") or [model.protocol]
        if request.headers.get("x-amz-target"):
            return "json" if "json" in spoken else spoken[0]
        for protocol in spoken:
            if protocol in QUERY_PROTOCOLS + REST_PROTOCOLS:
                return protocol
        return spoken[0]

    def _model(self, name: str) -> ServiceModel | None:
        if name not in self._models:
            try:
                self._models[name] = self._session.get_service_model(name)
            except Exception:  # noqa: BLE001 - an unknown service name is simply not a candidate
                self._models[name] = None
        return self._models[name]

    def _models_signed_as(self, signing: str) -> list[ServiceModel]:
        with self._lock:
            names = SIGNING_NAMES.get(signing)
            if names is None:
                names = self._scan_signing_names().get(signing, ())
            models = [m for m in (self._model(n) for n in names) if m is not None]
            return [m for m in models if (m.signing_name or m.endpoint_prefix) == signing]

    def _scan_signing_names(self) -> dict[str, tuple[str, ...]]:
        """Every model once, for a signing name not in SIGNING_NAMES (cached; seconds of CPU, once)."""
        if self._by_signing_name is None:
            index: dict[str, list[str]] = {}
            loader = self._session.get_component("data_loader")
            for name in self._session.get_available_services():
                metadata = loader.load_service_model(name, "service-2").get("metadata", {})
                index.setdefault(metadata.get("signingName") or metadata.get("endpointPrefix", name), []).append(name)
            self._by_signing_name = {k: tuple(v) for k, v in index.items()}
        return self._by_signing_name


# -- signatures ------------------------------------------------------------------------------------


def sigv4_signature(request: WireRequest, signed: list[str], access_key: str, secret: str, region: str, signing: str, amz_date: str) -> str:
    """botocore's signature of the request over exactly its signed headers. The query goes in decoded, so botocore
    encodes and orders it itself, as AWS does."""
    headers = {name: request.headers[name] for name in signed}
    token = request.headers.get("x-amz-security-token")
    aws_request = AWSRequest(method=request.method, url=f"http://{request.headers.get('host', 'localhost')}{request.path}",
                             headers=headers, data=request.body, params=request.query_pairs())
    aws_request.context["timestamp"] = amz_date
    signer = (S3SigV4Auth if signing == "s3" else SigV4Auth)(Credentials(access_key, secret, token), signing, region)
    canonical = signer.canonical_request(aws_request)
    return signer.signature(signer.string_to_sign(aws_request, canonical), aws_request)


# -- routes -----------------------------------------------------------------------------------------


def route_score(operation: OperationModel, request: WireRequest) -> int | None:
    """How literally the operation's URI template matches the request (more literal text wins), None if not at all."""
    http = operation.http
    if http.get("method") != request.method:
        return None
    labels = uri_labels(http["requestUri"], request)
    if labels is None:
        return None
    template, _, literal_query = http["requestUri"].partition("?")
    return len(re.sub(r"\{[^}]+\}", "", template)) * 10 + (5 if literal_query else 0)


def uri_labels(request_uri: str, request: WireRequest) -> dict[str, str] | None:
    template, _, literal_query = request_uri.partition("?")
    regex = ""
    for piece in re.split(r"(\{\w+\+?\})", template.rstrip("/") or "/"):
        if piece.startswith("{"):
            name = piece.strip("{}+")
            regex += f"(?P<{name}>.+)" if piece.endswith("+}") else f"(?P<{name}>[^/]+)"
        else:
            regex += re.escape(piece)
    found = re.fullmatch(regex + "/?", request.path)
    if not found:
        return None
    present = {key for key, _ in request.query_pairs()}
    if any(pair.partition("=")[0] not in present for pair in literal_query.split("&") if pair):
        return None
    return {name: unquote(value) for name, value in found.groupdict().items()}


# -- parsing a request back into parameters -------------------------------------------------------


def parse(protocol: str, operation: OperationModel, request: WireRequest) -> tuple[dict[str, Any], list[str]]:
    """The input parameters the request carries, and the wire names it carries that the model does not know."""
    shape = operation.input_shape
    if shape is None:
        return {}, []
    if protocol in ("json", "smithy-rpc-v2-cbor"):
        return from_json(json_body(request.body), shape, "")
    if protocol in QUERY_PROTOCOLS:
        pairs = request.form_pairs() if request.is_form else request.query_pairs()
        flat = dict(pairs)
        for reserved in ("Action", "Version"):
            flat.pop(reserved, None)
        consumed: set[str] = set()
        params = from_query(flat, shape, "", consumed, protocol == "ec2")
        return params, sorted(set(flat) - consumed)
    return from_rest(protocol, operation, request)


def json_body(body: bytes) -> Any:
    if not body.strip():
        return {}
    try:
        return json.loads(body)
    except json.JSONDecodeError as error:
        raise ValueError(f"body is not JSON ({error})") from error


def wire_name(member: str, shape: Shape) -> str:
    return shape.serialization.get("name", member)


def from_json(value: Any, shape: Shape, path: str) -> tuple[Any, list[str]]:
    unknown: list[str] = []
    if shape.type_name == "structure" and isinstance(value, dict):
        by_wire = {wire_name(name, member): name for name, member in shape.members.items()}
        result = {}
        for key, item in value.items():
            if key not in by_wire:
                unknown.append(f"{path}{key}")
                continue
            result[by_wire[key]], inner = from_json(item, shape.members[by_wire[key]], f"{path}{key}.")
            unknown += inner
        return result, unknown
    if shape.type_name == "list" and isinstance(value, list):
        items = [from_json(item, shape.member, f"{path}[{i}].") for i, item in enumerate(value)]
        return [item for item, _ in items], [u for _, inner in items for u in inner]
    if shape.type_name == "map" and isinstance(value, dict):
        items = {key: from_json(item, shape.value, f"{path}{key}.") for key, item in value.items()}
        return {key: item for key, (item, _) in items.items()}, [u for _, inner in items.values() for u in inner]
    if shape.type_name == "blob" and isinstance(value, str):
        return decode_base64(value, path), []
    return value, []


def decode_base64(value: str, path: str) -> bytes:
    try:
        return base64.b64decode(value, validate=True)
    except (binascii.Error, ValueError) as error:
        raise ValueError(f"{path or 'blob'} is not base64") from error


def scalar(text: str, shape: Shape) -> Any:
    """A query, header or URI value as the Python type botocore's serializer takes (left as text if it is not one)."""
    try:
        if shape.type_name in ("integer", "long"):
            return int(text)
        if shape.type_name in ("double", "float"):
            return float(text)
    except ValueError:
        return text
    if shape.type_name == "boolean":
        return {"true": True, "false": False}.get(text, text)
    if shape.type_name == "blob":
        return decode_base64(text, shape.name)
    return text


def from_query(flat: dict[str, str], shape: Shape, prefix: str, consumed: set[str], ec2: bool) -> Any:
    """Query/EC2 protocol: ``Member``, ``List.member.N``, ``Map.entry.N.key``/``.value``, nested by dots."""
    if shape.type_name == "structure":
        result = {}
        for name, member in shape.members.items():
            wire = (member.serialization.get("queryName") or capitalize(wire_name(name, member))) if ec2 else wire_name(name, member)
            value = from_query(flat, member, f"{prefix}.{wire}" if prefix else wire, consumed, ec2)
            if value is not None:
                result[name] = value
        return result if result or not prefix else None
    if shape.type_name == "list":
        if prefix in flat and flat[prefix] == "":
            consumed.add(prefix)
            return []
        flattened = ec2 or shape.serialization.get("flattened")
        item_prefix = prefix if flattened else f"{prefix}.{shape.member.serialization.get('name', 'member')}"
        items = []
        while True:
            key = f"{item_prefix}.{len(items) + 1}"
            item = from_query(flat, shape.member, key, consumed, ec2)
            if item is None:
                return items or None
            items.append(item)
    if shape.type_name == "map":
        entry = prefix if shape.serialization.get("flattened") else f"{prefix}.entry"
        key_name, value_name = shape.key.serialization.get("name", "key"), shape.value.serialization.get("name", "value")
        result: dict[str, Any] = {}
        n = 1
        while f"{entry}.{n}.{key_name}" in flat:
            consumed.add(f"{entry}.{n}.{key_name}")
            result[flat[f"{entry}.{n}.{key_name}"]] = from_query(flat, shape.value, f"{entry}.{n}.{value_name}", consumed, ec2)
            n += 1
        return result or None
    if prefix not in flat:
        return None
    consumed.add(prefix)
    return scalar(flat[prefix], shape)


def capitalize(name: str) -> str:
    return name[:1].upper() + name[1:]


def from_rest(protocol: str, operation: OperationModel, request: WireRequest) -> tuple[dict[str, Any], list[str]]:
    shape = operation.input_shape
    labels = uri_labels(operation.http["requestUri"], request) or {}
    literal = {pair.partition("=")[0] for pair in operation.http["requestUri"].partition("?")[2].split("&") if pair}
    query: dict[str, list[str]] = {}
    for key, value in request.query_pairs():
        query.setdefault(key, []).append(value)
    params: dict[str, Any] = {}
    body_members: dict[str, Shape] = {}
    used_query: set[str] = set(literal)
    query_map: str | None = None
    for name, member in shape.members.items():
        location, wire = member.serialization.get("location"), wire_name(name, member)
        if location == "uri":
            if wire in labels:
                params[name] = scalar(labels[wire], member)
        elif location == "querystring":
            if member.type_name == "map":
                query_map = name
            elif wire in query:
                used_query.add(wire)
                params[name] = [scalar(v, member.member) for v in query[wire]] if member.type_name == "list" else scalar(query[wire][0], member)
        elif location == "header":
            if wire.lower() in request.headers:
                value = request.headers[wire.lower()]
                params[name] = [v.strip() for v in value.split(",")] if member.type_name == "list" else scalar(value, member)
        elif location == "headers":
            prefix = wire.lower()
            found = {k[len(prefix):]: v for k, v in request.headers.items() if k.startswith(prefix)}
            if found:
                params[name] = found
        elif location != "statusCode":
            body_members[name] = member
    unknown = []
    if query_map:
        rest = {k: v[0] for k, v in query.items() if k not in used_query}
        if rest:
            params[query_map] = rest
    else:
        unknown += [f"?{key}" for key in query if key not in used_query]
    payload = shape.serialization.get("payload")
    if payload:
        member = shape.members[payload]
        if member.type_name in ("blob", "string"):
            if request.body:
                params[payload] = request.body if member.type_name == "blob" else request.body.decode("utf-8")
        elif request.body.strip():
            value, inner = from_json(json_body(request.body), member, "") if protocol == "rest-json" else from_xml_root(request.body, member)
            params[payload] = value
            unknown += inner
    elif body_members:
        if protocol == "rest-json":
            body, inner = from_json(json_body(request.body), _Members(shape, body_members), "")
        else:
            body, inner = from_xml_root(request.body, _Members(shape, body_members)) if request.body.strip() else ({}, [])
        params.update(body)
        unknown += inner
    elif request.body.strip():
        unknown.append("(body: the operation has no body members)")
    return params, unknown


class _Members:
    """A structure shape restricted to its body members (duck-typed as a botocore Shape for the parsers)."""

    type_name = "structure"

    def __init__(self, shape: Shape, members: dict[str, Shape]) -> None:
        self.name, self.members, self.serialization = shape.name, members, shape.serialization


def local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def from_xml_root(body: bytes, shape: Any) -> tuple[Any, list[str]]:
    try:
        root = ET.fromstring(body)
    except ET.ParseError as error:
        raise ValueError(f"body is not XML ({error})") from error
    return from_xml(root, shape, "")


def from_xml(element: ET.Element, shape: Any, path: str) -> tuple[Any, list[str]]:
    """rest-xml: members are child elements (or attributes) named by locationName; flattened lists repeat."""
    if shape.type_name == "structure":
        result: dict[str, Any] = {}
        unknown: list[str] = []
        by_wire = {wire_name(n, m): n for n, m in shape.members.items() if not m.serialization.get("xmlAttribute")}
        for name, member in shape.members.items():
            if member.serialization.get("xmlAttribute"):
                for attribute, value in element.attrib.items():
                    if local(attribute) == wire_name(name, member):
                        result[name] = scalar(value, member)
        flattened: dict[str, list[ET.Element]] = {}
        for child in element:
            tag = local(child.tag)
            name = by_wire.get(tag) or next((n for n, m in shape.members.items() if m.type_name == "list"
                                             and m.serialization.get("flattened") and wire_name(n, m.member) == tag), None)
            if name is None:
                unknown.append(path + tag)
                continue
            member = shape.members[name]
            if member.type_name in ("list", "map") and member.serialization.get("flattened"):
                flattened.setdefault(name, []).append(child)
                continue
            result[name], inner = from_xml(child, member, f"{path}{tag}.")
            unknown += inner
        for name, children in flattened.items():
            member = shape.members[name]
            items = [from_xml(child, member.member if member.type_name == "list" else member, f"{path}{name}.") for child in children]
            result[name] = [item for item, _ in items]
            unknown += [u for _, inner in items for u in inner]
        return result, unknown
    if shape.type_name == "list":
        items = [from_xml(child, shape.member, f"{path}[{i}].") for i, child in enumerate(element)]
        return [item for item, _ in items], [u for _, inner in items for u in inner]
    if shape.type_name == "map":
        result = {}
        key_name, value_name = shape.key.serialization.get("name", "key"), shape.value.serialization.get("name", "value")
        for entry in element:
            key = next((c.text or "" for c in entry if local(c.tag) == key_name), "")
            value = next((c for c in entry if local(c.tag) == value_name), None)
            result[key] = from_xml(value, shape.value, f"{path}{key}.")[0] if value is not None else None
        return result, []
    return scalar((element.text or "").strip() if shape.type_name != "string" else element.text or "", shape), []


# -- validation ----------------------------------------------------------------------------------------


def validate(params: dict[str, Any], shape: Shape | None) -> list[str]:
    if shape is None:
        return []
    report = ParamValidator().validate(params, shape)
    reasons = [line.strip() for line in report.generate_report().splitlines() if line.strip()] if report.has_errors() else []
    return reasons + list(constraints(params, shape, "input"))


def constraints(value: Any, shape: Shape, path: str) -> Iterable[str]:
    """What ParamValidator leaves out: enums, patterns, maximum lengths and values."""
    metadata = shape.metadata
    if shape.type_name == "structure" and isinstance(value, dict):
        for name, item in value.items():
            if name in shape.members:
                yield from constraints(item, shape.members[name], f"{path}.{name}")
        return
    if shape.type_name == "list" and isinstance(value, list):
        for i, item in enumerate(value):
            yield from constraints(item, shape.member, f"{path}[{i}]")
    if shape.type_name == "map" and isinstance(value, dict):
        for key, item in value.items():
            yield from constraints(key, shape.key, f"{path} (key {key!r})")
            yield from constraints(item, shape.value, f"{path}[{key!r}]")
    if isinstance(value, (str, bytes, list, dict)) and "max" in metadata and len(value) > metadata["max"]:
        yield f"{path}: length {len(value)} exceeds the model's maximum {metadata['max']}"
    if isinstance(value, (int, float)) and not isinstance(value, bool) and "max" in metadata and value > metadata["max"]:
        yield f"{path}: {value} exceeds the model's maximum {metadata['max']}"
    if isinstance(value, str) and shape.type_name == "string":
        if shape.enum and value not in shape.enum:
            yield f"{path}: {value!r} is not one of the model's enum values {shape.enum}"
        pattern = metadata.get("pattern")
        if pattern and compiled(pattern) is not None and not compiled(pattern).fullmatch(value):
            yield f"{path}: {value!r} does not match the model's pattern {pattern}"


_patterns: dict[str, Any] = {}


def compiled(pattern: str) -> Any:
    if pattern not in _patterns:
        try:
            _patterns[pattern] = pattern_engine.compile(pattern, pattern_engine.DOTALL)
        except Exception:  # noqa: BLE001 - a pattern neither engine reads is not checked (none in our models)
            _patterns[pattern] = None
    return _patterns[pattern]


# -- serialization --------------------------------------------------------------------------------------


def compare(protocol: str, operation: OperationModel, params: dict[str, Any], request: WireRequest) -> list[str]:
    """The request against botocore's serialization of the same parameters."""
    expected = drop_generated_tokens(create_serializer(protocol, include_validation=False).serialize_to_request(params, operation), operation, params)
    reasons = []
    if expected["method"] != request.method:
        reasons.append(f"method {request.method}; botocore sends {expected['method']}")
    if protocol in QUERY_PROTOCOLS:
        sent = sorted(p for p in (request.form_pairs() if request.is_form else request.query_pairs()))
        wanted = sorted(parse_qsl(expected["body"] if isinstance(expected["body"], str) else urlencode_pairs(expected["body"]), keep_blank_values=True))
        if sent != wanted:
            missing, extra = sorted(set(wanted) - set(sent)), sorted(set(sent) - set(wanted))
            reasons.append(f"form differs from botocore's: missing {missing}, unexpected {extra}")
        if not request.is_form:
            reasons.append(f"Content-Type {request.headers.get('content-type')!r}; botocore sends {FORM}")
        return reasons
    if protocol == "json":
        wanted_type = expected["headers"].get("Content-Type", "")
        if request.headers.get("content-type", "").split(";")[0] != wanted_type:
            reasons.append(f"Content-Type {request.headers.get('content-type')!r}; botocore sends {wanted_type!r}")
        if (json.loads(expected["body"] or b"{}") != json_body(request.body)) or not request.body.strip():
            reasons.append(f"body {request.body[:300]!r} differs from botocore's {expected['body'][:300]!r}")
        return reasons
    path, _, literal = expected["url_path"].partition("?")
    if unquote(path).rstrip("/") != unquote(request.path).rstrip("/"):
        reasons.append(f"path {request.path}; botocore sends {path}")
    wanted_query = sorted([tuple(p.partition("=")[::2]) for p in literal.split("&") if p] + list(query_items(expected["query_string"])))
    sent_query = sorted(request.query_pairs())
    if [(k, v) for k, v in wanted_query] != sent_query:
        reasons.append(f"query {sent_query} differs from botocore's {wanted_query}")
    for name, value in expected["headers"].items():
        if name.lower() in ("content-type", "content-md5", "x-amz-content-sha256"):
            continue
        if request.headers.get(name.lower()) != str(value):
            reasons.append(f"header {name}: {request.headers.get(name.lower())!r}; botocore sends {value!r}")
    reasons += compare_body(protocol, expected["body"], request.body)
    return reasons


def drop_generated_tokens(expected: dict[str, Any], operation: OperationModel, params: dict[str, Any]) -> dict[str, Any]:
    """botocore fills an absent idempotency token with a fresh UUID; a client that sends none is not wrong."""
    generated = [n for n, m in operation.input_shape.members.items() if m.metadata.get("idempotencyToken") and n not in params] if operation.input_shape else []
    if not generated:
        return expected
    body = expected["body"]
    if isinstance(body, dict):
        expected["body"] = {k: v for k, v in body.items() if k not in generated}
    elif body and body.strip().startswith(b"{"):
        expected["body"] = json.dumps({k: v for k, v in json.loads(body).items() if k not in generated}).encode()
    return expected


def urlencode_pairs(body: Any) -> str:
    from urllib.parse import urlencode

    return urlencode(body if isinstance(body, dict) else {}, doseq=True)


def query_items(query: dict[str, Any]) -> Iterable[tuple[str, str]]:
    for key, value in query.items():
        for item in value if isinstance(value, list) else [value]:
            yield key, str(item)


def compare_body(protocol: str, expected: bytes | str, sent: bytes) -> list[str]:
    expected = expected.encode() if isinstance(expected, str) else expected or b""
    if protocol == "rest-json" and (expected.strip()[:1] in (b"{", b"") and sent.strip()[:1] in (b"{", b"")):
        if json_body(expected) == json_body(sent):
            return []
    elif protocol == "rest-xml" and expected.strip() and sent.strip():
        if xml_tree(expected) == xml_tree(sent):
            return []
    elif expected == sent:
        return []
    return [f"body {sent[:300]!r} differs from botocore's {expected[:300]!r}"]


def xml_tree(body: bytes) -> Any:
    """Elements compared by name, attributes, text and children, siblings in any order (XML members are named,
    not positional)."""

    def walk(element: ET.Element) -> Any:
        return (element.tag, sorted(element.attrib.items()), (element.text or "").strip(), sorted((walk(c) for c in element), key=repr))

    return walk(ET.fromstring(body))


# -- the server's record ----------------------------------------------------------------------------------


UNCHECKED_HEADER = "x-gitmoxi-unchecked"
REPORT_DIR_VARIABLE = "GITMOXI_ORACLE_DIR"


def moto_secret(access_key: str) -> str | None:
    """Keys moto issued: AssumeRole* answers (sts) and CreateAccessKey (iam), in any account."""
    from moto.iam.models import iam_backends
    from moto.sts.models import sts_backends

    for account in list(sts_backends.keys()):
        for role in sts_backends[account]["global"].assumed_roles:
            if role.access_key_id == access_key:
                return role.secret_access_key
    for account in list(iam_backends.keys()):
        for key in iam_backends[account]["global"].access_keys.values():
            if key.access_key_id == access_key:
                return key.secret_access_key
    return None


class OracleRecord:
    """The checks of one launcher: mismatches since the last reset (one test), and totals since it started, which
    it rewrites to ``$GITMOXI_ORACLE_DIR/oracle-<pid>.json`` after every check when that variable is set.
    Requests carrying ``x-gitmoxi-unchecked`` (tests' deliberately malformed probes) and the AWS CLI's (the tests'
    observer) are counted as skipped."""

    def __init__(self, credentials: dict[str, str], report_dir: str | None) -> None:
        self.credentials = dict(credentials)
        self.oracle = BotocoreOracle(self.secret_of)
        self.report_path = None if not report_dir else f"{report_dir.rstrip('/')}/oracle-{os.getpid()}.json"
        self._lock = threading.Lock()
        self.mismatches: list[Mismatch] = []
        self.checked = self.skipped = self.total_checked = self.total_skipped = self.total_mismatches = 0
        self.operations: dict[str, int] = {}
        self.all_mismatches: list[dict[str, str]] = []

    def secret_of(self, access_key: str) -> str | None:
        return self.credentials.get(access_key) or moto_secret(access_key)

    def observe(self, environ: dict[str, Any], body: bytes) -> Verdict:
        # The AWS CLI is botocore itself, run by tests as an observer (and sometimes with values botocore's client
        # does not validate, on purpose): checking it would test botocore against itself.
        if environ.get("HTTP_" + UNCHECKED_HEADER.upper().replace("-", "_")) or environ.get("HTTP_USER_AGENT", "").startswith("aws-cli/"):
            with self._lock:
                self.skipped += 1
                self.total_skipped += 1
                self._write()
            return Verdict("unchecked")
        try:
            verdict = self.oracle.check(WireRequest.from_environ(environ, body))
        except Exception as error:  # noqa: BLE001 - a checker bug must show as a mismatch, not as a 500 to the client
            verdict = Verdict("?", [f"oracle failed: {type(error).__name__}: {error}"])
        found = verdict.mismatches()
        with self._lock:
            self.checked += 1
            self.total_checked += 1
            self.operations[verdict.operation] = self.operations.get(verdict.operation, 0) + 1
            self.mismatches += found
            self.total_mismatches += len(found)
            self.all_mismatches += [m.to_json() for m in found][: max(0, 200 - len(self.all_mismatches))]
            self._write()
        return verdict

    def reset(self) -> None:
        with self._lock:
            self.mismatches.clear()
            self.checked = self.skipped = 0

    def snapshot(self) -> dict[str, Any]:
        with self._lock:
            return {
                "checked": self.checked,
                "skipped": self.skipped,
                "mismatches": [m.to_json() for m in self.mismatches],
                "totalChecked": self.total_checked,
                "totalSkipped": self.total_skipped,
                "totalMismatches": self.total_mismatches,
            }

    def _write(self) -> None:
        if self.report_path is None:
            return
        report = {"checked": self.total_checked, "skipped": self.total_skipped, "mismatches": self.total_mismatches,
                  "operations": self.operations, "firstMismatches": self.all_mismatches}
        with open(self.report_path + ".tmp", "w", encoding="utf-8") as file:
            json.dump(report, file)
        os.replace(self.report_path + ".tmp", self.report_path)
