using System.Globalization;
using System.Text.Json.Nodes;
using Gitmoxi.LambdaSources.Planning;
using Gitmoxi.LambdaSources.Rendering;
using Gitmoxi.TestSupport;

namespace Gitmoxi.LambdaSources.Tests.EndToEnd;

/// <summary>
/// The API-call floor of a no-change plan (issue 7): a repository of several functions, each with a pull source and a
/// push source, converged, then planned again while the emulator counts every call. Counts, not time.
/// </summary>
[TestClass]
public sealed class CallFloorEndToEndTests : EmulatorFixture<CallFloorEndToEndTests>, IDisposable
{
    private static readonly string[] ElbFunctions = ["alpha", "bravo"];
    private static readonly string[] RouteFunctions = ["charlie", "delta"];
    private EngineHarness repo = null!;

    private CancellationToken Token => TestContext.CancellationToken;

    [TestInitialize]
    public async Task TestInitialize()
    {
        await emulator.ConfigureAsync(EmulatorConfiguration.Instant, Token);
        repo = new EngineHarness(emulator);
    }

    public void Dispose() => repo?.Dispose();

    [TestMethod]
    public async Task A_no_change_plan_of_four_functions_reads_each_api_at_its_floor_and_writes_nothing()
    {
        var functions = ElbFunctions.Concat(RouteFunctions).ToArray();
        var world = await emulator.SeedAsync(
            JsonNode.Parse($$"""
                {
                  "functions": [ {{string.Join(", ", functions.Select(f => $$"""{ "name": "{{f}}", "versions": 1, "aliases": { "live": "1" } }"""))}} ],
                  "queues": [ {{string.Join(", ", functions.Select(f => $"\"{f}-queue\""))}} ],
                  "targetGroups": [ {{string.Join(", ", ElbFunctions.Select(f => $$"""{ "name": "{{f}}-tg" }"""))}} ],
                  "httpApis": [ { "name": "shop", "routes": [ {{string.Join(", ", RouteFunctions.Select(f => $"\"GET /{f}\""))}} ], "stages": { "prod": {} } } ]
                }
                """)!.AsObject(),
            Token);
        var api = world.HttpApis["shop"];
        foreach (var function in functions)
        {
            var push = ElbFunctions.Contains(function)
                ? $$"""{ "Service": "elasticloadbalancing.amazonaws.com", "TargetGroupArn": "{{world.TargetGroups[function + "-tg"].Arn}}" }"""
                : $$"""{ "Service": "apigateway.amazonaws.com", "ApiId": "{{api.Id}}", "RouteId": "{{api.Routes["GET /" + function].Id}}" }""";
            WriteFunction(function, push, world.Queues[function + "-queue"]);
        }

        var (first, applied) = await repo.ApplyAsync(Token);
        Assert.IsTrue(applied.Succeeded, PlanText(first));
        await emulator.ResetRequestCountsAsync(Token);

        var plan = await repo.PlanAsync(Token);

        Assert.IsFalse(plan.HasErrors || plan.Totals.HasChanges, PlanText(plan));
        var counts = await emulator.GetRequestCountsAsync(Token);
        // F = 4 functions, M = 4 mappings, T = 2 target groups (one batch), A = 1 API, Q = 4 qualified functions with a push source.
        string[] floor =
        [
            "lambda:GetFunction=4", "lambda:ListEventSourceMappings=1", "lambda:ListTags=4", "lambda:GetPolicy=4",
            "elasticloadbalancing:DescribeTargetGroups=1", "elasticloadbalancing:DescribeTargetHealth=2",
            "apigateway:GetApi=1", "apigateway:GetRoutes=1", "apigateway:GetIntegrations=1", "apigateway:GetStages=1",
        ];
        CollectionAssert.AreEquivalent(floor, counts.Operations.Select(o => $"{o.Name}={o.Count}").ToArray());
        Assert.AreEqual(0, counts.Writes);
    }

    [TestMethod]
    public async Task A_plan_larger_than_every_burst_is_paced_under_the_real_aws_rate_limits_and_never_throttled()
    {
        // 40 mappings: 1 list + 40 ListTags on Lambda's shared 15-per-second bucket, far beyond its burst of 15.
        var functions = Enumerable.Range(1, 40).Select(i => string.Create(CultureInfo.InvariantCulture, $"fn{i:D2}")).ToArray();
        var world = await emulator.SeedAsync(
            JsonNode.Parse($$"""
                {
                  "functions": [ {{string.Join(", ", functions.Select(f => $$"""{ "name": "{{f}}", "versions": 1, "aliases": { "live": "1" } }"""))}} ],
                  "queues": [ {{string.Join(", ", functions.Select(f => $"\"{f}-queue\""))}} ]
                }
                """)!.AsObject(),
            Token);
        foreach (var function in functions)
        {
            WriteFunction(function, push: null, world.Queues[function + "-queue"]);
        }

        var (first, applied) = await repo.ApplyAsync(Token);
        Assert.IsTrue(applied.Succeeded, PlanText(first));
        await emulator.ConfigureAsync(
            EmulatorConfiguration.Instant with { Profile = EmulatorConfiguration.RealAwsProfile, ProfileLatency = TimeSpan.FromMilliseconds(5) }, Token);
        await emulator.ResetRequestCountsAsync(Token);

        var plan = await repo.PlanAsync(Token);

        Assert.IsFalse(plan.HasErrors || plan.Totals.HasChanges, PlanText(plan));
        var counts = await emulator.GetRequestCountsAsync(Token);
        Assert.AreEqual(40, counts.Count("lambda:ListTags"));
        Assert.AreEqual(0, counts.RateLimited, string.Join(", ", counts.Faults.Select(f => $"{f.Operation}={f.Count}")));
    }

    private void WriteFunction(string function, string? push, string queueArn)
    {
        repo.Write($"{function}/{function}_lambdadef.json", $$"""{ "FunctionName": "{{function}}" }""");
        repo.Write($"{function}/{function}_lambdadepdef.json", """{ "alias": "live" }""");
        var pushSources = push is null ? string.Empty : $"\"PushEventSources\": [ {push} ],";
        repo.Write($"{function}/{function}_lambdaeventsourcedef.json", $$"""
            {
              {{pushSources}}
              "PullEventSources": { "EventSourceMapping": { "EventSourceArn": "{{queueArn}}", "FunctionName": "{{function}}", "BatchSize": 10 } }
            }
            """);
    }

    private static string PlanText(Plan plan) =>
        PlanTextRenderer.Render(plan) + string.Join("\n", plan.Diagnostics.Select(d => d.Message));
}
