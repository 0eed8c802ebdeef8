using Gitmoxi.LambdaSources.Aws;
using Gitmoxi.LambdaSources.Aws.ApiGatewayV2;
using Gitmoxi.LambdaSources.Aws.ElasticLoadBalancingV2;
using Gitmoxi.LambdaSources.Aws.Lambda;
using Gitmoxi.LambdaSources.Diagnostics;
using Gitmoxi.LambdaSources.Planning;
using Gitmoxi.LambdaSources.Rendering;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Gitmoxi.LambdaSources.Applying;

/// <summary>
/// Executes a plan. Functions proceed in parallel (bounded); within a function, changes run in plan order and a
/// failure stops that function's remaining changes. The result always says what was done, what failed and what
/// was not attempted, even when apply is cancelled halfway. One <see cref="PushSourceApplier"/> serves the whole
/// apply, so its per-function policy locks hold across functions. Each change is logged as it starts and ends.
/// </summary>
public sealed class Applier(
    IAmazonLambda lambda,
    IAmazonElasticLoadBalancingV2 elb,
    IAmazonApiGatewayV2 apiGateway,
    EngineOptions options,
    TimeProvider time,
    ILogger? logger = null)
{
    private readonly ILogger logger = logger ?? NullLogger.Instance;
    private readonly EventSourceMappingApplier mappings = new(lambda, options, time, logger ?? NullLogger.Instance);
    private readonly PushSourceApplier pushSources = new(lambda, elb, apiGateway, time);

    public async Task<ApplyResult> ApplyAsync(Plan plan, CancellationToken cancellationToken)
    {
        if (plan.HasErrors)
        {
            return new ApplyResult([], plan.Diagnostics);
        }

        var results = new FunctionResult[plan.Functions.Count];
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.MaxConcurrency };
        await Parallel.ForAsync(0, plan.Functions.Count, parallel, async (i, _) =>
            results[i] = await ApplyFunctionAsync(plan.Functions[i], cancellationToken));

        var failures = results
            .SelectMany(f => f.Changes)
            .Where(c => c.Outcome == ChangeOutcome.Failed)
            .Select(c => Diagnostic.Error(c.DiagnosticCode ?? DiagnosticCodes.ChangeFailed, $"{c.Change.Address}: {c.Error}", c.Change.Span));
        return new ApplyResult(results, plan.Diagnostics.Concat(failures).ToList());
    }

    private async Task<FunctionResult> ApplyFunctionAsync(FunctionPlan function, CancellationToken cancellationToken)
    {
        var outcomes = new List<ChangeResult>(function.Changes.Count);
        var stopped = false;
        foreach (var change in function.Changes)
        {
            if (stopped || cancellationToken.IsCancellationRequested)
            {
                outcomes.Add(new ChangeResult(change, ChangeOutcome.NotAttempted));
                continue;
            }

            var result = await ExecuteLoggedAsync(function, change, cancellationToken);
            outcomes.Add(result);
            stopped = result.Outcome == ChangeOutcome.Failed;
        }

        return new FunctionResult(function, outcomes);
    }

    private async Task<ChangeResult> ExecuteLoggedAsync(FunctionPlan function, PlannedChange change, CancellationToken cancellationToken)
    {
        if (change.Action is ChangeAction.NoOp or ChangeAction.Drift)
        {
            return await ExecuteAsync(function, change, cancellationToken);
        }

        var verb = ChangeActionText.Verb(change.Action);
        Progress.Applying(logger, verb, change.Address);
        var result = await ExecuteAsync(function, change, cancellationToken);
        if (result.Outcome == ChangeOutcome.Failed)
        {
            Progress.ApplyFailed(logger, verb, change.Address, result.Error ?? "unknown error");
        }
        else
        {
            Progress.Applied(logger, verb, change.Address);
        }

        return result;
    }

    private async Task<ChangeResult> ExecuteAsync(FunctionPlan function, PlannedChange change, CancellationToken cancellationToken)
    {
        if (change.Action is ChangeAction.NoOp or ChangeAction.Drift)
        {
            return new ChangeResult(change, ChangeOutcome.Succeeded);
        }

        try
        {
            var resultId = change.Kind switch
            {
                ResourceKind.EventSourceMapping => await mappings.ExecuteAsync(function, change, cancellationToken),
                _ => await pushSources.ExecuteAsync(change, cancellationToken),
            };
            return new ChangeResult(change, ChangeOutcome.Succeeded, ResultId: resultId);
        }
        catch (AwsException e)
        {
            // AWS errors, transport failures, unexpected responses: never with secrets (the sender redacts them).
            return new ChangeResult(change, ChangeOutcome.Failed, e.Describe());
        }
        catch (GitmoxiException e)
        {
            return new ChangeResult(change, ChangeOutcome.Failed, e.Message, DiagnosticCode: e.Code);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return new ChangeResult(change, ChangeOutcome.Failed, "cancelled before this change finished; its state is unknown until the next plan");
        }
    }
}
