"""The correction of events.py: a rule takes five targets, as the EventBridge quotas page says."""

from __future__ import annotations

import json

from gitmoxi_emulator.wire import signature_stub
from tests.harness import Answer, EmulatorTestCase


class RuleTargetTests(EmulatorTestCase):
    def events(self, operation: str, request: dict) -> Answer:
        headers = {
            "Authorization": signature_stub("events"),
            "Content-Type": "application/x-amz-json-1.1",
            "X-Amz-Target": f"AWSEvents.{operation}",
        }
        return self.send("POST", "/", json.dumps(request).encode(), headers)

    def put(self, *ids: str) -> Answer:
        targets = [{"Id": i, "Arn": f"arn:aws:sqs:us-east-1:123456789012:{i}"} for i in ids]
        return self.events("PutTargets", {"Rule": "nightly", "Targets": targets})

    def test_a_rule_takes_five_targets_and_a_sixth_is_refused(self) -> None:
        self.assertEqual(200, self.events("PutRule", {"Name": "nightly", "ScheduleExpression": "rate(1 day)"}).status)
        self.assertEqual(200, self.put("a", "b", "c", "d").status)
        self.assertEqual(200, self.put("e").status)
        self.assertEqual(200, self.put("a").status, "replacing a target of the rule counts once")
        self.assertError(self.put("f"), 400, "LimitExceededException")
        targets = self.events("ListTargetsByRule", {"Rule": "nightly"}).json()["Targets"]
        self.assertEqual(["a", "b", "c", "d", "e"], sorted(t["Id"] for t in targets))
