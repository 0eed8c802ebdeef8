namespace Gitmoxi.LambdaSources.Rendering;

/// <summary>
/// The line a scoped run (<c>scope: changed</c>) puts at the top of every rendering (text, job summary, pull-request
/// comment): how many function groups were planned and skipped, and which deleted groups were planned empty.
/// </summary>
internal static class ScopeLine
{
    public static string Text(ScopeSummary scope) => "Scope: " + Describe(scope, file => file);

    public static string Markdown(ScopeSummary scope) => "**Scope:** " + Describe(scope, file => MarkdownText.AppendCode(new StringBuilder(), file).ToString());

    /// <summary>The scope line, then <paramref name="text"/>.</summary>
    public static string AddToText(string text, ScopeSummary? scope) => scope is null ? text : Text(scope) + "\n\n" + text;

    /// <summary>
    /// The Markdown <paramref name="render"/> makes within what the scope line leaves of <paramref name="maxBytes"/>,
    /// with the scope line after its heading.
    /// </summary>
    public static string AddToMarkdown(Func<int, string> render, int maxBytes, ScopeSummary? scope)
    {
        if (scope is null)
        {
            return render(maxBytes);
        }

        var note = Markdown(scope) + "\n\n";
        var markdown = render(maxBytes - Encoding.UTF8.GetByteCount(note));
        var heading = markdown.IndexOf("\n\n", StringComparison.Ordinal);
        return markdown.StartsWith("## ", StringComparison.Ordinal) && heading > 0
            ? markdown[..(heading + 2)] + note + markdown[(heading + 2)..]
            : note + markdown;
    }

    /// <param name="file">How a (user-named) definition file is written.</param>
    private static string Describe(ScopeSummary scope, Func<string, string> file)
    {
        var text = string.Create(
            CultureInfo.InvariantCulture,
            $"changed function groups only: {scope.Planned} of {scope.Planned + scope.Skipped} planned, {scope.Skipped} unchanged skipped (their live state was not read)");
        return scope.Removed.Count == 0
            ? text + "."
            : text + string.Create(
                CultureInfo.InvariantCulture,
                $"; {scope.Removed.Count} deleted, planned with no sources so what they created is pruned (prune on) or shown as drift: {string.Join(", ", scope.Removed.Select(file))}.");
    }
}
