"""Corrections of restapi.py: REST API method integrations as the API Gateway REST API reference documents them."""

from __future__ import annotations

from tests.harness import EmulatorTestCase


class RestIntegrationTests(EmulatorTestCase):
    def setUp(self) -> None:
        super().setUp()
        api = self.rest("apigateway", "POST", "/restapis", {"name": "shop"}).json()["id"]
        root = self.rest("apigateway", "GET", f"/restapis/{api}/resources").json()["item"][0]["id"]
        self.method = f"/restapis/{api}/resources/{root}/methods/GET"
        self.rest("apigateway", "PUT", self.method, {"authorizationType": "NONE"})

    def test_get_integration_of_a_method_without_one_is_404(self) -> None:
        self.assertError(self.rest("apigateway", "GET", self.method + "/integration"), 404, "NotFoundException")

    def test_delete_integration_answers_204_without_a_body(self) -> None:
        self.rest("apigateway", "PUT", self.method + "/integration", {"type": "MOCK"})
        self.assertEqual(200, self.rest("apigateway", "GET", self.method + "/integration").status)
        deleted = self.rest("apigateway", "DELETE", self.method + "/integration")
        self.assertEqual((204, b""), (deleted.status, deleted.body))
        self.assertError(self.rest("apigateway", "GET", self.method + "/integration"), 404, "NotFoundException")
