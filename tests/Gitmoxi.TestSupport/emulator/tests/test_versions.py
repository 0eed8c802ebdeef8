"""versions.py: ListVersionsByFunction as the Lambda API reference documents it."""

from __future__ import annotations

from urllib.parse import quote

from tests.harness import EmulatorTestCase


class FunctionVersionsTests(EmulatorTestCase):
    def versions(self, function: str, **query: str):
        return self.rest("lambda", "GET", f"/2015-03-31/functions/{quote(function, safe='')}/versions", query=query or None)

    def test_every_name_format_lists_the_same_versions(self) -> None:
        arn = self.seed()["functions"]["orders"]["arn"]
        for reference in ("orders", arn, "123456789012:function:orders"):
            answer = self.versions(reference)
            self.assertEqual(200, answer.status, answer.body)
            self.assertEqual(["$LATEST", "1", "2"], [v["Version"] for v in answer.json()["Versions"]], reference)

    def test_an_unknown_function_is_not_found(self) -> None:
        self.seed()
        self.assertError(self.versions("no-such-function"), 404, "ResourceNotFoundException")

    def test_pages_hold_at_most_fifty_versions_and_follow_the_marker(self) -> None:
        self.seed({"functions": [{"name": "busy", "versions": 60}], "queues": [], "streams": [], "tables": []})
        first = self.versions("busy", MaxItems="10000").json()
        self.assertEqual(50, len(first["Versions"]))
        rest = self.versions("busy", Marker=first["NextMarker"]).json()
        self.assertNotIn("NextMarker", rest)
        self.assertEqual(["$LATEST"] + [str(n) for n in range(1, 61)], [v["Version"] for v in first["Versions"] + rest["Versions"]])
        self.assertError(self.versions("busy", MaxItems="0"), 400, "ValidationException")

