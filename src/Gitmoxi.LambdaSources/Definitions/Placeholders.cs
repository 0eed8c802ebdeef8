using System.Text.RegularExpressions;
using Gitmoxi.LambdaSources.Definitions.Json;

namespace Gitmoxi.LambdaSources.Definitions;

/// <summary>
/// Replaces <c>{{ name }}</c> placeholders in string values with the values of a <c>_lambdainput.json</c> file.
/// It works on the positioned tree, so everything validated afterwards still points into the original file.
/// </summary>
internal static partial class Placeholders
{
    [GeneratedRegex(@"\G\{\{[ \t]*(?<name>[A-Za-z0-9_.-]+)[ \t]*\}\}", RegexOptions.CultureInvariant)]
    private static partial Regex PlaceholderAt();

    [GeneratedRegex(@"^\{\{[ \t]*(?<name>[A-Za-z0-9_.-]+)[ \t]*\}\}\z", RegexOptions.CultureInvariant)]
    private static partial Regex WholePlaceholder();

    /// <summary>The input file's values: a flat object of strings, numbers and booleans.</summary>
    public static IReadOnlyDictionary<string, SourceNode> ReadValues(SourceNode root, string file, List<Diagnostic> diagnostics)
    {
        var values = new Dictionary<string, SourceNode>(StringComparer.Ordinal);
        if (root is not SourceObject obj)
        {
            diagnostics.Add(Diagnostic.Error(DiagnosticCodes.InputFileInvalid,
                $"The input file must be a JSON object of placeholder values, not {root.TypeName}.", Span(file, root.Position)));
            return values;
        }

        foreach (var property in obj.Properties)
        {
            if (property.Value is SourceString or SourceNumber or SourceBoolean)
            {
                values[property.Name] = property.Value;
            }
            else
            {
                diagnostics.Add(Diagnostic.Error(DiagnosticCodes.InputFileInvalid,
                    $"The placeholder value '{property.Name}' must be a string, number or boolean, not {property.Value.TypeName}.",
                    Span(file, property.Value.Position)));
            }
        }

        return values;
    }

    public static SourceNode Substitute(SourceNode node, IReadOnlyDictionary<string, SourceNode> values, string file, List<Diagnostic> diagnostics) =>
        node switch
        {
            SourceObject obj => obj with
            {
                Properties = [.. obj.Properties.Select(p => p with { Value = Substitute(p.Value, values, file, diagnostics) })],
            },
            SourceArray array => array with { Items = [.. array.Items.Select(i => Substitute(i, values, file, diagnostics))] },
            SourceString text when text.Value.Contains("{{", StringComparison.Ordinal) => SubstituteString(text, values, file, diagnostics),
            _ => node,
        };

    private static SourceNode SubstituteString(SourceString text, IReadOnlyDictionary<string, SourceNode> values, string file, List<Diagnostic> diagnostics)
    {
        var whole = WholePlaceholder().Match(text.Value);
        if (whole.Success)
        {
            // A string that is only a placeholder takes the value's own JSON type, so numbers and booleans can be filled in.
            var name = whole.Groups["name"].Value;
            if (values.TryGetValue(name, out var value))
            {
                return value switch
                {
                    SourceString s => new SourceString(s.Value, null, text.Position),
                    SourceNumber n => new SourceNumber(n.RawText, text.Position),
                    SourceBoolean b => new SourceBoolean(b.Value, text.Position),
                    _ => new SourceUnresolved(text.Position),
                };
            }

            diagnostics.Add(Missing(name, file, text.PositionOf(0)));
            return new SourceUnresolved(text.Position);
        }

        var result = new StringBuilder();
        var ok = true;
        var index = 0;
        while (index < text.Value.Length)
        {
            var open = text.Value.IndexOf("{{", index, StringComparison.Ordinal);
            if (open < 0)
            {
                result.Append(text.Value, index, text.Value.Length - index);
                break;
            }

            result.Append(text.Value, index, open - index);
            var match = PlaceholderAt().Match(text.Value, open);
            if (!match.Success)
            {
                diagnostics.Add(Diagnostic.Error(DiagnosticCodes.PlaceholderMalformed,
                    "Malformed placeholder: write '{{ name }}' with a name of letters, digits, '_', '.' or '-', closed by '}}'.",
                    Span(file, text.PositionOf(open))));
                return new SourceUnresolved(text.Position);
            }

            var name = match.Groups["name"].Value;
            if (values.TryGetValue(name, out var value))
            {
                result.Append(value switch
                {
                    SourceString s => s.Value,
                    SourceNumber n => n.RawText,
                    SourceBoolean b => b.Value ? "true" : "false",
                    _ => string.Empty,
                });
            }
            else
            {
                diagnostics.Add(Missing(name, file, text.PositionOf(open)));
                ok = false;
            }

            index = open + match.Length;
        }

        return ok ? new SourceString(result.ToString(), null, text.Position) : new SourceUnresolved(text.Position);
    }

    private static Diagnostic Missing(string name, string file, TextPosition position) =>
        Diagnostic.Error(DiagnosticCodes.PlaceholderMissingValue,
            $"The placeholder '{{{{ {name} }}}}' in {file} at line {position.Line}, column {position.Column} has no value in the input file (_lambdainput.json).",
            Span(file, position));

    private static SourceSpan Span(string file, TextPosition position) => new(file, position.Line, position.Column);
}
