namespace Gitmoxi.LambdaSources.Providers.EventSourceMapping;

/// <summary>
/// Creates a mapping. <see cref="Request"/> is the <c>CreateEventSourceMapping</c> request body exactly as planned
/// and shown (members by their AWS names, tags included): apply sends it as is, with <see cref="FunctionArn"/> as
/// <c>FunctionName</c>, and never reads single members out of it.
/// </summary>
internal sealed record CreateMapping(string FunctionArn, JsonObject Request) : ChangeOperation
{
    internal override ApplyPhase Phase => ApplyPhase.Wire;
}

/// <summary>
/// Updates a mapping in place: <see cref="Update"/> is the <c>UpdateEventSourceMapping</c> request body (without
/// <c>UUID</c>; empty when only tags change) and <see cref="Tags"/> the tags to set and remove on <see cref="MappingArn"/>.
/// </summary>
internal sealed record UpdateMapping(string Uuid, string MappingArn, JsonObject Update, TagDelta Tags) : ChangeOperation
{
    internal override ApplyPhase Phase => ApplyPhase.Wire;
}

/// <summary>Deletes the mapping, waits until it is gone, then creates it again from <see cref="Request"/> (a create-only member changed).</summary>
internal sealed record ReplaceMapping(string Uuid, string FunctionArn, JsonObject Request) : ChangeOperation
{
    internal override ApplyPhase Phase => ApplyPhase.RemoveWiring;
}

internal sealed record DeleteMapping(string Uuid) : ChangeOperation
{
    internal override ApplyPhase Phase => ApplyPhase.RemoveWiring;
}

/// <summary>Tags to set (key → value) and tag keys to remove.</summary>
internal sealed record TagDelta(IReadOnlyDictionary<string, string> Set, IReadOnlyList<string> Remove)
{
    public static TagDelta None { get; } = new(new Dictionary<string, string>(StringComparer.Ordinal), []);

    public bool IsEmpty => Set.Count == 0 && Remove.Count == 0;
}
