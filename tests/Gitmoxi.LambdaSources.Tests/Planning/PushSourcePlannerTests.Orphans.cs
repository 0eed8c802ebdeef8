using Gitmoxi.LambdaSources.Planning;
using Gitmoxi.LambdaSources.Providers.RouteIntegration;
using static Gitmoxi.LambdaSources.Tests.Planning.PlanningFixtures;

namespace Gitmoxi.LambdaSources.Tests.Planning;

/// <summary>Integrations this repository created that no route uses (left by an interrupted or racing apply).</summary>
public sealed partial class PushSourcePlannerTests
{
    private static readonly string OurMarker = RouteDiff.Marker(Owner);

    [TestMethod]
    public void Integrations_with_this_repositorys_marker_for_the_function_that_no_route_uses_are_drift_and_pruned_and_no_other_is_listed()
    {
        const string Payments = "arn:aws:lambda:us-east-1:123456789012:function:payments:live";
        var api = Api(
            routes: [new LiveRoute(RouteId, "GET /orders", "integrations/used1")],
            integrations:
            [
                Proxy("used1", FunctionArn) with { Description = OurMarker },
                Proxy("orph1", FunctionArn) with { Description = OurMarker },
                Proxy("orph2", StageUri) with { Description = OurMarker },
                Proxy("nomark", FunctionArn),
                Proxy("other", FunctionArn) with { Description = RouteDiff.Marker(new OwnerIdentity("someone/else", "x")) },
                Proxy("legacy", FunctionArn) with { Description = RouteDiff.LegacyMarker },
                Proxy("payorph", Payments) with { Description = OurMarker },
            ]);
        var live = State(apis: [api], policies: new() { ["live"] = [ApiStatement()] });

        var drift = Plan(Push(Route(null)), live);
        var pruned = Plan(Push(Route(null)), live, prune: true);

        Assert.AreEqual(
            $$"""
            NoOp permission live/{{ApiSid}} [{{ApiSid}}] @ orders/orders_lambdaeventsourcedef.json(4,5)
            NoOp route-integration apigw:{{ApiId}}/GET /orders [{{RouteId}}] @ orders/orders_lambdaeventsourcedef.json(4,5)
            Drift route-integration apigw:{{ApiId}}/integrations/orph1 [orph1]
              IntegrationUri: "{{FunctionArn}}" -> (absent)
              Description: "{{OurMarker}}" -> (absent)
              note: created by gitmoxi for this repository and used by no route; prune is off
            Drift route-integration apigw:{{ApiId}}/integrations/orph2 [orph2]
              IntegrationUri: "{{StageUri}}" -> (absent)
              Description: "{{OurMarker}}" -> (absent)
              note: created by gitmoxi for this repository and used by no route; prune is off

            """,
            Describe(drift));
        Assert.AreEqual(
            $$"""
            NoOp permission live/{{ApiSid}} [{{ApiSid}}] @ orders/orders_lambdaeventsourcedef.json(4,5)
            Delete route-integration apigw:{{ApiId}}/integrations/orph1 [orph1]
              IntegrationUri: "{{FunctionArn}}" -> (absent)
              Description: "{{OurMarker}}" -> (absent)
              op: {"op":"deleteOrphanIntegration","apiId":"{{ApiId}}","integrationId":"orph1"}
              note: created by gitmoxi for this repository and used by no route; prune is on
            Delete route-integration apigw:{{ApiId}}/integrations/orph2 [orph2]
              IntegrationUri: "{{StageUri}}" -> (absent)
              Description: "{{OurMarker}}" -> (absent)
              op: {"op":"deleteOrphanIntegration","apiId":"{{ApiId}}","integrationId":"orph2"}
              note: created by gitmoxi for this repository and used by no route; prune is on
            NoOp route-integration apigw:{{ApiId}}/GET /orders [{{RouteId}}] @ orders/orders_lambdaeventsourcedef.json(4,5)

            """,
            Describe(pruned));
    }

    [TestMethod]
    public void An_orphan_of_this_repository_is_not_reused_for_a_route_a_racing_apply_may_delete_it_first()
    {
        var api = Api(integrations: [Proxy("orph1", FunctionArn) with { Description = OurMarker }, Proxy("theirs", FunctionArn)]);
        var withForeign = Plan(Push(Route(null)), State(apis: [api]));
        var onlyOrphan = Plan(Push(Route(null)), State(apis: [api with { Integrations = [api.Integrations[0]] }]));

        var reused = (SetRouteTarget)withForeign.Changes.Single(c => c.Kind == ResourceKind.RouteIntegration && c.Operation is SetRouteTarget).Operation!;
        var created = (SetRouteTarget)onlyOrphan.Changes.Single(c => c.Kind == ResourceKind.RouteIntegration && c.Operation is SetRouteTarget).Operation!;
        Assert.AreEqual(("theirs", (CreateIntegration?)null), (reused.IntegrationId, reused.Create));
        Assert.AreEqual((null, OurMarker), (created.IntegrationId, created.Create?.Description));
        Assert.AreEqual("orph1", onlyOrphan.Drift.Single().LiveId);
    }
}
