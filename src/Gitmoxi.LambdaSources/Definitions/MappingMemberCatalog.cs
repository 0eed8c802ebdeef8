using static Gitmoxi.LambdaSources.Definitions.EventSourceKind;

namespace Gitmoxi.LambdaSources.Definitions;

/// <summary>
/// THE table of event source mapping members: the 28 members of the Lambda <c>CreateEventSourceMapping</c> request with
/// their types, ranges, lengths, enums and patterns (botocore model lambda 2015-03-31, botocore 1.43.11), which are
/// create-only, AWS's default per kind of source, and the kinds each applies to (the model's documentation). It drives
/// the validator (<see cref="ShapeValidator"/>, <see cref="MappingRules"/>), the planner's diff (<see cref="Planning.MappingFields"/>)
/// and, through tests, the request types (every member reaches the wire), <c>schema/lambdaeventsourcedef.schema.json</c>,
/// botocore's model and the emulator's defaults: a member added here and missing from any of them fails a test.
/// </summary>
/// <remarks>
/// ARN patterns deviate from the model in one way: its region part (<c>[a-z]{2}(-gov)?-[a-z]+-\d{1}</c>) predates the
/// ISO and EU sovereign partitions, whose regions (<c>us-iso-east-1</c>, <c>eusc-de-east-1</c>) it would refuse.
/// FunctionName has no pattern here (<see cref="FunctionReference"/> parses it), a filter pattern is checked as a JSON
/// object rather than by the model's <c>.*</c>, and tag keys and values have Lambda's documented limits, which the model
/// leaves out. <c>MappingMemberTableTests</c> lists exactly these departures.
/// </remarks>
internal static class MappingMemberCatalog
{
    public const string ArnPattern = @"arn:(aws[a-zA-Z0-9-]*):([a-zA-Z0-9\-])+:((?:[a-z]{2}(?:-gov|-iso[a-z]?)?|eusc-[a-z]{2})-[a-z]+-\d{1})?:(\d{12})?:(.*)";
    private const string DestinationPattern =
        @"$|kafka://([^.]([a-zA-Z0-9\-_.]{0,248}))|arn:(aws[a-zA-Z0-9-]*):([a-zA-Z0-9\-])+:((?:[a-z]{2}(?:-gov|-iso[a-z]?)?|eusc-[a-z]{2})-[a-z]+-\d{1})?:(\d{12})?:(.*)";
    private const string UriPattern = @"[a-zA-Z0-9-\/*:_+=.@-]*";

    private static readonly EventSourceKind[] Streams = [Kinesis, DynamoDbStream];
    private static readonly EventSourceKind[] StreamsAndKafka = [Kinesis, DynamoDbStream, Msk, SelfManagedKafka];
    private static readonly EventSourceKind[] Kafka = [Msk, SelfManagedKafka];
    private static readonly string[] ConsumerGroup = ["ConsumerGroupId"];
    private static readonly Func<EventSourceKind, string?> NoClearValue = _ => "it has no clear value, so it is left as is";

    private static readonly StructureShape KafkaSchemaRegistryConfig = new(
    [
        new("SchemaRegistryURI", new StringShape(1, 10000, UriPattern)),
        new("EventRecordFormat", new StringShape(Enum: ["JSON", "SOURCE"])),
        new("AccessConfigs", new ListShape(new StructureShape(
        [
            new("Type", new StringShape(Enum: ["BASIC_AUTH", "CLIENT_CERTIFICATE_TLS_AUTH", "SERVER_ROOT_CA_CERTIFICATE"])),
            new("URI", new StringShape(Pattern: ArnPattern, Format: StringFormat.Arn)),
        ]))),
        new("SchemaValidationConfigs", new ListShape(new StructureShape(
        [
            new("Attribute", new StringShape(Enum: ["KEY", "VALUE"])),
        ]))),
    ]);

    private static readonly StructureShape KafkaEventSourceConfig = new(
    [
        new("ConsumerGroupId", new StringShape(1, 200, UriPattern)),
        new("SchemaRegistryConfig", KafkaSchemaRegistryConfig),
    ]);

    private static readonly StructureShape Destination = new(
    [
        new("Destination", new StringShape(0, 350, DestinationPattern, Format: StringFormat.Arn)),
    ]);

    public static IReadOnlyList<MappingMember> Members { get; } =
    [
        new MappingMember("EventSourceArn", new StringShape(Pattern: ArnPattern, Format: StringFormat.Arn), CreateOnly: true),
        new MappingMember("FunctionName", new StringShape(1, 256), Diffed: false),
        new MappingMember("Enabled", new BooleanShape(), Default: _ => "true"),
        new MappingMember("BatchSize", new IntegerShape(1, 10000), Default: kind => kind == Sqs ? "10" : "100"),
        new MappingMember("FilterCriteria", new StructureShape(
        [
            new("Filters", new ListShape(new StructureShape(
            [
                new("Pattern", new StringShape(0, 4096, Format: StringFormat.JsonObject)),
            ]))),
        ]), Default: _ => "{}"),
        new MappingMember("MaximumBatchingWindowInSeconds", new IntegerShape(0, 300),
            Default: kind => HasZeroBatchingWindow(kind) ? "0" : null,
            UndeclaredNote: kind => HasZeroBatchingWindow(kind) ? null
                : "AWS cannot restore the 500 ms default batching window in place; declare it, or recreate the mapping to reset it"),
        new MappingMember("ParallelizationFactor", new IntegerShape(1, 10), AllowedFor: Streams, Default: _ => "1"),
        new MappingMember("StartingPosition", new StringShape(Enum: ["TRIM_HORIZON", "LATEST", "AT_TIMESTAMP"]), CreateOnly: true,
            AllowedFor: [Kinesis, DynamoDbStream, Msk, SelfManagedKafka, DocumentDb], RequiredFor: StreamsAndKafka),
        // AT_TIMESTAMP "is supported only for Amazon Kinesis streams, Amazon DocumentDB, Amazon MSK, and self-managed Apache Kafka".
        new MappingMember("StartingPositionTimestamp", new TimestampShape(), CreateOnly: true, AllowedFor: [Kinesis, Msk, SelfManagedKafka, DocumentDb]),
        new MappingMember("DestinationConfig", new StructureShape([new("OnSuccess", Destination), new("OnFailure", Destination)]), AllowedFor: StreamsAndKafka,
            Default: _ => "{}"),
        new MappingMember("MaximumRecordAgeInSeconds", new IntegerShape(-1, 604800), AllowedFor: StreamsAndKafka, Default: _ => "-1"),
        new MappingMember("BisectBatchOnFunctionError", new BooleanShape(), AllowedFor: StreamsAndKafka, Default: _ => "false"),
        new MappingMember("MaximumRetryAttempts", new IntegerShape(-1, 10000), AllowedFor: StreamsAndKafka, Default: _ => "-1"),
        // The model leaves tag keys and values unconstrained; these are Lambda's documented tag limits.
        // Not in UpdateEventSourceMapping: tags change through TagResource/UntagResource instead.
        new MappingMember("Tags", new MapShape(new StringShape(1, 128, Format: StringFormat.TagKey), new StringShape(0, 256)), CreateOnly: true, Diffed: false),
        new MappingMember("TumblingWindowInSeconds", new IntegerShape(0, 900), AllowedFor: Streams, Default: _ => "0"),
        new MappingMember("Topics", new ListShape(new StringShape(1, 249, @"[^.]([a-zA-Z0-9\-_.]+)"), 1, 1), CreateOnly: true,
            AllowedFor: Kafka, RequiredFor: Kafka),
        new MappingMember("Queues", new ListShape(new StringShape(1, 1000, @"[\s\S]*"), 1, 1), CreateOnly: true, AllowedFor: [MQ], RequiredFor: [MQ]),
        new MappingMember("SourceAccessConfigurations", new ListShape(new StructureShape(
        [
            new("Type", new StringShape(Enum:
            [
                "BASIC_AUTH", "VPC_SUBNET", "VPC_SECURITY_GROUP", "SASL_SCRAM_512_AUTH", "SASL_SCRAM_256_AUTH",
                "VIRTUAL_HOST", "CLIENT_CERTIFICATE_TLS_AUTH", "SERVER_ROOT_CA_CERTIFICATE",
            ])),
            new("URI", new StringShape(1, 200, UriPattern)),
        ]), 0, 22), Default: _ => "[]"),
        new MappingMember("SelfManagedEventSource", new StructureShape(
        [
            new("Endpoints", new MapShape(
                new StringShape(Enum: ["KAFKA_BOOTSTRAP_SERVERS"]),
                new ListShape(new StringShape(1, 300,
                    @"(([a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9\-]*[a-zA-Z0-9])\.)*([A-Za-z0-9]|[A-Za-z0-9][A-Za-z0-9\-]*[A-Za-z0-9]):[0-9]{1,5}"), 1, 10),
                1, 2)),
        ]), CreateOnly: true, AllowedFor: [SelfManagedKafka]),
        new MappingMember("FunctionResponseTypes", new ListShape(new StringShape(Enum: ["ReportBatchItemFailures"]), 0, 1),
            AllowedFor: [Kinesis, DynamoDbStream, Msk, SelfManagedKafka, Sqs], Default: _ => "[]"),
        new MappingMember("AmazonManagedKafkaEventSourceConfig", KafkaEventSourceConfig, AllowedFor: [Msk],
            Compare: FieldShape.DeclaredMembers, ReplacingMembers: ConsumerGroup),
        new MappingMember("SelfManagedKafkaEventSourceConfig", KafkaEventSourceConfig, AllowedFor: [SelfManagedKafka],
            Compare: FieldShape.DeclaredMembers, ReplacingMembers: ConsumerGroup),
        new MappingMember("ScalingConfig", new StructureShape([new("MaximumConcurrency", new IntegerShape(2, 1000))]), AllowedFor: [Sqs],
            Default: _ => "{}"),
        new MappingMember("DocumentDBEventSourceConfig", new StructureShape(
        [
            new("DatabaseName", new StringShape(1, 63, @"[^ /\.$\x22]*")),
            new("CollectionName", new StringShape(1, 57, @"(^(?!(system\x2e)))(^[_a-zA-Z0-9])([^$]*)")),
            new("FullDocument", new StringShape(Enum: ["UpdateLookup", "Default"])),
        ]), AllowedFor: [DocumentDb], RequiredFor: [DocumentDb],
            Compare: FieldShape.DeclaredMembers, MemberDefaults: new Dictionary<string, string>(StringComparer.Ordinal) { ["FullDocument"] = "\"Default\"" }),
        new MappingMember("KMSKeyArn", new StringShape(Pattern: @"(arn:(aws[a-zA-Z-]*)?:[a-z0-9-.]+:.*)|()", Format: StringFormat.Arn), Default: _ => "\"\""),
        new MappingMember("MetricsConfig", new StructureShape(
        [
            new("Metrics", new ListShape(new StringShape(Enum: ["EventCount", "ErrorCount", "KafkaMetrics"]), 0, 3)),
        ]), Default: _ => "{\"Metrics\":[]}"),
        new MappingMember("LoggingConfig", new StructureShape([new("SystemLogLevel", new StringShape(Enum: ["DEBUG", "INFO", "WARN"]))]), AllowedFor: Kafka,
            UndeclaredNote: NoClearValue),
        new MappingMember("ProvisionedPollerConfig", new StructureShape(
        [
            new("MinimumPollers", new IntegerShape(1, 200)),
            new("MaximumPollers", new IntegerShape(1, 2000)),
            new("PollerGroupName", new StringShape(0, 128, "[a-zA-Z0-9-_]*")),
        ]), AllowedFor: [Sqs, Msk, SelfManagedKafka],
            Compare: FieldShape.DeclaredMembers, UndeclaredNote: NoClearValue),
    ];

    // Kafka, MQ and DocumentDB default to a 500 ms window that the API cannot express (botocore doc).
    private static bool HasZeroBatchingWindow(EventSourceKind kind) => kind is Sqs or Kinesis or DynamoDbStream;

    /// <summary>The request structure the validator walks, made of the table's members.</summary>
    public static StructureShape Mapping { get; } = new([.. Members.Select(m => m.Spec)]);
}

/// <summary>One row of <see cref="MappingMemberCatalog.Members"/>.</summary>
/// <param name="CreateOnly">UpdateEventSourceMapping does not take it: a change means a new mapping (Replace).</param>
/// <param name="AllowedFor">The kinds of event source the member applies to; null for all.</param>
/// <param name="RequiredFor">The kinds of event source that cannot do without the member.</param>
/// <param name="Default">The value AWS uses when the member is not sent (JSON text), which also clears it on update; null when none is known for that kind.</param>
/// <param name="Compare">How the planner compares it.</param>
/// <param name="MemberDefaults">For <see cref="FieldShape.DeclaredMembers"/>: sub-members with a known default.</param>
/// <param name="ReplacingMembers">For <see cref="FieldShape.DeclaredMembers"/>: sub-members whose change means Replace.</param>
/// <param name="UndeclaredNote">Said when the member is undeclared but set live, because it cannot be reset in place.</param>
/// <param name="Diffed">False for the members the planner compares by its own rules (FunctionName, Tags).</param>
internal sealed record MappingMember(
    string Name,
    Shape Shape,
    bool CreateOnly = false,
    IReadOnlyList<EventSourceKind>? AllowedFor = null,
    IReadOnlyList<EventSourceKind>? RequiredFor = null,
    Func<EventSourceKind, string?>? Default = null,
    FieldShape Compare = FieldShape.Whole,
    IReadOnlyDictionary<string, string>? MemberDefaults = null,
    IReadOnlyList<string>? ReplacingMembers = null,
    Func<EventSourceKind, string?>? UndeclaredNote = null,
    bool Diffed = true)
{
    public MemberSpec Spec { get; } = new(Name, Shape, AllowedFor, RequiredFor);
}
