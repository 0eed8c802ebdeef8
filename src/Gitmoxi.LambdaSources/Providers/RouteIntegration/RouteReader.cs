using Gitmoxi.LambdaSources.Aws.ApiGatewayV2.Model;
using LambdaModel = Gitmoxi.LambdaSources.Aws.Lambda.Model;

namespace Gitmoxi.LambdaSources.Providers.RouteIntegration;

internal sealed record LiveHttpApi(
    string ApiId,
    bool Exists,
    string? ProtocolType,
    IReadOnlyList<LiveRoute> Routes,
    IReadOnlyList<LiveIntegration> Integrations,
    IReadOnlyList<LiveStage> Stages);

/// <param name="Target"><c>integrations/{id}</c>, or null for a route without a target.</param>
internal sealed record LiveRoute(string RouteId, string RouteKey, string? Target);

internal sealed record LiveIntegration(string IntegrationId, string? IntegrationType, string? IntegrationUri, string? PayloadFormatVersion, string? Description);

internal sealed record LiveStage(string StageName, IReadOnlyDictionary<string, string> Variables);

/// <summary>The HTTP APIs one function's routes (declared, or named by this repository's statements) are in.</summary>
/// <param name="MissingAliases">Aliases a stage names that the function does not have.</param>
internal sealed record RouteLive(IReadOnlyDictionary<string, LiveHttpApi> Apis, IReadOnlySet<string> StageAliases, IReadOnlySet<string> MissingAliases, string UnqualifiedArn)
    : IWiringLive
{
    public IEnumerable<string> QualifierKeys =>
        Apis.Values.Where(a => a.Exists).SelectMany(a => RouteDiff.FunctionQualifiersInRoutes(a, UnqualifiedArn))
            .Concat(StageAliases.Where(a => !MissingAliases.Contains(a)));

    public string Fingerprint => string.Join(
        "\n",
        Apis.Values.OrderBy(a => a.ApiId, StringComparer.Ordinal).Select(a =>
            $"{a.ApiId} {a.Exists} {a.ProtocolType} routes {string.Join(",", a.Routes.Select(r => $"{r.RouteId}={r.RouteKey}>{r.Target}"))} "
            + $"integrations {string.Join(",", a.Integrations.Select(i => $"{i.IntegrationId}={i.IntegrationType}|{i.IntegrationUri}|{i.PayloadFormatVersion}|{i.Description}"))} "
            + $"stages {string.Join(",", a.Stages.Select(s => s.StageName + "{" + string.Join(",", s.Variables.OrderBy(v => v.Key, StringComparer.Ordinal).Select(v => v.Key + "=" + v.Value)) + "}"))}"))
        + " missing " + string.Join(",", MissingAliases.Order(StringComparer.Ordinal));

    public WiringPlan Diff(PlanTarget target, IReadOnlyList<OwnedStatement> owned) => RouteDiff.Plan(target, this, owned);
}

/// <summary>
/// Reads each API once per run (shared by every function): its description, then routes, integrations and stages side
/// by side; and whether the aliases its stages name exist.
/// </summary>
internal sealed class RouteReader(AwsClients aws) : IWiringReader
{
    private readonly OnceReader<string, LiveHttpApi> apis = new((id, ct) => ReadApiAsync(aws, id, ct), StringComparer.Ordinal);

    public async Task<IWiringLive> ReadAsync(PlanTarget target, CancellationToken cancellationToken)
    {
        var found = new Dictionary<string, LiveHttpApi>(StringComparer.Ordinal);
        var sources = target.Function.PushSources.OfType<ApiGatewayPushSource>().ToList();
        foreach (var apiId in sources.Select(s => s.ApiId).Distinct(StringComparer.Ordinal))
        {
            found[apiId] = await apis.GetAsync(apiId, cancellationToken);
        }

        var stageAliases = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var source in sources)
        {
            if (source.AliasStageVariableName is { } variable && found[source.ApiId] is { Exists: true } api)
            {
                stageAliases.UnionWith(RouteDiff.StageAliases(api, variable));
            }
        }

        var missing = await MissingAliasesAsync(aws, target.UnqualifiedArn, stageAliases.Where(a => a != target.Function.Qualifier), cancellationToken);
        return new RouteLive(found, stageAliases, missing, target.UnqualifiedArn);
    }

    public async Task<IWiringLive> ReadOwnedAsync(PlanTarget target, IWiringLive live, IReadOnlyList<OwnedStatement> owned, CancellationToken cancellationToken)
    {
        var current = (RouteLive)live;
        var found = new Dictionary<string, LiveHttpApi>(current.Apis, StringComparer.Ordinal);
        foreach (var apiId in owned.Where(s => s.Id.Kind == StatementIds.ApiGatewayKind).Select(s => PushSources.ApiIdOf(s.Statement.SourceArn)).OfType<string>())
        {
            if (!found.ContainsKey(apiId))
            {
                found[apiId] = await apis.GetAsync(apiId, cancellationToken);
            }
        }

        return current with { Apis = found };
    }

    private static async Task<LiveHttpApi> ReadApiAsync(AwsClients aws, string apiId, CancellationToken cancellationToken)
    {
        GetApiResponse api;
        try
        {
            api = await aws.ApiGateway.GetApiAsync(new GetApiRequest { ApiId = apiId }, cancellationToken);
        }
        catch (NotFoundException)
        {
            return new LiveHttpApi(apiId, false, null, [], [], []);
        }

        // Routes, integrations and stages are independent reads of one API: one round trip of waiting, not three.
        var routes = ReadRoutesAsync(aws, apiId, cancellationToken);
        var integrations = ReadIntegrationsAsync(aws, apiId, cancellationToken);
        var stages = ReadStagesAsync(aws, apiId, cancellationToken);
        await Task.WhenAll(routes, integrations, stages);
        return new LiveHttpApi(apiId, true, api.ProtocolType, await routes, await integrations, await stages);
    }

    internal static async Task<List<LiveRoute>> ReadRoutesAsync(AwsClients aws, string apiId, CancellationToken cancellationToken)
    {
        var routes = new List<LiveRoute>();
        await foreach (var route in aws.ApiGateway.GetAllRoutes(new GetRoutesRequest { ApiId = apiId }).WithCancellation(cancellationToken))
        {
            routes.Add(new LiveRoute(route.RouteId ?? string.Empty, route.RouteKey ?? string.Empty, string.IsNullOrEmpty(route.Target) ? null : route.Target));
        }

        return routes;
    }

    internal static async Task<List<LiveIntegration>> ReadIntegrationsAsync(AwsClients aws, string apiId, CancellationToken cancellationToken)
    {
        var integrations = new List<LiveIntegration>();
        await foreach (var i in aws.ApiGateway.GetAllIntegrations(new GetIntegrationsRequest { ApiId = apiId }).WithCancellation(cancellationToken))
        {
            integrations.Add(new LiveIntegration(i.IntegrationId ?? string.Empty, i.IntegrationType, i.IntegrationUri, i.PayloadFormatVersion, i.Description));
        }

        return integrations;
    }

    private static async Task<List<LiveStage>> ReadStagesAsync(AwsClients aws, string apiId, CancellationToken cancellationToken)
    {
        var stages = new List<LiveStage>();
        await foreach (var stage in aws.ApiGateway.GetAllStages(new GetStagesRequest { ApiId = apiId }).WithCancellation(cancellationToken))
        {
            stages.Add(new LiveStage(stage.StageName ?? string.Empty, stage.StageVariables ?? []));
        }

        return stages;
    }

    /// <summary>Which of <paramref name="aliases"/> (named by API stages) the function does not have; shared by HTTP and REST APIs.</summary>
    internal static async Task<IReadOnlySet<string>> MissingAliasesAsync(AwsClients aws, string unqualified, IEnumerable<string> aliases, CancellationToken cancellationToken)
    {
        var missing = new HashSet<string>(StringComparer.Ordinal);
        foreach (var alias in aliases.Where(a => !a.All(char.IsAsciiDigit)))
        {
            try
            {
                await aws.Lambda.GetAliasAsync(new LambdaModel.GetAliasRequest { FunctionName = unqualified, Name = alias }, cancellationToken);
            }
            catch (LambdaModel.ResourceNotFoundException)
            {
                missing.Add(alias);
            }
        }

        return missing;
    }
}
