using Gitmoxi.LambdaSources.Aws.Lambda.Model;

namespace Gitmoxi.LambdaSources.Providers.EventSourceMapping;

/// <summary>
/// One event source mapping as AWS reports it: the wire JSON of <c>EventSourceMappingConfiguration</c>
/// (member names per the Lambda API model) and its tags from <c>ListTags</c>.
/// </summary>
internal sealed record LiveMapping(JsonObject Configuration, IReadOnlyDictionary<string, string> Tags);

/// <summary>Every mapping AWS lists for one function (any qualifier), with its tags.</summary>
internal sealed record MappingLive(IReadOnlyList<LiveMapping> Mappings) : IWiringLive
{
    // Members that move on their own (processing results, transitions) are no part of what the plan was made from.
    private static readonly string[] Volatile = ["LastModified", "LastProcessingResult", "StateTransitionReason"];

    public IEnumerable<string> QualifierKeys => [];

    public string Fingerprint => string.Join(
        "\n",
        Mappings.Select(m =>
        {
            var configuration = m.Configuration.DeepClone().AsObject();
            foreach (var name in Volatile)
            {
                configuration.Remove(name);
            }

            var tags = new JsonObject();
            foreach (var (key, value) in m.Tags.OrderBy(t => t.Key, StringComparer.Ordinal))
            {
                tags[key] = value;
            }

            return CanonicalJson.ForDisplay(configuration) + " " + CanonicalJson.ForDisplay(tags);
        }).Order(StringComparer.Ordinal));

    public WiringPlan Diff(PlanTarget target, IReadOnlyList<OwnedStatement> owned) => MappingDiff.Plan(target, Mappings);
}

/// <summary>
/// Reads every mapping of each function of the run (any qualifier: a mapping left on an old alias or version is found
/// and retargeted or pruned), one of two ways, chosen once per run by <see cref="MappingListingRule"/>: the
/// account-wide <c>ListEventSourceMappings</c> (at most 100 per page), or per function, one filtered list for the
/// unqualified function and one for each of its versions and aliases. Each mapping's tags are read once, a function's
/// side by side.
/// </summary>
internal sealed class MappingReader(AwsClients aws, IReadOnlyList<FunctionDefinition> functions, MappingListing listing = MappingListing.Auto) : IWiringReader
{
    private readonly OnceReader<string, MappingSource> source = new((_, ct) => new MappingListingRule(aws, functions, listing).ChooseAsync(ct));
    private readonly OnceReader<string, IReadOnlyDictionary<string, string>> tags = new(
        async (arn, ct) => (await aws.Lambda.ListTagsAsync(new ListTagsRequest { Resource = arn }, ct)).Tags ?? new Dictionary<string, string>(),
        StringComparer.Ordinal);

    public async Task<IWiringLive> ReadAsync(PlanTarget target, CancellationToken cancellationToken)
    {
        var mappings = await (await source.GetAsync(string.Empty, cancellationToken)).MappingsAsync(target, cancellationToken);
        var tagged = await Task.WhenAll(mappings.Select(async mapping => new LiveMapping(
            JsonSerializer.SerializeToNode(mapping, Aws.Lambda.LambdaJsonContext.Default.EventSourceMappingConfiguration)!.AsObject(),
            await tags.GetAsync(mapping.EventSourceMappingArn!, cancellationToken))));
        return new MappingLive(tagged);
    }

    public Task<IWiringLive> ReadOwnedAsync(PlanTarget target, IWiringLive live, IReadOnlyList<OwnedStatement> owned, CancellationToken cancellationToken) =>
        Task.FromResult(live);
}
