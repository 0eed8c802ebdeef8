namespace Gitmoxi.LambdaSources.Retrying;

/// <summary>
/// The one retry policy of every loop that retries a failed call: at most <see cref="MaxAttempts"/> attempts (the first
/// included), and before retry <c>n</c> (1-based) a random wait in [0, min(<see cref="MaxDelay"/>,
/// <see cref="BaseDelay"/> × 2^(n−1))): capped exponential backoff with full jitter, so parallel jobs that fail
/// together (one role assumed by a matrix, one API throttling a fleet) do not retry in lockstep. No retry starts after
/// <see cref="MaxTotalTime"/> from the first attempt, when one is set.
/// </summary>
public sealed record Backoff
{
    public Backoff(int maxAttempts, TimeSpan baseDelay, TimeSpan maxDelay, TimeSpan? maxTotalTime = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxAttempts, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(baseDelay, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxDelay, TimeSpan.Zero);
        MaxAttempts = maxAttempts;
        BaseDelay = baseDelay;
        MaxDelay = maxDelay;
        MaxTotalTime = maxTotalTime;
    }

    /// <summary>Attempts in total, the first one included; 1 disables retries.</summary>
    public int MaxAttempts { get; }

    public TimeSpan BaseDelay { get; }

    public TimeSpan MaxDelay { get; }

    /// <summary>Time from the start of the first attempt after which no retry is started; null for no bound.</summary>
    public TimeSpan? MaxTotalTime { get; }

    /// <summary>Whether attempt <paramref name="attempt"/> (1-based) may be followed by another, <paramref name="elapsed"/> after the first began.</summary>
    public bool MayRetry(int attempt, TimeSpan elapsed = default) =>
        attempt < MaxAttempts && (MaxTotalTime is not { } total || elapsed < total);

    /// <summary>The wait before retry <paramref name="retry"/> (1-based: the wait after the first failed attempt is retry 1).</summary>
    /// <param name="random">A value in [0, 1) (tests fix it); <see cref="Random.Shared"/> when null.</param>
    public TimeSpan DelayBeforeRetry(int retry, double? random = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(retry, 1);
        var ceiling = Math.Min(MaxDelay.TotalMilliseconds, BaseDelay.TotalMilliseconds * Math.Pow(2, retry - 1));
        return TimeSpan.FromMilliseconds((random ?? Random.Shared.NextDouble()) * ceiling);
    }
}
