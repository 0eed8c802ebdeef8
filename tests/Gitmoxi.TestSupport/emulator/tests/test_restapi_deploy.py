"""Corrections of restapi_deploy.py: redeploying an existing REST API stage keeps the stage and its variables."""

from __future__ import annotations

from tests.harness import EmulatorTestCase


class RestDeploymentTests(EmulatorTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.api = self.rest("apigateway", "POST", "/restapis", {"name": "shop"}).json()["id"]
        root = self.rest("apigateway", "GET", f"/restapis/{self.api}/resources").json()["item"][0]["id"]
        method = f"/restapis/{self.api}/resources/{root}/methods/GET"
        self.rest("apigateway", "PUT", method, {"authorizationType": "NONE"})
        self.rest("apigateway", "PUT", method + "/integration", {"type": "MOCK"})
        self.first = self.rest("apigateway", "POST", f"/restapis/{self.api}/deployments", {"stageName": "prod", "variables": {"lambdaAlias": "live", "color": "blue"}}).json()["id"]

    def test_redeploying_a_stage_keeps_its_variables_and_points_it_at_the_new_deployment(self) -> None:
        second = self.rest("apigateway", "POST", f"/restapis/{self.api}/deployments", {"stageName": "prod", "variables": {"color": "green"}})

        self.assertIn(second.status, (200, 201))
        stage = self.rest("apigateway", "GET", f"/restapis/{self.api}/stages/prod").json()
        self.assertNotEqual(self.first, second.json()["id"])
        self.assertEqual(second.json()["id"], stage["deploymentId"])
        self.assertEqual({"lambdaAlias": "live", "color": "green"}, stage["variables"])
        self.assertEqual(2, len(self.rest("apigateway", "GET", f"/restapis/{self.api}/deployments").json()["item"]))
