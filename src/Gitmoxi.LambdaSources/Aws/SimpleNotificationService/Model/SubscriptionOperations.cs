namespace Gitmoxi.LambdaSources.Aws.SimpleNotificationService.Model;

/// <summary><c>ListSubscriptionsByTopic</c>: up to 100 subscriptions per page, following <see cref="NextToken"/>.</summary>
internal sealed class ListSubscriptionsByTopicRequest
{
    public string? TopicArn { get; set; }

    public string? NextToken { get; set; }
}

internal sealed class ListSubscriptionsByTopicResponse
{
    public List<Subscription>? Subscriptions { get; set; }

    public string? NextToken { get; set; }
}

/// <summary>One subscription as a listing shows it; <see cref="SubscriptionArn"/> is <c>PendingConfirmation</c> until confirmed.</summary>
internal sealed class Subscription
{
    public string? SubscriptionArn { get; set; }

    public string? Owner { get; set; }

    public string? Protocol { get; set; }

    public string? Endpoint { get; set; }

    public string? TopicArn { get; set; }
}

internal sealed class GetSubscriptionAttributesRequest
{
    public string? SubscriptionArn { get; set; }
}

internal sealed class GetSubscriptionAttributesResponse
{
    public Dictionary<string, string>? Attributes { get; set; }
}

/// <summary><c>Subscribe</c>; with <see cref="ReturnSubscriptionArn"/> the answer names the subscription even before it is confirmed.</summary>
internal sealed class SubscribeRequest
{
    public string? TopicArn { get; set; }

    public string? Protocol { get; set; }

    public string? Endpoint { get; set; }

    public Dictionary<string, string>? Attributes { get; set; }

    public bool? ReturnSubscriptionArn { get; set; }
}

internal sealed class SubscribeResponse
{
    public string? SubscriptionArn { get; set; }
}

internal sealed class SetSubscriptionAttributesRequest
{
    public string? SubscriptionArn { get; set; }

    public string? AttributeName { get; set; }

    public string? AttributeValue { get; set; }
}

internal sealed class SetSubscriptionAttributesResponse;

internal sealed class UnsubscribeRequest
{
    public string? SubscriptionArn { get; set; }
}

internal sealed class UnsubscribeResponse;

/// <summary><c>NotFound</c>: the topic or subscription does not exist.</summary>
internal sealed class NotFoundException(AwsErrorDetails error) : AwsServiceException(error);
