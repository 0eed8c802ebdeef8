namespace Gitmoxi.LambdaSources.Providers.RouteIntegration;

/// <summary>
/// Diffs one function's declared HTTP API routes against the live APIs. Pure. A route's owner record is this
/// repository's statement for it (its id names the API and route); an integration this repository created carries
/// <see cref="Marker"/> in its description, and only such an integration is ever deleted.
/// </summary>
internal static class RouteDiff
{
    /// <summary>What the previous version wrote in the description of the integrations it created (no repository).</summary>
    public const string LegacyMarker = "Created by gitmoxi-lambda-sources";

    private const string IntegrationsPrefix = "integrations/";

    /// <summary>Stands for the id AWS gives the integration apply creates.</summary>
    private const string NewIntegrationId = "(new)";

    /// <summary>The description of an integration this repository creates: <c>Created by gitmoxi-lambda-sources [repository hash]</c>.</summary>
    public static string Marker(OwnerIdentity owner)
    {
        ArgumentNullException.ThrowIfNull(owner);
        return $"{LegacyMarker} [{owner.RepositoryHash}]";
    }

    public static WiringPlan Plan(PlanTarget target, RouteLive live, IReadOnlyList<OwnedStatement> owned)
    {
        var plan = new WiringPlanBuilder();
        foreach (var source in target.Function.PushSources.OfType<ApiGatewayPushSource>())
        {
            var sid = StatementIds.ApiGateway(target.Owner, source.ApiId, source.RouteId);
            var legacy = StatementIds.LegacyApiGateway(source.ApiId, source.RouteId);
            plan.Declared.UnionWith([sid, legacy]);
            if (!live.Apis.TryGetValue(source.ApiId, out var api) || !api.Exists || api.ProtocolType is not (null or "HTTP"))
            {
                plan.Skipped.UnionWith([sid, legacy]);
                var what = api is { Exists: true } ? $"is a {api.ProtocolType} API; only HTTP APIs are supported" : "does not exist";
                plan.Diagnostics.Add(Diagnostic.Error(DiagnosticCodes.ApiNotFound, $"The API {source.ApiId} {what}.", source.Span));
                continue;
            }

            var route = api.Routes.FirstOrDefault(r => r.RouteId == source.RouteId);
            if (route is null)
            {
                plan.Skipped.UnionWith([sid, legacy]);
                plan.Diagnostics.Add(Diagnostic.Error(
                    DiagnosticCodes.RouteNotFound, $"The API {source.ApiId} has no route {source.RouteId}: create the route before wiring it.", source.Span));
                continue;
            }

            var variable = source.AliasStageVariableName;
            var uri = variable is null ? target.QualifiedArn : PushSources.StageVariableUri(target.UnqualifiedArn, variable);
            var aliases = variable is null ? [target.Function.Qualifier] : StageQualifiers(target, live.MissingAliases, api.ApiId, api.Stages, variable, source.Span, plan.Diagnostics);
            var sourceArn = PushSources.RouteSourceArn(target.QualifiedArn, source.ApiId, route.RouteKey);
            plan.Permissions.AddRange(aliases.Select(alias =>
                new PermissionRequirement(PushSources.QualifierKey(alias), sid, legacy, EventSourceFileValidator.ApiGatewayService, sourceArn, source.Span)));
            plan.Changes.Add(RouteChange(target, api, route, uri, source.Span));
        }

        var pruned = new HashSet<string>(StringComparer.Ordinal);
        foreach (var statement in owned.Where(s => s.Id.Kind == StatementIds.ApiGatewayKind && !plan.Declared.Contains(s.Statement.Sid)))
        {
            if (pruned.Add(statement.Statement.Sid) && Undeclared(target, live, statement) is { } removal)
            {
                plan.AddUndeclared(target, statement, removal);
            }
        }

        foreach (var api in live.Apis.Values.Where(a => a.Exists).OrderBy(a => a.ApiId, StringComparer.Ordinal))
        {
            foreach (var orphan in api.Integrations.Where(i => IsOrphan(target, api, i) && InvokedFunction(i) == target.UnqualifiedArn))
            {
                AddOrphan(target, api, orphan, plan);
            }
        }

        return plan.Build();
    }

    /// <summary>The aliases the API's stages set <paramref name="variable"/> to, in stage order, without repeats.</summary>
    public static IReadOnlyList<string> StageAliases(LiveHttpApi api, string variable)
    {
        ArgumentNullException.ThrowIfNull(api);
        return StageAliases(api.Stages, variable);
    }

    /// <summary>The aliases <paramref name="stages"/> (of an HTTP or a REST API) set <paramref name="variable"/> to, in stage order, without repeats.</summary>
    public static IReadOnlyList<string> StageAliases(IEnumerable<LiveStage> stages, string variable)
    {
        return [.. stages
            .Select(s => s.Variables.TryGetValue(variable, out var alias) ? alias : null)
            .OfType<string>()
            .Where(alias => alias.Length > 0)
            .Distinct(StringComparer.Ordinal)];
    }

    /// <summary>Qualifier keys of this function that the integrations routes target name literally (not through a stage variable).</summary>
    public static IEnumerable<string> FunctionQualifiersInRoutes(LiveHttpApi api, string unqualified) =>
        api.Integrations
            .Where(i => api.Routes.Any(r => r.Target == IntegrationsPrefix + i.IntegrationId))
            .Select(i => i.IntegrationUri)
            .OfType<string>()
            .Where(uri => !uri.Contains("${", StringComparison.Ordinal) && FunctionArns.Unqualified(uri) == unqualified)
            .Select(uri => PushSources.QualifierKey(PushSources.QualifierOfArn(uri)));

    /// <summary>The qualifiers a stage-variable integration resolves to (aliases the function has), warning about unset variables and missing aliases. Shared by HTTP and REST APIs.</summary>
    internal static IReadOnlyList<string?> StageQualifiers(
        PlanTarget target, IReadOnlySet<string> missingAliases, string apiId, IEnumerable<LiveStage> stages, string variable, SourceSpan span, List<Diagnostic> diagnostics)
    {
        var aliases = StageAliases(stages, variable);
        if (aliases.Count == 0)
        {
            diagnostics.Add(Diagnostic.Warning(
                DiagnosticCodes.StageVariableUnset,
                $"No stage of API {apiId} sets the stage variable '{variable}': the route's integration resolves to no alias, so no permission is added. "
                + $"Set '{variable}' on the stages (e.g. to '{target.Function.Qualifier ?? "live"}').",
                span));
            return [];
        }

        foreach (var missing in aliases.Where(missingAliases.Contains))
        {
            diagnostics.Add(Diagnostic.Warning(
                DiagnosticCodes.StageAliasNotFound,
                $"A stage of API {apiId} sets '{variable}' to '{missing}', but the function has no alias '{missing}': requests through that stage fail until it exists.",
                span));
        }

        return [.. aliases.Where(a => !missingAliases.Contains(a))];
    }

    private static PlannedChange RouteChange(PlanTarget target, LiveHttpApi api, LiveRoute route, string uri, SourceSpan span)
    {
        var address = PushSources.RouteAddress(api.ApiId, route.RouteKey);
        var current = IntegrationOf(api, route);
        if (current is not null && IsProxyFor(current, uri))
        {
            return new PlannedChange(ChangeAction.NoOp, ResourceKind.RouteIntegration, address, route.RouteId, null, [], [], span);
        }

        // An orphan of ours is never reused: it is drift (or pruned), and a racing apply may delete it before the route uses it.
        var reuse = api.Integrations.FirstOrDefault(i => IsProxyFor(i, uri) && !IsOrphan(target, api, i));
        var delete = current is not null && IsDisposable(target, api, route, current) ? current.IntegrationId : null;
        var operation = new SetRouteTarget(
            api.ApiId, route.RouteId, reuse?.IntegrationId,
            reuse is null ? new CreateIntegration("AWS_PROXY", uri, "POST", "2.0", Marker(target.Owner)) : null,
            delete);
        var notes = new List<string> { reuse is null ? "creates an AWS_PROXY integration (payload format 2.0)" : $"reuses integration {reuse.IntegrationId}" };
        if (current?.IntegrationUri is { } previous && FunctionArns.Unqualified(previous.Split(":${", 2)[0]) != target.UnqualifiedArn)
        {
            notes.Add($"the route now sends requests to {previous}; it is taken over for this function");
        }

        if (delete is not null)
        {
            notes.Add($"integration {delete} was created by gitmoxi and no other route uses it: it is deleted");
        }

        var fields = new List<FieldDiff>
        {
            new("Target", Quoted(route.Target), CanonicalJson.Quote(IntegrationsPrefix + (reuse?.IntegrationId ?? NewIntegrationId))),
            new("IntegrationUri", Quoted(current?.IntegrationUri), CanonicalJson.Quote(uri)),
        };
        return new PlannedChange(
            route.Target is null ? ChangeAction.Create : ChangeAction.Update, ResourceKind.RouteIntegration, address, route.RouteId,
            operation, fields, notes, span);
    }

    /// <summary>The detach of a route this repository wired to the function whose source left the files; null when it no longer points there.</summary>
    private static PlannedChange? Undeclared(PlanTarget target, RouteLive live, OwnedStatement statement)
    {
        if (PushSources.ApiIdOf(statement.Statement.SourceArn) is not { } apiId || !live.Apis.TryGetValue(apiId, out var api) || !api.Exists)
        {
            return null;
        }

        var routeId = statement.Id.Source[(apiId.Length + 1)..];
        var route = api.Routes.FirstOrDefault(r => r.RouteId == routeId);
        var integration = route is null ? null : IntegrationOf(api, route);
        if (route is null || integration?.IntegrationUri is not { } uri || FunctionArns.Unqualified(uri.Split(":${", 2)[0]) != target.UnqualifiedArn)
        {
            return null;
        }

        var delete = IsDisposable(target, api, route, integration);
        var note = "created by gitmoxi and no longer declared; prune is on";
        return new PlannedChange(
            ChangeAction.Delete, ResourceKind.RouteIntegration, PushSources.RouteAddress(apiId, route.RouteKey), routeId,
            new DetachRoute(apiId, routeId, delete ? integration.IntegrationId : null),
            [new("Target", Quoted(route.Target), null), new("IntegrationUri", CanonicalJson.Quote(uri), null)],
            delete ? [note, $"integration {integration.IntegrationId} was created by gitmoxi and no other route uses it: it is deleted"] : [note],
            null);
    }

    /// <summary>
    /// An integration this repository created (its marker) for this function that no route uses: left by an apply
    /// stopped between creating and attaching it, by a racing apply, or made by hand with the marker. Deleted with
    /// prune on, drift otherwise; integrations without this repository's marker are never listed.
    /// </summary>
    private static void AddOrphan(PlanTarget target, LiveHttpApi api, LiveIntegration orphan, WiringPlanBuilder plan)
    {
        var address = PushSources.RouteAddress(api.ApiId, IntegrationsPrefix + orphan.IntegrationId);
        List<FieldDiff> fields = [new("IntegrationUri", Quoted(orphan.IntegrationUri), null), new("Description", Quoted(orphan.Description), null)];
        if (target.Prune)
        {
            plan.Changes.Add(new PlannedChange(
                ChangeAction.Delete, ResourceKind.RouteIntegration, address, orphan.IntegrationId,
                new DeleteOrphanIntegration(api.ApiId, orphan.IntegrationId), fields,
                ["created by gitmoxi for this repository and used by no route; prune is on"], null));
        }
        else
        {
            plan.Drift.Add(new DriftObservation(
                ResourceKind.RouteIntegration, address, orphan.IntegrationId, "created by gitmoxi for this repository and used by no route; prune is off", fields));
        }
    }

    private static bool IsOrphan(PlanTarget target, LiveHttpApi api, LiveIntegration integration) =>
        integration.Description == Marker(target.Owner) && !api.Routes.Any(r => r.Target == IntegrationsPrefix + integration.IntegrationId);

    /// <summary>The unqualified function an integration invokes (its URI without alias, version or stage variable).</summary>
    private static string? InvokedFunction(LiveIntegration integration) =>
        integration.IntegrationUri is { } uri ? FunctionArns.Unqualified(uri.Split(":${", 2)[0]) : null;

    internal static bool IsProxyFor(LiveIntegration integration, string uri) =>
        integration.IntegrationUri == uri && integration.IntegrationType == "AWS_PROXY" && integration.PayloadFormatVersion is null or "2.0";

    private static LiveIntegration? IntegrationOf(LiveHttpApi api, LiveRoute route) =>
        route.Target is { } target && target.StartsWith(IntegrationsPrefix, StringComparison.Ordinal)
            ? api.Integrations.FirstOrDefault(i => i.IntegrationId == target[IntegrationsPrefix.Length..])
            : null;

    // Only an integration this repository created, that no other route targets, is deleted when its route moves on.
    private static bool IsDisposable(PlanTarget target, LiveHttpApi api, LiveRoute route, LiveIntegration integration) =>
        integration.Description == Marker(target.Owner)
        && !api.Routes.Any(r => r.RouteId != route.RouteId && r.Target == IntegrationsPrefix + integration.IntegrationId);

    private static string? Quoted(string? value) => value is null ? null : CanonicalJson.Quote(value);
}
