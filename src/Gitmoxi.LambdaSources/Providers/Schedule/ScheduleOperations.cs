namespace Gitmoxi.LambdaSources.Providers.Schedule;

/// <summary>
/// Creates a schedule. <see cref="Request"/> is the <c>CreateSchedule</c> request body exactly as planned and shown
/// (members by their AWS names, <c>Name</c>, <c>GroupName</c>, <c>Target.Arn</c> and the ownership marker in
/// <c>Description</c> included): apply sends it as is.
/// </summary>
internal sealed record CreateSchedule(JsonObject Request) : ChangeOperation
{
    internal override ApplyPhase Phase => ApplyPhase.Wire;
}

/// <summary><c>UpdateSchedule</c> is a full replace: <see cref="Request"/> carries every member, as for a create.</summary>
internal sealed record ReplaceSchedule(JsonObject Request) : ChangeOperation
{
    internal override ApplyPhase Phase => ApplyPhase.Wire;
}

/// <summary>Deletes a schedule this repository created and no longer declares (prune on).</summary>
internal sealed record DeleteSchedule(string GroupName, string Name) : ChangeOperation
{
    internal override ApplyPhase Phase => ApplyPhase.RemoveWiring;
}
