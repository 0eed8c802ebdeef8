using System.Text.Json.Nodes;
using Gitmoxi.LambdaSources.Diagnostics;
using Gitmoxi.LambdaSources.Providers.Permission;

namespace Gitmoxi.LambdaSources.Tests.EndToEnd;

/// <summary>SNS topic subscriptions planned and applied against the emulator, observed with the AWS CLI.</summary>
[TestClass]
public sealed class SnsSubscriptionEndToEndTests : PushKindEndToEnd<SnsSubscriptionEndToEndTests>
{
    private const string Topic = "arn:aws:sns:us-east-1:123456789012:orders";
    private const string Audit = "arn:aws:sns:us-east-1:123456789012:audit";
    private const string Billing = "arn:aws:sns:us-east-1:123456789012:billing";

    private string Sid => StatementIds.OfSource(StatementIds.SnsKind, Repo.Owner, Topic);

    [TestInitialize]
    public async Task CreateTopicsAsync()
    {
        await emulator.AwsCliAsync(["sns", "create-topic", "--name", "orders"], Token);
        await emulator.AwsCliAsync(["sns", "create-topic", "--name", "audit"], Token);
        await emulator.AwsCliAsync(["sns", "create-topic", "--name", "billing"], Token);
    }

    [TestMethod]
    public async Task A_subscription_is_created_after_its_permission_updated_in_place_and_a_second_apply_writes_nothing()
    {
        WriteSources(Source(Topic, """{"type": ["order"]}""", "MessageBody"));

        var (plan, _, counts) = await ApplySucceedsAsync();

        CollectionAssert.AreEqual(new[] { $"Create permission live/{Sid}", "Create sns-subscription sns:orders" }, Changes(plan), Text(plan));
        AssertWrites(counts, "lambda:AddPermission", "sns:Subscribe");
        var subscription = (await SubscriptionsAsync(Topic)).Single()!;
        Assert.AreEqual(AliasArn("live"), (string?)subscription["Endpoint"]);
        Assert.AreEqual("lambda", (string?)subscription["Protocol"]);
        var attributes = await AttributesAsync((string)subscription["SubscriptionArn"]!);
        Assert.AreEqual("""{"type":["order"]}""", JsonNode.Parse((string)attributes["FilterPolicy"]!)!.ToJsonString());
        Assert.AreEqual("MessageBody", (string?)attributes["FilterPolicyScope"]);
        var statement = (await StatementsAsync("live"))[Sid];
        Assert.AreEqual(Topic, SourceArn(statement));
        Assert.AreEqual("sns.amazonaws.com", Principal(statement));
        await AssertConvergedAsync();

        WriteSources(Source(Topic, """{"type": ["order", "refund"]}""", "MessageBody"));
        var (updated, _, updateCounts) = await ApplySucceedsAsync();

        CollectionAssert.AreEqual(new[] { $"NoOp permission live/{Sid}", "Update sns-subscription sns:orders" }, Changes(updated), Text(updated));
        AssertWrites(updateCounts, "sns:SetSubscriptionAttributes");
        var after = (await SubscriptionsAsync(Topic)).Single()!;
        Assert.AreEqual((string?)subscription["SubscriptionArn"], (string?)after["SubscriptionArn"], "changed in place, not subscribed again");
        Assert.AreEqual("""{"type":["order","refund"]}""", JsonNode.Parse((string)(await AttributesAsync((string)after["SubscriptionArn"]!))["FilterPolicy"]!)!.ToJsonString());
        await AssertConvergedAsync();

        WriteSources(Source(Topic, null, null));
        var (cleared, _, _) = await ApplySucceedsAsync();

        Assert.AreEqual(1, cleared.Totals.Update, Text(cleared));
        await AssertConvergedAsync();
    }

    [TestMethod]
    public async Task Moving_the_alias_subscribes_the_new_alias_and_moves_the_permission()
    {
        WriteSources(Source(Topic, """{"type": ["order"]}""", null));
        await ApplySucceedsAsync();
        Deploy("blue");

        var (plan, _, counts) = await ApplySucceedsAsync();

        CollectionAssert.AreEqual(
            new[] { $"Create permission blue/{Sid}", "Update sns-subscription sns:orders", $"Delete permission live/{Sid}" }, Changes(plan), Text(plan));
        AssertWrites(counts, "lambda:AddPermission", "sns:Subscribe", "sns:Unsubscribe", "lambda:RemovePermission");
        var subscription = (await SubscriptionsAsync(Topic)).Single()!;
        Assert.AreEqual(AliasArn("blue"), (string?)subscription["Endpoint"]);
        Assert.IsNotNull((await AttributesAsync((string)subscription["SubscriptionArn"]!))["FilterPolicy"]);
        Assert.IsEmpty(await StatementsAsync("live"));
        Assert.AreEqual(Topic, SourceArn((await StatementsAsync("blue"))[Sid]));
        await AssertConvergedAsync();
    }

    [TestMethod]
    public async Task A_removed_topic_is_drift_without_prune_and_unsubscribed_with_prune_leaving_what_it_does_not_own()
    {
        WriteSources(Source(Topic, null, null), Source(Billing, null, null));
        await ApplySucceedsAsync();
        // A subscription of this function made by hand: no statement of this repository names its topic.
        await emulator.AwsCliAsync(["sns", "subscribe", "--topic-arn", Audit, "--protocol", "lambda", "--notification-endpoint", AliasArn("live")], Token);
        WriteSources(Source(Billing, null, null));

        var (drift, _, driftCounts) = await ApplySucceedsAsync();

        CollectionAssert.AreEqual(new[] { "Drift sns-subscription sns:orders", $"Drift permission live/{Sid}" }, Changed(drift), Text(drift));
        Assert.AreEqual(0, driftCounts.Writes);
        Assert.HasCount(1, await SubscriptionsAsync(Topic));

        var (pruned, _, counts) = await ApplySucceedsAsync(prune: true);

        CollectionAssert.AreEqual(new[] { "Delete sns-subscription sns:orders", $"Delete permission live/{Sid}" }, Changed(pruned), Text(pruned));
        AssertWrites(counts, "sns:Unsubscribe", "lambda:RemovePermission");
        Assert.IsEmpty(await SubscriptionsAsync(Topic));
        Assert.HasCount(1, await SubscriptionsAsync(Audit));
        Assert.HasCount(1, await SubscriptionsAsync(Billing));
        await AssertConvergedAsync(prune: true);
    }

    [TestMethod]
    public async Task An_identical_subscription_made_by_hand_is_adopted_not_duplicated()
    {
        var made = await emulator.AwsCliAsync(
            ["sns", "subscribe", "--topic-arn", Topic, "--protocol", "lambda", "--notification-endpoint", AliasArn("live"), "--return-subscription-arn"], Token);
        WriteSources(Source(Topic, null, null));

        var (plan, _, counts) = await ApplySucceedsAsync();

        CollectionAssert.AreEqual(new[] { $"Create permission live/{Sid}", "NoOp sns-subscription sns:orders" }, Changes(plan), Text(plan));
        AssertWrites(counts, "lambda:AddPermission");
        Assert.AreEqual((string?)made!["SubscriptionArn"], (string?)(await SubscriptionsAsync(Topic)).Single()!["SubscriptionArn"]);
    }

    [TestMethod]
    public async Task A_malformed_filter_policy_fails_with_a_coded_error_and_no_write()
    {
        await AssertRefusedAsync(DiagnosticCodes.SnsAttributeNotJson, Source(Topic, """{"type": ["order"]""", null));
    }

    [TestMethod]
    public async Task A_topic_of_another_account_fails_with_a_coded_error_and_no_write()
    {
        await AssertRefusedAsync(DiagnosticCodes.SnsTopicElsewhere, Source("arn:aws:sns:us-east-1:222233334444:orders", null, null));
    }

    [TestMethod]
    public async Task A_missing_topic_fails_with_a_coded_error_and_no_write()
    {
        await AssertRefusedAsync(DiagnosticCodes.SnsTopicNotFound, Source("arn:aws:sns:us-east-1:123456789012:nope", null, null));
    }

    private static string Source(string topic, string? filterPolicy, string? scope)
    {
        var attributes = new JsonObject();
        if (filterPolicy is not null)
        {
            attributes["FilterPolicy"] = filterPolicy;
        }

        if (scope is not null)
        {
            attributes["FilterPolicyScope"] = scope;
        }

        var source = new JsonObject { ["Service"] = "sns.amazonaws.com", ["TopicArn"] = topic };
        if (attributes.Count > 0)
        {
            source["Attributes"] = attributes;
        }

        return source.ToJsonString();
    }

    private async Task<JsonArray> SubscriptionsAsync(string topic) =>
        (await emulator.AwsCliAsync(["sns", "list-subscriptions-by-topic", "--topic-arn", topic], Token))!["Subscriptions"]!.AsArray();

    private async Task<JsonNode> AttributesAsync(string subscriptionArn) =>
        (await emulator.AwsCliAsync(["sns", "get-subscription-attributes", "--subscription-arn", subscriptionArn], Token))!["Attributes"]!;
}
