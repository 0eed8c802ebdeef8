using System.Text.Json.Nodes;
using Gitmoxi.LambdaSources.Applying;
using Gitmoxi.LambdaSources.Planning;
using Gitmoxi.LambdaSources.Rendering;
using Gitmoxi.TestSupport;

namespace Gitmoxi.LambdaSources.Tests.EndToEnd;

/// <summary>
/// What the end-to-end tests of the SNS, EventBridge rule and CloudWatch Logs sources share: a function <c>orders</c>
/// with aliases <c>live</c> (deployed) and <c>blue</c>, a repository to plan and apply, and the AWS CLI to observe.
/// </summary>
public abstract class PushKindEndToEnd<TTests> : EmulatorFixture<TTests>, IDisposable
    where TTests : PushKindEndToEnd<TTests>
{
    protected const string File = "orders/orders_lambdaeventsourcedef.json";

    protected SeededWorld World { get; private set; } = null!;

    internal EngineHarness Repo { get; private set; } = null!;

    protected CancellationToken Token => TestContext.CancellationToken;

    protected string AliasArn(string alias) => World.Functions["orders"].Aliases[alias];

    protected string FunctionArn => World.Functions["orders"].Arn;

    [TestInitialize]
    public async Task SeedFunctionAsync()
    {
        await emulator.ConfigureAsync(EmulatorConfiguration.Instant, Token);
        World = await emulator.SeedAsync(
            JsonNode.Parse("""{ "functions": [ { "name": "orders", "versions": 2, "aliases": { "live": "1", "blue": "2" } } ] }""")!.AsObject(), Token);
        Repo = new EngineHarness(emulator);
        Repo.Write("orders/orders_lambdadef.json", """{ "FunctionName": "orders" }""");
        Deploy("live");
    }

    public void Dispose()
    {
        Repo?.Dispose();
        GC.SuppressFinalize(this);
    }

    protected void Deploy(string alias) => Repo.Write("orders/orders_lambdadepdef.json", $$"""{ "alias": "{{alias}}" }""");

    protected void WriteSources(params string[] sources) => Repo.Write(File, $$"""{ "PushEventSources": [ {{string.Join(", ", sources)}} ] }""");

    internal async Task<(Plan Plan, ApplyResult Result, RequestCounts Counts)> ApplySucceedsAsync(bool prune = false)
    {
        await emulator.ResetRequestCountsAsync(Token);
        var (plan, result) = await Repo.ApplyAsync(Token, prune);
        Assert.IsFalse(plan.HasErrors, Text(plan));
        Assert.IsTrue(result.Succeeded, ApplyResultTextRenderer.Render(result));
        return (plan, result, await emulator.GetRequestCountsAsync(Token));
    }

    /// <summary>A second apply of the same files changes nothing and makes no write call.</summary>
    protected async Task AssertConvergedAsync(bool prune = false)
    {
        var (plan, _, counts) = await ApplySucceedsAsync(prune);
        Assert.IsFalse(plan.Totals.HasChanges, Text(plan));
        Assert.AreEqual(0, counts.Writes, string.Join(", ", counts.WriteOperations));
    }

    /// <summary>The write calls an apply made, in the order each was first made.</summary>
    protected static void AssertWrites(RequestCounts counts, params string[] operations) =>
        Assert.AreEqual(string.Join(", ", operations), string.Join(", ", counts.WriteOperations));

    /// <summary>The files fail with <paramref name="code"/> and nothing is written.</summary>
    protected async Task AssertRefusedAsync(string code, params string[] sources)
    {
        WriteSources(sources);
        await emulator.ResetRequestCountsAsync(Token);

        var (plan, result) = await Repo.ApplyAsync(Token);

        Assert.AreEqual(code, plan.Diagnostics.First(d => d.IsError).Code, Text(plan));
        Assert.IsFalse(result.Succeeded);
        var counts = await emulator.GetRequestCountsAsync(Token);
        Assert.AreEqual(0, counts.Writes, string.Join(", ", counts.WriteOperations));
    }

    /// <summary>The qualifier's resource policy by statement id; empty when it has none (GetPolicy answers 404).</summary>
    protected async Task<Dictionary<string, JsonNode>> StatementsAsync(string qualifier)
    {
        var result = await emulator.RunAwsCliAsync(["lambda", "get-policy", "--function-name", "orders", "--qualifier", qualifier], Token);
        if (result.ErrorCode == "ResourceNotFoundException")
        {
            return [];
        }

        var policy = JsonNode.Parse((string)result.Output!["Policy"]!)!;
        return policy["Statement"]!.AsArray().ToDictionary(s => (string)s!["Sid"]!, s => s!, StringComparer.Ordinal);
    }

    protected static string? SourceArn(JsonNode statement) => (string?)statement["Condition"]?["ArnLike"]?["AWS:SourceArn"];

    protected static string? Principal(JsonNode statement) => (string?)statement["Principal"]?["Service"];

    internal static string[] Changes(Plan plan) =>
        [.. plan.Functions.Single().Changes.Select(c => $"{c.Action} {c.Address}"), .. plan.Functions.Single().Drift.Select(d => $"Drift {d.Address}")];

    /// <summary><see cref="Changes"/> without the no-ops.</summary>
    internal static string[] Changed(Plan plan) => [.. Changes(plan).Where(c => !c.StartsWith("NoOp ", StringComparison.Ordinal))];

    internal static string Text(Plan plan) => PlanTextRenderer.Render(plan);
}
