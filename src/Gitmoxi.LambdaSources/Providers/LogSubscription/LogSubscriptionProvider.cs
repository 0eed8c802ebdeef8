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
    private static readonly Backoff PermissionPropagation = new(int.MaxValue, TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(20));

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

    private static async Task PutAsync(ApplyContext context, PutLogSubscriptionFilter put, CancellationToken cancellationToken)
    {
        var started = context.Time.GetUtcNow();
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await context.Aws.Logs.PutSubscriptionFilterAsync(
                    new PutSubscriptionFilterRequest
                    {
                        LogGroupName = put.LogGroupName, FilterName = put.FilterName, FilterPattern = put.FilterPattern, DestinationArn = put.DestinationArn,
                    },
                    cancellationToken);
                return;
            }
            catch (InvalidParameterException) when (PermissionPropagation.TryDelay(attempt, context.Time.GetUtcNow() - started, out var delay))
            {
                // "Could not execute the lambda function. Make sure you have given CloudWatch Logs permission to execute your function."
                Progress.WaitingForPermission(context.Logger, put.DestinationArn, context.Time.GetUtcNow() - started, PermissionPropagation.MaxTotalTime!.Value);
                await Task.Delay(delay, context.Time, cancellationToken);
            }
        }
    }
}
