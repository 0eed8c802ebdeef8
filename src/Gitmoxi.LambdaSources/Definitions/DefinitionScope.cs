namespace Gitmoxi.LambdaSources.Definitions;

/// <summary>
/// The part of a repository a change touches (Action input <c>scope: changed</c>): only the function groups with a
/// changed file are planned, so a pull request pays for the functions it changes, not for the whole repository.
/// Every file is still read and validated (no AWS call), so a change cannot hide an error elsewhere.
/// </summary>
/// <param name="ChangedPaths">Every file changed between the base and the head, root-relative with '/' separators.</param>
/// <param name="RemovedGroups">Groups whose event source definition the change deleted, with their files as they were at the base.</param>
public sealed record DefinitionScope(IReadOnlyCollection<string> ChangedPaths, IReadOnlyList<RemovedGroup> RemovedGroups)
{
    /// <summary>The names a group's files end with; a change to any of them changes the group (SPEC §2.1).</summary>
    public static IReadOnlyList<string> GroupFileSuffixes { get; } =
        [DefinitionDiscovery.Suffix, DefinitionGroupReader.LambdaDefSuffix, DefinitionGroupReader.DepDefSuffix, DefinitionGroupReader.InputSuffix];

    /// <summary>The group prefix a file belongs to (<c>orders/orders</c> for <c>orders/orders_lambdainput.json</c>), or null.</summary>
    public static string? GroupOf(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return GroupFileSuffixes.FirstOrDefault(s => path.EndsWith(s, StringComparison.Ordinal)) is { } suffix ? path[..^suffix.Length] : null;
    }

    /// <summary>The groups whose event source definition is among <paramref name="deletedPaths"/>: the candidates for <see cref="RemovedGroups"/>.</summary>
    public static IReadOnlyList<string> RemovedGroupsOf(IEnumerable<string> deletedPaths) =>
        [.. deletedPaths.Where(p => p.EndsWith(DefinitionDiscovery.Suffix, StringComparison.Ordinal)).Select(p => p[..^DefinitionDiscovery.Suffix.Length])];

    /// <summary>The prefixes of the groups with a changed file.</summary>
    internal HashSet<string> ChangedGroups() => [.. ChangedPaths.Select(GroupOf).OfType<string>()];
}

/// <summary>A function group the change deleted, read from the base commit to learn which function it deployed.</summary>
/// <param name="Prefix">The group's path prefix, root-relative (<c>orders/orders</c>).</param>
/// <param name="Files">The group's files that existed at the base, by root-relative path, as bytes.</param>
public sealed record RemovedGroup(string Prefix, IReadOnlyDictionary<string, byte[]> Files);

/// <summary>What a scoped read kept: the host says so in the summary.</summary>
/// <param name="Planned">Groups with a changed file, planned as usual.</param>
/// <param name="Skipped">Groups without a changed file: not planned, so their live state is never read.</param>
/// <param name="Removed">Definition files of deleted groups, planned with no sources so what they own is pruned or shown as drift.</param>
public sealed record ScopeSummary(int Planned, int Skipped, IReadOnlyList<string> Removed);
