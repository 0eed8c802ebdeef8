using Gitmoxi.LambdaSources.Aws.Lambda.Model;

namespace Gitmoxi.LambdaSources.Providers.EventSourceMapping;

/// <summary>
/// Whether a live mapping is exactly what a create request makes, so the loser of two racing applies of one
/// definition may adopt the winner's mapping without skipping the plan's review. Pure; typed values in.
/// </summary>
internal static class SameMapping
{
    /// <summary>
    /// True when <paramref name="liveTags"/> (less AWS's own <c>aws:</c> tags) are exactly the request's tags (the same
    /// owner record: repository and definition path, and the same user tags), and every member the request sends
    /// equals the live value, compared canonically as the planner compares (<c>Enabled</c> against <c>State</c>, which
    /// must have settled). A member AWS does not echo counts as different.
    /// </summary>
    public static bool Matches(CreateEventSourceMappingRequest request, GetEventSourceMappingResponse live, IReadOnlyDictionary<string, string> liveTags)
    {
        var wantedTags = request.Tags ?? [];
        var ownTags = liveTags.Where(t => !t.Key.StartsWith("aws:", StringComparison.Ordinal)).ToList();
        if (!Ownership.IsManaged(liveTags) || ownTags.Count != wantedTags.Count
            || ownTags.Any(t => !wantedTags.TryGetValue(t.Key, out var value) || value != t.Value))
        {
            return false;
        }

        if (live.State is not ("Enabled" or "Disabled") || (live.State == "Enabled") != (request.Enabled ?? true))
        {
            return false;
        }

        var sent = JsonSerializer.SerializeToNode(request, LambdaJsonContext.Default.CreateEventSourceMappingRequest)!.AsObject();
        var actual = JsonSerializer.SerializeToNode(live, LambdaJsonContext.Default.GetEventSourceMappingResponse)!.AsObject();
        return sent
            .Where(member => member.Key is not (MappingFields.FunctionName or MappingFields.Tags or MappingFields.Enabled))
            .All(member => CanonicalJson.AreEqual(member.Value, actual[member.Key]));
    }
}
