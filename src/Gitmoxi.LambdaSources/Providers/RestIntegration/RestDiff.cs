using Gitmoxi.LambdaSources.Definitions.PushKinds;
using Gitmoxi.LambdaSources.Providers.RouteIntegration;

namespace Gitmoxi.LambdaSources.Providers.RestIntegration;

/// <summary>
/// Diffs one function's declared REST API methods against their live integrations. Pure. A REST integration has no
/// description or tags: as for HTTP API routes, this repository's statement for the method (its id names the API,
/// resource and method) is its owner record, and only such a method's integration is ever deleted.
/// </summary>
internal static class RestDiff
{
    private const string UriPrefix = ":lambda:path/2015-03-31/functions/";
    private const string UriSuffix = "/invocations";

    /// <summary>Every change to a REST API's integration is seen by callers only after a deployment of a stage.</summary>
    public static string DeploymentNote(string api) =>
        $"a REST API serves its last deployment: this change reaches callers after the API is deployed to its stages (aws apigateway create-deployment --rest-api-id {api} --stage-name STAGE)";

    public static string Key(string api, string resource) => api + "/" + resource;

    public static string Key(string api, string resource, string method) => api + "/" + resource + "/" + method;

    public static string Address(string api, string resource, string method) => $"rest-integration apigw:{api}/{resource}/{method}";

    /// <summary>(API, resource, method) of a statement id's source part, <c>{api}-{resource}-{METHOD}</c>.</summary>
    public static (string, string, string)? MethodOf(string source) =>
        source.Split('-') is [var api, var resource, var method] ? (api, resource, method) : null;

    /// <summary>The Lambda invocation URI of <paramref name="functionArn"/> (which may end in <c>${stageVariables.NAME}</c>).</summary>
    public static string InvocationUri(string functionArn)
    {
        var (partition, region, _) = PushSources.ArnParts(functionArn);
        return $"arn:{partition}:apigateway:{region}{UriPrefix}{functionArn}{UriSuffix}";
    }

    /// <summary>The function ARN inside a Lambda invocation URI; null for any other URI.</summary>
    public static string? FunctionArnOfUri(string uri)
    {
        var start = uri.IndexOf(UriPrefix, StringComparison.Ordinal);
        return start < 0 || !uri.EndsWith(UriSuffix, StringComparison.Ordinal) ? null : uri[(start + UriPrefix.Length)..^UriSuffix.Length];
    }

    /// <summary>The stage variable an invocation URI's function ARN ends in (<c>…:${stageVariables.NAME}</c>); null for none.</summary>
    public static string? StageVariableOf(string? uri)
    {
        const string Prefix = ":${stageVariables.";
        var arn = uri is null ? null : FunctionArnOfUri(uri);
        var start = arn?.IndexOf(Prefix, StringComparison.Ordinal) ?? -1;
        return start < 0 || !arn!.EndsWith('}') ? null : arn[(start + Prefix.Length)..^1];
    }

    /// <summary><c>arn:…:execute-api:{region}:{account}:{api}/*/{METHOD|*}{path}</c>, any stage.</summary>
    public static string SourceArn(string functionArn, string api, string method, string path)
    {
        var (partition, region, account) = PushSources.ArnParts(functionArn);
        return $"arn:{partition}:execute-api:{region}:{account}:{api}/*/{(method == "ANY" ? "*" : method)}{path}";
    }

    public static WiringPlan Plan(PlanTarget target, RestLive live, IReadOnlyList<OwnedStatement> owned)
    {
        var plan = new WiringPlanBuilder();
        foreach (var source in target.Function.PushSources.OfType<RestApiPushSource>())
        {
            var sid = StatementIds.RestApi(target.Owner, source.RestApiId, source.ResourceId, source.HttpMethod);
            plan.Declared.Add(sid);
            var resource = live.Resources.GetValueOrDefault(Key(source.RestApiId, source.ResourceId));
            if (resource is null || !live.Integrations.TryGetValue(Key(source.RestApiId, source.ResourceId, source.HttpMethod), out var current))
            {
                plan.Skipped.Add(sid);
                var what = resource is null
                    ? $"has no resource {source.ResourceId} (or the REST API does not exist)"
                    : $"has no method {source.HttpMethod} on resource {source.ResourceId} (it has: {(resource.Methods.Count == 0 ? "none" : string.Join(", ", resource.Methods))})";
                plan.Diagnostics.Add(Diagnostic.Error(
                    DiagnosticCodes.RestMethodNotFound, $"The REST API {source.RestApiId} {what}: create the method before wiring it.", source.Span));
                continue;
            }

            var variable = source.AliasStageVariableName;
            var functionArn = variable is null ? target.QualifiedArn : PushSources.StageVariableUri(target.UnqualifiedArn, variable);
            var uri = InvocationUri(functionArn);
            var aliases = variable is null
                ? [target.Function.Qualifier]
                : RouteDiff.StageQualifiers(target, live.MissingAliases, source.RestApiId, live.Stages.GetValueOrDefault(source.RestApiId) ?? [], variable, source.Span, plan.Diagnostics);
            var sourceArn = SourceArn(target.QualifiedArn, source.RestApiId, source.HttpMethod, resource.Path);
            plan.Permissions.AddRange(aliases.Select(alias =>
                new PermissionRequirement(PushSources.QualifierKey(alias), sid, null, EventSourceFileValidator.ApiGatewayService, sourceArn, source.Span)));
            plan.Changes.Add(Change(source, current, uri));
        }

        foreach (var statement in owned.Where(s => s.Id.Kind == StatementIds.RestApiKind && !plan.Declared.Contains(s.Statement.Sid)).DistinctBy(s => s.Statement.Sid))
        {
            if (Undeclared(target, live, statement) is { } removal)
            {
                plan.AddUndeclared(target, statement, removal);
            }
        }

        PlanDeployments(target, live, plan);
        return plan.Build();
    }

    public static string DeploymentAddress(string api, string stage) => $"rest-deployment apigw:{api}/{stage}";

    /// <summary>
    /// One deployment per named stage of each API this function's plan changes an integration on (none when nothing
    /// changed), after every change of the function; a named stage the API does not have is a warning, not deployed.
    /// </summary>
    private static void PlanDeployments(PlanTarget target, RestLive live, WiringPlanBuilder plan)
    {
        var stages = (target.RestApiDeployStages ?? []).Distinct(StringComparer.Ordinal).ToList();
        var changed = plan.Changes
            .Select(c => c.Operation switch { PutRestIntegration put => (put.RestApiId, c.Span), DeleteRestIntegration delete => (delete.RestApiId, c.Span), _ => default })
            .Where(c => c.RestApiId is not null)
            .DistinctBy(c => c.RestApiId)
            .ToList();
        foreach (var (api, span) in changed)
        {
            var existing = (live.Stages.GetValueOrDefault(api) ?? []).Select(s => s.StageName).ToHashSet(StringComparer.Ordinal);
            foreach (var stage in stages)
            {
                if (!existing.Contains(stage))
                {
                    plan.Diagnostics.Add(Diagnostic.Warning(
                        DiagnosticCodes.RestDeployStageNotFound,
                        $"The REST API {api} has no stage '{stage}' (it has: {(existing.Count == 0 ? "none" : string.Join(", ", existing.Order(StringComparer.Ordinal)))}): it is not deployed there; create the stage or remove it from the stages to deploy.",
                        span));
                    continue;
                }

                plan.Changes.Add(new PlannedChange(
                    ChangeAction.Create, ResourceKind.RestDeployment, DeploymentAddress(api, stage), null,
                    new DeployRestApiStage(api, stage),
                    [new("stageName", null, CanonicalJson.Quote(stage))],
                    [$"deploys the REST API to stage {stage} after this function's changes, so callers see them"],
                    span));
            }
        }
    }

    private static PlannedChange Change(RestApiPushSource source, LiveRestIntegration current, string uri)
    {
        var address = Address(source.RestApiId, source.ResourceId, source.HttpMethod);
        if (current.Type == "AWS_PROXY" && current.HttpMethod == "POST" && current.Uri == uri)
        {
            return new PlannedChange(ChangeAction.NoOp, ResourceKind.RestIntegration, address, null, null, [], [], source.Span);
        }

        var notes = new List<string> { DeploymentNote(source.RestApiId) };
        if (current.Uri is { } previous && (FunctionArnOfUri(previous) is not { } arn || FunctionArns.Unqualified(arn.Split(":${", 2)[0]) != FunctionArns.Unqualified(FunctionArnOfUri(uri)!.Split(":${", 2)[0])))
        {
            notes.Insert(0, $"the method now sends requests to {previous}; its integration is replaced for this function");
        }

        return new PlannedChange(
            current.Type is null ? ChangeAction.Create : ChangeAction.Update, ResourceKind.RestIntegration, address, null,
            new PutRestIntegration(source.RestApiId, source.ResourceId, source.HttpMethod, uri),
            [.. new FieldDiff[]
            {
                new("type", Quoted(current.Type), CanonicalJson.Quote("AWS_PROXY")),
                new("integrationHttpMethod", Quoted(current.HttpMethod), CanonicalJson.Quote("POST")),
                new("uri", Quoted(current.Uri), CanonicalJson.Quote(uri)),
            }.Where(f => f.Before != f.After)],
            notes,
            source.Span);
    }

    /// <summary>The delete of the integration of a method this repository wired to the function whose source left the files; null when it no longer points there.</summary>
    private static PlannedChange? Undeclared(PlanTarget target, RestLive live, OwnedStatement statement)
    {
        if (MethodOf(statement.Id.Source) is not var (api, resource, method)
            || !live.Integrations.TryGetValue(Key(api, resource, method), out var integration)
            || integration.Uri is not { } uri || FunctionArnOfUri(uri) is not { } arn
            || FunctionArns.Unqualified(arn.Split(":${", 2)[0]) != target.UnqualifiedArn)
        {
            return null;
        }

        return new PlannedChange(
            ChangeAction.Delete, ResourceKind.RestIntegration, Address(api, resource, method), null,
            new DeleteRestIntegration(api, resource, method),
            [new("type", Quoted(integration.Type), null), new("uri", CanonicalJson.Quote(uri), null)],
            ["created by gitmoxi and no longer declared; prune is on", DeploymentNote(api)],
            null);
    }

    private static string? Quoted(string? value) => value is null ? null : CanonicalJson.Quote(value);
}
