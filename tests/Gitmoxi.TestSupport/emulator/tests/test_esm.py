"""Corrections (a)–(j) of esm.py: Lambda event source mappings as the Lambda API reference documents them
(letters as in tests/Gitmoxi.TestSupport/README.md)."""

from __future__ import annotations

import time

from tests.harness import MAPPINGS, EmulatorTestCase


class EventSourceMappingTests(EmulatorTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.world = self.seed()
        self.orders = self.world["functions"]["orders"]
        self.queue = self.world["queues"]["orders-queue"]

    def mapping(self, function: str = "orders", source: str | None = None, **request):
        answer = self.create_mapping(EventSourceArn=source or self.queue, FunctionName=function, **request)
        self.assertEqual(202, answer.status, answer.body)
        return answer.json()

    def test_a_list_pages_with_max_items_and_marker_and_rejects_out_of_range(self) -> None:
        queues = self.seed({"functions": [], "queues": [f"q{i}" for i in range(5)], "streams": [], "tables": []})["queues"]
        for arn in queues.values():
            self.mapping(source=arn)
        first = self.list_mappings(MaxItems="2").json()
        self.assertEqual(2, len(first["EventSourceMappings"]))
        seen = [m["UUID"] for m in first["EventSourceMappings"]]
        marker = first["NextMarker"]
        while marker:
            page = self.list_mappings(MaxItems="2", Marker=marker).json()
            seen += [m["UUID"] for m in page["EventSourceMappings"]]
            marker = page.get("NextMarker")
        self.assertEqual(5, len(set(seen)))
        self.assertError(self.list_mappings(MaxItems="0"), 400, "ValidationException")
        self.assertError(self.list_mappings(MaxItems="10001"), 400, "ValidationException")

    def test_b_function_filter_names_one_function_in_every_form_and_keeps_the_qualifier(self) -> None:
        unqualified = self.mapping("orders")["UUID"]
        live = self.mapping("orders:live", source=self.world["queues"]["orders-queue.fifo"])["UUID"]
        arn = self.orders["arn"]
        for reference in ("orders", f"{arn}", "123456789012:function:orders"):
            self.assertEqual([unqualified], [m["UUID"] for m in self.list_mappings(FunctionName=reference).json()["EventSourceMappings"]], reference)
        for reference in ("orders:live", self.orders["aliases"]["live"]):
            self.assertEqual([live], [m["UUID"] for m in self.list_mappings(FunctionName=reference).json()["EventSourceMappings"]], reference)

    def test_c_states_move_through_transitions_and_refuse_changes_meanwhile(self) -> None:
        self.configure(stateTransitionSeconds=30)
        created = self.mapping()
        self.assertEqual("Creating", created["State"])
        path = MAPPINGS + created["UUID"]
        self.assertError(self.rest("lambda", "PUT", path, {"BatchSize": 5}), 400, "ResourceInUseException")
        self.assertError(self.rest("lambda", "DELETE", path), 400, "ResourceInUseException")
        self.configure(stateTransitionSeconds=0)
        self.assertEqual("Enabled", self.rest("lambda", "GET", path).json()["State"])
        self.assertEqual("Disabling", self.rest("lambda", "PUT", path, {"Enabled": False}).json()["State"])
        self.assertEqual("Disabled", self.rest("lambda", "GET", path).json()["State"])
        self.assertEqual("Updating", self.rest("lambda", "PUT", path, {"BatchSize": 5}).json()["State"])
        self.assertEqual("Deleting", self.rest("lambda", "DELETE", path).json()["State"])
        self.assertError(self.rest("lambda", "GET", path), 404, "ResourceNotFoundException")

    def test_d_a_second_mapping_of_the_same_source_and_function_conflicts(self) -> None:
        existing = self.mapping()["UUID"]
        answer = self.create_mapping(EventSourceArn=self.queue, FunctionName=self.orders["arn"])
        self.assertError(answer, 409, "ResourceConflictException")
        self.assertIn(existing, answer.json()["message"])
        self.assertEqual(202, self.create_mapping(EventSourceArn=self.queue, FunctionName="orders:live").status)

    def test_e_function_arn_keeps_the_alias(self) -> None:
        self.assertEqual(self.orders["aliases"]["live"], self.mapping("orders:live")["FunctionArn"])

    def test_f_tags_only_through_list_tags_and_tag_resource_answers_204(self) -> None:
        created = self.mapping(Tags={"owner": "a"})
        self.assertNotIn("Tags", created)
        tags = "/2017-03-31/tags/" + created["EventSourceMappingArn"]
        self.assertEqual(204, self.rest("lambda", "POST", tags, {"Tags": {"team": "b"}}).status)
        self.assertEqual({"owner": "a", "team": "b"}, self.rest("lambda", "GET", tags).json()["Tags"])
        self.assertEqual(204, self.rest("lambda", "DELETE", tags, query={"tagKeys": "owner"}).status)
        self.assertEqual({"team": "b"}, self.rest("lambda", "GET", tags).json()["Tags"])
        self.assertNotIn("Tags", self.rest("lambda", "GET", MAPPINGS + created["UUID"]).json())

    def test_g_unknown_uuid_is_a_json_404_and_writes_answer_202(self) -> None:
        unknown = MAPPINGS + "00000000-0000-0000-0000-000000000000"
        for method in ("GET", "PUT", "DELETE"):
            answer = self.rest("lambda", method, unknown, {} if method == "PUT" else None)
            self.assertError(answer, 404, "ResourceNotFoundException")
            self.assertEqual({"__type", "Type", "message"}, set(answer.json()))
        created = self.create_mapping(EventSourceArn=self.queue, FunctionName="orders")
        self.assertEqual(202, created.status)

    def test_h_kafka_mq_and_documentdb_mappings_are_served_with_a_generated_consumer_group(self) -> None:
        msk = self.mapping(source="arn:aws:kafka:us-east-1:123456789012:cluster/c/1", Topics=["t"], StartingPosition="LATEST")
        self.assertEqual(msk["UUID"], msk["AmazonManagedKafkaEventSourceConfig"]["ConsumerGroupId"])
        answer = self.rest("lambda", "PUT", MAPPINGS + msk["UUID"], {"AmazonManagedKafkaEventSourceConfig": {"ConsumerGroupId": "other"}})
        self.assertError(answer, 400, "InvalidParameterValueException")
        self.create_mapping(FunctionName="orders:live", Topics=["t"], StartingPosition="LATEST",
                            SelfManagedEventSource={"Endpoints": {"KAFKA_BOOTSTRAP_SERVERS": ["b:9092"]}})
        self.mapping(source="arn:aws:mq:us-east-1:123456789012:broker:b:1", Queues=["q"])
        self.mapping(source="arn:aws:rds:us-east-1:123456789012:cluster:docs", DocumentDBEventSourceConfig={"DatabaseName": "d"})
        self.assertEqual(4, len(self.list_mappings().json()["EventSourceMappings"]))

    def test_i_aws_defaults_are_returned(self) -> None:
        sqs = self.mapping()
        self.assertEqual((10, 0, []), (sqs["BatchSize"], sqs["MaximumBatchingWindowInSeconds"], sqs["FunctionResponseTypes"]))
        stream = self.mapping(source=self.world["streams"]["orders-stream"], StartingPosition="LATEST")
        expected = {"BatchSize": 100, "MaximumRecordAgeInSeconds": -1, "MaximumRetryAttempts": -1, "ParallelizationFactor": 1,
                    "BisectBatchOnFunctionError": False, "TumblingWindowInSeconds": 0}
        self.assertEqual(expected, {k: stream[k] for k in expected})

    def test_j_validation_moto_skips_is_a_400(self) -> None:
        stream = self.world["streams"]["orders-stream"]
        for request in (
            {"EventSourceArn": stream, "FunctionName": "orders"},  # no StartingPosition
            {"EventSourceArn": self.queue, "FunctionName": "orders", "BatchSize": 10001},
            {"EventSourceArn": self.world["queues"]["orders-queue.fifo"], "FunctionName": "orders", "BatchSize": 11},
            {"EventSourceArn": self.queue, "FunctionName": "orders", "BatchSize": 11},  # no batching window
        ):
            self.assertError(self.create_mapping(**request), 400, "InvalidParameterValueException")
        self.assertEqual(202, self.create_mapping(EventSourceArn=self.queue, FunctionName="orders", BatchSize=11, MaximumBatchingWindowInSeconds=1).status)

    def test_corrections_off_serves_mappings_from_plain_moto(self) -> None:
        self.configure(corrections=False)
        answer = self.create_mapping(EventSourceArn=self.queue, FunctionName="orders")
        self.assertNotEqual(202, answer.status)


if __name__ == "__main__":
    import unittest

    unittest.main()
