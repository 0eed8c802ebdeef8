namespace Gitmoxi.LambdaSources.Aws.EventBridge.Model;

internal sealed class DescribeRuleRequest
{
    public string? Name { get; set; }

    public string? EventBusName { get; set; }
}

/// <summary>The members of a rule the engine reads.</summary>
internal sealed class DescribeRuleResponse
{
    public string? Name { get; set; }

    public string? Arn { get; set; }

    public string? EventBusName { get; set; }

    public string? State { get; set; }

    /// <summary>Set for a rule another AWS service manages: its targets are not ours to change.</summary>
    public string? ManagedBy { get; set; }
}

internal sealed class DescribeEventBusRequest
{
    public string? Name { get; set; }
}

internal sealed class DescribeEventBusResponse
{
    public string? Name { get; set; }

    public string? Arn { get; set; }
}

internal sealed class ListTargetsByRuleRequest
{
    public string? Rule { get; set; }

    public string? EventBusName { get; set; }

    public string? NextToken { get; set; }

    public int? Limit { get; set; }
}

internal sealed class ListTargetsByRuleResponse
{
    public List<Target>? Targets { get; set; }

    public string? NextToken { get; set; }
}

/// <summary>
/// One rule target. A Lambda target takes <see cref="Id"/>, <see cref="Arn"/> and the members a file may declare
/// (<c>Input</c>, <c>InputPath</c>, <c>InputTransformer</c>, <c>RetryPolicy</c>, <c>DeadLetterConfig</c>); every other
/// member (another kind of target's parameters) is kept as read in <see cref="Members"/>.
/// </summary>
internal sealed class Target
{
    public string? Id { get; set; }

    public string? Arn { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Members { get; set; }
}

internal sealed class PutTargetsRequest
{
    public string? Rule { get; set; }

    public string? EventBusName { get; set; }

    public List<Target>? Targets { get; set; }
}

/// <summary>PutTargets and RemoveTargets answer 200 with per-target failures.</summary>
internal sealed class TargetsResponse
{
    public int? FailedEntryCount { get; set; }

    public List<FailedEntry>? FailedEntries { get; set; }
}

internal sealed class FailedEntry
{
    public string? TargetId { get; set; }

    public string? ErrorCode { get; set; }

    public string? ErrorMessage { get; set; }
}

internal sealed class RemoveTargetsRequest
{
    public string? Rule { get; set; }

    public string? EventBusName { get; set; }

    public List<string>? Ids { get; set; }
}

/// <summary><c>ResourceNotFoundException</c>: no such rule, or no such event bus.</summary>
internal sealed class ResourceNotFoundException(AwsErrorDetails error) : AwsServiceException(error);
