using System.Text.Json;
using Gitmoxi.LambdaSources.Aws;
using Gitmoxi.LambdaSources.Aws.ApiGatewayV2;
using Gitmoxi.LambdaSources.Aws.ElasticLoadBalancingV2;
using Gitmoxi.LambdaSources.Aws.Lambda;
using Gitmoxi.LambdaSources.Aws.Lambda.Model;
using Gitmoxi.LambdaSources.Definitions;
using Gitmoxi.LambdaSources.Diagnostics;

namespace Gitmoxi.LambdaSources.Planning;

/// <summary>
/// Reads the live state the definitions refer to and turns the difference into a <see cref="Plan"/>.
/// Only reads: planning never changes anything in AWS.
/// </summary>
/// <remarks>
/// Mappings come from one account-wide, paged <c>ListEventSourceMappings</c> (AWS returns at most 100 per page):
/// one listing covers every function of the repository and every qualifier of each, so a mapping left on an old alias is found and
/// retargeted, where a per-function filtered list would need one call per function and qualifier. Push sources are
/// read by <see cref="PushStateReader"/>, which shares target groups and APIs between the functions of one plan.
/// </remarks>
public sealed class Planner(IAmazonLambda lambda, IAmazonElasticLoadBalancingV2 elb, IAmazonApiGatewayV2 apiGateway, EngineOptions options)
{
    public async Task<Plan> PlanAsync(DefinitionSet definitions, CancellationToken cancellationToken)
    {
        if (definitions.HasErrors)
        {
            return new Plan([], definitions.Diagnostics);
        }

        var functions = definitions.Functions;
        // Listed once, on the first function that exists: a repository whose functions are all missing reads nothing more.
        var mappingsByFunction = new Lazy<Task<ILookup<string, EventSourceMappingConfiguration>>>(
            () => ListMappingsByFunctionAsync(cancellationToken));
        var pushState = new PushStateReader(
            lambda, elb, apiGateway, functions.SelectMany(f => f.PushSources).OfType<ElbPushSource>().Select(s => s.TargetGroupArn));
        var results = new (FunctionPlan? Plan, IReadOnlyList<Diagnostic> Problems)[functions.Count];
        await Parallel.ForAsync(
            0,
            functions.Count,
            new ParallelOptions { MaxDegreeOfParallelism = options.MaxConcurrency, CancellationToken = cancellationToken },
            async (i, ct) => results[i] = await PlanFunctionOrReportAsync(functions[i], mappingsByFunction, pushState, ct));

        var problems = results.SelectMany(r => r.Problems);
        return new Plan(results.Select(r => r.Plan).OfType<FunctionPlan>().ToList(), definitions.Diagnostics.Concat(problems).ToList());
    }

    private async Task<(FunctionPlan?, IReadOnlyList<Diagnostic>)> PlanFunctionOrReportAsync(
        FunctionDefinition function,
        Lazy<Task<ILookup<string, EventSourceMappingConfiguration>>> mappingsByFunction,
        PushStateReader pushState,
        CancellationToken cancellationToken)
    {
        var span = new SourceSpan(function.DefinitionFile, 1, 1);
        try
        {
            var functionArn = await ResolveFunctionArnAsync(function, cancellationToken);
            if (functionArn is null)
            {
                var target = function.Qualifier is null ? function.FunctionName : $"{function.FunctionName}:{function.Qualifier}";
                return (null, [Diagnostic.Error(
                    DiagnosticCodes.FunctionNotFound,
                    $"Function '{target}' does not exist (or its alias or version does not): create it before wiring its event sources.",
                    span)]);
            }

            // Mappings and push sources are read side by side: one function's plan waits for the slower, not the sum.
            var liveMappings = ReadMappingsAsync(functionArn, mappingsByFunction, cancellationToken);
            var livePush = pushState.ReadAsync(function, functionArn, options.Prune, cancellationToken);
            await Task.WhenAll(liveMappings, livePush);
            var planOptions = new PlanOptions(options.Prune);
            var changes = EventSourceMappingPlanner.Plan(function, functionArn, await liveMappings, planOptions);
            var push = await livePush is { } state
                ? PushSourcePlanner.Plan(function, functionArn, state, planOptions)
                : new PushPlan([], []);
            if (push.Diagnostics.Any(d => d.IsError))
            {
                return (null, push.Diagnostics);
            }

            var plan = new FunctionPlan(function.FunctionName, function.Qualifier, functionArn, function.DefinitionFile, [.. changes, .. push.Changes]);
            return (plan, push.Diagnostics);
        }
        catch (AwsException e)
        {
            // A refusal, an unreachable endpoint or an unreadable answer: the function cannot be planned.
            return (null, [Diagnostic.Error(
                DiagnosticCodes.ReadFailed,
                $"Reading the live state of '{function.FunctionName}' failed: {e.Describe()}",
                span)]);
        }
    }

    /// <summary>
    /// The qualified ARN every source is wired to. Built from the unqualified ARN AWS returns plus our qualifier,
    /// so it is right whether AWS echoes the alias or the version it points to.
    /// </summary>
    private async Task<string?> ResolveFunctionArnAsync(FunctionDefinition function, CancellationToken cancellationToken)
    {
        try
        {
            var response = await lambda.GetFunctionAsync(
                new GetFunctionRequest { FunctionName = function.FunctionName, Qualifier = function.Qualifier },
                cancellationToken);
            var unqualified = FunctionArns.Unqualified(response.Configuration!.FunctionArn!);
            return function.Qualifier is null ? unqualified : $"{unqualified}:{function.Qualifier}";
        }
        catch (ResourceNotFoundException)
        {
            return null;
        }
    }

    private async Task<ILookup<string, EventSourceMappingConfiguration>> ListMappingsByFunctionAsync(CancellationToken cancellationToken)
    {
        var all = new List<EventSourceMappingConfiguration>();
        await foreach (var mapping in lambda.Paginators.ListEventSourceMappings(new ListEventSourceMappingsRequest())
            .EventSourceMappings.WithCancellation(cancellationToken))
        {
            all.Add(mapping);
        }

        return all.Where(m => m.FunctionArn is not null).ToLookup(m => FunctionArns.Unqualified(m.FunctionArn!), StringComparer.Ordinal);
    }

    private async Task<IReadOnlyList<LiveMapping>> ReadMappingsAsync(
        string functionArn, Lazy<Task<ILookup<string, EventSourceMappingConfiguration>>> mappingsByFunction, CancellationToken cancellationToken) =>
        await WithTagsAsync((await mappingsByFunction.Value)[FunctionArns.Unqualified(functionArn)], cancellationToken);

    private async Task<IReadOnlyList<LiveMapping>> WithTagsAsync(IEnumerable<EventSourceMappingConfiguration> mappings, CancellationToken cancellationToken)
    {
        var live = new List<LiveMapping>();
        foreach (var mapping in mappings)
        {
            var tags = await lambda.ListTagsAsync(new ListTagsRequest { Resource = mapping.EventSourceMappingArn }, cancellationToken);
            var json = JsonSerializer.SerializeToNode(mapping, LambdaJsonContext.Default.EventSourceMappingConfiguration)!.AsObject();
            live.Add(new LiveMapping(json, tags.Tags ?? new Dictionary<string, string>()));
        }

        return live;
    }
}
