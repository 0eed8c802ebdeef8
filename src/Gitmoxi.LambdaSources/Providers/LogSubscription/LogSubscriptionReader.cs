using Gitmoxi.LambdaSources.Aws.CloudWatchLogs.Model;

namespace Gitmoxi.LambdaSources.Providers.LogSubscription;

internal sealed record LiveFilter(string FilterName, string FilterPattern, string DestinationArn);

/// <summary>One log group's subscription filters (none when the group does not exist).</summary>
internal sealed record LiveLogGroup(string Name, bool Exists, IReadOnlyList<LiveFilter> Filters);

/// <summary>The log groups one function's Logs sources (declared, or named by this repository's statements) refer to, by name.</summary>
internal sealed record LogSubscriptionLive(IReadOnlyDictionary<string, LiveLogGroup> Groups, string UnqualifiedArn) : IWiringLive
{
    public IEnumerable<string> QualifierKeys =>
        PushSources.QualifierKeysOf(Groups.Values.SelectMany(g => g.Filters).Select(f => f.DestinationArn), UnqualifiedArn);

    public string Fingerprint => string.Join(
        "\n", Groups.Values.OrderBy(g => g.Name, StringComparer.Ordinal).Select(g => $"{g.Name} {g.Exists} " + string.Join(
            ",", g.Filters.OrderBy(f => f.FilterName, StringComparer.Ordinal).Select(f => $"{f.FilterName}={f.DestinationArn} {CanonicalJson.Quote(f.FilterPattern)}"))));

    public WiringPlan Diff(PlanTarget target, IReadOnlyList<OwnedStatement> owned) => LogSubscriptionDiff.Plan(target, this, owned);
}

/// <summary>Reads each log group the run names once: every page of <c>DescribeSubscriptionFilters</c>.</summary>
internal sealed class LogSubscriptionReader(AwsClients aws) : IWiringReader
{
    private readonly OnceReader<string, LiveLogGroup> groups = new((name, ct) => ReadGroupAsync(aws, name, ct), StringComparer.Ordinal);

    public async Task<IWiringLive> ReadAsync(PlanTarget target, CancellationToken cancellationToken) => new LogSubscriptionLive(
        await NamedResources.AddAsync(
            new Dictionary<string, LiveLogGroup>(), target.Function.PushSources.OfType<LogSubscriptionPushSource>().Select(s => s.LogGroupName), groups.GetAsync, cancellationToken),
        target.UnqualifiedArn);

    public async Task<IWiringLive> ReadOwnedAsync(PlanTarget target, IWiringLive live, IReadOnlyList<OwnedStatement> owned, CancellationToken cancellationToken)
    {
        var named = owned.Where(s => s.Id.Kind == StatementIds.LogsKind && s.Statement.SourceArn is not null && PushSources.WithFunction(s.Statement.SourceArn, target.QualifiedArn))
            .Select(s => LogSubscriptionDiff.GroupOfArn(s.Statement.SourceArn!)).OfType<string>();
        return new LogSubscriptionLive(await NamedResources.AddAsync(((LogSubscriptionLive)live).Groups, named, groups.GetAsync, cancellationToken), target.UnqualifiedArn);
    }

    private static async Task<LiveLogGroup> ReadGroupAsync(AwsClients aws, string name, CancellationToken cancellationToken)
    {
        var filters = await PagedList.ReadIfExistsAsync(
            (next, ct) => aws.Logs.DescribeSubscriptionFiltersAsync(new DescribeSubscriptionFiltersRequest { LogGroupName = name, NextToken = next }, ct),
            page => (page.SubscriptionFilters, page.NextToken),
            e => e is ResourceNotFoundException,
            cancellationToken);
        return new LiveLogGroup(
            name,
            filters is not null,
            [.. (filters ?? []).Where(f => f.FilterName is not null).Select(f => new LiveFilter(f.FilterName!, f.FilterPattern ?? string.Empty, f.DestinationArn ?? string.Empty))]);
    }
}
