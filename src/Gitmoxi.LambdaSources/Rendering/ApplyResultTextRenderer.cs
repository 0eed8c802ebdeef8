namespace Gitmoxi.LambdaSources.Rendering;

/// <summary>What apply did, as plain text for the console and MSBuild: one line per change, then totals.</summary>
internal static class ApplyResultTextRenderer
{
    public static string Render(ApplyResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var text = new StringBuilder();
        foreach (var (function, heading) in PlacementGroups.Arrange(result.Functions, f => f.Plan))
        {
            text.Append(PlacementGroups.TextHeading(heading));
            TextLayout.AppendFunctionHeader(text, function.Plan);
            foreach (var change in function.Changes)
            {
                // AWS error messages can span lines; one line per change keeps the list scannable.
                TextLayout.AppendChangeLine(text, change.Change)
                    .Append(": ").Append(ChangeActionText.Outcome(change).ReplaceLineEndings(" ")).Append('\n');
            }

            foreach (var drift in function.Plan.Drift)
            {
                TextLayout.AppendDriftLine(text, drift).Append(": ").Append(ChangeActionText.DriftOutcome).Append('\n');
            }

            text.Append('\n');
        }

        TextLayout.AppendDiagnostics(text, result.Diagnostics);
        return text.Append(ChangeActionText.ApplyTotals(result)).Append('\n').ToString();
    }
}
