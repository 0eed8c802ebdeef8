"""completion.py: with completeResponses on, every output member of the model is in the answer, at every depth,
readable by botocore's own parser — except paging tokens, which would page for ever."""

from __future__ import annotations

import json
import unittest
from typing import Any

import botocore.session
from botocore.model import Shape
from botocore.parsers import create_parser

from gitmoxi_emulator.completion import ResponseCompleter
from gitmoxi_emulator.wire import Reply
from tests.harness import EmulatorTestCase

SESSION = botocore.session.get_session()
TOKENS = {"NextMarker", "NextToken", "Marker", "nextToken"}


def missing(value: Any, shape: Shape, path: str, depth: int = 0) -> list[str]:
    """Members of ``shape`` absent from botocore's parse of an answer (to the completion's depth)."""
    if depth > 5:
        return []
    if shape.type_name == "structure":
        gaps = []
        for name, member in shape.members.items():
            if name in TOKENS or member.serialization.get("location") or (shape.metadata.get("union") and name != next(iter(shape.members))):
                continue
            gaps += [f"{path}.{name}"] if name not in value else missing(value[name], member, f"{path}.{name}", depth + 1)
        return gaps
    if shape.type_name == "list":
        return [f"{path}[]"] if not value else [g for item in value for g in missing(item, shape.member, f"{path}[]", depth + 1)]
    return []


def parse(service: str, operation: str, body: bytes) -> tuple[dict[str, Any], Shape]:
    model = SESSION.get_service_model(service)
    shape = model.operation_model(operation).output_shape
    return create_parser(model.protocol).parse({"status_code": 200, "headers": {}, "body": body}, shape), shape


def complete(service: str, operation: str, protocol: str, body: bytes) -> bytes:
    model = SESSION.get_service_model(service)
    return ResponseCompleter().complete(model, model.operation_model(operation), protocol, Reply(200, body, [("Content-Length", str(len(body)))])).body


class CompletionTests(unittest.TestCase):
    def test_json_answer_gets_every_member_and_moto_nulls_are_filled_but_not_the_paging_token(self) -> None:
        body = complete("lambda", "ListEventSourceMappings", "rest-json", json.dumps({"EventSourceMappings": [{"UUID": "u-1", "KMSKeyArn": None}]}).encode())
        parsed, shape = parse("lambda", "ListEventSourceMappings", body)
        self.assertEqual([], missing(parsed, shape, "ListEventSourceMappings"))
        self.assertEqual("u-1", parsed["EventSourceMappings"][0]["UUID"])
        self.assertNotIn("NextMarker", parsed)
        self.assertTrue(parsed["EventSourceMappings"][0]["KMSKeyArn"].startswith("arn:"), parsed["EventSourceMappings"][0]["KMSKeyArn"])

    def test_query_answer_gets_every_element_inside_its_result_wrapper(self) -> None:
        moto = (b'<DescribeTargetGroupsResponse xmlns="http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/"><DescribeTargetGroupsResult>'
                b"<TargetGroups><member><TargetGroupName>tg</TargetGroupName></member></TargetGroups></DescribeTargetGroupsResult>"
                b"<ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></DescribeTargetGroupsResponse>")
        parsed, shape = parse("elbv2", "DescribeTargetGroups", complete("elbv2", "DescribeTargetGroups", "query", moto))
        self.assertEqual([], missing(parsed, shape, "DescribeTargetGroups"))
        self.assertEqual("tg", parsed["TargetGroups"][0]["TargetGroupName"])
        self.assertEqual("HTTP", parsed["TargetGroups"][0]["Protocol"])  # the first enum value
        self.assertNotIn("NextMarker", parsed)

    def test_rest_xml_answer_gets_flattened_lists_with_every_member(self) -> None:
        moto = b'<NotificationConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/"></NotificationConfiguration>'
        parsed, shape = parse("s3", "GetBucketNotificationConfiguration", complete("s3", "GetBucketNotificationConfiguration", "rest-xml", moto))
        self.assertEqual([], missing(parsed, shape, "GetBucketNotificationConfiguration"))
        self.assertEqual(["s3:ReducedRedundancyLostObject"], parsed["LambdaFunctionConfigurations"][0]["Events"])

    def test_json_1_1_answers_get_every_member_and_timestamps_as_epoch_seconds(self) -> None:
        body = complete("logs", "DescribeSubscriptionFilters", "json", b"{}")
        parsed, shape = parse("logs", "DescribeSubscriptionFilters", body)
        self.assertEqual([], missing(parsed, shape, "DescribeSubscriptionFilters"))
        body = complete("events", "DescribeRule", "json", b'{"Name":"r"}')
        self.assertEqual(("r", "ENABLED"), (json.loads(body)["Name"], json.loads(body)["State"]))
        body = complete("scheduler", "GetSchedule", "rest-json", b"{}")
        self.assertEqual(1767268800, json.loads(body)["CreationDate"])

    def test_an_error_answer_is_left_alone(self) -> None:
        model = SESSION.get_service_model("lambda")
        error = Reply(404, b'{"Type":"User","message":"nope"}', [])
        self.assertIs(error, ResponseCompleter().complete(model, model.operation_model("GetPolicy"), "rest-json", error))


    def test_status_mode_fills_only_members_no_request_sets_and_grows_no_list(self) -> None:
        model = SESSION.get_service_model("lambda")
        moto = json.dumps({"EventSourceMappings": [{"UUID": "u-1", "BatchSize": 10}]}).encode()
        body = json.loads(ResponseCompleter().complete(model, model.operation_model("ListEventSourceMappings"), "rest-json", Reply(200, moto, []), "status").body)
        mapping = body["EventSourceMappings"][0]
        self.assertEqual("gitmoxi", mapping["StateTransitionReason"])  # status: filled
        self.assertIn("FilterCriteriaError", mapping)
        for setting in ("ScalingConfig", "FilterCriteria", "DestinationConfig", "KMSKeyArn", "Queues"):  # request members: left out
            self.assertNotIn(setting, mapping)
        empty = ResponseCompleter().complete(model, model.operation_model("ListEventSourceMappings"), "rest-json", Reply(200, b'{"EventSourceMappings": []}', []), "status")
        self.assertEqual([], json.loads(empty.body)["EventSourceMappings"])

    def test_status_mode_never_invents_a_member_whose_presence_states_a_fact(self) -> None:
        model = SESSION.get_service_model("events")
        moto = json.dumps({"Name": "nightly", "Arn": "arn:aws:events:us-east-1:123456789012:rule/nightly", "State": "ENABLED"}).encode()
        status = json.loads(ResponseCompleter().complete(model, model.operation_model("DescribeRule"), "json", Reply(200, moto, []), "status").body)
        self.assertNotIn("ManagedBy", status)  # a rule a user made: AWS sends no ManagedBy
        self.assertEqual("gitmoxi", status["CreatedBy"])  # other status members are filled
        full = json.loads(ResponseCompleter().complete(model, model.operation_model("DescribeRule"), "json", Reply(200, moto, []), "all").body)
        self.assertIn("ManagedBy", full)  # all: every member, for the parsers
        model = SESSION.get_service_model("apigateway")
        method = json.dumps({"httpMethod": "GET", "authorizationType": "NONE"}).encode()
        bare = json.loads(ResponseCompleter().complete(model, model.operation_model("GetMethod"), "rest-json", Reply(200, method, []), "status").body)
        self.assertNotIn("methodIntegration", bare)  # a method without an integration has none

class CompletionSettingTests(EmulatorTestCase):
    def test_complete_responses_is_a_setting_off_by_default_and_reset_with_the_rest(self) -> None:
        self.assertIsNone(self.control("GET", "config")["completeResponses"])
        self.assertEqual("all", self.configure(completeResponses=True)["completeResponses"])
        self.assertEqual("status", self.configure(completeResponses="status")["completeResponses"])
        self.control("POST", "reset")
        self.assertIsNone(self.control("GET", "config")["completeResponses"])


if __name__ == "__main__":
    unittest.main()
