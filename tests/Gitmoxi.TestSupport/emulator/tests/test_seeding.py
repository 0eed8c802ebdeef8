"""seeding.py's push-source steps: what examples/demo-world.json asks for exists afterwards, with the ids the
seed result reports (REST API and resource ids are generated, so examples take them from the result)."""

from __future__ import annotations

import json

from tests.harness import ACCOUNT, REGION, EmulatorTestCase, running

WORLD = {
    "functions": [],
    "topics": ["order-events"],
    "eventBuses": ["orders"],
    "eventRules": [
        {"name": "order-shipped", "eventBusName": "orders", "eventPattern": {"source": ["shop.orders"]}},
        {"name": "nightly", "scheduleExpression": "rate(1 day)"},
    ],
    "logGroups": ["/app/orders"],
    "restApis": [{"name": "web-v1", "methods": ["GET /status", "POST /orders/items", "GET /orders/items"]}],
}


class SeedingTests(EmulatorTestCase):
    def client(self, service: str):
        return running().app.seeder.client(service, REGION)

    def test_topics_buses_and_rules_are_created_and_reported_by_arn(self) -> None:
        seeded = self.seed(WORLD)

        self.assertEqual({"order-events": f"arn:aws:sns:{REGION}:{ACCOUNT}:order-events"}, seeded["topics"])
        self.assertEqual({"orders": f"arn:aws:events:{REGION}:{ACCOUNT}:event-bus/orders"}, seeded["eventBuses"])
        self.assertEqual(
            {
                "order-shipped": {"arn": f"arn:aws:events:{REGION}:{ACCOUNT}:rule/orders/order-shipped", "eventBusName": "orders"},
                "nightly": {"arn": f"arn:aws:events:{REGION}:{ACCOUNT}:rule/nightly", "eventBusName": "default"},
            },
            seeded["eventRules"],
        )
        events = self.client("events")
        self.assertEqual({"source": ["shop.orders"]}, json.loads(events.describe_rule(Name="order-shipped", EventBusName="orders")["EventPattern"]))
        self.assertEqual("rate(1 day)", events.describe_rule(Name="nightly")["ScheduleExpression"])
        self.assertEqual([], events.list_targets_by_rule(Rule="order-shipped", EventBusName="orders")["Targets"])
        self.assertEqual([seeded["topics"]["order-events"]], [t["TopicArn"] for t in self.client("sns").list_topics()["Topics"]])

    def test_log_groups_are_created_and_reported_by_arn(self) -> None:
        seeded = self.seed(WORLD)

        self.assertEqual({"/app/orders": {"name": "/app/orders", "arn": f"arn:aws:logs:{REGION}:{ACCOUNT}:log-group:/app/orders:*"}}, seeded["logGroups"])
        self.assertEqual([], self.client("logs").describe_subscription_filters(logGroupName="/app/orders")["subscriptionFilters"])

    def test_rest_api_methods_exist_on_nested_resources_without_integrations(self) -> None:
        api = self.seed(WORLD)["restApis"]["web-v1"]

        apigw = self.client("apigateway")
        resources = {r["path"]: r for r in apigw.get_resources(restApiId=api["id"])["items"]}
        self.assertEqual({path: r["id"] for path, r in resources.items()}, api["resources"])
        self.assertEqual(["/", "/orders", "/orders/items", "/status"], sorted(api["resources"]))
        self.assertEqual(api["rootResourceId"], api["resources"]["/"])
        self.assertEqual(["GET", "POST"], sorted(resources["/orders/items"]["resourceMethods"]))
        self.assertEqual(["GET"], sorted(resources["/status"]["resourceMethods"]))
        self.assertNotIn("resourceMethods", resources["/orders"])
        method = apigw.get_method(restApiId=api["id"], resourceId=api["resources"]["/status"], httpMethod="GET")
        self.assertEqual("NONE", method["authorizationType"])
        self.assertNotIn("methodIntegration", method)

    def test_a_world_without_these_keys_reports_them_empty(self) -> None:
        seeded = self.seed({"functions": []})

        self.assertEqual(({}, {}, {}, {}, {}), (seeded["topics"], seeded["eventBuses"], seeded["eventRules"], seeded["logGroups"], seeded["restApis"]))
