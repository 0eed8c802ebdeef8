using System.Text.Json.Nodes;
using Gitmoxi.LambdaSources.Definitions;
using Gitmoxi.LambdaSources.Definitions.PushKinds;
using Gitmoxi.LambdaSources.Diagnostics;
using Gitmoxi.LambdaSources.Planning;
using Gitmoxi.LambdaSources.Providers;
using Gitmoxi.LambdaSources.Providers.Schedule;

namespace Gitmoxi.LambdaSources.Tests.Planning;

/// <summary>The schedule diff over live values: defaults, ownership by the Description marker, adoption, prune.</summary>
[TestClass]
public sealed class ScheduleDiffTests
{
    private const string Function = "arn:aws:lambda:us-east-1:123456789012:function:orders";
    private const string Role = "arn:aws:iam::123456789012:role/invoke";
    private static readonly OwnerIdentity Owner = new("acme/orders", "orders/orders_lambdaeventsourcedef.json");
    private static readonly SourceSpan Span = new("orders/orders_lambdaeventsourcedef.json", 3, 5);

    [TestMethod]
    public void Members_left_out_equal_aws_defaults_so_a_converged_schedule_is_a_no_op()
    {
        var live = Live("rate(5 minutes)", ScheduleDiff.Marker(Owner), Function + ":live");

        var plan = ScheduleDiff.Plan(Target(prune: false), Declared(live));

        Assert.AreEqual("NoOp schedule scheduler:default/nightly", Describe(plan));
    }

    [TestMethod]
    public void An_owned_schedule_that_differs_is_replaced_with_every_member()
    {
        var live = Live("rate(7 minutes)", ScheduleDiff.Marker(Owner), Function + ":blue");

        var plan = ScheduleDiff.Plan(Target(prune: false), Declared(live));

        Assert.AreEqual("Update schedule scheduler:default/nightly", Describe(plan));
        var request = ((ReplaceSchedule)plan.Changes.Single().Operation!).Request;
        Assert.AreEqual(
            """{"Description":"Created by gitmoxi-lambda-sources [""" + Owner.RepositoryHash + """]","FlexibleTimeWindow":{"Mode":"OFF"},"GroupName":"default","Name":"nightly","ScheduleExpression":"rate(5 minutes)","ScheduleExpressionTimezone":"UTC","State":"ENABLED","Target":{"Arn":"arn:aws:lambda:us-east-1:123456789012:function:orders:live","RoleArn":"arn:aws:iam::123456789012:role/invoke"}}""",
            CanonicalJson.ForComparison(request));
        Assert.AreEqual("ScheduleExpression Target", string.Join(" ", plan.Changes.Single().Fields.Select(f => f.Field)));
    }

    [TestMethod]
    public void Another_repositorys_schedule_is_refused_even_when_identical()
    {
        var live = Live("rate(5 minutes)", "Created by gitmoxi-lambda-sources [00000000]", Function + ":live");

        var plan = ScheduleDiff.Plan(Target(prune: false), Declared(live));

        Assert.AreEqual(DiagnosticCodes.ScheduleNotOwned, plan.Diagnostics.Single().Code);
        Assert.IsEmpty(plan.Changes);
    }

    [TestMethod]
    public void An_undeclared_owned_schedule_of_the_function_is_drift_without_prune_and_deleted_with_it_while_unmarked_ones_are_ignored()
    {
        var owned = Live("rate(1 hour)", "hourly job\n" + ScheduleDiff.Marker(Owner), Function + ":live") with { Name = "hourly" };
        var foreign = Live("rate(1 hour)", "made by hand", Function + ":live") with { Name = "by-hand" };
        var live = new ScheduleLive(new Dictionary<string, bool>(), new Dictionary<string, LiveSchedule?>(), [owned, foreign]);

        var drift = ScheduleDiff.Plan(Target(prune: false, declared: false), live);
        var pruned = ScheduleDiff.Plan(Target(prune: true, declared: false), live);

        Assert.AreEqual("Drift schedule scheduler:default/hourly", Describe(drift));
        Assert.AreEqual("Delete schedule scheduler:default/hourly", Describe(pruned));
        Assert.AreEqual(new DeleteSchedule("default", "hourly"), pruned.Changes.Single().Operation);
    }

    private static PlanTarget Target(bool prune, bool declared = true)
    {
        var members = JsonNode.Parse($$"""{ "ScheduleExpression": "rate(5 minutes)", "FlexibleTimeWindow": { "Mode": "OFF" }, "Target": { "RoleArn": "{{Role}}" } }""")!.AsObject();
        PushSource[] sources = declared ? [new SchedulePushSource("nightly", "default", members, Span)] : [];
        return new PlanTarget(new FunctionDefinition("orders/orders", Span.File, "orders", "live", sources, []), Function + ":live", Owner, prune);
    }

    private static ScheduleLive Declared(LiveSchedule live) =>
        new(new Dictionary<string, bool> { ["default"] = true }, new Dictionary<string, LiveSchedule?> { [live.Key] = live }, []);

    /// <summary>A schedule as GetSchedule returns it: AWS's defaults filled in (State, time zone, retry policy).</summary>
    private static LiveSchedule Live(string expression, string description, string targetArn) => new("default", "nightly", new JsonObject
    {
        ["Description"] = description,
        ["FlexibleTimeWindow"] = new JsonObject { ["Mode"] = "OFF" },
        ["ScheduleExpression"] = expression,
        ["ScheduleExpressionTimezone"] = "UTC",
        ["State"] = "ENABLED",
        ["Target"] = new JsonObject
        {
            ["Arn"] = targetArn,
            ["RoleArn"] = Role,
            ["RetryPolicy"] = new JsonObject { ["MaximumEventAgeInSeconds"] = 86400, ["MaximumRetryAttempts"] = 185 },
        },
    });

    private static string Describe(WiringPlan plan) => string.Join(
        "\n",
        plan.Changes.Select(c => $"{c.Action} {c.Address}").Concat(plan.Drift.Select(d => $"Drift {d.Address}")).Concat(plan.Diagnostics.Select(d => d.Code)));
}
