using Gitmoxi.LambdaSources.Rendering;

namespace Gitmoxi.LambdaSources;

public enum RunMode
{
    Plan,
    Apply,

    /// <summary>Read and validate the files only; no AWS call (<see cref="LambdaSourcesEngine.ValidateAsync"/>).</summary>
    Validate,
}

/// <summary>One run as a host asks for it: which files, plan or apply, and the host's defaults.</summary>
/// <param name="PlanFile">Plan mode: where to save the plan. Apply mode: a saved plan to apply, refused when stale.</param>
/// <param name="Repository">
/// The repository identity (<c>owner/name</c>) the host names: part of the owner record of everything applied, so
/// every host running on one repository owns the same resources. See <see cref="Planning.Ownership"/>.
/// </param>
/// <param name="Scope">Only the function groups a change touches, and those it deleted; null plans every group.</param>
public sealed record RunRequest(
    string RootDirectory,
    string Path,
    RunMode Mode,
    string? DefaultFunctionName = null,
    string? DefaultAlias = null,
    string? PlanFile = null,
    string? Repository = null,
    DefinitionScope? Scope = null);

/// <summary>Everything a host reports: the plan's and apply's totals, every diagnostic of either, and their renderings.</summary>
/// <remarks>The plan, apply result and definitions themselves stay inside the engine: hosts report, they do not interpret.</remarks>
public sealed class RunOutcome
{
    /// <param name="SavedPlanFile">The plan file written (plan mode) or applied (apply mode); null when there is none.</param>
    /// <param name="Definitions">What validation read (validate mode only; the plan is then empty).</param>
    /// <param name="Scope">How many groups a scoped run planned and skipped; null when every group was planned.</param>
    internal RunOutcome(
        RunMode Mode, Plan Plan, ApplyResult? Result, string? SavedPlanFile = null, DefinitionSet? Definitions = null, ScopeSummary? Scope = null)
    {
        this.Mode = Mode;
        this.Plan = Plan;
        this.Result = Result;
        this.SavedPlanFile = SavedPlanFile;
        this.Definitions = Definitions;
        this.Scope = Scope;
    }

    public RunMode Mode { get; }

    internal Plan Plan { get; }

    internal ApplyResult? Result { get; }

    /// <summary>The plan file written (plan mode) or applied (apply mode); null when there is none.</summary>
    public string? SavedPlanFile { get; }

    internal DefinitionSet? Definitions { get; }

    /// <summary>How many groups a scoped run planned and skipped; null when every group was planned.</summary>
    public ScopeSummary? Scope { get; }

    /// <summary>What the plan would do, by action.</summary>
    public PlanTotals Planned => Plan.Totals;

    /// <summary>
    /// After apply: the changes that succeeded, by action (drift and no-op counted as planned); null when nothing was applied.
    /// </summary>
    public PlanTotals? Applied => Result is not { } result
        ? null
        : Planned with
        {
            Create = Done(result, ChangeAction.Create),
            Update = Done(result, ChangeAction.Update),
            Replace = Done(result, ChangeAction.Replace),
            Delete = Done(result, ChangeAction.Delete),
        };

    public IReadOnlyList<Diagnostic> Diagnostics => Result?.Diagnostics ?? Plan.Diagnostics;

    public bool Succeeded => Result?.Succeeded ?? !Plan.HasErrors;

    /// <summary>The scope line of a scoped run, the plan, then what apply did, as plain text for a console or a build log.</summary>
    public string RenderText() => ScopeLine.AddToText(
        (Result, Definitions) switch
        {
            ({ } result, _) => PlanTextRenderer.Render(Plan) + "\n" + ApplyResultTextRenderer.Render(result),
            (_, { } definitions) => ValidationRenderer.Text(definitions),
            _ => PlanTextRenderer.Render(Plan),
        },
        Scope);

    /// <summary>The job summary: the scope line of a scoped run, the plan, or what apply did, as Markdown within <paramref name="maxBytes"/>.</summary>
    /// <param name="log">
    /// What the host calls its log ("step log", "build log"): where a reader finds what the summary leaves out, unless
    /// a saved plan file has it.
    /// </param>
    public string RenderMarkdown(string log = "step log", int maxBytes = PlanMarkdownRenderer.DefaultMaxBytes) => ScopeLine.AddToMarkdown(
        budget => (Result, Definitions) switch
        {
            ({ } result, _) => ApplyResultMarkdownRenderer.Render(result, budget, log),
            (_, { } definitions) => ValidationRenderer.Markdown(definitions, budget, log),
            _ => PlanMarkdownRenderer.Render(Plan, budget, Mode == RunMode.Plan && SavedPlanFile is not null ? "plan file" : log),
        },
        maxBytes,
        Scope);

    private static int Done(ApplyResult result, ChangeAction action) => result.Functions
        .SelectMany(f => f.Changes)
        .Count(c => c.Change.Action == action && c.Outcome == ChangeOutcome.Succeeded);
}
