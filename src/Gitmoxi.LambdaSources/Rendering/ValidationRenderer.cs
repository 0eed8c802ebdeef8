namespace Gitmoxi.LambdaSources.Rendering;

/// <summary>
/// What a validation run reports: the functions and sources the files declare, and every diagnostic. Nothing was
/// planned, so no AWS call was made and no change is shown.
/// </summary>
internal static class ValidationRenderer
{
    public static string Text(DefinitionSet definitions)
    {
        var text = new StringBuilder("Validated: ").Append(Totals(definitions)).Append('\n');
        foreach (var function in definitions.Functions)
        {
            text.Append(CultureInfo.InvariantCulture, $"  {Name(function)} ({function.DefinitionFile}): {function.EventSourceMappings.Count} event source mapping(s), {function.PushSources.Count} push source(s)\n");
        }

        foreach (var diagnostic in definitions.Diagnostics)
        {
            TextLayout.AppendIndented(text, "", diagnostic.ToString());
        }

        return text.ToString();
    }

    /// <param name="fullReport">Where the reader finds what does not fit.</param>
    public static string Markdown(DefinitionSet definitions, int maxBytes, string fullReport)
    {
        var document = new MarkdownBudget(maxBytes);
        document.AppendRequired("## Lambda event sources: validation\n\n**Validated:** " + Totals(definitions) + "\n\n");
        MarkdownLayout.AppendDiagnostics(document, definitions.Diagnostics, fullReport);
        if (definitions.Functions.Count == 0 || !document.TryAppend("| Function | Defined in | Event source mappings | Push sources |\n|---|---|---|---|\n"))
        {
            return document.ToString();
        }

        MarkdownLayout.AppendFunctions(document, definitions.Functions, Row, fullReport, afterShown: "\n");
        return document.ToString();
    }

    private static string Row(FunctionDefinition function)
    {
        var row = new StringBuilder("| ");
        MarkdownText.Append(row, Name(function)).Append(" | ");
        MarkdownText.AppendCode(row, function.DefinitionFile).Append(" | ");
        return row.Append(CultureInfo.InvariantCulture, $"{function.EventSourceMappings.Count} | {function.PushSources.Count} |\n").ToString();
    }

    private static string Name(FunctionDefinition function) =>
        function.Qualifier is null ? function.FunctionName : $"{function.FunctionName}:{function.Qualifier}";

    private static string Totals(DefinitionSet definitions)
    {
        var errors = definitions.Diagnostics.Count(d => d.IsError);
        return string.Create(
            CultureInfo.InvariantCulture,
            $"{definitions.Functions.Count} function(s), {errors} error(s), {definitions.Diagnostics.Count - errors} warning(s); no AWS call was made.");
    }
}
