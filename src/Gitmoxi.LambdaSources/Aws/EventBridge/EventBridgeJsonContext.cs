using Gitmoxi.LambdaSources.Aws.EventBridge.Model;

namespace Gitmoxi.LambdaSources.Aws.EventBridge;

/// <summary>Source-generated JSON for the EventBridge wire types: AWS JSON 1.1 with PascalCase members; null members are not written.</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(DescribeRuleRequest))]
[JsonSerializable(typeof(DescribeRuleResponse))]
[JsonSerializable(typeof(DescribeEventBusRequest))]
[JsonSerializable(typeof(DescribeEventBusResponse))]
[JsonSerializable(typeof(ListTargetsByRuleRequest))]
[JsonSerializable(typeof(ListTargetsByRuleResponse))]
[JsonSerializable(typeof(PutTargetsRequest))]
[JsonSerializable(typeof(RemoveTargetsRequest))]
[JsonSerializable(typeof(TargetsResponse))]
internal sealed partial class EventBridgeJsonContext : JsonSerializerContext;
