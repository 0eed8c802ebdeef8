using Gitmoxi.LambdaSources.Definitions;

namespace Gitmoxi.LambdaSources.Tests.Definitions;

internal static class DiagnosticText
{
    /// <summary>One line per diagnostic, "file(line,col): severity code", for whole-list comparisons.</summary>
    public static string Codes(DefinitionSet set) =>
        string.Join("\n", set.Diagnostics.Select(d => $"{d.Span?.ToString() ?? "-"}: {(d.IsError ? "error" : "warning")} {d.Code}"));
}
