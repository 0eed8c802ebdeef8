using System.Text.Json.Nodes;
using Gitmoxi.TestSupport;

namespace Gitmoxi.LambdaSources.Tests.EmulatorBehavior;

/// <summary>The fixture's own endpoints: request counting, reset and seeding.</summary>
[TestClass]
public sealed class EmulatorControlTests(TestContext testContext) : EmulatorFixture<EmulatorControlTests>
{
    private CancellationToken Cancellation => testContext.CancellationToken;

    [TestMethod]
    public async Task Requests_are_counted_per_operation_as_reads_or_writes()
    {
        var world = await emulator.SeedAsync(Cancellation);
        var mapping = new JsonObject { ["FunctionName"] = "orders", ["EventSourceArn"] = world.Queues["orders-queue"] };

        await emulator.SendJsonAsync("lambda", HttpMethod.Post, "/2015-03-31/event-source-mappings", mapping, Cancellation);
        await emulator.SendJsonAsync("lambda", HttpMethod.Get, "/2015-03-31/event-source-mappings?FunctionName=orders", null, Cancellation);
        await emulator.SendJsonAsync("lambda", HttpMethod.Get, "/2015-03-31/functions/orders/policy", null, Cancellation);
        await emulator.SendJsonAsync("apigateway", HttpMethod.Get, "/v2/apis", null, Cancellation);
        await emulator.SendFormAsync("elasticloadbalancing", "Action=DescribeTargetGroups&Version=2015-12-01", Cancellation);
        await emulator.SendFormAsync(null, "Action=AssumeRoleWithWebIdentity&Version=2011-06-15&RoleArn=arn:aws:iam::123456789012:role/gha&RoleSessionName=s&WebIdentityToken=t", Cancellation);
        await emulator.SendJsonAsync("lambda", HttpMethod.Get, "/2015-03-31/event-source-mappings", null, Cancellation);
        var counts = await emulator.GetRequestCountsAsync(Cancellation);

        CollectionAssert.AreEqual(
            new[]
            {
                new OperationCount("lambda:CreateEventSourceMapping", 1, IsWrite: true),
                new OperationCount("lambda:ListEventSourceMappings", 2, IsWrite: false),
                new OperationCount("lambda:GetPolicy", 1, IsWrite: false),
                new OperationCount("apigateway:GetApis", 1, IsWrite: false),
                new OperationCount("elasticloadbalancing:DescribeTargetGroups", 1, IsWrite: false),
                new OperationCount("sts:AssumeRoleWithWebIdentity", 1, IsWrite: true),
            },
            counts.Operations.ToList());
        Assert.AreEqual((5, 2), (counts.Reads, counts.Writes));
        Assert.AreEqual("lambda:CreateEventSourceMapping,sts:AssumeRoleWithWebIdentity", string.Join(',', counts.WriteOperations));
    }

    [TestMethod]
    public async Task Reset_wipes_moto_state_mappings_counts_and_configuration()
    {
        var world = await emulator.SeedAsync(Cancellation);
        await CreateMappingAsync(world);
        await emulator.ConfigureAsync(EmulatorConfiguration.Default with { Corrections = false }, Cancellation);

        await emulator.ResetAsync(Cancellation);

        Assert.IsEmpty((await emulator.GetRequestCountsAsync(Cancellation)).Operations);
        var mappings = await emulator.SendJsonAsync("lambda", HttpMethod.Get, "/2015-03-31/event-source-mappings", null, Cancellation);
        var function = await emulator.SendJsonAsync("lambda", HttpMethod.Get, "/2015-03-31/functions/orders", null, Cancellation);
        Assert.AreEqual("""{"EventSourceMappings":[]}""", mappings.Json!.ToJsonString());
        Assert.AreEqual(404, function.StatusCode);
        // Corrections are back on: plain moto would answer CreateEventSourceMapping with 201, not AWS's 202.
        Assert.AreEqual(202, (await CreateMappingAsync(await emulator.SeedAsync(Cancellation))).StatusCode);
    }

    [TestMethod]
    public async Task Seed_creates_role_functions_with_versions_and_aliases_queues_streams_and_tables()
    {
        var world = await emulator.SeedAsync(JsonNode.Parse("""
            {"functions":[{"name":"billing","versions":1,"aliases":{"prod":"1"}}],"queues":["jobs.fifo"],"streams":[],"tables":["ledger"]}
            """)!.AsObject(), Cancellation);

        Assert.AreEqual("arn:aws:iam::123456789012:role/gitmoxi-lambda-role", world.RoleArn);
        var billing = world.Functions["billing"];
        Assert.AreEqual(
            ("arn:aws:lambda:us-east-1:123456789012:function:billing", "arn:aws:lambda:us-east-1:123456789012:function:billing:1", "arn:aws:lambda:us-east-1:123456789012:function:billing:prod"),
            (billing.Arn, billing.Versions["1"], billing.Aliases["prod"]));
        Assert.AreEqual("arn:aws:sqs:us-east-1:123456789012:jobs.fifo", world.Queues["jobs.fifo"]);
        Assert.IsEmpty(world.Streams);
        StringAssert.StartsWith(world.Tables["ledger"].StreamArn, "arn:aws:dynamodb:us-east-1:123456789012:table/ledger/stream/");
        Assert.AreEqual(0, (await emulator.GetRequestCountsAsync(Cancellation)).Operations.Count);

        var alias = await emulator.AwsCliAsync(["lambda", "get-alias", "--function-name", "billing", "--name", "prod"], Cancellation);
        Assert.AreEqual("1", (string)alias!["FunctionVersion"]!);
    }

    [TestMethod]
    public async Task Push_source_operations_are_counted_under_their_botocore_names()
    {
        const string elb = "Version=2015-12-01&TargetGroupArn=arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/none/0";
        var permission = new JsonObject { ["StatementId"] = "s", ["Action"] = "lambda:InvokeFunction", ["Principal"] = "elasticloadbalancing.amazonaws.com" };

        await emulator.SendJsonAsync("lambda", HttpMethod.Post, "/2015-03-31/functions/none/policy?Qualifier=live", permission, Cancellation);
        await emulator.SendJsonAsync("lambda", HttpMethod.Delete, "/2015-03-31/functions/none/policy/s.1?Qualifier=live", null, Cancellation);
        await emulator.SendFormAsync("elasticloadbalancing", $"Action=RegisterTargets&{elb}&Targets.member.1.Id=x", Cancellation);
        await emulator.SendFormAsync("elasticloadbalancing", $"Action=DescribeTargetHealth&{elb}", Cancellation);
        await emulator.SendJsonAsync("apigateway", HttpMethod.Get, "/v2/apis/none/routes?maxResults=1", null, Cancellation);
        await emulator.SendJsonAsync("apigateway", HttpMethod.Patch, "/v2/apis/none/routes/r1", new JsonObject(), Cancellation);
        await emulator.SendJsonAsync("apigateway", HttpMethod.Delete, "/v2/apis/none/routes/r1", null, Cancellation);
        await emulator.SendJsonAsync("apigateway", HttpMethod.Get, "/v2/apis/none/integrations", null, Cancellation);
        await emulator.SendJsonAsync("apigateway", HttpMethod.Patch, "/v2/apis/none/stages/%24default", new JsonObject(), Cancellation);
        var counts = await emulator.GetRequestCountsAsync(Cancellation);

        Assert.AreEqual(
            "lambda:AddPermission,lambda:RemovePermission,elasticloadbalancing:RegisterTargets,elasticloadbalancing:DescribeTargetHealth,"
            + "apigateway:GetRoutes,apigateway:UpdateRoute,apigateway:DeleteRoute,apigateway:GetIntegrations,apigateway:UpdateStage",
            string.Join(',', counts.Operations.Select(o => o.Name)));
        Assert.AreEqual((3, 6), (counts.Reads, counts.Writes));
    }

    [TestMethod]
    public async Task Seed_creates_target_groups_in_any_account_and_http_apis_with_routes_integrations_and_stages()
    {
        const string aliasUri = "arn:aws:lambda:us-east-1:123456789012:function:orders:${stageVariables.lambdaAlias}";
        var spec = JsonNode.Parse("""
            {"functions":[{"name":"orders","versions":2,"aliases":{"live":"1","beta":"2","canary":"2"}}],
             "targetGroups":[{"name":"orders-tg"},{"name":"web","targetType":"instance","account":"222233334444"}],
             "httpApis":[{"name":"shop","routes":["GET /orders","$default"],"stages":{"prod":{"lambdaAlias":"live"},"$default":{}}}]}
            """)!.AsObject();
        spec["httpApis"]![0]!["routes"]!.AsArray().Add(new JsonObject { ["routeKey"] = "ANY /items", ["integrationUri"] = aliasUri });

        var world = await emulator.SeedAsync(spec, Cancellation);

        Assert.AreEqual("beta,canary,live", string.Join(',', world.Functions["orders"].Aliases.Keys.Order(StringComparer.Ordinal)));
        Assert.AreEqual(("lambda", Emulator.AccountId), (world.TargetGroups["orders-tg"].TargetType, world.TargetGroups["orders-tg"].AccountId));
        StringAssert.StartsWith(world.TargetGroups["web"].Arn, "arn:aws:elasticloadbalancing:us-east-1:222233334444:targetgroup/web/");
        var groups = await emulator.SendFormAsync("elasticloadbalancing", "Action=DescribeTargetGroups&Version=2015-12-01", Cancellation);
        Assert.AreEqual("orders-tg", string.Join(',', groups.XmlValues("TargetGroupName")));

        var shop = world.HttpApis["shop"];
        var routes = (await emulator.SendJsonAsync("apigateway", HttpMethod.Get, $"/v2/apis/{shop.Id}/routes", null, Cancellation)).Json!["items"]!.AsArray();
        var items = routes.Single(r => (string)r!["routeKey"]! == "ANY /items")!;
        Assert.AreEqual("$default,ANY /items,GET /orders", string.Join(',', routes.Select(r => (string)r!["routeKey"]!).Order(StringComparer.Ordinal)));
        Assert.AreEqual(shop.Routes["ANY /items"].Id, (string)items["routeId"]!);
        Assert.AreEqual($"integrations/{shop.Integrations[aliasUri]}", (string)items["target"]!);
        Assert.IsNull(shop.Routes["GET /orders"].IntegrationId);
        Assert.AreEqual(("live", 0), (shop.Stages["prod"]["lambdaAlias"], shop.Stages["$default"].Count));
        StringAssert.StartsWith(shop.Endpoint, $"https://{shop.Id}.execute-api.us-east-1.amazonaws.com");
    }

    private async Task<EmulatorResponse> CreateMappingAsync(SeededWorld world)
    {
        var mapping = new JsonObject { ["FunctionName"] = "orders", ["EventSourceArn"] = world.Queues["orders-queue"] };
        return await emulator.SendJsonAsync("lambda", HttpMethod.Post, "/2015-03-31/event-source-mappings", mapping, Cancellation);
    }
}
