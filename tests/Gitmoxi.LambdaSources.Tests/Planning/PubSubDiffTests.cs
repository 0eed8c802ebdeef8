using System.Text.Json.Nodes;
using Gitmoxi.LambdaSources.Definitions;
using Gitmoxi.LambdaSources.Diagnostics;
using Gitmoxi.LambdaSources.Planning;
using Gitmoxi.LambdaSources.Providers;
using Gitmoxi.LambdaSources.Providers.EventRuleTarget;
using Gitmoxi.LambdaSources.Providers.LogSubscription;
using Gitmoxi.LambdaSources.Providers.Permission;
using Gitmoxi.LambdaSources.Providers.SnsSubscription;

namespace Gitmoxi.LambdaSources.Tests.Planning;

/// <summary>The pure diffs of the SNS, EventBridge rule and CloudWatch Logs providers over live values: AWS's defaults and quotas.</summary>
[TestClass]
public sealed class PubSubDiffTests
{
    private const string Function = "arn:aws:lambda:us-east-1:123456789012:function:orders";
    private const string Live = Function + ":live";
    private const string Topic = "arn:aws:sns:us-east-1:123456789012:orders";
    private static readonly SourceSpan Span = new("orders/orders_lambdaeventsourcedef.json", 1, 1);
    private static readonly OwnerIdentity Owner = new("acme/shop", "orders/orders_lambdaeventsourcedef.json");

    [TestMethod]
    public void An_unset_filter_policy_and_scope_equal_the_removed_policy_and_default_scope_aws_reports()
    {
        var live = Topics(new LiveSubscription(Topic + ":1", Live, Attributes(("FilterPolicy", "{}"), ("FilterPolicyScope", "MessageAttributes"))));

        var plan = SubscriptionDiff.Plan(Target(new SnsPushSource(Topic, Attributes(), Span)), live, []);

        Assert.AreEqual(ChangeAction.NoOp, plan.Changes.Single().Action);
    }

    [TestMethod]
    public void A_filter_policy_is_compared_as_json_and_removing_it_sets_the_empty_policy_in_place()
    {
        var live = Topics(new LiveSubscription(Topic + ":1", Live, Attributes(("FilterPolicy", """{"b":[1],"a":["x"]}"""))));

        var same = SubscriptionDiff.Plan(Target(new SnsPushSource(Topic, Attributes(("FilterPolicy", """{ "a": ["x"], "b": [1] }""")), Span)), live, []);
        var removed = SubscriptionDiff.Plan(Target(new SnsPushSource(Topic, Attributes(), Span)), live, []);

        Assert.AreEqual(ChangeAction.NoOp, same.Changes.Single().Action);
        var update = (SetSubscriptionAttributes)removed.Changes.Single().Operation!;
        Assert.AreEqual("FilterPolicy={}", string.Join(", ", update.Attributes.Select(a => $"{a.Name}={a.Value}")));
    }

    [TestMethod]
    public void A_target_without_retry_policy_equals_one_with_the_documented_defaults_and_input_is_compared_as_json()
    {
        var id = RuleTargetDiff.TargetId(Owner, Function);
        var rule = new LiveRule("default", "nightly", true, true, "arn:aws:events:us-east-1:123456789012:rule/nightly", null,
            [new LiveTarget(id, Live, new JsonObject { ["Input"] = """{"job":"nightly"}""", ["RetryPolicy"] = new JsonObject { ["MaximumRetryAttempts"] = 185, ["MaximumEventAgeInSeconds"] = 86400 } })]);
        var source = new EventRulePushSource("nightly", "default", new JsonObject { ["Input"] = """{ "job": "nightly" }""" }, Span);

        var plan = RuleTargetDiff.Plan(Target(source), new RuleTargetLive(new Dictionary<string, LiveRule> { ["default/nightly"] = rule }, Function), []);

        Assert.AreEqual(ChangeAction.NoOp, plan.Changes.Single().Action);
    }

    [TestMethod]
    public void A_third_filter_is_refused_unless_prune_removes_one_of_ours_first()
    {
        var groupArn = LogSubscriptionDiff.GroupArn(Live, "/app/orders");
        var sid = LogSubscriptionDiff.StatementId(Owner, groupArn, "old");
        var live = new LogSubscriptionLive(
            new Dictionary<string, LiveLogGroup> { ["/app/orders"] = new("/app/orders", true, [new("old", "", Live), new("theirs", "", "arn:aws:lambda:us-east-1:123456789012:function:audit")]) },
            Function);
        var owned = new List<OwnedStatement> { new("live", new LiveStatement(sid, "Allow", "logs.amazonaws.com", "lambda:InvokeFunction", groupArn, null), StatementIds.Parse(sid)!) };
        var source = new LogSubscriptionPushSource("/app/orders", "errors", "ERROR", Span);

        var kept = LogSubscriptionDiff.Plan(Target(source), live, owned);
        var pruned = LogSubscriptionDiff.Plan(Target(source, prune: true), live, owned);

        Assert.AreEqual(DiagnosticCodes.LogGroupFiltersFull, kept.Diagnostics.Single().Code);
        Assert.AreEqual(
            "Delete subscription-filter logs:/app/orders/old, Create subscription-filter logs:/app/orders/errors",
            string.Join(", ", pruned.Changes.Select(c => $"{c.Action} {c.Address}")));
    }

    [TestMethod]
    public void Another_tools_filter_sending_to_the_function_on_a_group_of_ours_is_never_pruned()
    {
        var groupArn = LogSubscriptionDiff.GroupArn(Live, "/app/orders");
        var sid = LogSubscriptionDiff.StatementId(Owner, groupArn, "errors");
        var live = new LogSubscriptionLive(
            new Dictionary<string, LiveLogGroup> { ["/app/orders"] = new("/app/orders", true, [new("errors", "ERROR", Live), new("terraform-audit", "", Live)]) },
            Function);
        var owned = new List<OwnedStatement> { new("live", new LiveStatement(sid, "Allow", "logs.amazonaws.com", "lambda:InvokeFunction", groupArn, null), StatementIds.Parse(sid)!) };
        var source = new LogSubscriptionPushSource("/app/orders", "errors", "ERROR", Span);

        var pruned = LogSubscriptionDiff.Plan(Target(source, prune: true), live, owned);

        Assert.AreEqual("NoOp subscription-filter logs:/app/orders/errors", string.Join(", ", pruned.Changes.Select(c => $"{c.Action} {c.Address}")));
        Assert.IsEmpty(pruned.Drift);
    }

    private static PlanTarget Target(PushSource source, bool prune = false) =>
        new(new FunctionDefinition("orders/orders", Span.File, "orders", "live", [source], []), Live, Owner, prune);

    private static SubscriptionLive Topics(params LiveSubscription[] subscriptions) =>
        new(new Dictionary<string, LiveTopic> { [Topic] = new(Topic, true, subscriptions) }, Function);

    private static SortedDictionary<string, string> Attributes(params (string Name, string Value)[] attributes) =>
        new(attributes.ToDictionary(a => a.Name, a => a.Value), StringComparer.Ordinal);
}
