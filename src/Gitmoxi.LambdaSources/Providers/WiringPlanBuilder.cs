namespace Gitmoxi.LambdaSources.Providers;

/// <summary>What a wiring diff collects for one function while it walks the declared and the owned sources.</summary>
internal sealed class WiringPlanBuilder
{
    public List<PlannedChange> Changes { get; } = [];

    public List<DriftObservation> Drift { get; } = [];

    public List<PermissionRequirement> Permissions { get; } = [];

    public HashSet<string> Declared { get; } = new(StringComparer.Ordinal);

    public HashSet<string> Skipped { get; } = new(StringComparer.Ordinal);

    public List<Diagnostic> Diagnostics { get; } = [];

    /// <summary>What this repository created and no longer declares: removed with prune on, otherwise shown as drift.</summary>
    public void AddUndeclared(PlanTarget target, OwnedStatement statement, PlannedChange removal)
    {
        if (target.Prune)
        {
            Changes.Add(removal);
        }
        else
        {
            Drift.Add(new DriftObservation(removal.Kind, removal.Address, removal.LiveId, PermissionDiff.DriftReason(target, statement.Id), removal.Fields));
        }
    }

    public WiringPlan Build() => new(Changes, Drift, Permissions, Declared, Skipped, Diagnostics);
}
