namespace Gitmoxi.LambdaSources.Retrying;

/// <summary>
/// The one retry and wait policy of every loop that retries a failed call or waits for AWS to settle (the AWS request
/// path, mapping and permission waits, reconciled creates, the Action's OIDC and STS calls): at most
/// <see cref="MaxAttempts"/> attempts (the first included), and before retry <c>n</c> (1-based) a random wait in
/// [0, min(<see cref="MaxDelay"/>, <see cref="BaseDelay"/> × 2^(n−1))): capped exponential backoff with full jitter, so
/// parallel jobs that fail together (one role assumed by a matrix, one API throttling a fleet) do not retry in lockstep.
/// No retry is started whose wait would end after <see cref="MaxTotalTime"/> from the first attempt, when one is set.
/// Time is the caller's <see cref="TimeProvider"/>, so tests drive it with a fake clock.
/// </summary>
public sealed record Backoff
{
    public Backoff(int maxAttempts, TimeSpan baseDelay, TimeSpan maxDelay, TimeSpan? maxTotalTime = null)
    {
        MaxAttempts = maxAttempts;
        BaseDelay = baseDelay;
        MaxDelay = maxDelay;
        MaxTotalTime = maxTotalTime;
    }

    /// <summary>
    /// The AWS request path: ten attempts, because an apply makes hundreds of calls: with one call in five throttled or
    /// failing, six attempts still lose about one call in 15,000, ten about one in ten million, and two minutes bound
    /// the wait either way (Terraform's AWS provider allows 25 attempts).
    /// </summary>
    public static Backoff AwsRequests { get; } = new(10, TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(20), TimeSpan.FromMinutes(2));

    /// <summary>Attempts in total, the first one included; 1 disables retries.</summary>
    public int MaxAttempts
    {
        get;
        init => field = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "At least one attempt.");
    }

    public TimeSpan BaseDelay
    {
        get;
        init => field = value >= TimeSpan.Zero ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "Must not be negative.");
    }

    public TimeSpan MaxDelay
    {
        get;
        init => field = value >= TimeSpan.Zero ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "Must not be negative.");
    }

    /// <summary>Time from the start of the first attempt by which every wait must end; null for no bound.</summary>
    public TimeSpan? MaxTotalTime
    {
        get;
        init => field = value is not { } total || total >= TimeSpan.Zero ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "Must not be negative.");
    }

    /// <summary>
    /// The wait before retry <paramref name="retry"/> (1-based: the wait after the first failed attempt is retry 1): the
    /// jittered exponential delay, or <paramref name="retryAfter"/> when the service asked for longer.
    /// </summary>
    /// <param name="random">Jitter source; <see cref="Random.Shared"/> unless a test fixes it.</param>
    public TimeSpan Delay(int retry, Random? random = null, TimeSpan? retryAfter = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(retry, 1);
        var ceiling = Math.Min(MaxDelay.Ticks, BaseDelay.Ticks * Math.Pow(2, Math.Min(retry - 1, 62)));
        var jittered = TimeSpan.FromTicks((long)((random ?? Random.Shared).NextDouble() * ceiling));
        return retryAfter is { } asked && asked > jittered ? asked : jittered;
    }

    /// <summary>
    /// Whether another attempt may follow attempt <paramref name="attempt"/> after waiting <paramref name="delay"/>,
    /// <paramref name="elapsed"/> after the first attempt started.
    /// </summary>
    public bool AllowsRetry(int attempt, TimeSpan elapsed = default, TimeSpan delay = default) =>
        attempt < MaxAttempts && (MaxTotalTime is not { } total || elapsed + delay <= total);

    /// <summary>
    /// The wait before the attempt after <paramref name="attempt"/>, when the policy allows one (<see cref="Delay"/> and
    /// <see cref="AllowsRetry"/> together); false when the loop must give up.
    /// </summary>
    public bool TryDelay(int attempt, TimeSpan elapsed, out TimeSpan delay, Random? random = null, TimeSpan? retryAfter = null)
    {
        delay = Delay(attempt, random, retryAfter);
        return AllowsRetry(attempt, elapsed, delay);
    }
}
