using System.Net;
using Gitmoxi.LambdaSources.Applying;
using Gitmoxi.LambdaSources.Planning;
using Gitmoxi.LambdaSources.Providers;
using Gitmoxi.LambdaSources.Providers.RouteIntegration;
using Gitmoxi.LambdaSources.Tests.Aws;
using Microsoft.Extensions.Logging.Abstractions;

namespace Gitmoxi.LambdaSources.Tests.Applying;

/// <summary>
/// Interleavings of racing applies on one route that the emulator race tests reach only by chance, replayed request by
/// request: a create whose answer is lost, reconciled onto another run's integration; a refused delete whose answer is lost.
/// </summary>
[TestClass]
public sealed class RouteApplierTests
{
    private const string FunctionArn = "arn:aws:lambda:us-east-1:123456789012:function:orders:live";
    private const string Uri = FunctionArn;
    private const string Marker = "Created by gitmoxi-lambda-sources [0123456789ab]";

    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public async Task A_run_whose_create_lost_its_answer_and_that_adopts_another_runs_integration_deletes_its_own()
    {
        // X is this run's creation (its answer lost); W, another run's, is listed first, so the reconciling read takes it.
        // W is swept by its own run before the route can use it; Y, a third run's, ends on the route.
        var handler = new FakeHttpHandler()
            .Reply(HttpStatusCode.OK, Routes(null))
            .Reply(HttpStatusCode.InternalServerError, """{"message":"internal"}""", ("X-Amzn-ErrorType", "InternalServerException"))
            .Reply(HttpStatusCode.OK, Integrations("W", "X"))
            .Reply(HttpStatusCode.NotFound, """{"message":"Invalid integration identifier specified"}""", ("X-Amzn-ErrorType", "NotFoundException"))
            .Reply(HttpStatusCode.OK, Integrations("X"))
            .Reply(HttpStatusCode.OK, Routes("Y"))
            .Reply(HttpStatusCode.OK, Integrations("X", "Y"))
            .Reply(HttpStatusCode.OK, Integrations("X", "Y"))
            .Reply(HttpStatusCode.OK, Routes("Y"))
            .Reply(HttpStatusCode.NoContent);
        var change = new PlannedChange(
            ChangeAction.Create, ResourceKind.RouteIntegration, "route-integration a1/GET /orders", "r1",
            new SetRouteTarget("a1", "r1", null, new CreateIntegration("AWS_PROXY", Uri, "POST", "2.0", Marker), null),
            [], [], null);

        var result = await Applier(handler).ApplyAsync(
            new Plan([new FunctionPlan("orders", "live", FunctionArn, "orders/orders_lambdaeventsourcedef.json", [change], [])], []),
            TestContext.CancellationToken);

        Assert.IsTrue(result.Succeeded, string.Join("\n", result.Diagnostics.Select(d => d.Message)));
        Assert.AreEqual(
            """
            GET /v2/apis/a1/routes
            POST /v2/apis/a1/integrations
            GET /v2/apis/a1/integrations
            PATCH /v2/apis/a1/routes/r1
            GET /v2/apis/a1/integrations
            GET /v2/apis/a1/routes
            GET /v2/apis/a1/integrations
            GET /v2/apis/a1/integrations
            GET /v2/apis/a1/routes
            DELETE /v2/apis/a1/integrations/X
            """,
            string.Join('\n', handler.Requests.Select(r => $"{r.Method} {r.Uri.AbsolutePath}")));
    }

    [TestMethod]
    public async Task A_delete_whose_lost_answer_was_a_refusal_for_an_integration_in_use_is_done_not_failed()
    {
        // The route moves to N; the old integration O is deleted, but a racing run has pointed route r2 at O, so AWS
        // refuses (ConflictException) and that answer is lost. Reading shows O in use: kept, which is what the refusal meant.
        var handler = new FakeHttpHandler()
            .Reply(HttpStatusCode.OK, "{}")
            .Reply(HttpStatusCode.InternalServerError, """{"message":"internal"}""", ("X-Amzn-ErrorType", "InternalServerException"))
            .Reply(HttpStatusCode.OK, Integrations("N", "O"))
            .Reply(HttpStatusCode.OK, """{"items":[{"routeId":"r1","routeKey":"GET /orders","target":"integrations/N"},{"routeId":"r2","routeKey":"GET /other","target":"integrations/O"}]}""");
        var change = new PlannedChange(
            ChangeAction.Update, ResourceKind.RouteIntegration, "route-integration a1/GET /orders", "r1",
            new SetRouteTarget("a1", "r1", "N", null, "O"),
            [], [], null);

        var result = await Applier(handler).ApplyAsync(
            new Plan([new FunctionPlan("orders", "live", FunctionArn, "orders/orders_lambdaeventsourcedef.json", [change], [])], []),
            TestContext.CancellationToken);

        Assert.IsTrue(result.Succeeded, string.Join("\n", result.Diagnostics.Select(d => d.Message)));
        Assert.AreEqual(
            """
            PATCH /v2/apis/a1/routes/r1
            DELETE /v2/apis/a1/integrations/O
            GET /v2/apis/a1/integrations
            GET /v2/apis/a1/routes
            """,
            string.Join('\n', handler.Requests.Select(r => $"{r.Method} {r.Uri.AbsolutePath}")));
    }

    private static string Routes(string? target) =>
        $$"""{"items":[{"routeId":"r1","routeKey":"GET /orders"{{(target is null ? "" : $",\"target\":\"integrations/{target}\"")}}}]}""";

    private static string Integrations(params string[] ids) =>
        $$"""{"items":[{{string.Join(',', ids.Select(id => $$"""{"integrationId":"{{id}}","integrationType":"AWS_PROXY","integrationUri":"{{Uri}}","payloadFormatVersion":"2.0","description":"{{Marker}}"}"""))}}]}""";

    private static Applier Applier(FakeHttpHandler handler)
    {
        var clock = new ManualTimeProvider(AwsTestSetup.DocumentationTime);
        var settings = AwsTestSetup.Settings();
        return new Applier(
            AwsClientSet.Fixed(AwsClients.Create(new HttpClient(handler), settings, clock), settings.Region, "123456789012"),
            new EngineOptions(),
            clock,
            NullLogger.Instance);
    }
}
