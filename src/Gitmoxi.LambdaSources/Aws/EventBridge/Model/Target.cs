namespace Gitmoxi.LambdaSources.Aws.EventBridge.Model;

/// <summary>
/// One rule target. A Lambda target takes <see cref="Id"/>, <see cref="Arn"/> and the members a file may declare
/// (<c>Input</c>, <c>InputPath</c>, <c>InputTransformer</c>, <c>RetryPolicy</c>, <c>DeadLetterConfig</c>); every other
/// member (another kind of target's parameters) is kept as read in <see cref="Members"/>, so the engine compares and
/// writes back a target's members by their API names without a class for each kind of target.
/// </summary>
internal sealed partial class Target
{
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Members { get; set; }
}
