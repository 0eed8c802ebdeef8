using Gitmoxi.LambdaSources.Diagnostics;
using Gitmoxi.LambdaSources.Planning;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Gitmoxi.LambdaSources.Definitions;

/// <summary>
/// Reads and validates every event source definition under a path (SPEC §2). All problems of all files are
/// reported together; a function appears in the result only when all of its files are free of errors.
/// </summary>
public static class DefinitionReader
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

        return new DefinitionSet(functions, diagnostics, RepositoryScope.Locate(options.RootDirectory, options.Repository));
    }
}
