using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using Gitmoxi.LambdaSources.Aws.Lambda;
using Gitmoxi.LambdaSources.Aws.Lambda.Model;
using Gitmoxi.LambdaSources.Planning;

namespace Gitmoxi.LambdaSources.Tests.Aws;

[TestClass]
public sealed class LambdaJsonContextTests
{
    private static readonly LambdaJsonContext Json = LambdaJsonContext.Default;

    // Member lists copied from botocore 1.43.11's lambda 2015-03-31 model, in its order (the classes are generated from
    // the checked-in subset of it): the subset keeps every member of the mapping shapes, so none may go missing.
    [TestMethod]
    public void Create_request_has_the_28_members_of_the_API()
    {
        Assert.AreEqual(
            "EventSourceArn FunctionName Enabled BatchSize FilterCriteria MaximumBatchingWindowInSeconds ParallelizationFactor "
            + "StartingPosition StartingPositionTimestamp DestinationConfig MaximumRecordAgeInSeconds BisectBatchOnFunctionError "
            + "MaximumRetryAttempts Tags TumblingWindowInSeconds Topics Queues SourceAccessConfigurations SelfManagedEventSource "
            + "FunctionResponseTypes AmazonManagedKafkaEventSourceConfig SelfManagedKafkaEventSourceConfig ScalingConfig "
            + "DocumentDBEventSourceConfig KMSKeyArn MetricsConfig LoggingConfig ProvisionedPollerConfig",
            Members(Json.CreateEventSourceMappingRequest));
    }

    [TestMethod]
    public void Update_request_has_the_22_members_of_the_API()
    {
        Assert.AreEqual(
            "UUID FunctionName Enabled BatchSize FilterCriteria MaximumBatchingWindowInSeconds DestinationConfig "
            + "MaximumRecordAgeInSeconds BisectBatchOnFunctionError MaximumRetryAttempts ParallelizationFactor "
            + "SourceAccessConfigurations TumblingWindowInSeconds FunctionResponseTypes ScalingConfig "
            + "AmazonManagedKafkaEventSourceConfig SelfManagedKafkaEventSourceConfig DocumentDBEventSourceConfig KMSKeyArn "
            + "MetricsConfig LoggingConfig ProvisionedPollerConfig",
            Members(Json.UpdateEventSourceMappingRequest));
    }

    [TestMethod]
    public void Mapping_configuration_has_the_33_members_of_the_API()
    {
        Assert.AreEqual(
            "UUID StartingPosition StartingPositionTimestamp BatchSize MaximumBatchingWindowInSeconds ParallelizationFactor "
            + "EventSourceArn FilterCriteria FunctionArn LastModified LastProcessingResult State StateTransitionReason "
            + "DestinationConfig Topics Queues SourceAccessConfigurations SelfManagedEventSource MaximumRecordAgeInSeconds "
            + "BisectBatchOnFunctionError MaximumRetryAttempts TumblingWindowInSeconds FunctionResponseTypes "
            + "AmazonManagedKafkaEventSourceConfig SelfManagedKafkaEventSourceConfig ScalingConfig DocumentDBEventSourceConfig "
            + "KMSKeyArn FilterCriteriaError EventSourceMappingArn MetricsConfig LoggingConfig ProvisionedPollerConfig",
            Members(Json.EventSourceMappingConfiguration));
    }

    [TestMethod]
    public void Json_object_with_api_member_names_round_trips_through_the_create_request()
    {
        const string Text = """
            {"EventSourceArn":"arn:aws:kafka:us-east-1:123456789012:cluster/c1/abc","FunctionName":"f1:live","Enabled":true,"BatchSize":100,"FilterCriteria":{},"MaximumBatchingWindowInSeconds":5,"StartingPosition":"AT_TIMESTAMP","StartingPositionTimestamp":1767323045.5,"DestinationConfig":{},"Tags":{"managed-by":"gitmoxi"},"Topics":["orders"],"SourceAccessConfigurations":[{"Type":"BASIC_AUTH","URI":"arn:aws:secretsmanager:us-east-1:123456789012:secret:s"}],"SelfManagedEventSource":{"Endpoints":{"KAFKA_BOOTSTRAP_SERVERS":["b1:9092","b2:9092"]}},"FunctionResponseTypes":[],"AmazonManagedKafkaEventSourceConfig":{"ConsumerGroupId":"g1","SchemaRegistryConfig":{"SchemaRegistryURI":"https://registry","EventRecordFormat":"JSON","AccessConfigs":[{"Type":"BASIC_AUTH","URI":"arn:aws:secretsmanager:us-east-1:123456789012:secret:r"}],"SchemaValidationConfigs":[{"Attribute":"KEY"}]}},"ScalingConfig":{},"DocumentDBEventSourceConfig":{"DatabaseName":"db","CollectionName":"c","FullDocument":"UpdateLookup"},"KMSKeyArn":"","MetricsConfig":{"Metrics":[]},"LoggingConfig":{"SystemLogLevel":"WARN"},"ProvisionedPollerConfig":{"MinimumPollers":1,"MaximumPollers":3,"PollerGroupName":"g"}}
            """;
        var node = JsonNode.Parse(Text)!.AsObject();

        var request = JsonSerializer.Deserialize(node, Json.CreateEventSourceMappingRequest)!;

        Assert.AreEqual(CanonicalJson.ForDisplay(node), CanonicalJson.ForDisplay(JsonSerializer.SerializeToNode(request, Json.CreateEventSourceMappingRequest)));
    }

    [TestMethod]
    public void Mapping_configuration_becomes_a_json_object_with_wire_names_and_no_nulls()
    {
        var configuration = new EventSourceMappingConfiguration
        {
            UUID = "u-1",
            LastModified = new DateTime(2026, 11, 25, 15, 39, 4, DateTimeKind.Utc),
            State = "Enabled",
            FilterCriteriaError = new FilterCriteriaError { ErrorCode = "KMSAccessDenied" },
            ScalingConfig = new ScalingConfig { MaximumConcurrency = 5 },
        };

        var node = JsonSerializer.SerializeToNode(configuration, Json.EventSourceMappingConfiguration)!;

        Assert.AreEqual(
            """{"UUID":"u-1","LastModified":1795621144,"State":"Enabled","ScalingConfig":{"MaximumConcurrency":5},"FilterCriteriaError":{"ErrorCode":"KMSAccessDenied"}}""",
            node.ToJsonString());
    }

    private static string Members(JsonTypeInfo type) => string.Join(' ', type.Properties.Select(p => p.Name));
}
