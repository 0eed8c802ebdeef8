using Gitmoxi.LambdaSources.Aws.ApiGateway.Model;
using Gitmoxi.LambdaSources.Definitions.PushKinds;
using Gitmoxi.LambdaSources.Providers.RouteIntegration;

namespace Gitmoxi.LambdaSources.Providers.RestIntegration;

/// <param name="Path">The resource's full path (<c>/orders</c>; <c>/</c> for the root).</param>
/// <param name="Methods">The verbs the resource has methods for.</param>
internal sealed record LiveRestResource(string Path, IReadOnlyList<string> Methods);

/// <summary>A method's integration as read; all null when the method has none.</summary>
internal sealed record LiveRestIntegration(string? Type, string? HttpMethod, string? Uri);

/// <summary>The REST API methods one function's sources (declared, or named by this repository's statements) are on.</summary>
/// <param name="Resources">By <c>api/resource</c>; null when the API or the resource does not exist.</param>
/// <param name="Integrations">By <c>api/resource/METHOD</c>, for methods that exist.</param>
/// <param name="Stages">By API: its stages and their variables.</param>
internal sealed record RestLive(
    IReadOnlyDictionary<string, LiveRestResource?> Resources,
    IReadOnlyDictionary<string, LiveRestIntegration> Integrations,
    IReadOnlyDictionary<string, IReadOnlyList<LiveStage>> Stages,
    IReadOnlySet<string> StageAliases,
    IReadOnlySet<string> MissingAliases,
    string UnqualifiedArn) : IWiringLive
{
    public IEnumerable<string> QualifierKeys =>
        PushSources.QualifierKeysOf(
                Integrations.Values.Select(i => i.Uri).OfType<string>().Select(RestDiff.FunctionArnOfUri).OfType<string>().Where(arn => !arn.Contains("${", StringComparison.Ordinal)),
                UnqualifiedArn)
            .Concat(StageAliases.Where(a => !MissingAliases.Contains(a)));

    public string Fingerprint => string.Join(
        "\n",
        Resources.OrderBy(r => r.Key, StringComparer.Ordinal).Select(r => $"{r.Key} {r.Value?.Path} {string.Join(",", r.Value?.Methods ?? [])}")
            .Concat(Integrations.OrderBy(i => i.Key, StringComparer.Ordinal).Select(i => $"{i.Key} {i.Value.Type}|{i.Value.HttpMethod}|{i.Value.Uri}"))
            .Concat(Stages.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => s.Key + " " + string.Join(",", s.Value.Select(v =>
                v.StageName + "{" + string.Join(",", v.Variables.OrderBy(x => x.Key, StringComparer.Ordinal).Select(x => x.Key + "=" + x.Value)) + "}"))))
            .Append("missing " + string.Join(",", MissingAliases.Order(StringComparer.Ordinal))));

    public WiringPlan Diff(PlanTarget target, IReadOnlyList<OwnedStatement> owned) => RestDiff.Plan(target, this, owned);
}

/// <summary>Reads each resource, method and API's stages once per run (shared by every function), and whether the aliases stages name exist.</summary>
internal sealed class RestReader(AwsClients aws) : IWiringReader
{
    private readonly OnceReader<string, LiveRestResource?> resources = new((key, ct) => ReadResourceAsync(aws, key, ct), StringComparer.Ordinal);
    private readonly OnceReader<string, LiveRestIntegration> integrations = new((key, ct) => ReadIntegrationAsync(aws, key, ct), StringComparer.Ordinal);
    private readonly OnceReader<string, IReadOnlyList<LiveStage>> stages = new((api, ct) => ReadStagesAsync(aws, api, ct), StringComparer.Ordinal);

    public Task<IWiringLive> ReadAsync(PlanTarget target, CancellationToken cancellationToken) =>
        ReadMethodsAsync(
            target,
            target.Function.PushSources.OfType<RestApiPushSource>().Select(s => (s.RestApiId, s.ResourceId, s.HttpMethod, s.AliasStageVariableName)),
            cancellationToken);

    public async Task<IWiringLive> ReadOwnedAsync(PlanTarget target, IWiringLive live, IReadOnlyList<OwnedStatement> owned, CancellationToken cancellationToken)
    {
        var methods = target.Function.PushSources.OfType<RestApiPushSource>().Select(s => (s.RestApiId, s.ResourceId, s.HttpMethod, s.AliasStageVariableName))
            .Concat(owned.Where(s => s.Id.Kind == StatementIds.RestApiKind).Select(s => RestDiff.MethodOf(s.Id.Source)).OfType<(string, string, string)>()
                .Select(m => (m.Item1, m.Item2, m.Item3, (string?)null)));
        return await ReadMethodsAsync(target, methods, cancellationToken);
    }

    private async Task<IWiringLive> ReadMethodsAsync(
        PlanTarget target, IEnumerable<(string Api, string Resource, string Method, string? Variable)> methods, CancellationToken cancellationToken)
    {
        var foundResources = new Dictionary<string, LiveRestResource?>(StringComparer.Ordinal);
        var foundIntegrations = new Dictionary<string, LiveRestIntegration>(StringComparer.Ordinal);
        var foundStages = new Dictionary<string, IReadOnlyList<LiveStage>>(StringComparer.Ordinal);
        var stageAliases = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var (api, resource, method, variable) in methods)
        {
            var resourceKey = RestDiff.Key(api, resource);
            var live = foundResources[resourceKey] = await resources.GetAsync(resourceKey, cancellationToken);
            if (live is null || !live.Methods.Contains(method, StringComparer.Ordinal))
            {
                continue;
            }

            var integration = foundIntegrations[RestDiff.Key(api, resource, method)] = await integrations.GetAsync(RestDiff.Key(api, resource, method), cancellationToken);
            var apiStages = foundStages[api] = await stages.GetAsync(api, cancellationToken);

            // The aliases the declared variable resolves to, and those the live integration's variable resolves to
            // (so a permission of a stage alias is found, and moved, when the file stops using the variable).
            foreach (var name in new[] { variable, RestDiff.StageVariableOf(integration.Uri) }.OfType<string>().Distinct(StringComparer.Ordinal))
            {
                stageAliases.UnionWith(RouteDiff.StageAliases(apiStages, name));
            }
        }

        var missing = await RouteReader.MissingAliasesAsync(aws, target.UnqualifiedArn, stageAliases.Where(a => a != target.Function.Qualifier), cancellationToken);
        return new RestLive(foundResources, foundIntegrations, foundStages, stageAliases, missing, target.UnqualifiedArn);
    }

    private static async Task<LiveRestResource?> ReadResourceAsync(AwsClients aws, string key, CancellationToken cancellationToken)
    {
        var (api, resource) = (key.Split('/')[0], key.Split('/')[1]);
        try
        {
            var live = await aws.RestApi.GetResourceAsync(new GetResourceRequest { RestApiId = api, ResourceId = resource }, cancellationToken);
            return new LiveRestResource(live.Path ?? "/", [.. (live.ResourceMethods ?? []).Keys.Order(StringComparer.Ordinal)]);
        }
        catch (NotFoundException)
        {
            return null;
        }
    }

    private static async Task<LiveRestIntegration> ReadIntegrationAsync(AwsClients aws, string key, CancellationToken cancellationToken)
    {
        var parts = key.Split('/');
        var method = await aws.RestApi.GetMethodAsync(new GetMethodRequest { RestApiId = parts[0], ResourceId = parts[1], HttpMethod = parts[2] }, cancellationToken);
        var integration = method.MethodIntegration;
        return new LiveRestIntegration(integration?.Type, integration?.HttpMethod, integration?.Uri);
    }

    private static async Task<IReadOnlyList<LiveStage>> ReadStagesAsync(AwsClients aws, string api, CancellationToken cancellationToken)
    {
        var answer = await aws.RestApi.GetStagesAsync(new GetStagesRequest { RestApiId = api }, cancellationToken);
        return [.. (answer.Item ?? []).Select(s => new LiveStage(s.StageName ?? string.Empty, s.Variables ?? []))];
    }
}
