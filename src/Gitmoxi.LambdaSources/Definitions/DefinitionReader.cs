using Microsoft.Extensions.Logging.Abstractions;

namespace Gitmoxi.LambdaSources.Definitions;

/// <summary>
/// Reads and validates every event source definition under a path (SPEC §2). All problems of all files are
/// reported together; a function appears in the result only when all of its files are free of errors.
/// </summary>
internal static class DefinitionReader
{
    /// <param name="path">A <c>_lambdaeventsourcedef.json</c> file or a directory to search, relative to <see cref="DefinitionOptions.RootDirectory"/> or absolute.</param>
    public static Task<DefinitionSet> ReadAsync(string path, DefinitionOptions options, CancellationToken cancellationToken) =>
        ReadAsync(path, options, NullLogger.Instance, cancellationToken);

    /// <param name="logger">Told how many files were found before they are read.</param>
    public static async Task<DefinitionSet> ReadAsync(string path, DefinitionOptions options, ILogger logger, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(options);

        var diagnostics = new List<Diagnostic>();
        var files = DefinitionDiscovery.Find(path, options.RootDirectory, diagnostics);
        Progress.ReadingDefinitions(logger, files.Count, Path.GetRelativePath(options.RootDirectory, Path.GetFullPath(path, options.RootDirectory)));
        var functions = new List<FunctionDefinition>();
        var declared = new List<ResolvedFunction>();
        foreach (var file in files)
        {
            var group = await DefinitionGroupReader.ReadAsync(file, options, cancellationToken);
            diagnostics.AddRange(group.Diagnostics);
            if (group.Resolved is not { } resolved)
            {
                continue;
            }

            if (declared.FirstOrDefault(d => d.Reference.SameFunctionAs(resolved.Reference)) is { } first)
            {
                diagnostics.Add(Diagnostic.Error(DiagnosticCodes.FunctionDeclaredTwice,
                    $"The function '{resolved.Reference.Unqualified}' is already declared by {first.Span.File}; keep each function's event sources in one group of files.",
                    resolved.Span));
                continue;
            }

            declared.Add(resolved);
            if (group.Function is not null)
            {
                functions.Add(group.Function);
            }
        }

        var repository = RepositoryScope.Locate(options.RootDirectory, options.Repository);
        return options.Scope is { } scope
            ? Narrow(scope, path, options, files, functions, declared, diagnostics) with { Repository = repository }
            : new DefinitionSet(functions, diagnostics, repository);
    }

    /// <summary>
    /// Keeps the groups the change touches, and adds each group it deleted as its function with no sources, so
    /// planning (which reads live state for the functions it is given, and nothing else) never reads a skipped one.
    /// </summary>
    private static DefinitionSet Narrow(
        DefinitionScope scope,
        string path,
        DefinitionOptions options,
        IReadOnlyList<DiscoveredFile> files,
        List<FunctionDefinition> functions,
        List<ResolvedFunction> declared,
        List<Diagnostic> diagnostics)
    {
        var changed = scope.ChangedGroups();
        var kept = functions.Where(f => changed.Contains(f.Prefix)).ToList();
        var planned = kept.Count;
        var present = files.Select(f => f.DisplayPath).ToHashSet(StringComparer.Ordinal);
        var searched = System.IO.Path.GetFullPath(path, options.RootDirectory);
        var removed = new List<string>();
        foreach (var group in scope.RemovedGroups)
        {
            var file = group.Prefix + DefinitionDiscovery.Suffix;
            if (present.Contains(file) || !RealPath.IsUnder(System.IO.Path.GetFullPath(file, options.RootDirectory), searched))
            {
                continue;
            }

            var span = new SourceSpan(file, 1, 1);
            if (DefinitionGroupReader.ReadRemoved(group, options).Resolved is not { } resolved)
            {
                diagnostics.Add(Diagnostic.Warning(DiagnosticCodes.RemovedGroupUnresolved,
                    $"'{file}' was deleted, but at the base commit its group names no valid function, so what it created cannot be found; nothing of it is pruned.", span));
                continue;
            }

            if (declared.FirstOrDefault(d => d.Reference.SameFunctionAs(resolved.Reference)) is { } current)
            {
                diagnostics.Add(Diagnostic.Warning(DiagnosticCodes.RemovedFunctionRedeclared,
                    $"'{file}' was deleted, and its function '{resolved.Reference.Unqualified}' is now declared by {current.Span.File}; "
                    + "what the deleted file created is shown as drift in that function's plan.", span));
                continue;
            }

            declared.Add(resolved);
            kept.Add(new FunctionDefinition(group.Prefix, file, resolved.Reference.Unqualified, resolved.Qualifier, [], []));
            removed.Add(file);
        }

        return new DefinitionSet(kept, diagnostics, ChangeScope: new ScopeSummary(planned, functions.Count - planned, removed));
    }
}
