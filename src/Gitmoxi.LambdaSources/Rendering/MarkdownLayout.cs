namespace Gitmoxi.LambdaSources.Rendering;

/// <summary>The parts the plan and apply Markdown renderers share.</summary>
internal static class MarkdownLayout
{
    /// <summary>Diagnostics as a table, as many rows as fit; a line says how many did not.</summary>
    public static void AppendDiagnostics(MarkdownBudget document, IReadOnlyList<Diagnostic> diagnostics, string fullReport)
    {
        if (diagnostics.Count == 0 || !document.TryAppend("### Diagnostics\n\n| Severity | Code | Location | Message |\n|---|---|---|---|\n"))
        {
            return;
        }

        for (var i = 0; i < diagnostics.Count; i++)
        {
            if (!document.TryAppend(DiagnosticRow(diagnostics[i])))
            {
                document.AppendRequired(string.Create(
                    CultureInfo.InvariantCulture,
                    $"\n_{diagnostics.Count - i} more diagnostics are not shown here (size limit); see the {fullReport} for all of them._\n"));
                break;
            }
        }

        document.AppendRequired("\n");
    }

    public static string FunctionHeading(FunctionPlan function)
    {
        var text = new StringBuilder("### ");
        MarkdownText.AppendCode(text, function.FunctionArn).Append("\n\nDefined in ");
        return MarkdownText.AppendCode(text, function.DefinitionFile).Append("\n\n").ToString();
    }

    public static StringBuilder AppendActionCells(StringBuilder row, PlannedChange change)
    {
        row.Append("| `").Append(ChangeActionText.Symbol(change.Action)).Append("` | ").Append(ChangeActionText.Verb(change.Action)).Append(" | ");
        MarkdownText.Append(row, change.Address);
        return row.Append(" | ");
    }

    public static StringBuilder AppendDriftCells(StringBuilder row, DriftObservation drift)
    {
        row.Append("| `" + ChangeActionText.DriftSymbol + "` | " + ChangeActionText.DriftVerb + " | ");
        MarkdownText.Append(row, drift.Address);
        return row.Append(" | ");
    }

    /// <summary>
    /// Each of <paramref name="functions"/>, rendered, while the budget lasts; then <paramref name="afterShown"/> and
    /// how many were left out, pointing to the <paramref name="fullReport"/>.
    /// </summary>
    public static void AppendFunctions<T>(MarkdownBudget document, IReadOnlyList<T> functions, Func<T, string> render, string fullReport, string afterShown = "")
    {
        var shown = 0;
        while (shown < functions.Count && document.TryAppend(render(functions[shown])))
        {
            shown++;
        }

        if (afterShown.Length > 0)
        {
            document.AppendRequired(afterShown);
        }

        AppendOmitted(document, functions.Count - shown, functions.Count, fullReport);
    }

    private static void AppendOmitted(MarkdownBudget document, int omitted, int total, string fullReport)
    {
        if (omitted > 0)
        {
            document.AppendRequired(string.Create(
                CultureInfo.InvariantCulture,
                $"_{omitted} of {total} functions are not shown here (size limit); see the {fullReport} for all of them._\n"));
        }
    }

    private static string DiagnosticRow(Diagnostic diagnostic)
    {
        var row = new StringBuilder("| ").Append(diagnostic.IsError ? "error" : "warning").Append(" | ");
        MarkdownText.Append(row, diagnostic.Code).Append(" | ");
        MarkdownText.Append(row, diagnostic.Span?.ToString() ?? "").Append(" | ");
        return MarkdownText.Append(row, diagnostic.Message).Append(" |\n").ToString();
    }
}
