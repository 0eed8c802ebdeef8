"""API Gateway V2 (HTTP APIs)."""

from __future__ import annotations

import json
import threading
from datetime import datetime
from typing import Any

import botocore.session

from .settings import Settings
from .operations import Caller
from .wire import AwsError, Call, Reply, decode_position, encode_position, json_reply, with_body
from .corrections import Correction
from .esm import first


APIGATEWAY_MODEL = botocore.session.get_session().get_service_model("apigatewayv2")
PAGED_COLLECTIONS = ("GetRoutes", "GetIntegrations", "GetStages")


class HttpApiService(Correction):
    """Every ``/v2/`` operation: status codes from the botocore model, pagination of routes,
    integrations and stages, and the checks AWS makes on routes, stages and deletes that moto skips.
    APIs, routes, integrations and stages themselves stay in moto's backend."""

    def __init__(self, settings: Settings) -> None:
        super().__init__(settings)
        # Reentrant: apigw_in_use.IntegrationInUse holds it across its check and this service's serve.
        self.lock = threading.RLock()

    def handles(self, call: Call) -> bool:
        return (
            self.settings.corrections
            and call.caller.service == "apigateway"
            and call.environ.get("PATH_INFO", "").startswith("/v2/")
            and call.verb in APIGATEWAY_MODEL.operation_names
        )

    def serve(self, call: Call) -> Reply:
        with self.lock:
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
