namespace Gitmoxi.LambdaSources.Aws.CloudWatchLogs.Model;

internal sealed class DescribeSubscriptionFiltersRequest
{
    public string? LogGroupName { get; set; }

    public string? NextToken { get; set; }
}

internal sealed class DescribeSubscriptionFiltersResponse
{
    public List<SubscriptionFilter>? SubscriptionFilters { get; set; }

    public string? NextToken { get; set; }
}

/// <summary>One subscription filter; a Lambda destination has no <see cref="RoleArn"/>.</summary>
internal sealed class SubscriptionFilter
{
    public string? FilterName { get; set; }

    public string? LogGroupName { get; set; }

    public string? FilterPattern { get; set; }

    public string? DestinationArn { get; set; }

    public string? RoleArn { get; set; }

    /// <summary><c>ByLogStream</c> or <c>Random</c> (the default); it matters only for Kinesis destinations.</summary>
    public string? Distribution { get; set; }
}

/// <summary><c>PutSubscriptionFilter</c>: creates the filter, or updates the one with this name.</summary>
internal sealed class PutSubscriptionFilterRequest
{
    public string? LogGroupName { get; set; }

    public string? FilterName { get; set; }

    public string? FilterPattern { get; set; }

    public string? DestinationArn { get; set; }

    public string? Distribution { get; set; }
}

internal sealed class DeleteSubscriptionFilterRequest
{
    public string? LogGroupName { get; set; }

    public string? FilterName { get; set; }
}

internal sealed class EmptyResponse;

/// <summary><c>ResourceNotFoundException</c>: no such log group or filter.</summary>
internal sealed class ResourceNotFoundException(AwsErrorDetails error) : AwsServiceException(error);

/// <summary><c>InvalidParameterException</c>: for a Lambda destination, also CloudWatch Logs may not invoke the function (yet).</summary>
internal sealed class InvalidParameterException(AwsErrorDetails error) : AwsServiceException(error);
