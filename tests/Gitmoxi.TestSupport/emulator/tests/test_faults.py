"""faults.py: seeded faults and their wire shapes per protocol (README.md, "Faults and the real-AWS profile")."""

from __future__ import annotations

import http.client
import unittest

from gitmoxi_emulator.faults import FaultInjector, FaultPlan
from tests.harness import MAPPINGS, EmulatorTestCase


def plan(**spec) -> FaultPlan:
    return FaultPlan.parse(spec)


class FaultPlanTests(unittest.TestCase):
    def test_the_same_seed_draws_the_same_faults_and_non_matching_requests_draw_nothing(self) -> None:
        def draws(seed: int, operations: list[str]) -> list[str | None]:
            injector = FaultInjector()
            injector.configure(plan(seed=seed, probability=0.5, kinds=["throttle", "unavailable"], operations=["lambda:*"]))
            return [(f.kind if (f := injector.draw(op)) else None) for op in operations]

        lambda_only = ["lambda:ListEventSourceMappings"] * 40
        mixed = [op for pair in zip(lambda_only, ["sts:GetCallerIdentity"] * 40) for op in pair]
        self.assertEqual(draws(7, lambda_only), draws(7, lambda_only))
        self.assertEqual(draws(7, lambda_only), [d for d, op in zip(draws(7, mixed), mixed) if op.startswith("lambda")])
        self.assertNotEqual(draws(7, lambda_only), draws(8, lambda_only))
        self.assertTrue(all(d is None for d, op in zip(draws(7, mixed), mixed) if op.startswith("sts")))

    def test_writes_only_and_fail_after_select_the_requests(self) -> None:
        injector = FaultInjector()
        injector.configure(plan(failAfter=2, writesOnly=True, kinds=["internal-error"]))
        kinds = [(f.kind if (f := injector.draw(op)) else None) for op in ["lambda:GetFunction", "lambda:AddPermission", "lambda:AddPermission", "lambda:ListTags", "lambda:AddPermission"]]
        self.assertEqual([None, None, None, None, "internal-error"], kinds)
        self.assertEqual([{"kind": "internal-error", "operation": "lambda:AddPermission", "count": 1}], injector.snapshot())

    def test_an_invalid_plan_is_refused(self) -> None:
        for spec in ({"kinds": ["nope"]}, {"phase": "during"}, {"probability": 2}):
            with self.assertRaises(ValueError):
                plan(**spec)


class FaultWireTests(EmulatorTestCase):
    def fault(self, kind: str, operations: list[str], **spec) -> None:
        self.configure(faults={"seed": 1, "probability": 1, "kinds": [kind], "operations": operations, **spec})

    def test_throttle_answers_each_protocol_as_its_sdk_parses_it(self) -> None:
        self.fault("throttle", ["lambda:*", "apigateway:*", "elasticloadbalancing:*"], retryAfterSeconds=3)
        lam = self.list_mappings()
        self.assertError(lam, 429, "TooManyRequestsException")
        self.assertEqual("3", lam.headers["retry-after"])
        self.assertEqual({"__type": "TooManyRequestsException", "Type": "User", "message": "Rate exceeded", "retryAfterSeconds": "3", "Reason": "CallerRateLimitExceeded"}, lam.json())
        api = self.rest("apigateway", "GET", "/v2/apis")
        self.assertError(api, 429, "TooManyRequestsException")
        self.assertEqual("Rate", api.json()["limitType"])
        elb = self.query("elasticloadbalancing", "DescribeTargetGroups")
        self.assertError(elb, 400, "Throttling")
        self.assertEqual((["Sender"], ["Rate exceeded"]), (elb.xml_values("Type"), elb.xml_values("Message")))

    def test_server_errors_use_each_services_codes(self) -> None:
        self.fault("internal-error", ["lambda:*", "sts:*"])
        self.assertError(self.list_mappings(), 500, "ServiceException")
        sts = self.query("sts", "GetCallerIdentity")
        self.assertError(sts, 500, "InternalFailure")
        self.assertEqual(["Receiver"], sts.xml_values("Type"))
        self.fault("unavailable", ["apigateway:*"])
        self.assertError(self.rest("apigateway", "GET", "/v2/apis"), 503, "ServiceUnavailable")

    def test_an_after_request_fault_applies_the_request_and_loses_its_answer(self) -> None:
        world = self.seed()
        self.fault("internal-error", ["lambda:CreateEventSourceMapping"], phase="after")
        self.assertError(self.create_mapping(EventSourceArn=world["queues"]["orders-queue"], FunctionName="orders"), 500, "ServiceException")
        self.configure(faults=None)
        self.assertEqual(1, len(self.list_mappings().json()["EventSourceMappings"]))
        counts = self.counts()
        self.assertIn({"kind": "internal-error", "operation": "lambda:CreateEventSourceMapping", "count": 1}, counts["faults"])

    def test_a_connection_reset_sends_no_response(self) -> None:
        self.fault("connection-reset", ["lambda:*"])
        with self.assertRaises((ConnectionError, http.client.RemoteDisconnected)):
            self.list_mappings()

    def test_latency_delays_the_answer_without_failing_it(self) -> None:
        self.fault("latency", ["lambda:*"], latencyMs=200)
        import time

        started = time.monotonic()
        self.assertEqual(200, self.list_mappings().status)
        self.assertGreaterEqual(time.monotonic() - started, 0.2)
