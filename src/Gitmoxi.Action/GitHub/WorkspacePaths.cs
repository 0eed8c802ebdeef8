namespace Gitmoxi.Action.GitHub;

/// <summary>Paths the user gives are kept inside the workspace; paths shown back to GitHub are relative to it.</summary>
public static class WorkspacePaths
{
    /// <summary>Resolves <paramref name="path"/> against the workspace, or null when it lands outside it.</summary>
    public static string? ResolveInside(string workspace, string path)
    {
        var root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(workspace));
        var full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(path, root));
        var inside = full == root || full.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal)
            || root == Path.GetPathRoot(root);
        return inside ? full : null;
    }

    /// <summary>
    /// A workspace-relative path with <c>/</c> separators (how annotations and outputs should name files, since
    /// the runner does not translate container paths in outputs); other paths are returned unchanged.
    /// </summary>
    public static string ToRelative(string workspace, string path)
    {
        var full = ResolveInside(workspace, path);
        return full is null
            ? path
            : Path.GetRelativePath(Path.GetFullPath(workspace), full).Replace(Path.DirectorySeparatorChar, '/');
    }
}
