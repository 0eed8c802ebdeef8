namespace Gitmoxi.LambdaSources.Providers.TargetRegistration;

/// <summary>
/// Diffs one function's declared ELB target groups against the live groups. Pure. A registration carries no owner
/// of its own: this repository's statement for the group (its id names the repository) is its record, so a group
/// whose statement left the files is deregistered with prune on, and any other registration is never touched.
/// </summary>
internal static class RegistrationDiff
{
    public static WiringPlan Plan(PlanTarget target, RegistrationLive live, IReadOnlyList<OwnedStatement> owned)
    {
        var plan = new WiringPlanBuilder();
        var key = PushSources.QualifierKey(target.Function.Qualifier);
        foreach (var source in target.Function.PushSources.OfType<ElbPushSource>())
        {
            var sid = StatementIds.Elb(target.Owner, source.TargetGroupArn);
            var legacy = StatementIds.LegacyElb(source.TargetGroupArn);
            plan.Declared.UnionWith([sid, legacy]);
            if (Problem(target, live, source) is { } problem)
            {
                plan.Skipped.UnionWith([sid, legacy]);
                plan.Diagnostics.Add(problem);
                continue;
            }

            plan.Permissions.Add(new PermissionRequirement(key, sid, legacy, EventSourceFileValidator.ElbService, source.TargetGroupArn, source.Span));
            plan.Changes.Add(Registration(target, live.TargetGroups[source.TargetGroupArn], source.Span));
        }

        foreach (var statement in owned.Where(s => s.Id.Kind == StatementIds.ElbKind && !plan.Declared.Contains(s.Statement.Sid)))
        {
            var registered = PushSources.QualifiedArn(target.UnqualifiedArn, PushSources.QualifierOf(statement.QualifierKey));
            if (statement.Statement.SourceArn is not { } arn || !live.TargetGroups.TryGetValue(arn, out var group)
                || !group.RegisteredTargets.Contains(registered, StringComparer.Ordinal))
            {
                continue;
            }

            var address = PushSources.RegistrationAddress(arn);
            var fields = new List<FieldDiff> { new("Target", CanonicalJson.Quote(registered), null) };
            plan.AddUndeclared(target, statement, new PlannedChange(
                ChangeAction.Delete, ResourceKind.TargetRegistration, address, registered, new DeregisterTarget(arn, registered), fields,
                ["created by gitmoxi and no longer declared; prune is on"], null));
        }

        return plan.Build();
    }

    private static PlannedChange Registration(PlanTarget target, LiveTargetGroup group, SourceSpan span)
    {
        // Any registered state counts (an unused or unavailable target is registered: re-registering it would never
        // converge); a draining one is leaving, so a declared target that is draining is registered again.
        var wanted = target.QualifiedArn;
        var ours = group.RegisteredTargets.Where(t => FunctionArns.Unqualified(t) == target.UnqualifiedArn).ToList();
        var address = PushSources.RegistrationAddress(group.Arn);
        if (ours.Contains(wanted, StringComparer.Ordinal))
        {
            return new PlannedChange(ChangeAction.NoOp, ResourceKind.TargetRegistration, address, wanted, null, [], [], span);
        }

        var stale = ours.FirstOrDefault();
        var notes = stale is null
            ? new List<string> { "registered after its permission, which lets Elastic Load Balancing invoke the function" }
            : ["another qualifier of this function is registered: it is deregistered and this one registered in one change"];
        return new PlannedChange(
            stale is null ? ChangeAction.Create : ChangeAction.Update, ResourceKind.TargetRegistration, address, stale,
            new RegisterTarget(group.Arn, wanted, ours), [new FieldDiff("Target", stale is null ? null : CanonicalJson.Quote(stale), CanonicalJson.Quote(wanted))],
            notes, span);
    }

    private static Diagnostic? Problem(PlanTarget target, RegistrationLive live, ElbPushSource source)
    {
        var arn = source.TargetGroupArn;
        if (PushSources.ElsewhereThanFunction(
            DiagnosticCodes.TargetGroupElsewhere, "target group", arn, target.QualifiedArn, "a load balancer invokes functions of its own account and Region only.", source.Span)
            is { } elsewhere)
        {
            return elsewhere;
        }

        if (!live.TargetGroups.TryGetValue(arn, out var found) || !found.Exists)
        {
            return Diagnostic.Error(DiagnosticCodes.TargetGroupNotFound, $"The target group {arn} does not exist: create it (target type lambda) before wiring it.", source.Span);
        }

        if (!string.Equals(found.TargetType, "lambda", StringComparison.Ordinal))
        {
            return Diagnostic.Error(
                DiagnosticCodes.TargetGroupNotLambda,
                $"The target group {arn} has target type '{found.TargetType}'; only a target group of type 'lambda' can send requests to a function.",
                source.Span);
        }

        // One function per Lambda group, whatever state its target is in (draining included: it still holds the group).
        var other = found.AnyState.FirstOrDefault(t => FunctionArns.Unqualified(t) != target.UnqualifiedArn);
        return other is null
            ? null
            : Diagnostic.Error(
                DiagnosticCodes.TargetGroupTaken,
                $"The target group {arn} already sends requests to {other}; a Lambda target group takes one function, and gitmoxi never replaces "
                + "another function's registration. Deregister it first, or use another target group.",
                source.Span);
    }
}
