namespace Gitmoxi.Action.Credentials;

/// <summary>
/// Bounded exponential backoff with full jitter: before retry <c>n</c> (0-based) wait a random time in
/// [0, min(MaxDelay, BaseDelay × 2^n)). Parallel jobs assuming the same role then do not retry in lockstep.
/// </summary>
public sealed record BackoffPolicy(int MaxAttempts, TimeSpan BaseDelay, TimeSpan MaxDelay)
{
    /// <summary>The toolkit's http-client allows 10 retries of 502/503/504 for the ID token request.</summary>
    public static BackoffPolicy Oidc { get; } = new(11, TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(5));

    /// <summary>
    /// Few attempts: STS answers a misconfiguration (wrong audience or trust policy) at once and that is not
    /// retried at all; only throttling and transient faults come here, and the job should not hang on them.
    /// </summary>
    public static BackoffPolicy Sts { get; } = new(5, TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(8));

    public TimeSpan DelayBeforeRetry(int retry)
    {
        var ceiling = Math.Min(MaxDelay.TotalMilliseconds, BaseDelay.TotalMilliseconds * Math.Pow(2, retry));
        return TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * ceiling);
    }
}
