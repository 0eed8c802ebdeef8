"""seeding.seed_crowd: other deployers' mappings in bulk, for large-account tests and benchmarks."""

from __future__ import annotations

from tests.harness import EmulatorTestCase


class CrowdSeedingTests(EmulatorTestCase):
    def test_crowd_seeds_every_function_on_every_queue_as_settled_unqualified_mappings(self) -> None:
        seeded = self.seed({"functions": [], "queues": [], "streams": [], "tables": [], "crowd": {"functions": 3, "queues": 40}})
        self.assertEqual({"functions": 3, "queues": 40, "mappings": 120, "accountMappings": 120}, seeded["crowd"])
        first = self.list_mappings().json()
        self.assertEqual(100, len(first["EventSourceMappings"]))
        second = self.list_mappings(Marker=first["NextMarker"]).json()
        mappings = first["EventSourceMappings"] + second["EventSourceMappings"]
        self.assertEqual(120, len({m["UUID"] for m in mappings}))
        self.assertEqual({"Enabled"}, {m["State"] for m in mappings})
        only = self.list_mappings(FunctionName="crowd-fn-00001").json()["EventSourceMappings"]
        self.assertEqual(40, len(only))
        self.assertEqual({"arn:aws:lambda:us-east-1:123456789012:function:crowd-fn-00001"}, {m["FunctionArn"] for m in only})
