"""Corrections (p)–(s) of elb.py: ELBv2 target groups with Lambda targets, as the ELBv2 documentation describes them."""

from __future__ import annotations

from tests.harness import EmulatorTestCase

POLICY = "/2015-03-31/functions/orders/policy"


class TargetGroupTests(EmulatorTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.world = self.seed({"targetGroups": [{"name": "orders-tg"}, {"name": "spare-tg"}]})
        self.group = self.world["targetGroups"]["orders-tg"]["arn"]
        self.live = self.world["functions"]["orders"]["aliases"]["live"]

    def allow(self, qualifier: str, source_arn: str | None = None) -> None:
        request = {"StatementId": f"elb-{qualifier}", "Action": "lambda:InvokeFunction", "Principal": "elasticloadbalancing.amazonaws.com"}
        if source_arn:
            request["SourceArn"] = source_arn
        self.assertEqual(201, self.rest("lambda", "POST", POLICY, request, query={"Qualifier": qualifier}).status)

    def register(self, function: str, group: str | None = None):
        return self.query("elasticloadbalancing", "RegisterTargets", TargetGroupArn=group or self.group, **{"Targets.member.1.Id": function})

    def test_p_a_lambda_target_group_takes_one_function(self) -> None:
        self.allow("live")
        self.allow("beta")
        self.assertEqual(200, self.register(self.live).status)
        self.assertEqual(200, self.register(self.live).status)
        self.assertError(self.register(self.world["functions"]["orders"]["aliases"]["beta"]), 400, "TooManyTargets")

    def test_q_registering_needs_the_function_to_allow_the_group(self) -> None:
        answer = self.register(self.live)
        self.assertError(answer, 403, "AccessDenied")
        self.assertIn("elasticloadbalancing principal does not have permission to invoke", answer.body.decode())
        self.allow("live", source_arn=self.world["targetGroups"]["spare-tg"]["arn"])
        self.assertError(self.register(self.live), 403, "AccessDenied")
        self.allow("beta", source_arn=self.group.rsplit("/", 1)[0] + "/*")
        self.assertEqual(200, self.register(self.world["functions"]["orders"]["aliases"]["beta"]).status)

    def test_r_lambda_targets_behind_a_listener_report_disabled_health_checks(self) -> None:
        world = self.seed({"functions": [], "queues": [], "streams": [], "tables": [], "targetGroups": [{"name": "served-tg", "loadBalancer": True}]})
        group = world["targetGroups"]["served-tg"]["arn"]
        self.allow("live", source_arn=group)
        self.assertEqual(200, self.register(self.live, group).status)
        health = self.query("elasticloadbalancing", "DescribeTargetHealth", TargetGroupArn=group)
        self.assertEqual(["unavailable"], health.xml_values("State"))
        self.assertEqual(["Target.HealthCheckDisabled"], health.xml_values("Reason"))
        self.assertEqual(["Health checks are disabled"], health.xml_values("Description"))

    def test_r_lambda_targets_of_a_group_no_load_balancer_uses_are_unused(self) -> None:
        self.allow("live")
        self.register(self.live)
        health = self.query("elasticloadbalancing", "DescribeTargetHealth", TargetGroupArn=self.group)
        self.assertEqual([self.live], health.xml_values("Id"))
        self.assertEqual(["unused"], health.xml_values("State"))
        self.assertEqual(["Target.NotInUse"], health.xml_values("Reason"))
        self.assertEqual(["Target group is not configured to receive traffic from the load balancer"], health.xml_values("Description"))

    def test_s_describe_target_groups_pages_and_rejects_out_of_range(self) -> None:
        first = self.query("elasticloadbalancing", "DescribeTargetGroups", PageSize="1")
        self.assertEqual(1, len(first.xml_values("TargetGroupArn")))
        marker = first.xml_values("NextMarker")
        self.assertEqual(1, len(marker), first.body)
        second = self.query("elasticloadbalancing", "DescribeTargetGroups", PageSize="1", Marker=marker[0])
        self.assertEqual(2, len(set(first.xml_values("TargetGroupArn") + second.xml_values("TargetGroupArn"))))
        self.assertEqual([], [m for m in second.xml_values("NextMarker") if m])
        self.assertError(self.query("elasticloadbalancing", "DescribeTargetGroups", PageSize="401"), 400, "ValidationError")
        self.assertError(self.query("elasticloadbalancing", "DescribeTargetGroups", PageSize="0"), 400, "ValidationError")
