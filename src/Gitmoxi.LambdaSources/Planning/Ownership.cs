using System.Security.Cryptography;

namespace Gitmoxi.LambdaSources.Planning;

/// <summary>
/// Who owns a live resource: a repository and a definition file in it, the same whichever host runs. The repository
/// identity comes from the host (<c>owner/name</c>: <c>GITHUB_REPOSITORY</c>, the git remote <c>origin</c>, or an
/// explicit input); the path is relative to the repository root, with <c>/</c> separators.
/// </summary>
/// <param name="Repository">Normalized (lower-case) <c>owner/name</c>; empty when the host knows none.</param>
/// <param name="DefinitionPath">The definition file relative to the repository root.</param>
internal sealed record OwnerIdentity(string Repository, string DefinitionPath)
{
    /// <summary>8 hex digits of the SHA-256 of the repository identity: what statement ids and markers carry.</summary>
    public string RepositoryHash { get; } = Ownership.Hash(Repository)[..8];
}

/// <summary>
/// The one ownership rule for every kind: prune deletes only what carries this repository's identity (and, for a
/// resource tagged with its definition, this definition's path) and is no longer declared; everything else
/// undeclared is drift. Mappings carry the identity as tags; permissions in their statement id
/// (<see cref="Providers.Permission.StatementIds"/>); integrations in their description.
/// </summary>
public static class Ownership
{
    internal const string ManagedByKey = "gitmoxi:managed-by";
    internal const string ManagedByValue = "gitmoxi-lambda-sources";
    internal const string RepositoryKey = "gitmoxi:repository";
    internal const string DefinitionKey = "gitmoxi:definition";

    /// <summary>The ownership tags of a mapping declared by <paramref name="owner"/>.</summary>
    internal static IReadOnlyDictionary<string, string> Tags(OwnerIdentity owner)
    {
        ArgumentNullException.ThrowIfNull(owner);
        var tags = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [ManagedByKey] = ManagedByValue,
            [DefinitionKey] = owner.DefinitionPath,
        };
        if (owner.Repository.Length > 0)
        {
            tags[RepositoryKey] = owner.Repository;
        }

        return tags;
    }

    internal static bool IsManaged(IReadOnlyDictionary<string, string> tags) =>
        tags.TryGetValue(ManagedByKey, out var value) && value == ManagedByValue;

    /// <summary>The owner the tags name, or null when the resource is not managed. Tags of the previous version carry no repository.</summary>
    internal static OwnerIdentity? OwnerOf(IReadOnlyDictionary<string, string> tags) =>
        IsManaged(tags) && tags.TryGetValue(DefinitionKey, out var file)
            ? new OwnerIdentity(tags.TryGetValue(RepositoryKey, out var repository) ? repository : string.Empty, file)
            : null;

    /// <summary>A repository identity as every host writes it: trimmed, lower-case (GitHub names are case-insensitive).</summary>
    internal static string NormalizeRepository(string? repository) => (repository ?? string.Empty).Trim().Trim('/').ToLowerInvariant();

    /// <summary>
    /// <c>owner/name</c> of a git remote URL (<c>https://github.com/owner/name.git</c>, <c>git@github.com:owner/name</c>,
    /// <c>ssh://git@host/owner/name</c>); null when the URL has no such two last segments.
    /// </summary>
    public static string? RepositoryFromRemote(string? url)
    {
        if (string.IsNullOrWhiteSpace(url))
        {
            return null;
        }

        var path = url.Trim();
        if (path.EndsWith(".git", StringComparison.OrdinalIgnoreCase))
        {
            path = path[..^4];
        }

        var segments = path.Replace(':', '/').Split('/', StringSplitOptions.RemoveEmptyEntries);
        return segments.Length >= 2 ? NormalizeRepository(segments[^2] + "/" + segments[^1]) : null;
    }

    /// <summary>The nearest directory at or above <paramref name="directory"/> holding <c>.git</c>; the directory itself when there is none.</summary>
    public static string RepositoryRoot(string directory) => FindRepositoryRoot(directory) ?? Path.GetFullPath(directory);

    /// <summary>The nearest directory at or above <paramref name="directory"/> holding <c>.git</c> (a clone's folder or a worktree's file); null when there is none.</summary>
    internal static string? FindRepositoryRoot(string directory)
    {
        for (var current = new DirectoryInfo(Path.GetFullPath(directory)); current is not null; current = current.Parent)
        {
            var marker = Path.Combine(current.FullName, ".git");
            if (Directory.Exists(marker) || File.Exists(marker))
            {
                return current.FullName;
            }
        }

        return null;
    }

    internal static string Hash(string text) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text))).ToLowerInvariant();
}

/// <summary>Where a run's definition files sit: the repository identity the host names, and the run's root directory.</summary>
/// <param name="RootDirectory">The run's root (absolute); empty when unknown, and definition paths are then taken as they are.</param>
internal sealed record RepositoryScope(string Repository, string RootDirectory)
{
    public static RepositoryScope Unknown { get; } = new(string.Empty, string.Empty);

    public static RepositoryScope Locate(string rootDirectory, string? repository) =>
        new(Ownership.NormalizeRepository(repository), Path.GetFullPath(rootDirectory));

    /// <summary>
    /// The owner record of a definition file (a path relative to the root): the path is made relative to the repository
    /// holding the file (the nearest ancestor with <c>.git</c>), else to the root, so every host names a file alike.
    /// </summary>
    public OwnerIdentity Owner(string definitionFile)
    {
        ArgumentNullException.ThrowIfNull(definitionFile);
        if (RootDirectory.Length == 0)
        {
            return new(Repository, definitionFile.Replace('\\', '/'));
        }

        var full = Path.GetFullPath(definitionFile, RootDirectory);
        var repositoryRoot = Ownership.FindRepositoryRoot(Path.GetDirectoryName(full)!) ?? RootDirectory;
        return new(Repository, Path.GetRelativePath(repositoryRoot, full).Replace('\\', '/'));
    }
}
