"""API Gateway REST APIs (v1): method integrations as the API Gateway REST API reference documents them."""

from __future__ import annotations

from .corrections import Correction
from .wire import AwsError, Call, Reply, with_body


class RestIntegrationService(Correction):
    """GetIntegration and DeleteIntegration of a REST API method. Resources, methods and integrations stay in moto."""

    def handles(self, call: Call) -> bool:
        return self.settings.corrections and call.operation in ("apigateway:GetIntegration", "apigateway:DeleteIntegration")

    def serve(self, call: Call) -> Reply:
        reply = call.forward()
        if call.verb == "GetIntegration" and reply.status == 200 and reply.body.strip() in (b"", b"{}"):
            # https://docs.aws.amazon.com/apigateway/latest/api/API_GetIntegration.html (Errors: NotFoundException,
            # 404): a method without an integration has none to get; moto answers 200 with an empty object.
            raise AwsError(404, "NotFoundException", "Invalid Integration identifier specified")
        if call.verb == "DeleteIntegration" and reply.status == 204:
            # https://docs.aws.amazon.com/apigateway/latest/api/API_DeleteIntegration.html (Response: HTTP 202/204
            # with an empty body); moto sends the deleted integration as a body with its 204.
            return with_body(reply, 204, b"")
        return reply
