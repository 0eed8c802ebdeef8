namespace Gitmoxi.LambdaSources.Rendering;

/// <summary>
/// How every renderer orders functions: grouped by account and Region (in the order each group first appears), with a
/// heading before each group when the run spans more than one; one account and Region, the common case, gets none.
/// </summary>
internal static class PlacementGroups
{
    /// <returns>Each item, grouped, with the heading text to put before it (on a group's first item only) or null.</returns>
    public static IReadOnlyList<(T Item, string? Heading)> Arrange<T>(IEnumerable<T> items, Func<T, FunctionPlan> planOf)
    {
        var groups = items.GroupBy(i => (planOf(i).LocatedAccount, planOf(i).LocatedRegion)).ToList();
        return groups.Count <= 1
            ? [.. groups.SelectMany(g => g).Select(item => (item, (string?)null))]
            : [.. groups.SelectMany(g => g.Select((item, n) => (item, n == 0 ? Heading(g.Key.LocatedAccount, g.Key.LocatedRegion) : null)))];
    }

    /// <summary>The text renderers' form: <c>== Account 123456789012, Region eu-west-1 ==</c> and a blank line.</summary>
    public static string TextHeading(string? heading) => heading is null ? "" : $"== {heading} ==\n\n";

    /// <summary>The Markdown renderers' form: a heading of <paramref name="level"/> (the summaries: 2, above the functions' 3).</summary>
    public static string MarkdownHeading(string? heading, int level = 2) =>
        heading is null ? "" : MarkdownText.Append(new StringBuilder().Append('#', level).Append(' '), heading).Append("\n\n").ToString();

    private static string Heading(string account, string region) =>
        $"Account {(account.Length > 0 ? account : "unknown")}, Region {(region.Length > 0 ? region : "unknown")}";
}
