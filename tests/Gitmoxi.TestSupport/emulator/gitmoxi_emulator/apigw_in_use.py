"""API Gateway V2 (HTTP APIs): an integration a route still targets is not deleted."""

from __future__ import annotations

from .apigw import HttpApiService, http_api
from .corrections import Correction
from .settings import Settings
from .wire import AwsError, Call, Reply


class IntegrationInUse(Correction):
    """(z) DeleteIntegration of an integration that a route of the API targets.

    https://docs.aws.amazon.com/apigatewayv2/latest/api-reference/apis-apiid-integrations-integrationid.html#DeleteIntegration
    deletes "an Integration"; AWS refuses one a route still points at with 409 ConflictException
    "Cannot delete Integration because it is referenced by the following Routes with Ids: [...]" (the
    answer Terraform users report from AWS: milliHQ/terraform-aws-next-js#247,
    terraform-aws-modules/terraform-aws-apigateway-v2#55), so a route never points at nothing.
    moto deletes it and leaves the route's target dangling.

    The check and the delete run under the API service's lock, the one UpdateRoute takes, so a route
    attached at the same moment is either seen here or finds the integration gone (404 from (t))."""

    def __init__(self, settings: Settings, apis: HttpApiService) -> None:
        super().__init__(settings)
        self.apis = apis

    def handles(self, call: Call) -> bool:
        return call.verb == "DeleteIntegration" and self.apis.handles(call)

    def serve(self, call: Call) -> Reply:
        with self.apis.lock:
            api = http_api(call.params.get("apiId"), call.caller)
            target = f"integrations/{call.params.get('integrationId')}"
            routes = sorted(route_id for route_id, route in (api.routes.items() if api is not None else ()) if route.target == target)
            if routes:
                raise AwsError(409, "ConflictException", f"Cannot delete Integration because it is referenced by the following Routes with Ids: [{', '.join(routes)}]")
            return self.apis.serve(call)
