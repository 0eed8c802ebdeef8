using System.Text.Json.Nodes;
using Gitmoxi.LambdaSources.Applying;
using Gitmoxi.LambdaSources.Diagnostics;
using Gitmoxi.LambdaSources.Planning;
using Gitmoxi.LambdaSources.Providers.Permission;
using Gitmoxi.LambdaSources.Rendering;
using Gitmoxi.TestSupport;

namespace Gitmoxi.LambdaSources.Tests.EndToEnd;

/// <summary>
/// API Gateway REST API methods planned and applied end to end against the emulator, with the AWS CLI as the
/// independent observer of integrations, stages and the function's resource policy.
/// </summary>
[TestClass]
public sealed class RestApiEndToEndTests : EmulatorFixture<RestApiEndToEndTests>, IDisposable
{
    private const string File = "orders/orders_lambdaeventsourcedef.json";
    private const string Account = Emulator.AccountId;
    private SeededWorld world = null!;
    private EngineHarness repo = null!;
    private string apiId = null!;
    private string resourceId = null!;

    private CancellationToken Token => TestContext.CancellationToken;

    private string StatementId => StatementIds.RestApi(repo.Owner, apiId, resourceId, "GET");

    private string Address => $"rest-integration apigw:{apiId}/{resourceId}/GET";

    [TestInitialize]
    public async Task TestInitialize()
    {
        await emulator.ConfigureAsync(EmulatorConfiguration.Instant, Token);
        world = await emulator.SeedAsync(
            JsonNode.Parse("""{ "functions": [ { "name": "orders", "versions": 2, "aliases": { "live": "1", "blue": "2" } } ] }""")!.AsObject(),
            Token);
        apiId = (string)(await CliAsync("create-rest-api", "--name", "shop"))["id"]!;
        var root = (string)(await CliAsync("get-resources", "--rest-api-id", apiId))["items"]![0]!["id"]!;
        resourceId = (string)(await CliAsync("create-resource", "--rest-api-id", apiId, "--parent-id", root, "--path-part", "orders"))["id"]!;
        foreach (var method in new[] { "GET", "POST", "PUT" })
        {
            await CliAsync("put-method", "--rest-api-id", apiId, "--resource-id", resourceId, "--http-method", method, "--authorization-type", "NONE");

            // A deployment needs every method integrated (AWS and the emulator refuse it otherwise): a placeholder MOCK.
            await CliAsync("put-integration", "--rest-api-id", apiId, "--resource-id", resourceId, "--http-method", method, "--type", "MOCK");
        }

        await CliAsync("create-deployment", "--rest-api-id", apiId, "--stage-name", "prod", "--variables", "lambdaAlias=live");
        repo = Repository();
    }

    public void Dispose() => repo?.Dispose();

    [TestMethod]
    public async Task A_rest_method_is_wired_after_its_permission_says_it_needs_a_deployment_and_a_second_apply_writes_nothing()
    {
        WriteSource(stageVariable: true);

        var (plan, _) = await ApplySucceedsAsync();

        AssertChanges(plan, $"Create permission live/{StatementId}", $"Update {Address}");
        StringAssert.Contains(string.Join("\n", plan.Functions.Single().Changes[1].Notes), "reaches callers after the API is deployed to its stages");
        var integration = await IntegrationAsync();
        Assert.AreEqual("AWS_PROXY", (string?)integration["type"]);
        Assert.AreEqual("POST", (string?)integration["httpMethod"]);
        Assert.AreEqual(
            "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:orders:${stageVariables.lambdaAlias}/invocations",
            (string?)integration["uri"]);
        var statement = (await StatementsAsync("live"))[StatementId];
        Assert.AreEqual($"arn:aws:execute-api:us-east-1:{Account}:{apiId}/*/GET/orders", (string?)statement["Condition"]!["ArnLike"]!["AWS:SourceArn"]);
        Assert.AreEqual("apigateway.amazonaws.com", (string?)statement["Principal"]!["Service"]);

        await emulator.ResetRequestCountsAsync(Token);
        var (again, _) = await ApplySucceedsAsync();
        Assert.IsFalse(again.Totals.HasChanges, Text(again));
        var counts = await emulator.GetRequestCountsAsync(Token);
        Assert.AreEqual(0, counts.Writes, string.Join(", ", counts.WriteOperations));
    }

    [TestMethod]
    public async Task A_stage_alias_move_moves_the_permission_and_dropping_the_stage_variable_updates_the_integration_in_place()
    {
        WriteSource(stageVariable: true);
        await ApplySucceedsAsync();
        await CliAsync("update-stage", "--rest-api-id", apiId, "--stage-name", "prod", "--patch-operations", "op=replace,path=/variables/lambdaAlias,value=blue");

        var (moved, _) = await ApplySucceedsAsync();

        AssertChanges(moved, $"Create permission blue/{StatementId}", $"NoOp {Address}", $"Delete permission live/{StatementId}");
        Assert.IsEmpty(await StatementsAsync("live"));

        WriteSource(stageVariable: false);
        var (updated, _) = await ApplySucceedsAsync();

        AssertChanges(updated, $"Create permission live/{StatementId}", $"Update {Address}", $"Delete permission blue/{StatementId}");
        Assert.AreEqual(
            "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:orders:live/invocations",
            (string?)(await IntegrationAsync())["uri"]);
        Assert.IsFalse((await repo.PlanAsync(Token)).Totals.HasChanges);
    }

    [TestMethod]
    public async Task A_removed_rest_source_is_drift_without_prune_and_removed_with_prune_permission_last_leaving_other_methods_alone()
    {
        WriteSource(stageVariable: false, "GET", "POST");
        await ApplySucceedsAsync();
        var foreignUri = "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:orders:live/invocations";
        await CliAsync("put-integration", "--rest-api-id", apiId, "--resource-id", resourceId, "--http-method", "PUT",
            "--type", "AWS_PROXY", "--integration-http-method", "POST", "--uri", foreignUri);
        WriteSource(stageVariable: false, "POST");

        var drift = await repo.PlanAsync(Token);

        var post = StatementIds.RestApi(repo.Owner, apiId, resourceId, "POST");
        AssertChanges(drift, $"NoOp permission live/{post}", $"NoOp rest-integration apigw:{apiId}/{resourceId}/POST", $"Drift {Address}", $"Drift permission live/{StatementId}");

        var (pruned, _) = await ApplySucceedsAsync(prune: true);

        // Apply order: the integration goes before its permission.
        AssertChanges(pruned, $"NoOp permission live/{post}", $"Delete {Address}", $"NoOp rest-integration apigw:{apiId}/{resourceId}/POST", $"Delete permission live/{StatementId}");
        Assert.IsNull((await CliAsync("get-method", "--rest-api-id", apiId, "--resource-id", resourceId, "--http-method", "GET"))["methodIntegration"]);
        Assert.AreEqual(foreignUri, (string?)(await CliAsync("get-method", "--rest-api-id", apiId, "--resource-id", resourceId, "--http-method", "PUT"))["methodIntegration"]!["uri"]);
        CollectionAssert.AreEquivalent(
            new[] { post }, (await StatementsAsync("live")).Keys.ToArray());
        Assert.IsFalse((await repo.PlanAsync(Token, prune: true)).Totals.HasChanges);
    }

    [TestMethod]
    public async Task A_changed_api_is_deployed_to_each_named_stage_it_has_after_its_integration_and_an_unchanged_one_is_not()
    {
        repo.Dispose();
        repo = Repository(["prod", "beta"]);
        await CliAsync("create-deployment", "--rest-api-id", apiId, "--stage-name", "dev");
        WriteSource(stageVariable: true);
        var before = await DeploymentIdsAsync();

        var (plan, result) = await ApplySucceedsAsync();

        AssertChanges(plan, $"Create permission live/{StatementId}", $"Update {Address}", $"Create rest-deployment apigw:{apiId}/prod");
        var warning = plan.Diagnostics.Single();
        Assert.AreEqual(DiagnosticCodes.RestDeployStageNotFound, warning.Code);
        Assert.AreEqual($"The REST API {apiId} has no stage 'beta' (it has: dev, prod): it is not deployed there; create the stage or remove it from the stages to deploy.", warning.Message);
        var deployed = result.Functions.Single().Changes[^1].ResultId;
        var after = await DeploymentIdsAsync();
        CollectionAssert.AreEquivalent(before.Append(deployed).ToArray(), after);
        var prod = await CliAsync("get-stage", "--rest-api-id", apiId, "--stage-name", "prod");
        Assert.AreEqual(deployed, (string?)prod["deploymentId"]);
        Assert.AreEqual("live", (string?)prod["variables"]!["lambdaAlias"]);
        Assert.AreNotEqual(deployed, (string?)(await CliAsync("get-stage", "--rest-api-id", apiId, "--stage-name", "dev"))["deploymentId"]);

        await emulator.ResetRequestCountsAsync(Token);
        var (again, _) = await ApplySucceedsAsync();

        Assert.IsFalse(again.Totals.HasChanges, Text(again));
        Assert.IsEmpty(again.Diagnostics);
        Assert.AreEqual(0, (await emulator.GetRequestCountsAsync(Token)).Writes);
        CollectionAssert.AreEquivalent(after, await DeploymentIdsAsync());
    }

    [TestMethod]
    public async Task A_rest_method_that_does_not_exist_fails_coded_without_any_write()
    {
        repo.Write(File, $$"""
            { "PushEventSources": [ { "Service": "apigateway.amazonaws.com", "RestApiId": "{{apiId}}", "ResourceId": "{{resourceId}}", "HttpMethod": "DELETE" } ] }
            """);
        await emulator.ResetRequestCountsAsync(Token);

        var (plan, result) = await repo.ApplyAsync(Token);

        var error = plan.Diagnostics.Single(d => d.IsError);
        Assert.AreEqual(DiagnosticCodes.RestMethodNotFound, error.Code, Text(plan));
        StringAssert.Contains(error.Message, "has no method DELETE on resource");
        Assert.IsFalse(result.Succeeded);
        Assert.AreEqual(0, (await emulator.GetRequestCountsAsync(Token)).Writes);
    }

    private void WriteSource(bool stageVariable, params string[] methods) => repo.Write(File, $$"""
        {
          "PushEventSources": [ {{string.Join(",\n", (methods.Length == 0 ? ["GET"] : methods).Select(method =>
            $$$"""{ "Service": "apigateway.amazonaws.com", "RestApiId": "{{{apiId}}}", "ResourceId": "{{{resourceId}}}", "HttpMethod": "{{{method}}}"{{{(stageVariable ? ", \"AliasStageVariableName\": \"lambdaAlias\"" : string.Empty)}}} }"""))}} ]
        }
        """);

    private static EngineHarness Repository(IReadOnlyList<string>? deployStages = null)
    {
        var harness = new EngineHarness(emulator, "acme/orders", restApiDeployStages: deployStages);
        harness.Write("orders/orders_lambdadef.json", """{ "FunctionName": "orders" }""");
        harness.Write("orders/orders_lambdadepdef.json", """{ "alias": "live" }""");
        return harness;
    }

    private async Task<string[]> DeploymentIdsAsync() =>
        [.. (await CliAsync("get-deployments", "--rest-api-id", apiId))["items"]!.AsArray().Select(d => (string)d!["id"]!)];

    private async Task<JsonNode> CliAsync(params string[] arguments) => (await emulator.AwsCliAsync(["apigateway", .. arguments], Token)) ?? new JsonObject();

    private Task<JsonNode> IntegrationAsync() => CliAsync("get-integration", "--rest-api-id", apiId, "--resource-id", resourceId, "--http-method", "GET");

    private async Task<Dictionary<string, JsonNode>> StatementsAsync(string qualifier)
    {
        var policy = await emulator.RunAwsCliAsync(["lambda", "get-policy", "--function-name", "orders", "--qualifier", qualifier], Token);
        if (!policy.Succeeded)
        {
            return [];
        }

        var document = JsonNode.Parse((string)policy.Output!["Policy"]!)!;
        return document["Statement"]!.AsArray().ToDictionary(s => (string)s!["Sid"]!, s => s!);
    }

    private async Task<(Plan Plan, ApplyResult Result)> ApplySucceedsAsync(bool prune = false)
    {
        var (plan, result) = await repo.ApplyAsync(Token, prune);
        Assert.IsFalse(plan.HasErrors, Text(plan));
        Assert.IsTrue(result.Succeeded, ApplyResultTextRenderer.Render(result));
        return (plan, result);
    }

    private static void AssertChanges(Plan plan, params string[] expected) => CollectionAssert.AreEqual(expected, Changes(plan), Text(plan));

    private static string[] Changes(Plan plan) =>
        [.. plan.Functions.Single().Changes.Select(c => $"{c.Action} {c.Address}"), .. plan.Functions.Single().Drift.Select(d => $"Drift {d.Address}")];

    private static string Text(Plan plan) => PlanTextRenderer.Render(plan);
}
