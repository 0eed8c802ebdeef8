namespace Gitmoxi.LambdaSources.Rendering;

/// <summary>The words and symbols every renderer uses, Terraform's where Terraform has one.</summary>
internal static class ChangeActionText
{
    public static string Symbol(ChangeAction action) => action switch
    {
        ChangeAction.Create => "+",
        ChangeAction.Update => "~",
        ChangeAction.Replace => "-/+",
        ChangeAction.Delete => "-",
        _ => "=",
    };

    /// <summary>Drift is an observation, not a change; it is listed after a function's changes.</summary>
    public const string DriftSymbol = "!";

    public const string DriftVerb = "drift";

    public const string DriftOutcome = "left as is";

    public static string Verb(ChangeAction action) => action switch
    {
        ChangeAction.Create => "create",
        ChangeAction.Update => "update",
        ChangeAction.Replace => "replace",
        ChangeAction.Delete => "delete",
        _ => "no change",
    };

    public static string Totals(PlanTotals totals) =>
        $"{totals.Create} to create, {totals.Update} to update, {totals.Replace} to replace, {totals.Delete} to delete, {totals.Drift} drifted.";

    public static string Outcome(ChangeResult result) => result.Outcome switch
    {
        ChangeOutcome.Failed => "FAILED: " + (result.Error ?? "unknown error"),
        ChangeOutcome.NotAttempted => "not attempted",
        _ when result.Change.Action == ChangeAction.NoOp => "unchanged",
        _ => result.ResultId is null ? "done" : $"done (id {result.ResultId})",
    };

    public static string ApplyTotals(ApplyResult result)
    {
        var changes = result.Functions.SelectMany(f => f.Changes).ToList();
        int Done(ChangeAction action) => changes.Count(c => c.Outcome == ChangeOutcome.Succeeded && c.Change.Action == action);
        var done = $"{Done(ChangeAction.Create)} created, {Done(ChangeAction.Update)} updated, "
            + $"{Done(ChangeAction.Replace)} replaced, {Done(ChangeAction.Delete)} deleted";
        if (result.Succeeded)
        {
            return $"Apply complete: {done}.";
        }

        var failed = changes.Count(c => c.Outcome == ChangeOutcome.Failed);
        var skipped = changes.Count(c => c.Outcome == ChangeOutcome.NotAttempted);
        return $"Apply failed: {done}; {failed} failed, {skipped} not attempted.";
    }
}
