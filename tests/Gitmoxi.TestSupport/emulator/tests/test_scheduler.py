"""Corrections of scheduler.py: EventBridge Scheduler schedules as the Scheduler API reference documents them."""

from __future__ import annotations

from tests.harness import EmulatorTestCase

TARGET = {"Arn": "arn:aws:lambda:us-east-1:123456789012:function:orders", "RoleArn": "arn:aws:iam::123456789012:role/invoke"}


class ScheduleTests(EmulatorTestCase):
    def create(self, name: str, **members):
        body = {"ScheduleExpression": "rate(5 minutes)", "FlexibleTimeWindow": {"Mode": "OFF"}, "Target": TARGET, **members}
        return self.rest("scheduler", "POST", f"/schedules/{name}", body)

    def test_a_schedule_in_a_group_that_does_not_exist_is_404(self) -> None:
        self.assertError(self.create("nightly", GroupName="batch"), 404, "ResourceNotFoundException")
        self.assertEqual(200, self.create("nightly").status)

    def test_an_expression_that_is_not_at_rate_or_cron_is_a_validation_error(self) -> None:
        self.assertError(self.create("bad", ScheduleExpression="every 5 minutes"), 400, "ValidationException")
        self.assertEqual(0, len(self.rest("scheduler", "GET", "/schedules").json()["Schedules"]))

    def test_update_without_state_restores_the_default_enabled(self) -> None:
        self.create("nightly", State="DISABLED")
        body = {"ScheduleExpression": "rate(1 hour)", "FlexibleTimeWindow": {"Mode": "OFF"}, "Target": TARGET}
        self.assertEqual(200, self.rest("scheduler", "PUT", "/schedules/nightly", body).status)
        schedule = self.rest("scheduler", "GET", "/schedules/nightly").json()
        self.assertEqual(("ENABLED", "rate(1 hour)"), (schedule["State"], schedule["ScheduleExpression"]))
