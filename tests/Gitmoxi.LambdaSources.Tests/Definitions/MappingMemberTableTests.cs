using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Gitmoxi.LambdaSources.Aws.Lambda;
using Gitmoxi.LambdaSources.Definitions;
using Gitmoxi.LambdaSources.Planning;
using Gitmoxi.LambdaSources.Tests.Aws;

namespace Gitmoxi.LambdaSources.Tests.Definitions;

/// <summary>
/// The one member table (<see cref="MappingMemberCatalog.Members"/>) against everything else that states the same facts:
/// the request types and what the client sends, the planner's rules, botocore's model, and the emulator's defaults.
/// (The JSON Schema is compared with it in <see cref="CatalogSchemaTests"/>.)
/// </summary>
[TestClass]
public sealed class MappingMemberTableTests
{
    private static readonly Dictionary<EventSourceKind, string> EmulatorKinds = new()
    {
        [EventSourceKind.Sqs] = "sqs",
        [EventSourceKind.Kinesis] = "kinesis",
        [EventSourceKind.DynamoDbStream] = "dynamodb",
        [EventSourceKind.Msk] = "kafka",
        [EventSourceKind.SelfManagedKafka] = "kafka-self-managed",
        [EventSourceKind.MQ] = "mq",
        [EventSourceKind.DocumentDb] = "docdb",
    };

    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public async Task Every_table_member_reaches_the_wire_on_create()
    {
        var sample = new JsonObject([.. MappingMemberCatalog.Members.Select(m => KeyValuePair.Create(m.Name, (JsonNode?)Sample(m.Shape)))]);
        var handler = new FakeHttpHandler().Reply(HttpStatusCode.Accepted, "{}");

        await AwsTestSetup.Lambda(handler).CreateEventSourceMappingAsync(
            sample.Deserialize(LambdaJsonContext.Default.CreateEventSourceMappingRequest)!, TestContext.CancellationToken);

        Assert.AreEqual(Lost(sample, JsonNode.Parse(handler.Requests.Single().Body)!.AsObject()), string.Empty);
    }

    [TestMethod]
    public async Task Every_member_that_is_not_create_only_reaches_the_wire_on_update()
    {
        var sample = new JsonObject([.. MappingMemberCatalog.Members.Where(m => !m.CreateOnly).Select(m => KeyValuePair.Create(m.Name, (JsonNode?)Sample(m.Shape)))]);
        var request = sample.Deserialize(LambdaJsonContext.Default.UpdateEventSourceMappingRequest)!;
        request.UUID = "uuid";
        var handler = new FakeHttpHandler().Reply(HttpStatusCode.Accepted, "{}");

        await AwsTestSetup.Lambda(handler).UpdateEventSourceMappingAsync(request, TestContext.CancellationToken);

        Assert.AreEqual(Lost(sample, JsonNode.Parse(handler.Requests.Single().Body)!.AsObject()), string.Empty);
    }

    [TestMethod]
    public void Planner_rules_are_the_table_in_order_without_the_members_it_compares_itself()
    {
        Assert.AreEqual(
            string.Join(' ', MappingMemberCatalog.Members.Select(m => m.Name).Where(n => n is not "FunctionName" and not "Tags")),
            string.Join(' ', MappingFields.Rules.Select(r => r.Name)));
        Assert.AreEqual(
            "EventSourceArn StartingPosition StartingPositionTimestamp Topics Queues SelfManagedEventSource",
            string.Join(' ', MappingFields.Rules.Where(r => r.CreateOnly).Select(r => r.Name)));
    }

    [TestMethod]
    public async Task Table_agrees_with_botocores_model_of_create_and_update()
    {
        var model = await Botocore.RunAsync(
            "botocore_model.py",
            new JsonObject { ["service"] = "lambda", ["operations"] = new JsonArray("CreateEventSourceMapping", "UpdateEventSourceMapping") },
            TestContext.CancellationToken);

        var differences = new List<string>();
        Compare(MappingMemberCatalog.Mapping, model["CreateEventSourceMapping"]!.AsObject(), "Create", differences);
        var updatable = model["UpdateEventSourceMapping"]!["members"]!.AsObject().Select(p => p.Key).Where(n => n != "UUID").ToHashSet();
        foreach (var member in MappingMemberCatalog.Members.Where(m => m.CreateOnly == updatable.Contains(m.Name)))
        {
            differences.Add($"{member.Name}: table says create-only {member.CreateOnly}, UpdateEventSourceMapping {(updatable.Contains(member.Name) ? "takes" : "does not take")} it");
        }

        // The table's deliberate departures from the model: ARN patterns widened to the ISO and EUSC regions; FunctionName
        // checked by FunctionReference instead; a filter pattern is checked as a JSON object (the model's '.*' would refuse
        // a multi-line one); tag limits from Lambda's documentation, which the model leaves out.
        Assert.AreEqual(
            """
            Create.EventSourceArn: pattern differs
            Create.FunctionName: pattern differs
            Create.FilterCriteria.Filters[].Pattern: pattern differs
            Create.DestinationConfig.OnSuccess.Destination: pattern differs
            Create.DestinationConfig.OnFailure.Destination: pattern differs
            Create.Tags{key}: min 1, model none
            Create.Tags{key}: max 128, model none
            Create.Tags{}: max 256, model none
            Create.AmazonManagedKafkaEventSourceConfig.SchemaRegistryConfig.AccessConfigs[].URI: pattern differs
            Create.SelfManagedKafkaEventSourceConfig.SchemaRegistryConfig.AccessConfigs[].URI: pattern differs
            """,
            string.Join('\n', differences));
    }

    [TestMethod]
    public async Task Emulator_fills_in_the_table_defaults()
    {
        var launcher = Path.Combine(AppContext.BaseDirectory, "emulator");
        var emulator = await Botocore.RunAsync("emulator_defaults.py", new JsonObject(), TestContext.CancellationToken, launcher);

        var differences = new List<string>();
        foreach (var (kind, name) in EmulatorKinds)
        {
            foreach (var (member, value) in emulator[name]!.AsObject())
            {
                var row = MappingMemberCatalog.Members.Single(m => m.Name == member);
                if (row.Compare == FieldShape.DeclaredMembers)
                {
                    continue; // AWS generates the Kafka ConsumerGroupId; the planner compares only declared members.
                }

                var tableDefault = row.Default?.Invoke(kind);
                if (!row.Spec.IsAllowedFor(kind) || tableDefault is null || !JsonNode.DeepEquals(JsonNode.Parse(tableDefault), value))
                {
                    differences.Add($"{kind} {member}: emulator {value?.ToJsonString()}, table {tableDefault ?? "none"}{(row.Spec.IsAllowedFor(kind) ? "" : " (not allowed)")}");
                }
            }
        }

        Assert.AreEqual(string.Empty, string.Join('\n', differences));
    }

    private static string Lost(JsonObject sample, JsonObject sent) =>
        string.Join('\n', sample
            .Where(p => !JsonNode.DeepEquals(p.Value, sent[p.Key]))
            .Select(p => $"{p.Key}: table sample {p.Value?.ToJsonString()}, sent {sent[p.Key]?.ToJsonString() ?? "nothing"}"));

    /// <summary>A value of the shape with every member present, so a member the request type lacks is noticed.</summary>
    private static JsonNode Sample(Shape shape) => shape switch
    {
        StringShape { Enum: [var first, ..] } => JsonValue.Create(first),
        StringShape { Format: StringFormat.Arn } => JsonValue.Create("arn:aws:sqs:us-east-1:123456789012:q"),
        StringShape { Format: StringFormat.JsonObject } => JsonValue.Create("{\"body\":[1]}"),
        StringShape s => JsonValue.Create(new string('x', Math.Max(1, s.MinLength))),
        IntegerShape i => JsonValue.Create(Math.Max(i.Min, 2)),
        BooleanShape => JsonValue.Create(true),
        TimestampShape => JsonValue.Create(1714564800),
        ListShape l => new JsonArray(Sample(l.Member)),
        MapShape m => new JsonObject { [m.Key.Enum?[0] ?? "key"] = Sample(m.Value) },
        StructureShape s => new JsonObject([.. s.Members.Select(m => KeyValuePair.Create(m.Name, (JsonNode?)Sample(m.Shape)))]),
        _ => throw new ArgumentOutOfRangeException(nameof(shape), shape, "Unknown shape."),
    };

    private static void Compare(Shape shape, JsonObject model, string path, List<string> differences)
    {
        void Bound(string name, long ours, long none)
        {
            var theirs = model[name] is { } value ? value.GetValue<long>() : (long?)null;
            if ((ours == none ? null : ours) != theirs && !(theirs == 0 && ours == 0))
            {
                differences.Add(string.Create(CultureInfo.InvariantCulture, $"{path}: {name} {(ours == none ? "none" : ours)}, model {theirs?.ToString(CultureInfo.InvariantCulture) ?? "none"}"));
            }
        }

        var type = (string)model["type"]!;
        var ourType = shape switch
        {
            StringShape => "string",
            IntegerShape => "integer",
            BooleanShape => "boolean",
            TimestampShape => "timestamp",
            ListShape => "list",
            MapShape => "map",
            StructureShape => "structure",
            _ => "?",
        };
        if (type != ourType)
        {
            differences.Add($"{path}: type {ourType}, model {type}");
            return;
        }

        switch (shape)
        {
            case StringShape s:
                Bound("min", s.MinLength, 0);
                Bound("max", s.MaxLength, int.MaxValue);
                if (string.Join(',', s.Enum ?? []) != string.Join(',', model["enum"]?.AsArray().Select(v => (string)v!) ?? []))
                {
                    differences.Add($"{path}: enum differs");
                }

                if (s.Pattern != (string?)model["pattern"])
                {
                    differences.Add($"{path}: pattern differs");
                }

                break;
            case IntegerShape i:
                Bound("min", i.Min, long.MinValue);
                Bound("max", i.Max, long.MaxValue);
                break;
            case ListShape l:
                Bound("min", l.MinItems, 0);
                Bound("max", l.MaxItems, int.MaxValue);
                Compare(l.Member, model["member"]!.AsObject(), path + "[]", differences);
                break;
            case MapShape m:
                Bound("min", m.MinEntries, 0);
                Bound("max", m.MaxEntries, int.MaxValue);
                Compare(m.Key, model["key"]!.AsObject(), path + "{key}", differences);
                Compare(m.Value, model["value"]!.AsObject(), path + "{}", differences);
                break;
            case StructureShape st:
                var members = model["members"]!.AsObject();
                var ours = string.Join(' ', st.Names);
                var theirs = string.Join(' ', members.Select(p => p.Key));
                if (ours != theirs)
                {
                    differences.Add($"{path}: members {ours}, model {theirs}");
                }

                foreach (var member in st.Members.Where(m => members.ContainsKey(m.Name)))
                {
                    Compare(member.Shape, members[member.Name]!.AsObject(), $"{path}.{member.Name}", differences);
                }

                break;
        }
    }
}
