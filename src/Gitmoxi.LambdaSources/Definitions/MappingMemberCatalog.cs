using static Gitmoxi.LambdaSources.Definitions.EventSourceKind;

namespace Gitmoxi.LambdaSources.Definitions;

/// <summary>
/// The 28 members of the Lambda <c>CreateEventSourceMapping</c> request with their types, ranges, lengths,
/// enums and patterns, transcribed from the botocore model (lambda 2015-03-31, botocore 1.43.11), and the
/// kinds of source each applies to as the model's documentation states it. <c>schema/lambdaeventsourcedef.schema.json</c>
/// says the same; the corpus tests keep the two in agreement.
/// </summary>
internal static class MappingMemberCatalog
{
    public const string ArnPattern = @"arn:(aws[a-zA-Z0-9-]*):([a-zA-Z0-9\-])+:((?:[a-z]{2}(?:-gov|-iso[a-z]?)?|eusc-[a-z]{2})-[a-z]+-\d{1})?:(\d{12})?:(.*)";
    private const string DestinationPattern =
        @"$|kafka://([^.]([a-zA-Z0-9\-_.]{0,248}))|arn:(aws[a-zA-Z0-9-]*):([a-zA-Z0-9\-])+:((?:[a-z]{2}(?:-gov|-iso[a-z]?)?|eusc-[a-z]{2})-[a-z]+-\d{1})?:(\d{12})?:(.*)";
    private const string UriPattern = @"[a-zA-Z0-9-\/*:_+=.@-]*";

    private static readonly EventSourceKind[] Streams = [Kinesis, DynamoDbStream];
    private static readonly EventSourceKind[] StreamsAndKafka = [Kinesis, DynamoDbStream, Msk, SelfManagedKafka];
    private static readonly EventSourceKind[] Kafka = [Msk, SelfManagedKafka];

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

    public static readonly StructureShape Mapping = new(
    [
        new("EventSourceArn", new StringShape(Pattern: ArnPattern, Format: StringFormat.Arn), Updatable: false),
        new("FunctionName", new StringShape(1, 256)),
        new("Enabled", new BooleanShape()),
        new("BatchSize", new IntegerShape(1, 10000)),
        new("FilterCriteria", new StructureShape(
        [
            new("Filters", new ListShape(new StructureShape(
            [
                new("Pattern", new StringShape(0, 4096, Format: StringFormat.JsonObject)),
            ]))),
        ])),
        new("MaximumBatchingWindowInSeconds", new IntegerShape(0, 300)),
        new("ParallelizationFactor", new IntegerShape(1, 10), AllowedFor: Streams),
        new("StartingPosition", new StringShape(Enum: ["TRIM_HORIZON", "LATEST", "AT_TIMESTAMP"]), Updatable: false,
            AllowedFor: [Kinesis, DynamoDbStream, Msk, SelfManagedKafka, DocumentDb], RequiredFor: StreamsAndKafka),
        // AT_TIMESTAMP "is supported only for Amazon Kinesis streams, Amazon DocumentDB, Amazon MSK, and self-managed Apache Kafka".
        new("StartingPositionTimestamp", new TimestampShape(), Updatable: false, AllowedFor: [Kinesis, Msk, SelfManagedKafka, DocumentDb]),
        new("DestinationConfig", new StructureShape([new("OnSuccess", Destination), new("OnFailure", Destination)]), AllowedFor: StreamsAndKafka),
        new("MaximumRecordAgeInSeconds", new IntegerShape(-1, 604800), AllowedFor: StreamsAndKafka),
        new("BisectBatchOnFunctionError", new BooleanShape(), AllowedFor: StreamsAndKafka),
        new("MaximumRetryAttempts", new IntegerShape(-1, 10000), AllowedFor: StreamsAndKafka),
        // The model leaves tag keys and values unconstrained; these are Lambda's documented tag limits.
        // Not in UpdateEventSourceMapping: tags change through TagResource/UntagResource instead.
        new("Tags", new MapShape(new StringShape(1, 128, Format: StringFormat.TagKey), new StringShape(0, 256)), Updatable: false),
        new("TumblingWindowInSeconds", new IntegerShape(0, 900), AllowedFor: Streams),
        new("Topics", new ListShape(new StringShape(1, 249, @"[^.]([a-zA-Z0-9\-_.]+)"), 1, 1), Updatable: false,
            AllowedFor: Kafka, RequiredFor: Kafka),
        new("Queues", new ListShape(new StringShape(1, 1000, @"[\s\S]*"), 1, 1), Updatable: false, AllowedFor: [MQ], RequiredFor: [MQ]),
        new("SourceAccessConfigurations", new ListShape(new StructureShape(
        [
            new("Type", new StringShape(Enum:
            [
                "BASIC_AUTH", "VPC_SUBNET", "VPC_SECURITY_GROUP", "SASL_SCRAM_512_AUTH", "SASL_SCRAM_256_AUTH",
                "VIRTUAL_HOST", "CLIENT_CERTIFICATE_TLS_AUTH", "SERVER_ROOT_CA_CERTIFICATE",
            ])),
            new("URI", new StringShape(1, 200, UriPattern)),
        ]), 0, 22)),
        new("SelfManagedEventSource", new StructureShape(
        [
            new("Endpoints", new MapShape(
                new StringShape(Enum: ["KAFKA_BOOTSTRAP_SERVERS"]),
                new ListShape(new StringShape(1, 300,
                    @"(([a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9\-]*[a-zA-Z0-9])\.)*([A-Za-z0-9]|[A-Za-z0-9][A-Za-z0-9\-]*[A-Za-z0-9]):[0-9]{1,5}"), 1, 10),
                1, 2)),
        ]), Updatable: false, AllowedFor: [SelfManagedKafka]),
        new("FunctionResponseTypes", new ListShape(new StringShape(Enum: ["ReportBatchItemFailures"]), 0, 1),
            AllowedFor: [Kinesis, DynamoDbStream, Msk, SelfManagedKafka, Sqs]),
        new("AmazonManagedKafkaEventSourceConfig", KafkaEventSourceConfig, AllowedFor: [Msk]),
        new("SelfManagedKafkaEventSourceConfig", KafkaEventSourceConfig, AllowedFor: [SelfManagedKafka]),
        new("ScalingConfig", new StructureShape([new("MaximumConcurrency", new IntegerShape(2, 1000))]), AllowedFor: [Sqs]),
        new("DocumentDBEventSourceConfig", new StructureShape(
        [
            new("DatabaseName", new StringShape(1, 63, @"[^ /\.$\x22]*")),
            new("CollectionName", new StringShape(1, 57, @"(^(?!(system\x2e)))(^[_a-zA-Z0-9])([^$]*)")),
            new("FullDocument", new StringShape(Enum: ["UpdateLookup", "Default"])),
        ]), AllowedFor: [DocumentDb], RequiredFor: [DocumentDb]),
        new("KMSKeyArn", new StringShape(Pattern: @"(arn:(aws[a-zA-Z-]*)?:[a-z0-9-.]+:.*)|()", Format: StringFormat.Arn)),
        new("MetricsConfig", new StructureShape(
        [
            new("Metrics", new ListShape(new StringShape(Enum: ["EventCount", "ErrorCount", "KafkaMetrics"]), 0, 3)),
        ])),
        new("LoggingConfig", new StructureShape([new("SystemLogLevel", new StringShape(Enum: ["DEBUG", "INFO", "WARN"]))]), AllowedFor: Kafka),
        new("ProvisionedPollerConfig", new StructureShape(
        [
            new("MinimumPollers", new IntegerShape(1, 200)),
            new("MaximumPollers", new IntegerShape(1, 2000)),
            new("PollerGroupName", new StringShape(0, 128, "[a-zA-Z0-9-_]*")),
        ]), AllowedFor: [Sqs, Msk, SelfManagedKafka]),
    ]);
}
