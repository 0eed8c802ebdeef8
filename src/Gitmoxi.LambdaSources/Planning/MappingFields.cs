using Gitmoxi.LambdaSources.Definitions;

namespace Gitmoxi.LambdaSources.Planning;

/// <summary>How an object-valued field is compared.</summary>
internal enum FieldShape
{
    /// <summary>The value as a whole (objects compared member by member after canonicalization).</summary>
    Whole,

    /// <summary>Only the members the file declares (plus members with a known default), each diffed on its own:
    /// AWS fills in the rest, e.g. a generated Kafka <c>ConsumerGroupId</c>.</summary>
    DeclaredMembers,
}

/// <param name="Name">The CreateEventSourceMapping member name.</param>
/// <param name="CreateOnly">UpdateEventSourceMapping does not take it: a change means Replace.</param>
/// <param name="Default">The value AWS uses when the field is not sent (JSON text), which is also the value that
/// clears it on update; null when no default is known for that source kind.</param>
/// <param name="MemberDefaults">For <see cref="FieldShape.DeclaredMembers"/>: members with a known default.</param>
/// <param name="ReplacingMembers">For <see cref="FieldShape.DeclaredMembers"/>: members whose change means Replace.</param>
/// <param name="UndeclaredNote">Said when the field is undeclared but set live, because it cannot be reset in place.</param>
internal sealed record FieldRule(
    string Name,
    bool CreateOnly = false,
    Func<EventSourceKind, string?>? Default = null,
    FieldShape Shape = FieldShape.Whole,
    IReadOnlyDictionary<string, string>? MemberDefaults = null,
    IReadOnlyList<string>? ReplacingMembers = null,
    Func<EventSourceKind, string?>? UndeclaredNote = null);

/// <summary>
/// The CreateEventSourceMapping members the planner diffs, in the Lambda API model's order, with AWS's
/// defaults and clear values (go-to-k/cdkd#982; botocore <c>lambda</c> 2015-03-31 member docs).
/// </summary>
internal static class MappingFields
{
    public const string EventSourceArn = "EventSourceArn";
    public const string FunctionName = "FunctionName";
    public const string Enabled = "Enabled";
    public const string Tags = "Tags";
    public const string StartingPositionTimestamp = "StartingPositionTimestamp";
    public const string SelfManagedEventSource = "SelfManagedEventSource";
    public const string Topics = "Topics";
    public const string Queues = "Queues";
    public const string MaximumBatchingWindowInSeconds = "MaximumBatchingWindowInSeconds";

    private static readonly string[] ConsumerGroup = ["ConsumerGroupId"];

    public static IReadOnlyList<FieldRule> Rules { get; } =
    [
        new(EventSourceArn, CreateOnly: true),
        new(Enabled, Default: _ => "true"),
        new("BatchSize", Default: kind => kind == EventSourceKind.Sqs ? "10" : "100"),
        new("FilterCriteria", Default: _ => "{}"),
        new(MaximumBatchingWindowInSeconds, Default: kind => HasZeroBatchingWindow(kind) ? "0" : null,
            UndeclaredNote: kind => HasZeroBatchingWindow(kind) ? null
                : "AWS cannot restore the 500 ms default batching window in place; declare it, or recreate the mapping to reset it"),
        new("ParallelizationFactor", Default: _ => "1"),
        new("StartingPosition", CreateOnly: true),
        new(StartingPositionTimestamp, CreateOnly: true),
        new("DestinationConfig", Default: _ => "{}"),
        new("MaximumRecordAgeInSeconds", Default: _ => "-1"),
        new("BisectBatchOnFunctionError", Default: _ => "false"),
        new("MaximumRetryAttempts", Default: _ => "-1"),
        new("TumblingWindowInSeconds", Default: _ => "0"),
        new(Topics, CreateOnly: true),
        new(Queues, CreateOnly: true),
        new("SourceAccessConfigurations", Default: _ => "[]"),
        new(SelfManagedEventSource, CreateOnly: true),
        new("FunctionResponseTypes", Default: _ => "[]"),
        new("AmazonManagedKafkaEventSourceConfig", Shape: FieldShape.DeclaredMembers, ReplacingMembers: ConsumerGroup),
        new("SelfManagedKafkaEventSourceConfig", Shape: FieldShape.DeclaredMembers, ReplacingMembers: ConsumerGroup),
        new("ScalingConfig", Default: _ => "{}"),
        new("DocumentDBEventSourceConfig", Shape: FieldShape.DeclaredMembers,
            MemberDefaults: new Dictionary<string, string>(StringComparer.Ordinal) { ["FullDocument"] = "\"Default\"" }),
        new("KMSKeyArn", Default: _ => "\"\""),
        new("MetricsConfig", Default: _ => "{\"Metrics\":[]}"),
        new("LoggingConfig", UndeclaredNote: _ => "it has no clear value, so it is left as is"),
        new("ProvisionedPollerConfig", Shape: FieldShape.DeclaredMembers,
            UndeclaredNote: _ => "it has no clear value, so it is left as is"),
    ];

    // Kafka, MQ and DocumentDB default to a 500 ms window that the API cannot express (botocore doc).
    private static bool HasZeroBatchingWindow(EventSourceKind kind) =>
        kind is EventSourceKind.Sqs or EventSourceKind.Kinesis or EventSourceKind.DynamoDbStream;
}
