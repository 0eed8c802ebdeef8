"""API Gateway REST APIs (v1): deploying to a stage that exists, as the API Gateway REST API reference documents it."""

from __future__ import annotations

from typing import Any

from .corrections import Correction
from .wire import Call, Caller, Reply


class RestDeploymentService(Correction):
    """CreateDeployment with the ``stageName`` of an existing stage.

    https://docs.aws.amazon.com/apigateway/latest/api/API_CreateDeployment.html: ``variables`` "defines the stage
    variables for the Stage resource that is associated with the new deployment" and the stage is otherwise the same
    resource (https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-deployments.html: redeploying points
    the stage at the new deployment). moto replaces the stage with a new one holding only the request's variables, so
    a redeployment drops the stage variables a Lambda integration's URI resolves its alias with. Here the existing
    stage is kept, pointed at the new deployment, with the request's variables set over its own.
    """

    def handles(self, call: Call) -> bool:
        return self.settings.corrections and call.operation == "apigateway:CreateDeployment"

    def serve(self, call: Call) -> Reply:
        stage_name = call.json().get("stageName")
        api = rest_api(call.params.get("restapi_id"), call.caller)
        existing = api.stages.get(stage_name) if api is not None and stage_name else None
        reply = call.forward()
        if existing is not None and reply.status in (200, 201) and stage_name in api.stages:
            existing.deployment_id = api.stages[stage_name].deployment_id
            existing.variables = {**existing.variables, **(call.json().get("variables") or {})}
            api.stages[stage_name] = existing
        return reply


def rest_api(api_id: str | None, caller: Caller) -> Any:
    from moto.apigateway.models import apigateway_backends

    return apigateway_backends[caller.account][caller.region].apis.get(api_id) if api_id else None
