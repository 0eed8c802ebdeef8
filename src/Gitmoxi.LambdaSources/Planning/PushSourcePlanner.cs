using System.Text.Json.Nodes;
using Gitmoxi.LambdaSources.Definitions;
using Gitmoxi.LambdaSources.Diagnostics;

namespace Gitmoxi.LambdaSources.Planning;

/// <summary>The push-source part of one function's plan.</summary>
public sealed record PushPlan(IReadOnlyList<PlannedChange> Changes, IReadOnlyList<Diagnostic> Diagnostics);

/// <summary>
/// Diffs one function's declared push sources (ELB target groups, API Gateway HTTP API routes) against live state.
/// Pure, like <see cref="EventSourceMappingPlanner"/>. The function's resource policy is the record of ownership:
/// statements with a <c>gitmoxi-</c> id were written by the tool, and each names its source (the target group in its
/// <c>SourceArn</c>, the API and route in its id), so what left the files can be found and, with prune on, removed
/// together with its registration or route target. Within a source, the permission comes before what needs it
/// (registration, route), and a permission left on an old qualifier is removed after the source moved.
/// </summary>
public static class PushSourcePlanner
{
    private const string IntegrationsPrefix = "integrations/";

    /// <summary>Stands for the id AWS gives the integration apply creates.</summary>
    private const string NewIntegrationId = "(new)";

    public static PushPlan Plan(FunctionDefinition function, string qualifiedFunctionArn, LivePushState live, PlanOptions options)
    {
        ArgumentNullException.ThrowIfNull(function);
        ArgumentException.ThrowIfNullOrEmpty(qualifiedFunctionArn);
        ArgumentNullException.ThrowIfNull(live);
        ArgumentNullException.ThrowIfNull(options);

        var run = new Run(function, FunctionArns.Unqualified(qualifiedFunctionArn), qualifiedFunctionArn, live, options);
        foreach (var source in function.PushSources)
        {
            switch (source)
            {
                case ElbPushSource elb:
                    PlanElb(run, elb);
                    break;
                case ApiGatewayPushSource api:
                    PlanApi(run, api);
                    break;
            }
        }

        PlanUndeclared(run);
        return new PushPlan(run.Changes, run.Diagnostics);
    }

    /// <summary>The aliases the API's stages set <paramref name="variable"/> to, in stage order, without repeats.</summary>
    public static IReadOnlyList<string> StageAliases(LiveHttpApi api, string variable)
    {
        ArgumentNullException.ThrowIfNull(api);
        return [.. api.Stages
            .Select(s => s.Variables.TryGetValue(variable, out var alias) ? alias : null)
            .OfType<string>()
            .Where(alias => alias.Length > 0)
            .Distinct(StringComparer.Ordinal)];
    }

    private static void PlanElb(Run run, ElbPushSource source)
    {
        var sid = PushSources.ElbStatementId(source.TargetGroupArn);
        run.DeclaredSids.Add(sid);
        if (!ValidTargetGroup(run, source, out var group))
        {
            run.SkippedSids.Add(sid);
            return;
        }

        var key = PushSources.QualifierKey(run.Function.Qualifier);
        PlanPermission(run, key, sid, PushSources.ElbPrincipal, source.TargetGroupArn, source.Span);

        var target = run.QualifiedArn;
        var ours = group.RegisteredTargets.Where(t => FunctionArns.Unqualified(t) == run.UnqualifiedArn).ToList();
        var address = PushSources.RegistrationAddress(source.TargetGroupArn);
        if (ours.Contains(target, StringComparer.Ordinal))
        {
            run.Add(new PlannedChange(ChangeAction.NoOp, ResourceKind.TargetRegistration, address, target, null, [], [], source.Span));
        }
        else
        {
            var stale = ours.FirstOrDefault();
            var desired = Registration(source.TargetGroupArn, target, ours);
            var notes = stale is null
                ? new List<string> { "registered after its permission, which lets Elastic Load Balancing invoke the function" }
                : ["another qualifier of this function is registered: it is deregistered and this one registered in one change"];
            run.Add(new PlannedChange(
                stale is null ? ChangeAction.Create : ChangeAction.Update, ResourceKind.TargetRegistration, address, stale, desired,
                [new FieldDiff("Target", Quoted(stale), CanonicalJson.Quote(target))], notes, source.Span));
        }

        run.DesiredSid[sid] = [key];
    }

    private static bool ValidTargetGroup(Run run, ElbPushSource source, out LiveTargetGroup group)
    {
        group = null!;
        var arn = source.TargetGroupArn;
        var (partition, region, account) = PushSources.ArnParts(arn);
        var function = PushSources.ArnParts(run.QualifiedArn);
        if ((partition, region, account) != function)
        {
            run.Error(
                DiagnosticCodes.TargetGroupElsewhere,
                $"The target group {arn} is in {account}/{region}, but the function {run.QualifiedArn} is in {function.Account}/{function.Region}; "
                + "a load balancer invokes functions of its own account and Region only.",
                source.Span);
            return false;
        }

        if (!run.Live.TargetGroups.TryGetValue(arn, out var found) || !found.Exists)
        {
            run.Error(DiagnosticCodes.TargetGroupNotFound, $"The target group {arn} does not exist: create it (target type lambda) before wiring it.", source.Span);
            return false;
        }

        if (!string.Equals(found.TargetType, "lambda", StringComparison.Ordinal))
        {
            run.Error(
                DiagnosticCodes.TargetGroupNotLambda,
                $"The target group {arn} has target type '{found.TargetType}'; only a target group of type 'lambda' can send requests to a function.",
                source.Span);
            return false;
        }

        var other = found.RegisteredTargets.FirstOrDefault(t => FunctionArns.Unqualified(t) != run.UnqualifiedArn);
        if (other is not null)
        {
            run.Error(
                DiagnosticCodes.TargetGroupTaken,
                $"The target group {arn} already sends requests to {other}; a Lambda target group takes one function, and gitmoxi never replaces "
                + "another function's registration. Deregister it first, or use another target group.",
                source.Span);
            return false;
        }

        group = found;
        return true;
    }

    private static void PlanApi(Run run, ApiGatewayPushSource source)
    {
        var sid = PushSources.ApiGatewayStatementId(source.ApiId, source.RouteId);
        run.DeclaredSids.Add(sid);
        if (!run.Live.Apis.TryGetValue(source.ApiId, out var api) || !api.Exists || api.ProtocolType is not (null or "HTTP"))
        {
            run.SkippedSids.Add(sid);
            var what = api is { Exists: true } ? $"is a {api.ProtocolType} API; only HTTP APIs are supported" : "does not exist";
            run.Error(DiagnosticCodes.ApiNotFound, $"The API {source.ApiId} {what}.", source.Span);
            return;
        }

        var route = api.Routes.FirstOrDefault(r => r.RouteId == source.RouteId);
        if (route is null)
        {
            run.SkippedSids.Add(sid);
            run.Error(DiagnosticCodes.RouteNotFound, $"The API {source.ApiId} has no route {source.RouteId}: create the route before wiring it.", source.Span);
            return;
        }

        var variable = source.AliasStageVariableName;
        var uri = variable is null ? run.QualifiedArn : PushSources.StageVariableUri(run.UnqualifiedArn, variable);
        var aliases = variable is null ? [run.Function.Qualifier] : StageQualifiers(run, api, variable, source);
        var sourceArn = PushSources.RouteSourceArn(run.QualifiedArn, source.ApiId, route.RouteKey);
        var keys = new List<string>();
        foreach (var alias in aliases)
        {
            var key = PushSources.QualifierKey(alias);
            keys.Add(key);
            PlanPermission(run, key, sid, PushSources.ApiGatewayPrincipal, sourceArn, source.Span);
        }

        run.DesiredSid[sid] = keys;
        run.Add(RouteChange(run, api, route, uri, source.Span));
    }

    private static IReadOnlyList<string?> StageQualifiers(Run run, LiveHttpApi api, string variable, ApiGatewayPushSource source)
    {
        var aliases = StageAliases(api, variable);
        if (aliases.Count == 0)
        {
            run.Warning(
                DiagnosticCodes.StageVariableUnset,
                $"No stage of API {api.ApiId} sets the stage variable '{variable}': the route's integration resolves to no alias, so no permission is added. "
                + $"Set '{variable}' on the stages (e.g. to '{run.Function.Qualifier ?? "live"}').",
                source.Span);
            return [];
        }

        foreach (var missing in aliases.Where(run.Live.MissingAliases.Contains))
        {
            run.Warning(
                DiagnosticCodes.StageAliasNotFound,
                $"A stage of API {api.ApiId} sets '{variable}' to '{missing}', but the function has no alias '{missing}': requests through that stage fail until it exists.",
                source.Span);
        }

        return [.. aliases.Where(a => !run.Live.MissingAliases.Contains(a))];
    }

    private static PlannedChange RouteChange(Run run, LiveHttpApi api, LiveRoute route, string uri, SourceSpan span)
    {
        var address = PushSources.RouteAddress(api.ApiId, route.RouteKey);
        var current = IntegrationOf(api, route);
        if (current is not null && IsProxyFor(current, uri))
        {
            return new PlannedChange(ChangeAction.NoOp, ResourceKind.RouteIntegration, address, route.RouteId, null, [], [], span);
        }

        var reuse = api.Integrations.FirstOrDefault(i => IsProxyFor(i, uri));
        var desired = new JsonObject
        {
            ["ApiId"] = api.ApiId,
            ["RouteId"] = route.RouteId,
            ["IntegrationId"] = reuse?.IntegrationId,
            ["Integration"] = reuse is null ? NewIntegration(uri) : null,
            ["DeleteIntegrationId"] = current is not null && IsDisposable(api, route, current) ? current.IntegrationId : null,
        };
        var notes = new List<string> { reuse is null ? "creates an AWS_PROXY integration (payload format 2.0)" : $"reuses integration {reuse.IntegrationId}" };
        if (current?.IntegrationUri is { } previous && FunctionArns.Unqualified(previous.Split(":${", 2)[0]) != run.UnqualifiedArn)
        {
            notes.Add($"the route now sends requests to {previous}; it is taken over for this function");
        }

        if (desired["DeleteIntegrationId"] is not null)
        {
            notes.Add($"integration {current!.IntegrationId} was created by gitmoxi and no other route uses it: it is deleted");
        }

        var fields = new List<FieldDiff>
        {
            new("Target", Quoted(route.Target), CanonicalJson.Quote(IntegrationsPrefix + (reuse?.IntegrationId ?? NewIntegrationId))),
            new("IntegrationUri", Quoted(current?.IntegrationUri), CanonicalJson.Quote(uri)),
        };
        return new PlannedChange(
            route.Target is null ? ChangeAction.Create : ChangeAction.Update, ResourceKind.RouteIntegration, address, route.RouteId,
            desired, fields, notes, span);
    }

    private static JsonObject NewIntegration(string uri) => new()
    {
        ["IntegrationType"] = "AWS_PROXY",
        ["IntegrationUri"] = uri,
        ["IntegrationMethod"] = "POST",
        ["PayloadFormatVersion"] = "2.0",
        ["Description"] = PushSources.IntegrationDescription,
    };

    private static bool IsProxyFor(LiveIntegration integration, string uri) =>
        integration.IntegrationUri == uri && integration.IntegrationType == "AWS_PROXY" && integration.PayloadFormatVersion is null or "2.0";

    private static LiveIntegration? IntegrationOf(LiveHttpApi api, LiveRoute route) =>
        route.Target is { } target && target.StartsWith(IntegrationsPrefix, StringComparison.Ordinal)
            ? api.Integrations.FirstOrDefault(i => i.IntegrationId == target[IntegrationsPrefix.Length..])
            : null;

    // Only an integration the tool created, that no other route targets, is deleted when its route moves on.
    private static bool IsDisposable(LiveHttpApi api, LiveRoute route, LiveIntegration integration) =>
        integration.Description == PushSources.IntegrationDescription
        && !api.Routes.Any(r => r.RouteId != route.RouteId && r.Target == IntegrationsPrefix + integration.IntegrationId);

    private static void PlanPermission(Run run, string key, string sid, string principal, string sourceArn, SourceSpan span)
    {
        var qualifier = PushSources.QualifierOf(key);
        var address = PushSources.PermissionAddress(qualifier, sid);
        var desired = new JsonObject
        {
            ["FunctionName"] = run.UnqualifiedArn,
            ["Qualifier"] = qualifier,
            ["StatementId"] = sid,
            ["Action"] = PushSources.InvokeAction,
            ["Principal"] = principal,
            ["SourceArn"] = sourceArn,
        };
        var existing = run.Statement(key, sid);
        var wanted = new LiveStatement(sid, "Allow", principal, PushSources.InvokeAction, sourceArn, null);
        if (existing is null)
        {
            run.Add(new PlannedChange(
                ChangeAction.Create, ResourceKind.Permission, address, null, desired,
                [new("Principal", null, CanonicalJson.Quote(principal)), new("SourceArn", null, CanonicalJson.Quote(sourceArn))], [], span));
            return;
        }

        if (existing == wanted)
        {
            run.Add(new PlannedChange(ChangeAction.NoOp, ResourceKind.Permission, address, sid, null, [], [], span));
            return;
        }

        var fields = new List<FieldDiff>();
        AddIfDifferent(fields, "Effect", existing.Effect, wanted.Effect);
        AddIfDifferent(fields, "Principal", existing.Principal, wanted.Principal);
        AddIfDifferent(fields, "Action", existing.Action, wanted.Action);
        AddIfDifferent(fields, "SourceArn", existing.SourceArn, wanted.SourceArn);
        if (existing.OtherConditions is not null)
        {
            fields.Add(new FieldDiff("Condition", existing.OtherConditions, null));
        }

        run.Add(new PlannedChange(
            ChangeAction.Replace, ResourceKind.Permission, address, sid, desired, fields,
            ["a statement cannot be changed in place: it is removed, then added again"], span));
    }

    /// <summary>Statements that no declared source wants on their qualifier: moved sources, sources that left the files, and others'.</summary>
    private static void PlanUndeclared(Run run)
    {
        var prunedRoutes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (key, statements) in run.Live.Policies.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            foreach (var statement in statements)
            {
                var sid = statement.Sid;
                if (run.SkippedSids.Contains(sid) || (run.DesiredSid.TryGetValue(sid, out var keys) && keys.Contains(key)))
                {
                    continue;
                }

                var address = PushSources.PermissionAddress(PushSources.QualifierOf(key), sid);
                if (run.DeclaredSids.Contains(sid))
                {
                    // The source is still declared, on another qualifier now (an alias move, a stage pointing elsewhere).
                    run.Add(new PlannedChange(
                        ChangeAction.Delete, ResourceKind.Permission, address, sid, RemoveRequest(run, key, sid), [new("Qualifier", Quoted(PushSources.QualifierOf(key)), null)],
                        ["the source now targets another qualifier: this one's permission is removed"], null));
                    continue;
                }

                if (!sid.StartsWith(PushSources.OwnedSidPrefix, StringComparison.Ordinal))
                {
                    if (statement.Principal is PushSources.ElbPrincipal or PushSources.ApiGatewayPrincipal)
                    {
                        run.Add(new PlannedChange(ChangeAction.Drift, ResourceKind.Permission, address, sid, null, [], ["not created by gitmoxi; never removed"], null));
                    }

                    continue;
                }

                var (action, note) = run.Options.Prune
                    ? (ChangeAction.Delete, "created by gitmoxi and no longer declared; prune is on")
                    : (ChangeAction.Drift, "created by gitmoxi and no longer declared; prune is off");
                if (sid.StartsWith(PushSources.ElbSidPrefix, StringComparison.Ordinal))
                {
                    UndeclaredRegistration(run, key, statement, action, note);
                }
                else if (sid.StartsWith(PushSources.ApiGatewaySidPrefix, StringComparison.Ordinal) && prunedRoutes.Add(sid))
                {
                    UndeclaredRoute(run, statement, action, note);
                }

                run.Add(new PlannedChange(
                    action, ResourceKind.Permission, address, sid, action == ChangeAction.Delete ? RemoveRequest(run, key, sid) : null,
                    [new("SourceArn", Quoted(statement.SourceArn), null)], [note], null));
            }
        }
    }

    private static void UndeclaredRegistration(Run run, string key, LiveStatement statement, ChangeAction action, string note)
    {
        var target = PushSources.QualifiedArn(run.UnqualifiedArn, PushSources.QualifierOf(key));
        if (statement.SourceArn is not { } arn || !run.Live.TargetGroups.TryGetValue(arn, out var group)
            || !group.RegisteredTargets.Contains(target, StringComparer.Ordinal))
        {
            return;
        }

        run.Add(new PlannedChange(
            action, ResourceKind.TargetRegistration, PushSources.RegistrationAddress(arn), target,
            action == ChangeAction.Delete ? Registration(arn, null, [target]) : null,
            [new("Target", CanonicalJson.Quote(target), null)], [note], null));
    }

    private static void UndeclaredRoute(Run run, LiveStatement statement, ChangeAction action, string note)
    {
        if (PushSources.ApiIdOf(statement.SourceArn) is not { } apiId || !run.Live.Apis.TryGetValue(apiId, out var api) || !api.Exists)
        {
            return;
        }

        var routeId = statement.Sid[(PushSources.ApiGatewaySidPrefix.Length + apiId.Length + 1)..];
        var route = api.Routes.FirstOrDefault(r => r.RouteId == routeId);
        var integration = route is null ? null : IntegrationOf(api, route);
        if (route is null || integration?.IntegrationUri is not { } uri || FunctionArns.Unqualified(uri.Split(":${", 2)[0]) != run.UnqualifiedArn)
        {
            return;
        }

        var delete = IsDisposable(api, route, integration);
        var desired = action != ChangeAction.Delete ? null : new JsonObject
        {
            ["ApiId"] = apiId,
            ["RouteId"] = routeId,
            ["Detach"] = true,
            ["DeleteIntegrationId"] = delete ? integration.IntegrationId : null,
        };
        run.Add(new PlannedChange(
            action, ResourceKind.RouteIntegration, PushSources.RouteAddress(apiId, route.RouteKey), routeId, desired,
            [new("Target", Quoted(route.Target), null), new("IntegrationUri", CanonicalJson.Quote(uri), null)],
            delete && action == ChangeAction.Delete
                ? [note, $"integration {integration.IntegrationId} was created by gitmoxi and no other route uses it: it is deleted"]
                : [note],
            null));
    }

    private static JsonObject RemoveRequest(Run run, string key, string sid) => new()
    {
        ["FunctionName"] = run.UnqualifiedArn,
        ["Qualifier"] = PushSources.QualifierOf(key),
        ["StatementId"] = sid,
    };

    private static JsonObject Registration(string targetGroupArn, string? register, IEnumerable<string> deregister) => new()
    {
        ["TargetGroupArn"] = targetGroupArn,
        ["Register"] = register,
        ["Deregister"] = new JsonArray([.. deregister.Select(t => (JsonNode)JsonValue.Create(t))]),
    };

    private static void AddIfDifferent(List<FieldDiff> fields, string name, string? before, string? after)
    {
        if (before != after)
        {
            fields.Add(new FieldDiff(name, Quoted(before), Quoted(after)));
        }
    }

    private static string? Quoted(string? value) => value is null ? null : CanonicalJson.Quote(value);

    private sealed class Run(FunctionDefinition function, string unqualifiedArn, string qualifiedArn, LivePushState live, PlanOptions options)
    {
        public FunctionDefinition Function => function;

        public string UnqualifiedArn => unqualifiedArn;

        public string QualifiedArn => qualifiedArn;

        public LivePushState Live => live;

        public PlanOptions Options => options;

        public List<PlannedChange> Changes { get; } = [];

        public List<Diagnostic> Diagnostics { get; } = [];

        /// <summary>Statement id → the qualifier keys it is wanted on.</summary>
        public Dictionary<string, List<string>> DesiredSid { get; } = new(StringComparer.Ordinal);

        public HashSet<string> DeclaredSids { get; } = new(StringComparer.Ordinal);

        /// <summary>Ids of declared sources that could not be planned (an error): their statements are left out of the plan.</summary>
        public HashSet<string> SkippedSids { get; } = new(StringComparer.Ordinal);

        public LiveStatement? Statement(string key, string sid) =>
            live.Policies.TryGetValue(key, out var statements) ? statements.FirstOrDefault(s => s.Sid == sid) : null;

        public void Add(PlannedChange change) => Changes.Add(change);

        public void Error(string code, string message, SourceSpan span) => Diagnostics.Add(Diagnostic.Error(code, message, span));

        public void Warning(string code, string message, SourceSpan span) => Diagnostics.Add(Diagnostic.Warning(code, message, span));
    }
}
