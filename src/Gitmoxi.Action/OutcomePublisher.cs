using System.Globalization;
using Gitmoxi.Action.GitHub;

namespace Gitmoxi.Action;

/// <summary>Writes an <see cref="ActionOutcome"/> where GitHub reads it: step log, annotations, job summary, step outputs.</summary>
public sealed class OutcomePublisher(RunnerEnvironment environment, string workspace, ActionConsole console, Func<string> newId)
{
    /// <returns>The process exit code.</returns>
    /// <remarks>
    /// The summary is written before the annotations: when it had to be cut, one of the 10 warnings the runner turns
    /// into annotations is kept for saying so (the runner only logs an 11th). The summary lists every diagnostic, the
    /// annotations only the first 10 of each kind, so no diagnostic is listed twice.
    /// </remarks>
    public int Publish(ActionOutcome outcome)
    {
        WriteLog(outcome.ConsoleText);
        // Files bypass the scrubbing console writers, so they are scrubbed here.
        var summary = new JobSummary(environment, console.Out).Append(console.Masker.Scrub(outcome.SummaryMarkdown));
        new AnnotationWriter(console.Commands, workspace).Write(outcome.Diagnostics, reservedWarnings: summary.Complete ? 0 : 1);
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
}
