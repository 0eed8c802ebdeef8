namespace Gitmoxi.LambdaSources.Applying;

/// <summary>
/// Runs a create that AWS cannot make idempotent for us (a mapping, a statement, an integration). When its outcome is
/// unknown (a 5xx, a dropped connection), the live state is read first: what landed is adopted, and only what is
/// provably absent is created again, so a lost answer costs a read instead of a failed change or a duplicate.
/// </summary>
internal static class ReconciledCreate
{
    /// <summary>As many rounds as the request path allows attempts of an idempotent call, with short pauses between.</summary>
    private static readonly Backoff Rounds = new(Backoff.AwsRequests.MaxAttempts, TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(2));

    /// <param name="create">Sends the create; given the round (1-based), so a conflict in a later round can be recognized as an earlier round landing late.</param>
    /// <param name="find">Reads the live state for what <paramref name="create"/> makes; null when it is not there.</param>
    public static async Task<string> RunAsync(
        string what, Func<int, Task<string>> create, Func<Task<string?>> find, TimeProvider time, CancellationToken cancellationToken)
    {
        var started = time.GetUtcNow();
        for (var round = 1; ; round++)
        {
            try
            {
                return await create(round);
            }
            catch (AwsOutcomeUnknownException e)
            {
                if (await find() is { } landed)
                {
                    return landed;
                }

                if (!Rounds.TryDelay(round, time.GetUtcNow() - started, out var delay))
                {
                    var last = e.InnerException is AwsException aws ? aws.Describe() : e.InnerException?.Message ?? e.Message;
                    throw new GitmoxiException(DiagnosticCodes.ChangeFailed, $"{what} got no clear answer in {round} attempts and the live state shows it did not take effect (last: {last})");
                }

                await Task.Delay(delay, time, cancellationToken);
            }
        }
    }
}
