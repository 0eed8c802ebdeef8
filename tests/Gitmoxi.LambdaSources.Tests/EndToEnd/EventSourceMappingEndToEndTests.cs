using System.Text.Json.Nodes;
using Gitmoxi.LambdaSources.Applying;
using Gitmoxi.LambdaSources.Planning;
using Gitmoxi.LambdaSources.Rendering;
using Gitmoxi.TestSupport;

namespace Gitmoxi.LambdaSources.Tests.EndToEnd;

/// <summary>
/// Event source mappings planned and applied end to end: real definition files, the real engine, the emulator,
/// and the AWS CLI as an independent observer.
/// </summary>
[TestClass]
public sealed class EventSourceMappingEndToEndTests : EmulatorFixture<EventSourceMappingEndToEndTests>, IDisposable
{
    private const string File = "orders/orders_lambdaeventsourcedef.json";
    private SeededWorld world = null!;
    private EngineHarness repo = null!;

    private CancellationToken Token => TestContext.CancellationToken;

    [TestInitialize]
    public async Task TestInitialize()
    {
        world = await emulator.SeedAsync(Token);
        repo = new EngineHarness(emulator);
        repo.Write("orders/orders_lambdadepdef.json", """{ "alias": "live" }""");
    }

    public void Dispose() => repo?.Dispose();

    [TestMethod]
    public async Task Seed_example_creates_the_sqs_mapping_and_a_second_apply_writes_nothing()
    {
        WriteSqs("""
            "BatchSize": 10,
            "MaximumBatchingWindowInSeconds": 60
            """);

        var (plan, result) = await repo.ApplyAsync(Token);

        Assert.AreEqual(ChangeAction.Create, SingleChange(plan).Action);
        Assert.IsTrue(result.Succeeded, Describe(result));
        var mapping = await SingleLiveMappingAsync();
        Assert.AreEqual(world.Queues["orders-queue"], (string?)mapping["EventSourceArn"]);
        Assert.AreEqual(world.Functions["orders"].Aliases["live"], (string?)mapping["FunctionArn"]);
        Assert.AreEqual(60, (int?)mapping["MaximumBatchingWindowInSeconds"]);
        Assert.AreEqual("Enabled", (string?)mapping["State"]);
        var tags = await emulator.AwsCliAsync(["lambda", "list-tags", "--resource", (string)mapping["EventSourceMappingArn"]!], Token);
        Assert.AreEqual("gitmoxi-lambda-sources", (string?)tags!["Tags"]!["gitmoxi:managed-by"]);

        await emulator.ResetRequestCountsAsync(Token);
        var (again, rerun) = await repo.ApplyAsync(Token);

        Assert.IsFalse(again.Totals.HasChanges, Text(again));
        Assert.IsTrue(rerun.Succeeded);
        var counts = await emulator.GetRequestCountsAsync(Token);
        Assert.AreEqual(0, counts.Writes, string.Join(", ", counts.WriteOperations));
    }

    [TestMethod]
    public async Task No_change_plan_of_one_function_with_one_mapping_makes_at_most_three_reads()
    {
        WriteSqs("""
            "BatchSize": 5
            """);
        await ApplySucceedsAsync();
        await emulator.ResetRequestCountsAsync(Token);

        var plan = await repo.PlanAsync(Token);

        Assert.IsFalse(plan.Totals.HasChanges);
        var counts = await emulator.GetRequestCountsAsync(Token);
        Assert.AreEqual(0, counts.Writes);
        Assert.IsLessThanOrEqualTo(3, counts.Reads, string.Join(", ", counts.Operations));
    }

    [TestMethod]
    public async Task Batch_size_change_updates_the_mapping_in_place()
    {
        WriteSqs("""
            "BatchSize": 5
            """);
        await ApplySucceedsAsync();
        var before = (string)(await SingleLiveMappingAsync())["UUID"]!;

        WriteSqs("""
            "BatchSize": 8
            """);
        var (plan, _) = await ApplySucceedsAsync();

        var change = SingleChange(plan);
        Assert.AreEqual(ChangeAction.Update, change.Action);
        Assert.AreEqual("BatchSize", change.Fields.Single().Field);
        var after = await SingleLiveMappingAsync();
        Assert.AreEqual(before, (string?)after["UUID"]);
        Assert.AreEqual(8, (int?)after["BatchSize"]);
    }

    [TestMethod]
    public async Task Tags_follow_the_file_and_the_ownership_tags_stay()
    {
        WriteSqs("""
            "Tags": { "team": "orders", "cost-center": "42" }
            """);
        await ApplySucceedsAsync();

        WriteSqs("""
            "Tags": { "team": "payments" }
            """);
        var (plan, _) = await ApplySucceedsAsync();

        Assert.AreEqual(ChangeAction.Update, SingleChange(plan).Action);
        var arn = (string)(await SingleLiveMappingAsync())["EventSourceMappingArn"]!;
        var tags = (await emulator.AwsCliAsync(["lambda", "list-tags", "--resource", arn], Token))!["Tags"]!.AsObject();
        Assert.AreEqual(
            "gitmoxi:definition=orders/orders_lambdaeventsourcedef.json, gitmoxi:managed-by=gitmoxi-lambda-sources, team=payments",
            string.Join(", ", tags.OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => $"{t.Key}={(string?)t.Value}")));
        Assert.IsFalse((await repo.PlanAsync(Token)).Totals.HasChanges);
    }

    [TestMethod]
    public async Task Starting_position_change_replaces_the_kinesis_mapping()
    {
        WriteKinesis("TRIM_HORIZON");
        await ApplySucceedsAsync();
        var before = (string)(await SingleLiveMappingAsync())["UUID"]!;

        WriteKinesis("LATEST");
        var (plan, result) = await ApplySucceedsAsync();

        Assert.AreEqual(ChangeAction.Replace, SingleChange(plan).Action);
        var after = await SingleLiveMappingAsync();
        Assert.AreNotEqual(before, (string?)after["UUID"]);
        Assert.AreEqual((string?)after["UUID"], result.Functions.Single().Changes.Single().ResultId);
        Assert.AreEqual("LATEST", (string?)after["StartingPosition"]);
    }

    [TestMethod]
    public async Task Removing_filter_criteria_from_the_file_clears_it_in_aws()
    {
        WriteSqs("""
            "FilterCriteria": { "Filters": [ { "Pattern": "{\"body\": {\"kind\": [\"order\"]}}" } ] }
            """);
        await ApplySucceedsAsync();
        Assert.IsNotNull((await SingleLiveMappingAsync())["FilterCriteria"]?["Filters"]?.AsArray().SingleOrDefault());

        WriteSqs("""
            "BatchSize": 10
            """);
        var (plan, _) = await ApplySucceedsAsync();

        Assert.AreEqual(ChangeAction.Update, SingleChange(plan).Action);
        var filters = (await SingleLiveMappingAsync())["FilterCriteria"]?["Filters"]?.AsArray();
        Assert.IsTrue(filters is null || filters.Count == 0, filters?.ToJsonString());
        Assert.IsFalse((await repo.PlanAsync(Token)).Totals.HasChanges);
    }

    [TestMethod]
    public async Task An_unmanaged_mapping_for_the_same_source_and_function_is_adopted_not_duplicated()
    {
        await emulator.AwsCliAsync(
            ["lambda", "create-event-source-mapping", "--function-name", "orders:live", "--event-source-arn", world.Queues["orders-queue"], "--batch-size", "3"],
            Token);
        var existing = (string)(await SingleLiveMappingAsync())["UUID"]!;
        WriteSqs("""
            "BatchSize": 3
            """);

        var (plan, _) = await ApplySucceedsAsync();

        var change = SingleChange(plan);
        Assert.AreEqual(ChangeAction.Update, change.Action);
        Assert.AreEqual(existing, change.LiveId);
        Assert.AreEqual(existing, (string?)(await SingleLiveMappingAsync())["UUID"]);
        Assert.IsFalse((await repo.PlanAsync(Token)).Totals.HasChanges);
    }

    [TestMethod]
    public async Task Prune_deletes_an_owned_mapping_that_left_the_file_and_never_an_unowned_one()
    {
        WriteSqs("""
            "BatchSize": 4
            """);
        await ApplySucceedsAsync();
        await emulator.AwsCliAsync(
            ["lambda", "create-event-source-mapping", "--function-name", "orders:live", "--event-source-arn", world.Streams["orders-stream"], "--starting-position", "LATEST"],
            Token);
        WriteDynamoDb();

        var withoutPrune = await repo.PlanAsync(Token);
        Assert.AreEqual(2, withoutPrune.Totals.Drift, Text(withoutPrune));
        Assert.AreEqual(0, withoutPrune.Totals.Delete);

        var (plan, result) = await repo.ApplyAsync(Token, prune: true);

        Assert.IsTrue(result.Succeeded, Describe(result));
        Assert.AreEqual(1, plan.Totals.Delete, Text(plan));
        Assert.AreEqual(1, plan.Totals.Drift);
        var sources = (await LiveMappingsAsync()).Select(m => (string?)m["EventSourceArn"]).Order(StringComparer.Ordinal).ToList();
        CollectionAssert.AreEqual(
            new[] { world.Tables["orders-table"].StreamArn, world.Streams["orders-stream"] }.Order(StringComparer.Ordinal).ToList(),
            sources);
    }

    [TestMethod]
    public async Task Kafka_mq_and_documentdb_mappings_are_created_then_converge_and_update_in_place()
    {
        const string Secret = "arn:aws:secretsmanager:us-east-1:123456789012:secret:orders-AbCdEf";
        repo.Write(File, $$"""
            { "PullEventSources": { "EventSourceMapping": [
              { "EventSourceArn": "arn:aws:kafka:us-east-1:123456789012:cluster/orders/abcd1234-ab12-cd34-ef56-abcdef123456-1",
                "FunctionName": "orders", "Topics": ["orders"], "StartingPosition": "LATEST" },
              { "SelfManagedEventSource": { "Endpoints": { "KAFKA_BOOTSTRAP_SERVERS": ["b-2.kafka.example.com:9092", "b-1.kafka.example.com:9092"] } },
                "FunctionName": "orders", "Topics": ["payments"], "StartingPosition": "TRIM_HORIZON",
                "SourceAccessConfigurations": [ { "Type": "BASIC_AUTH", "URI": "{{Secret}}" } ] },
              { "EventSourceArn": "arn:aws:mq:us-east-1:123456789012:broker:orders:b-1234a5b6-78cd-901e-2fgh-3i45j6k178l9",
                "FunctionName": "orders", "Queues": ["orders"], "BatchSize": 20,
                "SourceAccessConfigurations": [ { "Type": "BASIC_AUTH", "URI": "{{Secret}}" } ] },
              { "EventSourceArn": "arn:aws:rds:us-east-1:123456789012:cluster:orders-docdb", "FunctionName": "orders",
                "StartingPosition": "LATEST",
                "DocumentDBEventSourceConfig": { "DatabaseName": "orders", "CollectionName": "events", "FullDocument": "UpdateLookup" } } ] } }
            """);

        var (created, _) = await ApplySucceedsAsync();

        Assert.AreEqual(4, created.Totals.Create, Text(created));
        Assert.HasCount(4, await LiveMappingsAsync());
        Assert.IsFalse((await repo.PlanAsync(Token)).Totals.HasChanges, "generated consumer group ids and AWS defaults must not show as changes");

        repo.Write(File, System.IO.File.ReadAllText(Path.Combine(repo.Root, File)).Replace("\"BatchSize\": 20", "\"BatchSize\": 30", StringComparison.Ordinal));
        var (updated, _) = await ApplySucceedsAsync();

        var change = updated.Functions.Single().Changes.Single(c => c.Action != ChangeAction.NoOp);
        Assert.AreEqual(ChangeAction.Update, change.Action, Text(updated));
        var mq = (await LiveMappingsAsync()).Single(m => ((string?)m["EventSourceArn"])?.Contains(":mq:", StringComparison.Ordinal) == true);
        Assert.AreEqual(30, (int?)mq["BatchSize"]);
        Assert.AreEqual(change.LiveId, (string?)mq["UUID"]);
    }

    [TestMethod]
    public async Task A_mapping_that_never_settles_fails_after_the_configured_wait()
    {
        await emulator.ConfigureAsync(EmulatorConfiguration.Default with { StateTransitionDelay = TimeSpan.FromMinutes(5) }, Token);
        WriteSqs("""
            "BatchSize": 4
            """);

        var (_, result) = await repo.ApplyAsync(Token, waitTimeout: TimeSpan.FromSeconds(1));

        var outcome = result.Functions.Single().Changes.Single();
        Assert.AreEqual(ChangeOutcome.Failed, outcome.Outcome);
        StringAssert.Contains(outcome.Error, "did not settle within 1s (last seen: state Creating)");
    }

    [TestMethod]
    public async Task A_failed_change_stops_its_function_and_the_other_functions_still_apply()
    {
        await emulator.ResetAsync(Token);
        world = await emulator.SeedAsync(
            JsonNode.Parse("""{ "functions": [ { "name": "orders", "versions": 1, "aliases": { "live": "1" } }, { "name": "payments" } ] }""")!.AsObject(),
            Token);
        WriteSqs("""
            "BatchSize": 4
            """);
        var missingQueue = world.Queues["orders-queue"].Replace("orders-queue", "no-such-queue", StringComparison.Ordinal);
        repo.Write("payments/payments_lambdaeventsourcedef.json", $$"""
            { "PullEventSources": { "EventSourceMapping": [
              { "EventSourceArn": "{{missingQueue}}", "FunctionName": "payments" },
              { "EventSourceArn": "{{world.Streams["orders-stream"]}}", "FunctionName": "payments", "StartingPosition": "LATEST" } ] } }
            """);

        var (_, result) = await repo.ApplyAsync(Token);

        Assert.IsFalse(result.Succeeded);
        var payments = result.Functions.Single(f => f.Plan.FunctionName == "payments").Changes;
        CollectionAssert.AreEqual(
            new[] { ChangeOutcome.Failed, ChangeOutcome.NotAttempted },
            payments.Select(c => c.Outcome).ToArray());
        StringAssert.Contains(payments[0].Error, "no-such-queue");
        Assert.AreEqual(ChangeOutcome.Succeeded, result.Functions.Single(f => f.Plan.FunctionName == "orders").Changes.Single().Outcome);
        Assert.AreEqual(1, (await LiveMappingsAsync()).Count);
        var paymentsMappings = await emulator.AwsCliAsync(["lambda", "list-event-source-mappings", "--function-name", "payments"], Token);
        Assert.IsEmpty(paymentsMappings!["EventSourceMappings"]!.AsArray());
    }

    private void WriteSqs(string members) => WriteMapping(world.Queues["orders-queue"], members);

    private void WriteKinesis(string startingPosition) =>
        WriteMapping(world.Streams["orders-stream"], $"\"StartingPosition\": \"{startingPosition}\", \"BatchSize\": 50");

    private void WriteDynamoDb() =>
        WriteMapping(world.Tables["orders-table"].StreamArn, "\"StartingPosition\": \"TRIM_HORIZON\"");

    private void WriteMapping(string sourceArn, string members) =>
        repo.Write(File, $$"""
            {
              "PullEventSources": {
                "EventSourceMapping": {
                  "EventSourceArn": "{{sourceArn}}",
                  "FunctionName": "orders",
                  {{members}}
                }
              }
            }
            """);

    private async Task<(Plan Plan, ApplyResult Result)> ApplySucceedsAsync()
    {
        var (plan, result) = await repo.ApplyAsync(Token);
        Assert.IsFalse(plan.HasErrors, Text(plan));
        Assert.IsTrue(result.Succeeded, Describe(result));
        return (plan, result);
    }

    private async Task<List<JsonNode>> LiveMappingsAsync()
    {
        var listed = await emulator.AwsCliAsync(["lambda", "list-event-source-mappings", "--function-name", "orders:live"], Token);
        return listed!["EventSourceMappings"]!.AsArray().Select(m => m!).ToList();
    }

    private async Task<JsonNode> SingleLiveMappingAsync() => (await LiveMappingsAsync()).Single();

    private static PlannedChange SingleChange(Plan plan) => plan.Functions.Single().Changes.Single();

    private static string Text(Plan plan) => PlanTextRenderer.Render(plan);

    private static string Describe(ApplyResult result) => ApplyResultTextRenderer.Render(result);
}
