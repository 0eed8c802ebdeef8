using System.Text.Json.Nodes;
using Gitmoxi.LambdaSources.Applying;
using Gitmoxi.LambdaSources.Definitions;
using Gitmoxi.LambdaSources.Planning;
using Gitmoxi.LambdaSources.Providers.Permission;
using Gitmoxi.LambdaSources.Rendering;
using Gitmoxi.TestSupport;

namespace Gitmoxi.LambdaSources.Tests.EndToEnd;

/// <summary>
/// Ownership by repository identity against the emulator, observed with the AWS CLI: two repositories wiring one
/// function never prune each other, and what the previous version made is adopted and migrated in place.
/// </summary>
[TestClass]
public sealed class OwnershipEndToEndTests : EmulatorFixture<OwnershipEndToEndTests>, IDisposable
{
    private const string File = "orders/orders_lambdaeventsourcedef.json";
    private SeededWorld world = null!;
    private readonly List<EngineHarness> repos = [];

    private CancellationToken Token => TestContext.CancellationToken;

    private string TargetGroup => world.TargetGroups["orders-tg"].Arn;

    private SeededHttpApi Api => world.HttpApis["shop"];

    private string RouteId => Api.Routes["GET /orders"].Id;

    private string Live => world.Functions["orders"].Aliases["live"];

    [TestInitialize]
    public async Task TestInitialize()
    {
        await emulator.ConfigureAsync(EmulatorConfiguration.Instant, Token);
        world = await emulator.SeedAsync(
            JsonNode.Parse("""
                {
                  "functions": [ { "name": "orders", "versions": 1, "aliases": { "live": "1" } } ],
                  "queues": [ "orders-queue" ],
                  "targetGroups": [ { "name": "orders-tg" } ],
                  "httpApis": [ { "name": "shop", "routes": [ "GET /orders" ], "stages": { "prod": {} } } ]
                }
                """)!.AsObject(),
            Token);
    }

    public void Dispose()
    {
        foreach (var repo in repos)
        {
            repo.Dispose();
        }
    }

    [TestMethod]
    public async Task Two_repositories_wiring_one_function_prune_only_their_own_permission_and_wiring()
    {
        var elbRepo = Repository(
            "octo/load-balanced", $$"""{ "Service": "elasticloadbalancing.amazonaws.com", "TargetGroupArn": "{{TargetGroup}}" }""", QueueSource());
        var apiRepo = Repository("octo/http-api", $$"""{ "Service": "apigateway.amazonaws.com", "ApiId": "{{Api.Id}}", "RouteId": "{{RouteId}}" }""");
        await ApplySucceedsAsync(elbRepo, prune: true);
        var (apiPlan, _) = await ApplySucceedsAsync(apiRepo, prune: true);

        // The API repository, pruning, sees the other repository's mapping and statement as drift and leaves them (and the registration).
        var elbSid = StatementIds.Elb(elbRepo.Owner, TargetGroup);
        var apiSid = StatementIds.ApiGateway(apiRepo.Owner, Api.Id, RouteId);
        CollectionAssert.AreEquivalent(
            new[]
            {
                $"event-source-mapping sqs:orders-queue: created by gitmoxi for {File} in octo/load-balanced; only that file's plan removes it",
                $"permission live/{elbSid}: created by gitmoxi for another repository; only that repository's plan removes it",
            },
            apiPlan.Functions.Single().Drift.Select(d => $"{d.Address}: {d.Reason}").ToArray(),
            PlanTextRenderer.Render(apiPlan));
        Assert.AreEqual(0, apiPlan.Totals.Delete, PlanTextRenderer.Render(apiPlan));
        CollectionAssert.AreEquivalent(new[] { elbSid, apiSid }, (await StatementIdsAsync()).ToArray());
        CollectionAssert.AreEqual(new[] { Live }, (await RegisteredTargetsAsync()).ToArray());

        // The ELB repository drops its source: its own statement and registration go, the API repository's stay.
        elbRepo.Write(File, "{ " + QueueSource() + " }");
        var (pruned, _) = await ApplySucceedsAsync(elbRepo, prune: true);

        Assert.AreEqual(2, pruned.Totals.Delete, PlanTextRenderer.Render(pruned));
        CollectionAssert.AreEqual(new[] { apiSid }, (await StatementIdsAsync()).ToArray());
        Assert.IsEmpty(await RegisteredTargetsAsync());
        Assert.AreEqual("integrations/", ((string)(await RouteAsync())["Target"]!)[.."integrations/".Length]);
        var again = await apiRepo.PlanAsync(Token, prune: true);
        Assert.IsFalse(again.Totals.HasChanges, PlanTextRenderer.Render(again));
    }

    [TestMethod]
    public async Task Resources_of_the_previous_version_are_adopted_and_migrated_in_place_never_duplicated()
    {
        // What the previous version left: a mapping tagged without a repository, statement ids without one, and an
        // integration described without one.
        var queue = world.Queues["orders-queue"];
        await emulator.AwsCliAsync(
            ["lambda", "create-event-source-mapping", "--function-name", Live, "--event-source-arn", queue, "--batch-size", "10",
             "--tags", $"{Ownership.ManagedByKey}={Ownership.ManagedByValue},{Ownership.DefinitionKey}={File}"],
            Token);
        var legacyElb = StatementIds.LegacyElb(TargetGroup);
        var legacyApi = StatementIds.LegacyApiGateway(Api.Id, RouteId);
        await AddPermissionAsync(legacyElb, EventSourceFileValidator.ElbService, TargetGroup);
        await AddPermissionAsync(legacyApi, EventSourceFileValidator.ApiGatewayService, PushSources.RouteSourceArn(Live, Api.Id, "GET /orders"));
        await emulator.AwsCliAsync(["elbv2", "register-targets", "--target-group-arn", TargetGroup, "--targets", $"Id={Live}"], Token);
        var integration = await emulator.AwsCliAsync(
            ["apigatewayv2", "create-integration", "--api-id", Api.Id, "--integration-type", "AWS_PROXY", "--integration-uri", Live,
             "--payload-format-version", "2.0", "--description", "Created by gitmoxi-lambda-sources"],
            Token);
        var integrationId = (string)integration!["IntegrationId"]!;
        await emulator.AwsCliAsync(["apigatewayv2", "update-route", "--api-id", Api.Id, "--route-id", RouteId, "--target", "integrations/" + integrationId], Token);
        var repo = Repository(
            "Octo/Orders",
            $$"""{ "Service": "elasticloadbalancing.amazonaws.com", "TargetGroupArn": "{{TargetGroup}}" }""",
            $$"""{ "Service": "apigateway.amazonaws.com", "ApiId": "{{Api.Id}}", "RouteId": "{{RouteId}}" }""",
            QueueSource());

        var (plan, _) = await ApplySucceedsAsync(repo, prune: true);

        var elbSid = StatementIds.Elb(repo.Owner, TargetGroup);
        var apiSid = StatementIds.ApiGateway(repo.Owner, Api.Id, RouteId);
        CollectionAssert.AreEqual(
            new[]
            {
                $"Create permission live/{elbSid}",
                $"Create permission live/{apiSid}",
                "Update event-source-mapping sqs:orders-queue",
                "NoOp target-registration elb:orders-tg",
                $"NoOp route-integration apigw:{Api.Id}/GET /orders",
                $"Delete permission live/{legacyElb}",
                $"Delete permission live/{legacyApi}",
            },
            plan.Functions.Single().Changes.Select(c => $"{c.Action} {c.Address}").ToArray(),
            PlanTextRenderer.Render(plan));
        var mappings = (await emulator.AwsCliAsync(["lambda", "list-event-source-mappings", "--function-name", Live], Token))!["EventSourceMappings"]!.AsArray();
        var mapping = mappings.Single()!;
        var tags = (await emulator.AwsCliAsync(["lambda", "list-tags", "--resource", (string)mapping["EventSourceMappingArn"]!], Token))!["Tags"]!;
        Assert.AreEqual("octo/orders", (string?)tags[Ownership.RepositoryKey]);
        Assert.AreEqual(File, (string?)tags[Ownership.DefinitionKey]);
        CollectionAssert.AreEquivalent(new[] { elbSid, apiSid }, (await StatementIdsAsync()).ToArray());
        CollectionAssert.AreEqual(new[] { Live }, (await RegisteredTargetsAsync()).ToArray());
        Assert.AreEqual("integrations/" + integrationId, (string?)(await RouteAsync())["Target"]);
        var again = await repo.PlanAsync(Token, prune: true);
        Assert.IsFalse(again.Totals.HasChanges, PlanTextRenderer.Render(again));
    }

    private string QueueSource() =>
        $$""" "PullEventSources": { "EventSourceMapping": { "EventSourceArn": "{{world.Queues["orders-queue"]}}", "FunctionName": "orders", "BatchSize": 10 } } """;

    private EngineHarness Repository(string identity, params string[] sources)
    {
        var repo = new EngineHarness(emulator, identity);
        repos.Add(repo);
        repo.Write("orders/orders_lambdadef.json", """{ "FunctionName": "orders" }""");
        repo.Write("orders/orders_lambdadepdef.json", """{ "alias": "live" }""");
        var push = sources.Where(s => s.StartsWith('{')).ToList();
        var pull = sources.Where(s => !s.StartsWith('{')).Select(s => s.Trim()).ToList();
        repo.Write(File, $$"""{ "PushEventSources": [ {{string.Join(", ", push)}} ] {{string.Concat(pull.Select(p => ", " + p))}} }""");
        return repo;
    }

    private async Task<(Plan Plan, ApplyResult Result)> ApplySucceedsAsync(EngineHarness repo, bool prune)
    {
        var (plan, result) = await repo.ApplyAsync(Token, prune);
        Assert.IsFalse(plan.HasErrors, PlanTextRenderer.Render(plan));
        Assert.IsTrue(result.Succeeded, ApplyResultTextRenderer.Render(result));
        return (plan, result);
    }

    private Task<JsonNode?> AddPermissionAsync(string sid, string principal, string sourceArn) =>
        emulator.AwsCliAsync(
            ["lambda", "add-permission", "--function-name", "orders", "--qualifier", "live", "--statement-id", sid,
             "--action", "lambda:InvokeFunction", "--principal", principal, "--source-arn", sourceArn],
            Token);

    private async Task<List<string>> StatementIdsAsync()
    {
        var result = await emulator.RunAwsCliAsync(["lambda", "get-policy", "--function-name", "orders", "--qualifier", "live"], Token);
        return result.ErrorCode == "ResourceNotFoundException"
            ? []
            : [.. JsonNode.Parse((string)result.Output!["Policy"]!)!["Statement"]!.AsArray().Select(s => (string)s!["Sid"]!)];
    }

    private async Task<List<string>> RegisteredTargetsAsync()
    {
        var health = await emulator.AwsCliAsync(["elbv2", "describe-target-health", "--target-group-arn", TargetGroup], Token);
        return [.. health!["TargetHealthDescriptions"]!.AsArray().Select(d => (string)d!["Target"]!["Id"]!)];
    }

    private async Task<JsonNode> RouteAsync() =>
        (await emulator.AwsCliAsync(["apigatewayv2", "get-route", "--api-id", Api.Id, "--route-id", RouteId], Token))!;
}
