"""Who is calling and what: account, region and the botocore operation name of each request, and the
per-operation request counts (GET /_gitmoxi/requests)."""

from __future__ import annotations

import os
import re
import threading
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qs

import botocore.session

from .settings import DEFAULT_ACCOUNT, DEFAULT_REGION


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
    query_key: str = ""
    deprecated: bool = False


class OperationNamer:
    """Names a request after its botocore operation: ``lambda:ListEventSourceMappings``."""

    # REST protocols carry no operation name on the wire; these signing names are matched by path.
    REST_MODELS = {"lambda": ("lambda",), "apigateway": ("apigatewayv2", "apigateway"), "s3": ("s3",), "scheduler": ("scheduler",)}

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
        query_keys = set(parse_qs(environ.get("QUERY_STRING", ""), keep_blank_values=True))
        for model in self._models_for(caller.service, path):
            for route in self._routes_of(model):
                found = route.pattern.fullmatch(path)
                if route.method == method and found and (not route.query_key or route.query_key in query_keys):
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
            uri, _, query = http["requestUri"].partition("?")
            uri = uri.rstrip("/")
            regex = re.sub(r"\{(\w+)\+\}", r"(?P<\1>.+)", uri)
            regex = re.sub(r"\{(\w+)\}", r"(?P<\1>[^/]+)", regex) + "/?"
            literal = len(re.sub(r"\{[^}]+\}", "", uri))
            # S3 tells its bucket operations apart by a query key (/{Bucket}?notification).
            query_key = query.split("&", 1)[0].split("=", 1)[0]
            deprecated = bool(service_model.operation_model(name).deprecated)
            routes.append(RestRoute(name, http["method"], re.compile(regex), literal, query_key, deprecated))
        # A route naming a query key wins over one without; then the most literal template (.../{F}/policy vs {F+});
        # then the current operation over a deprecated one of the same URI (GetBucketNotification).
        return sorted(routes, key=lambda r: (not r.query_key, -r.literal_length, r.deprecated))


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
