"""server.py and operations.py: the control endpoints, request counting and the command line."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import threading
import unittest

from tests.harness import MAPPINGS, EmulatorTestCase

EMULATOR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


class ControlTests(EmulatorTestCase):
    def test_requests_are_counted_per_operation_as_reads_or_writes_and_seeding_is_not(self) -> None:
        world = self.seed()
        self.list_mappings()
        self.create_mapping(EventSourceArn=world["queues"]["orders-queue"], FunctionName="orders")
        self.query("elasticloadbalancing", "DescribeTargetGroups")
        counts = self.counts()
        self.assertEqual(
            [
                {"name": "lambda:ListEventSourceMappings", "count": 1, "isWrite": False},
                {"name": "lambda:CreateEventSourceMapping", "count": 1, "isWrite": True},
                {"name": "elasticloadbalancing:DescribeTargetGroups", "count": 1, "isWrite": False},
            ],
            counts["operations"],
        )
        self.assertEqual((2, 1), (counts["reads"], counts["writes"]))
        self.control("POST", "requests/reset")
        self.assertEqual([], self.counts()["operations"])

    def test_reset_wipes_every_service_and_mapping(self) -> None:
        world = self.seed()
        self.create_mapping(EventSourceArn=world["queues"]["orders-queue"], FunctionName="orders")
        self.control("POST", "reset")
        self.assertEqual([], self.list_mappings().json()["EventSourceMappings"])
        self.assertEqual(404, self.rest("lambda", "GET", "/2015-03-31/functions/orders").status)

    def test_a_rejected_configuration_changes_nothing(self) -> None:
        self.configure(stateTransitionSeconds=5)
        answer = self.send("POST", "/_gitmoxi/config", b'{"profile":"nope","stateTransitionSeconds":9}', {"Content-Type": "application/json"})
        self.assertEqual(400, answer.status)
        self.assertEqual(5, self.control("GET", "config")["stateTransitionSeconds"])

    def test_an_unknown_control_endpoint_is_404(self) -> None:
        self.assertEqual(404, self.send("GET", "/_gitmoxi/nope", None, {}).status)

    def test_rest_operations_are_named_after_the_botocore_model(self) -> None:
        self.rest("lambda", "GET", MAPPINGS + "some-uuid")
        self.rest("lambda", "GET", "/2015-03-31/functions/orders/policy")
        self.rest("apigateway", "GET", "/v2/apis/abc/routes")
        names = [o["name"] for o in self.counts()["operations"]]
        self.assertEqual(["lambda:GetEventSourceMapping", "lambda:GetPolicy", "apigateway:GetRoutes"], names)


class CommandLineTests(unittest.TestCase):
    def test_the_launcher_binds_a_free_port_itself_and_reports_it(self) -> None:
        """No probe-then-bind race: the launcher binds port 0 and prints the port it got."""
        launcher = subprocess.Popen(
            [sys.executable, os.path.join(EMULATOR, "gitmoxi_emulator.py"), "--port", "0", "--watch-stdin"],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )
        watchdog = threading.Timer(90, launcher.kill)  # a launcher that never gets ready fails the test, not the run
        watchdog.start()
        try:
            line = launcher.stdout.readline()
            match = re.fullmatch(r"GITMOXI_EMULATOR_READY port=(\d+)\n", line)
            self.assertIsNotNone(match, line + launcher.stderr.read() if launcher.poll() is not None else line)
            self.assertGreater(int(match.group(1)), 0)
            launcher.stdin.close()  # the fixture's cue to exit
            self.assertEqual(0, launcher.wait(timeout=10))
        finally:
            watchdog.cancel()
            if launcher.poll() is None:
                launcher.kill()
            launcher.stdout.close()
            launcher.stderr.close()
