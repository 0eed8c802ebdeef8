"""The corrections of s3.py: bucket notification configurations, as the S3 documentation describes them."""

from __future__ import annotations

from tests.harness import ACCOUNT, EmulatorTestCase

POLICY = "/2015-03-31/functions/orders/policy"
BUCKET = "uploads-bucket"
NS = 'xmlns="http://s3.amazonaws.com/doc/2006-03-01/"'


def lambda_configuration(function: str, event: str = "s3:ObjectCreated:*", prefix: str | None = None, id_: str = "l") -> str:
    rule = f"<Filter><S3Key><FilterRule><Name>prefix</Name><Value>{prefix}</Value></FilterRule></S3Key></Filter>" if prefix else ""
    return f"<CloudFunctionConfiguration><Id>{id_}</Id><CloudFunction>{function}</CloudFunction><Event>{event}</Event>{rule}</CloudFunctionConfiguration>"


def queue_configuration(event: str, prefix: str) -> str:
    return (
        f"<QueueConfiguration><Id>q</Id><Queue>arn:aws:sqs:us-east-1:{ACCOUNT}:uploads</Queue><Event>{event}</Event>"
        f"<Filter><S3Key><FilterRule><Name>prefix</Name><Value>{prefix}</Value></FilterRule></S3Key></Filter></QueueConfiguration>"
    )


class BucketNotificationTests(EmulatorTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.world = self.seed({})
        self.function = self.world["functions"]["orders"]["arn"]
        self.assertEqual(200, self.s3("PUT", f"/{BUCKET}").status)

    def s3(self, method: str, target: str, body: bytes | None = None, **headers: str) -> object:
        from gitmoxi_emulator.wire import signature_stub

        return self.send(method, target, body, {"Authorization": signature_stub("s3"), **headers})

    def put(self, *configurations: str, **headers: str):
        body = f"<NotificationConfiguration {NS}>{''.join(configurations)}</NotificationConfiguration>".encode()
        return self.s3("PUT", f"/{BUCKET}?notification", body, **headers)

    def allow(self, source_account: str | None = ACCOUNT, bucket: str = BUCKET) -> None:
        request = {"StatementId": "s3", "Action": "lambda:InvokeFunction", "Principal": "s3.amazonaws.com", "SourceArn": f"arn:aws:s3:::{bucket}"}
        if source_account:
            request["SourceAccount"] = source_account
        self.assertEqual(201, self.rest("lambda", "POST", POLICY, request).status)

    def test_a_lambda_destination_must_let_s3_invoke_it_from_the_bucket(self) -> None:
        answer = self.put(lambda_configuration(self.function))
        self.assertError(answer, 400, "InvalidArgument")
        self.assertIn(b"Unable to validate the following destination configurations", answer.body)
        self.allow(bucket="another-bucket")
        self.assertError(self.put(lambda_configuration(self.function)), 400, "InvalidArgument")

    def test_a_permission_with_the_bucket_and_its_owner_account_validates(self) -> None:
        self.allow()
        self.assertEqual(200, self.put(lambda_configuration(self.function)).status)

    def test_overlapping_configurations_are_refused(self) -> None:
        self.allow()
        answer = self.put(queue_configuration("s3:ObjectCreated:*", "in/"), lambda_configuration(self.function, "s3:ObjectCreated:Put", "in/new/"))
        self.assertError(answer, 400, "InvalidArgument")
        self.assertIn(b"Configurations overlap", answer.body)
        self.assertEqual(200, self.put(queue_configuration("s3:ObjectCreated:*", "in/"), lambda_configuration(self.function, prefix="out/")).status)
        self.assertEqual(200, self.put(queue_configuration("s3:ObjectRemoved:*", "in/"), lambda_configuration(self.function, prefix="in/")).status)

    def test_the_eventbridge_flag_is_returned(self) -> None:
        self.assertEqual(200, self.put("<EventBridgeConfiguration/>").status)
        self.assertIn(b"EventBridgeConfiguration", self.s3("GET", f"/{BUCKET}?notification").body)
        self.assertEqual(200, self.put().status)
        self.assertNotIn(b"EventBridgeConfiguration", self.s3("GET", f"/{BUCKET}?notification").body)

    def test_another_expected_bucket_owner_is_refused(self) -> None:
        answer = self.s3("GET", f"/{BUCKET}?notification", **{"x-amz-expected-bucket-owner": "111122223333"})
        self.assertError(answer, 403, "AccessDenied")
        self.assertEqual(200, self.s3("GET", f"/{BUCKET}?notification", **{"x-amz-expected-bucket-owner": ACCOUNT}).status)

    def test_requests_are_named_after_their_operation(self) -> None:
        self.s3("GET", f"/{BUCKET}?notification")
        names = [o["name"] for o in self.counts()["operations"]]
        self.assertIn("s3:GetBucketNotificationConfiguration", names)
        self.assertNotIn("s3:GetBucketNotificationConfiguration", [o["name"] for o in self.counts()["operations"] if o["isWrite"]])
