"""Dumps input shapes of botocore's service models, the reference the engine's member table is tested against.

stdin: {"service": "lambda", "operations": ["CreateEventSourceMapping", ...]}. stdout: {operation: shape} where a shape
is {type, min?, max?, enum?, pattern?, required?, members?: {name: shape} (in model order), member?, key?, value?}.
"""
import json
import sys

import botocore.session


def dump(shape, depth=0):
    result = {"type": shape.type_name}
    metadata = shape.metadata
    for key in ("min", "max", "pattern"):
        if key in metadata:
            result[key] = metadata[key]
    if getattr(shape, "enum", None):
        result["enum"] = list(shape.enum)
    if depth > 8:
        return result
    if shape.type_name == "structure":
        result["required"] = list(metadata.get("required", []))
        result["members"] = {name: dump(member, depth + 1) for name, member in shape.members.items()}
    elif shape.type_name == "list":
        result["member"] = dump(shape.member, depth + 1)
    elif shape.type_name == "map":
        result["key"] = dump(shape.key, depth + 1)
        result["value"] = dump(shape.value, depth + 1)
    return result


request = json.load(sys.stdin)
model = botocore.session.get_session().get_service_model(request["service"])
json.dump({name: dump(model.operation_model(name).input_shape) for name in request["operations"]}, sys.stdout)
