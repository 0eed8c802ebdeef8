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
/// Mappings come from one account-wide, paged <c>ListEventSourceMappings</c> (AWS returns at most 100 per page), read
/// the first time a function asks: one listing covers every function of the run and every qualifier of each, so a
/// mapping left on an old alias is found and retargeted. Each mapping's tags are read once, a function's side by side.
/// </summary>
internal sealed class MappingReader(AwsClients aws) : IWiringReader
{
    private readonly OnceReader<string, ILookup<string, EventSourceMappingConfiguration>> listing = new((_, ct) => ListAsync(aws, ct));
    private readonly OnceReader<string, IReadOnlyDictionary<string, string>> tags = new(
        async (arn, ct) => (await aws.Lambda.ListTagsAsync(new ListTagsRequest { Resource = arn }, ct)).Tags ?? new Dictionary<string, string>(),
        StringComparer.Ordinal);

    public async Task<IWiringLive> ReadAsync(PlanTarget target, CancellationToken cancellationToken)
    {
        var mappings = (await listing.GetAsync(string.Empty, cancellationToken))[target.UnqualifiedArn].ToList();
        var tagged = await Task.WhenAll(mappings.Select(async mapping => new LiveMapping(
            JsonSerializer.SerializeToNode(mapping, Aws.Lambda.LambdaJsonContext.Default.EventSourceMappingConfiguration)!.AsObject(),
            await tags.GetAsync(mapping.EventSourceMappingArn!, cancellationToken))));
        return new MappingLive(tagged);
    }

    public Task<IWiringLive> ReadOwnedAsync(PlanTarget target, IWiringLive live, IReadOnlyList<OwnedStatement> owned, CancellationToken cancellationToken) =>
        Task.FromResult(live);

    private static async Task<ILookup<string, EventSourceMappingConfiguration>> ListAsync(AwsClients aws, CancellationToken cancellationToken)
    {
        var all = new List<EventSourceMappingConfiguration>();
        await foreach (var mapping in aws.Lambda.Paginators.ListEventSourceMappings(new ListEventSourceMappingsRequest())
            .EventSourceMappings.WithCancellation(cancellationToken))
        {
            all.Add(mapping);
        }

        return all.Where(m => m.FunctionArn is not null).ToLookup(m => FunctionArns.Unqualified(m.FunctionArn!), StringComparer.Ordinal);
    }
}
