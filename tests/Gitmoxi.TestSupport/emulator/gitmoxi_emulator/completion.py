"""Full answers: every output member of the botocore model, so the clients' parsers see what AWS can send.

moto answers with the members it implements; AWS answers with every member that applies, and adds members over
time. With ``completeResponses`` on (POST /_gitmoxi/config), each successful answer to a signed client request gets
every output member it lacks, at every depth, with a model-valid value: the first enum value, a string built from
the member's pattern (within its length bounds), the member's minimum for numbers, ``false``, a timestamp, a blob,
lists and maps with one complete item — and an empty list gets one complete item too. Paging tokens stay absent (a
filled ``NextMarker`` would page for ever) and truncation flags are ``false``. JSON answers (json, rest-json) are
completed as JSON, query and rest-xml answers by adding XML elements; each is rendered with botocore's own
serializer for the member's shape, so timestamps and blobs take the wire form AWS uses.

The shapes: https://github.com/boto/botocore/tree/develop/botocore/data — the same models the AWS SDKs generate from.
"""

from __future__ import annotations

import datetime
import json
import sre_parse
import xml.etree.ElementTree as ET
from typing import Any

import botocore.session
from botocore.model import OperationModel, ServiceModel, Shape
from botocore.serialize import JSONSerializer, RestXMLSerializer

from .wire import Reply

TIMESTAMP = datetime.datetime(2026, 1, 1, 12, 0, 0, tzinfo=datetime.timezone.utc)
MAX_DEPTH = 6
TRUNCATION_FLAGS = {"IsTruncated", "Truncated"}


ALL = "all"
STATUS = "status"

# Members AWS sends only when they apply, whose mere presence states a fact: status mode never invents them.
# events ManagedBy: "If this is a managed rule, created by an AWS service on your behalf, this field displays the
# principal name of the AWS service that created the rule" (https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_DescribeRule.html);
# a filled one would make every rule a service's, whose targets only that service may change.
# apigateway methodIntegration: a method's integration, absent until PutIntegration (GetIntegration of such a method
# is 404 NotFoundException, https://docs.aws.amazon.com/apigateway/latest/api/API_GetIntegration.html); a filled one
# would make every bare method already integrated.
CONDITIONAL_MEMBERS: dict[str, set[str]] = {"events": {"ManagedBy"}, "apigateway": {"methodIntegration"}}


def completion_mode(value: Any) -> str | None:
    """POST /_gitmoxi/config ``completeResponses``: true or "all", "status", false or null."""
    if value is True or value == ALL:
        return ALL
    if value == STATUS:
        return STATUS
    if value in (False, None):
        return None
    raise ValueError(f"completeResponses must be true, false, {ALL!r} or {STATUS!r}, not {value!r}")


class ResponseCompleter:
    def __init__(self) -> None:
        self._session = botocore.session.get_session()
        self._paging: dict[str, dict[str, Any]] = {}
        self._settable: dict[str, set[str]] = {}

    def complete(self, model: ServiceModel, operation: OperationModel, protocol: str, reply: Reply, mode: str = ALL) -> Reply:
        """``all``: every member, empty lists get an item. ``status``: only members no request of the service can set
        (states, reasons, timestamps, ARNs AWS assigns…), no list grows: an invented setting or resource would be
        a real one to the code under test, so the suite's default leaves those as moto gave them."""
        shape = operation.output_shape
        if shape is None or not 200 <= reply.status < 300:
            return reply
        skip = self._paging_tokens(model, operation.name) | (
            self._settable_members(model) | CONDITIONAL_MEMBERS.get(model.service_name, set()) if mode == STATUS else set())
        grow = mode == ALL
        if protocol in ("json", "rest-json"):
            body_shape = shape.members[shape.serialization["payload"]] if shape.serialization.get("payload") else shape
            if body_shape.type_name != "structure":
                return reply
            existing = json.loads(reply.body) if reply.body.strip() else {}
            complete_json(existing, body_shape, skip, 0, grow, top=protocol == "rest-json")
            return replace_body(reply, json.dumps(existing).encode(), "application/json" if protocol == "rest-json" else None)
        if protocol in ("query", "rest-xml") and reply.body.strip().startswith(b"<"):
            root = ET.fromstring(reply.body)
            namespace = root.tag[1:].split("}")[0] if root.tag.startswith("{") else ""
            target = root
            if protocol == "query":
                wrapper = shape.serialization.get("resultWrapper")
                target = next((e for e in root if local(e.tag) == wrapper), None) if wrapper else root
                if target is None:
                    target = ET.SubElement(root, qualified(wrapper, namespace))
            complete_xml(target, shape, skip, namespace, 0, grow)
            text = ET.tostring(root, encoding="utf-8", xml_declaration=False, default_namespace=namespace or None)
            return replace_body(reply, text, None)
        return reply

    def _settable_members(self, model: ServiceModel) -> set[str]:
        """Every member name of every input shape of the service: what a request can set is configuration."""
        if model.service_name not in self._settable:
            names: set[str] = set()
            seen: set[str] = set()

            def walk(shape: Shape | None) -> None:
                if shape is None or shape.name in seen:
                    return
                seen.add(shape.name)
                if shape.type_name == "structure":
                    names.update(shape.members)
                    for member in shape.members.values():
                        walk(member)
                elif shape.type_name == "list":
                    walk(shape.member)
                elif shape.type_name == "map":
                    walk(shape.value)

            for name in model.operation_names:
                walk(model.operation_model(name).input_shape)
            self._settable[model.service_name] = names
        return self._settable[model.service_name]

    def _paging_tokens(self, model: ServiceModel, operation: str) -> set[str]:
        if model.service_name not in self._paging:
            try:
                self._paging[model.service_name] = self._session.get_paginator_model(model.service_name)._paginator_config  # noqa: SLF001
            except Exception:  # noqa: BLE001 - a service without paginators has no tokens to keep out
                self._paging[model.service_name] = {}
        config = self._paging[model.service_name].get(operation, {})
        tokens = config.get("output_token", [])
        tokens = [tokens] if isinstance(tokens, str) else tokens
        return {t.split(".")[-1] for t in tokens} | {"NextToken", "NextMarker", "nextToken", "Marker", "NextContinuationToken"} | (
            {config["more_results"]} if "more_results" in config else set())


def local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def qualified(name: str, namespace: str) -> str:
    return f"{{{namespace}}}{name}" if namespace else name


def replace_body(reply: Reply, body: bytes, content_type: str | None) -> Reply:
    headers = [(k, v) for k, v in reply.headers if k.lower() != "content-length" and not (content_type and k.lower() == "content-type")]
    if content_type:
        headers.append(("Content-Type", content_type))
    headers.append(("Content-Length", str(len(body))))
    return Reply(reply.status, body, headers)


# -- values ----------------------------------------------------------------------------------------


def sample(shape: Shape, depth: int) -> Any:
    """A model-valid Python value for ``shape``, every member filled (to MAX_DEPTH for recursive shapes)."""
    kind = shape.type_name
    if kind == "structure":
        if depth >= MAX_DEPTH:
            return {}
        members = shape.members.items()
        if shape.metadata.get("union"):
            members = list(members)[:1]
        return {name: sample(member, depth + 1) for name, member in members if member.serialization.get("location") is None}
    if kind == "list":
        return [sample(shape.member, depth + 1)] if depth < MAX_DEPTH else []
    if kind == "map":
        return {sample(shape.key, depth + 1): sample(shape.value, depth + 1)} if depth < MAX_DEPTH else {}
    if kind == "string":
        return sample_string(shape)
    if kind in ("integer", "long"):
        return int(shape.metadata.get("min", 1))
    if kind in ("double", "float"):
        return float(shape.metadata.get("min", 1))
    if kind == "boolean":
        return False
    if kind == "timestamp":
        return TIMESTAMP
    if kind == "blob":
        return b"gitmoxi"
    return None


def sample_string(shape: Shape) -> str:
    if shape.enum:
        return shape.enum[0]
    low, high = int(shape.metadata.get("min", 1)), int(shape.metadata.get("max", 64))
    pattern = shape.metadata.get("pattern")
    text = "gitmoxi"
    if pattern:
        try:
            text = from_pattern(sre_parse.parse(pattern))
        except Exception:  # noqa: BLE001 - a pattern Python cannot read (\p{…}) gets the plain value
            text = "gitmoxi"
    text = text[:high]
    return text + "a" * max(0, low - len(text)) if not pattern else text


def from_pattern(parsed: Any) -> str:
    """The shortest-ish string matching a parsed regular expression (first branch, minimum repeats, ≥ 1)."""
    out = []
    for op, value in parsed:
        name = str(op)
        if name == "LITERAL":
            out.append(chr(value))
        elif name == "NOT_LITERAL":
            out.append("a" if chr(value) != "a" else "b")
        elif name == "ANY":
            out.append("a")
        elif name == "IN":
            out.append(first_in(value))
        elif name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
            low, high, item = value
            out.append(from_pattern(item) * min(max(low, 1), high))
        elif name == "SUBPATTERN":
            out.append(from_pattern(value[-1]))
        elif name == "BRANCH":
            out.append(from_pattern(value[1][0]))
        elif name in ("AT", "GROUPREF", "ASSERT", "ASSERT_NOT"):
            continue
        else:
            raise ValueError(f"unsupported regex element {name}")
    return "".join(out)


def first_in(items: Any) -> str:
    for op, value in items:
        name = str(op)
        if name == "LITERAL":
            return chr(value)
        if name == "RANGE":
            return chr(value[0])
        if name == "CATEGORY":
            return {"CATEGORY_DIGIT": "0", "CATEGORY_SPACE": " "}.get(str(value), "a")
        if name == "NEGATE":
            return "a"
    return "a"


# -- JSON -------------------------------------------------------------------------------------------


def json_value(value: Any, shape: Shape) -> Any:
    """``value`` in the JSON wire form botocore reads (timestamps as epoch seconds, blobs base64)."""
    serialized: dict[str, Any] = {}
    JSONSerializer()._serialize(serialized, value, shape, "v")  # noqa: SLF001 - botocore's own per-shape rendering
    return serialized["v"]


def complete_json(node: Any, shape: Shape, skip: set[str], depth: int, grow: bool, top: bool = False) -> None:
    if shape.type_name == "structure" and isinstance(node, dict):
        for name, member in shape.members.items():
            if top and member.serialization.get("location"):
                continue  # headers and status codes are not in the body
            wire = member.serialization.get("name", name)
            if name in skip:
                continue
            if node.get(wire) is None:  # moto writes null where AWS leaves a member out
                node[wire] = False if name in TRUNCATION_FLAGS else json_value(sample(member, depth + 1), member)
            else:
                complete_json(node[wire], member, skip, depth + 1, grow)
    elif shape.type_name == "list" and isinstance(node, list):
        if not node and grow and depth < MAX_DEPTH:
            node.append(json_value(sample(shape.member, depth + 1), shape.member))
        for item in node:
            complete_json(item, shape.member, skip, depth + 1, grow)
    elif shape.type_name == "map" and isinstance(node, dict):
        for item in node.values():
            complete_json(item, shape.value, skip, depth + 1, grow)


# -- XML --------------------------------------------------------------------------------------------


def xml_elements(value: Any, shape: Shape, name: str, namespace: str) -> list[ET.Element]:
    """``value`` as the element(s) named ``name`` (several when the list is flattened), via botocore's serializer."""
    holder = ET.Element("holder")
    RestXMLSerializer()._serialize(shape, value, holder, name)  # noqa: SLF001 - botocore's own per-shape rendering
    for element in holder.iter():
        if namespace and not element.tag.startswith("{"):
            element.tag = qualified(element.tag, namespace)
    return list(holder)


def complete_xml(element: ET.Element, shape: Shape, skip: set[str], namespace: str, depth: int, grow: bool) -> None:
    if shape.type_name == "structure":
        for name, member in shape.members.items():
            if member.serialization.get("location") or member.serialization.get("xmlAttribute") or name in skip:
                continue
            flattened = member.type_name == "list" and member.serialization.get("flattened")
            wire = member.serialization.get("name", name)
            item_name = member.member.serialization.get("name", wire) if flattened else wire
            present = [c for c in element if local(c.tag) == (item_name if flattened else wire)]
            if not present:
                value = False if name in TRUNCATION_FLAGS else sample(member, depth + 1)
                element.extend(xml_elements(value, member, wire, namespace))
            elif flattened:
                for child in present:
                    complete_xml(child, member.member, skip, namespace, depth + 1, grow)
            else:
                complete_xml(present[0], member, skip, namespace, depth + 1, grow)
    elif shape.type_name == "list":
        item_name = shape.member.serialization.get("name", "member")
        items = [c for c in element if local(c.tag) == item_name]
        if not items and grow and depth < MAX_DEPTH:
            element.extend(xml_elements(sample(shape.member, depth + 1), shape.member, item_name, namespace))
            items = [c for c in element if local(c.tag) == item_name]
        for child in items:
            complete_xml(child, shape.member, skip, namespace, depth + 1, grow)

