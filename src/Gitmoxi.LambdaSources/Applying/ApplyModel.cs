namespace Gitmoxi.LambdaSources.Applying;

internal enum ChangeOutcome
{
    /// <summary>The change was made (or was a no-op / drift and needed nothing).</summary>
    Succeeded,
    Failed,
    /// <summary>Not attempted because an earlier change of the same function failed or apply was cancelled.</summary>
    NotAttempted,
}

/// <param name="Error">For a failure: the AWS error code and message (never credentials or request bodies).</param>
/// <param name="ResultId">The id of what was created (a new mapping UUID, an integration id), when there is one.</param>
/// <param name="DiagnosticCode">For a failure with a specific code (e.g. a full resource policy); otherwise the generic change failure.</param>
internal sealed record ChangeResult(
    PlannedChange Change, ChangeOutcome Outcome, string? Error = null, string? ResultId = null, string? DiagnosticCode = null);

internal sealed record FunctionResult(FunctionPlan Plan, IReadOnlyList<ChangeResult> Changes);

/// <summary>What apply did, always returned, even when it failed halfway.</summary>
internal sealed record ApplyResult(IReadOnlyList<FunctionResult> Functions, IReadOnlyList<Diagnostic> Diagnostics)
{
    public bool Succeeded => !Diagnostics.Any(d => d.IsError)
        && Functions.All(f => f.Changes.All(c => c.Outcome == ChangeOutcome.Succeeded));
}
