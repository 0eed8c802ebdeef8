using System.Text.Json.Nodes;
using Gitmoxi.TestSupport;

// Not "...Tests.Emulator": a namespace of that name would hide the Emulator type from every test namespace beside it.
namespace Gitmoxi.LambdaSources.Tests.EmulatorBehavior;

/// <summary>Each test shows one place where the launcher corrects moto to the documented Lambda ESM API
/// (letters as in tests/Gitmoxi.TestSupport/README.md). Setup goes over raw HTTP; the AWS CLI observes.</summary>
[TestClass]
public sealed class EventSourceMappingCorrectionsTests(TestContext testContext) : EmulatorFixture<EventSourceMappingCorrectionsTests>
{
    private const string MappingsPath = "/2015-03-31/event-source-mappings";
    private SeededWorld world = null!;

    private CancellationToken Cancellation => testContext.CancellationToken;

    private string OrdersArn => world.Functions["orders"].Arn;

    private string LiveArn => world.Functions["orders"].Aliases["live"];

    private string Queue => world.Queues["orders-queue"];

    [TestInitialize]
    public async Task TestInitialize()
    {
        await emulator.ConfigureAsync(EmulatorConfiguration.Instant, Cancellation);
        world = await emulator.SeedAsync(Cancellation);
    }

    [TestMethod]
    public async Task A_list_pages_with_MaxItems_and_NextMarker()
    {
        string[] qualifiers = ["orders", "orders:live", "orders:beta", "orders:1", "orders:2"];
        var created = new List<string>();
        foreach (var function in qualifiers)
        {
            created.Add((string)(await CreateAsync(new JsonObject { ["FunctionName"] = function, ["EventSourceArn"] = Queue }))["UUID"]!);
        }

        var listed = new List<string>();
        string? marker = null;
        do
        {
            var query = marker is null ? "?MaxItems=2" : $"?MaxItems=2&Marker={Uri.EscapeDataString(marker)}";
            var page = (await SendAsync(HttpMethod.Get, MappingsPath + query)).Json!;
            Assert.IsLessThanOrEqualTo(2, page["EventSourceMappings"]!.AsArray().Count);
            listed.AddRange(page["EventSourceMappings"]!.AsArray().Select(m => (string)m!["UUID"]!));
            marker = (string?)page["NextMarker"];
        }
        while (marker is not null);

        CollectionAssert.AreEqual(created, listed);
        var outOfRange = await SendAsync(HttpMethod.Get, MappingsPath + "?MaxItems=0");
        Assert.AreEqual((400, "ValidationException"), (outOfRange.StatusCode, outOfRange.ErrorType));

        await emulator.ResetRequestCountsAsync(Cancellation);
        var all = await emulator.AwsCliAsync(["lambda", "list-event-source-mappings", "--page-size", "2"], Cancellation);
        Assert.HasCount(5, all!["EventSourceMappings"]!.AsArray());
        Assert.AreEqual(3, (await emulator.GetRequestCountsAsync(Cancellation)).Count("lambda:ListEventSourceMappings"));
    }

    [TestMethod]
    public async Task B_function_filter_matches_every_name_form_of_the_same_qualified_function()
    {
        var unqualified = (string)(await CreateAsync(new JsonObject { ["FunctionName"] = "orders", ["EventSourceArn"] = Queue }))["UUID"]!;
        var live = (string)(await CreateAsync(new JsonObject { ["FunctionName"] = LiveArn, ["EventSourceArn"] = Queue }))["UUID"]!;

        string[] unqualifiedForms = ["orders", $"{Emulator.AccountId}:function:orders", OrdersArn];
        string[] liveForms = ["orders:live", $"{Emulator.AccountId}:function:orders:live", LiveArn];
        foreach (var form in unqualifiedForms)
        {
            CollectionAssert.AreEqual(new[] { unqualified }, await ListUuidsAsync(form), form);
        }

        foreach (var form in liveForms)
        {
            CollectionAssert.AreEqual(new[] { live }, await ListUuidsAsync(form), form);
        }
    }

    [TestMethod]
    public async Task C_mappings_pass_through_transitional_states_and_refuse_changes_meanwhile()
    {
        var holdTransitions = EmulatorConfiguration.Default with { StateTransitionDelay = TimeSpan.FromMinutes(5) };
        await emulator.ConfigureAsync(holdTransitions, Cancellation);
        var created = await CreateAsync(new JsonObject { ["FunctionName"] = "orders", ["EventSourceArn"] = Queue });
        var uuid = (string)created["UUID"]!;
        Assert.AreEqual("Creating", (string)created["State"]!);

        var update = await emulator.RunAwsCliAsync(["lambda", "update-event-source-mapping", "--uuid", uuid, "--batch-size", "5"], Cancellation);
        Assert.AreEqual("ResourceInUseException", update.ErrorCode, update.StandardError);
        var delete = await SendAsync(HttpMethod.Delete, $"{MappingsPath}/{uuid}");
        Assert.AreEqual((400, "ResourceInUseException"), (delete.StatusCode, delete.ErrorType));

        Assert.AreEqual("Enabled", await SettledStateAsync(uuid, holdTransitions));
        Assert.AreEqual("Updating", (string)(await UpdateAsync(uuid, new JsonObject { ["BatchSize"] = 5 }))["State"]!);
        Assert.AreEqual("Enabled", await SettledStateAsync(uuid, holdTransitions));
        Assert.AreEqual("Disabling", (string)(await UpdateAsync(uuid, new JsonObject { ["Enabled"] = false }))["State"]!);
        Assert.AreEqual("Disabled", await SettledStateAsync(uuid, holdTransitions));

        var deleting = await SendAsync(HttpMethod.Delete, $"{MappingsPath}/{uuid}");
        Assert.AreEqual((202, "Deleting"), (deleting.StatusCode, (string)deleting.Json!["State"]!));
        Assert.AreEqual("Deleting", (string)(await SendAsync(HttpMethod.Get, $"{MappingsPath}/{uuid}")).Json!["State"]!);
        await emulator.ConfigureAsync(EmulatorConfiguration.Instant, Cancellation);
        Assert.AreEqual(404, (await SendAsync(HttpMethod.Get, $"{MappingsPath}/{uuid}")).StatusCode);
    }

    [TestMethod]
    public async Task D_second_mapping_of_a_source_to_the_same_qualified_function_is_a_conflict()
    {
        var first = (string)(await CreateAsync(new JsonObject { ["FunctionName"] = "orders:live", ["EventSourceArn"] = Queue }))["UUID"]!;
        var stream = world.Streams["orders-stream"];
        var kinesis = (string)(await CreateAsync(new JsonObject { ["FunctionName"] = "orders", ["EventSourceArn"] = stream, ["StartingPosition"] = "LATEST" }))["UUID"]!;

        var sameQueue = await emulator.RunAwsCliAsync(["lambda", "create-event-source-mapping", "--function-name", LiveArn, "--event-source-arn", Queue], Cancellation);
        var sameStream = await SendAsync(HttpMethod.Post, MappingsPath, new JsonObject { ["FunctionName"] = OrdersArn, ["EventSourceArn"] = stream, ["StartingPosition"] = "TRIM_HORIZON" });

        Assert.AreEqual("ResourceConflictException", sameQueue.ErrorCode, sameQueue.StandardError);
        StringAssert.Contains(sameQueue.StandardError, $"already exists. Please update or delete the existing mapping with UUID {first}");
        Assert.AreEqual(409, sameStream.StatusCode);
        Assert.AreEqual(
            $"The event source arn (\" {stream} \") and function (\" orders \") provided mapping already exists. Please update or delete the existing mapping with UUID {kinesis}",
            (string)sameStream.Json!["message"]!);
    }

    [TestMethod]
    public async Task E_FunctionArn_keeps_the_alias_qualifier()
    {
        var byName = await CreateAsync(new JsonObject { ["FunctionName"] = "orders:live", ["EventSourceArn"] = Queue });

        var observed = await emulator.AwsCliAsync(["lambda", "get-event-source-mapping", "--uuid", (string)byName["UUID"]!], Cancellation);

        Assert.AreEqual(LiveArn, (string)byName["FunctionArn"]!);
        Assert.AreEqual(LiveArn, (string)observed!["FunctionArn"]!);
    }

    [TestMethod]
    public async Task F_tags_come_from_ListTags_only()
    {
        var created = await CreateAsync(new JsonObject { ["FunctionName"] = "orders", ["EventSourceArn"] = Queue, ["Tags"] = new JsonObject { ["owner"] = "gitmoxi" } });
        var arn = (string)created["EventSourceMappingArn"]!;

        var tagged = await SendAsync(HttpMethod.Post, $"/2017-03-31/tags/{arn}", new JsonObject { ["Tags"] = new JsonObject { ["team"] = "a" } });
        var tags = await emulator.AwsCliAsync(["lambda", "list-tags", "--resource", arn], Cancellation);
        var listed = (await SendAsync(HttpMethod.Get, MappingsPath)).Json!["EventSourceMappings"]![0]!.AsObject();

        Assert.IsFalse(created.AsObject().ContainsKey("Tags"));
        Assert.IsFalse(listed.ContainsKey("Tags"));
        Assert.AreEqual(204, tagged.StatusCode);
        Assert.AreEqual("""{"owner":"gitmoxi","team":"a"}""", tags!["Tags"]!.ToJsonString());
    }

    [TestMethod]
    public async Task G_unknown_uuid_is_404_and_status_codes_follow_the_api_reference()
    {
        const string unknown = "00000000-0000-0000-0000-000000000000";
        var get = await SendAsync(HttpMethod.Get, $"{MappingsPath}/{unknown}");
        var update = await SendAsync(HttpMethod.Put, $"{MappingsPath}/{unknown}", new JsonObject { ["BatchSize"] = 5 });
        var delete = await SendAsync(HttpMethod.Delete, $"{MappingsPath}/{unknown}");
        var create = await SendAsync(HttpMethod.Post, MappingsPath, new JsonObject { ["FunctionName"] = "orders", ["EventSourceArn"] = Queue });
        var uuid = (string)create.Json!["UUID"]!;
        var updated = await SendAsync(HttpMethod.Put, $"{MappingsPath}/{uuid}", new JsonObject { ["BatchSize"] = 5 });
        var deleted = await SendAsync(HttpMethod.Delete, $"{MappingsPath}/{uuid}");

        foreach (var response in new[] { get, update, delete })
        {
            Assert.AreEqual((404, "ResourceNotFoundException"), (response.StatusCode, response.ErrorType), response.Body);
            Assert.AreEqual("The resource you requested does not exist.", (string)response.Json!["message"]!);
        }

        Assert.AreEqual((202, 202, 202), (create.StatusCode, updated.StatusCode, deleted.StatusCode));
    }

    [TestMethod]
    public async Task H_kafka_mq_and_documentdb_mappings_are_served_with_aws_defaults()
    {
        const string cluster = "arn:aws:kafka:us-east-1:123456789012:cluster/orders/5d5e7a6c-1111-2222-3333-444455556666-1";
        var msk = await CreateAsync(new JsonObject { ["FunctionName"] = "orders:live", ["EventSourceArn"] = cluster, ["Topics"] = new JsonArray("orders"), ["StartingPosition"] = "LATEST" });
        var selfManaged = await CreateAsync(new JsonObject
        {
            ["FunctionName"] = "orders:live",
            ["SelfManagedEventSource"] = JsonNode.Parse("""{"Endpoints":{"KAFKA_BOOTSTRAP_SERVERS":["b-1.example:9092"]}}"""),
            ["Topics"] = new JsonArray("orders"),
            ["StartingPosition"] = "TRIM_HORIZON",
            ["SelfManagedKafkaEventSourceConfig"] = new JsonObject { ["ConsumerGroupId"] = "orders-group" },
        });
        var mq = await CreateAsync(new JsonObject { ["FunctionName"] = "orders", ["EventSourceArn"] = "arn:aws:mq:us-east-1:123456789012:broker:orders:b-1234", ["Queues"] = new JsonArray("orders") });
        var docdb = await CreateAsync(new JsonObject
        {
            ["FunctionName"] = "orders",
            ["EventSourceArn"] = "arn:aws:rds:us-east-1:123456789012:cluster:orders-docdb",
            ["StartingPosition"] = "LATEST",
            ["DocumentDBEventSourceConfig"] = new JsonObject { ["DatabaseName"] = "shop", ["CollectionName"] = "orders" },
        });
        var duplicate = await SendAsync(HttpMethod.Post, MappingsPath, new JsonObject { ["FunctionName"] = LiveArn, ["EventSourceArn"] = cluster, ["Topics"] = new JsonArray("orders"), ["StartingPosition"] = "LATEST" });

        var listed = (await emulator.AwsCliAsync(["lambda", "list-event-source-mappings"], Cancellation))!["EventSourceMappings"]!.AsArray();

        CollectionAssert.AreEqual(
            new[] { (string)msk["UUID"]!, (string)selfManaged["UUID"]!, (string)mq["UUID"]!, (string)docdb["UUID"]! },
            listed.Select(m => (string)m!["UUID"]!).ToList());
        Assert.IsTrue(listed.All(m => (int)m!["BatchSize"]! == 100));
        Assert.AreEqual((string)msk["UUID"]!, (string)listed[0]!["AmazonManagedKafkaEventSourceConfig"]!["ConsumerGroupId"]!);
        Assert.AreEqual(("""["orders"]""", LiveArn), (listed[0]!["Topics"]!.ToJsonString(), (string)listed[0]!["FunctionArn"]!));
        Assert.AreEqual("orders-group", (string)listed[1]!["SelfManagedKafkaEventSourceConfig"]!["ConsumerGroupId"]!);
        Assert.IsFalse(listed[1]!.AsObject().ContainsKey("EventSourceArn"));
        Assert.AreEqual("""["orders"]""", listed[2]!["Queues"]!.ToJsonString());
        Assert.AreEqual("shop", (string)listed[3]!["DocumentDBEventSourceConfig"]!["DatabaseName"]!);
        Assert.AreEqual(409, duplicate.StatusCode);
    }

    [TestMethod]
    public async Task I_omitted_fields_come_back_with_the_values_aws_fills_in()
    {
        var kinesis = await CreateAsync(new JsonObject { ["FunctionName"] = "orders", ["EventSourceArn"] = world.Streams["orders-stream"], ["StartingPosition"] = "LATEST" });
        var sqs = await CreateAsync(new JsonObject { ["FunctionName"] = "orders", ["EventSourceArn"] = Queue });

        Assert.AreEqual(
            """{"BatchSize":100,"MaximumBatchingWindowInSeconds":0,"FunctionResponseTypes":[],"MaximumRecordAgeInSeconds":-1,"MaximumRetryAttempts":-1,"ParallelizationFactor":1,"BisectBatchOnFunctionError":false,"TumblingWindowInSeconds":0}""",
            Pick(kinesis, "BatchSize", "MaximumBatchingWindowInSeconds", "FunctionResponseTypes", "MaximumRecordAgeInSeconds", "MaximumRetryAttempts", "ParallelizationFactor", "BisectBatchOnFunctionError", "TumblingWindowInSeconds"));
        Assert.AreEqual(
            """{"BatchSize":10,"MaximumBatchingWindowInSeconds":0,"FunctionResponseTypes":[]}""",
            Pick(sqs, "BatchSize", "MaximumBatchingWindowInSeconds", "FunctionResponseTypes"));
    }

    [TestMethod]
    public async Task J_requests_aws_rejects_are_400s_not_moto_500s_or_silent_defaults()
    {
        var fifo = world.Queues["orders-queue.fifo"];
        var noStartingPosition = await SendAsync(HttpMethod.Post, MappingsPath, new JsonObject { ["FunctionName"] = "orders", ["EventSourceArn"] = world.Streams["orders-stream"] });
        var bigBatchWithoutWindow = await SendAsync(HttpMethod.Post, MappingsPath, new JsonObject { ["FunctionName"] = "orders", ["EventSourceArn"] = Queue, ["BatchSize"] = 50 });
        var bigFifoBatch = await SendAsync(HttpMethod.Post, MappingsPath, new JsonObject { ["FunctionName"] = "orders", ["EventSourceArn"] = fifo, ["BatchSize"] = 11, ["MaximumBatchingWindowInSeconds"] = 1 });
        var msk = await CreateAsync(new JsonObject
        {
            ["FunctionName"] = "orders",
            ["EventSourceArn"] = "arn:aws:kafka:us-east-1:123456789012:cluster/orders/abc-1",
            ["Topics"] = new JsonArray("orders"),
            ["StartingPosition"] = "LATEST",
        });
        var newGroup = await SendAsync(HttpMethod.Put, $"{MappingsPath}/{(string)msk["UUID"]!}", new JsonObject { ["AmazonManagedKafkaEventSourceConfig"] = new JsonObject { ["ConsumerGroupId"] = "other" } });

        foreach (var response in new[] { noStartingPosition, bigBatchWithoutWindow, bigFifoBatch, newGroup })
        {
            Assert.AreEqual((400, "InvalidParameterValueException"), (response.StatusCode, response.ErrorType), response.Body);
        }

        StringAssert.Contains((string)bigBatchWithoutWindow.Json!["message"]!, "Maximum batch window in seconds must be greater than 0");
    }

    private static string Pick(JsonNode configuration, params string[] names)
    {
        var picked = new JsonObject();
        foreach (var name in names)
        {
            picked[name] = configuration[name]?.DeepClone();
        }

        return picked.ToJsonString();
    }

    private async Task<EmulatorResponse> SendAsync(HttpMethod method, string pathAndQuery, JsonObject? body = null) =>
        await emulator.SendJsonAsync("lambda", method, pathAndQuery, body, Cancellation);

    private async Task<JsonNode> CreateAsync(JsonObject request)
    {
        var response = await SendAsync(HttpMethod.Post, MappingsPath, request);
        Assert.AreEqual(202, response.StatusCode, response.Body);
        return response.Json!;
    }

    private async Task<JsonNode> UpdateAsync(string uuid, JsonObject request)
    {
        var response = await SendAsync(HttpMethod.Put, $"{MappingsPath}/{uuid}", request);
        Assert.AreEqual(202, response.StatusCode, response.Body);
        return response.Json!;
    }

    private async Task<List<string>> ListUuidsAsync(string functionName)
    {
        var page = (await SendAsync(HttpMethod.Get, $"{MappingsPath}?FunctionName={Uri.EscapeDataString(functionName)}")).Json!;
        return page["EventSourceMappings"]!.AsArray().Select(m => (string)m!["UUID"]!).ToList();
    }

    /// <summary>Lets the held transition finish (delay 0 settles it on the next call), then holds the next one again.</summary>
    private async Task<string> SettledStateAsync(string uuid, EmulatorConfiguration holdTransitions)
    {
        await emulator.ConfigureAsync(EmulatorConfiguration.Instant, Cancellation);
        var state = (string)(await SendAsync(HttpMethod.Get, $"{MappingsPath}/{uuid}")).Json!["State"]!;
        await emulator.ConfigureAsync(holdTransitions, Cancellation);
        return state;
    }
}
