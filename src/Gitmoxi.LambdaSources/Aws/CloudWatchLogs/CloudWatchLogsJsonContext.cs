using Gitmoxi.LambdaSources.Aws.CloudWatchLogs.Model;

namespace Gitmoxi.LambdaSources.Aws.CloudWatchLogs;

/// <summary>Source-generated JSON for the CloudWatch Logs wire types: AWS JSON 1.1 with camelCase members; null members are not written.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(DescribeSubscriptionFiltersRequest))]
[JsonSerializable(typeof(DescribeSubscriptionFiltersResponse))]
[JsonSerializable(typeof(PutSubscriptionFilterRequest))]
[JsonSerializable(typeof(DeleteSubscriptionFilterRequest))]
[JsonSerializable(typeof(EmptyResponse))]
internal sealed partial class CloudWatchLogsJsonContext : JsonSerializerContext;
