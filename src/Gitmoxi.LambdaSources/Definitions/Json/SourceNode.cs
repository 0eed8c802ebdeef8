namespace Gitmoxi.LambdaSources.Definitions.Json;

/// <summary>A 1-based line and column (in UTF-16 characters from the line start).</summary>
internal readonly record struct TextPosition(int Line, int Column);

/// <summary>A JSON value that remembers where it was written, so diagnostics can point at it.</summary>
internal abstract record SourceNode(TextPosition Position)
{
    public abstract string TypeName { get; }
}

internal sealed record SourceProperty(string Name, TextPosition NamePosition, SourceNode Value);

internal sealed record SourceObject(IReadOnlyList<SourceProperty> Properties, TextPosition Position) : SourceNode(Position)
{
    public override string TypeName => "object";

    /// <summary>The property named exactly <paramref name="name"/>; duplicate keys are rejected while reading, so there is at most one.</summary>
    public SourceProperty? Find(string name) => Properties.FirstOrDefault(p => p.Name == name);
}

internal sealed record SourceArray(IReadOnlyList<SourceNode> Items, TextPosition Position) : SourceNode(Position)
{
    public override string TypeName => "array";
}

/// <param name="RawText">
/// The text between the quotes exactly as written (escapes included), kept so a placeholder inside the
/// string can be located to the column; null once the value no longer matches the file (after substitution).
/// </param>
internal sealed record SourceString(string Value, string? RawText, TextPosition Position) : SourceNode(Position)
{
    public override string TypeName => "string";

    /// <summary>The position of the character at <paramref name="index"/> of <see cref="Value"/>.</summary>
    public TextPosition PositionOf(int index)
    {
        if (RawText is null)
        {
            return Position;
        }

        // Strings cannot span lines in JSON, so only the column moves; each escape is several raw characters.
        var raw = 0;
        for (var decoded = 0; decoded < index && raw < RawText.Length; decoded++)
        {
            raw += RawText[raw] != '\\' ? 1 : RawText[raw + 1] == 'u' ? 6 : 2;
        }

        return Position with { Column = Position.Column + 1 + raw };
    }
}

/// <param name="RawText">The number as written; JSON numbers are never escaped.</param>
internal sealed record SourceNumber(string RawText, TextPosition Position) : SourceNode(Position)
{
    public override string TypeName => "number";
}

internal sealed record SourceBoolean(bool Value, TextPosition Position) : SourceNode(Position)
{
    public override string TypeName => "boolean";
}

internal sealed record SourceNull(TextPosition Position) : SourceNode(Position)
{
    public override string TypeName => "null";
}

/// <summary>
/// A string whose placeholder could not be filled in. It was reported already, so validation accepts it
/// as it is instead of piling type errors on top of the missing value.
/// </summary>
internal sealed record SourceUnresolved(TextPosition Position) : SourceNode(Position)
{
    public override string TypeName => "unresolved placeholder";
}
