namespace Gitmoxi.LambdaSources.Providers.LogSubscription;

/// <summary>
/// Diffs one function's declared subscription filters against their log groups. Pure. A filter's name is the file's
/// (a native member), so it carries no marker of ours: this repository's statement for the filter
/// (<c>gitmoxi-logs-{repo}-{digest of log group and filter name}</c>) is the record. A filter whose statement this
/// repository holds, whose destination is this function (on the statement's qualifier) and whose name the files no
/// longer declare is this repository's: removed with prune on, drift otherwise. Any other filter on the group, even
/// one sending to this function, is another tool's and never touched. A filter of the declared name that already sends to this
/// function is adopted (updated in place); one that sends elsewhere is never taken over. The two-filters-per-group
/// quota is checked before AWS would refuse.
/// </summary>
internal static class LogSubscriptionDiff
{
    /// <summary>Subscription filters per log group (https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/cloudwatch_limits_cwl.html).</summary>
    public const int MaxFilters = 2;

    public static WiringPlan Plan(PlanTarget target, LogSubscriptionLive live, IReadOnlyList<OwnedStatement> owned)
    {
        var plan = new WiringPlanBuilder();
        var key = PushSources.QualifierKey(target.Function.Qualifier);
        var declared = target.Function.PushSources.OfType<LogSubscriptionPushSource>().ToList();
        var removed = Undeclared(target, live, owned, declared, plan);
        foreach (var source in declared)
        {
            var arn = GroupArn(target.QualifiedArn, source.LogGroupName);
            var sid = StatementId(target.Owner, arn, source.FilterName);
            plan.Declared.Add(sid);
            if (Problem(target, live, source, declared, removed) is { } problem)
            {
                plan.Skipped.Add(sid);
                plan.Diagnostics.Add(problem);
                continue;
            }

            plan.Permissions.Add(new PermissionRequirement(key, sid, null, LogSubscriptionPushSource.Service, arn, source.Span));
            plan.Changes.Add(Filter(target, live.Groups[source.LogGroupName], source));
        }

        return plan.Build();
    }

    /// <summary>The ARN CloudWatch Logs invokes a function as, for a subscription of this group: <c>arn:…:logs:{region}:{account}:log-group:NAME:*</c>.</summary>
    public static string GroupArn(string functionArn, string logGroupName)
    {
        var (partition, region, account) = PushSources.ArnParts(functionArn);
        return $"arn:{partition}:logs:{region}:{account}:log-group:{logGroupName}:*";
    }

    /// <summary>
    /// The statement of one filter: <c>gitmoxi-logs-{repo}-</c> + the digest of the group's ARN and the filter's name,
    /// so the statement names exactly the filter this repository put, never another filter on the same group.
    /// </summary>
    public static string StatementId(OwnerIdentity owner, string groupArn, string filterName) =>
        StatementIds.OfSource(StatementIds.LogsKind, owner, groupArn + "#" + filterName);

    public static string? GroupOfArn(string arn) =>
        arn.Split(':', 7) is { Length: 7 } parts && parts[2] == "logs" && parts[5] == "log-group" ? parts[6].EndsWith(":*", StringComparison.Ordinal) ? parts[6][..^2] : parts[6] : null;

    public static string Address(string group, string filter) => $"subscription-filter logs:{group}/{filter}";

    /// <summary>This repository's filters the files no longer declare; returns them as (group, name), to leave them out of the quota.</summary>
    private static HashSet<(string, string)> Undeclared(
        PlanTarget target, LogSubscriptionLive live, IReadOnlyList<OwnedStatement> owned, List<LogSubscriptionPushSource> declared, WiringPlanBuilder plan)
    {
        var removed = new HashSet<(string, string)>();
        foreach (var statement in owned.Where(s => s.Id.Kind == StatementIds.LogsKind))
        {
            var destination = PushSources.QualifiedArn(target.UnqualifiedArn, PushSources.QualifierOf(statement.QualifierKey));
            if (statement.Statement.SourceArn is not { } arn || GroupOfArn(arn) is not { } name || !live.Groups.TryGetValue(name, out var group))
            {
                continue;
            }

            foreach (var filter in group.Filters.Where(f => f.DestinationArn == destination
                && StatementId(target.Owner, arn, f.FilterName) == statement.Statement.Sid
                && !declared.Any(d => d.LogGroupName == name && d.FilterName == f.FilterName)))
            {
                if (target.Prune)
                {
                    removed.Add((name, filter.FilterName));
                }

                plan.AddUndeclared(target, statement, new PlannedChange(
                    ChangeAction.Delete, ResourceKind.LogSubscriptionFilter, Address(name, filter.FilterName), filter.FilterName,
                    new DeleteLogSubscriptionFilter(name, filter.FilterName), [new("DestinationArn", CanonicalJson.Quote(destination), null)],
                    ["created by gitmoxi and no longer declared; prune is on"], null));
            }
        }

        return removed;
    }

    private static PlannedChange Filter(PlanTarget target, LiveLogGroup group, LogSubscriptionPushSource source)
    {
        var wanted = target.QualifiedArn;
        var address = Address(group.Name, source.FilterName);
        var put = new PutLogSubscriptionFilter(group.Name, source.FilterName, source.FilterPattern, wanted);
        if (group.Filters.FirstOrDefault(f => f.FilterName == source.FilterName) is not { } existing)
        {
            return new PlannedChange(ChangeAction.Create, ResourceKind.LogSubscriptionFilter, address, null, put,
                [new("DestinationArn", null, CanonicalJson.Quote(wanted)), new("FilterPattern", null, CanonicalJson.Quote(source.FilterPattern))],
                ["put after its permission: CloudWatch Logs checks that it may invoke the function"], source.Span);
        }

        var fields = new List<FieldDiff>();
        if (existing.DestinationArn != wanted)
        {
            fields.Add(new FieldDiff("DestinationArn", CanonicalJson.Quote(existing.DestinationArn), CanonicalJson.Quote(wanted)));
        }

        if (existing.FilterPattern != source.FilterPattern)
        {
            fields.Add(new FieldDiff("FilterPattern", CanonicalJson.Quote(existing.FilterPattern), CanonicalJson.Quote(source.FilterPattern)));
        }

        return fields.Count == 0
            ? new PlannedChange(ChangeAction.NoOp, ResourceKind.LogSubscriptionFilter, address, existing.FilterName, null, [], [], source.Span)
            : new PlannedChange(ChangeAction.Update, ResourceKind.LogSubscriptionFilter, address, existing.FilterName, put, fields,
                ["changed in place: PutSubscriptionFilter updates the filter of this name"], source.Span);
    }

    private static Diagnostic? Problem(
        PlanTarget target, LogSubscriptionLive live, LogSubscriptionPushSource source, List<LogSubscriptionPushSource> declared, HashSet<(string, string)> removed)
    {
        if (!live.Groups.TryGetValue(source.LogGroupName, out var group) || !group.Exists)
        {
            return Diagnostic.Error(DiagnosticCodes.LogGroupNotFound,
                $"The log group '{source.LogGroupName}' does not exist: create it before subscribing the function to it.", source.Span);
        }

        if (group.Filters.FirstOrDefault(f => f.FilterName == source.FilterName) is { } existing)
        {
            return FunctionArns.Unqualified(existing.DestinationArn) == target.UnqualifiedArn
                ? null
                : Diagnostic.Error(DiagnosticCodes.LogFilterNameTaken,
                    $"The log group '{group.Name}' has a subscription filter '{source.FilterName}' that sends to {existing.DestinationArn}; gitmoxi never takes over "
                    + "another destination's filter. Choose another FilterName.",
                    source.Span);
        }

        // After this plan: the group's filters it keeps, and the ones the files declare on it.
        var kept = group.Filters.Where(f => !removed.Contains((group.Name, f.FilterName))).Select(f => f.FilterName);
        var after = kept.Union(declared.Where(d => d.LogGroupName == group.Name).Select(d => d.FilterName), StringComparer.Ordinal).ToList();
        return after.Count <= MaxFilters
            ? null
            : Diagnostic.Error(DiagnosticCodes.LogGroupFiltersFull,
                $"The log group '{group.Name}' would have {after.Count} subscription filters ({string.Join(", ", after)}); CloudWatch Logs allows {MaxFilters} per log group. "
                + "Remove one, or subscribe the function to another group.",
                source.Span);
    }
}
