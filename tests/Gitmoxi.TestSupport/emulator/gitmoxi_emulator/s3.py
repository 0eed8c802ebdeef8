"""S3 bucket notification configurations, checked and reshaped around moto."""

from __future__ import annotations

import re
import uuid
import xml.etree.ElementTree as ET
from typing import Any

from .corrections import Correction
from .permissions import PolicyService
from .settings import Settings
from .wire import Call, Reply, with_body

S3_NAMESPACE = "http://s3.amazonaws.com/doc/2006-03-01/"
S3_PRINCIPAL = "s3.amazonaws.com"
DESTINATIONS = {"QueueConfiguration": "Queue", "TopicConfiguration": "Topic", "CloudFunctionConfiguration": "CloudFunction"}


def s3_error(status: int, code: str, message: str, **extra: str) -> Reply:
    """S3's REST-XML error: an unqualified <Error> root with Code, Message, extra members and RequestId."""
    root = ET.Element("Error")
    for tag, text in (("Code", code), ("Message", message), *extra.items(), ("RequestId", uuid.uuid4().hex)):
        ET.SubElement(root, tag).text = text
    return Reply(status, b'<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="utf-8"), [("Content-Type", "application/xml")])


class BucketNotificationService(Correction):
    """GetBucketNotificationConfiguration and PutBucketNotificationConfiguration, where moto
    (1) accepts a Lambda destination without asking Lambda whether S3 may invoke it,
    (2) accepts configurations that overlap,
    (3) leaves EventBridgeConfiguration out of its GET answer, and
    (4) ignores x-amz-expected-bucket-owner."""

    OPERATIONS = ("s3:GetBucketNotificationConfiguration", "s3:PutBucketNotificationConfiguration")

    def __init__(self, settings: Settings, policies: PolicyService) -> None:
        super().__init__(settings)
        self.policies = policies
        self._event_bridge: set[tuple[str, str]] = set()

    def handles(self, call: Call) -> bool:
        return self.settings.corrections and call.operation in self.OPERATIONS

    def reset(self) -> None:
        self._event_bridge.clear()

    def serve(self, call: Call) -> Reply:
        bucket = self._bucket(call)
        if bucket is not None and (refusal := expected_owner_refusal(call, bucket)):
            return refusal
        if call.verb == "GetBucketNotificationConfiguration":
            return self._with_event_bridge(call.forward(), call)
        if bucket is not None:
            root = ET.fromstring(call.body) if call.body.strip() else ET.Element(f"{{{S3_NAMESPACE}}}NotificationConfiguration")
            refusal = overlap_refusal(root) or self._destination_refusal(root, bucket, call)
            if refusal:
                return refusal
        reply = call.forward()
        if reply.status == 200 and bucket is not None:
            key = (bucket.account_id, bucket.name)
            has_flag = call.body.strip() and any(local(e.tag) == "EventBridgeConfiguration" for e in ET.fromstring(call.body))
            (self._event_bridge.add if has_flag else self._event_bridge.discard)(key)
        return reply

    @staticmethod
    def _bucket(call: Call) -> Any:
        from moto.s3.models import s3_backends

        name = call.params.get("Bucket", "")
        for backend in s3_backends.values():
            for partition in backend.values():
                if name in partition.buckets:
                    return partition.buckets[name]
        return None

    def _with_event_bridge(self, reply: Reply, call: Call) -> Reply:
        """https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetBucketNotificationConfiguration.html: the answer
        holds EventBridgeConfiguration (an empty element) when the bucket sends events to EventBridge; moto stores
        the flag but never returns it."""
        bucket = self._bucket(call)
        if reply.status != 200 or bucket is None or (bucket.account_id, bucket.name) not in self._event_bridge:
            return reply
        ET.register_namespace("", S3_NAMESPACE)
        root = ET.fromstring(reply.body) if reply.body.strip() else ET.Element(f"{{{S3_NAMESPACE}}}NotificationConfiguration")
        ET.SubElement(root, f"{{{S3_NAMESPACE}}}EventBridgeConfiguration")
        return with_body(reply, 200, b'<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root, encoding="utf-8"))

    def _destination_refusal(self, root: ET.Element, bucket: Any, call: Call) -> Reply | None:
        """https://docs.aws.amazon.com/AmazonS3/latest/userguide/grant-destinations-permissions-to-s3.html and
        https://docs.aws.amazon.com/AmazonS3/latest/userguide/notification-how-to-event-types-and-destinations.html:
        S3 checks each Lambda destination when the configuration is written; a function whose resource policy does not
        let s3.amazonaws.com invoke it from this bucket (SourceArn arn:aws:s3:::BUCKET, SourceAccount the bucket
        owner) refuses the whole write with 400 InvalidArgument "Unable to validate the following destination
        configurations"."""
        for configuration in root:
            if local(configuration.tag) != "CloudFunctionConfiguration":
                continue
            function = child_text(configuration, "CloudFunction")
            partition = function.split(":")[1] if function.count(":") > 1 else "aws"
            if not self.policies.allows(function, S3_PRINCIPAL, f"arn:{partition}:s3:::{bucket.name}", call.caller, bucket.account_id):
                return s3_error(
                    400, "InvalidArgument", "Unable to validate the following destination configurations",
                    ArgumentName1=function, ArgumentValue1=f"Not authorized to invoke function [{function}]",
                )
        return None


def overlap_refusal(root: ET.Element) -> Reply | None:
    """https://docs.aws.amazon.com/AmazonS3/latest/userguide/notification-how-to-filtering.html: configurations of
    one bucket must not share an event type (a wildcard covers its kind) for keys both their prefix and suffix
    filters match; S3 answers 400 InvalidArgument "Configurations overlap. Configurations on the same bucket cannot
    share a common event type."."""
    configurations = [c for c in root if local(c.tag) in DESTINATIONS]
    for i, first in enumerate(configurations):
        for second in configurations[i + 1 :]:
            if overlaps(first, second):
                return s3_error(
                    400, "InvalidArgument", "Configurations overlap. Configurations on the same bucket cannot share a common event type.",
                    ArgumentName1="Event", ArgumentValue1="Event",
                )
    return None


def overlaps(first: ET.Element, second: ET.Element) -> bool:
    def events(c: ET.Element) -> list[str]:
        return [e.text or "" for e in c if local(e.tag) == "Event"]

    def rule(c: ET.Element, name: str) -> str | None:
        for r in c.iter():
            if local(r.tag) == "FilterRule" and child_text(r, "Name").lower() == name:
                return child_text(r, "Value")
        return None

    def event_overlap(a: str, b: str) -> bool:
        return a == b or (a.endswith(":*") and b.startswith(a[:-1])) or (b.endswith(":*") and a.startswith(b[:-1]))

    def cover(a: str | None, b: str | None, test: Any) -> bool:
        return a is None or b is None or test(a, b) or test(b, a)

    return (
        any(event_overlap(a, b) for a in events(first) for b in events(second))
        and cover(rule(first, "prefix"), rule(second, "prefix"), str.startswith)
        and cover(rule(first, "suffix"), rule(second, "suffix"), str.endswith)
    )


def expected_owner_refusal(call: Call, bucket: Any) -> Reply | None:
    """https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucket-owner-condition.html: a request whose
    x-amz-expected-bucket-owner is not the bucket owner's account fails with 403 Access Denied."""
    expected = call.environ.get("HTTP_X_AMZ_EXPECTED_BUCKET_OWNER")
    if expected and expected != bucket.account_id:
        return s3_error(403, "AccessDenied", "Access Denied")
    return None


def local(tag: str) -> str:
    return re.sub(r"^\{[^}]*\}", "", tag)


def child_text(element: ET.Element, name: str) -> str:
    for child in element:
        if local(child.tag) == name:
            return child.text or ""
    return ""
