namespace Gitmoxi.LambdaSources.Planning;

/// <summary>What a change does, Terraform-style: <c>+</c> create, <c>~</c> update, <c>-/+</c> replace, <c>-</c> delete.</summary>
internal enum ChangeAction
{
    /// <summary>Live state already matches the files; kept for the record.</summary>
    NoOp,
    Create,
    Update,
    /// <summary>Delete, wait until gone, create: a create-only field changed.</summary>
    Replace,
    /// <summary>Removal of something this repository owns that left the files (prune on).</summary>
    Delete,
}

internal enum ResourceKind
{
    EventSourceMapping,
    Permission,
    TargetRegistration,
    RouteIntegration,
    BucketNotification,
    Schedule,
    RestIntegration,
    RestDeployment,
    SnsSubscription,
    EventRuleTarget,
    LogSubscriptionFilter,
}

/// <summary>One field's before → after, as canonical JSON text (null = absent).</summary>
/// <param name="AfterIsDefault">The file leaves the field out, so <see cref="After"/> is AWS's default (the value that resets it).</param>
internal sealed record FieldDiff(string Field, string? Before, string? After, bool ForcesReplacement = false, bool AfterIsDefault = false);

/// <summary>
/// One planned change. <see cref="Operation"/> is what apply executes (null for a no-op): a closed set of typed
/// records, so a saved plan can be applied later exactly as reviewed. <see cref="Address"/>, <see cref="Fields"/> and
/// <see cref="Notes"/> are for people: apply never reads them, and the saved-plan check ignores them.
/// </summary>
/// <param name="Address">Stable, human-readable identity, e.g. <c>event-source-mapping sqs:orders-queue</c>.</param>
/// <param name="LiveId">The live resource's id (mapping UUID) when one exists.</param>
internal sealed record PlannedChange(
    ChangeAction Action,
    ResourceKind Kind,
    string Address,
    string? LiveId,
    ChangeOperation? Operation,
    IReadOnlyList<FieldDiff> Fields,
    IReadOnlyList<string> Notes,
    SourceSpan? Span);

/// <summary>
/// Something live that the files do not declare and that this plan leaves alone (not owned by this repository's
/// definition, or prune is off): an observation for people, never a change.
/// </summary>
internal sealed record DriftObservation(ResourceKind Kind, string Address, string? LiveId, string Reason, IReadOnlyList<FieldDiff> Fields);

/// <param name="FunctionArn">The qualified function ARN every source of this function is wired to.</param>
/// <param name="Changes">In apply order: permission adds, wiring (deletes before creates), permission removals.</param>
/// <param name="LiveFingerprint">A digest of the live state the changes were planned from; a saved plan is stale when it moved.</param>
/// <param name="Region">The Region the function was planned in, and is applied in; empty in plans saved before Regions were recorded (the run's Region).</param>
/// <param name="Account">The account its group declares (<c>environment.account</c>), null when none: apply uses the same credentials as the plan.</param>
internal sealed record FunctionPlan(
    string FunctionName,
    string? Qualifier,
    string FunctionArn,
    string DefinitionFile,
    IReadOnlyList<PlannedChange> Changes,
    IReadOnlyList<DriftObservation> Drift,
    string LiveFingerprint = "",
    string Region = "",
    string? Account = null)
{
    /// <summary>The account the function is in: the declared one, else its ARN's.</summary>
    public string LocatedAccount => Account ?? (FunctionArn.Split(':') is { Length: > 4 } parts ? parts[4] : "");

    /// <summary>The Region the function is in: the planned one, else its ARN's.</summary>
    public string LocatedRegion => Region.Length > 0 ? Region : FunctionArn.Split(':') is { Length: > 3 } parts ? parts[3] : "";
}

public sealed record PlanTotals(int Create, int Update, int Replace, int Delete, int Drift, int NoOp)
{
    public bool HasChanges => Create + Update + Replace + Delete > 0;
}

/// <summary>The plan is data: per function, ordered changes; plus every diagnostic. A plan with errors cannot be applied.</summary>
internal sealed record Plan(IReadOnlyList<FunctionPlan> Functions, IReadOnlyList<Diagnostic> Diagnostics)
{
    public bool HasErrors => Diagnostics.Any(d => d.IsError);

    public PlanTotals Totals
    {
        get
        {
            var changes = Functions.SelectMany(f => f.Changes).ToList();
            int Count(ChangeAction action) => changes.Count(c => c.Action == action);
            return new PlanTotals(
                Count(ChangeAction.Create), Count(ChangeAction.Update), Count(ChangeAction.Replace),
                Count(ChangeAction.Delete), Functions.Sum(f => f.Drift.Count), Count(ChangeAction.NoOp));
        }
    }
}
