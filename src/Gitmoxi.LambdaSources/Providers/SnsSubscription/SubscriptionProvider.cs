using Gitmoxi.LambdaSources.Aws.SimpleNotificationService.Model;

namespace Gitmoxi.LambdaSources.Providers.SnsSubscription;

/// <summary>
/// SNS topic subscriptions of protocol <c>lambda</c>: read by <see cref="SubscriptionReader"/>, diffed by
/// <see cref="SubscriptionDiff"/>, applied here. The statement for <c>sns.amazonaws.com</c> is added in an earlier phase.
/// </summary>
internal sealed class SubscriptionProvider : IWiringProvider
{
    public IWiringReader StartRead(AwsClients aws, IReadOnlyList<FunctionDefinition> functions) => new SubscriptionReader(aws);

    public bool Handles(ChangeOperation operation) => operation is SubscribeFunction or SetSubscriptionAttributes or UnsubscribeFunction;

    public async Task<string?> ApplyAsync(ChangeOperation operation, ApplyContext context, CancellationToken cancellationToken)
    {
        var sns = context.Aws.Sns;
        switch (operation)
        {
            case SubscribeFunction subscribe:
                // Subscribe answers the existing subscription for the same topic, protocol, endpoint and attributes, so a lost answer is repeated safely.
                var created = await sns.SubscribeAsync(
                    new SubscribeRequest
                    {
                        TopicArn = subscribe.TopicArn,
                        Protocol = SubscriptionDiff.Protocol,
                        Endpoint = subscribe.Endpoint,
                        Attributes = subscribe.Attributes.Count == 0 ? null : new Dictionary<string, string>(subscribe.Attributes, StringComparer.Ordinal),
                        ReturnSubscriptionArn = true,
                    },
                    cancellationToken);
                if (subscribe.Replaces is { } old)
                {
                    await UnsubscribeAsync(sns, old, cancellationToken);
                }

                return created.SubscriptionArn;
            case SetSubscriptionAttributes set:
                foreach (var attribute in set.Attributes)
                {
                    await sns.SetSubscriptionAttributesAsync(
                        new SetSubscriptionAttributesRequest { SubscriptionArn = set.SubscriptionArn, AttributeName = attribute.Name, AttributeValue = attribute.Value },
                        cancellationToken);
                }

                return null;
            case UnsubscribeFunction unsubscribe:
                await UnsubscribeAsync(sns, unsubscribe.SubscriptionArn, cancellationToken);
                return null;
            default:
                throw new ArgumentOutOfRangeException(nameof(operation), operation, "Not an SNS subscription operation.");
        }
    }

    private static async Task UnsubscribeAsync(Aws.SimpleNotificationService.AmazonSimpleNotificationServiceClient sns, string subscriptionArn, CancellationToken cancellationToken)
    {
        try
        {
            await sns.UnsubscribeAsync(new UnsubscribeRequest { SubscriptionArn = subscriptionArn }, cancellationToken);
        }
        catch (NotFoundException)
        {
            // Gone already (a repeated call whose first answer was lost): the goal of an unsubscribe.
        }
    }
}
