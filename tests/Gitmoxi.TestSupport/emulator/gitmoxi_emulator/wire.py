"""The wire shapes shared by every corrected service: errors, replies, requests (``Call``), page tokens,
validation against the botocore model, and the WSGI plumbing."""

from __future__ import annotations

import base64
import io
import json
import re
import uuid
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from typing import Any, Callable
from urllib.parse import parse_qs

from .settings import DEFAULT_REGION
from .operations import Caller


class AwsError(Exception):
    """An AWS error (REST-JSON: status from the botocore model, code in header and body; see QueryError for Query)."""

    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status, self.code, self.message = status, code, message


def not_found() -> AwsError:
    return AwsError(404, "ResourceNotFoundException", "The resource you requested does not exist.")


def invalid(message: str) -> AwsError:
    return AwsError(400, "InvalidParameterValueException", message)


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


ELB_NAMESPACE = "http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/"
ET.register_namespace("", ELB_NAMESPACE)


STS_NAMESPACE = "https://sts.amazonaws.com/doc/2011-06-15/"
QUERY_NAMESPACES = {"elasticloadbalancing": ELB_NAMESPACE, "sts": STS_NAMESPACE}


def query_error_reply(status: int, code: str, message: str, namespace: str, sender: str) -> Reply:
    root = ET.Element(f"{{{namespace}}}ErrorResponse")
    detail = ET.SubElement(root, f"{{{namespace}}}Error")
    for tag, text in (("Type", sender), ("Code", code), ("Message", message)):
        ET.SubElement(detail, f"{{{namespace}}}{tag}").text = text
    ET.SubElement(root, f"{{{namespace}}}RequestId").text = str(uuid.uuid4())
    # Unprefixed like AWS's answers, also for STS (only ELBv2's namespace is registered as the default).
    body = ET.tostring(root, encoding="utf-8", default_namespace=namespace)
    return Reply(status, body, [("Content-Type", "text/xml"), ("x-amzn-RequestId", str(uuid.uuid4()))])


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
