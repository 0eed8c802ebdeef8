using Gitmoxi.LambdaSources.Applying;
using Gitmoxi.LambdaSources.Definitions;
using Gitmoxi.LambdaSources.Diagnostics;
using Gitmoxi.LambdaSources.Planning;

namespace Gitmoxi.LambdaSources;

public enum RunMode
{
    Plan,
    Apply,
}

/// <summary>One run as a host asks for it: which files, plan or apply, and the host's defaults.</summary>
/// <param name="PlanFile">Plan mode: where to save the plan. Apply mode: a saved plan to apply, refused when stale.</param>
/// <param name="Scope">Only the function groups a change touches, and those it deleted; null plans every group.</param>
public sealed record RunRequest(
    string RootDirectory,
    string Path,
    RunMode Mode,
    string? DefaultFunctionName = null,
    string? DefaultAlias = null,
    string? PlanFile = null,
    DefinitionScope? Scope = null);

/// <summary>Everything a host reports: the plan, what apply did, and every diagnostic of either.</summary>
/// <param name="Scope">How many groups a scoped run planned and skipped; null when every group was planned.</param>
public sealed record RunOutcome(RunMode Mode, Plan Plan, ApplyResult? Result, ScopeSummary? Scope = null)
{
    public IReadOnlyList<Diagnostic> Diagnostics => Result?.Diagnostics ?? Plan.Diagnostics;

    public bool Succeeded => Result?.Succeeded ?? !Plan.HasErrors;
}

/// <summary>The sequence both hosts run: read, plan, save or check the plan file, apply.</summary>
public static class EngineRun
{
    public static async Task<RunOutcome> RunAsync(LambdaSourcesEngine engine, RunRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(request);
        var definitions = await LambdaSourcesEngine.ReadAsync(
            request.Path,
            new DefinitionOptions(request.RootDirectory, request.DefaultFunctionName, request.DefaultAlias, request.Scope),
            cancellationToken);
        var plan = ForgiveRemovedFunctions(await engine.PlanAsync(definitions, cancellationToken), definitions.Scope);
        var scope = definitions.Scope;

        if (request.Mode == RunMode.Plan)
        {
            if (request.PlanFile is not null && !plan.HasErrors)
            {
                await File.WriteAllTextAsync(request.PlanFile, PlanJson.Serialize(plan), cancellationToken);
            }

            return new RunOutcome(RunMode.Plan, plan, null, scope);
        }

        if (request.PlanFile is not null && !plan.HasErrors)
        {
            var saved = await ReadSavedPlanAsync(request.PlanFile, plan, cancellationToken);
            if (saved.HasErrors)
            {
                return new RunOutcome(RunMode.Apply, saved, null, scope);
            }

            plan = saved;
        }

        return new RunOutcome(RunMode.Apply, plan, await engine.ApplyAsync(plan, cancellationToken), scope);
    }

    /// <summary>
    /// A deleted group's function is often deleted with it: then nothing is left to prune, which is no error.
    /// </summary>
    private static Plan ForgiveRemovedFunctions(Plan plan, ScopeSummary? scope) =>
        scope is not { Removed.Count: > 0 } ? plan : plan with
        {
            Diagnostics = [.. plan.Diagnostics.Select(d => d is { Code: EngineDiagnosticCodes.FunctionNotFound, Span: { } span } && scope.Removed.Contains(span.File)
                ? Diagnostic.Warning(d.Code, $"The function (or alias) of the deleted '{span.File}' does not exist either; nothing is left to prune.", span)
                : d)],
        };

    /// <summary>
    /// A saved plan is applied only if planning again now gives the same plan: otherwise the files or the live
    /// state moved since it was reviewed, and applying it could undo someone else's change.
    /// </summary>
    private static async Task<Plan> ReadSavedPlanAsync(string planFile, Plan current, CancellationToken cancellationToken)
    {
        Plan saved;
        try
        {
            saved = PlanJson.DeserializePlan(await File.ReadAllTextAsync(planFile, cancellationToken));
        }
        catch (Exception e) when (e is PlanFileException or IOException or UnauthorizedAccessException)
        {
            return Refuse(current, $"The saved plan '{planFile}' cannot be read: {e.Message}");
        }

        return PlanJson.Serialize(saved with { Diagnostics = [] }) == PlanJson.Serialize(current with { Diagnostics = [] })
            ? saved
            : Refuse(current, $"The saved plan '{planFile}' is stale: the definition files or the live AWS state changed since it was made. Plan again and review the new plan.");
    }

    private static Plan Refuse(Plan current, string message) =>
        current with { Diagnostics = [.. current.Diagnostics, Diagnostic.Error(EngineDiagnosticCodes.StalePlan, message)] };
}
