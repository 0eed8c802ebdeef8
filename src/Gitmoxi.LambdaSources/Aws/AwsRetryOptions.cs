namespace Gitmoxi.LambdaSources.Aws;

/// <summary>
/// Bounds of the request path's retries: capped full-jitter exponential backoff
/// (delay = random(0, min(<see cref="MaxDelay"/>, <see cref="BaseDelay"/> * 2^(retry - 1)))), at most
/// <see cref="MaxAttempts"/> attempts, and no retry that would start after <see cref="MaxTotalTime"/>.
/// </summary>
public sealed record AwsRetryOptions
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
}
