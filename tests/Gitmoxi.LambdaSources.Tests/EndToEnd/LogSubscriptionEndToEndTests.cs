using System.Text.Json.Nodes;
using Gitmoxi.LambdaSources.Diagnostics;
using Gitmoxi.LambdaSources.Providers.LogSubscription;

namespace Gitmoxi.LambdaSources.Tests.EndToEnd;

/// <summary>CloudWatch Logs subscription filters planned and applied against the emulator, observed with the AWS CLI.</summary>
[TestClass]
public sealed class LogSubscriptionEndToEndTests : PushKindEndToEnd<LogSubscriptionEndToEndTests>
{
    private const string OrdersArn = "arn:aws:logs:us-east-1:123456789012:log-group:/app/orders:*";
    private const string BillingArn = "arn:aws:logs:us-east-1:123456789012:log-group:/app/billing:*";
    private const string AuditArn = "arn:aws:logs:us-east-1:123456789012:log-group:/app/audit:*";

    private string Sid(string groupArn) => LogSubscriptionDiff.StatementId(Repo.Owner, groupArn, "errors");

    [TestInitialize]
    public async Task CreateLogGroupsAsync()
    {
        foreach (var group in new[] { "/app/orders", "/app/billing", "/app/audit" })
        {
            await emulator.AwsCliAsync(["logs", "create-log-group", "--log-group-name", group], Token);
        }
    }

    [TestMethod]
    public async Task A_filter_is_put_after_its_permission_updated_in_place_and_a_second_apply_writes_nothing()
    {
        WriteSources(Source("/app/orders", "errors", "ERROR"));

        var (plan, _, counts) = await ApplySucceedsAsync();

        CollectionAssert.AreEqual(new[] { $"Create permission live/{Sid(OrdersArn)}", "Create subscription-filter logs:/app/orders/errors" }, Changes(plan), Text(plan));
        AssertWrites(counts, "lambda:AddPermission", "logs:PutSubscriptionFilter");
        var filter = (await FiltersAsync("/app/orders")).Single()!;
        Assert.AreEqual(AliasArn("live"), (string?)filter["destinationArn"]);
        Assert.AreEqual("ERROR", (string?)filter["filterPattern"]);
        var statement = (await StatementsAsync("live"))[Sid(OrdersArn)];
        Assert.AreEqual(OrdersArn, SourceArn(statement));
        Assert.AreEqual("logs.amazonaws.com", Principal(statement));
        await AssertConvergedAsync();

        WriteSources(Source("/app/orders", "errors", "?ERROR ?WARN"));
        var (updated, _, updateCounts) = await ApplySucceedsAsync();

        Assert.AreEqual("Update subscription-filter logs:/app/orders/errors", string.Join(", ", Changed(updated)), Text(updated));
        AssertWrites(updateCounts, "logs:PutSubscriptionFilter");
        Assert.AreEqual("?ERROR ?WARN", (string?)(await FiltersAsync("/app/orders")).Single()!["filterPattern"]);
        await AssertConvergedAsync();
    }

    [TestMethod]
    public async Task Moving_the_alias_points_the_filter_at_the_new_alias_and_moves_the_permission()
    {
        WriteSources(Source("/app/orders", "errors", "ERROR"));
        await ApplySucceedsAsync();
        Deploy("blue");

        var (plan, _, counts) = await ApplySucceedsAsync();

        CollectionAssert.AreEqual(
            new[] { $"Create permission blue/{Sid(OrdersArn)}", "Update subscription-filter logs:/app/orders/errors", $"Delete permission live/{Sid(OrdersArn)}" },
            Changes(plan),
            Text(plan));
        AssertWrites(counts, "lambda:AddPermission", "logs:PutSubscriptionFilter", "lambda:RemovePermission");
        Assert.AreEqual(AliasArn("blue"), (string?)(await FiltersAsync("/app/orders")).Single()!["destinationArn"]);
        Assert.IsEmpty(await StatementsAsync("live"));
        await AssertConvergedAsync();
    }

    [TestMethod]
    public async Task A_removed_filter_is_drift_without_prune_and_deleted_with_prune_leaving_filters_it_does_not_own()
    {
        WriteSources(Source("/app/orders", "errors", "ERROR"), Source("/app/billing", "all", ""));
        await ApplySucceedsAsync();
        await HandMadeFilterAsync("/app/audit", AuditArn, "by-hand");
        WriteSources(Source("/app/billing", "all", ""));

        var (drift, _, driftCounts) = await ApplySucceedsAsync();

        CollectionAssert.AreEqual(
            new[] { "Drift subscription-filter logs:/app/orders/errors", $"Drift permission live/{Sid(OrdersArn)}", "Drift permission live/by-hand-by-hand" },
            Changed(drift),
            Text(drift));
        Assert.AreEqual(0, driftCounts.Writes);

        var (pruned, _, counts) = await ApplySucceedsAsync(prune: true);

        CollectionAssert.AreEqual(
            new[] { "Delete subscription-filter logs:/app/orders/errors", $"Delete permission live/{Sid(OrdersArn)}", "Drift permission live/by-hand-by-hand" },
            Changed(pruned),
            Text(pruned));
        AssertWrites(counts, "logs:DeleteSubscriptionFilter", "lambda:RemovePermission");
        Assert.IsEmpty(await FiltersAsync("/app/orders"));
        Assert.HasCount(1, await FiltersAsync("/app/audit"));
        Assert.HasCount(1, await FiltersAsync("/app/billing"));
        await AssertConvergedAsync(prune: true);
    }

    [TestMethod]
    public async Task An_identical_filter_made_by_hand_is_adopted_not_duplicated()
    {
        await HandMadeFilterAsync("/app/orders", OrdersArn, "errors", "ERROR");
        WriteSources(Source("/app/orders", "errors", "ERROR"));

        var (plan, _, counts) = await ApplySucceedsAsync();

        CollectionAssert.AreEqual(
            new[] { $"Create permission live/{Sid(OrdersArn)}", "NoOp subscription-filter logs:/app/orders/errors", "Drift permission live/by-hand-errors" },
            Changes(plan),
            Text(plan));
        AssertWrites(counts, "lambda:AddPermission");
        Assert.HasCount(1, await FiltersAsync("/app/orders"));
    }

    [TestMethod]
    public async Task A_third_filter_on_a_group_fails_with_a_coded_error_before_aws_refuses_it()
    {
        await HandMadeFilterAsync("/app/orders", OrdersArn, "one");
        await emulator.AwsCliAsync(
            ["logs", "put-subscription-filter", "--log-group-name", "/app/orders", "--filter-name", "two", "--filter-pattern", "", "--destination-arn", AliasArn("live")], Token);

        await AssertRefusedAsync(DiagnosticCodes.LogGroupFiltersFull, Source("/app/orders", "errors", "ERROR"));
    }

    [TestMethod]
    public async Task A_missing_log_group_fails_with_a_coded_error_and_no_write()
    {
        await AssertRefusedAsync(DiagnosticCodes.LogGroupNotFound, Source("/app/nope", "errors", "ERROR"));
    }

    /// <summary>A filter to the function made outside gitmoxi, with a statement of its own (CloudWatch Logs test-invokes the function).</summary>
    private async Task HandMadeFilterAsync(string group, string groupArn, string name, string pattern = "")
    {
        await emulator.AwsCliAsync(
            ["lambda", "add-permission", "--function-name", "orders", "--qualifier", "live", "--statement-id", "by-hand-" + name,
             "--action", "lambda:InvokeFunction", "--principal", "logs.amazonaws.com", "--source-arn", groupArn],
            Token);
        await emulator.AwsCliAsync(
            ["logs", "put-subscription-filter", "--log-group-name", group, "--filter-name", name, "--filter-pattern", pattern, "--destination-arn", AliasArn("live")], Token);
    }

    private static string Source(string group, string name, string pattern) =>
        new JsonObject { ["Service"] = "logs.amazonaws.com", ["LogGroupName"] = group, ["FilterName"] = name, ["FilterPattern"] = pattern }.ToJsonString();

    private async Task<JsonArray> FiltersAsync(string group) =>
        (await emulator.AwsCliAsync(["logs", "describe-subscription-filters", "--log-group-name", group], Token))!["subscriptionFilters"]!.AsArray();
}
