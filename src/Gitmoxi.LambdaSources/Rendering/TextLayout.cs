namespace Gitmoxi.LambdaSources.Rendering;

/// <summary>The parts the plan and apply text renderers share, so both read alike.</summary>
internal static class TextLayout
{
    public static void AppendFunctionHeader(StringBuilder text, FunctionPlan function) =>
        text.Append("Function ").Append(function.FunctionArn).Append('\n')
            .Append("  defined in ").Append(function.DefinitionFile).Append("\n\n");

    public static StringBuilder AppendChangeLine(StringBuilder text, PlannedChange change) =>
        text.Append("  ").Append(ChangeActionText.Symbol(change.Action).PadRight(3)).Append(' ')
            .Append(ChangeActionText.Verb(change.Action)).Append(' ').Append(change.Address)
            .Append(change.LiveId is null ? "" : $" (id {change.LiveId})");

    public static StringBuilder AppendDriftLine(StringBuilder text, DriftObservation drift) =>
        text.Append("  ").Append(ChangeActionText.DriftSymbol.PadRight(3)).Append(' ')
            .Append(ChangeActionText.DriftVerb).Append(' ').Append(drift.Address)
            .Append(drift.LiveId is null ? "" : $" (id {drift.LiveId})");

    public static void AppendFields(StringBuilder text, IEnumerable<FieldDiff> fields)
    {
        foreach (var field in fields)
        {
            text.Append("        ").Append(field.Field).Append(": ").Append(field.Before ?? "(absent)")
                .Append(" → ").Append(field.After ?? "(absent)")
                .Append(field.AfterIsDefault ? " (default)" : "")
                .Append(field.ForcesReplacement ? " (forces replacement)" : "")
                .Append('\n');
        }
    }

    /// <summary>Appends a line; continuation lines of a multi-line message keep the indent so the layout holds.</summary>
    public static void AppendIndented(StringBuilder text, string prefix, string message)
    {
        var lines = message.ReplaceLineEndings("\n").Split('\n');
        text.Append(prefix).Append(lines[0]).Append('\n');
        var indent = new string(' ', prefix.Length);
        foreach (var line in lines.Skip(1))
        {
            text.Append(indent).Append(line).Append('\n');
        }
    }

    public static void AppendDiagnostics(StringBuilder text, IReadOnlyList<Diagnostic> diagnostics)
    {
        foreach (var diagnostic in diagnostics)
        {
            AppendIndented(text, "", diagnostic.ToString());
        }

        if (diagnostics.Count > 0)
        {
            text.Append('\n');
        }
    }
}
