"""oracle.py: botocore's own requests pass; a wrong signature, enum, missing member, member botocore would not
send or a query signed in raw order (issue 11 item 1) is a mismatch."""

from __future__ import annotations

import functools
import json
import unittest
from typing import Any
from urllib.parse import quote, unquote, urlsplit

import botocore.session
from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

from gitmoxi_emulator.oracle import BotocoreOracle, WireRequest
from tests.harness import EmulatorTestCase

KEY, SECRET = "AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"
HOST = "127.0.0.1:4566"


class Sent(Exception):
    def __init__(self, request: Any) -> None:
        super().__init__("captured")
        self.request = request


SESSION = botocore.session.get_session()
ORACLE = BotocoreOracle({KEY: SECRET}.get)


@functools.cache
def client(service: str) -> Any:
    return SESSION.create_client(service, region_name="us-east-1", endpoint_url=f"http://{HOST}", aws_access_key_id=KEY, aws_secret_access_key=SECRET)


def botocore_request(service: str, operation: str, **params: Any) -> WireRequest:
    """The request botocore itself sends for ``operation(**params)``, captured before it leaves."""
    client = globals()["client"](service)

    def capture(request: Any, **_: Any) -> None:
        raise Sent(request)

    client.meta.events.register("before-send", capture, unique_id="capture")
    try:
        getattr(client, operation)(**params)
    except Sent as sent:
        url = urlsplit(sent.request.url)
        body = sent.request.body or b""
        headers = {k.lower(): v.decode() if isinstance(v, bytes) else v for k, v in sent.request.headers.items()}
        headers["host"] = HOST
        return WireRequest(sent.request.method, url.path, url.query, headers, body.encode() if isinstance(body, str) else body)
    raise AssertionError("botocore sent nothing")


def resign(request: WireRequest, signing: str, signer: type[SigV4Auth] = SigV4Auth) -> WireRequest:
    """The request signed again (by ``signer``) after a test changed it, so only the change differs."""
    headers = {k: v for k, v in request.headers.items() if k not in ("authorization", "x-amz-date")}
    aws = AWSRequest(method=request.method, url=f"http://{HOST}{request.path}" + (f"?{request.query}" if request.query else ""),
                     headers=headers, data=request.body)
    aws.context["timestamp"] = "20260101T000000Z"
    auth = signer(Credentials(KEY, SECRET), signing, "us-east-1")
    auth._modify_request_before_signing(aws)  # noqa: SLF001 - sets X-Amz-Date from the timestamp, as add_auth does
    canonical = auth.canonical_request(aws)
    signature = auth.signature(auth.string_to_sign(aws, canonical), aws)
    headers = {k.lower(): v for k, v in aws.headers.items()}
    headers["authorization"] = f"AWS4-HMAC-SHA256 Credential={auth.scope(aws)}, SignedHeaders={auth.signed_headers(auth.headers_to_sign(aws))}, Signature={signature}"
    return WireRequest(request.method, request.path, request.query, headers, request.body)


class RawOrderSigner(SigV4Auth):
    """The bug of issue 11 item 1: repeated query values ordered by their raw text, not their encoded form."""

    def canonical_query_string(self, request: Any) -> str:
        pairs = [tuple(p.split("=", 1)) for p in urlsplit(request.url).query.split("&")]
        raw = sorted((unquote(k), unquote(v)) for k, v in pairs)
        return "&".join(f"{quote(k, safe='-_.~')}={quote(v, safe='-_.~')}" for k, v in raw)


def oracle() -> BotocoreOracle:
    return ORACLE


class BotocoreRequestsPassTests(unittest.TestCase):
    def assertPasses(self, request: WireRequest, operation: str) -> None:  # noqa: N802 - unittest style
        verdict = oracle().check(request)
        self.assertEqual((operation, []), (verdict.operation, verdict.reasons))

    def test_rest_json_lambda_request_with_labels_and_repeated_query_values_passes(self) -> None:
        self.assertPasses(
            botocore_request("lambda", "untag_resource", Resource="arn:aws:lambda:us-east-1:123456789012:function:orders", TagKeys=["team-a", "team:a", "app/name"]),
            "lambda:UntagResource")

    def test_rest_json_lambda_body_passes(self) -> None:
        self.assertPasses(
            botocore_request("lambda", "create_event_source_mapping", FunctionName="orders:live", EventSourceArn="arn:aws:sqs:us-east-1:123456789012:q",
                             BatchSize=10, FunctionResponseTypes=["ReportBatchItemFailures"], ScalingConfig={"MaximumConcurrency": 5}),
            "lambda:CreateEventSourceMapping")

    def test_query_elbv2_request_with_lists_passes(self) -> None:
        self.assertPasses(
            botocore_request("elbv2", "register_targets", TargetGroupArn="arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/tg/0123456789abcdef",
                             Targets=[{"Id": "arn:aws:lambda:us-east-1:123456789012:function:orders:live"}]),
            "elbv2:RegisterTargets")

    def test_query_sns_request_with_a_map_passes(self) -> None:
        self.assertPasses(botocore_request("sns", "create_topic", Name="t", Attributes={"DisplayName": "x"}, Tags=[{"Key": "k", "Value": "v"}]), "sns:CreateTopic")

    def test_json_events_and_logs_requests_pass(self) -> None:
        self.assertPasses(botocore_request("events", "put_targets", Rule="r", Targets=[{"Id": "1", "Arn": "arn:aws:lambda:us-east-1:123456789012:function:f"}]), "events:PutTargets")
        self.assertPasses(botocore_request("logs", "describe_subscription_filters", logGroupName="g", limit=5), "logs:DescribeSubscriptionFilters")

    def test_rest_json_scheduler_and_api_gateway_requests_pass(self) -> None:
        self.assertPasses(botocore_request("scheduler", "list_schedules", MaxResults=5, NamePrefix="gitmoxi"), "scheduler:ListSchedules")
        self.assertPasses(botocore_request("apigateway", "get_resources", restApiId="abc123", limit=500), "apigateway:GetResources")
        self.assertPasses(botocore_request("apigatewayv2", "get_routes", ApiId="abc123", MaxResults="10"), "apigatewayv2:GetRoutes")

    def test_rest_xml_s3_request_passes(self) -> None:
        self.assertPasses(
            botocore_request("s3", "put_bucket_notification_configuration", Bucket="orders-bucket", NotificationConfiguration={
                "LambdaFunctionConfigurations": [{"Id": "gitmoxi-1", "LambdaFunctionArn": "arn:aws:lambda:us-east-1:123456789012:function:f",
                                                  "Events": ["s3:ObjectCreated:*"], "Filter": {"Key": {"FilterRules": [{"Name": "prefix", "Value": "in/"}]}}}]}),
            "s3:PutBucketNotificationConfiguration")


class MismatchTests(unittest.TestCase):
    def reasons(self, request: WireRequest) -> list[str]:
        return oracle().check(request).reasons

    def test_a_wrong_signature_is_a_mismatch(self) -> None:
        request = botocore_request("lambda", "list_event_source_mappings", FunctionName="orders")
        forged = request.headers["authorization"][:-4] + "0000"
        reasons = self.reasons(WireRequest(request.method, request.path, request.query, {**request.headers, "authorization": forged}, request.body))
        self.assertEqual(1, len(reasons), reasons)
        self.assertRegex(reasons[0], r"^SigV4 signature [0-9a-f]+0000 differs from botocore's [0-9a-f]{64}$")

    def test_an_unknown_access_key_is_a_mismatch(self) -> None:
        request = botocore_request("sts", "get_caller_identity")
        verdict = BotocoreOracle(lambda _: None).check(request)
        self.assertEqual(["access key 'AKIDEXAMPLE' is unknown to the oracle; its signature cannot be checked"], verdict.reasons)

    def test_a_value_outside_the_enum_is_a_mismatch(self) -> None:
        request = botocore_request("lambda", "create_event_source_mapping", FunctionName="orders", EventSourceArn="arn:aws:sqs:us-east-1:123456789012:q")
        body = {**json.loads(request.body), "FunctionResponseTypes": ["ReportBatchFailures"]}
        reasons = self.reasons(resign(WireRequest(request.method, request.path, request.query, request.headers, json.dumps(body).encode()), "lambda"))
        self.assertEqual(["input.FunctionResponseTypes[0]: 'ReportBatchFailures' is not one of the model's enum values ['ReportBatchItemFailures']"], reasons)

    def test_a_missing_required_member_is_a_mismatch(self) -> None:
        request = botocore_request("elbv2", "register_targets", TargetGroupArn="arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/tg/0123456789abcdef", Targets=[{"Id": "i-1"}])
        form = "&".join(p for p in request.body.decode().split("&") if not p.startswith("TargetGroupArn="))
        reasons = self.reasons(resign(WireRequest(request.method, request.path, request.query, request.headers, form.encode()), "elasticloadbalancing"))
        self.assertEqual(['Missing required parameter in input: "TargetGroupArn"'], reasons)

    def test_a_member_the_model_does_not_have_is_a_mismatch(self) -> None:
        request = botocore_request("events", "list_rules", NamePrefix="gitmoxi")
        body = json.dumps({"NamePrefix": "gitmoxi", "Prefix": "x"}).encode()
        reasons = self.reasons(resign(WireRequest(request.method, request.path, request.query, request.headers, body), "events"))
        self.assertEqual(["member not in the model: Prefix",
                          'body b\'{"NamePrefix": "gitmoxi", "Prefix": "x"}\' differs from botocore\'s b\'{"NamePrefix": "gitmoxi"}\''], reasons)

    def test_a_pattern_and_a_maximum_length_are_checked(self) -> None:
        request = botocore_request("lambda", "add_permission", FunctionName="orders", StatementId="ok", Action="lambda:InvokeFunction", Principal="s3.amazonaws.com")
        body = {**json.loads(request.body), "StatementId": "a.b" + "c" * 100}
        reasons = self.reasons(resign(WireRequest(request.method, request.path, request.query, request.headers, json.dumps(body).encode()), "lambda"))
        self.assertEqual(["input.StatementId: length 103 exceeds the model's maximum 100",
                          "input.StatementId: 'a.b" + "c" * 100 + "' does not match the model's pattern ([a-zA-Z0-9-_]+)"], reasons)

    def test_a_timestamp_serialized_otherwise_than_botocore_is_a_mismatch(self) -> None:
        request = botocore_request("lambda", "create_event_source_mapping", FunctionName="orders", EventSourceArn="arn:aws:kinesis:us-east-1:123456789012:stream/s",
                                   StartingPosition="AT_TIMESTAMP", StartingPositionTimestamp=1767225600)
        body = {**json.loads(request.body), "StartingPositionTimestamp": "2026-01-01T00:00:00Z"}
        reasons = self.reasons(resign(WireRequest(request.method, request.path, request.query, request.headers, json.dumps(body).encode()), "lambda"))
        self.assertEqual(1, len(reasons), reasons)
        self.assertTrue(reasons[0].startswith("body b'{\"FunctionName\""), reasons)

    def test_repeated_query_values_signed_in_raw_order_are_a_mismatch(self) -> None:
        """``team-a`` sorts before ``team:a`` as text, after it encoded (``team%3Aa``): AWS refuses the former."""
        request = botocore_request("lambda", "untag_resource", Resource="arn:aws:lambda:us-east-1:123456789012:function:orders", TagKeys=["team-a", "team:a"])
        self.assertEqual([], self.reasons(resign(request, "lambda")))
        reasons = self.reasons(resign(request, "lambda", RawOrderSigner))
        self.assertEqual(1, len(reasons), reasons)
        self.assertTrue(reasons[0].startswith("SigV4 signature "), reasons)

    def test_a_request_no_model_knows_is_a_mismatch(self) -> None:
        request = botocore_request("lambda", "list_functions")
        reasons = self.reasons(resign(WireRequest("GET", "/2015-03-31/nothing-here", "", request.headers, b""), "lambda"))
        self.assertEqual(["GET /2015-03-31/nothing-here matches no URI template of ['lambda']"], reasons)


class ServerRecordTests(EmulatorTestCase):
    def test_the_server_checks_client_requests_and_skips_marked_probes(self) -> None:
        self.rest("lambda", "GET", "/2015-03-31/event-source-mappings/")
        snapshot = self.control("GET", "oracle")
        self.assertEqual((0, 1, []), (snapshot["checked"], snapshot["skipped"], snapshot["mismatches"]))
        answer = self.send("GET", "/2015-03-31/event-source-mappings/", None, {"Authorization": "AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/lambda/aws4_request, SignedHeaders=host;x-amz-date, Signature=00",
                                                                              "X-Amz-Date": "20260101T000000Z"})
        self.assertEqual(200, answer.status)
        snapshot = self.control("GET", "oracle")
        self.assertEqual(1, snapshot["checked"])
        self.assertEqual("lambda:ListEventSourceMappings", snapshot["mismatches"][0]["operation"])
        self.assertRegex(snapshot["mismatches"][0]["reason"], "^SigV4 signature 00 differs from botocore's")
        self.control("POST", "reset")
        self.assertEqual((0, []), (self.control("GET", "oracle")["checked"], self.control("GET", "oracle")["mismatches"]))

    def test_the_aws_cli_observer_is_botocore_itself_and_only_counted_as_skipped(self) -> None:
        self.send("GET", "/2015-03-31/event-source-mappings/", None, {"Authorization": "AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/lambda/aws4_request, SignedHeaders=host;x-amz-date, Signature=00",
                                                                     "X-Amz-Date": "20260101T000000Z", "User-Agent": "aws-cli/1.45.11 md/Botocore#1.43.11"})
        snapshot = self.control("GET", "oracle")
        self.assertEqual((0, 1, []), (snapshot["checked"], snapshot["skipped"], snapshot["mismatches"]))


if __name__ == "__main__":
    unittest.main()
