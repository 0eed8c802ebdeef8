namespace Gitmoxi.LambdaSources.Aws.Lambda.Model;

/// <summary>
/// The 19 members of an event source mapping that Create and Update both send and every mapping response returns.
/// The request and response classes derive from it, so each member is written once; the JSON body is the same as
/// the official SDK's (member order aside, which JSON does not carry).
/// </summary>
internal abstract class EventSourceMappingMembers
{
    public int? BatchSize { get; set; }

    public int? MaximumBatchingWindowInSeconds { get; set; }

    public int? ParallelizationFactor { get; set; }

    public FilterCriteria? FilterCriteria { get; set; }

    public DestinationConfig? DestinationConfig { get; set; }

    public List<SourceAccessConfiguration>? SourceAccessConfigurations { get; set; }

    public int? MaximumRecordAgeInSeconds { get; set; }

    public bool? BisectBatchOnFunctionError { get; set; }

    public int? MaximumRetryAttempts { get; set; }

    public int? TumblingWindowInSeconds { get; set; }

    public List<string>? FunctionResponseTypes { get; set; }

    public AmazonManagedKafkaEventSourceConfig? AmazonManagedKafkaEventSourceConfig { get; set; }

    public SelfManagedKafkaEventSourceConfig? SelfManagedKafkaEventSourceConfig { get; set; }

    public ScalingConfig? ScalingConfig { get; set; }

    public DocumentDBEventSourceConfig? DocumentDBEventSourceConfig { get; set; }

    public string? KMSKeyArn { get; set; }

    public EventSourceMappingMetricsConfig? MetricsConfig { get; set; }

    public EventSourceMappingLoggingConfig? LoggingConfig { get; set; }

    public ProvisionedPollerConfig? ProvisionedPollerConfig { get; set; }
}

/// <summary>The members that name where a mapping reads from, fixed at creation: Create sends them, responses return them.</summary>
internal abstract class EventSourceMappingSourceMembers : EventSourceMappingMembers
{
    public string? EventSourceArn { get; set; }

    /// <summary><c>TRIM_HORIZON</c>, <c>LATEST</c> or <c>AT_TIMESTAMP</c>.</summary>
    public string? StartingPosition { get; set; }

    [JsonConverter(typeof(EpochSecondsConverter))]
    public DateTime? StartingPositionTimestamp { get; set; }

    public List<string>? Topics { get; set; }

    public List<string>? Queues { get; set; }

    public SelfManagedEventSource? SelfManagedEventSource { get; set; }
}

/// <summary>
/// An event source mapping as Get, List, Create, Update and Delete return it (all 33 members of the API shape).
/// The operation responses derive from it, as AWSSDK.Lambda's responses carry these members directly.
/// </summary>
internal class EventSourceMappingConfiguration : EventSourceMappingSourceMembers
{
    public string? UUID { get; set; }

    /// <summary>Qualified (alias or version ARN) when the mapping targets an alias or version.</summary>
    public string? FunctionArn { get; set; }

    [JsonConverter(typeof(EpochSecondsConverter))]
    public DateTime? LastModified { get; set; }

    public string? LastProcessingResult { get; set; }

    /// <summary><c>Creating</c>, <c>Enabling</c>, <c>Enabled</c>, <c>Disabling</c>, <c>Disabled</c>, <c>Updating</c> or <c>Deleting</c>.</summary>
    public string? State { get; set; }

    public string? StateTransitionReason { get; set; }

    public FilterCriteriaError? FilterCriteriaError { get; set; }

    public string? EventSourceMappingArn { get; set; }
}

/// <summary><c>GET /2015-03-31/event-source-mappings</c>; every member goes to the query string.</summary>
internal sealed class ListEventSourceMappingsRequest
{
    public string? EventSourceArn { get; set; }

    /// <summary>Name, ARN, or qualified ARN; AWS matches mappings of exactly that qualifier.</summary>
    public string? FunctionName { get; set; }

    public string? Marker { get; set; }

    /// <summary>Page size, 1 to 10000.</summary>
    public int? MaxItems { get; set; }
}

internal sealed class ListEventSourceMappingsResponse
{
    public string? NextMarker { get; set; }

    public List<EventSourceMappingConfiguration>? EventSourceMappings { get; set; }
}

/// <summary><c>GET /2015-03-31/event-source-mappings/{UUID}</c>.</summary>
internal sealed class GetEventSourceMappingRequest
{
    public string? UUID { get; set; }
}

internal sealed class GetEventSourceMappingResponse : EventSourceMappingConfiguration;

/// <summary><c>POST /2015-03-31/event-source-mappings</c>; all 28 members go to the JSON body. Required: <see cref="FunctionName"/>.</summary>
internal sealed class CreateEventSourceMappingRequest : EventSourceMappingSourceMembers
{
    public string? FunctionName { get; set; }

    public bool? Enabled { get; set; }

    public Dictionary<string, string>? Tags { get; set; }
}

internal sealed class CreateEventSourceMappingResponse : EventSourceMappingConfiguration;

/// <summary>
/// <c>PUT /2015-03-31/event-source-mappings/{UUID}</c>; <see cref="UUID"/> goes to the path, the other 21 members to
/// the body. A member left null is not changed; to reset one, send its clear value (<c>FilterCriteria = new()</c>,
/// <c>FunctionResponseTypes = []</c>, <c>KMSKeyArn = ""</c>, <c>MetricsConfig = new() { Metrics = [] }</c>, …).
/// </summary>
internal sealed class UpdateEventSourceMappingRequest : EventSourceMappingMembers
{
    public string? UUID { get; set; }

    public string? FunctionName { get; set; }

    public bool? Enabled { get; set; }
}

internal sealed class UpdateEventSourceMappingResponse : EventSourceMappingConfiguration;

/// <summary><c>DELETE /2015-03-31/event-source-mappings/{UUID}</c>.</summary>
internal sealed class DeleteEventSourceMappingRequest
{
    public string? UUID { get; set; }
}

/// <summary>The mapping as it was when deletion started (<c>State</c> <c>Deleting</c>).</summary>
internal sealed class DeleteEventSourceMappingResponse : EventSourceMappingConfiguration;
