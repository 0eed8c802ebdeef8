using Gitmoxi.LambdaSources.Definitions;
using Gitmoxi.LambdaSources.Definitions.PushKinds;
using Gitmoxi.LambdaSources.Diagnostics;
using Gitmoxi.LambdaSources.Planning;
using Gitmoxi.LambdaSources.Providers;
using Gitmoxi.LambdaSources.Providers.Permission;
using Gitmoxi.LambdaSources.Providers.RestIntegration;
using Gitmoxi.LambdaSources.Providers.RouteIntegration;

namespace Gitmoxi.LambdaSources.Tests.Planning;

/// <summary>The REST API diff plans a deployment per named stage of each API it changes, last, and none when nothing changes.</summary>
[TestClass]
public sealed class RestDeploymentDiffTests
{
    private const string Function = "arn:aws:lambda:us-east-1:123456789012:function:orders";
    private const string Live = Function + ":live";
    private static readonly SourceSpan Span = new("orders/orders_lambdaeventsourcedef.json", 1, 1);
    private static readonly OwnerIdentity Owner = new("acme/shop", "orders/orders_lambdaeventsourcedef.json");
    private static readonly string LiveUri = RestDiff.InvocationUri(Live);

    [TestMethod]
    public void A_changed_integration_deploys_each_named_existing_stage_after_it_and_warns_of_a_missing_one()
    {
        var plan = RestDiff.Plan(Target(["prod", "beta", "prod"], Source("a1", "GET"), Source("a1", "POST")), World(("a1", null)), []);

        Assert.AreEqual(
            "Update rest-integration apigw:a1/r1/GET, Update rest-integration apigw:a1/r1/POST, Create rest-deployment apigw:a1/prod",
            string.Join(", ", plan.Changes.Select(c => $"{c.Action} {c.Address}")));
        Assert.AreEqual(new DeployRestApiStage("a1", "prod"), plan.Changes[^1].Operation);
        Assert.AreEqual(ApplyPhase.Deploy, plan.Changes[^1].Operation!.Phase);
        var warning = plan.Diagnostics.Single();
        Assert.AreEqual(DiagnosticCodes.RestDeployStageNotFound, warning.Code);
        Assert.IsFalse(warning.IsError);
        Assert.AreEqual("The REST API a1 has no stage 'beta' (it has: dev, prod): it is not deployed there; create the stage or remove it from the stages to deploy.", warning.Message);
    }

    [TestMethod]
    public void Unchanged_integrations_or_no_named_stages_plan_no_deployment()
    {
        var unchanged = RestDiff.Plan(Target(["prod"], Source("a1", "GET")), World(("a1", LiveUri)), []);
        var unnamed = RestDiff.Plan(Target(null, Source("a1", "GET")), World(("a1", null)), []);

        Assert.AreEqual("NoOp", string.Join(", ", unchanged.Changes.Select(c => c.Action)));
        Assert.AreEqual("Update", string.Join(", ", unnamed.Changes.Select(c => c.Action)));
        Assert.IsEmpty(unchanged.Diagnostics);
        Assert.IsEmpty(unnamed.Diagnostics);
    }

    [TestMethod]
    public void Only_the_api_whose_integration_changed_is_deployed()
    {
        var plan = RestDiff.Plan(Target(["prod"], Source("a1", "GET"), Source("b2", "GET")), World(("a1", LiveUri), ("b2", null)), []);

        Assert.AreEqual(
            "NoOp rest-integration apigw:a1/r1/GET, Update rest-integration apigw:b2/r1/GET, Create rest-deployment apigw:b2/prod",
            string.Join(", ", plan.Changes.Select(c => $"{c.Action} {c.Address}")));
    }

    [TestMethod]
    public void A_pruned_integration_deploys_its_api()
    {
        var sid = StatementIds.RestApi(Owner, "a1", "r1", "GET");
        var owned = new List<OwnedStatement> { new("live", new LiveStatement(sid, "Allow", "apigateway.amazonaws.com", "lambda:InvokeFunction", "arn", null), StatementIds.Parse(sid)!) };

        var plan = RestDiff.Plan(Target(["prod"], prune: true), World(("a1", LiveUri)), owned);

        Assert.AreEqual(
            "Delete rest-integration apigw:a1/r1/GET, Create rest-deployment apigw:a1/prod",
            string.Join(", ", plan.Changes.Select(c => $"{c.Action} {c.Address}")));
    }

    private static RestApiPushSource Source(string api, string method) => new(api, "r1", method, null, Span);

    private static PlanTarget Target(IReadOnlyList<string>? stages, params RestApiPushSource[] sources) => Target(stages, false, sources);

    private static PlanTarget Target(IReadOnlyList<string>? stages, bool prune, params RestApiPushSource[] sources) =>
        new(new FunctionDefinition("orders/orders", Span.File, "orders", "live", [.. sources], []), Live, Owner, prune, stages);

    /// <summary>APIs with resource r1 (GET and POST methods; GET integrated with <c>uri</c>, or a MOCK when null) and stages dev and prod.</summary>
    private static RestLive World(params (string Api, string? Uri)[] apis) => new(
        apis.ToDictionary(a => RestDiff.Key(a.Api, "r1"), a => (LiveRestResource?)new LiveRestResource("/orders", ["GET", "POST"])),
        apis.SelectMany(a => new[]
        {
            (RestDiff.Key(a.Api, "r1", "GET"), a.Uri is null ? new LiveRestIntegration("MOCK", null, null) : new LiveRestIntegration("AWS_PROXY", "POST", a.Uri)),
            (RestDiff.Key(a.Api, "r1", "POST"), new LiveRestIntegration("MOCK", null, null)),
        }).ToDictionary(p => p.Item1, p => p.Item2),
        apis.ToDictionary(a => a.Api, _ => (IReadOnlyList<LiveStage>)[new LiveStage("dev", new Dictionary<string, string>()), new LiveStage("prod", new Dictionary<string, string>())]),
        new SortedSet<string>(),
        new SortedSet<string>(),
        Function);
}
