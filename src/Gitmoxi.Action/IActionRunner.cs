using Amazon.Runtime;
using Gitmoxi.LambdaSources;
using Gitmoxi.LambdaSources.Diagnostics;

namespace Gitmoxi.Action;

/// <summary>The engine as the Action host sees it: settings and credentials in, everything to report out.</summary>
public interface IActionRunner
{
    /// <param name="credentials">Assumed-role credentials, or null to use the default AWS credential chain.</param>
    /// <returns>What to report; failures the engine knows about are diagnostics or <see cref="ActionOutcome.Succeeded"/> false, not exceptions.</returns>
    Task<ActionOutcome> RunAsync(ActionSettings settings, AWSCredentials? credentials, CancellationToken cancellationToken);
}

/// <summary>The step outputs declared in action.yml.</summary>
/// <param name="PlanFile">Full path of the saved plan, or null; reported relative to the workspace.</param>
public sealed record ActionOutputs(bool HasChanges, int Created, int Updated, int Replaced, int Deleted, string? PlanFile);

/// <param name="SummaryMarkdown">Job summary Markdown (user strings already escaped by the renderer).</param>
/// <param name="ConsoleText">Plain-text plan/result for the step log.</param>
/// <param name="Diagnostics">Become annotations, at most 10 per kind; the rest are listed in the summary.</param>
/// <param name="Succeeded">False when anything failed, even without an error diagnostic (a change that failed to apply).</param>
/// <param name="Run">The engine's plan and apply result, for the pull-request comment; null when nothing was planned.</param>
public sealed record ActionOutcome(
    string SummaryMarkdown,
    string ConsoleText,
    IReadOnlyList<Diagnostic> Diagnostics,
    ActionOutputs Outputs,
    bool Succeeded,
    RunOutcome? Run = null)
{
    public bool Failed => !Succeeded || Diagnostics.Any(d => d.IsError);
}
