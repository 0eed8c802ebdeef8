using System.Net;
using System.Text.Json.Nodes;
using Gitmoxi.LambdaSources.Applying;
using Gitmoxi.LambdaSources.Planning;
using Gitmoxi.LambdaSources.Providers;
using Gitmoxi.LambdaSources.Providers.EventSourceMapping;
using Gitmoxi.LambdaSources.Tests.Aws;
using Microsoft.Extensions.Logging.Abstractions;

namespace Gitmoxi.LambdaSources.Tests.Applying;

/// <summary>Apply paths the emulator cannot provoke on demand: a create whose outcome is unknown, a late landing.</summary>
[TestClass]
public sealed class ApplierTests
{
    private const string FunctionArn = "arn:aws:lambda:us-east-1:123456789012:function:orders:live";
    private const string QueueArn = "arn:aws:sqs:us-east-1:123456789012:orders-queue";

    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public async Task A_create_with_an_unknown_outcome_is_reconciled_by_reading_not_repeated()
    {
        var handler = new FakeHttpHandler()
            .Reply(HttpStatusCode.BadGateway, "<html>bad gateway</html>")
            .Reply(HttpStatusCode.OK, $$"""{ "EventSourceMappings": [ { "UUID": "u-1", "State": "Creating", "EventSourceArn": "{{QueueArn}}", "FunctionArn": "{{FunctionArn}}" } ] }""")
            .Reply(HttpStatusCode.OK, """{ "UUID": "u-1", "State": "Enabled" }""");

        var result = await ApplyCreateAsync(handler);

        var change = result.Functions.Single().Changes.Single();
        Assert.AreEqual(ChangeOutcome.Succeeded, change.Outcome, change.Error);
        Assert.AreEqual("u-1", change.ResultId);
        Assert.AreEqual(
            "POST /2015-03-31/event-source-mappings\n"
            + "GET /2015-03-31/event-source-mappings?EventSourceArn=arn%3Aaws%3Asqs%3Aus-east-1%3A123456789012%3Aorders-queue&FunctionName=arn%3Aaws%3Alambda%3Aus-east-1%3A123456789012%3Afunction%3Aorders%3Alive&MaxItems=10000\n"
            + "GET /2015-03-31/event-source-mappings/u-1",
            string.Join("\n", handler.Requests.Select(r => $"{r.Method} {r.Uri.PathAndQuery}")));
    }

    [TestMethod]
    public async Task A_planned_member_the_typed_request_would_drop_fails_the_change_before_anything_is_sent()
    {
        var handler = new FakeHttpHandler();

        var result = await ApplyCreateAsync(handler, new JsonObject { ["EventSourceArn"] = QueueArn, ["BatchSize"] = 5, ["NotYetModelled"] = 1 });

        var change = result.Functions.Single().Changes.Single();
        Assert.AreEqual(ChangeOutcome.Failed, change.Outcome);
        Assert.AreEqual(
            "the planned request holds NotYetModelled, which this version's CreateEventSourceMappingRequest does not send; nothing was sent", change.Error);
        Assert.IsEmpty(handler.Requests);

        var nested = await ApplyCreateAsync(
            handler, new JsonObject { ["EventSourceArn"] = QueueArn, ["DestinationConfig"] = new JsonObject { ["OnFailure"] = new JsonObject { ["Destination"] = "arn:x", ["Later"] = true } } });

        Assert.AreEqual(
            "the planned request holds DestinationConfig.OnFailure.Later, which this version's CreateEventSourceMappingRequest does not send; nothing was sent",
            nested.Functions.Single().Changes.Single().Error);
        Assert.IsEmpty(handler.Requests);
    }

    [TestMethod]
    public async Task A_create_with_an_unknown_outcome_and_no_mapping_found_is_sent_again()
    {
        var handler = new FakeHttpHandler()
            .Reply(HttpStatusCode.BadGateway, "<html>bad gateway</html>")
            .Reply(HttpStatusCode.OK, """{ "EventSourceMappings": [] }""")
            .Reply(HttpStatusCode.Accepted, """{ "UUID": "u-2", "State": "Creating" }""")
            .Reply(HttpStatusCode.OK, """{ "UUID": "u-2", "State": "Enabled" }""");

        var result = await ApplyCreateAsync(handler);

        var change = result.Functions.Single().Changes.Single();
        Assert.AreEqual(ChangeOutcome.Succeeded, change.Outcome, change.Error);
        Assert.AreEqual("u-2", change.ResultId);
        Assert.AreEqual(
            "POST /2015-03-31/event-source-mappings\n"
            + "GET /2015-03-31/event-source-mappings?EventSourceArn=arn%3Aaws%3Asqs%3Aus-east-1%3A123456789012%3Aorders-queue&FunctionName=arn%3Aaws%3Alambda%3Aus-east-1%3A123456789012%3Afunction%3Aorders%3Alive&MaxItems=10000\n"
            + "POST /2015-03-31/event-source-mappings\n"
            + "GET /2015-03-31/event-source-mappings/u-2",
            string.Join("\n", handler.Requests.Select(r => $"{r.Method} {r.Uri.PathAndQuery}")));
    }

    [TestMethod]
    public async Task A_conflict_after_an_unknown_outcome_is_the_first_create_landing_late_and_is_adopted()
    {
        var handler = new FakeHttpHandler()
            .Reply(HttpStatusCode.BadGateway, "<html>bad gateway</html>")
            .Reply(HttpStatusCode.OK, """{ "EventSourceMappings": [] }""")
            .Reply(HttpStatusCode.Conflict, """{ "__type": "ResourceConflictException", "message": "mapping already exists" }""")
            .Reply(HttpStatusCode.OK, $$"""{ "EventSourceMappings": [ { "UUID": "u-1", "State": "Enabled", "EventSourceArn": "{{QueueArn}}", "FunctionArn": "{{FunctionArn}}" } ] }""")
            .Reply(HttpStatusCode.OK, """{ "UUID": "u-1", "State": "Enabled" }""");

        var result = await ApplyCreateAsync(handler);

        var change = result.Functions.Single().Changes.Single();
        Assert.AreEqual(ChangeOutcome.Succeeded, change.Outcome, change.Error);
        Assert.AreEqual("u-1", change.ResultId);
    }

    [TestMethod]
    public async Task A_create_whose_outcome_stays_unknown_fails_with_the_aws_error_after_bounded_rounds()
    {
        var handler = new FakeHttpHandler();
        for (var round = 0; round < 10; round++)
        {
            handler.Reply(HttpStatusCode.ServiceUnavailable, """{ "__type": "ServiceUnavailable", "message": "try later" }""")
                .Reply(HttpStatusCode.OK, """{ "EventSourceMappings": [] }""");
        }

        var result = await ApplyCreateAsync(handler);

        var change = result.Functions.Single().Changes.Single();
        Assert.AreEqual(ChangeOutcome.Failed, change.Outcome);
        Assert.AreEqual(
            "CreateEventSourceMapping got no clear answer in 10 attempts and the live state shows it did not take effect (last: ServiceUnavailable: try later)",
            change.Error);
        Assert.HasCount(20, handler.Requests);
    }

    private async Task<ApplyResult> ApplyCreateAsync(FakeHttpHandler handler, JsonObject? request = null)
    {
        var lambda = AwsTestSetup.Lambda(handler, out var clock);
        var create = new PlannedChange(
            ChangeAction.Create,
            ResourceKind.EventSourceMapping,
            "event-source-mapping sqs:orders-queue",
            null,
            new CreateMapping(FunctionArn, request ?? new JsonObject { ["EventSourceArn"] = QueueArn, ["FunctionName"] = FunctionArn, ["BatchSize"] = 5 }),
            [new FieldDiff("BatchSize", null, "5")],
            [],
            null);
        var plan = new Plan([new FunctionPlan("orders", "live", FunctionArn, "orders/orders_lambdaeventsourcedef.json", [create], [])], []);
        var unused = new FakeHttpHandler();
        var clients = AwsClients.Create(new HttpClient(unused), AwsTestSetup.Settings()) with { Lambda = lambda };
        return await new Applier(AwsClientSet.Fixed(clients, "us-east-1", "123456789012"), new EngineOptions(), clock, NullLogger.Instance)
            .ApplyAsync(plan, TestContext.CancellationToken);
    }
}
