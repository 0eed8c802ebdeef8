"""Corrections (t)–(y) of apigw.py and (z) of apigw_in_use.py: API Gateway V2 HTTP APIs as the API Gateway V2 API reference documents them."""

from __future__ import annotations

from tests.harness import EmulatorTestCase

LAMBDA_URI = "arn:aws:lambda:us-east-1:123456789012:function:orders:${stageVariables.lambdaAlias}"


class HttpApiTests(EmulatorTestCase):
    def setUp(self) -> None:
        super().setUp()
        spec = {"name": "shop", "routes": ["GET /orders", {"routeKey": "ANY /items", "integrationUri": LAMBDA_URI}, "$default"],
                "stages": {"prod": {"lambdaAlias": "live"}, "$default": {}}}
        self.shop = self.seed({"httpApis": [spec]})["httpApis"]["shop"]
        self.api = f"/v2/apis/{self.shop['id']}"
        self.route = self.shop["routes"]["GET /orders"]["id"]
        self.integration = self.shop["integrations"][LAMBDA_URI]

    def call(self, method: str, path: str, body=None, query=None):
        return self.rest("apigateway", method, self.api + path, body, query)

    def test_t_a_route_target_must_name_an_integration_of_the_api(self) -> None:
        self.assertError(self.call("PATCH", f"/routes/{self.route}", {"target": "integrations/nope"}), 404, "NotFoundException")
        self.assertError(self.call("POST", "/routes", {"routeKey": "GET /x", "target": "integrations/nope"}), 404, "NotFoundException")
        self.assertEqual(200, self.call("PATCH", f"/routes/{self.route}", {"target": f"integrations/{self.integration}"}).status)

    def test_u_collections_page_with_max_results_and_next_token(self) -> None:
        first = self.call("GET", "/routes", query={"maxResults": "2"}).json()
        self.assertEqual(2, len(first["items"]))
        second = self.call("GET", "/routes", query={"maxResults": "2", "nextToken": first["nextToken"]}).json()
        self.assertEqual(1, len(second["items"]))
        self.assertNotIn("nextToken", second)
        self.assertEqual(3, len(self.call("GET", "/routes").json()["items"]))
        self.assertEqual(2, len(self.call("GET", "/stages").json()["items"]))
        self.assertEqual(1, len(self.call("GET", "/integrations", query={"maxResults": "5"}).json()["items"]))
        self.assertError(self.call("GET", "/routes", query={"maxResults": "2", "nextToken": "bad"}), 400, "BadRequestException")

    def test_v_status_codes_follow_the_model_and_unknown_ids_are_404(self) -> None:
        created = self.call("POST", "/integrations", {"integrationType": "AWS_PROXY", "integrationUri": "arn:aws:lambda:us-east-1:123456789012:function:orders", "payloadFormatVersion": "2.0"})
        self.assertEqual(201, created.status)
        self.assertEqual(201, self.call("POST", "/routes", {"routeKey": "GET /new"}).status)
        deleted = self.call("DELETE", f"/integrations/{created.json()['integrationId']}")
        self.assertEqual((204, b""), (deleted.status, deleted.body))
        for method, path in (("DELETE", "/routes/nope"), ("PATCH", "/routes/nope"), ("DELETE", "/integrations/nope"),
                             ("PATCH", "/integrations/nope"), ("DELETE", "/stages/nope"), ("PATCH", "/stages/nope")):
            self.assertError(self.call(method, path, {} if method == "PATCH" else None), 404, "NotFoundException")
        self.assertError(self.rest("apigateway", "DELETE", "/v2/apis/nope"), 404, "NotFoundException")

    def test_w_a_stage_name_the_api_has_conflicts(self) -> None:
        self.assertError(self.call("POST", "/stages", {"stageName": "prod"}), 409, "ConflictException")

    def test_x_update_stage_merges_stage_variables_and_an_empty_value_removes_one(self) -> None:
        self.call("PATCH", "/stages/prod", {"stageVariables": {"extra": "1"}})
        updated = self.call("PATCH", "/stages/prod", {"stageVariables": {"lambdaAlias": ""}, "description": "d"})
        self.assertEqual(200, updated.status, updated.body)
        stage = self.call("GET", "/stages/prod").json()
        self.assertEqual(({"extra": "1"}, "d"), (stage["stageVariables"], stage["description"]))

    def test_y_an_empty_target_detaches_the_route(self) -> None:
        items = self.shop["routes"]["ANY /items"]["id"]
        self.assertEqual(200, self.call("PATCH", f"/routes/{items}", {"target": ""}).status)
        self.assertIsNone(self.call("GET", f"/routes/{items}").json().get("target"))

    def test_z_an_integration_a_route_targets_is_not_deleted(self) -> None:
        items = self.shop["routes"]["ANY /items"]["id"]
        refused = self.call("DELETE", f"/integrations/{self.integration}")
        self.assertError(refused, 409, "ConflictException")
        self.assertIn(items, refused.json()["message"])
        self.assertEqual(200, self.call("GET", f"/integrations/{self.integration}").status)
        self.assertEqual(200, self.call("PATCH", f"/routes/{items}", {"target": ""}).status)
        self.assertEqual(204, self.call("DELETE", f"/integrations/{self.integration}").status)
        self.assertError(self.call("DELETE", f"/integrations/{self.integration}"), 404, "NotFoundException")
