using Gitmoxi.LambdaSources.Definitions.Json;

namespace Gitmoxi.LambdaSources.Definitions;

/// <summary>Collects the diagnostics of one file, so every check can report and carry on.</summary>
internal sealed class ValidationContext(string file, List<Diagnostic> diagnostics)
{
    public string File { get; } = file;

    public SourceSpan Span(TextPosition position) => new(File, position.Line, position.Column);

    public void Error(string code, string message, TextPosition position) =>
        diagnostics.Add(Diagnostic.Error(code, message, Span(position)));

    public void Warning(string code, string message, TextPosition position) =>
        diagnostics.Add(Diagnostic.Warning(code, message, Span(position)));

    public void UnknownKey(SourceProperty property, string path, IEnumerable<string> knownKeys, string? why = null)
    {
        var known = knownKeys.ToList();
        var hint = KeySuggestion.Find(property.Name, known) is { } suggestion
            ? $"; did you mean '{suggestion}'?"
            : why is null && known.Count <= 8 ? $"; expected one of: {string.Join(", ", known)}." : ".";
        Error(DiagnosticCodes.UnknownKey, $"Unknown key '{property.Name}' in {Describe(path)}{why}{hint}", property.NamePosition);
    }

    public void WrongType(SourceNode node, string path, string expected) =>
        Error(DiagnosticCodes.WrongType, $"{path} must be {expected}, not {node.TypeName}.", node.Position);

    /// <summary>
    /// The node as the JSON type its path takes, or null after reporting the wrong type; an unresolved placeholder is null
    /// without a report, since its own problem was reported where it was read.
    /// </summary>
    public T? Expect<T>(SourceNode node, string path, string expected)
        where T : SourceNode
    {
        if (node is not T typed && node is not SourceUnresolved)
        {
            WrongType(node, path, expected);
        }

        return node as T;
    }

    public void MissingRequired(string path, string member, TextPosition objectPosition) =>
        Error(DiagnosticCodes.MissingRequired, $"{Join(path, member)} is required.", objectPosition);

    public static string Join(string path, string member) => path.Length == 0 ? member : $"{path}.{member}";

    private static string Describe(string path) => path.Length == 0 ? "the top level" : path;
}
