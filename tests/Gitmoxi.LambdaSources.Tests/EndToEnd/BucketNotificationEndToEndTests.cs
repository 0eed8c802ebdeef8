using System.Text.Json.Nodes;
using Gitmoxi.LambdaSources.Applying;
using Gitmoxi.LambdaSources.Diagnostics;
using Gitmoxi.LambdaSources.Planning;
using Gitmoxi.LambdaSources.Providers.Permission;
using Gitmoxi.LambdaSources.Rendering;
using Gitmoxi.TestSupport;

namespace Gitmoxi.LambdaSources.Tests.EndToEnd;

/// <summary>
/// S3 bucket notifications planned and applied end to end against the emulator, observed with
/// <c>aws s3api get-bucket-notification-configuration</c>: the bucket also sends to a queue, a topic, another tool's
/// function and EventBridge, and those stay exactly as they were after every apply and prune.
/// </summary>
[TestClass]
public sealed class BucketNotificationEndToEndTests : EmulatorFixture<BucketNotificationEndToEndTests>, IDisposable
{
    private const string File = "orders/orders_lambdaeventsourcedef.json";
    private const string Bucket = "uploads-bucket";
    private const string BucketArn = "arn:aws:s3:::" + Bucket;
    private const string Account = Emulator.AccountId;
    private SeededWorld world = null!;
    private EngineHarness repo = null!;

    private CancellationToken Token => TestContext.CancellationToken;

    private string AliasArn(string alias) => world.Functions["orders"].Aliases[alias];

    private string S3Sid => StatementIds.S3(repo.Owner, Bucket);

    [TestInitialize]
    public async Task TestInitialize()
    {
        await emulator.ConfigureAsync(EmulatorConfiguration.Instant, Token);
        world = await emulator.SeedAsync(
            JsonNode.Parse("""{ "functions": [ { "name": "orders", "versions": 2, "aliases": { "live": "1", "blue": "2" } }, { "name": "thumbs" } ] }""")!.AsObject(),
            Token);
        repo = new EngineHarness(emulator, "acme/shop");
        repo.Write("orders/orders_lambdadef.json", """{ "FunctionName": "orders" }""");
        Deploy("live");
        await emulator.AwsCliAsync(["s3api", "create-bucket", "--bucket", Bucket], Token);
        var queue = await emulator.AwsCliAsync(["sqs", "create-queue", "--queue-name", "uploads-queue"], Token);
        var topic = await emulator.AwsCliAsync(["sns", "create-topic", "--name", "uploads-topic"], Token);
        var thumbs = world.Functions["thumbs"].Arn;
        await emulator.AwsCliAsync(
            ["lambda", "add-permission", "--function-name", "thumbs", "--statement-id", "terraform-s3", "--action", "lambda:InvokeFunction",
             "--principal", "s3.amazonaws.com", "--source-arn", BucketArn, "--source-account", Account],
            Token);
        var foreign = new JsonObject
        {
            ["QueueConfigurations"] = new JsonArray(Configuration("queue-cfg", "QueueArn", $"arn:aws:sqs:us-east-1:{Account}:uploads-queue", "s3:ObjectCreated:*", "queue/")),
            ["TopicConfigurations"] = new JsonArray(Configuration("topic-cfg", "TopicArn", (string)topic!["TopicArn"]!, "s3:ObjectRemoved:*", "topic/")),
            ["LambdaFunctionConfigurations"] = new JsonArray(Configuration("tf-thumbs", "LambdaFunctionArn", thumbs, "s3:ObjectCreated:*", "thumbs/")),
            ["EventBridgeConfiguration"] = new JsonObject(),
        };
        Assert.IsNotNull(queue);
        await emulator.AwsCliAsync(
            ["s3api", "put-bucket-notification-configuration", "--bucket", Bucket, "--notification-configuration", foreign.ToJsonString()], Token);
    }

    public void Dispose() => repo?.Dispose();

    [TestMethod]
    public async Task Created_updated_retargeted_drifted_and_pruned_while_the_buckets_other_configurations_stay_exactly_as_they_were()
    {
        var foreign = await ForeignAsync();

        // Created: the permission first, then the configuration.
        WriteSource("s3:ObjectCreated:*");
        var (created, _) = await ApplySucceedsAsync();
        CollectionAssert.AreEqual(
            new[] { $"Create permission live/{S3Sid}", $"Create bucket-notification s3:{Bucket}/{OurId}" }, Changes(created), Text(created));
        var ours = await OursAsync();
        Assert.AreEqual(AliasArn("live"), (string?)ours["LambdaFunctionArn"]);
        Assert.AreEqual("""["s3:ObjectCreated:*"]""", ours["Events"]!.ToJsonString());
        Assert.AreEqual("in/", (string?)ours["Filter"]!["Key"]!["FilterRules"]![0]!["Value"]);
        var statement = (await StatementsAsync("live"))[S3Sid];
        Assert.AreEqual(BucketArn, (string?)statement["Condition"]!["ArnLike"]!["AWS:SourceArn"]);
        Assert.AreEqual(Account, (string?)statement["Condition"]!["StringEquals"]!["AWS:SourceAccount"]);
        Assert.AreEqual("s3.amazonaws.com", (string?)statement["Principal"]!["Service"]);
        Assert.AreEqual(foreign, await ForeignAsync());

        // A second apply makes no write call, and one GetBucketNotificationConfiguration reads the bucket.
        await emulator.ResetRequestCountsAsync(Token);
        var (again, rerun) = await repo.ApplyAsync(Token);
        Assert.IsFalse(again.Totals.HasChanges, Text(again));
        Assert.IsTrue(rerun.Succeeded, Describe(rerun));
        var counts = await emulator.GetRequestCountsAsync(Token);
        Assert.AreEqual(0, counts.Writes, string.Join(", ", counts.WriteOperations));

        // Updated in place: same id, new events.
        WriteSource("s3:ObjectCreated:*", "s3:ObjectRestore:Completed");
        var (updated, _) = await ApplySucceedsAsync();
        CollectionAssert.AreEqual(new[] { $"NoOp permission live/{S3Sid}", $"Update bucket-notification s3:{Bucket}/{OurId}" }, Changes(updated), Text(updated));
        Assert.AreEqual("""["s3:ObjectCreated:*","s3:ObjectRestore:Completed"]""", (await OursAsync())["Events"]!.ToJsonString());
        Assert.AreEqual(foreign, await ForeignAsync());

        // Retargeted by an alias move: the new alias's permission first, the old one's last.
        Deploy("blue");
        var (moved, _) = await ApplySucceedsAsync();
        CollectionAssert.AreEqual(
            new[] { $"Create permission blue/{S3Sid}", $"Update bucket-notification s3:{Bucket}/{OurId}", $"Delete permission live/{S3Sid}" },
            Changes(moved), Text(moved));
        Assert.AreEqual(AliasArn("blue"), (string?)(await OursAsync())["LambdaFunctionArn"]);
        Assert.IsEmpty(await StatementsAsync("live"));
        Assert.AreEqual(foreign, await ForeignAsync());

        // Gone from the file (another prefix declared instead), prune off: drift, left in place.
        WritePrefixed("other/", "s3:ObjectCreated:*");
        var (drifted, _) = await ApplySucceedsAsync();
        CollectionAssert.AreEqual(
            new[] { $"NoOp permission blue/{S3Sid}", $"Create bucket-notification s3:{Bucket}/{OtherId}", $"Drift bucket-notification s3:{Bucket}/{OurId}" },
            Changes(drifted), Text(drifted));
        Assert.AreEqual(AliasArn("blue"), (string?)(await OursAsync())["LambdaFunctionArn"]);
        Assert.AreEqual(foreign, await ForeignAsync());

        // Prune on, nothing declared: both configurations are removed, their permission last.
        repo.Write(File, """{ "PullEventSources": { "EventSourceMapping": [] } }""");
        var (pruned, _) = await ApplySucceedsAsync(prune: true);
        CollectionAssert.AreEqual(
            new[] { $"Delete bucket-notification s3:{Bucket}/{OurId}", $"Delete bucket-notification s3:{Bucket}/{OtherId}", $"Delete permission blue/{S3Sid}" },
            Changes(pruned), Text(pruned));
        var after = await ConfigurationAsync();
        Assert.IsFalse(after["LambdaFunctionConfigurations"]!.AsArray().Any(c => ((string)c!["Id"]!).StartsWith("gitmoxi-", StringComparison.Ordinal)));
        Assert.IsEmpty(await StatementsAsync("blue"));
        Assert.AreEqual(foreign, await ForeignAsync());
        Assert.IsFalse((await repo.PlanAsync(Token, prune: true)).Totals.HasChanges);
    }

    [TestMethod]
    public async Task Two_functions_wiring_one_bucket_in_one_apply_both_land_and_the_second_write_keeps_the_first()
    {
        var foreign = await ForeignAsync();
        WriteSource("s3:ObjectCreated:*");
        repo.Write("thumbs/thumbs_lambdadef.json", """{ "FunctionName": "thumbs" }""");
        repo.Write("thumbs/thumbs_lambdaeventsourcedef.json", $$"""
            { "PushEventSources": [ { "Service": "s3.amazonaws.com", "Bucket": "{{Bucket}}", "Events": ["s3:ObjectCreated:*"],
              "Filter": { "Key": { "FilterRules": [ { "Name": "prefix", "Value": "thumbs-in/" } ] } } } ] }
            """);

        var (plan, result) = await repo.ApplyAsync(Token);

        Assert.IsFalse(plan.HasErrors, Text(plan));
        Assert.IsTrue(result.Succeeded, Describe(result));
        var ids = (await ConfigurationAsync())["LambdaFunctionConfigurations"]!.AsArray().Select(c => (string)c!["Id"]!).ToList();
        CollectionAssert.AreEquivalent(
            new[] { "tf-thumbs", OurId, Providers.BucketNotification.BucketNotificationDiff.ConfigurationId(repo.Owner, world.Functions["thumbs"].Arn, Bucket, "prefix=thumbs-in/") },
            ids);
        Assert.AreEqual(foreign, await ForeignAsync());
        Assert.IsFalse((await repo.PlanAsync(Token)).Totals.HasChanges);
    }

    [TestMethod]
    public async Task A_missing_bucket_fails_with_a_coded_error_and_makes_no_write_call() =>
        await AssertRefusedAsync(
            """{ "Service": "s3.amazonaws.com", "Bucket": "no-such-bucket", "Events": ["s3:ObjectCreated:*"] }""", DiagnosticCodes.BucketNotFound);

    [TestMethod]
    public async Task An_unknown_event_type_fails_with_a_coded_error_and_a_suggestion_and_makes_no_write_call()
    {
        var plan = await AssertRefusedAsync(
            $$"""{ "Service": "s3.amazonaws.com", "Bucket": "{{Bucket}}", "Events": ["s3:ObjectCreated:Puts"] }""", DiagnosticCodes.S3UnknownEventType);
        StringAssert.Contains(plan.Diagnostics.Single(d => d.IsError).Message, "did you mean 's3:ObjectCreated:Put'?");
    }

    [TestMethod]
    public async Task Events_overlapping_another_configuration_are_reported_before_S3_refuses_them() =>
        await AssertRefusedAsync(
            $$"""{ "Service": "s3.amazonaws.com", "Bucket": "{{Bucket}}", "Events": ["s3:ObjectCreated:Put"], "Filter": { "Key": { "FilterRules": [ { "Name": "prefix", "Value": "queue/incoming/" } ] } } }""",
            DiagnosticCodes.S3ConfigurationsOverlap);

    [TestMethod]
    public async Task A_bucket_changed_between_plan_and_apply_is_refused_with_a_coded_error_and_not_written()
    {
        WriteSource("s3:ObjectCreated:*");
        var plan = await repo.PlanAsync(Token);
        Assert.IsTrue(plan.Totals.HasChanges, Text(plan));
        var changed = await ConfigurationAsync();
        changed["QueueConfigurations"]![0]!["Events"] = new JsonArray("s3:ObjectCreated:Put");
        await emulator.AwsCliAsync(
            ["s3api", "put-bucket-notification-configuration", "--bucket", Bucket, "--notification-configuration", changed.ToJsonString()], Token);
        var before = (await ConfigurationAsync()).ToJsonString();
        await emulator.ResetRequestCountsAsync(Token);

        var result = await repo.ApplyPlanAsync(plan, Token);

        Assert.IsFalse(result.Succeeded);
        Assert.AreEqual(DiagnosticCodes.BucketChangedMeanwhile, result.Diagnostics.Single(d => d.IsError).Code, Describe(result));
        var counts = await emulator.GetRequestCountsAsync(Token);
        Assert.IsFalse(counts.WriteOperations.Any(o => o.StartsWith("s3:", StringComparison.Ordinal)), string.Join(", ", counts.WriteOperations));
        Assert.AreEqual(before, (await ConfigurationAsync()).ToJsonString());
    }

    [TestMethod]
    public async Task An_identical_existing_configuration_is_adopted_instead_of_duplicated()
    {
        await emulator.AwsCliAsync(
            ["lambda", "add-permission", "--function-name", "orders", "--qualifier", "live", "--statement-id", "by-hand", "--action", "lambda:InvokeFunction",
             "--principal", "s3.amazonaws.com", "--source-arn", BucketArn, "--source-account", Account],
            Token);
        var foreign = await ForeignAsync();
        var configuration = await ConfigurationAsync();
        configuration["LambdaFunctionConfigurations"]!.AsArray().Add(Configuration("by-hand", "LambdaFunctionArn", AliasArn("live"), "s3:ObjectCreated:*", "in/"));
        await emulator.AwsCliAsync(
            ["s3api", "put-bucket-notification-configuration", "--bucket", Bucket, "--notification-configuration", configuration.ToJsonString()], Token);
        WriteSource("s3:ObjectCreated:*");

        var (plan, _) = await ApplySucceedsAsync();

        CollectionAssert.AreEqual(
            new[] { $"Create permission live/{S3Sid}", $"Update bucket-notification s3:{Bucket}/{OurId}", "Drift permission live/by-hand" }, Changes(plan), Text(plan));
        var lambdas = (await ConfigurationAsync())["LambdaFunctionConfigurations"]!.AsArray();
        CollectionAssert.AreEquivalent(new[] { "tf-thumbs", OurId }, lambdas.Select(c => (string)c!["Id"]!).ToArray());
        Assert.AreEqual(foreign, await ForeignAsync());
        Assert.IsFalse((await repo.PlanAsync(Token)).Totals.HasChanges);
    }

    private string OurId => Providers.BucketNotification.BucketNotificationDiff.ConfigurationId(
        repo.Owner, world.Functions["orders"].Arn, Bucket, "prefix=in/");

    private string OtherId => Providers.BucketNotification.BucketNotificationDiff.ConfigurationId(
        repo.Owner, world.Functions["orders"].Arn, Bucket, "prefix=other/");

    private static JsonObject Configuration(string id, string arnMember, string arn, string eventName, string prefix) => new()
    {
        ["Id"] = id,
        [arnMember] = arn,
        ["Events"] = new JsonArray(eventName),
        ["Filter"] = new JsonObject { ["Key"] = new JsonObject { ["FilterRules"] = new JsonArray(new JsonObject { ["Name"] = "prefix", ["Value"] = prefix }) } },
    };

    private void WriteSource(params string[] events) => WritePrefixed("in/", events);

    private void WritePrefixed(string prefix, params string[] events) => repo.Write(File, $$"""
        { "PushEventSources": [ { "Service": "s3.amazonaws.com", "Bucket": "{{Bucket}}", "Events": [{{string.Join(", ", events.Select(e => $"\"{e}\""))}}],
          "Filter": { "Key": { "FilterRules": [ { "Name": "prefix", "Value": "{{prefix}}" } ] } } } ] }
        """);

    private async Task<Plan> AssertRefusedAsync(string source, string code)
    {
        repo.Write(File, $$"""{ "PushEventSources": [ {{source}} ] }""");
        var before = await ConfigurationAsync();
        await emulator.ResetRequestCountsAsync(Token);

        var (plan, result) = await repo.ApplyAsync(Token);

        Assert.AreEqual(code, plan.Diagnostics.Single(d => d.IsError).Code, Text(plan));
        Assert.IsFalse(result.Succeeded);
        Assert.AreEqual(0, (await emulator.GetRequestCountsAsync(Token)).Writes);
        Assert.AreEqual(before.ToJsonString(), (await ConfigurationAsync()).ToJsonString());
        return plan;
    }

    private void Deploy(string alias) => repo.Write("orders/orders_lambdadepdef.json", $$"""{ "alias": "{{alias}}" }""");

    private async Task<JsonObject> ConfigurationAsync() =>
        (await emulator.AwsCliAsync(["s3api", "get-bucket-notification-configuration", "--bucket", Bucket], Token))!.AsObject();

    /// <summary>Everything on the bucket that is not ours, as the CLI prints it: the queue, the topic, the other tool's function, the EventBridge flag.</summary>
    private async Task<string> ForeignAsync()
    {
        var configuration = await ConfigurationAsync();
        var lambdas = configuration["LambdaFunctionConfigurations"]?.AsArray()
            .Where(c => !((string)c!["Id"]!).StartsWith("gitmoxi-", StringComparison.Ordinal)).Select(c => c!.DeepClone()).ToArray() ?? [];
        var foreign = new JsonObject
        {
            ["QueueConfigurations"] = configuration["QueueConfigurations"]?.DeepClone(),
            ["TopicConfigurations"] = configuration["TopicConfigurations"]?.DeepClone(),
            ["LambdaFunctionConfigurations"] = new JsonArray(lambdas),
            ["EventBridgeConfiguration"] = configuration["EventBridgeConfiguration"]?.DeepClone(),
        };
        Assert.IsNotNull(foreign["EventBridgeConfiguration"]);
        return foreign.ToJsonString();
    }

    private async Task<JsonNode> OursAsync() =>
        (await ConfigurationAsync())["LambdaFunctionConfigurations"]!.AsArray().Single(c => (string)c!["Id"]! == OurId)!;

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

    private async Task<(Plan Plan, ApplyResult Result)> ApplySucceedsAsync(bool prune = false)
    {
        var (plan, result) = await repo.ApplyAsync(Token, prune);
        Assert.IsFalse(plan.HasErrors, Text(plan));
        Assert.IsTrue(result.Succeeded, Describe(result));
        return (plan, result);
    }

    private static string[] Changes(Plan plan) =>
        [.. plan.Functions.Single().Changes.Select(c => $"{c.Action} {c.Address}"), .. plan.Functions.Single().Drift.Select(d => $"Drift {d.Address}")];

    private static string Text(Plan plan) => PlanTextRenderer.Render(plan);

    private static string Describe(ApplyResult result) => ApplyResultTextRenderer.Render(result);
}
