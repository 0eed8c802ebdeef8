using System.Text.Json.Nodes;
using Gitmoxi.LambdaSources.Applying;
using Gitmoxi.LambdaSources.Diagnostics;
using Gitmoxi.LambdaSources.Planning;
using Gitmoxi.LambdaSources.Providers.Permission;
using Gitmoxi.LambdaSources.Rendering;
using Gitmoxi.TestSupport;

namespace Gitmoxi.LambdaSources.Tests.EndToEnd;

/// <summary>
/// ELB target groups and API Gateway HTTP API routes planned and applied end to end against the emulator, with the
/// AWS CLI as the independent observer of registrations, routes, integrations and resource policies.
/// </summary>
[TestClass]
public sealed class PushSourceEndToEndTests : EmulatorFixture<PushSourceEndToEndTests>, IDisposable
{
    private const string File = "orders/orders_lambdaeventsourcedef.json";
    private const string Account = Emulator.AccountId;

    /// <summary>The floor: the function, the account's mappings, its policy, the target group twice, the API four times.</summary>
    private static readonly string[] NoChangeReads =
    [
        "lambda:GetFunction=1", "lambda:ListEventSourceMappings=1", "lambda:GetPolicy=1",
        "elasticloadbalancing:DescribeTargetGroups=1", "elasticloadbalancing:DescribeTargetHealth=1",
        "apigateway:GetApi=1", "apigateway:GetRoutes=1", "apigateway:GetIntegrations=1", "apigateway:GetStages=1",
    ];
    private SeededWorld world = null!;
    private EngineHarness repo = null!;

    private CancellationToken Token => TestContext.CancellationToken;

    private string TargetGroup => world.TargetGroups["orders-tg"].Arn;

    private SeededHttpApi Api => world.HttpApis["shop"];

    private string RouteId => Api.Routes["GET /orders"].Id;

    private string AliasArn(string alias) => world.Functions["orders"].Aliases[alias];

    [TestInitialize]
    public async Task TestInitialize()
    {
        await emulator.ConfigureAsync(EmulatorConfiguration.Instant, Token);
        world = await emulator.SeedAsync(
            JsonNode.Parse("""
                {
                  "functions": [ { "name": "orders", "versions": 2, "aliases": { "live": "1", "blue": "2" } } ],
                  "targetGroups": [
                    { "name": "orders-tg" },
                    { "name": "web", "targetType": "instance" },
                    { "name": "remote", "account": "222233334444" } ],
                  "httpApis": [ { "name": "shop", "routes": [ "GET /orders", "ANY /items" ], "stages": { "prod": { "lambdaAlias": "live" } } } ]
                }
                """)!.AsObject(),
            Token);
        repo = new EngineHarness(emulator);
        repo.Write("orders/orders_lambdadef.json", """{ "FunctionName": "orders" }""");
        Deploy("live");
    }

    public void Dispose() => repo?.Dispose();

    [TestMethod]
    public async Task Seed_example_wires_elb_api_gateway_and_sqs_to_the_alias_and_a_second_apply_writes_nothing()
    {
        WriteSeedExample();

        var (plan, _) = await ApplySucceedsAsync();

        CollectionAssert.AreEqual(
            new[]
            {
                // Apply order: permissions first, then the wiring that needs them.
                $"Create permission live/{ElbSid}",
                $"Create permission live/{ApiSid}",
                "Create event-source-mapping sqs:orders-queue",
                "Create target-registration elb:orders-tg",
                $"Create route-integration apigw:{Api.Id}/GET /orders",
            },
            Changes(plan),
            Text(plan));

        Assert.AreEqual(AliasArn("live"), (await RegisteredTargetsAsync()).Single());
        var integration = await RouteIntegrationAsync();
        Assert.AreEqual("arn:aws:lambda:us-east-1:123456789012:function:orders:${stageVariables.lambdaAlias}", (string?)integration["IntegrationUri"]);
        Assert.AreEqual("AWS_PROXY", (string?)integration["IntegrationType"]);
        Assert.AreEqual("2.0", (string?)integration["PayloadFormatVersion"]);

        var statements = await StatementsAsync("live");
        Assert.AreEqual(TargetGroup, SourceArn(statements[ElbSid]));
        Assert.AreEqual("elasticloadbalancing.amazonaws.com", (string?)statements[ElbSid]["Principal"]!["Service"]);
        Assert.AreEqual(AliasArn("live"), (string?)statements[ElbSid]["Resource"]);
        Assert.AreEqual($"arn:aws:execute-api:us-east-1:{Account}:{Api.Id}/*/GET/orders", SourceArn(statements[ApiSid]));
        Assert.AreEqual("apigateway.amazonaws.com", (string?)statements[ApiSid]["Principal"]!["Service"]);
        Assert.AreEqual(AliasArn("live"), (string?)statements[ApiSid]["Resource"]);
        var mappings = await emulator.AwsCliAsync(["lambda", "list-event-source-mappings", "--function-name", "orders:live"], Token);
        Assert.AreEqual(AliasArn("live"), (string?)mappings!["EventSourceMappings"]![0]!["FunctionArn"]);

        await emulator.ResetRequestCountsAsync(Token);
        var (again, rerun) = await repo.ApplyAsync(Token);

        Assert.IsFalse(again.Totals.HasChanges, Text(again));
        Assert.IsTrue(rerun.Succeeded, Describe(rerun));
        var counts = await emulator.GetRequestCountsAsync(Token);
        Assert.AreEqual(0, counts.Writes, string.Join(", ", counts.WriteOperations));
    }

    [TestMethod]
    public async Task Moving_the_alias_retargets_all_three_sources_in_one_plan()
    {
        WriteSeedExample();
        await ApplySucceedsAsync();
        Deploy("blue");
        await emulator.AwsCliAsync(["apigatewayv2", "update-stage", "--api-id", Api.Id, "--stage-name", "prod", "--stage-variables", "lambdaAlias=blue"], Token);

        var (plan, _) = await ApplySucceedsAsync();

        CollectionAssert.AreEqual(
            new[]
            {
                $"Create permission blue/{ElbSid}",
                $"Create permission blue/{ApiSid}",
                "Update event-source-mapping sqs:orders-queue",
                "Update target-registration elb:orders-tg",
                $"NoOp route-integration apigw:{Api.Id}/GET /orders",
                $"Delete permission live/{ElbSid}",
                $"Delete permission live/{ApiSid}",
            },
            Changes(plan),
            Text(plan));
        Assert.AreEqual(AliasArn("blue"), (await RegisteredTargetsAsync()).Single());
        var statements = await StatementsAsync("blue");
        CollectionAssert.AreEquivalent(new[] { ElbSid, ApiSid }, statements.Keys.ToArray());
        Assert.IsEmpty(await StatementsAsync("live"));
        var mappings = await emulator.AwsCliAsync(["lambda", "list-event-source-mappings", "--function-name", "orders:blue"], Token);
        Assert.AreEqual(AliasArn("blue"), (string?)mappings!["EventSourceMappings"]![0]!["FunctionArn"]);
        Assert.IsFalse((await repo.PlanAsync(Token)).Totals.HasChanges);
    }

    [TestMethod]
    public async Task A_removed_elb_source_is_drift_without_prune_and_is_removed_with_prune_leaving_unowned_statements_alone()
    {
        WriteSeedExample();
        await ApplySucceedsAsync();
        await emulator.AwsCliAsync(
            ["lambda", "add-permission", "--function-name", "orders", "--qualifier", "live", "--statement-id", "hand-made",
             "--action", "lambda:InvokeFunction", "--principal", "elasticloadbalancing.amazonaws.com", "--source-arn", TargetGroup],
            Token);
        WriteSeedExample(withElb: false);

        await emulator.ResetRequestCountsAsync(Token);
        var (drift, kept) = await repo.ApplyAsync(Token);

        Assert.IsTrue(kept.Succeeded, Describe(kept));
        CollectionAssert.AreEqual(
            new[]
            {
                "Drift target-registration elb:orders-tg",
                $"Drift permission live/{ElbSid}",
                "Drift permission live/hand-made",
            },
            Changes(drift).Where(c => !c.StartsWith("NoOp", StringComparison.Ordinal)).ToArray(),
            Text(drift));
        Assert.AreEqual(0, (await emulator.GetRequestCountsAsync(Token)).Writes);
        Assert.AreEqual(AliasArn("live"), (await RegisteredTargetsAsync()).Single());

        var (pruned, _) = await ApplySucceedsAsync(prune: true);

        Assert.AreEqual(2, pruned.Totals.Delete, Text(pruned));
        Assert.IsEmpty(await RegisteredTargetsAsync());
        CollectionAssert.AreEquivalent(new[] { "hand-made", ApiSid }, (await StatementsAsync("live")).Keys.ToArray());
    }

    [TestMethod]
    public async Task A_removed_route_source_with_prune_detaches_the_route_deletes_the_integration_it_created_and_removes_the_statement()
    {
        WriteSeedExample();
        await ApplySucceedsAsync();
        var created = (string)(await emulator.AwsCliAsync(["apigatewayv2", "get-route", "--api-id", Api.Id, "--route-id", RouteId], Token))!["Target"]!;
        repo.Write(File, $$"""{ "PushEventSources": [ {{ElbSource(TargetGroup)}} ] }""");
        await emulator.ResetRequestCountsAsync(Token);

        var (pruned, _) = await ApplySucceedsAsync(prune: true);

        CollectionAssert.AreEqual(
            new[] { $"Delete route-integration apigw:{Api.Id}/GET /orders", $"Delete permission live/{ApiSid}" },
            Changes(pruned).Where(c => c.StartsWith("Delete", StringComparison.Ordinal) && !c.Contains("event-source-mapping", StringComparison.Ordinal)).ToArray(),
            Text(pruned));
        var counts = await emulator.GetRequestCountsAsync(Token);
        Assert.AreEqual(1, counts.Count("apigateway:UpdateRoute"));
        var route = await emulator.AwsCliAsync(["apigatewayv2", "get-route", "--api-id", Api.Id, "--route-id", RouteId], Token);
        Assert.IsNull(route!["Target"], route.ToJsonString());
        var integrations = await emulator.AwsCliAsync(["apigatewayv2", "get-integrations", "--api-id", Api.Id], Token);
        Assert.IsFalse(integrations!["Items"]!.AsArray().Any(i => "integrations/" + (string?)i!["IntegrationId"] == created));
        CollectionAssert.AreEquivalent(new[] { ElbSid }, (await StatementsAsync("live")).Keys.ToArray());
    }

    [TestMethod]
    public async Task An_instance_target_group_fails_with_a_coded_error_and_no_write()
    {
        await AssertRefusedAsync(ElbSource(world.TargetGroups["web"].Arn), DiagnosticCodes.TargetGroupNotLambda);
    }

    [TestMethod]
    public async Task A_missing_route_fails_with_a_coded_error_and_no_write()
    {
        await AssertRefusedAsync(ApiSource("nope123", null), DiagnosticCodes.RouteNotFound);
    }

    [TestMethod]
    public async Task A_target_group_in_another_account_fails_with_a_coded_error_and_no_write()
    {
        await AssertRefusedAsync(ElbSource(world.TargetGroups["remote"].Arn), DiagnosticCodes.TargetGroupElsewhere);
    }

    [TestMethod]
    public async Task No_change_plan_of_one_function_with_one_elb_and_one_route_reads_each_thing_once()
    {
        repo.Write(File, $$"""{ "PushEventSources": [ {{ElbSource(TargetGroup)}}, {{ApiSource(RouteId, null)}} ] }""");
        await ApplySucceedsAsync();
        await emulator.ResetRequestCountsAsync(Token);

        var plan = await repo.PlanAsync(Token);

        Assert.IsFalse(plan.Totals.HasChanges, Text(plan));
        var counts = await emulator.GetRequestCountsAsync(Token);
        CollectionAssert.AreEquivalent(NoChangeReads, counts.Operations.Select(o => $"{o.Name}={o.Count}").ToArray());
    }

    [TestMethod]
    public async Task Adding_a_statement_that_appeared_since_the_plan_is_a_no_op_when_identical_and_a_re_add_when_different()
    {
        repo.Write(File, $$"""{ "PushEventSources": [ {{ElbSource(TargetGroup)}}, {{ApiSource(RouteId, null)}} ] }""");
        var plan = await repo.PlanAsync(Token);
        await AddPermissionAsync(ElbSid, "elasticloadbalancing.amazonaws.com", TargetGroup);
        await AddPermissionAsync(ApiSid, "apigateway.amazonaws.com", $"arn:aws:execute-api:us-east-1:{Account}:{Api.Id}/*/*/elsewhere");

        var result = await repo.ApplyPlanAsync(plan, Token);

        Assert.IsTrue(result.Succeeded, Describe(result));
        var statements = await StatementsAsync("live");
        Assert.AreEqual(TargetGroup, SourceArn(statements[ElbSid]));
        Assert.AreEqual($"arn:aws:execute-api:us-east-1:{Account}:{Api.Id}/*/GET/orders", SourceArn(statements[ApiSid]));
        Assert.IsFalse((await repo.PlanAsync(Token)).Totals.HasChanges);
    }

    [TestMethod]
    public async Task Permission_writes_to_one_function_are_serialized_even_across_function_plans()
    {
        await emulator.ConfigureAsync(EmulatorConfiguration.Instant with { PermissionWriteRace = true }, Token);
        repo.Write(File, $$"""{ "PushEventSources": [ {{ElbSource(TargetGroup)}}, {{ApiSource(RouteId, null)}} ] }""");
        var plan = await repo.PlanAsync(Token);
        var function = plan.Functions.Single();
        var permissions = function.Changes.Where(c => c.Kind == ResourceKind.Permission).ToList();
        // Two plans for one function, applied in parallel: without a shared lock their AddPermission calls overlap and one statement is lost.
        var split = plan with { Functions = [function with { Changes = [permissions[0]] }, function with { Changes = [permissions[1]] }] };

        var result = await repo.ApplyPlanAsync(split, Token);

        Assert.IsTrue(result.Succeeded, Describe(result));
        CollectionAssert.AreEquivalent(new[] { ElbSid, ApiSid }, (await StatementsAsync("live")).Keys.ToArray());
    }

    private Task<JsonNode?> AddPermissionAsync(string sid, string principal, string sourceArn) =>
        emulator.AwsCliAsync(
            ["lambda", "add-permission", "--function-name", "orders", "--qualifier", "live", "--statement-id", sid,
             "--action", "lambda:InvokeFunction", "--principal", principal, "--source-arn", sourceArn],
            Token);

    private string ElbSid => StatementIds.Elb(repo.Owner, TargetGroup);

    private string ApiSid => StatementIds.ApiGateway(repo.Owner, Api.Id, RouteId);

    private async Task AssertRefusedAsync(string source, string code)
    {
        repo.Write(File, $$"""{ "PushEventSources": [ {{source}} ] }""");
        await emulator.ResetRequestCountsAsync(Token);

        var (plan, result) = await repo.ApplyAsync(Token);

        Assert.AreEqual(code, plan.Diagnostics.Single(d => d.IsError).Code, Text(plan));
        Assert.IsFalse(result.Succeeded);
        Assert.AreEqual(0, (await emulator.GetRequestCountsAsync(Token)).Writes);
    }

    private void Deploy(string alias) => repo.Write("orders/orders_lambdadepdef.json", $$"""{ "alias": "{{alias}}" }""");

    private void WriteSeedExample(bool withElb = true)
    {
        var push = withElb ? $"{ElbSource(TargetGroup)}, {ApiSource(RouteId, "lambdaAlias")}" : ApiSource(RouteId, "lambdaAlias");
        repo.Write(File, $$"""
            {
              "PushEventSources": [ {{push}} ],
              "PullEventSources": {
                "EventSourceMapping": {
                  "EventSourceArn": "{{world.Queues["orders-queue"]}}",
                  "FunctionName": "orders",
                  "BatchSize": 10,
                  "MaximumBatchingWindowInSeconds": 60
                }
              }
            }
            """);
    }

    private static string ElbSource(string targetGroupArn) =>
        $$"""{ "Service": "elasticloadbalancing.amazonaws.com", "TargetGroupArn": "{{targetGroupArn}}" }""";

    private string ApiSource(string routeId, string? stageVariable) => stageVariable is null
        ? $$"""{ "Service": "apigateway.amazonaws.com", "ApiId": "{{Api.Id}}", "RouteId": "{{routeId}}" }"""
        : $$"""{ "Service": "apigateway.amazonaws.com", "ApiId": "{{Api.Id}}", "RouteId": "{{routeId}}", "AliasStageVariableName": "{{stageVariable}}" }""";

    private async Task<(Plan Plan, ApplyResult Result)> ApplySucceedsAsync(bool prune = false)
    {
        var (plan, result) = await repo.ApplyAsync(Token, prune);
        Assert.IsFalse(plan.HasErrors, Text(plan));
        Assert.IsTrue(result.Succeeded, Describe(result));
        return (plan, result);
    }

    private async Task<List<string>> RegisteredTargetsAsync()
    {
        var health = await emulator.AwsCliAsync(["elbv2", "describe-target-health", "--target-group-arn", TargetGroup], Token);
        return [.. health!["TargetHealthDescriptions"]!.AsArray().Select(d => (string)d!["Target"]!["Id"]!)];
    }

    private async Task<JsonNode> RouteIntegrationAsync()
    {
        var route = await emulator.AwsCliAsync(["apigatewayv2", "get-route", "--api-id", Api.Id, "--route-id", RouteId], Token);
        var target = (string)route!["Target"]!;
        Assert.StartsWith("integrations/", target);
        return (await emulator.AwsCliAsync(
            ["apigatewayv2", "get-integration", "--api-id", Api.Id, "--integration-id", target["integrations/".Length..]], Token))!;
    }

    /// <summary>The qualifier's resource policy by statement id; empty when it has none (GetPolicy answers 404).</summary>
    private async Task<Dictionary<string, JsonNode>> StatementsAsync(string qualifier)
    {
        var result = await emulator.RunAwsCliAsync(["lambda", "get-policy", "--function-name", "orders", "--qualifier", qualifier], Token);
        if (result.ErrorCode == "ResourceNotFoundException")
        {
            return [];
        }

        var policy = JsonNode.Parse((string)result.Output!["Policy"]!)!;
        return policy["Statement"]!.AsArray().ToDictionary(s => (string)s!["Sid"]!, s => s!, StringComparer.Ordinal);
    }

    private static string? SourceArn(JsonNode statement) => (string?)statement["Condition"]?["ArnLike"]?["AWS:SourceArn"];

    private static string[] Changes(Plan plan) =>
        [.. plan.Functions.Single().Changes.Select(c => $"{c.Action} {c.Address}"), .. plan.Functions.Single().Drift.Select(d => $"Drift {d.Address}")];

    private static string Text(Plan plan) => PlanTextRenderer.Render(plan);

    private static string Describe(ApplyResult result) => ApplyResultTextRenderer.Render(result);
}
