using Gitmoxi.LambdaSources.Aws.CloudWatchLogs.Model;

namespace Gitmoxi.LambdaSources.Providers.LogSubscription;

internal sealed record LiveFilter(string FilterName, string FilterPattern, string DestinationArn);

/// <summary>One log group's subscription filters (none when the group does not exist).</summary>
internal sealed record LiveLogGroup(string Name, bool Exists, IReadOnlyList<LiveFilter> Filters);

/// <summary>The log groups one function's Logs sources (declared, or named by this repository's statements) refer to, by name.</summary>
internal sealed record LogSubscriptionLive(IReadOnlyDictionary<string, LiveLogGroup> Groups, string UnqualifiedArn) : IWiringLive
{
    public IEnumerable<string> QualifierKeys =>
        Groups.Values.SelectMany(g => g.Filters).Select(f => f.DestinationArn)
            .Where(d => FunctionArns.Unqualified(d) == UnqualifiedArn)
            .Select(d => PushSources.QualifierKey(PushSources.QualifierOfArn(d)));

    public string Fingerprint => string.Join(
        "\n", Groups.Values.OrderBy(g => g.Name, StringComparer.Ordinal).Select(g => $"{g.Name} {g.Exists} " + string.Join(
            ",", g.Filters.OrderBy(f => f.FilterName, StringComparer.Ordinal).Select(f => $"{f.FilterName}={f.DestinationArn} {CanonicalJson.Quote(f.FilterPattern)}"))));

    public WiringPlan Diff(PlanTarget target, IReadOnlyList<OwnedStatement> owned) => LogSubscriptionDiff.Plan(target, this, owned);
}

/// <summary>Reads each log group the run names once: every page of <c>DescribeSubscriptionFilters</c>.</summary>
internal sealed class LogSubscriptionReader(AwsClients aws) : IWiringReader
{
    private readonly OnceReader<string, LiveLogGroup> groups = new((name, ct) => ReadGroupAsync(aws, name, ct), StringComparer.Ordinal);

    public Task<IWiringLive> ReadAsync(PlanTarget target, CancellationToken cancellationToken) =>
        ReadGroupsAsync(new Dictionary<string, LiveLogGroup>(StringComparer.Ordinal),
            target.Function.PushSources.OfType<LogSubscriptionPushSource>().Select(s => s.LogGroupName), target, cancellationToken);

    public Task<IWiringLive> ReadOwnedAsync(PlanTarget target, IWiringLive live, IReadOnlyList<OwnedStatement> owned, CancellationToken cancellationToken) =>
        ReadGroupsAsync(new Dictionary<string, LiveLogGroup>(((LogSubscriptionLive)live).Groups, StringComparer.Ordinal),
            owned.Where(s => s.Id.Kind == StatementIds.LogsKind && s.Statement.SourceArn is not null
                    && PushSources.ArnParts(s.Statement.SourceArn) == PushSources.ArnParts(target.QualifiedArn))
                .Select(s => LogSubscriptionDiff.GroupOfArn(s.Statement.SourceArn!)).OfType<string>(),
            target, cancellationToken);

    private async Task<IWiringLive> ReadGroupsAsync(Dictionary<string, LiveLogGroup> found, IEnumerable<string> names, PlanTarget target, CancellationToken cancellationToken)
    {
        foreach (var name in names.Where(n => !found.ContainsKey(n)))
        {
            found[name] = await groups.GetAsync(name, cancellationToken);
        }

        return new LogSubscriptionLive(found, target.UnqualifiedArn);
    }

    private static async Task<LiveLogGroup> ReadGroupAsync(AwsClients aws, string name, CancellationToken cancellationToken)
    {
        var filters = new List<LiveFilter>();
        string? next = null;
        try
        {
            do
            {
                var page = await aws.Logs.DescribeSubscriptionFiltersAsync(new DescribeSubscriptionFiltersRequest { LogGroupName = name, NextToken = next }, cancellationToken);
                filters.AddRange((page.SubscriptionFilters ?? []).Where(f => f.FilterName is not null)
                    .Select(f => new LiveFilter(f.FilterName!, f.FilterPattern ?? string.Empty, f.DestinationArn ?? string.Empty)));
                next = page.NextToken;
            }
            while (next is not null);
        }
        catch (ResourceNotFoundException)
        {
            return new LiveLogGroup(name, false, []);
        }

        return new LiveLogGroup(name, true, filters);
    }
}
