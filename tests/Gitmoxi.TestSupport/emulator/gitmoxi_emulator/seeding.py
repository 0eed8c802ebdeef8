"""Seeding a test world (POST /_gitmoxi/seed)."""

from __future__ import annotations

import json
import threading
from typing import Any

from .settings import DEFAULT_ACCOUNT, DEFAULT_REGION, INTERNAL_HEADER


ROLE_POLICY = json.dumps(
    {
        "Version": "2012-10-17",
        "Statement": [{"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"}],
    }
)

DEFAULT_WORLD: dict[str, Any] = {
    "functions": [{"name": "orders", "versions": 2, "aliases": {"live": "1", "beta": "2"}}],
    "queues": ["orders-queue", "orders-queue.fifo"],
    "streams": ["orders-stream"],
    "tables": ["orders-table"],
}


class Seeder:
    """POST /_gitmoxi/seed: builds a world through moto's public API (boto3 against our own port),
    so seeded resources look exactly like resources a test would create. Each ``seed_*`` method
    handles one key of the request; add a method and list it in ``STEPS`` to seed more kinds."""

    STEPS = ("seed_role", "seed_functions", "seed_queues", "seed_streams", "seed_tables", "seed_target_groups", "seed_http_apis", "seed_buckets",
             "seed_topics", "seed_event_buses", "seed_event_rules", "seed_log_groups", "seed_rest_apis", "seed_crowd")

    def __init__(self, port: int, mappings: Any = None) -> None:
        """``mappings``: the server's ``esm.EsmService``, for ``seed_crowd``'s in-process mappings."""
        self._port = port
        self._mappings = mappings
        self._clients: dict[tuple[str, str], Any] = {}
        self._lock = threading.Lock()

    def seed(self, spec: dict[str, Any], region: str) -> dict[str, Any]:
        world = {**DEFAULT_WORLD, **spec} if spec else dict(DEFAULT_WORLD)
        result: dict[str, Any] = {}
        for step in self.STEPS:
            getattr(self, step)(world, region, result)
        return result

    def prepare(self, region: str = DEFAULT_REGION) -> None:
        """Creating boto3 clients takes about a second; done in the background so the first seed is quick."""
        for service in ("iam", "lambda", "sqs", "kinesis", "dynamodb", "elbv2", "apigatewayv2", "ec2"):
            self.client(service, region)

    def client(self, service: str, region: str, account: str | None = None) -> Any:
        """A boto3 client for our own port; ``account`` other than the default goes through moto's
        ``x-moto-account-id`` header."""
        with self._lock:
            key = (service, region, account or DEFAULT_ACCOUNT)
            if key not in self._clients:
                import boto3
                from botocore.config import Config

                client = boto3.session.Session().client(
                    service,
                    region_name=region,
                    endpoint_url=f"http://127.0.0.1:{self._port}",
                    aws_access_key_id="test",
                    aws_secret_access_key="test",
                    config=Config(retries={"max_attempts": 1}),
                )
                client.meta.events.register("before-sign.*.*", mark_internal)
                if account and account != DEFAULT_ACCOUNT:
                    client.meta.events.register("before-sign.*.*", lambda request, **_: request.headers.__setitem__("x-moto-account-id", account))
                self._clients[key] = client
            return self._clients[key]

    def seed_role(self, world: dict[str, Any], region: str, result: dict[str, Any]) -> None:
        name = world.get("roleName", "gitmoxi-lambda-role")
        iam = self.client("iam", region)
        try:
            result["roleArn"] = iam.get_role(RoleName=name)["Role"]["Arn"]
        except iam.exceptions.NoSuchEntityException:
            result["roleArn"] = iam.create_role(RoleName=name, AssumeRolePolicyDocument=ROLE_POLICY)["Role"]["Arn"]

    def seed_functions(self, world: dict[str, Any], region: str, result: dict[str, Any]) -> None:
        lam = self.client("lambda", region)
        result["functions"] = {}
        for spec in world.get("functions", []):
            name = spec["name"]
            created = lam.create_function(
                FunctionName=name,
                Runtime="python3.12",
                Handler="index.handler",
                Role=result["roleArn"],
                Code={"ZipFile": b"not a zip: moto never runs it"},
            )
            versions = {}
            for number in range(1, int(spec.get("versions", 0)) + 1):
                # moto (like AWS) returns the existing version when nothing changed since the last publish.
                lam.update_function_configuration(FunctionName=name, Description=f"revision {number}")
                versions[str(number)] = lam.publish_version(FunctionName=name)["FunctionArn"]
            aliases = {
                alias: lam.create_alias(FunctionName=name, Name=alias, FunctionVersion=str(version))["AliasArn"]
                for alias, version in spec.get("aliases", {}).items()
            }
            result["functions"][name] = {"arn": created["FunctionArn"], "versions": versions, "aliases": aliases}

    def seed_queues(self, world: dict[str, Any], region: str, result: dict[str, Any]) -> None:
        sqs = self.client("sqs", region)
        result["queues"] = {}
        for name in world.get("queues", []):
            attributes = {"FifoQueue": "true"} if name.endswith(".fifo") else {}
            url = sqs.create_queue(QueueName=name, Attributes=attributes)["QueueUrl"]
            result["queues"][name] = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]

    def seed_streams(self, world: dict[str, Any], region: str, result: dict[str, Any]) -> None:
        kinesis = self.client("kinesis", region)
        result["streams"] = {}
        for name in world.get("streams", []):
            kinesis.create_stream(StreamName=name, ShardCount=1)
            result["streams"][name] = kinesis.describe_stream_summary(StreamName=name)["StreamDescriptionSummary"]["StreamARN"]

    def seed_tables(self, world: dict[str, Any], region: str, result: dict[str, Any]) -> None:
        dynamodb = self.client("dynamodb", region)
        result["tables"] = {}
        for name in world.get("tables", []):
            table = dynamodb.create_table(
                TableName=name,
                KeySchema=[{"AttributeName": "id", "KeyType": "HASH"}],
                AttributeDefinitions=[{"AttributeName": "id", "AttributeType": "S"}],
                BillingMode="PAY_PER_REQUEST",
                StreamSpecification={"StreamEnabled": True, "StreamViewType": "NEW_AND_OLD_IMAGES"},
            )["TableDescription"]
            result["tables"][name] = {"arn": table["TableArn"], "streamArn": table["LatestStreamArn"]}


    def seed_target_groups(self, world: dict[str, Any], region: str, result: dict[str, Any]) -> None:
        """``targetGroups``: ``[{"name": "orders-tg", "targetType": "lambda" (default) | "instance",
        "account": "222233334444" (optional), "loadBalancer": true (optional)}]``; instance groups go into the
        account's default VPC. With ``loadBalancer`` an application load balancer named after the group gets an
        HTTP listener forwarding to it (without one, AWS reports the group's targets ``unused``)."""
        result["targetGroups"] = {}
        for spec in world.get("targetGroups", []):
            account = spec.get("account", DEFAULT_ACCOUNT)
            kind = spec.get("targetType", "lambda")
            request: dict[str, Any] = {"Name": spec["name"], "TargetType": kind}
            if kind != "lambda":
                ec2 = self.client("ec2", region, account)
                vpc = ec2.describe_vpcs(Filters=[{"Name": "is-default", "Values": ["true"]}])["Vpcs"][0]["VpcId"]
                request.update(Protocol="HTTP", Port=80, VpcId=vpc)
            elbv2 = self.client("elbv2", region, account)
            group = elbv2.create_target_group(**request)["TargetGroups"][0]
            if spec.get("loadBalancer"):
                subnets = [s["SubnetId"] for s in self.client("ec2", region, account).describe_subnets(
                    Filters=[{"Name": "default-for-az", "Values": ["true"]}])["Subnets"]][:2]
                balancer = elbv2.create_load_balancer(Name=spec["name"] + "-lb", Subnets=subnets, Type="application")["LoadBalancers"][0]
                elbv2.create_listener(
                    LoadBalancerArn=balancer["LoadBalancerArn"], Protocol="HTTP", Port=80,
                    DefaultActions=[{"Type": "forward", "TargetGroupArn": group["TargetGroupArn"]}],
                )
            result["targetGroups"][spec["name"]] = {"arn": group["TargetGroupArn"], "targetType": kind, "account": account}

    def seed_http_apis(self, world: dict[str, Any], region: str, result: dict[str, Any]) -> None:
        """``httpApis``: ``[{"name": "shop", "account": … (optional), "routes": ["GET /orders", {"routeKey":
        "ANY /items", "integrationUri": "arn:aws:lambda:…:function:orders:${stageVariables.lambdaAlias}"}],
        "stages": {"prod": {"lambdaAlias": "live"}}}]``. Routes sharing an integrationUri share one
        AWS_PROXY integration (payload format 2.0)."""
        result["httpApis"] = {}
        for spec in world.get("httpApis", []):
            account = spec.get("account", DEFAULT_ACCOUNT)
            apigw = self.client("apigatewayv2", region, account)
            api = apigw.create_api(Name=spec["name"], ProtocolType="HTTP")
            integrations: dict[str, str] = {}
            routes: dict[str, Any] = {}
            for route in spec.get("routes", []):
                route = {"routeKey": route} if isinstance(route, str) else route
                uri = route.get("integrationUri")
                if uri and uri not in integrations:
                    integrations[uri] = apigw.create_integration(
                        ApiId=api["ApiId"], IntegrationType="AWS_PROXY", IntegrationUri=uri, PayloadFormatVersion="2.0"
                    )["IntegrationId"]
                target = {"Target": f"integrations/{integrations[uri]}"} if uri else {}
                created = apigw.create_route(ApiId=api["ApiId"], RouteKey=route["routeKey"], **target)
                routes[route["routeKey"]] = {"id": created["RouteId"], "integrationId": integrations.get(uri) if uri else None}
            for stage, variables in spec.get("stages", {}).items():
                apigw.create_stage(ApiId=api["ApiId"], StageName=stage, StageVariables=variables)
            result["httpApis"][spec["name"]] = {
                "id": api["ApiId"],
                "endpoint": api["ApiEndpoint"],
                "account": account,
                "routes": routes,
                "integrations": integrations,
                "stages": spec.get("stages", {}),
            }

    def seed_crowd(self, world: dict[str, Any], region: str, result: dict[str, Any]) -> None:
        """``crowd``: ``{"functions": F, "queues": Q}``: other deployers' mappings, for large-account tests and benchmarks.
        Creates F functions ``crowd-fn-NNNNN`` and Q queues ``crowd-q-NNNNN`` through the API, then F × Q mappings
        (every function on every queue, unqualified, no tags) straight into the launcher's mapping store."""
        spec = world.get("crowd")
        if not spec:
            return
        if self._mappings is None:
            raise RuntimeError("crowd seeding needs the server's mapping store")
        functions = [f"crowd-fn-{i:05d}" for i in range(int(spec["functions"]))]
        queue_names = [f"crowd-q-{i:05d}" for i in range(int(spec["queues"]))]
        lam, sqs = self.client("lambda", region), self.client("sqs", region)
        for name in functions:
            lam.create_function(
                FunctionName=name, Runtime="python3.12", Handler="index.handler", Role=result["roleArn"],
                Code={"ZipFile": b"not a zip: moto never runs it"},
            )
        queues = []
        for name in queue_names:
            url = sqs.create_queue(QueueName=name)["QueueUrl"]
            queues.append(sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"])
        account = lam.get_function(FunctionName=functions[0])["Configuration"]["FunctionArn"].split(":")[4] if functions else DEFAULT_ACCOUNT
        total = self._mappings.seed_many(account, region, [(f, q) for f in functions for q in queues])
        result["crowd"] = {"functions": len(functions), "queues": len(queues), "mappings": len(functions) * len(queues), "accountMappings": total}

    def seed_buckets(self, world: dict[str, Any], region: str, result: dict[str, Any]) -> None:
        """``"buckets": ["name", …]``: S3 buckets in the seed's Region; the result maps each name to itself."""
        result["buckets"] = {}
        names = world.get("buckets", [])
        s3 = self.client("s3", region) if names else None
        for name in names:
            location = {} if region == "us-east-1" else {"CreateBucketConfiguration": {"LocationConstraint": region}}
            s3.create_bucket(Bucket=name, **location)  # type: ignore[union-attr]
            result["buckets"][name] = name

    def seed_topics(self, world: dict[str, Any], region: str, result: dict[str, Any]) -> None:
        """``"topics": ["name", …]``: SNS topics; the result maps each name to its ARN."""
        result["topics"] = {}
        for name in world.get("topics", []):
            result["topics"][name] = self.client("sns", region).create_topic(Name=name)["TopicArn"]

    def seed_event_buses(self, world: dict[str, Any], region: str, result: dict[str, Any]) -> None:
        """``"eventBuses": ["name", …]``: custom EventBridge buses; the result maps each name to its ARN."""
        result["eventBuses"] = {}
        for name in world.get("eventBuses", []):
            result["eventBuses"][name] = self.client("events", region).create_event_bus(Name=name)["EventBusArn"]

    def seed_event_rules(self, world: dict[str, Any], region: str, result: dict[str, Any]) -> None:
        """``"eventRules": [{"name": "shipped", "eventBusName": "orders" (optional, a bus of ``eventBuses``),
        "eventPattern": {…} or "scheduleExpression": "rate(1 day)"}]``: rules without targets; the result maps each
        name (unique across buses) to ``{"arn", "eventBusName"}``."""
        result["eventRules"] = {}
        for spec in world.get("eventRules", []):
            bus = spec.get("eventBusName", "default")
            request: dict[str, Any] = {"Name": spec["name"], "EventBusName": bus}
            if "eventPattern" in spec:
                request["EventPattern"] = json.dumps(spec["eventPattern"])
            if "scheduleExpression" in spec:
                request["ScheduleExpression"] = spec["scheduleExpression"]
            arn = self.client("events", region).put_rule(**request)["RuleArn"]
            result["eventRules"][spec["name"]] = {"arn": arn, "eventBusName": bus}

    def seed_log_groups(self, world: dict[str, Any], region: str, result: dict[str, Any]) -> None:
        """``"logGroups": ["/app/orders", …]``: CloudWatch Logs groups; the result maps each name to ``{"name",
        "arn"}`` (``…:log-group:NAME:*``, as DescribeLogGroups gives it)."""
        result["logGroups"] = {}
        names = world.get("logGroups", [])
        logs = self.client("logs", region) if names else None
        for name in names:
            logs.create_log_group(logGroupName=name)  # type: ignore[union-attr]
            groups = logs.describe_log_groups(logGroupNamePrefix=name)["logGroups"]  # type: ignore[union-attr]
            result["logGroups"][name] = {"name": name, "arn": next(g["arn"] for g in groups if g["logGroupName"] == name)}

    def seed_rest_apis(self, world: dict[str, Any], region: str, result: dict[str, Any]) -> None:
        """``"restApis": [{"name": "web-v1", "methods": ["GET /status", "POST /orders/items"]}]``: API Gateway REST
        APIs whose resources (each path part) and methods (authorization ``NONE``) exist without integrations, as an
        API defined elsewhere waits for its integrations. The result maps each name to ``{"id", "rootResourceId",
        "resources": {"/status": id, …}}``. REST API and resource ids are generated: take them from here."""
        result["restApis"] = {}
        for spec in world.get("restApis", []):
            apigw = self.client("apigateway", region)
            api = apigw.create_rest_api(name=spec["name"])
            root = next(r["id"] for r in apigw.get_resources(restApiId=api["id"])["items"] if r["path"] == "/")
            resources = {"/": root}
            for method in spec.get("methods", []):
                verb, path = method.split(" ", 1)
                parent = root
                current = ""
                for part in [p for p in path.split("/") if p]:
                    current += "/" + part
                    if current not in resources:
                        resources[current] = apigw.create_resource(restApiId=api["id"], parentId=parent, pathPart=part)["id"]
                    parent = resources[current]
                apigw.put_method(restApiId=api["id"], resourceId=parent, httpMethod=verb, authorizationType="NONE")
            result["restApis"][spec["name"]] = {"id": api["id"], "rootResourceId": root, "resources": resources}


def mark_internal(request: Any, **_: Any) -> None:
    request.headers[INTERNAL_HEADER] = "1"

