namespace Gitmoxi.LambdaSources.Rendering;

/// <summary>What apply did, as GitHub Markdown for the job summary: totals, diagnostics and a table per function.</summary>
internal static class ApplyResultMarkdownRenderer
{
    /// <param name="maxBytes">The rendered text's UTF-8 size never exceeds this; functions that do not fit are counted, not shown.</param>
    /// <param name="fullReport">Where the reader finds what does not fit: the host's log.</param>
    public static string Render(ApplyResult result, int maxBytes = PlanMarkdownRenderer.DefaultMaxBytes, string fullReport = "step log")
    {
        ArgumentNullException.ThrowIfNull(result);
        var document = new MarkdownBudget(maxBytes);
        var status = ChangeActionText.ApplyTotals(result).Split(':', 2);
        document.AppendRequired($"## Lambda event sources: apply\n\n**{status[0]}:**{status[1]}\n\n");
        MarkdownLayout.AppendDiagnostics(document, result.Diagnostics, fullReport);
        MarkdownLayout.AppendFunctions(document, PlacementGroups.Arrange(result.Functions, f => f.Plan), f => PlacementGroups.MarkdownHeading(f.Heading) + Function(f.Item), fullReport);
        return document.ToString();
    }

    private static string Function(FunctionResult function)
    {
        var text = new StringBuilder(MarkdownLayout.FunctionHeading(function.Plan));
        text.Append("| | Action | Resource | Result |\n|---|---|---|---|\n");
        foreach (var change in function.Changes)
        {
            MarkdownLayout.AppendActionCells(text, change.Change);
            MarkdownText.Append(text, ChangeActionText.Outcome(change)).Append(" |\n");
        }

        foreach (var drift in function.Plan.Drift)
        {
            MarkdownLayout.AppendDriftCells(text, drift);
            MarkdownText.Append(text, ChangeActionText.DriftOutcome).Append(" |\n");
        }

        return text.Append('\n').ToString();
    }
}
