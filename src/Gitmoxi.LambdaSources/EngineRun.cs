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
/// <param name="Repository">
/// The repository identity (<c>owner/name</c>) the host names: part of the owner record of everything applied, so
/// every host running on one repository owns the same resources. See <see cref="Planning.Ownership"/>.
/// </param>
public sealed record RunRequest(
    string RootDirectory,
    string Path,
    RunMode Mode,
    string? DefaultFunctionName = null,
    string? DefaultAlias = null,
    string? PlanFile = null,
    string? Repository = null);

/// <summary>Everything a host reports: the plan, what apply did, and every diagnostic of either.</summary>
public sealed record RunOutcome(RunMode Mode, Plan Plan, ApplyResult? Result)
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
            new DefinitionOptions(request.RootDirectory, request.DefaultFunctionName, request.DefaultAlias, request.Repository),
            cancellationToken);
        var plan = await engine.PlanAsync(definitions, cancellationToken);

        if (request.Mode == RunMode.Plan)
        {
            if (request.PlanFile is not null && !plan.HasErrors)
            {
                await File.WriteAllTextAsync(request.PlanFile, PlanJson.Serialize(plan), cancellationToken);
            }

            return new RunOutcome(RunMode.Plan, plan, null);
        }

        if (request.PlanFile is not null && !plan.HasErrors)
        {
            var saved = await ReadSavedPlanAsync(request.PlanFile, plan, cancellationToken);
            if (saved.HasErrors)
            {
                return new RunOutcome(RunMode.Apply, saved, null);
            }

            plan = saved;
        }

        return new RunOutcome(RunMode.Apply, plan, await engine.ApplyAsync(plan, cancellationToken));
    }

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

        // The operations and the live state they were planned from, never the rendered text: rewording a note changes nothing.
        return PlanJson.ApplyIdentity(saved) == PlanJson.ApplyIdentity(current)
            ? saved
            : Refuse(current, $"The saved plan '{planFile}' is stale: the definition files or the live AWS state changed since it was made. Plan again and review the new plan.");
    }

    private static Plan Refuse(Plan current, string message) =>
        current with { Diagnostics = [.. current.Diagnostics, Diagnostic.Error(EngineDiagnosticCodes.StalePlan, message)] };
}
