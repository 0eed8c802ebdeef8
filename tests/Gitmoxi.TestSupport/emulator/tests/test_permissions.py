"""Corrections (k)–(o) of permissions.py: Lambda resource policies, one per qualifier, as the Lambda API
reference documents them, and the opt-in concurrent-write hazard."""

from __future__ import annotations

import json
import threading

from tests.harness import EmulatorTestCase

POLICY = "/2015-03-31/functions/orders/policy"


def statement(sid: str, principal: str = "elasticloadbalancing.amazonaws.com", **extra: str) -> dict[str, str]:
    return {"StatementId": sid, "Action": "lambda:InvokeFunction", "Principal": principal, **extra}


class LambdaPermissionTests(EmulatorTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.world = self.seed()

    def add(self, sid: str, qualifier: str | None = None, **extra: str):
        return self.rest("lambda", "POST", POLICY, statement(sid, **extra), query={"Qualifier": qualifier} if qualifier else None)

    def policy(self, qualifier: str | None = None):
        return self.rest("lambda", "GET", POLICY, query={"Qualifier": qualifier} if qualifier else None)

    def sids(self, qualifier: str | None = None) -> list[str]:
        return [s["Sid"] for s in json.loads(self.policy(qualifier).json()["Policy"])["Statement"]]

    def test_k_each_qualifier_has_its_own_policy(self) -> None:
        self.assertEqual(201, self.add("live-only", "live").status)
        self.assertEqual(201, self.rest("lambda", "POST", "/2015-03-31/functions/orders:beta/policy", statement("beta-only")).status)
        self.assertEqual(["live-only"], self.sids("live"))
        self.assertEqual(["beta-only"], self.sids("beta"))
        self.assertError(self.policy(), 404, "ResourceNotFoundException")
        self.assertError(self.rest("lambda", "DELETE", POLICY + "/live-only"), 404, "ResourceNotFoundException")
        both = self.rest("lambda", "POST", "/2015-03-31/functions/orders:live/policy", statement("x"), query={"Qualifier": "beta"})
        self.assertEqual(400, both.status, both.body)

    def test_l_a_statement_id_already_in_the_policy_conflicts(self) -> None:
        self.add("once", "live")
        answer = self.add("once", "live")
        self.assertError(answer, 409, "ResourceConflictException")
        self.assertIn("The statement id (once) provided already exists", answer.json()["message"])

    def test_m_add_answers_201_with_the_statement_and_remove_204(self) -> None:
        group = "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/tg/1"
        answer = self.add("elb", "live", SourceArn=group, SourceAccount="123456789012")
        self.assertEqual(201, answer.status)
        added = json.loads(answer.json()["Statement"])
        self.assertEqual(
            {
                "Sid": "elb",
                "Effect": "Allow",
                "Principal": {"Service": "elasticloadbalancing.amazonaws.com"},
                "Action": "lambda:InvokeFunction",
                "Resource": self.world["functions"]["orders"]["aliases"]["live"],
                "Condition": {"ArnLike": {"AWS:SourceArn": group}, "StringEquals": {"AWS:SourceAccount": "123456789012"}},
            },
            added,
        )
        document = json.loads(self.policy("live").json()["Policy"])
        self.assertEqual(("2012-10-17", "default", [added]), (document["Version"], document["Id"], document["Statement"]))
        self.assertEqual({"AWS": "arn:aws:iam::222233334444:root"}, json.loads(self.add("acct", "live", principal="222233334444").json()["Statement"])["Principal"])
        removed = self.rest("lambda", "DELETE", POLICY + "/elb", query={"Qualifier": "live"})
        self.assertEqual((204, b""), (removed.status, removed.body))

    def test_n_body_members_follow_the_botocore_model(self) -> None:
        answer = self.add("a.b", "live")
        self.assertError(answer, 400, "ValidationException")
        self.assertIn("1 validation error detected: Value 'a.b' at 'statementId'", answer.json()["message"])
        missing = self.rest("lambda", "POST", POLICY, {"StatementId": "x"}, query={"Qualifier": "live"})
        self.assertError(missing, 400, "ValidationException")
        self.assertError(self.rest("lambda", "DELETE", POLICY + "/a.b", query={"Qualifier": "live"}), 404, "ResourceNotFoundException")
        self.assertError(self.add("latest", "$LATEST"), 400, "InvalidParameterValueException")

    def test_o_revision_ids_must_match_and_every_change_moves_them(self) -> None:
        self.add("first", "live")
        revision = self.policy("live").json()["RevisionId"]
        self.assertError(self.add("second", "live", RevisionId="stale"), 412, "PreconditionFailedException")
        self.assertEqual(201, self.add("second", "live", RevisionId=revision).status)
        moved = self.policy("live").json()["RevisionId"]
        self.assertNotEqual(revision, moved)
        stale = self.rest("lambda", "DELETE", POLICY + "/first", query={"Qualifier": "live", "RevisionId": revision})
        self.assertError(stale, 412, "PreconditionFailedException")
        self.assertEqual(204, self.rest("lambda", "DELETE", POLICY + "/first", query={"Qualifier": "live", "RevisionId": moved}).status)
        self.assertNotEqual(moved, self.policy("live").json()["RevisionId"])

    def test_deleting_an_alias_drops_its_policy(self) -> None:
        self.add("gone", "live")
        self.assertLess(self.rest("lambda", "DELETE", "/2015-03-31/functions/orders/aliases/live").status, 300)
        recreated = self.rest("lambda", "POST", "/2015-03-31/functions/orders/aliases", {"Name": "live", "FunctionVersion": "1"})
        self.assertLess(recreated.status, 300, recreated.body)
        self.assertError(self.policy("live"), 404, "ResourceNotFoundException")

    def test_the_permission_write_race_loses_one_of_two_overlapping_adds(self) -> None:
        self.configure(permissionWriteRace=True)
        answers = []
        threads = [threading.Thread(target=lambda sid=sid: answers.append(self.add(sid, "live").status)) for sid in ("one", "two")]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        self.assertEqual([201, 201], answers)
        self.assertEqual(1, len(self.sids("live")))
        self.add("three", "live")
        self.assertEqual(2, len(self.sids("live")))
