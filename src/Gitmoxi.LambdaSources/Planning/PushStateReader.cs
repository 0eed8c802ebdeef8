using System.Collections.Concurrent;
using Gitmoxi.LambdaSources.Aws.ApiGatewayV2;
using Gitmoxi.LambdaSources.Aws.ApiGatewayV2.Model;
using Gitmoxi.LambdaSources.Aws.ElasticLoadBalancingV2;
using Gitmoxi.LambdaSources.Aws.ElasticLoadBalancingV2.Model;
using Gitmoxi.LambdaSources.Aws.Lambda;
using Gitmoxi.LambdaSources.Definitions;
using LambdaModel = Gitmoxi.LambdaSources.Aws.Lambda.Model;

namespace Gitmoxi.LambdaSources.Planning;

/// <summary>
/// Reads the live state push sources are planned against, at the floor of API calls: the target groups the files
/// declare described <see cref="DescribeBatchSize"/> at a time, each group's health once, an API's description, routes,
/// integrations and stages once per API (all shared by every function of one plan), and one <c>GetPolicy</c> per
/// qualifier that a source wants or that AWS shows in use (a registered alias, a route's integration). A function
/// without push sources reads nothing here unless prune is on.
/// </summary>
internal sealed class PushStateReader
{
    /// <summary>
    /// Target groups per <c>DescribeTargetGroups</c>. ELBv2 documents no bound for <c>TargetGroupArns</c>; 20 is its
    /// bound for <c>LoadBalancerArns</c> and fits one page, so no batch is ever paged or refused for its size.
    /// </summary>
    internal const int DescribeBatchSize = 20;

    private readonly IAmazonLambda lambda;
    private readonly IAmazonElasticLoadBalancingV2 elb;
    private readonly IAmazonApiGatewayV2 apiGateway;
    private readonly ConcurrentDictionary<string, Lazy<Task<LiveTargetGroup>>> groups = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Lazy<Task<LiveHttpApi>>> apis = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string[]> batchOf = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string[], Lazy<Task<IReadOnlyDictionary<string, TargetGroup>?>>> batches = new();

    /// <param name="declaredTargetGroups">
    /// Every target group the files name: described together, in batches of one account and Region, the first time
    /// any of a batch is needed (a batch of another account is never needed, as only same-account groups are read).
    /// </param>
    public PushStateReader(
        IAmazonLambda lambda, IAmazonElasticLoadBalancingV2 elb, IAmazonApiGatewayV2 apiGateway, IEnumerable<string> declaredTargetGroups)
    {
        this.lambda = lambda;
        this.elb = elb;
        this.apiGateway = apiGateway;
        foreach (var sameAccount in declaredTargetGroups.Distinct(StringComparer.Ordinal).GroupBy(PushSources.ArnParts))
        {
            foreach (var batch in sameAccount.Chunk(DescribeBatchSize))
            {
                foreach (var arn in batch)
                {
                    batchOf[arn] = batch;
                }
            }
        }
    }

    /// <returns>Null when the function has nothing to plan here (no push sources, prune off).</returns>
    public async Task<LivePushState?> ReadAsync(FunctionDefinition function, string qualifiedArn, bool prune, CancellationToken cancellationToken)
    {
        if (function.PushSources.Count == 0 && !prune)
        {
            return null;
        }

        var unqualified = FunctionArns.Unqualified(qualifiedArn);
        var targetGroups = new Dictionary<string, LiveTargetGroup>(StringComparer.Ordinal);
        var httpApis = new Dictionary<string, LiveHttpApi>(StringComparer.Ordinal);
        foreach (var arn in function.PushSources.OfType<ElbPushSource>().Select(s => s.TargetGroupArn)
            .Where(arn => PushSources.ArnParts(arn) == PushSources.ArnParts(qualifiedArn)))
        {
            targetGroups[arn] = await GroupAsync(arn, cancellationToken);
        }

        foreach (var apiId in function.PushSources.OfType<ApiGatewayPushSource>().Select(s => s.ApiId).Distinct(StringComparer.Ordinal))
        {
            httpApis[apiId] = await ApiAsync(apiId, cancellationToken);
        }

        var keys = new SortedSet<string>(StringComparer.Ordinal) { PushSources.QualifierKey(function.Qualifier) };
        foreach (var target in targetGroups.Values.SelectMany(g => g.RegisteredTargets).Where(t => FunctionArns.Unqualified(t) == unqualified))
        {
            keys.Add(PushSources.QualifierKey(QualifierOf(target)));
        }

        var stageAliases = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var source in function.PushSources.OfType<ApiGatewayPushSource>())
        {
            if (!httpApis.TryGetValue(source.ApiId, out var api) || !api.Exists)
            {
                continue;
            }

            if (source.AliasStageVariableName is { } variable)
            {
                stageAliases.UnionWith(PushSourcePlanner.StageAliases(api, variable));
            }

            keys.UnionWith(FunctionQualifiersInRoutes(api, unqualified));
        }

        var missing = await MissingAliasesAsync(unqualified, stageAliases.Where(a => a != function.Qualifier), cancellationToken);
        keys.UnionWith(stageAliases.Where(a => !missing.Contains(a)));

        var policies = new Dictionary<string, IReadOnlyList<LiveStatement>>(StringComparer.Ordinal);
        foreach (var key in keys)
        {
            policies[key] = await PolicyAsync(unqualified, PushSources.QualifierOf(key), cancellationToken);
        }

        // Owned statements name their sources: read those that left the files, so prune can remove their registration or route target.
        foreach (var statement in policies.Values.SelectMany(s => s).Where(s => s.Sid.StartsWith(PushSources.OwnedSidPrefix, StringComparison.Ordinal)))
        {
            if (statement.Sid.StartsWith(PushSources.ElbSidPrefix, StringComparison.Ordinal) && statement.SourceArn is { } arn
                && !targetGroups.ContainsKey(arn) && PushSources.ArnParts(arn) == PushSources.ArnParts(qualifiedArn))
            {
                targetGroups[arn] = await GroupAsync(arn, cancellationToken);
            }
            else if (statement.Sid.StartsWith(PushSources.ApiGatewaySidPrefix, StringComparison.Ordinal)
                && PushSources.ApiIdOf(statement.SourceArn) is { } apiId && !httpApis.ContainsKey(apiId))
            {
                httpApis[apiId] = await ApiAsync(apiId, cancellationToken);
            }
        }

        return new LivePushState(targetGroups, httpApis, policies, missing);
    }

    private static string? QualifierOf(string functionArn) => functionArn.Split(':') is { Length: > 7 } parts ? parts[7] : null;

    /// <summary>Qualifiers of this function that the integrations routes target name literally (not through a stage variable).</summary>
    private static IEnumerable<string> FunctionQualifiersInRoutes(LiveHttpApi api, string unqualified) =>
        api.Integrations
            .Where(i => api.Routes.Any(r => r.Target == "integrations/" + i.IntegrationId))
            .Select(i => i.IntegrationUri)
            .OfType<string>()
            .Where(uri => !uri.Contains("${", StringComparison.Ordinal) && FunctionArns.Unqualified(uri) == unqualified)
            .Select(uri => PushSources.QualifierKey(QualifierOf(uri)));

    private Task<LiveTargetGroup> GroupAsync(string arn, CancellationToken cancellationToken) =>
        groups.GetOrAdd(arn, a => new Lazy<Task<LiveTargetGroup>>(() => ReadGroupAsync(a, cancellationToken))).Value;

    private Task<LiveHttpApi> ApiAsync(string apiId, CancellationToken cancellationToken) =>
        apis.GetOrAdd(apiId, id => new Lazy<Task<LiveHttpApi>>(() => ReadApiAsync(id, cancellationToken))).Value;

    /// <summary>
    /// The batch's groups by ARN, or null when ELBv2 refused the batch (one of its groups does not exist: the call
    /// then names none), so each group is described on its own.
    /// </summary>
    private async Task<IReadOnlyDictionary<string, TargetGroup>?> DescribeBatchAsync(string[] arns, CancellationToken cancellationToken)
    {
        try
        {
            var response = await elb.DescribeTargetGroupsAsync(new DescribeTargetGroupsRequest { TargetGroupArns = [.. arns] }, cancellationToken);
            return (response.TargetGroups ?? []).Where(g => g.TargetGroupArn is not null)
                .ToDictionary(g => g.TargetGroupArn!, StringComparer.Ordinal);
        }
        catch (TargetGroupNotFoundException)
        {
            return null;
        }
    }

    private async Task<TargetGroup?> DescribeGroupAsync(string arn, CancellationToken cancellationToken)
    {
        if (batchOf.TryGetValue(arn, out var batch)
            && await batches.GetOrAdd(batch, b => new Lazy<Task<IReadOnlyDictionary<string, TargetGroup>?>>(() => DescribeBatchAsync(b, cancellationToken))).Value
                is { } described)
        {
            return described.GetValueOrDefault(arn);
        }

        try
        {
            var response = await elb.DescribeTargetGroupsAsync(new DescribeTargetGroupsRequest { TargetGroupArns = [arn] }, cancellationToken);
            return response.TargetGroups?.FirstOrDefault(g => g.TargetGroupArn == arn);
        }
        catch (TargetGroupNotFoundException)
        {
            return null;
        }
    }

    private async Task<LiveTargetGroup> ReadGroupAsync(string arn, CancellationToken cancellationToken)
    {
        var group = await DescribeGroupAsync(arn, cancellationToken);

        if (group is null)
        {
            return new LiveTargetGroup(arn, false, null, []);
        }

        if (group.TargetType != "lambda")
        {
            return new LiveTargetGroup(arn, true, group.TargetType, []);
        }

        var health = await elb.DescribeTargetHealthAsync(new DescribeTargetHealthRequest { TargetGroupArn = arn }, cancellationToken);
        var targets = (health.TargetHealthDescriptions ?? [])
            .Where(d => d.TargetHealth?.State is not ("unused" or "draining"))
            .Select(d => d.Target?.Id)
            .OfType<string>()
            .ToList();
        return new LiveTargetGroup(arn, true, group.TargetType, targets);
    }

    private async Task<LiveHttpApi> ReadApiAsync(string apiId, CancellationToken cancellationToken)
    {
        GetApiResponse api;
        try
        {
            api = await apiGateway.GetApiAsync(new GetApiRequest { ApiId = apiId }, cancellationToken);
        }
        catch (NotFoundException)
        {
            return new LiveHttpApi(apiId, false, null, [], [], []);
        }

        // Routes, integrations and stages are independent reads of one API: one round trip of waiting, not three.
        var routes = ReadRoutesAsync(apiId, cancellationToken);
        var integrations = ReadIntegrationsAsync(apiId, cancellationToken);
        var stages = ReadStagesAsync(apiId, cancellationToken);
        await Task.WhenAll(routes, integrations, stages);
        return new LiveHttpApi(apiId, true, api.ProtocolType, await routes, await integrations, await stages);
    }

    private async Task<List<LiveRoute>> ReadRoutesAsync(string apiId, CancellationToken cancellationToken)
    {
        var routes = new List<LiveRoute>();
        await foreach (var route in apiGateway.Paginators.GetRoutes(new GetRoutesRequest { ApiId = apiId }).WithCancellation(cancellationToken))
        {
            routes.Add(new LiveRoute(route.RouteId ?? string.Empty, route.RouteKey ?? string.Empty, string.IsNullOrEmpty(route.Target) ? null : route.Target));
        }

        return routes;
    }

    private async Task<List<LiveIntegration>> ReadIntegrationsAsync(string apiId, CancellationToken cancellationToken)
    {
        var integrations = new List<LiveIntegration>();
        await foreach (var i in apiGateway.Paginators.GetIntegrations(new GetIntegrationsRequest { ApiId = apiId }).WithCancellation(cancellationToken))
        {
            integrations.Add(new LiveIntegration(i.IntegrationId ?? string.Empty, i.IntegrationType, i.IntegrationUri, i.PayloadFormatVersion, i.Description));
        }

        return integrations;
    }

    private async Task<List<LiveStage>> ReadStagesAsync(string apiId, CancellationToken cancellationToken)
    {
        var stages = new List<LiveStage>();
        await foreach (var stage in apiGateway.Paginators.GetStages(new GetStagesRequest { ApiId = apiId }).WithCancellation(cancellationToken))
        {
            stages.Add(new LiveStage(stage.StageName ?? string.Empty, stage.StageVariables ?? []));
        }

        return stages;
    }

    private async Task<IReadOnlyList<LiveStatement>> PolicyAsync(string unqualified, string? qualifier, CancellationToken cancellationToken)
    {
        try
        {
            var response = await lambda.GetPolicyAsync(new LambdaModel.GetPolicyRequest { FunctionName = unqualified, Qualifier = qualifier }, cancellationToken);
            return PushSources.ParsePolicy(response.Policy);
        }
        catch (LambdaModel.ResourceNotFoundException)
        {
            return []; // no policy yet: GetPolicy answers 404 for a qualifier without statements
        }
    }

    private async Task<IReadOnlySet<string>> MissingAliasesAsync(string unqualified, IEnumerable<string> aliases, CancellationToken cancellationToken)
    {
        var missing = new HashSet<string>(StringComparer.Ordinal);
        foreach (var alias in aliases.Where(a => !a.All(char.IsAsciiDigit)))
        {
            try
            {
                await lambda.GetAliasAsync(new LambdaModel.GetAliasRequest { FunctionName = unqualified, Name = alias }, cancellationToken);
            }
            catch (LambdaModel.ResourceNotFoundException)
            {
                missing.Add(alias);
            }
        }

        return missing;
    }
}
