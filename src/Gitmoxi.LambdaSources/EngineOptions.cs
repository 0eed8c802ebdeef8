namespace Gitmoxi.LambdaSources;

/// <param name="Prune">Delete owned sources that left the files (opt-in; otherwise they are reported as drift).</param>
/// <param name="Wait">Wait for each mapping's state to settle after a change.</param>
/// <param name="WaitTimeout">How long one change may wait for its mapping to settle.</param>
/// <param name="MaxConcurrency">Functions planned and applied at once; bounded to stay under Lambda's control-plane rate.</param>
public sealed record EngineOptions(
    bool Prune = false,
    bool Wait = true,
    TimeSpan? WaitTimeout = null,
    int MaxConcurrency = 4)
{
    public TimeSpan EffectiveWaitTimeout => WaitTimeout ?? TimeSpan.FromMinutes(5);
}
