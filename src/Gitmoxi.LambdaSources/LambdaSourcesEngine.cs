using Gitmoxi.LambdaSources.Applying;
using Gitmoxi.LambdaSources.Aws;
using Gitmoxi.LambdaSources.Aws.ApiGatewayV2;
using Gitmoxi.LambdaSources.Aws.ElasticLoadBalancingV2;
using Gitmoxi.LambdaSources.Aws.Lambda;
using Gitmoxi.LambdaSources.Definitions;
using Gitmoxi.LambdaSources.Planning;

namespace Gitmoxi.LambdaSources;

/// <summary>
/// The engine both hosts drive: read the definition files, plan against live AWS state, apply the plan.
/// Hosts decide what to do with the values (render, annotate, log); the engine never prints.
/// </summary>
public sealed class LambdaSourcesEngine : IDisposable
{
    private readonly HttpClient? ownedHttpClient;
    private readonly Planner planner;
    private readonly Applier applier;

    public LambdaSourcesEngine(
        IAmazonLambda lambda, IAmazonElasticLoadBalancingV2 elb, IAmazonApiGatewayV2 apiGateway, EngineOptions options, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        planner = new Planner(lambda, elb, apiGateway, options);
        applier = new Applier(lambda, elb, apiGateway, options, time ?? TimeProvider.System);
    }

    private LambdaSourcesEngine(HttpClient httpClient, AwsSettings settings, EngineOptions options)
        : this(
            new AmazonLambdaClient(httpClient, settings),
            new AmazonElasticLoadBalancingV2Client(httpClient, settings),
            new AmazonApiGatewayV2Client(httpClient, settings),
            options)
    {
        ownedHttpClient = httpClient;
    }

    /// <summary>An engine talking to AWS (or the endpoints the settings override) with its own HTTP connection pool.</summary>
    public static LambdaSourcesEngine Create(AwsSettings settings, EngineOptions options) =>
        new(new HttpClient { Timeout = TimeSpan.FromSeconds(30) }, settings, options);

    /// <summary>Reads and validates every definition file under <paramref name="path"/>; makes no AWS call.</summary>
    public static Task<DefinitionSet> ReadAsync(string path, DefinitionOptions options, CancellationToken cancellationToken) =>
        DefinitionReader.ReadAsync(path, options, cancellationToken);

    /// <summary>Reads live state and diffs it against the definitions. A definition set with errors is not planned.</summary>
    public Task<Plan> PlanAsync(DefinitionSet definitions, CancellationToken cancellationToken) =>
        planner.PlanAsync(definitions, cancellationToken);

    /// <summary>Executes the plan; always returns what was done, what failed and what was not attempted.</summary>
    public Task<ApplyResult> ApplyAsync(Plan plan, CancellationToken cancellationToken) =>
        applier.ApplyAsync(plan, cancellationToken);

    public void Dispose() => ownedHttpClient?.Dispose();
}
