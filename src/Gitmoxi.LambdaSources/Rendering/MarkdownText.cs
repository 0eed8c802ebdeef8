namespace Gitmoxi.LambdaSources.Rendering;

/// <summary>
/// Makes user-supplied text inert in GitHub Markdown: every character that Markdown, GitHub's extensions
/// (tables, strikethrough, math) or HTML give a meaning is written as a numeric or named character
/// reference, which GitHub shows as the character itself. Quotes stay: no user text goes into an attribute. Line breaks become <c>&lt;br&gt;</c> so a value
/// never ends a table row.
/// </summary>
internal static class MarkdownText
{
    public static string Escape(string value)
    {
        var builder = new StringBuilder(value.Length + 16);
        Append(builder, value);
        return builder.ToString();
    }

    public static StringBuilder Append(StringBuilder builder, string value)
    {
        foreach (var c in value.ReplaceLineEndings("\n"))
        {
            _ = c switch
            {
                '&' => builder.Append("&amp;"),
                '<' => builder.Append("&lt;"),
                '>' => builder.Append("&gt;"),
                '|' => builder.Append("&#124;"),
                '`' => builder.Append("&#96;"),
                '*' => builder.Append("&#42;"),
                '_' => builder.Append("&#95;"),
                '[' => builder.Append("&#91;"),
                ']' => builder.Append("&#93;"),
                '\\' => builder.Append("&#92;"),
                '~' => builder.Append("&#126;"),
                '$' => builder.Append("&#36;"),
                '\n' => builder.Append("<br>"),
                _ => builder.Append(c),
            };
        }

        return builder;
    }

    /// <summary>User text as inline code: escaped, so a backtick or pipe inside cannot end the span or the cell.</summary>
    public static StringBuilder AppendCode(StringBuilder builder, string value) =>
        Append(builder.Append("<code>"), value).Append("</code>");
}
