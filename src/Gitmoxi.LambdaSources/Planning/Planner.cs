using Gitmoxi.LambdaSources.Aws.Lambda.Model;
using Gitmoxi.LambdaSources.Providers;

namespace Gitmoxi.LambdaSources.Planning;

/// <summary>
/// Reads the live state the definitions refer to and turns the difference into a <see cref="Plan"/>, through the
/// providers of <see cref="ProviderRegistry"/>. Only reads: planning never changes anything in AWS.
/// </summary>
/// <remarks>
/// Per function: every wiring provider reads its kind side by side (its reader is shared by the run, so a target group
/// or an API is read once however many functions name it); the policies of every qualifier the wiring uses are read;
/// the sources this repository's statements name are read for prune; then each provider diffs, and the permission
/// provider diffs the union of the statements the wiring requires.
/// </remarks>
internal sealed class Planner(AwsClientSet aws, EngineOptions options, ILogger logger)
{
    public async Task<Plan> PlanAsync(DefinitionSet definitions, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(definitions);
        if (definitions.HasErrors)
        {
            return new Plan([], definitions.Diagnostics);
        }

        // One run per Region and account: its readers share reads among that placement's functions only.
        var functions = definitions.Functions;
        var placements = functions.Select(aws.PlacementOf).ToList();
        var runs = functions.Select((function, i) => (function, placement: placements[i]))
            .GroupBy(f => f.placement)
            .ToDictionary(g => g.Key, g => new Lazy<Task<Run>>(() => StartRunAsync(g.Key, [.. g.Select(f => f.function)], definitions.Scope, g.First().function)));
        var results = new (FunctionPlan? Plan, IReadOnlyList<Diagnostic> Problems)[functions.Count];
        await Parallel.ForAsync(
            0,
            functions.Count,
            new ParallelOptions { MaxDegreeOfParallelism = options.MaxConcurrency, CancellationToken = cancellationToken },
            async (i, ct) => results[i] = await PlanPlacedFunctionAsync(functions[i], placements[i], runs[placements[i]].Value, ct));

        var problems = results.SelectMany(r => r.Problems);
        return new Plan(results.Select(r => r.Plan).OfType<FunctionPlan>().ToList(), definitions.Diagnostics.Concat(problems).ToList());
    }

    private async Task<Run> StartRunAsync(AwsPlacement placement, IReadOnlyList<FunctionDefinition> functions, RepositoryScope scope, FunctionDefinition first)
    {
        // The account check (or the role) comes before any read of the placement: nothing is read with the wrong credentials.
        var clients = await aws.GetAsync(placement, first.Environment?.AccountSpan, CancellationToken.None);
        return new Run(
            clients,
            placement,
            [.. ProviderRegistry.Wiring.Select(p => p.StartRead(clients, functions))],
            PermissionProvider.StartRead(clients),
            scope,
            logger);
    }

    private async Task<(FunctionPlan?, IReadOnlyList<Diagnostic>)> PlanPlacedFunctionAsync(
        FunctionDefinition function, AwsPlacement placement, Task<Run> starting, CancellationToken cancellationToken)
    {
        Run run;
        try
        {
            run = await starting.WaitAsync(cancellationToken);
        }
        catch (GitmoxiException e)
        {
            // Each group of the placement is refused at its own declaration.
            var where = function.Environment?.AccountSpan ?? function.Environment?.RegionSpan ?? new SourceSpan(function.DefinitionFile, 1, 1);
            return (null, [Diagnostic.Error(e.Code, e.Message, where)]);
        }

        return await PlanFunctionOrReportAsync(function, run, cancellationToken);
    }

    private async Task<(FunctionPlan?, IReadOnlyList<Diagnostic>)> PlanFunctionOrReportAsync(
        FunctionDefinition function, Run run, CancellationToken cancellationToken)
    {
        var span = new SourceSpan(function.DefinitionFile, 1, 1);
        try
        {
            var functionArn = await ResolveFunctionArnAsync(run.Aws.Lambda, function, cancellationToken);
            if (functionArn is null)
            {
                var name = function.Qualifier is null ? function.FunctionName : $"{function.FunctionName}:{function.Qualifier}";
                return (null, [Diagnostic.Error(
                    DiagnosticCodes.FunctionNotFound,
                    $"Function '{name}' does not exist (or its alias or version does not): create it before wiring its event sources.",
                    span)]);
            }

            var target = new PlanTarget(function, functionArn, run.Scope.Owner(function.DefinitionFile), options.Prune, options.RestApiDeployStages);
            var lives = await Task.WhenAll(run.Readers.Select(r => r.ReadAsync(target, cancellationToken)));

            // The policy is read only when something can be planned in it: a push source, or prune of this repository's statements.
            IReadOnlyDictionary<string, IReadOnlyList<LiveStatement>> policies = new Dictionary<string, IReadOnlyList<LiveStatement>>();
            IReadOnlyList<OwnedStatement> owned = [];
            var withPolicy = function.PushSources.Count > 0 || options.Prune;
            if (withPolicy)
            {
                var keys = lives.SelectMany(l => l.QualifierKeys).Append(PushSources.QualifierKey(function.Qualifier));
                policies = await run.Policies.ReadAsync(target.UnqualifiedArn, keys, cancellationToken);
                owned = PermissionDiff.Owned(target, policies);
                var read = lives;
                lives = await Task.WhenAll(run.Readers.Select((r, i) => r.ReadOwnedAsync(target, read[i], owned, cancellationToken)));
            }

            var (plan, diagnostics) = Diff(target, lives, withPolicy ? policies : null);
            plan = plan is null ? null : plan with { Region = run.Placement.Region, Account = run.Placement.Account };
            if (plan is not null)
            {
                Progress.Planned(run.Logger, plan);
            }

            return (plan, diagnostics);
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
    /// The pure half of planning one function: every provider's diff over the live values read for it, and the
    /// permission diff over what they require. No plan when a provider found an error.
    /// </summary>
    /// <param name="policies">By qualifier key; null when the function's policy is not planned (no push source, prune off).</param>
    internal static (FunctionPlan? Plan, IReadOnlyList<Diagnostic> Diagnostics) Diff(
        PlanTarget target, IReadOnlyList<IWiringLive> lives, IReadOnlyDictionary<string, IReadOnlyList<LiveStatement>>? policies)
    {
        var owned = policies is null ? [] : PermissionDiff.Owned(target, policies);
        var wiring = lives.Select(l => l.Diff(target, owned)).ToList();
        var diagnostics = wiring.SelectMany(w => w.Diagnostics).ToList();
        if (diagnostics.Any(d => d.IsError))
        {
            return (null, diagnostics);
        }

        var (permissionChanges, permissionDrift) = policies is null ? ([], []) : PermissionDiff.Plan(target, policies, wiring);
        var changes = wiring.SelectMany(w => w.Changes).Concat(permissionChanges)
            .Select((change, order) => (change, order))
            .OrderBy(c => PhaseOf(c.change)).ThenBy(c => c.order)
            .Select(c => c.change)
            .ToList();
        var drift = wiring.SelectMany(w => w.Drift).Concat(permissionDrift).ToList();
        var function = target.Function;
        var plan = new FunctionPlan(
            function.FunctionName, function.Qualifier, target.QualifiedArn, function.DefinitionFile, changes, drift,
            Fingerprint(lives, policies ?? new Dictionary<string, IReadOnlyList<LiveStatement>>()));
        return (plan, diagnostics);
    }

    /// <summary>Apply order; a no-op sits with the operations of its kind.</summary>
    internal static ApplyPhase PhaseOf(PlannedChange change) =>
        change.Operation?.Phase ?? (change.Kind == ResourceKind.Permission ? ApplyPhase.GrantPermissions : ApplyPhase.Wire);

    private static string Fingerprint(IEnumerable<IWiringLive> lives, IReadOnlyDictionary<string, IReadOnlyList<LiveStatement>> policies)
    {
        var text = new StringBuilder();
        foreach (var live in lives)
        {
            text.Append(live.Fingerprint).Append('\u001e');
        }

        foreach (var (key, statements) in policies)
        {
            text.Append(key).Append(':').AppendJoin(";", statements.Select(s => s.ToString()).Order(StringComparer.Ordinal)).Append('\u001e');
        }

        return Ownership.Hash(text.ToString());
    }

    /// <summary>
    /// The qualified ARN every source is wired to. Built from the unqualified ARN AWS returns plus our qualifier,
    /// so it is right whether AWS echoes the alias or the version it points to.
    /// </summary>
    private static async Task<string?> ResolveFunctionArnAsync(AmazonLambdaClient lambda, FunctionDefinition function, CancellationToken cancellationToken)
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

    private sealed record Run(AwsClients Aws, AwsPlacement Placement, IReadOnlyList<IWiringReader> Readers, PolicyReader Policies, RepositoryScope Scope, ILogger Logger);
}
