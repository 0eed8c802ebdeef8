using System.Globalization;
using System.Text;
using Gitmoxi.Action.GitHub;
using Gitmoxi.LambdaSources.Diagnostics;

namespace Gitmoxi.Action;

/// <summary>Writes an <see cref="ActionOutcome"/> where GitHub reads it: step log, annotations, job summary, step outputs.</summary>
public sealed class OutcomePublisher(RunnerEnvironment environment, string workspace, ActionConsole console, Func<string> newId)
{
    /// <returns>The process exit code.</returns>
    public int Publish(ActionOutcome outcome)
    {
        WriteLog(outcome.ConsoleText);
        var overflow = new AnnotationWriter(console.Commands, workspace).Write(outcome.Diagnostics);
        // Files bypass the scrubbing console writers, so they are scrubbed here.
        var summary = new JobSummary(environment, console.Out).Append(console.Masker.Scrub(outcome.SummaryMarkdown + OverflowMarkdown(overflow)));
        if (!summary.Complete)
        {
            console.Commands.Warning(string.Create(
                CultureInfo.InvariantCulture,
                $"The job summary was cut to stay under GitHub's 1 MiB step limit: {summary.BytesOmitted} bytes left out. The step log has the full text."));
        }

        WriteOutputs(outcome.Outputs);
        return outcome.Failed ? 1 : 0;
    }

    /// <summary>
    /// The log holds user-supplied names; inside GitHub, stop-commands keeps a line starting with <c>::</c> from
    /// acting as a command. A terminal runs no commands, so a local run prints the text alone.
    /// </summary>
    private void WriteLog(string text)
    {
        if (text.Length == 0)
        {
            return;
        }

        if (!environment.IsGitHubActions)
        {
            console.Out.Write(text.EndsWith('\n') ? text : text + "\n");
            return;
        }

        var token = newId();
        console.Commands.StopCommands(token);
        console.Out.Write(text.EndsWith('\n') ? text : text + "\n");
        console.Commands.ResumeCommands(token);
    }

    private void WriteOutputs(ActionOutputs outputs)
    {
        KeyValuePair<string, string>[] values =
        [
            new("has-changes", outputs.HasChanges ? "true" : "false"),
            new("created", outputs.Created.ToString(CultureInfo.InvariantCulture)),
            new("updated", outputs.Updated.ToString(CultureInfo.InvariantCulture)),
            new("replaced", outputs.Replaced.ToString(CultureInfo.InvariantCulture)),
            new("deleted", outputs.Deleted.ToString(CultureInfo.InvariantCulture)),
            new("plan-file", outputs.PlanFile is null ? "" : WorkspacePaths.ToRelative(workspace, outputs.PlanFile)),
        ];

        // A local run has no GITHUB_OUTPUT; inside GitHub a missing one is the toolkit's error.
        if (environment.OutputFile is null && !environment.IsGitHubActions)
        {
            console.Out.Write(string.Concat(values.Select(v => $"output {v.Key}={v.Value}\n")));
            return;
        }

        var stepOutputs = new StepOutputs(environment, newId);
        foreach (var (name, value) in values)
        {
            stepOutputs.Set(name, console.Masker.Scrub(value));
        }
    }

    private string OverflowMarkdown(IReadOnlyList<Diagnostic> overflow)
    {
        if (overflow.Count == 0)
        {
            return "";
        }

        var text = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"\n### {overflow.Count} more diagnostics\n\n")
            .Append("GitHub shows at most 10 error and 10 warning annotations per step; these were not annotated:\n\n");
        foreach (var diagnostic in overflow)
        {
            var location = diagnostic.Span is null
                ? ""
                : string.Create(CultureInfo.InvariantCulture, $" {Markdown.Escape(WorkspacePaths.ToRelative(workspace, diagnostic.Span.File))}:{diagnostic.Span.Line}:{diagnostic.Span.Column}");
            var severity = diagnostic.IsError ? "error" : "warning";
            text.Append(CultureInfo.InvariantCulture, $"- **{severity}** {Markdown.Escape(diagnostic.Code)}{location}: {Markdown.Escape(diagnostic.Message)}\n");
        }

        return text.ToString();
    }
}
