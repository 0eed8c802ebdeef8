namespace Gitmoxi.LambdaSources.Definitions;

/// <summary>Paths with every symbolic link resolved, to tell whether a file really lies inside a directory.</summary>
internal static class RealPath
{
    // Link chains longer than this are cycles or hostile; the OS gives up on them too (ELOOP).
    private const int MaxLinks = 40;

    private static StringComparison Comparison =>
        OperatingSystem.IsWindows() || OperatingSystem.IsMacOS() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;

    /// <summary>The absolute path with each component that is a symbolic link replaced by its final target.</summary>
    public static string Resolve(string path)
    {
        var links = 0;
        return Resolve(Path.GetFullPath(path), ref links);
    }

    public static bool IsUnder(string path, string directory)
    {
        var trimmed = Path.TrimEndingDirectorySeparator(directory);
        return path.Equals(trimmed, Comparison)
            || (path.StartsWith(trimmed, Comparison) && path.Length > trimmed.Length
                && (path[trimmed.Length] == Path.DirectorySeparatorChar || path[trimmed.Length] == Path.AltDirectorySeparatorChar
                    || Path.EndsInDirectorySeparator(trimmed)));
    }

    private static string Resolve(string fullPath, ref int links)
    {
        var root = Path.GetPathRoot(fullPath)!;
        var current = root;
        var segments = fullPath[root.Length..].Split([Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar], StringSplitOptions.RemoveEmptyEntries);
        foreach (var segment in segments)
        {
            var next = Path.Combine(current, segment);
            FileSystemInfo info = Directory.Exists(next) ? new DirectoryInfo(next) : new FileInfo(next);
            if (info.LinkTarget is { } target && ++links <= MaxLinks)
            {
                // A relative target is relative to the link's directory; the target may contain links itself.
                next = Resolve(Path.GetFullPath(target, current), ref links);
            }

            current = next;
        }

        return current;
    }
}
