using System.Net;
using Gitmoxi.LambdaSources.Applying;
using Gitmoxi.LambdaSources.Diagnostics;
using Gitmoxi.LambdaSources.Planning;
using Gitmoxi.LambdaSources.Providers;
using Gitmoxi.LambdaSources.Providers.Permission;
using Gitmoxi.LambdaSources.Providers.TargetRegistration;
using Gitmoxi.LambdaSources.Tests.Aws;
using Microsoft.Extensions.Logging.Abstractions;

namespace Gitmoxi.LambdaSources.Tests.Applying;

/// <summary>Apply behaviour AWS shows and the emulator cannot: a full policy, and a registration refused until a new permission propagates.</summary>
[TestClass]
public sealed class PushSourceApplierTests
{
    private const string FunctionArn = "arn:aws:lambda:us-east-1:123456789012:function:orders:live";
    private const string TargetGroupArn = "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/orders-tg/0123456789abcdef";

    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public async Task A_full_policy_fails_the_change_with_a_coded_diagnostic_and_advice()
    {
        var handler = new FakeHttpHandler().Reply(
            HttpStatusCode.BadRequest, """{"message":"The final policy size (20540) is bigger than the limit (20480)."}""", ("X-Amzn-ErrorType", "PolicyLengthExceededException"));
        var permission = new PlannedChange(
            ChangeAction.Create, ResourceKind.Permission, "permission live/gitmoxi-apigw-a1-r1", null,
            new AddStatement(new PermissionStatement(
                "arn:aws:lambda:us-east-1:123456789012:function:orders",
                "live",
                "gitmoxi-apigw-a1-r1",
                "apigateway.amazonaws.com",
                "arn:aws:execute-api:us-east-1:123456789012:a1/*/GET/orders")),
            [], [], null);

        var result = await Applier(handler, out _).ApplyAsync(PlanOf(permission), TestContext.CancellationToken);

        var diagnostic = result.Diagnostics.Single();
        Assert.AreEqual(DiagnosticCodes.PolicyTooLarge, diagnostic.Code);
        Assert.AreEqual(
            "permission live/gitmoxi-apigw-a1-r1: PolicyLengthExceededException: the resource policy of arn:aws:lambda:us-east-1:123456789012:function:orders:live is full "
            + "(Lambda limits it to 20 KB). Wire fewer routes to this function, or replace per-route permissions with one API-wide permission "
            + "(SourceArn arn:aws:execute-api:REGION:ACCOUNT:API_ID/*) that you manage yourself.",
            diagnostic.Message);
    }

    [TestMethod]
    public async Task Registration_refused_while_the_new_permission_propagates_is_retried()
    {
        const string Denied = """<ErrorResponse><Error><Code>AccessDenied</Code><Message>elasticloadbalancing principal does not have permission to invoke</Message></Error></ErrorResponse>""";
        var handler = new FakeHttpHandler()
            .Reply(HttpStatusCode.Forbidden, Denied)
            .Reply(HttpStatusCode.Forbidden, Denied)
            .Reply(HttpStatusCode.OK, "<RegisterTargetsResponse/>");
        var registration = new PlannedChange(
            ChangeAction.Create, ResourceKind.TargetRegistration, "target-registration elb:orders-tg", null,
            new RegisterTarget(TargetGroupArn, FunctionArn, []),
            [], [], null);

        var result = await Applier(handler, out var clock).ApplyAsync(PlanOf(registration), TestContext.CancellationToken);

        Assert.IsTrue(result.Succeeded);
        Assert.HasCount(3, handler.Requests);
        // The shared backoff: full jitter under a ceiling that doubles from 500 ms.
        Assert.HasCount(2, clock.Delays);
        Assert.IsTrue(clock.Delays[0] < TimeSpan.FromMilliseconds(500) && clock.Delays[1] < TimeSpan.FromSeconds(1), string.Join(", ", clock.Delays));
    }

    private static Plan PlanOf(PlannedChange change) =>
        new([new FunctionPlan("orders", "live", FunctionArn, "orders/orders_lambdaeventsourcedef.json", [change], [])], []);

    private static Applier Applier(FakeHttpHandler handler, out ManualTimeProvider clock)
    {
        clock = new ManualTimeProvider(AwsTestSetup.DocumentationTime);
        var http = new HttpClient(handler);
        var settings = AwsTestSetup.Settings();
        var clients = AwsClients.Create(http, settings, clock);
        return new Applier(
            AwsClientSet.Fixed(clients, settings.Region, "123456789012"),
            new EngineOptions(),
            clock,
            NullLogger.Instance);
    }
}
