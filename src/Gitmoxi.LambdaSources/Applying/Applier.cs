using Gitmoxi.LambdaSources.Providers;

namespace Gitmoxi.LambdaSources.Applying;

/// <summary>
/// Executes a plan. Functions proceed in parallel (bounded); within a function, changes run in phases (permission
/// adds and replaces, wiring deletes, other wiring, permission removals; plan order within a phase) and a failure
/// stops that function's remaining changes. Each change's typed operation goes to the provider that handles it; the
/// display data of a change (address, fields, notes) is never read. The result always says what was done, what
/// failed and what was not attempted, even when apply is cancelled halfway.
/// </summary>
internal sealed class Applier(AwsClientSet aws, EngineOptions options, TimeProvider time, ILogger logger)
{
    public async Task<ApplyResult> ApplyAsync(Plan plan, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        if (plan.HasErrors)
        {
            return new ApplyResult([], plan.Diagnostics);
        }

        // One context for the whole apply, so one function's policy lock holds across every function plan naming it.
        var context = new ApplyContext(aws.Default, options, time, logger, new KeyedLocks());
        var results = new FunctionResult[plan.Functions.Count];
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.MaxConcurrency };
        await Parallel.ForAsync(0, plan.Functions.Count, parallel, async (i, _) =>
            results[i] = await ApplyFunctionAsync(plan.Functions[i], context, cancellationToken));

        var failures = results
            .SelectMany(f => f.Changes)
            .Where(c => c.Outcome == ChangeOutcome.Failed)
            .Select(c => Diagnostic.Error(c.DiagnosticCode ?? DiagnosticCodes.ChangeFailed, $"{c.Change.Address}: {c.Error}", c.Change.Span));
        return new ApplyResult(results, plan.Diagnostics.Concat(failures).ToList());
    }

    private async Task<FunctionResult> ApplyFunctionAsync(FunctionPlan function, ApplyContext shared, CancellationToken cancellationToken)
    {
        var outcomes = new List<ChangeResult>(function.Changes.Count);
        var stopped = false;
        // Where the function was planned: its Region (the run's for plans saved before Regions were recorded), the same credentials.
        var placement = new AwsPlacement(function.Region.Length > 0 ? function.Region : aws.DefaultRegion, function.Account);
        ApplyContext context;
        try
        {
            context = shared with { Aws = await aws.GetAsync(placement, null, cancellationToken) };
        }
        catch (GitmoxiException e)
        {
            return new FunctionResult(function, [.. function.Changes.Select(c => c.Operation is null
                ? new ChangeResult(c, ChangeOutcome.Succeeded)
                : new ChangeResult(c, ChangeOutcome.Failed, e.Message, DiagnosticCode: e.Code))]);
        }

        var ordered = function.Changes.Select((change, order) => (change, order))
            .OrderBy(c => Planner.PhaseOf(c.change)).ThenBy(c => c.order).Select(c => c.change);
        foreach (var change in ordered)
        {
            if (stopped || cancellationToken.IsCancellationRequested)
            {
                outcomes.Add(new ChangeResult(change, ChangeOutcome.NotAttempted));
                continue;
            }

            var result = await ExecuteAsync(change, context, cancellationToken);
            outcomes.Add(result);
            stopped = result.Outcome == ChangeOutcome.Failed;
        }

        return new FunctionResult(function, outcomes);
    }

    private static async Task<ChangeResult> ExecuteAsync(PlannedChange change, ApplyContext context, CancellationToken cancellationToken)
    {
        if (change.Operation is not { } operation)
        {
            return new ChangeResult(change, ChangeOutcome.Succeeded);
        }

        try
        {
            var provider = ProviderRegistry.Appliers.FirstOrDefault(p => p.Handles(operation))
                ?? throw new GitmoxiException(DiagnosticCodes.ChangeFailed, $"no provider applies {operation.GetType().Name}");
            Progress.Applying(context.Logger, change);
            var resultId = await provider.ApplyAsync(operation, context, cancellationToken);
            Progress.Applied(context.Logger, change, resultId, failed: false);
            return new ChangeResult(change, ChangeOutcome.Succeeded, ResultId: resultId);
        }
        catch (AwsException e)
        {
            // AWS errors, transport failures, unexpected responses: never with secrets (the sender redacts them).
            Progress.Applied(context.Logger, change, null, failed: true);
            return new ChangeResult(change, ChangeOutcome.Failed, e.Describe());
        }
        catch (GitmoxiException e)
        {
            Progress.Applied(context.Logger, change, null, failed: true);
            return new ChangeResult(change, ChangeOutcome.Failed, e.Message, DiagnosticCode: e.Code);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return new ChangeResult(change, ChangeOutcome.Failed, "cancelled before this change finished; its state is unknown until the next plan");
        }
    }
}
