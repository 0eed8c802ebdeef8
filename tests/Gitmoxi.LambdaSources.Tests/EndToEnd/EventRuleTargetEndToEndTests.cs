using System.Text.Json.Nodes;
using Gitmoxi.LambdaSources.Diagnostics;
using Gitmoxi.LambdaSources.Providers.EventRuleTarget;
using Gitmoxi.LambdaSources.Providers.Permission;

namespace Gitmoxi.LambdaSources.Tests.EndToEnd;

/// <summary>Targets of EventBridge rules planned and applied against the emulator, observed with the AWS CLI.</summary>
[TestClass]
public sealed class EventRuleTargetEndToEndTests : PushKindEndToEnd<EventRuleTargetEndToEndTests>
{
    private const string NightlyArn = "arn:aws:events:us-east-1:123456789012:rule/nightly";
    private const string PlacedArn = "arn:aws:events:us-east-1:123456789012:rule/orders-bus/placed";

    private string Sid(string ruleArn) => StatementIds.OfSource(StatementIds.EventsKind, Repo.Owner, ruleArn);

    private string OurId => RuleTargetDiff.TargetId(Repo.Owner, FunctionArn);

    [TestInitialize]
    public async Task CreateRulesAsync()
    {
        await emulator.AwsCliAsync(["events", "put-rule", "--name", "nightly", "--schedule-expression", "rate(1 day)"], Token);
        await emulator.AwsCliAsync(["events", "create-event-bus", "--name", "orders-bus"], Token);
        await emulator.AwsCliAsync(["events", "put-rule", "--name", "placed", "--event-bus-name", "orders-bus", "--event-pattern", """{"source": ["shop"]}"""], Token);
    }

    [TestMethod]
    public async Task A_target_is_put_after_its_permission_updated_in_place_and_a_second_apply_writes_nothing()
    {
        WriteSources(Source("nightly", null, """{"job": "nightly"}"""), Source("placed", "orders-bus", null, """{"MaximumRetryAttempts": 3}"""));

        var (plan, _, counts) = await ApplySucceedsAsync();

        CollectionAssert.AreEqual(
            new[]
            {
                $"Create permission live/{Sid(NightlyArn)}", $"Create permission live/{Sid(PlacedArn)}",
                "Create rule-target events:default/nightly", "Create rule-target events:orders-bus/placed",
            },
            Changes(plan),
            Text(plan));
        AssertWrites(counts, "lambda:AddPermission", "events:PutTargets");
        var nightly = (await TargetsAsync("nightly", null)).Single()!;
        Assert.AreEqual(OurId, (string?)nightly["Id"]);
        StringAssert.StartsWith(OurId, "gitmoxi-");
        Assert.AreEqual(AliasArn("live"), (string?)nightly["Arn"]);
        Assert.AreEqual("""{"job":"nightly"}""", JsonNode.Parse((string)nightly["Input"]!)!.ToJsonString());
        var placed = (await TargetsAsync("placed", "orders-bus")).Single()!;
        Assert.AreEqual(3, (int?)placed["RetryPolicy"]!["MaximumRetryAttempts"]);
        var statements = await StatementsAsync("live");
        Assert.AreEqual(NightlyArn, SourceArn(statements[Sid(NightlyArn)]));
        Assert.AreEqual(PlacedArn, SourceArn(statements[Sid(PlacedArn)]), "a custom bus's rule ARN names the bus");
        Assert.AreEqual("events.amazonaws.com", Principal(statements[Sid(NightlyArn)]));
        await AssertConvergedAsync();

        WriteSources(Source("nightly", null, """{"job": "hourly"}"""), Source("placed", "orders-bus", null, null));
        var (updated, _, updateCounts) = await ApplySucceedsAsync();

        Assert.AreEqual("Update rule-target events:default/nightly, Update rule-target events:orders-bus/placed", string.Join(", ", Changed(updated)), Text(updated));
        AssertWrites(updateCounts, "events:PutTargets");
        Assert.AreEqual("""{"job":"hourly"}""", JsonNode.Parse((string)(await TargetsAsync("nightly", null)).Single()!["Input"]!)!.ToJsonString());
        Assert.IsNull((await TargetsAsync("placed", "orders-bus")).Single()!["RetryPolicy"]);
        await AssertConvergedAsync();
    }

    [TestMethod]
    public async Task Moving_the_alias_points_the_same_target_at_the_new_alias_and_moves_the_permission()
    {
        WriteSources(Source("nightly", null, null));
        await ApplySucceedsAsync();
        Deploy("blue");

        var (plan, _, counts) = await ApplySucceedsAsync();

        CollectionAssert.AreEqual(
            new[] { $"Create permission blue/{Sid(NightlyArn)}", "Update rule-target events:default/nightly", $"Delete permission live/{Sid(NightlyArn)}" },
            Changes(plan),
            Text(plan));
        AssertWrites(counts, "lambda:AddPermission", "events:PutTargets", "lambda:RemovePermission");
        var target = (await TargetsAsync("nightly", null)).Single()!;
        Assert.AreEqual(OurId, (string?)target["Id"]);
        Assert.AreEqual(AliasArn("blue"), (string?)target["Arn"]);
        Assert.IsEmpty(await StatementsAsync("live"));
        await AssertConvergedAsync();
    }

    [TestMethod]
    public async Task A_removed_rule_is_drift_without_prune_and_its_target_removed_with_prune_leaving_other_targets()
    {
        WriteSources(Source("nightly", null, null), Source("placed", "orders-bus", null, null));
        await ApplySucceedsAsync();
        await emulator.AwsCliAsync(["events", "put-targets", "--rule", "nightly", "--targets", "Id=audit,Arn=arn:aws:sqs:us-east-1:123456789012:audit"], Token);
        WriteSources(Source("placed", "orders-bus", null, null));

        var (drift, _, driftCounts) = await ApplySucceedsAsync();

        CollectionAssert.AreEqual(
            new[] { "Drift rule-target events:default/nightly", $"Drift permission live/{Sid(NightlyArn)}" }, Changed(drift), Text(drift));
        Assert.AreEqual(0, driftCounts.Writes);

        var (pruned, _, counts) = await ApplySucceedsAsync(prune: true);

        CollectionAssert.AreEqual(
            new[] { "Delete rule-target events:default/nightly", $"Delete permission live/{Sid(NightlyArn)}" }, Changed(pruned), Text(pruned));
        AssertWrites(counts, "events:RemoveTargets", "lambda:RemovePermission");
        Assert.AreEqual("audit", (string?)(await TargetsAsync("nightly", null)).Single()!["Id"]);
        Assert.HasCount(1, await TargetsAsync("placed", "orders-bus"));
        await AssertConvergedAsync(prune: true);
    }

    [TestMethod]
    public async Task An_identical_target_made_by_hand_is_adopted_not_duplicated()
    {
        await emulator.AwsCliAsync(["events", "put-targets", "--rule", "nightly", "--targets", $"Id=manual,Arn={AliasArn("live")}"], Token);
        WriteSources(Source("nightly", null, null));

        var (plan, _, counts) = await ApplySucceedsAsync();

        CollectionAssert.AreEqual(new[] { $"Create permission live/{Sid(NightlyArn)}", "NoOp rule-target events:default/nightly" }, Changes(plan), Text(plan));
        AssertWrites(counts, "lambda:AddPermission");
        Assert.AreEqual("manual", (string?)(await TargetsAsync("nightly", null)).Single()!["Id"]);
    }

    [TestMethod]
    public async Task A_rule_on_a_bus_that_does_not_exist_fails_with_a_coded_error_and_no_write()
    {
        await AssertRefusedAsync(DiagnosticCodes.EventBusNotFound, Source("nightly", "no-such-bus", null));
    }

    [TestMethod]
    public async Task A_missing_rule_fails_with_a_coded_error_and_no_write()
    {
        await AssertRefusedAsync(DiagnosticCodes.EventRuleNotFound, Source("weekly", null, null));
    }

    [TestMethod]
    public async Task A_rule_with_five_targets_fails_with_a_coded_error_before_aws_refuses_a_sixth()
    {
        foreach (var i in Enumerable.Range(1, 5))
        {
            await emulator.AwsCliAsync(["events", "put-targets", "--rule", "nightly", "--targets", $"Id=q{i},Arn=arn:aws:sqs:us-east-1:123456789012:q{i}"], Token);
        }

        await AssertRefusedAsync(DiagnosticCodes.EventRuleTargetsFull, Source("nightly", null, null));
    }

    [TestMethod]
    public async Task Malformed_input_json_fails_with_a_coded_error_and_no_write()
    {
        await AssertRefusedAsync(DiagnosticCodes.EventTargetInputNotJson, Source("nightly", null, """{"job": """));
    }

    private static string Source(string rule, string? bus, string? input, string? retryPolicy = null)
    {
        var source = new JsonObject { ["Service"] = "events.amazonaws.com", ["Rule"] = rule };
        if (bus is not null)
        {
            source["EventBusName"] = bus;
        }

        if (input is not null)
        {
            source["Input"] = input;
        }

        if (retryPolicy is not null)
        {
            source["RetryPolicy"] = JsonNode.Parse(retryPolicy);
        }

        return source.ToJsonString();
    }

    private async Task<JsonArray> TargetsAsync(string rule, string? bus) =>
        (await emulator.AwsCliAsync(["events", "list-targets-by-rule", "--rule", rule, .. bus is null ? Array.Empty<string>() : ["--event-bus-name", bus]], Token))!["Targets"]!.AsArray();
}
