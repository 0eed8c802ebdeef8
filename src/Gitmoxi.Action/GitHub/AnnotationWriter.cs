using Gitmoxi.LambdaSources.Diagnostics;

namespace Gitmoxi.Action.GitHub;

/// <summary>
/// Turns diagnostics into <c>::error</c>/<c>::warning</c> annotations. GitHub shows only 10 of each kind per
/// step and keeps the rest as bare log lines, so past that limit diagnostics are handed back for the summary.
/// </summary>
public sealed class AnnotationWriter(WorkflowCommands commands, string workspace, int limitPerKind = 10)
{
    public const int GitHubLimitPerKind = 10;

    /// <returns>The diagnostics that were not annotated, in their original order.</returns>
    public IReadOnlyList<Diagnostic> Write(IEnumerable<Diagnostic> diagnostics)
    {
        var errors = 0;
        var warnings = 0;
        var overflow = new List<Diagnostic>();
        foreach (var diagnostic in diagnostics)
        {
            ref var count = ref diagnostic.IsError ? ref errors : ref warnings;
            if (count == limitPerKind)
            {
                overflow.Add(diagnostic);
                continue;
            }

            count++;
            var properties = new AnnotationProperties(
                Title: diagnostic.Code,
                File: diagnostic.Span is null ? null : WorkspacePaths.ToRelative(workspace, diagnostic.Span.File),
                StartLine: diagnostic.Span?.Line,
                StartColumn: diagnostic.Span?.Column);
            if (diagnostic.IsError)
            {
                commands.Error(diagnostic.Message, properties);
            }
            else
            {
                commands.Warning(diagnostic.Message, properties);
            }
        }

        return overflow;
    }
}
