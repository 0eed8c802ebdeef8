namespace Gitmoxi.LambdaSources.Providers;

/// <summary>
/// A write the source's service checks against the function's resource policy when it is made (an ELB registration, an
/// S3 notification configuration, a CloudWatch Logs subscription filter): the statement it needs was added in an earlier
/// phase, moments ago, and takes seconds to be seen, so the service's refusal for lack of it is retried briefly.
/// </summary>
internal static class PermissionPropagation
{
    private static readonly Backoff Policy = new(int.MaxValue, TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(20));

    /// <param name="waiting">What waits for the permission, as the progress log names it.</param>
    /// <param name="isRefusal">Whether the error is the service's refusal for lack of the permission; any other error is thrown.</param>
    public static async Task RetryAsync<TException>(
        ApplyContext context, string waiting, Func<Task> write, Func<TException, bool> isRefusal, CancellationToken cancellationToken)
        where TException : Exception
    {
        var started = context.Time.GetUtcNow();
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await write();
                return;
            }
            catch (TException e) when (isRefusal(e) && Policy.TryDelay(attempt, context.Time.GetUtcNow() - started, out var delay))
            {
                Progress.WaitingForPermission(context.Logger, waiting, context.Time.GetUtcNow() - started, Policy.MaxTotalTime!.Value);
                await Task.Delay(delay, context.Time, cancellationToken);
            }
        }
    }
}
