namespace Gitmoxi.LambdaSources.Providers.Permission;

/// <summary>
/// Diffs the statements the declared wiring needs (the union of every wiring provider's requirements) against the live
/// policies, by qualifier. Pure. Owns the prune of statements: one of this repository's ids that no declared source
/// wants is removed with prune on (drift with it off); a statement of another repository, of the previous version,
/// or not written by the tool is drift. A declared source's statement of the previous version is migrated in place:
/// the new id is added first, the old one removed last.
/// </summary>
internal static class PermissionDiff
{
    public static (IReadOnlyList<PlannedChange> Changes, IReadOnlyList<DriftObservation> Drift) Plan(
        PlanTarget target, IReadOnlyDictionary<string, IReadOnlyList<LiveStatement>> policies, IReadOnlyList<WiringPlan> wiring)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(policies);
        ArgumentNullException.ThrowIfNull(wiring);

        var changes = new List<PlannedChange>();
        var drift = new List<DriftObservation>();
        var requirements = wiring.SelectMany(w => w.Permissions).ToList();
        var declared = wiring.SelectMany(w => w.DeclaredStatementIds).ToHashSet(StringComparer.Ordinal);
        var skipped = wiring.SelectMany(w => w.SkippedStatementIds).ToHashSet(StringComparer.Ordinal);
        var handled = new HashSet<(string Key, string Sid)>();

        foreach (var requirement in requirements)
        {
            handled.Add((requirement.QualifierKey, requirement.Sid));
            var legacy = requirement.LegacySid is { } old ? Find(policies, requirement.QualifierKey, old) : null;
            if (legacy is not null)
            {
                handled.Add((requirement.QualifierKey, legacy.Sid));
            }

            changes.AddRange(Required(target, requirement, Find(policies, requirement.QualifierKey, requirement.Sid), legacy));
        }

        foreach (var (key, statements) in policies)
        {
            foreach (var statement in statements.Where(s => !handled.Contains((key, s.Sid)) && !skipped.Contains(s.Sid)))
            {
                var address = PushSources.PermissionAddress(PushSources.QualifierOf(key), statement.Sid);
                if (declared.Contains(statement.Sid))
                {
                    // The source is still declared, on another qualifier now (an alias move, a stage pointing elsewhere).
                    changes.Add(new PlannedChange(
                        ChangeAction.Delete, ResourceKind.Permission, address, statement.Sid, Remove(target, key, statement.Sid),
                        [new("Qualifier", Quoted(PushSources.QualifierOf(key)), null)],
                        ["the source now targets another qualifier: this one's permission is removed"], null));
                    continue;
                }

                var id = StatementIds.Parse(statement.Sid);
                var fields = new List<FieldDiff> { new("SourceArn", Quoted(statement.SourceArn), null) };
                if (id is null)
                {
                    if (statement.Principal is EventSourceFileValidator.ElbService or EventSourceFileValidator.ApiGatewayService or EventSourceFileValidator.S3Service
                        or SnsPushSource.Service or EventRulePushSource.Service or LogSubscriptionPushSource.Service)
                    {
                        drift.Add(new DriftObservation(ResourceKind.Permission, address, statement.Sid, "not created by gitmoxi; never removed", []));
                    }
                }
                else if (id.RepositoryHash == target.Owner.RepositoryHash && target.Prune)
                {
                    changes.Add(new PlannedChange(
                        ChangeAction.Delete, ResourceKind.Permission, address, statement.Sid, Remove(target, key, statement.Sid),
                        fields, ["created by gitmoxi and no longer declared; prune is on"], null));
                }
                else
                {
                    drift.Add(new DriftObservation(ResourceKind.Permission, address, statement.Sid, DriftReason(target, id), fields));
                }
            }
        }

        return (changes, drift);
    }

    /// <summary>This repository's statements, on any qualifier read: what prune and the wiring providers' prune work from.</summary>
    public static IReadOnlyList<OwnedStatement> Owned(PlanTarget target, IReadOnlyDictionary<string, IReadOnlyList<LiveStatement>> policies) =>
        [.. policies.SelectMany(p => p.Value.Select(s => (p.Key, Statement: s, Id: StatementIds.Parse(s.Sid))))
            .Where(s => s.Id is { IsLegacy: false } id && id.RepositoryHash == target.Owner.RepositoryHash)
            .Select(s => new OwnedStatement(s.Key, s.Statement, s.Id!))];

    /// <summary>Why an owned-looking statement is left alone. Shared with the wiring providers, so a statement and its wiring read alike.</summary>
    public static string DriftReason(PlanTarget target, StatementIdParts id) => id switch
    {
        { IsLegacy: true } => "created by an earlier gitmoxi version, which recorded no repository; never removed",
        _ when id.RepositoryHash != target.Owner.RepositoryHash => "created by gitmoxi for another repository; only that repository's plan removes it",
        _ => "created by gitmoxi and no longer declared; prune is off",
    };

    private static IEnumerable<PlannedChange> Required(PlanTarget target, PermissionRequirement wanted, LiveStatement? existing, LiveStatement? legacy)
    {
        var qualifier = PushSources.QualifierOf(wanted.QualifierKey);
        var address = PushSources.PermissionAddress(qualifier, wanted.Sid);
        var statement = new PermissionStatement(target.UnqualifiedArn, qualifier, wanted.Sid, wanted.Principal, wanted.SourceArn, wanted.SourceAccount);
        var live = new LiveStatement(
            wanted.Sid, "Allow", wanted.Principal, PermissionStatement.InvokeAction, wanted.SourceArn, LiveStatement.SourceAccountCondition(wanted.SourceAccount));
        if (existing is null)
        {
            List<FieldDiff> fields = [new("Principal", null, CanonicalJson.Quote(wanted.Principal)), new("SourceArn", null, CanonicalJson.Quote(wanted.SourceArn))];
            if (wanted.SourceAccount is { } account)
            {
                fields.Add(new("SourceAccount", null, CanonicalJson.Quote(account)));
            }

            yield return new PlannedChange(
                ChangeAction.Create, ResourceKind.Permission, address, null, new AddStatement(statement),
                fields,
                legacy is null ? [] : [$"migrates the statement {legacy.Sid} of an earlier version to an id that names this repository"],
                wanted.Span);
        }
        else if (existing == live)
        {
            yield return new PlannedChange(ChangeAction.NoOp, ResourceKind.Permission, address, wanted.Sid, null, [], [], wanted.Span);
        }
        else
        {
            var fields = new List<FieldDiff>();
            AddIfDifferent(fields, "Effect", existing.Effect, live.Effect);
            AddIfDifferent(fields, "Principal", existing.Principal, live.Principal);
            AddIfDifferent(fields, "Action", existing.Action, live.Action);
            AddIfDifferent(fields, "SourceArn", existing.SourceArn, live.SourceArn);
            if (existing.OtherConditions != live.OtherConditions)
            {
                fields.Add(new FieldDiff("Condition", existing.OtherConditions, live.OtherConditions));
            }

            yield return new PlannedChange(
                ChangeAction.Replace, ResourceKind.Permission, address, wanted.Sid, new ReplaceStatement(statement), fields,
                ["a statement cannot be changed in place: it is removed, then added again"], wanted.Span);
        }

        if (legacy is not null)
        {
            yield return new PlannedChange(
                ChangeAction.Delete, ResourceKind.Permission, PushSources.PermissionAddress(qualifier, legacy.Sid), legacy.Sid,
                Remove(target, wanted.QualifierKey, legacy.Sid), [new("SourceArn", Quoted(legacy.SourceArn), null)],
                [$"replaced by {wanted.Sid}, which names this repository; removed after it is added"], wanted.Span);
        }
    }

    private static LiveStatement? Find(IReadOnlyDictionary<string, IReadOnlyList<LiveStatement>> policies, string key, string sid) =>
        policies.TryGetValue(key, out var statements) ? statements.FirstOrDefault(s => s.Sid == sid) : null;

    private static RemoveStatement Remove(PlanTarget target, string key, string sid) => new(target.UnqualifiedArn, PushSources.QualifierOf(key), sid);

    private static void AddIfDifferent(List<FieldDiff> fields, string name, string? before, string? after)
    {
        if (before != after)
        {
            fields.Add(new FieldDiff(name, Quoted(before), Quoted(after)));
        }
    }

    private static string? Quoted(string? value) => value is null ? null : CanonicalJson.Quote(value);
}
