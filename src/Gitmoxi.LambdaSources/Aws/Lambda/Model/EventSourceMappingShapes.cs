namespace Gitmoxi.LambdaSources.Aws.Lambda.Model;

// Nested shapes of the event source mapping API, named and typed like AWSSDK.Lambda's Amazon.Lambda.Model.
// Enum-valued members are strings so values newer than this code pass through unchanged.
// An empty instance serializes as {}, which is how the API is told to clear a setting.

internal sealed class FilterCriteria
{
    public List<Filter>? Filters { get; set; }
}

internal sealed class Filter
{
    /// <summary>The filter pattern, itself a JSON document in a string.</summary>
    public string? Pattern { get; set; }
}

internal sealed class FilterCriteriaError
{
    public string? ErrorCode { get; set; }

    public string? Message { get; set; }
}

internal sealed class DestinationConfig
{
    public OnSuccess? OnSuccess { get; set; }

    public OnFailure? OnFailure { get; set; }
}

internal sealed class OnSuccess
{
    public string? Destination { get; set; }
}

internal sealed class OnFailure
{
    public string? Destination { get; set; }
}

internal sealed class SourceAccessConfiguration
{
    /// <summary><c>BASIC_AUTH</c>, <c>VPC_SUBNET</c>, <c>VPC_SECURITY_GROUP</c>, <c>SASL_SCRAM_512_AUTH</c>, …</summary>
    public string? Type { get; set; }

    public string? URI { get; set; }
}

internal sealed class SelfManagedEventSource
{
    /// <summary>Keyed by endpoint type; the only one is <c>KAFKA_BOOTSTRAP_SERVERS</c>.</summary>
    public Dictionary<string, List<string>>? Endpoints { get; set; }
}

internal sealed class AmazonManagedKafkaEventSourceConfig
{
    public string? ConsumerGroupId { get; set; }

    public KafkaSchemaRegistryConfig? SchemaRegistryConfig { get; set; }
}

internal sealed class SelfManagedKafkaEventSourceConfig
{
    public string? ConsumerGroupId { get; set; }

    public KafkaSchemaRegistryConfig? SchemaRegistryConfig { get; set; }
}

internal sealed class KafkaSchemaRegistryConfig
{
    public string? SchemaRegistryURI { get; set; }

    /// <summary><c>JSON</c> or <c>SOURCE</c>.</summary>
    public string? EventRecordFormat { get; set; }

    public List<KafkaSchemaRegistryAccessConfig>? AccessConfigs { get; set; }

    public List<KafkaSchemaValidationConfig>? SchemaValidationConfigs { get; set; }
}

internal sealed class KafkaSchemaRegistryAccessConfig
{
    /// <summary><c>BASIC_AUTH</c>, <c>CLIENT_CERTIFICATE_TLS_AUTH</c> or <c>SERVER_ROOT_CA_CERTIFICATE</c>.</summary>
    public string? Type { get; set; }

    public string? URI { get; set; }
}

internal sealed class KafkaSchemaValidationConfig
{
    /// <summary><c>KEY</c> or <c>VALUE</c>.</summary>
    public string? Attribute { get; set; }
}

internal sealed class ScalingConfig
{
    public int? MaximumConcurrency { get; set; }
}

internal sealed class DocumentDBEventSourceConfig
{
    public string? DatabaseName { get; set; }

    public string? CollectionName { get; set; }

    /// <summary><c>UpdateLookup</c> or <c>Default</c>.</summary>
    public string? FullDocument { get; set; }
}

internal sealed class EventSourceMappingMetricsConfig
{
    /// <summary><c>EventCount</c>, <c>ErrorCount</c>, <c>KafkaMetrics</c>; an empty list turns metrics off.</summary>
    public List<string>? Metrics { get; set; }
}

internal sealed class EventSourceMappingLoggingConfig
{
    /// <summary><c>DEBUG</c>, <c>INFO</c> or <c>WARN</c>.</summary>
    public string? SystemLogLevel { get; set; }
}

internal sealed class ProvisionedPollerConfig
{
    public int? MinimumPollers { get; set; }

    public int? MaximumPollers { get; set; }

    public string? PollerGroupName { get; set; }
}
