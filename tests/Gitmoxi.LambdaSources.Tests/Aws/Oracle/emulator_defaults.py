"""The emulator launcher's AWS defaults per kind of source (apply_aws_defaults), for the member-table test.

argv[1]: the launcher's directory. stdout: {kind: settings} for a mapping created with no optional member.
"""
import json
import sys

sys.path.insert(0, sys.argv[1])
from gitmoxi_emulator.esm import apply_aws_defaults  # noqa: E402

KINDS = ["sqs", "kinesis", "dynamodb", "kafka", "kafka-self-managed", "mq", "docdb"]
result = {}
for kind in KINDS:
    settings = {}
    apply_aws_defaults(kind, settings, "MAPPING-UUID")
    result[kind] = settings
json.dump(result, sys.stdout)
