using System.Text.Json.Nodes;
using Gitmoxi.LambdaSources.Planning;
using Gitmoxi.LambdaSources.Rendering;
using Gitmoxi.LambdaSources.Tests.EndToEnd;
using Gitmoxi.TestSupport;

namespace Gitmoxi.LambdaSources.Tests.Reliability;

/// <summary>
/// A removal whose answer is lost (RemovePermission, DeleteIntegration, DeregisterTargets) is reconciled by reading
/// instead of failing the run: the emulator either applies the removal and drops the connection (the read shows it
/// gone: done with one call), or fails it with a server error before applying it (the read shows it still there: sent
/// once more). The seeded draw (seed 4, probability ½) fails the first matching call and lets the second through.
/// </summary>
[TestClass]
public sealed class LostRemovalAnswerEndToEndTests : EmulatorFixture<LostRemovalAnswerEndToEndTests>, IDisposable
{
    private const string File = "orders/orders_lambdaeventsourcedef.json";
    private const int FirstFailsSecondPasses = 4;
    private SeededWorld world = null!;
    private EngineHarness repo = null!;

    private CancellationToken Token => TestContext.CancellationToken;

    private string TargetGroup => world.TargetGroups["orders-tg"].Arn;

    private SeededHttpApi Api => world.HttpApis["shop"];

    private string RouteId => Api.Routes["GET /orders"].Id;

    private string ElbSource => $$"""{ "Service": "elasticloadbalancing.amazonaws.com", "TargetGroupArn": "{{TargetGroup}}" }""";

    private string RouteSource => $$"""{ "Service": "apigateway.amazonaws.com", "ApiId": "{{Api.Id}}", "RouteId": "{{RouteId}}" }""";

    [TestInitialize]
    public async Task TestInitialize()
    {
        await emulator.ConfigureAsync(EmulatorConfiguration.Instant, Token);
        world = await emulator.SeedAsync(
            JsonNode.Parse("""
                {
                  "functions": [ { "name": "orders", "versions": 1, "aliases": { "live": "1" } } ],
                  "targetGroups": [ { "name": "orders-tg" } ],
                  "httpApis": [ { "name": "shop", "routes": [ "GET /orders" ], "stages": { "prod": {} } } ]
                }
                """)!.AsObject(),
            Token);
        repo = new EngineHarness(emulator);
        repo.Write("orders/orders_lambdadef.json", """{ "FunctionName": "orders" }""");
        repo.Write("orders/orders_lambdadepdef.json", """{ "alias": "live" }""");
        repo.Write(File, $$"""{ "PushEventSources": [ {{ElbSource}}, {{RouteSource}} ] }""");
        var (plan, result) = await repo.ApplyAsync(Token);
        Assert.IsTrue(result.Succeeded, ApplyResultTextRenderer.Render(result));
        Assert.IsFalse(plan.HasErrors, PlanTextRenderer.Render(plan));
    }

    public void Dispose() => repo?.Dispose();

    [TestMethod]
    [DataRow(FaultPhase.AfterRequest, 1, DisplayName = "removed, answer lost: read shows it gone")]
    [DataRow(FaultPhase.BeforeRequest, 2, DisplayName = "not removed, server error: read shows it there, sent again")]
    public async Task A_lost_RemovePermission_answer_is_reconciled_by_reading_the_policy(FaultPhase phase, int calls)
    {
        await RemoveUnderFaultAsync("lambda:RemovePermission", phase, calls, RouteSource);

        Assert.IsEmpty(await ElbStatementsAsync());
    }

    [TestMethod]
    [DataRow(FaultPhase.AfterRequest, 1, DisplayName = "deregistered, answer lost: read shows it gone")]
    [DataRow(FaultPhase.BeforeRequest, 2, DisplayName = "not deregistered, server error: read shows it there, sent again")]
    public async Task A_lost_DeregisterTargets_answer_is_reconciled_by_reading_the_target_health(FaultPhase phase, int calls)
    {
        await RemoveUnderFaultAsync("elasticloadbalancing:DeregisterTargets", phase, calls, RouteSource);

        var health = await emulator.AwsCliAsync(["elbv2", "describe-target-health", "--target-group-arn", TargetGroup], Token);
        Assert.IsEmpty(health!["TargetHealthDescriptions"]!.AsArray());
    }

    [TestMethod]
    [DataRow(FaultPhase.AfterRequest, 1, DisplayName = "deleted, answer lost: read shows it gone")]
    [DataRow(FaultPhase.BeforeRequest, 2, DisplayName = "not deleted, server error: read shows it there, sent again")]
    public async Task A_lost_DeleteIntegration_answer_is_reconciled_by_reading_the_integrations(FaultPhase phase, int calls)
    {
        await RemoveUnderFaultAsync("apigateway:DeleteIntegration", phase, calls, ElbSource);

        var integrations = await emulator.AwsCliAsync(["apigatewayv2", "get-integrations", "--api-id", Api.Id], Token);
        Assert.IsEmpty(integrations!["Items"]!.AsArray(), integrations.ToJsonString());
    }

    /// <summary>Keeps only <paramref name="kept"/> declared and applies with prune while the first <paramref name="operation"/> faults.</summary>
    private async Task RemoveUnderFaultAsync(string operation, FaultPhase phase, int calls, string kept)
    {
        repo.Write(File, $$"""{ "PushEventSources": [ {{kept}} ] }""");
        var kind = phase == FaultPhase.AfterRequest ? FaultKind.ConnectionReset : FaultKind.InternalError;
        var lost = new FaultProfile(FirstFailsSecondPasses, 0.5, [kind]) { Operations = [operation], Phase = phase };
        await emulator.ConfigureAsync(EmulatorConfiguration.Instant with { Faults = lost }, Token);

        var (plan, result) = await repo.ApplyAsync(Token, prune: true);

        var counts = await emulator.GetRequestCountsAsync(Token);
        await emulator.ConfigureAsync(EmulatorConfiguration.Instant, Token);
        Assert.IsTrue(plan.Functions.Single().Changes.Any(c => c.Action == ChangeAction.Delete), PlanTextRenderer.Render(plan));
        Assert.IsTrue(result.Succeeded, ApplyResultTextRenderer.Render(result));
        Assert.AreEqual((1, calls), (counts.FaultsOf(kind, operation), counts.Count(operation)));
        var again = await repo.PlanAsync(Token, prune: true);
        Assert.IsFalse(again.Totals.HasChanges, PlanTextRenderer.Render(again));
    }

    private async Task<List<string>> ElbStatementsAsync()
    {
        var answer = await emulator.RunAwsCliAsync(["lambda", "get-policy", "--function-name", "orders", "--qualifier", "live"], Token);
        if (answer.ErrorCode == "ResourceNotFoundException")
        {
            return [];
        }

        var policy = JsonNode.Parse((string)answer.Output!["Policy"]!)!;
        return [.. policy["Statement"]!.AsArray().Where(s => s!["Principal"]!["Service"]?.GetValue<string>() == "elasticloadbalancing.amazonaws.com").Select(s => (string)s!["Sid"]!)];
    }
}
