using System.Text.Json.Nodes;
using Gitmoxi.LambdaSources.Diagnostics;

namespace Gitmoxi.LambdaSources.Planning;

/// <summary>What a change does, Terraform-style: <c>+</c> create, <c>~</c> update, <c>-/+</c> replace, <c>-</c> delete.</summary>
public enum ChangeAction
{
    /// <summary>Live state already matches the files; kept for the record.</summary>
    NoOp,
    Create,
    Update,
    /// <summary>Delete, wait until gone, create: a create-only field changed.</summary>
    Replace,
    /// <summary>Removal of something the tool owns that left the files (prune on).</summary>
    Delete,
    /// <summary>Exists in AWS but not in the files and will be left alone (prune off, or not owned by the tool).</summary>
    Drift,
}

public enum ResourceKind
{
    EventSourceMapping,
    Permission,
    TargetRegistration,
    RouteIntegration,
}

/// <summary>One field's before → after, as canonical JSON text (null = absent).</summary>
/// <param name="AfterIsDefault">The file leaves the field out, so <see cref="After"/> is AWS's default (the value that resets it).</param>
public sealed record FieldDiff(string Field, string? Before, string? After, bool ForcesReplacement = false, bool AfterIsDefault = false);

/// <summary>
/// One planned change. <see cref="Desired"/> carries everything apply needs so that a saved plan can be
/// applied later: for an event source mapping Create/Replace, the full CreateEventSourceMapping request
/// members; for Update, the UpdateEventSourceMapping members to send (clear values included) plus
/// <c>Tags</c> when tags change.
/// </summary>
/// <param name="Address">Stable, human-readable identity, e.g. <c>event-source-mapping sqs:orders-queue</c>.</param>
/// <param name="LiveId">The live resource's id (mapping UUID) when one exists.</param>
public sealed record PlannedChange(
    ChangeAction Action,
    ResourceKind Kind,
    string Address,
    string? LiveId,
    JsonObject? Desired,
    IReadOnlyList<FieldDiff> Fields,
    IReadOnlyList<string> Notes,
    SourceSpan? Span);

/// <param name="FunctionArn">The qualified function ARN every source of this function is wired to.</param>
public sealed record FunctionPlan(
    string FunctionName,
    string? Qualifier,
    string FunctionArn,
    string DefinitionFile,
    IReadOnlyList<PlannedChange> Changes);

public sealed record PlanTotals(int Create, int Update, int Replace, int Delete, int Drift, int NoOp)
{
    public bool HasChanges => Create + Update + Replace + Delete > 0;
}

/// <summary>The plan is data: per function, ordered changes; plus every diagnostic. A plan with errors cannot be applied.</summary>
public sealed record Plan(IReadOnlyList<FunctionPlan> Functions, IReadOnlyList<Diagnostic> Diagnostics)
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
                Count(ChangeAction.Delete), Count(ChangeAction.Drift), Count(ChangeAction.NoOp));
        }
    }
}
