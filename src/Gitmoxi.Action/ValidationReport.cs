using System.Globalization;
using System.Text;
using Gitmoxi.Action.GitHub;
using Gitmoxi.LambdaSources.Definitions;

namespace Gitmoxi.Action;

/// <summary>
/// What <c>--validate-only</c> reports: the functions and sources the files declare. Nothing was planned, so
/// the outputs say there are no changes; the diagnostics become annotations as in any other run.
/// </summary>
internal static class ValidationReport
{
    public static ActionOutcome Create(DefinitionSet definitions, string workspace)
    {
        var errors = definitions.Diagnostics.Count(d => d.IsError);
        var warnings = definitions.Diagnostics.Count - errors;
        var totals = string.Create(
            CultureInfo.InvariantCulture,
            $"{definitions.Functions.Count} function(s), {errors} error(s), {warnings} warning(s); no AWS call was made.");

        var summary = new StringBuilder("## Lambda event sources: validation\n\n**Validated:** ").Append(totals).Append("\n\n");
        var console = new StringBuilder("Validated: ").Append(totals).Append('\n');
        if (definitions.Functions.Count > 0)
        {
            summary.Append("| Function | Defined in | Event source mappings | Push sources |\n|---|---|---|---|\n");
        }

        foreach (var function in definitions.Functions)
        {
            var name = function.Qualifier is null ? function.FunctionName : $"{function.FunctionName}:{function.Qualifier}";
            var file = WorkspacePaths.ToRelative(workspace, function.DefinitionFile);
            summary.Append(CultureInfo.InvariantCulture, $"| {Markdown.Escape(name)} | {Markdown.Escape(file)} | {function.EventSourceMappings.Count} | {function.PushSources.Count} |\n");
            console.Append(CultureInfo.InvariantCulture, $"  {name} ({file}): {function.EventSourceMappings.Count} event source mapping(s), {function.PushSources.Count} push source(s)\n");
        }

        // Every diagnostic is listed here once: only the first 10 of each kind become annotations.
        if (definitions.Diagnostics.Count > 0)
        {
            summary.Append(definitions.Functions.Count > 0 ? "\n" : "").Append("### Diagnostics\n\n| Severity | Code | Location | Message |\n|---|---|---|---|\n");
        }

        foreach (var diagnostic in definitions.Diagnostics)
        {
            console.Append(diagnostic).Append('\n');
            summary.Append(CultureInfo.InvariantCulture, $"| {(diagnostic.IsError ? "error" : "warning")} | {Markdown.Escape(diagnostic.Code)} | {Markdown.Escape(diagnostic.Span?.ToString() ?? "")} | {Markdown.Escape(diagnostic.Message)} |\n");
        }

        return new ActionOutcome(
            summary.ToString(),
            console.ToString(),
            definitions.Diagnostics,
            new ActionOutputs(HasChanges: false, 0, 0, 0, 0, PlanFile: null),
            Succeeded: errors == 0);
    }
}
