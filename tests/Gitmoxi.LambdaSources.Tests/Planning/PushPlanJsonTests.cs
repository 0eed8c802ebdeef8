using Gitmoxi.LambdaSources.Definitions;
using Gitmoxi.LambdaSources.Diagnostics;
using Gitmoxi.LambdaSources.Planning;
using Gitmoxi.LambdaSources.Providers.Permission;
using Gitmoxi.LambdaSources.Providers.RouteIntegration;
using Gitmoxi.LambdaSources.Providers.TargetRegistration;

namespace Gitmoxi.LambdaSources.Tests.Planning;

[TestClass]
public sealed class PushPlanJsonTests
{
    [TestMethod]
    public void A_saved_push_plan_reads_back_to_the_same_plan_with_everything_apply_needs()
    {
        const string FunctionArn = "arn:aws:lambda:us-east-1:123456789012:function:orders:live";
        const string Group = "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/orders-tg/0123456789abcdef";
        var span = new SourceSpan("orders/orders_lambdaeventsourcedef.json", 3, 5);
        var function = new FunctionDefinition(
            "orders/orders", span.File, "orders", "live",
            [new ElbPushSource(Group, span), new ApiGatewayPushSource("a1b2c3d4e5", "r1s2t3u", "lambdaAlias", span)], []);
        var live = new LivePushState(
            new Dictionary<string, LiveTargetGroup> { [Group] = new(Group, true, "lambda", [], []) },
            new Dictionary<string, LiveHttpApi>
            {
                ["a1b2c3d4e5"] = new("a1b2c3d4e5", true, "HTTP", [new LiveRoute("r1s2t3u", "ANY /items", null)], [],
                    [new LiveStage("prod", new Dictionary<string, string> { ["lambdaAlias"] = "live" })]),
            },
            new Dictionary<string, IReadOnlyList<LiveStatement>> { ["live"] = [] },
            new HashSet<string>());
        var push = PlanningFixtures.PlanPush(function, live);
        var plan = new Plan([new FunctionPlan("orders", "live", FunctionArn, span.File, push.Changes, push.Drift, "fingerprint")], []);

        var json = PlanJson.Serialize(plan);
        var read = PlanJson.DeserializePlan(json);

        Assert.AreEqual(json, PlanJson.Serialize(read));
        var changes = read.Functions.Single().Changes;
        Assert.AreEqual(4, changes.Count);
        Assert.AreEqual(
            "arn:aws:execute-api:us-east-1:123456789012:a1b2c3d4e5/*/*/items", ((AddStatement)changes[1].Operation!).Statement.SourceArn);
        Assert.AreEqual(
            "arn:aws:lambda:us-east-1:123456789012:function:orders:${stageVariables.lambdaAlias}", ((SetRouteTarget)changes[3].Operation!).Create!.IntegrationUri);
        Assert.AreEqual(new RegisterTarget(Group, FunctionArn, []).TargetId, ((RegisterTarget)changes[2].Operation!).TargetId);
    }
}
