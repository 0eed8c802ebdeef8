using Gitmoxi.LambdaSources.Aws.Scheduler;
using Gitmoxi.LambdaSources.Aws.Scheduler.Model;
using Gitmoxi.LambdaSources.Definitions.PushKinds;

namespace Gitmoxi.LambdaSources.Providers.Schedule;

/// <summary>One live schedule: where it is and its settings as <c>GetSchedule</c> returns them (members by AWS name).</summary>
internal sealed record LiveSchedule(string GroupName, string Name, JsonObject Settings)
{
    public string Key => ScheduleDiff.Key(GroupName, Name);
}

/// <summary>The schedules one function's plan needs: the declared ones (null when absent), their groups, and the others that invoke the function.</summary>
/// <param name="Groups">Each declared group: whether it exists.</param>
/// <param name="Declared">By <c>group/name</c>: the live schedule, or null when there is none.</param>
/// <param name="Others">Undeclared schedules whose target is this function (any qualifier): prune candidates when they carry this repository's marker.</param>
internal sealed record ScheduleLive(
    IReadOnlyDictionary<string, bool> Groups,
    IReadOnlyDictionary<string, LiveSchedule?> Declared,
    IReadOnlyList<LiveSchedule> Others) : IWiringLive
{
    /// <summary>Scheduler invokes the function with the schedule's execution role: no resource policy is involved.</summary>
    public IEnumerable<string> QualifierKeys => [];

    public string Fingerprint => string.Join(
        "\n",
        Groups.OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"group {g.Key} {g.Value}")
            .Concat(Declared.OrderBy(d => d.Key, StringComparer.Ordinal).Select(d => $"{d.Key} {CanonicalJson.ForComparison(d.Value?.Settings)}"))
            .Concat(Others.OrderBy(o => o.Key, StringComparer.Ordinal).Select(o => $"other {o.Key} {CanonicalJson.ForComparison(o.Settings)}")));

    public WiringPlan Diff(PlanTarget target, IReadOnlyList<OwnedStatement> owned) => ScheduleDiff.Plan(target, this);
}

/// <summary>
/// Reads schedules once per run, shared by every function: each declared group once, each schedule once, and the
/// account's schedules listed once (only in a run that declares a schedule or prunes) to find those that invoke a
/// function without being declared any more.
/// </summary>
internal sealed class ScheduleReader : IWiringReader
{
    private readonly AmazonSchedulerClient scheduler;
    private readonly bool anyDeclared;
    private readonly OnceReader<string, bool> groups;
    private readonly OnceReader<string, LiveSchedule?> schedules;
    private readonly OnceReader<string, IReadOnlyList<ScheduleSummary>> listing;

    public ScheduleReader(AmazonSchedulerClient scheduler, IReadOnlyList<FunctionDefinition> functions)
    {
        this.scheduler = scheduler;
        anyDeclared = functions.Any(f => f.PushSources.OfType<SchedulePushSource>().Any());
        groups = new(GroupExistsAsync, StringComparer.Ordinal);
        schedules = new(ReadScheduleAsync, StringComparer.Ordinal);
        listing = new(ListAsync, StringComparer.Ordinal);
    }

    public async Task<IWiringLive> ReadAsync(PlanTarget target, CancellationToken cancellationToken)
    {
        var declared = target.Function.PushSources.OfType<SchedulePushSource>().ToList();
        var groupsFound = new Dictionary<string, bool>(StringComparer.Ordinal);
        foreach (var group in declared.Select(s => s.GroupName).Distinct(StringComparer.Ordinal))
        {
            groupsFound[group] = await groups.GetAsync(group, cancellationToken);
        }

        var found = new Dictionary<string, LiveSchedule?>(StringComparer.Ordinal);
        foreach (var source in declared.Where(s => groupsFound[s.GroupName]))
        {
            var key = ScheduleDiff.Key(source.GroupName, source.Name);
            found[key] = await schedules.GetAsync(key, cancellationToken);
        }

        var others = new List<LiveSchedule>();
        if (anyDeclared || target.Prune)
        {
            foreach (var summary in await listing.GetAsync(string.Empty, cancellationToken))
            {
                var key = ScheduleDiff.Key(summary.GroupName ?? SchedulePushSource.DefaultGroup, summary.Name ?? string.Empty);
                if (!found.ContainsKey(key) && summary.Target?.Arn is { } arn && FunctionArns.Unqualified(arn) == target.UnqualifiedArn
                    && await schedules.GetAsync(key, cancellationToken) is { } live)
                {
                    others.Add(live);
                }
            }
        }

        return new ScheduleLive(groupsFound, found, others);
    }

    /// <summary>Schedules need no statement: their owner record is the marker in their description, read above.</summary>
    public Task<IWiringLive> ReadOwnedAsync(PlanTarget target, IWiringLive live, IReadOnlyList<OwnedStatement> owned, CancellationToken cancellationToken) =>
        Task.FromResult(live);

    private async Task<bool> GroupExistsAsync(string group, CancellationToken cancellationToken)
    {
        if (group == SchedulePushSource.DefaultGroup)
        {
            return true; // Every account has it, in every Region; it cannot be deleted.
        }

        try
        {
            await scheduler.GetScheduleGroupAsync(new GetScheduleGroupRequest { Name = group }, cancellationToken);
            return true;
        }
        catch (ResourceNotFoundException)
        {
            return false;
        }
    }

    private async Task<LiveSchedule?> ReadScheduleAsync(string key, CancellationToken cancellationToken)
    {
        var (group, name) = ScheduleDiff.SplitKey(key);
        try
        {
            var schedule = await scheduler.GetScheduleAsync(new GetScheduleRequest { GroupName = group, Name = name }, cancellationToken);
            return new LiveSchedule(group, name, ScheduleDiff.Settings(schedule));
        }
        catch (ResourceNotFoundException)
        {
            return null;
        }
    }

    private async Task<IReadOnlyList<ScheduleSummary>> ListAsync(string unused, CancellationToken cancellationToken)
    {
        var all = new List<ScheduleSummary>();
        await foreach (var summary in scheduler.ListAllSchedules(new ListSchedulesRequest()).WithCancellation(cancellationToken))
        {
            all.Add(summary);
        }

        return all;
    }
}
