using System.Text.Json.Nodes;
using Gitmoxi.TestSupport;

namespace Gitmoxi.LambdaSources.Tests.EmulatorBehavior;

/// <summary>The fixture's own endpoints: request counting, reset and seeding.</summary>
[TestClass]
public sealed class EmulatorControlTests(TestContext testContext)
{
    private static Emulator emulator = null!;

    private CancellationToken Cancellation => testContext.CancellationToken;

    [ClassInitialize]
    public static async Task ClassInitialize(TestContext context) => emulator = await Emulator.StartAsync(context.CancellationToken);

    [ClassCleanup]
    public static async Task ClassCleanup() => await emulator.DisposeAsync();

    [TestInitialize]
    public async Task TestInitialize() => await emulator.ResetAsync(Cancellation);

    [TestMethod]
    public async Task Requests_are_counted_per_operation_as_reads_or_writes()
    {
        var world = await emulator.SeedAsync(Cancellation);
        var mapping = new JsonObject { ["FunctionName"] = "orders", ["EventSourceArn"] = world.Queues["orders-queue"] };

        await emulator.SendJsonAsync("lambda", HttpMethod.Post, "/2015-03-31/event-source-mappings", mapping, Cancellation);
        await emulator.SendJsonAsync("lambda", HttpMethod.Get, "/2015-03-31/event-source-mappings?FunctionName=orders", null, Cancellation);
        await emulator.SendJsonAsync("lambda", HttpMethod.Get, "/2015-03-31/functions/orders/policy", null, Cancellation);
        await emulator.SendJsonAsync("apigateway", HttpMethod.Get, "/v2/apis", null, Cancellation);
        await emulator.SendFormAsync("elasticloadbalancing", "Action=DescribeTargetGroups&Version=2015-12-01", Cancellation);
        await emulator.SendFormAsync(null, "Action=AssumeRoleWithWebIdentity&Version=2011-06-15&RoleArn=arn:aws:iam::123456789012:role/gha&RoleSessionName=s&WebIdentityToken=t", Cancellation);
        await emulator.SendJsonAsync("lambda", HttpMethod.Get, "/2015-03-31/event-source-mappings", null, Cancellation);
        var counts = await emulator.GetRequestCountsAsync(Cancellation);

        CollectionAssert.AreEqual(
            new[]
            {
                new OperationCount("lambda:CreateEventSourceMapping", 1, IsWrite: true),
                new OperationCount("lambda:ListEventSourceMappings", 2, IsWrite: false),
                new OperationCount("lambda:GetPolicy", 1, IsWrite: false),
                new OperationCount("apigateway:GetApis", 1, IsWrite: false),
                new OperationCount("elasticloadbalancing:DescribeTargetGroups", 1, IsWrite: false),
                new OperationCount("sts:AssumeRoleWithWebIdentity", 1, IsWrite: true),
            },
            counts.Operations.ToList());
        Assert.AreEqual((5, 2), (counts.Reads, counts.Writes));
        Assert.AreEqual("lambda:CreateEventSourceMapping,sts:AssumeRoleWithWebIdentity", string.Join(',', counts.WriteOperations));
    }

    [TestMethod]
    public async Task Reset_wipes_moto_state_mappings_counts_and_configuration()
    {
        var world = await emulator.SeedAsync(Cancellation);
        await CreateMappingAsync(world);
        await emulator.ConfigureAsync(EmulatorConfiguration.Default with { Corrections = false }, Cancellation);

        await emulator.ResetAsync(Cancellation);

        Assert.IsEmpty((await emulator.GetRequestCountsAsync(Cancellation)).Operations);
        var mappings = await emulator.SendJsonAsync("lambda", HttpMethod.Get, "/2015-03-31/event-source-mappings", null, Cancellation);
        var function = await emulator.SendJsonAsync("lambda", HttpMethod.Get, "/2015-03-31/functions/orders", null, Cancellation);
        Assert.AreEqual("""{"EventSourceMappings":[]}""", mappings.Json!.ToJsonString());
        Assert.AreEqual(404, function.StatusCode);
        // Corrections are back on: plain moto would answer CreateEventSourceMapping with 201, not AWS's 202.
        Assert.AreEqual(202, (await CreateMappingAsync(await emulator.SeedAsync(Cancellation))).StatusCode);
    }

    [TestMethod]
    public async Task Seed_creates_role_functions_with_versions_and_aliases_queues_streams_and_tables()
    {
        var world = await emulator.SeedAsync(JsonNode.Parse("""
            {"functions":[{"name":"billing","versions":1,"aliases":{"prod":"1"}}],"queues":["jobs.fifo"],"streams":[],"tables":["ledger"]}
            """)!.AsObject(), Cancellation);

        Assert.AreEqual("arn:aws:iam::123456789012:role/gitmoxi-lambda-role", world.RoleArn);
        var billing = world.Functions["billing"];
        Assert.AreEqual(
            ("arn:aws:lambda:us-east-1:123456789012:function:billing", "arn:aws:lambda:us-east-1:123456789012:function:billing:1", "arn:aws:lambda:us-east-1:123456789012:function:billing:prod"),
            (billing.Arn, billing.Versions["1"], billing.Aliases["prod"]));
        Assert.AreEqual("arn:aws:sqs:us-east-1:123456789012:jobs.fifo", world.Queues["jobs.fifo"]);
        Assert.IsEmpty(world.Streams);
        StringAssert.StartsWith(world.Tables["ledger"].StreamArn, "arn:aws:dynamodb:us-east-1:123456789012:table/ledger/stream/");
        Assert.AreEqual(0, (await emulator.GetRequestCountsAsync(Cancellation)).Operations.Count);

        var alias = await emulator.AwsCliAsync(["lambda", "get-alias", "--function-name", "billing", "--name", "prod"], Cancellation);
        Assert.AreEqual("1", (string)alias!["FunctionVersion"]!);
    }

    private async Task<EmulatorResponse> CreateMappingAsync(SeededWorld world)
    {
        var mapping = new JsonObject { ["FunctionName"] = "orders", ["EventSourceArn"] = world.Queues["orders-queue"] };
        return await emulator.SendJsonAsync("lambda", HttpMethod.Post, "/2015-03-31/event-source-mappings", mapping, Cancellation);
    }
}
