namespace Gitmoxi.LambdaSources.Rendering;

/// <summary>
/// The plan as GitHub Markdown for the job summary: totals, diagnostics, a table per function and the field
/// diffs in collapsible details. Every user-supplied string is escaped.
/// </summary>
internal static class PlanMarkdownRenderer
{
    /// <summary>Below GitHub's 1 MiB step-summary limit, with room for what else the step writes there.</summary>
    public const int DefaultMaxBytes = 1_000_000;

    private const int SummaryFieldCount = 5;

    /// <param name="maxBytes">The rendered text's UTF-8 size never exceeds this; functions that do not fit are counted, not shown.</param>
    /// <param name="fullReport">Where the reader finds what does not fit: the plan file when one was saved, else the log.</param>
    public static string Render(Plan plan, int maxBytes = DefaultMaxBytes, string fullReport = "plan file")
    {
        ArgumentNullException.ThrowIfNull(plan);
        var document = new MarkdownBudget(maxBytes);
        document.AppendRequired("## Lambda event sources: plan\n\n**Plan:** " + ChangeActionText.Totals(plan.Totals) + "\n\n");
        if (plan.HasErrors)
        {
            document.AppendRequired("> [!CAUTION]\n> The plan has errors; nothing can be applied.\n\n");
        }

        MarkdownLayout.AppendDiagnostics(document, plan.Diagnostics, fullReport);
        MarkdownLayout.AppendFunctions(document, PlacementGroups.Arrange(plan.Functions, f => f), f => PlacementGroups.MarkdownHeading(f.Heading) + Function(f.Item), fullReport);
        return document.ToString();
    }

    internal static string Function(FunctionPlan function)
    {
        var text = new StringBuilder(MarkdownLayout.FunctionHeading(function));
        text.Append("| | Action | Resource | Summary |\n|---|---|---|---|\n");
        foreach (var change in function.Changes)
        {
            MarkdownLayout.AppendActionCells(text, change);
            MarkdownText.Append(text, Summary(change)).Append(" |\n");
        }

        foreach (var drift in function.Drift)
        {
            MarkdownLayout.AppendDriftCells(text, drift);
            MarkdownText.Append(text, drift.Reason).Append(" |\n");
        }

        text.Append('\n');
        foreach (var change in function.Changes.Where(c => c.Fields.Count > 0))
        {
            AppendDetails(text, ChangeActionText.Symbol(change.Action), ChangeActionText.Verb(change.Action), change.Address, change.Fields, change.Notes);
        }

        foreach (var drift in function.Drift.Where(d => d.Fields.Count > 0))
        {
            AppendDetails(text, ChangeActionText.DriftSymbol, ChangeActionText.DriftVerb, drift.Address, drift.Fields, [drift.Reason]);
        }

        return text.ToString();
    }

    private static string Summary(PlannedChange change) => change.Action switch
    {
        ChangeAction.NoOp => string.Join("; ", change.Notes.Prepend("no changes")),
        ChangeAction.Delete => string.Join("; ", change.Notes),
        ChangeAction.Replace => ReplaceSummary(change),
        _ => FieldNames(change.Fields),
    };

    private static string ReplaceSummary(PlannedChange change)
    {
        var forcing = change.Fields.Where(f => f.ForcesReplacement).ToList();
        var others = change.Fields.Where(f => !f.ForcesReplacement).ToList();
        var summary = "forced by " + FieldNames(forcing);
        return others.Count == 0 ? summary : summary + "; also " + FieldNames(others);
    }

    // "Tags.team" and "DocumentDBEventSourceConfig.FullDocument" are summarized by their top-level member.
    private static string FieldNames(IEnumerable<FieldDiff> fields)
    {
        var names = fields.Select(f => f.Field.Split('.')[0]).Distinct(StringComparer.Ordinal).ToList();
        var shown = string.Join(", ", names.Take(SummaryFieldCount));
        return names.Count <= SummaryFieldCount
            ? shown
            : shown + string.Create(CultureInfo.InvariantCulture, $" and {names.Count - SummaryFieldCount} more");
    }

    private static void AppendDetails(
        StringBuilder text, string symbol, string verb, string address, IReadOnlyList<FieldDiff> fields, IReadOnlyList<string> notes)
    {
        text.Append("<details><summary>").Append(symbol).Append(' ').Append(verb).Append(' ');
        MarkdownText.Append(text, address).Append("</summary>\n\n| Field | Before | After |\n|---|---|---|\n");
        foreach (var field in fields)
        {
            text.Append("| ");
            MarkdownText.Append(text, field.Field).Append(" | ");
            AppendValue(text, field.Before).Append(" | ");
            AppendValue(text, field.After)
                .Append(field.AfterIsDefault ? " <em>(default)</em>" : "")
                .Append(field.ForcesReplacement ? " <strong>forces replacement</strong>" : "")
                .Append(" |\n");
        }

        text.Append('\n');
        foreach (var note in notes)
        {
            MarkdownText.Append(text.Append("- "), note).Append('\n');
        }

        text.Append(notes.Count > 0 ? "\n" : "").Append("</details>\n\n");
    }

    private static StringBuilder AppendValue(StringBuilder text, string? value) =>
        value is null ? text.Append("<em>absent</em>") : MarkdownText.AppendCode(text, value);
}
