namespace Gitmoxi.LambdaSources.Diagnostics;

public enum DiagnosticSeverity
{
    Warning,
    Error,
}

/// <summary>A position in a definition file; line and column are 1-based, as editors and MSBuild count them.</summary>
public sealed record SourceSpan(string File, int Line, int Column)
{
    public override string ToString() => $"{File}({Line},{Column})";
}

/// <summary>
/// A problem found while reading definitions, planning or applying. The same value becomes an MSBuild
/// error, a GitHub annotation and a summary row, so it carries everything each of them needs.
/// </summary>
public sealed record Diagnostic(string Code, DiagnosticSeverity Severity, string Message, SourceSpan? Span = null)
{
    public bool IsError => Severity == DiagnosticSeverity.Error;

    public static Diagnostic Error(string code, string message, SourceSpan? span = null) =>
        new(code, DiagnosticSeverity.Error, message, span);

    public static Diagnostic Warning(string code, string message, SourceSpan? span = null) =>
        new(code, DiagnosticSeverity.Warning, message, span);

    public override string ToString()
    {
        var severity = Severity == DiagnosticSeverity.Error ? "error" : "warning";
        return Span is null ? $"{severity} {Code}: {Message}" : $"{Span}: {severity} {Code}: {Message}";
    }
}
