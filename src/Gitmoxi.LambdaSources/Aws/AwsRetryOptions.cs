namespace Gitmoxi.LambdaSources.Aws;

/// <summary>
/// THE retry and backoff policy of the engine (the request path, and any loop that waits or retries): capped
/// full-jitter exponential backoff (delay = random(0, min(<see cref="MaxDelay"/>, <see cref="BaseDelay"/> * 2^(retry - 1)))),
/// at most <see cref="MaxAttempts"/> attempts, and no retry that would start after <see cref="MaxTotalTime"/>.
/// </summary>
internal sealed record AwsRetryOptions
{
    public static AwsRetryOptions Default { get; } = new();

    /// <summary>
    /// Attempts in total, the first one included; 1 disables retries. Ten, because an apply makes hundreds of calls:
    /// with one call in five throttled or failing, six attempts still lose about one call in 15,000, ten about one
    /// in ten million, and <see cref="MaxTotalTime"/> bounds the wait either way (Terraform's AWS provider allows 25).
    /// </summary>
    public int MaxAttempts
    {
        get;
        init => field = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "At least one attempt.");
    } = 10;

    public TimeSpan BaseDelay
    {
        get;
        init => field = value >= TimeSpan.Zero ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "Must not be negative.");
    } = TimeSpan.FromMilliseconds(250);

    public TimeSpan MaxDelay
    {
        get;
        init => field = value >= TimeSpan.Zero ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "Must not be negative.");
    } = TimeSpan.FromSeconds(20);

    /// <summary>Time from the start of the first attempt after which no retry is started.</summary>
    public TimeSpan MaxTotalTime
    {
        get;
        init => field = value >= TimeSpan.Zero ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "Must not be negative.");
    } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// The wait before the attempt after <paramref name="attempt"/> (1 for the first retry): the jittered exponential
    /// delay, or <paramref name="retryAfter"/> when the service asked for longer.
    /// </summary>
    /// <param name="random">Jitter source; <see cref="Random.Shared"/> unless a test fixes it.</param>
    public TimeSpan Delay(int attempt, Random random, TimeSpan? retryAfter = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(attempt);
        ArgumentNullException.ThrowIfNull(random);
        var ceiling = Math.Min(MaxDelay.Ticks, BaseDelay.Ticks * Math.Pow(2, attempt - 1));
        var jittered = TimeSpan.FromTicks((long)(random.NextDouble() * ceiling));
        return retryAfter is { } asked && asked > jittered ? asked : jittered;
    }

    /// <summary>
    /// Whether another attempt may follow attempt number <paramref name="attempt"/> after waiting <paramref name="delay"/>,
    /// <paramref name="elapsed"/> after the first attempt started.
    /// </summary>
    public bool AllowsRetry(int attempt, TimeSpan elapsed, TimeSpan delay) => attempt < MaxAttempts && elapsed + delay <= MaxTotalTime;
}
