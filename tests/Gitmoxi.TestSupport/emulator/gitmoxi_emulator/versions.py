"""Lambda ListVersionsByFunction, served the way the Lambda API reference documents it.

https://docs.aws.amazon.com/lambda/latest/api/API_ListVersionsByFunction.html
- ``FunctionName``: "The name or ARN of the Lambda function" in every name format (name, function ARN, partial
  ARN). moto looks the path segment up as a bare name, so a function ARN or partial ARN lists no versions at all.
- Errors: ``ResourceNotFoundException`` (404) when the function does not exist; moto answers 200 with no versions.
- ``MaxItems``: "ListVersionsByFunction returns a maximum of 50 items in each response, even if you set the number
  higher" ("Lambda returns up to 50 versions per call"), with ``NextMarker`` while more remain; moto returns every
  version in one response and ignores ``Marker``.
"""

from __future__ import annotations

from moto.awslambda.utils import get_backend as active_lambda_backend

from .corrections import Correction
from .esm import first, function_ref, require_function
from .wire import AwsError, Call, Reply, decode_position, encode_position, invalid, json_reply

PAGE_LIMIT = 50


class FunctionVersionsService(Correction):
    def handles(self, call: Call) -> bool:
        return self.settings.corrections and call.operation == "lambda:ListVersionsByFunction"

    def serve(self, call: Call) -> Reply:
        name, _ = function_ref(call.params.get("FunctionName", ""), call.caller)
        require_function(name, None, call.caller)
        versions = [v.get_configuration() for v in active_lambda_backend(call.caller.account, call.caller.region).list_versions_by_function(name)]
        return json_reply(200, page(versions, first(call.query, "Marker"), first(call.query, "MaxItems")))


def page(versions: list[dict], marker: str | None, max_items: str | None) -> dict:
    size = PAGE_LIMIT
    if max_items is not None:
        if not max_items.isdigit() or not 1 <= int(max_items) <= 10000:
            raise AwsError(
                400,
                "ValidationException",
                f"1 validation error detected: Value '{max_items}' at 'maxItems' failed to satisfy constraint: "
                "Member must have value between 1 and 10000",
            )
        size = min(int(max_items), PAGE_LIMIT)
    start = decode_position(marker, invalid(f"Invalid marker: {marker}")) if marker else 0
    result: dict = {"Versions": versions[start : start + size]}
    if start + size < len(versions):
        result["NextMarker"] = encode_position(start + size)
    return result
