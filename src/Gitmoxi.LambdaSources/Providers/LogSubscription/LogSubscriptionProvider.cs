using Gitmoxi.LambdaSources.Aws.CloudWatchLogs.Model;

namespace Gitmoxi.LambdaSources.Providers.LogSubscription;

/// <summary>
/// CloudWatch Logs subscription filters with a function destination: read by <see cref="LogSubscriptionReader"/>,
/// diffed by <see cref="LogSubscriptionDiff"/>, applied here. <c>PutSubscriptionFilter</c> test-invokes the function,
/// so it needs the statement for <c>logs.amazonaws.com</c> (added in an earlier phase); a refusal for lack of it is
/// retried briefly while the statement propagates.
/// </summary>
internal sealed class LogSubscriptionProvider : IWiringProvider
{
    public IWiringReader StartRead(AwsClients aws, IReadOnlyList<FunctionDefinition> functions) => new LogSubscriptionReader(aws);

    public bool Handles(ChangeOperation operation) => operation is PutLogSubscriptionFilter or DeleteLogSubscriptionFilter;

    public async Task<string?> ApplyAsync(ChangeOperation operation, ApplyContext context, CancellationToken cancellationToken)
    {
        switch (operation)
        {
            case PutLogSubscriptionFilter put:
                await PutAsync(context, put, cancellationToken);
                return put.FilterName;
            case DeleteLogSubscriptionFilter delete:
                try
                {
                    await context.Aws.Logs.DeleteSubscriptionFilterAsync(
                        new DeleteSubscriptionFilterRequest { LogGroupName = delete.LogGroupName, FilterName = delete.FilterName }, cancellationToken);
                }
                catch (ResourceNotFoundException)
                {
                    // Gone already: the goal of a delete.
                }

                return null;
            default:
                throw new ArgumentOutOfRangeException(nameof(operation), operation, "Not a subscription filter operation.");
        }
    }

    /// <summary>A refusal reads "Could not execute the lambda function. Make sure you have given CloudWatch Logs permission to execute your function."</summary>
    private static Task PutAsync(ApplyContext context, PutLogSubscriptionFilter put, CancellationToken cancellationToken) =>
        PermissionPropagation.RetryAsync<InvalidParameterException>(
            context,
            put.DestinationArn,
            () => context.Aws.Logs.PutSubscriptionFilterAsync(
                new PutSubscriptionFilterRequest
                {
                    LogGroupName = put.LogGroupName, FilterName = put.FilterName, FilterPattern = put.FilterPattern, DestinationArn = put.DestinationArn,
                },
                cancellationToken),
            _ => true,
            cancellationToken);
}
