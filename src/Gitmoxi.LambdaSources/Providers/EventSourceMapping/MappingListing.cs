using Gitmoxi.LambdaSources.Aws.Lambda.Model;

namespace Gitmoxi.LambdaSources.Providers.EventSourceMapping;

/// <summary>How a run reads its functions' mappings: <see cref="Auto"/> lets <see cref="MappingListingRule"/> choose; tests and benchmarks force one.</summary>
internal enum MappingListing
{
    Auto,
    AccountWide,
    ByFunction,
}

/// <summary>
/// Chooses, once per run, the cheaper way to read every mapping of the run's functions, in calls to Lambda's control
/// plane (15 requests/s shared by every API and every deployer in the account, so calls, not bytes, are the cost).
/// </summary>
/// <remarks>
/// <para>The account-wide list costs one call per 100 mappings in the account and Region (AWS returns at most 100 per
/// page whatever <c>MaxItems</c> says), P pages in all. No page tells how many remain, so P is known only at the end.</para>
/// <para>Listing by function costs, per function, its qualifiers (<c>ListAliases</c>, and <c>ListVersionsByFunction</c>
/// at 50 versions a page) and one filtered <c>ListEventSourceMappings</c> for the unqualified function and for each
/// version (<c>$LATEST</c> included) and alias: L filtered lists in all. The API reference documents that a version or
/// alias ARN lists that qualifier's mappings; it does not say that an unqualified name also returns the mappings of
/// the function's aliases and versions, so each qualifier is listed on its own (a mapping left on an old alias must be
/// found for prune and retargeting). That is at least <see cref="LeastCallsPerFunction"/> calls a function.</para>
/// <para>The rule:</para>
/// <list type="number">
/// <item>Read the first account-wide page. Without <c>NextMarker</c> it is the whole list: one call, nothing is cheaper
/// (the common case: most accounts hold fewer than 100 mappings).</item>
/// <item>A full first page says only that P ≥ 2. When listing by function is small in absolute terms (4 per function
/// at least, within <see cref="SmallRead"/> calls, i.e. up to 25 functions), read the qualifiers, and list by function
/// if its L lists are within <see cref="SmallRead"/> too: what this can cost over the account-wide list, when the
/// account turns out to hold just over 100 mappings, is bounded by about 150 calls (10 s of the shared quota), while
/// what it saves grows with the account (10 functions among 20,000 mappings: 61 calls instead of 201).</item>
/// <item>Otherwise, with both totals unknown, hedge (the rent-or-buy argument): keep reading the account-wide list for
/// as many pages as listing by function takes at least (4 per function); a list that ends there is used. If not, read
/// the qualifiers (now L is exact) and read on for L more pages; a list that ends there is used, else the functions
/// are listed by name. Either way the calls spent stay within about twice what the cheaper read alone would have cost,
/// however many mappings the account holds or however many versions the functions have.</item>
/// </list>
/// <para>Both reads give each function every mapping of every qualifier, in the same order (<see cref="MappingSource"/>),
/// so the plan is the same whichever is chosen; which one was, and why, goes to the progress log.</para>
/// </remarks>
internal sealed class MappingListingRule(AwsClients aws, IReadOnlyList<FunctionDefinition> functions, MappingListing listing)
{
    /// <summary>The fewest calls listing one function by name can take: its aliases, its versions, and a list each for the unqualified function and <c>$LATEST</c>.</summary>
    internal const int LeastCallsPerFunction = 4;

    /// <summary>Filtered lists few enough to prefer over an account-wide list known only to go past its first page (step 2).</summary>
    internal const int SmallRead = 100;

    public async Task<MappingSource> ChooseAsync(CancellationToken cancellationToken)
    {
        var names = functions.Select(f => f.FunctionName).Distinct(StringComparer.Ordinal).ToList();
        var pages = new AccountPages(aws.Lambda);
        if (listing == MappingListing.ByFunction)
        {
            var asked = await QualifiersAsync(names, cancellationToken);
            Progress.MappingListing(aws.Logger, () => (ByName(names.Count, asked), "the run asked for it"));
            return new ByFunctionSource(aws.Lambda, asked);
        }

        if (listing == MappingListing.AccountWide || names.Count == 0)
        {
            await pages.ReadAsync(names.Count == 0 ? 0 : int.MaxValue, cancellationToken);
            Progress.MappingListing(aws.Logger, () => (pages.Describe(), names.Count == 0 ? "no function to read" : "the run asked for it"));
            return pages.Source();
        }

        if (await pages.ReadAsync(1, cancellationToken))
        {
            Progress.MappingListing(aws.Logger, () => (pages.Describe(), "its first page is the whole list"));
            return pages.Source();
        }

        var least = LeastCallsPerFunction * names.Count;
        IReadOnlyDictionary<string, IReadOnlyList<string>?> qualifiers;
        int lists;
        if (least <= SmallRead)
        {
            qualifiers = await QualifiersAsync(names, cancellationToken);
            lists = FilteredLists(qualifiers);
            if (lists <= SmallRead)
            {
                Progress.MappingListing(
                    aws.Logger,
                    () => (ByName(names.Count, qualifiers), $"the account-wide list goes past its first page of 100 mappings, and {lists} filtered list(s) are few (at most {SmallRead})"));
                return new ByFunctionSource(aws.Lambda, qualifiers);
            }
        }
        else
        {
            if (await pages.ReadAsync(least, cancellationToken))
            {
                Progress.MappingListing(
                    aws.Logger, () => (pages.Describe(), $"it ended within the {least} calls that listing {names.Count} function(s) by name takes at least"));
                return pages.Source();
            }

            qualifiers = await QualifiersAsync(names, cancellationToken);
            lists = FilteredLists(qualifiers);
        }

        var before = pages.Count;
        if (await pages.ReadAsync(before + lists, cancellationToken))
        {
            Progress.MappingListing(
                aws.Logger,
                () => (pages.Describe(), $"it ended within {lists} more page(s), as many as the filtered lists of the {names.Count} function(s) and their versions and aliases"));
            return pages.Source();
        }

        Progress.MappingListing(
            aws.Logger,
            () => (ByName(names.Count, qualifiers),
                $"the account-wide list still had more after {pages.Count} page(s) ({pages.Mappings} mappings), {lists} of them read after the qualifiers showed that listing by name takes {lists} filtered list(s)"));
        return new ByFunctionSource(aws.Lambda, qualifiers);
    }

    /// <summary>The versions (<c>$LATEST</c> included) and aliases of a function; null when it does not exist.</summary>
    internal static async Task<IReadOnlyList<string>?> QualifiersAsync(AmazonLambdaClient lambda, string function, CancellationToken cancellationToken)
    {
        Task<List<string>> All(Func<string?, CancellationToken, Task<(List<string>? Items, string? Next)>> page) => PagedList.ReadAsync(page, cancellationToken);
        try
        {
            var aliases = All(async (marker, ct) =>
            {
                var page = await lambda.ListAliasesAsync(new ListAliasesRequest { FunctionName = function, Marker = marker }, ct);
                return (page.Aliases?.Select(a => a.Name).OfType<string>().ToList(), page.NextMarker);
            });
            var versions = All(async (marker, ct) =>
            {
                var page = await lambda.ListVersionsByFunctionAsync(new ListVersionsByFunctionRequest { FunctionName = function, Marker = marker }, ct);
                return (page.Versions?.Select(v => v.Version).OfType<string>().ToList(), page.NextMarker);
            });
            return [.. (await versions).Concat(await aliases).Distinct(StringComparer.Ordinal)];
        }

        catch (ResourceNotFoundException)
        {
            // Planning reports the missing function; it has no mappings to read.
            return null;
        }
    }

    private async Task<IReadOnlyDictionary<string, IReadOnlyList<string>?>> QualifiersAsync(List<string> names, CancellationToken cancellationToken)
    {
        var read = await Task.WhenAll(names.Select(async name => (name, qualifiers: await QualifiersAsync(aws.Lambda, name, cancellationToken))));
        return read.ToDictionary(r => r.name, r => r.qualifiers, StringComparer.Ordinal);
    }

    // One list for the unqualified function and one per qualifier.
    private static int FilteredLists(IReadOnlyDictionary<string, IReadOnlyList<string>?> qualifiers) =>
        qualifiers.Values.Sum(q => q is null ? 0 : 1 + q.Count);

    private static string ByName(int functions, IReadOnlyDictionary<string, IReadOnlyList<string>?> qualifiers) =>
        $"listing {functions} function(s) by name ({FilteredLists(qualifiers)} filtered list(s): each function and each of its versions and aliases)";

    /// <summary>The account-wide list, read a page at a time up to a limit, resumable.</summary>
    private sealed class AccountPages(AmazonLambdaClient lambda)
    {
        private readonly List<EventSourceMappingConfiguration> all = [];
        private string? marker;

        public int Count { get; private set; }

        public int Mappings => all.Count;

        /// <returns>Whether the list has ended.</returns>
        public async Task<bool> ReadAsync(int limit, CancellationToken cancellationToken)
        {
            while (Count < limit && (Count == 0 || marker is not null))
            {
                var page = await lambda.ListEventSourceMappingsAsync(
                    new ListEventSourceMappingsRequest { MaxItems = AmazonLambdaClient.MaxEventSourceMappingsPage, Marker = marker }, cancellationToken);
                all.AddRange(page.EventSourceMappings ?? []);
                marker = string.IsNullOrEmpty(page.NextMarker) ? null : page.NextMarker;
                Count++;
            }

            return Count > 0 && marker is null;
        }

        public string Describe() => $"the account-wide list ({Count} page(s), {all.Count} mapping(s))";

        public AccountWideSource Source() => new AccountWideSource(
            all.Where(m => m.FunctionArn is not null).ToLookup(m => FunctionArns.Unqualified(m.FunctionArn!), StringComparer.Ordinal));
    }
}

/// <summary>Where one run's mappings come from: every mapping of one function, any qualifier.</summary>
internal abstract class MappingSource
{
    public abstract Task<IReadOnlyList<EventSourceMappingConfiguration>> MappingsAsync(PlanTarget target, CancellationToken cancellationToken);

    /// <summary>
    /// The function's mappings, each once, ordered by the function ARN they name (AWS's order within one qualifier):
    /// the same list whichever way they were read.
    /// </summary>
    protected static IReadOnlyList<EventSourceMappingConfiguration> Ordered(IEnumerable<EventSourceMappingConfiguration> mappings, string unqualifiedArn) =>
        [.. mappings
            .Where(m => m.FunctionArn is not null && FunctionArns.Unqualified(m.FunctionArn) == unqualifiedArn)
            .DistinctBy(m => m.UUID, StringComparer.Ordinal)
            .OrderBy(m => m.FunctionArn, StringComparer.Ordinal)];
}

internal sealed class AccountWideSource(ILookup<string, EventSourceMappingConfiguration> byFunction) : MappingSource
{
    public override Task<IReadOnlyList<EventSourceMappingConfiguration>> MappingsAsync(PlanTarget target, CancellationToken cancellationToken) =>
        Task.FromResult(Ordered(byFunction[target.UnqualifiedArn], target.UnqualifiedArn));
}

/// <param name="qualifiers">By function name as the definitions give it; read again for a function not among them.</param>
internal sealed class ByFunctionSource(AmazonLambdaClient lambda, IReadOnlyDictionary<string, IReadOnlyList<string>?> qualifiers) : MappingSource
{
    public override async Task<IReadOnlyList<EventSourceMappingConfiguration>> MappingsAsync(PlanTarget target, CancellationToken cancellationToken)
    {
        var known = qualifiers.TryGetValue(target.Function.FunctionName, out var read) && read is not null
            ? read
            : await MappingListingRule.QualifiersAsync(lambda, target.UnqualifiedArn, cancellationToken) ?? [];
        var names = known.Select(q => target.UnqualifiedArn + ":" + q).Prepend(target.UnqualifiedArn).Append(target.QualifiedArn).Distinct(StringComparer.Ordinal);
        var lists = await Task.WhenAll(names.Select(name => PagedList.ReadAsync(
            lambda.ListAllEventSourceMappings(new ListEventSourceMappingsRequest { FunctionName = name }), cancellationToken)));
        return Ordered(lists.SelectMany(list => list), target.UnqualifiedArn);
    }
}
