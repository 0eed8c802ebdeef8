using System.Collections.Frozen;

namespace Gitmoxi.LambdaSources.Definitions;

/// <summary>A file on disk and the root-relative, '/'-separated path diagnostics use for it.</summary>
internal sealed record DiscoveredFile(string FullPath, string DisplayPath);

/// <summary>
/// Finds the <c>_lambdaeventsourcedef.json</c> files under a path, refusing anything (including a symlink's
/// target) outside the root, so a definition cannot make the tool read files the repository does not hold.
/// </summary>
internal sealed class DefinitionDiscovery
{
    public const string Suffix = "_lambdaeventsourcedef.json";

    private static readonly FrozenSet<string> SkippedDirectories = FrozenSet.ToFrozenSet([".git", "bin", "obj", "node_modules"], StringComparer.Ordinal);

    private readonly string _root;
    private readonly string _realRoot;
    private readonly List<Diagnostic> _diagnostics;

    private DefinitionDiscovery(string root, List<Diagnostic> diagnostics)
    {
        _root = root;
        _realRoot = RealPath.Resolve(root);
        _diagnostics = diagnostics;
    }

    public static IReadOnlyList<DiscoveredFile> Find(string path, string rootDirectory, List<Diagnostic> diagnostics)
    {
        var root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(rootDirectory));
        if (!Directory.Exists(root))
        {
            diagnostics.Add(Diagnostic.Error(DiagnosticCodes.PathNotFound, $"The root directory '{rootDirectory}' does not exist."));
            return [];
        }

        return new DefinitionDiscovery(root, diagnostics).Find(path);
    }

    /// <summary>Whether a file beside a definition may be read: inside the root once symlinks are resolved.</summary>
    public static bool IsInside(string fullPath, string rootDirectory) =>
        RealPath.IsUnder(RealPath.Resolve(fullPath), RealPath.Resolve(Path.GetFullPath(rootDirectory)));

    private List<DiscoveredFile> Find(string path)
    {
        var full = Path.GetFullPath(Path.Combine(_root, path));
        if (!RealPath.IsUnder(full, _root) || !RealPath.IsUnder(RealPath.Resolve(full), _realRoot))
        {
            _diagnostics.Add(Diagnostic.Error(DiagnosticCodes.PathOutsideRoot,
                $"The path '{path}' is outside the root directory '{_root}'; nothing was read from it."));
            return [];
        }

        var display = Display(full);
        if (File.Exists(full))
        {
            if (full.EndsWith(Suffix, StringComparison.Ordinal))
            {
                return [new DiscoveredFile(full, display)];
            }

            _diagnostics.Add(Diagnostic.Error(DiagnosticCodes.NotADefinitionFile,
                $"'{display}' is not an event source definition: its name must end with {Suffix}.", new SourceSpan(display, 1, 1)));
            return [];
        }

        if (!Directory.Exists(full))
        {
            _diagnostics.Add(Diagnostic.Error(DiagnosticCodes.PathNotFound, $"The path '{path}' does not exist."));
            return [];
        }

        var found = new List<DiscoveredFile>();
        var realFull = RealPath.Resolve(full);
        Walk(new DirectoryInfo(full), realFull, found, new HashSet<string>(StringComparer.Ordinal) { realFull });
        if (found.Count == 0)
        {
            _diagnostics.Add(Diagnostic.Warning(DiagnosticCodes.NoDefinitionFiles,
                $"No *{Suffix} file was found under '{(display.Length == 0 ? "." : display)}'."));
        }

        return [.. found.OrderBy(f => f.DisplayPath, StringComparer.Ordinal)];
    }

    private void Walk(DirectoryInfo directory, string realDirectory, List<DiscoveredFile> found, HashSet<string> visited)
    {
        foreach (var entry in directory.EnumerateFileSystemInfos().OrderBy(e => e.Name, StringComparer.Ordinal))
        {
            var isDirectory = entry is DirectoryInfo;
            if (isDirectory ? SkippedDirectories.Contains(entry.Name) : !entry.Name.EndsWith(Suffix, StringComparison.Ordinal))
            {
                continue;
            }

            var real = entry.LinkTarget is null ? Path.Combine(realDirectory, entry.Name) : RealPath.Resolve(entry.FullName);
            if (!RealPath.IsUnder(real, _realRoot))
            {
                var display = Display(entry.FullName);
                _diagnostics.Add(Diagnostic.Error(DiagnosticCodes.PathOutsideRoot,
                    $"'{display}' is a symbolic link to '{real}', outside the root directory; it was not read.", new SourceSpan(display, 1, 1)));
            }
            else if (!isDirectory)
            {
                found.Add(new DiscoveredFile(entry.FullName, Display(entry.FullName)));
            }
            else if (visited.Add(real))
            {
                // A linked directory inside the root is walked once, so link cycles end.
                Walk((DirectoryInfo)entry, real, found, visited);
            }
        }
    }

    private string Display(string fullPath) => Path.GetRelativePath(_root, fullPath).Replace('\\', '/') switch
    {
        "." => string.Empty,
        var relative => relative,
    };
}
