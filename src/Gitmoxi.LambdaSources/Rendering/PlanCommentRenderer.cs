namespace Gitmoxi.LambdaSources.Rendering;

/// <param name="Marker">A hidden HTML comment, written as the first line, by which the host finds this comment again.</param>
/// <param name="Scope">What was planned (the path input), shown in the heading.</param>
/// <param name="Commit">The pull request's head commit the plan was made for, or null.</param>
/// <param name="SummaryUrl">The run whose job summary holds the whole plan, or null.</param>
public sealed record PlanCommentContext(string Marker, string Scope, string? Commit, string? SummaryUrl);

/// <summary>
/// The plan as a pull-request comment: a short header (totals, has-changes, the apply result when there is one),
/// the diagnostics, then one collapsed block per function that has something to show, cut to GitHub's comment
/// limit; the job summary holds the rest. Every user-supplied string is escaped.
/// </summary>
public static class PlanCommentRenderer
{
    /// <summary>GitHub refuses a comment body longer than this many characters.</summary>
    public const int GitHubMaxCharacters = 65_536;

    /// <summary>A UTF-8 byte count is never below the character count, so a byte budget under the limit keeps the comment under it too.</summary>
    public const int DefaultMaxBytes = 65_000;

    public static string Render(RunOutcome outcome, PlanCommentContext context, int maxBytes = DefaultMaxBytes)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        ArgumentNullException.ThrowIfNull(context);
        var plan = outcome.Plan;
        var fullReport = context.SummaryUrl is null ? "job summary" : $"[job summary]({context.SummaryUrl})";
        var document = new MarkdownBudget(maxBytes);
        document.AppendRequired(Header(outcome, context));
        MarkdownLayout.AppendDiagnostics(document, outcome.Diagnostics, fullReport);

        // A reviewer wants what changes; functions already in step are only counted.
        var shownFunctions = plan.Functions.Where(f => f.Changes.Any(c => c.Action != ChangeAction.NoOp) || f.Drift.Count > 0).ToList();
        MarkdownLayout.AppendFunctions(document, PlacementGroups.Arrange(shownFunctions, f => f), f => PlacementGroups.MarkdownHeading(f.Heading, level: 4) + Function(f.Item), fullReport);
        var unchanged = plan.Functions.Count - shownFunctions.Count;
        if (unchanged > 0)
        {
            document.AppendRequired(string.Create(CultureInfo.InvariantCulture, $"_{unchanged} of {plan.Functions.Count} functions have no changes._\n"));
        }

        if (context.SummaryUrl is not null)
        {
            document.AppendRequired($"\nThe whole plan is in the run's {fullReport}.\n");
        }

        return document.ToString();
    }

    private static string Header(RunOutcome outcome, PlanCommentContext context)
    {
        var totals = outcome.Plan.Totals;
        var text = new StringBuilder(context.Marker).Append('\n');
        text.Append(outcome.Result is null ? "### Lambda event sources: plan for " : "### Lambda event sources: plan and apply for ");
        MarkdownText.AppendCode(text, context.Scope).Append("\n\n");
        if (outcome.Scope is { } scope)
        {
            text.Append(ScopeLine.Markdown(scope)).Append("\n\n");
        }

        text.Append("**Plan:** ").Append(ChangeActionText.Totals(totals));
        text.Append("<br>\n**Has changes:** ").Append(totals.HasChanges ? "yes" : "no");
        if (context.Commit is not null)
        {
            MarkdownText.AppendCode(text.Append(" · commit "), context.Commit.Length > 12 ? context.Commit[..12] : context.Commit);
        }

        text.Append("\n\n");
        if (outcome.Result is { } result)
        {
            var status = ChangeActionText.ApplyTotals(result).Split(':', 2);
            text.Append("**").Append(status[0]).Append(":**").Append(status[1]).Append("\n\n");
        }

        if (outcome.Plan.HasErrors)
        {
            text.Append("> [!CAUTION]\n> The plan has errors; nothing can be applied.\n\n");
        }

        return text.ToString();
    }

    private static string Function(FunctionPlan function)
    {
        var text = new StringBuilder("<details><summary>");
        MarkdownText.AppendCode(text, function.FunctionArn).Append(": ").Append(Counts(function)).Append("</summary>\n\n");
        return text.Append(PlanMarkdownRenderer.Function(function)).Append("</details>\n\n").ToString();
    }

    private static string Counts(FunctionPlan function)
    {
        var counts = function.Changes
            .Where(c => c.Action != ChangeAction.NoOp)
            .GroupBy(c => c.Action)
            .OrderBy(g => g.Key)
            .Select(g => string.Create(CultureInfo.InvariantCulture, $"{g.Count()} to {ChangeActionText.Verb(g.Key)}"));
        var drifted = function.Drift.Count == 0 ? [] : new[] { string.Create(CultureInfo.InvariantCulture, $"{function.Drift.Count} drifted") };
        return string.Join(", ", counts.Concat(drifted));
    }
}
