namespace Gitmoxi.LambdaSources.Providers.EventSourceMapping;

/// <summary>
/// What identifies an event source and how it is named in a plan. Works on declared members and on live
/// configurations alike, since both use the API's member names.
/// </summary>
internal static class EventSources
{
    public const string AddressPrefix = "event-source-mapping ";

    /// <summary>The kind of a live mapping: from its source ARN's service, or self-managed Kafka by its endpoints.</summary>
    public static EventSourceKind? KindOf(JsonObject configuration)
    {
        if (String(configuration, MappingFields.EventSourceArn) is not { } arn)
        {
            return configuration.ContainsKey(MappingFields.SelfManagedEventSource) ? EventSourceKind.SelfManagedKafka : null;
        }

        return ArnService(arn) switch
        {
            "sqs" => EventSourceKind.Sqs,
            "kinesis" => EventSourceKind.Kinesis,
            "dynamodb" => EventSourceKind.DynamoDbStream,
            "kafka" => EventSourceKind.Msk,
            "mq" => EventSourceKind.MQ,
            "rds" => EventSourceKind.DocumentDb,
            _ => null,
        };
    }

    /// <summary>
    /// The event source a mapping reads from: its source ARN, or for self-managed Kafka the bootstrap-server set
    /// plus topic. AWS allows one mapping per source and function, so this is what declared and live are matched by.
    /// </summary>
    public static string Identity(JsonObject members) =>
        String(members, MappingFields.EventSourceArn) is { } arn
            ? "arn " + arn
            : "kafka " + string.Join(",", BootstrapServers(members)) + " " + Topic(members);

    public static string Address(EventSourceKind? kind, JsonObject members)
    {
        var arn = String(members, MappingFields.EventSourceArn);
        var name = kind switch
        {
            EventSourceKind.SelfManagedKafka => "kafka:" + BootstrapServers(members).FirstOrDefault(),
            _ when arn is null => "unknown",
            _ => Prefix(kind, arn) + ":" + ResourceName(arn),
        };
        var within = Within(members);
        return AddressPrefix + (within is null ? name : name + "/" + within);
    }

    /// <summary>The topic or queue read within the source (Kafka, MQ); null for sources that have none.</summary>
    public static string? Within(JsonObject members) => Topic(members) ?? First(members, MappingFields.Queues);

    public static string? String(JsonObject members, string name) =>
        members[name] is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;

    private static string Prefix(EventSourceKind? kind, string arn) => kind switch
    {
        EventSourceKind.Sqs => "sqs",
        EventSourceKind.Kinesis => "kinesis",
        EventSourceKind.DynamoDbStream => "dynamodb",
        EventSourceKind.Msk => "msk",
        EventSourceKind.MQ => "mq",
        EventSourceKind.DocumentDb => "docdb",
        _ => ArnService(arn),
    };

    private static string ArnService(string arn) => arn.Split(':') is { Length: > 2 } parts ? parts[2] : "";

    // The resource part of the ARN names the source: "orders-queue", "stream/orders", "table/orders/stream/…",
    // "cluster/name/uuid", "broker:name:id", "cluster:name". The name is the token after the resource type.
    private static string ResourceName(string arn)
    {
        var parts = arn.Split(':', 6);
        if (parts.Length < 6)
        {
            return arn;
        }

        var tokens = parts[5].Split('/', ':');
        return tokens.Length == 1 ? tokens[0] : tokens[1];
    }

    private static IEnumerable<string> BootstrapServers(JsonObject members) =>
        members[MappingFields.SelfManagedEventSource]?["Endpoints"]?["KAFKA_BOOTSTRAP_SERVERS"] is JsonArray servers
            ? servers.OfType<JsonValue>().Where(s => s.GetValueKind() == JsonValueKind.String)
                .Select(s => s.GetValue<string>()).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)
            : [];

    private static string? Topic(JsonObject members) => First(members, MappingFields.Topics);

    private static string? First(JsonObject members, string name) =>
        members[name] is JsonArray { Count: > 0 } list && list[0] is JsonValue value && value.GetValueKind() == JsonValueKind.String
            ? value.GetValue<string>()
            : null;
}
