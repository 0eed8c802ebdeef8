using Gitmoxi.LambdaSources.Diagnostics;

namespace Gitmoxi.Action.GitHub;

/// <summary>
/// Turns diagnostics into <c>::error</c>/<c>::warning</c> annotations. GitHub shows only 10 of each kind per step and
/// keeps the rest as bare log lines; the job summary lists every diagnostic, so nothing is lost past the limit. A
/// message over the runner's 4,096 characters is cut here with a marker, keeping its code, title and location.
/// </summary>
public sealed class AnnotationWriter(WorkflowCommands commands, string workspace, int limitPerKind = AnnotationWriter.GitHubLimitPerKind)
{
    public const int GitHubLimitPerKind = 10;

    /// <param name="reservedWarnings">Warning slots kept free for warnings the caller writes after these.</param>
    /// <returns>The diagnostics that were not annotated, in their original order.</returns>
    public IReadOnlyList<Diagnostic> Write(IEnumerable<Diagnostic> diagnostics, int reservedWarnings = 0)
    {
        ArgumentNullException.ThrowIfNull(diagnostics);
        var errors = 0;
        var warnings = 0;
        var overflow = new List<Diagnostic>();
        foreach (var diagnostic in diagnostics)
        {
            ref var count = ref diagnostic.IsError ? ref errors : ref warnings;
            if (count == (diagnostic.IsError ? limitPerKind : limitPerKind - reservedWarnings))
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
            var message = WorkflowCommands.Fit(diagnostic.Message, "see the job summary");
            if (diagnostic.IsError)
            {
                commands.Error(message, properties);
            }
            else
            {
                commands.Warning(message, properties);
            }
        }

        return overflow;
    }
}
