using System.Text.Json.Nodes;
using Gitmoxi.LambdaSources.Diagnostics;
using Gitmoxi.LambdaSources.Planning;
using Gitmoxi.LambdaSources.Rendering;
using Gitmoxi.TestSupport;
using Microsoft.Extensions.Logging;

namespace Gitmoxi.LambdaSources.Tests.EndToEnd;

/// <summary>The hosts' sequence against the emulator: saved plans checked by what they do, and progress reported as apply goes.</summary>
[TestClass]
public sealed class EngineRunEndToEndTests : EmulatorFixture<EngineRunEndToEndTests>, IDisposable
{
    private const string File = "orders/orders_lambdaeventsourcedef.json";
    private SeededWorld world = null!;
    private EngineHarness repo = null!;

    private CancellationToken Token => TestContext.CancellationToken;

    private string Live => world.Functions["orders"].Aliases["live"];

    private string PlanFile => Path.Combine(repo.Root, "plan.json");

    [TestInitialize]
    public async Task TestInitialize()
    {
        world = await emulator.SeedAsync(
            JsonNode.Parse("""{ "functions": [ { "name": "orders", "versions": 1, "aliases": { "live": "1" } } ], "queues": [ "orders-queue" ] }""")!.AsObject(),
            Token);
        repo = new EngineHarness(emulator, "octo/orders");
        repo.Write("orders/orders_lambdadef.json", """{ "FunctionName": "orders" }""");
        repo.Write("orders/orders_lambdadepdef.json", """{ "alias": "live" }""");
        repo.Write(File, $$"""
            { "PullEventSources": { "EventSourceMapping": { "EventSourceArn": "{{world.Queues["orders-queue"]}}", "FunctionName": "orders", "BatchSize": 10 } } }
            """);
    }

    public void Dispose() => repo?.Dispose();

    [TestMethod]
    public async Task A_saved_plan_whose_notes_and_addresses_were_reworded_is_applied_but_one_whose_live_state_moved_is_stale()
    {
        await emulator.ConfigureAsync(EmulatorConfiguration.Instant, Token);
        // A mapping made by hand: the plan adopts it, with a note saying so.
        var created = await emulator.AwsCliAsync(
            ["lambda", "create-event-source-mapping", "--function-name", Live, "--event-source-arn", world.Queues["orders-queue"], "--batch-size", "10"], Token);
        var planned = await repo.RunAsync(RunMode.Plan, Token, PlanFile);
        var saved = await System.IO.File.ReadAllTextAsync(PlanFile, Token);
        StringAssert.Contains(saved, "adopted: this mapping was not created by gitmoxi");

        // A newer release words its notes and addresses differently: the plan still does the same thing.
        await System.IO.File.WriteAllTextAsync(
            PlanFile,
            saved.Replace("adopted: this mapping was not created by gitmoxi", "taken over: made outside gitmoxi", StringComparison.Ordinal)
                .Replace("event-source-mapping sqs:orders-queue", "mapping of queue orders-queue", StringComparison.Ordinal),
            Token);
        var applied = await repo.RunAsync(RunMode.Apply, Token, PlanFile);

        Assert.IsTrue(applied.Succeeded, string.Join("\n", applied.Diagnostics) + PlanTextRenderer.Render(planned.Plan));
        Assert.AreEqual("mapping of queue orders-queue", applied.Result!.Functions.Single().Changes.Single().Change.Address);
        var tags = (await emulator.AwsCliAsync(["lambda", "list-tags", "--resource", (string)created!["EventSourceMappingArn"]!], Token))!["Tags"]!;
        Assert.AreEqual("octo/orders", (string?)tags[Ownership.RepositoryKey]);

        // The live state moves after the plan is saved: applying it would undo that, so it is refused.
        repo.Write(File, System.IO.File.ReadAllText(Path.Combine(repo.Root, File)).Replace("\"BatchSize\": 10", "\"BatchSize\": 5", StringComparison.Ordinal));
        await repo.RunAsync(RunMode.Plan, Token, PlanFile);
        await emulator.AwsCliAsync(["lambda", "update-event-source-mapping", "--uuid", (string)created["UUID"]!, "--batch-size", "7"], Token);
        var stale = await repo.RunAsync(RunMode.Apply, Token, PlanFile);

        Assert.IsNull(stale.Result);
        Assert.AreEqual(DiagnosticCodes.StalePlan, stale.Diagnostics.Single(d => d.IsError).Code);
    }

    [TestMethod]
    public async Task A_plan_file_of_the_previous_format_is_refused_with_the_coded_plan_again_error()
    {
        await emulator.ConfigureAsync(EmulatorConfiguration.Instant, Token);
        await System.IO.File.WriteAllTextAsync(
            PlanFile,
            $$"""
            {"formatVersion": 1, "functions": [{"functionName": "orders", "qualifier": "live", "functionArn": "{{Live}}",
              "definitionFile": "{{File}}", "changes": [{"action": "Create", "kind": "EventSourceMapping", "address": "event-source-mapping sqs:orders-queue",
              "liveId": null, "desired": {"FunctionName": "{{Live}}", "EventSourceArn": "{{world.Queues["orders-queue"]}}"}, "fields": [], "notes": [], "span": null}]}],
             "diagnostics": []}
            """,
            Token);

        var outcome = await repo.RunAsync(RunMode.Apply, Token, PlanFile);

        Assert.IsNull(outcome.Result);
        var error = outcome.Diagnostics.Single(d => d.IsError);
        Assert.AreEqual(DiagnosticCodes.PlanFileUnreadable, error.Code);
        Assert.AreEqual(
            $"The saved plan '{PlanFile}' cannot be read: The plan file has formatVersion 1; this version of the tool reads formatVersion 2. Plan again with this version.",
            error.Message);
        Assert.AreEqual(0, (await emulator.GetRequestCountsAsync(Token)).Writes);
    }

    [TestMethod]
    public async Task Apply_logs_each_change_it_makes_and_each_turn_of_the_wait_for_its_mapping()
    {
        // The default emulator keeps a new mapping Creating for 300 ms: apply waits, and says so while it waits.
        var logger = new LinesLogger();

        var (_, result) = await repo.ApplyAsync(Token, logger: logger);

        Assert.IsTrue(result.Succeeded, ApplyResultTextRenderer.Render(result));
        var uuid = result.Functions.Single().Changes.Single().ResultId;
        CollectionAssert.Contains(logger.Lines, $"+ event-source-mapping sqs:orders-queue: created {uuid}");
        var waits = logger.Lines.Where(l => l.StartsWith($"Waiting for event source mapping {uuid} to settle, state Creating (", StringComparison.Ordinal)).ToList();
        Assert.IsNotEmpty(waits, string.Join("\n", logger.Lines));
        Assert.EndsWith("s of 30s)", waits[0]);
        Assert.IsLessThan(logger.Lines.IndexOf($"+ event-source-mapping sqs:orders-queue: created {uuid}"), logger.Lines.IndexOf(waits[0]));
    }

    /// <summary>Every Information line, formatted, in order.</summary>
    private sealed class LinesLogger : ILogger
    {
        private readonly Lock gate = new();

        public List<string> Lines { get; } = [];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                lock (gate)
                {
                    Lines.Add(formatter(state, exception));
                }
            }
        }
    }
}
