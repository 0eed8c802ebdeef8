using System.Text;

namespace Gitmoxi.Action.GitHub;

/// <summary>Escapes untrusted text (file names, messages) for GitHub-flavoured Markdown, which also renders HTML.</summary>
public static class Markdown
{
    public static string Escape(string text)
    {
        var escaped = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            _ = c switch
            {
                '&' => escaped.Append("&amp;"),
                '<' => escaped.Append("&lt;"),
                '>' => escaped.Append("&gt;"),
                '\r' or '\n' => escaped.Append(' '),
                '\\' or '`' or '*' or '_' or '{' or '}' or '[' or ']' or '(' or ')' or '#' or '+' or '-' or '!' or '|' or '~' =>
                    escaped.Append('\\').Append(c),
                _ => escaped.Append(c),
            };
        }

        return escaped.ToString();
    }
}
