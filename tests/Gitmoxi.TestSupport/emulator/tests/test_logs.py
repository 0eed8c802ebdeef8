"""Corrections lg1 and lg2 of logs.py: CloudWatch Logs subscription filters to a Lambda function."""

from __future__ import annotations

import json

from gitmoxi_emulator.wire import signature_stub
from tests.harness import Answer, EmulatorTestCase

GROUP_ARN = "arn:aws:logs:us-east-1:123456789012:log-group:/app/orders:*"


class SubscriptionFilterTests(EmulatorTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.world = self.seed()
        self.live = self.world["functions"]["orders"]["aliases"]["live"]
        self.assertEqual(200, self.logs("CreateLogGroup", {"logGroupName": "/app/orders"}).status)

    def logs(self, operation: str, request: dict) -> Answer:
        headers = {
            "Authorization": signature_stub("logs"),
            "Content-Type": "application/x-amz-json-1.1",
            "X-Amz-Target": f"Logs_20140328.{operation}",
        }
        return self.send("POST", "/", json.dumps(request).encode(), headers)

    def allow(self, source_arn: str) -> None:
        request = {"StatementId": "logs", "Action": "lambda:InvokeFunction", "Principal": "logs.amazonaws.com", "SourceArn": source_arn}
        self.assertEqual(201, self.rest("lambda", "POST", "/2015-03-31/functions/orders/policy", request, query={"Qualifier": "live"}).status)

    def put(self, name: str, pattern: str = "") -> Answer:
        return self.logs("PutSubscriptionFilter", {"logGroupName": "/app/orders", "filterName": name, "filterPattern": pattern, "destinationArn": self.live})

    def test_lg1_a_function_destination_needs_a_statement_for_the_group(self) -> None:
        self.assertError(self.put("errors"), 400, "InvalidParameterException")
        self.assertIn("Make sure you have given CloudWatch Logs permission", self.put("errors").body.decode())
        self.allow(GROUP_ARN)
        self.assertEqual(200, self.put("errors").status)

    def test_lg2_one_of_two_filters_can_be_updated_and_a_third_is_refused(self) -> None:
        self.allow(GROUP_ARN)
        self.assertEqual(200, self.put("a").status)
        self.assertEqual(200, self.put("b").status)
        self.assertEqual(200, self.put("a", "ERROR").status)
        self.assertError(self.put("c"), 400, "LimitExceededException")
        filters = self.logs("DescribeSubscriptionFilters", {"logGroupName": "/app/orders"}).json()["subscriptionFilters"]
        self.assertEqual([("a", "ERROR"), ("b", "")], sorted((f["filterName"], f["filterPattern"]) for f in filters))
