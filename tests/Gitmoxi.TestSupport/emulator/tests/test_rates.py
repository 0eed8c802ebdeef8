"""rates.py: the real-AWS profile's token buckets, one per documented quota (README.md, "The real-AWS profile")."""

from __future__ import annotations

import unittest

from gitmoxi_emulator.operations import Caller
from gitmoxi_emulator.rates import REAL_AWS_LIMITS, TokenBuckets
from tests.harness import EmulatorTestCase

CALLER = Caller("123456789012", "us-east-1", "lambda", "test")


class RateLimitTests(unittest.TestCase):
    def bucket_of(self, operation: str) -> str | None:
        return next((limit.name for limit in REAL_AWS_LIMITS if limit.matches(operation)), None)

    def test_each_operation_takes_from_its_documented_bucket(self) -> None:
        expected = {
            "lambda:GetFunction": "lambda:GetFunction",
            "lambda:GetPolicy": "lambda:GetPolicy",
            "lambda:ListEventSourceMappings": "lambda:control-plane",
            "lambda:AddPermission": "lambda:control-plane",
            "lambda:Invoke": None,
            "elasticloadbalancing:DescribeTargetHealth": "elasticloadbalancing:Describe*",
            "elasticloadbalancing:RegisterTargets": "elasticloadbalancing:RegisterTargets",
            "elasticloadbalancing:CreateTargetGroup": None,
            "apigateway:GetRoutes": "apigateway:control-plane",
            "sts:GetCallerIdentity": "sts:credentials",
            "sts:AssumeRoleWithWebIdentity": None,
            "sqs:SendMessage": None,
        }
        self.assertEqual(expected, {op: self.bucket_of(op) for op in expected})

    def test_a_bucket_gives_its_burst_then_asks_to_wait(self) -> None:
        buckets = TokenBuckets(REAL_AWS_LIMITS)
        waits = [buckets.take("elasticloadbalancing:DescribeTargetGroups", CALLER) for _ in range(41)]
        self.assertEqual([None] * 40, waits[:40])
        self.assertGreater(waits[40], 0)
        self.assertLessEqual(waits[40], 0.1)  # refilled at 10 per second
        other_account = Caller("222233334444", "us-east-1", "elasticloadbalancing", "test")
        self.assertIsNone(buckets.take("elasticloadbalancing:DescribeTargetGroups", other_account))


class RealAwsProfileTests(EmulatorTestCase):
    def test_the_profile_throttles_past_the_lambda_control_plane_rate(self) -> None:
        self.configure(profile="real-aws", latencyMs=0)
        statuses = [self.list_mappings().status for _ in range(25)]
        self.assertEqual([200] * 15, statuses[:15])
        self.assertIn(429, statuses[15:])
        self.assertTrue(any(f["kind"] == "rate-limit" and f["operation"] == "lambda:ListEventSourceMappings" for f in self.counts()["faults"]))

    def test_reset_clears_the_profile(self) -> None:
        self.configure(profile="real-aws", latencyMs=0)
        self.control("POST", "reset")
        self.assertIsNone(self.control("GET", "config")["profile"])
