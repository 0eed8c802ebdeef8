namespace Gitmoxi.LambdaSources;

/// <param name="Prune">Delete owned sources that left the files (opt-in; otherwise they are reported as drift).</param>
/// <param name="Wait">Wait for each mapping's state to settle after a change.</param>
/// <param name="WaitTimeout">How long one change may wait for its mapping to settle.</param>
/// <param name="MaxConcurrency">
/// Functions planned and applied at once. The rate each AWS API sees is bounded in the request path
/// (<see cref="Aws.AwsSettings.RateLimits"/>), not here: enough functions in flight keep every API's bucket busy
/// at once, so a large plan takes as long as its busiest API needs, not the sum of all of them.
/// </param>
public sealed record EngineOptions(
    bool Prune = false,
    bool Wait = true,
    TimeSpan? WaitTimeout = null,
    int MaxConcurrency = 16)
{
    public TimeSpan EffectiveWaitTimeout => WaitTimeout ?? TimeSpan.FromMinutes(5);
}
