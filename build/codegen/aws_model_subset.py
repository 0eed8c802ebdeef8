"""The checked-in AWS model subsets the engine's model classes are generated from, kept true to botocore.

A subset (src/Gitmoxi.LambdaSources/Aws/<Service>/<service>-<version>.json) is botocore's service-2.json cut down to
the operations the engine calls and, of each structure, the members it uses; documentation is left out. Everything
else in it is botocore's, verbatim.

  new SERVICE OPERATION...   print a subset with these operations and every member of every shape they reach
  refresh FILE...            rewrite each subset from the installed botocore: the operations and the members it
                             lists, the shapes they reach (a shape not listed yet comes with all its members)
  check FILE...              exit 1, printing the differences, when refresh would change a file

Workflow: `new` once, delete the members the engine does not use, `refresh`. The engine's tests run `check`.
"""
import json
import sys

import botocore.session

METADATA = ("apiVersion", "endpointPrefix", "jsonVersion", "protocol", "serviceId", "signingName", "targetPrefix", "uid")
OPERATION = ("name", "http", "input", "output")


def strip(node):
    """A botocore dict without its documentation."""
    if isinstance(node, dict):
        return {k: strip(v) for k, v in node.items() if not k.startswith("documentation")}
    if isinstance(node, list):
        return [strip(v) for v in node]
    return node


def load(service, api_version=None):
    loader = botocore.session.get_session().get_component("data_loader")
    return loader.load_service_model(service, "service-2", api_version)


def cut(service, model, operations, listed):
    """The subset of `model` for `operations`, keeping of each shape in `listed` only the members listed there."""
    result = {
        "version": "2.0",
        "metadata": {k: model["metadata"][k] for k in METADATA if k in model["metadata"]},
        "operations": {},
        "shapes": {},
    }
    result["metadata"]["botocoreService"] = service
    pending = []
    for name in operations:
        operation = model["operations"][name]
        result["operations"][name] = {k: strip(operation[k]) for k in OPERATION if k in operation}
        pending += [operation[k]["shape"] for k in ("input", "output") if k in operation]
    while pending:
        name = pending.pop()
        if name in result["shapes"]:
            continue
        shape = strip(model["shapes"][name])
        if shape["type"] == "structure":
            keep = listed.get(name)
            members = {m: v for m, v in shape.get("members", {}).items() if keep is None or m in keep}
            shape["members"] = members
            if "required" in shape:
                shape["required"] = [m for m in shape["required"] if m in members]
                if not shape["required"]:
                    del shape["required"]
            pending += [v["shape"] for v in members.values()]
        elif shape["type"] == "list":
            pending.append(shape["member"]["shape"])
        elif shape["type"] == "map":
            pending += [shape["key"]["shape"], shape["value"]["shape"]]
        result["shapes"][name] = shape
    result["shapes"] = dict(sorted(result["shapes"].items()))
    return result


def refreshed(subset):
    service = subset["metadata"]["botocoreService"]
    model = load(service, subset["metadata"]["apiVersion"])
    listed = {n: set(s.get("members", {})) for n, s in subset["shapes"].items() if s.get("type") == "structure"}
    return cut(service, model, list(subset["operations"]), listed)


def dumps(subset):
    return json.dumps(subset, indent=2) + "\n"


def main(argv):
    if len(argv) >= 3 and argv[1] == "new":
        sys.stdout.write(dumps(cut(argv[2], load(argv[2]), argv[3:], {})))
        return 0
    if len(argv) >= 3 and argv[1] in ("refresh", "check"):
        stale = 0
        for path in argv[2:]:
            with open(path, encoding="utf-8") as f:
                text = f.read()
            expected = dumps(refreshed(json.loads(text)))
            if expected == text:
                continue
            if argv[1] == "refresh":
                with open(path, "w", encoding="utf-8") as f:
                    f.write(expected)
            else:
                import difflib
                sys.stdout.writelines(difflib.unified_diff(text.splitlines(True), expected.splitlines(True), path, "botocore " + path))
                stale += 1
        return 1 if stale else 0
    sys.stderr.write(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
