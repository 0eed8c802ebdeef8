namespace Gitmoxi.LambdaSources.Aws;

/// <summary>
/// Bounds of the request path's retries: capped full-jitter exponential backoff
/// (delay = random(0, min(<see cref="MaxDelay"/>, <see cref="BaseDelay"/> * 2^(retry - 1)))), at most
/// <see cref="MaxAttempts"/> attempts, and no retry that would start after <see cref="MaxTotalTime"/>.
/// </summary>
public sealed record AwsRetryOptions
{
    public static AwsRetryOptions Default { get; } = new();

    /// <summary>Attempts in total, the first one included; 1 disables retries.</summary>
    public int MaxAttempts
    {
        get;
        init => field = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "At least one attempt.");
    } = 6;

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
