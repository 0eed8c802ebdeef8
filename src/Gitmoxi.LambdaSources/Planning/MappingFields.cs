namespace Gitmoxi.LambdaSources.Planning;

/// <summary>How an object-valued field is compared.</summary>
internal enum FieldShape
{
    /// <summary>The value as a whole (objects compared member by member after canonicalization).</summary>
    Whole,

    /// <summary>Only the members the file declares (plus members with a known default), each diffed on its own:
    /// AWS fills in the rest, e.g. a generated Kafka <c>ConsumerGroupId</c>.</summary>
    DeclaredMembers,
}

/// <param name="Name">The CreateEventSourceMapping member name.</param>
/// <param name="CreateOnly">UpdateEventSourceMapping does not take it: a change means Replace.</param>
/// <param name="Default">The value AWS uses when the field is not sent (JSON text), which is also the value that
/// clears it on update; null when no default is known for that source kind.</param>
/// <param name="MemberDefaults">For <see cref="FieldShape.DeclaredMembers"/>: members with a known default.</param>
/// <param name="ReplacingMembers">For <see cref="FieldShape.DeclaredMembers"/>: members whose change means Replace.</param>
/// <param name="UndeclaredNote">Said when the field is undeclared but set live, because it cannot be reset in place.</param>
internal sealed record FieldRule(
    string Name,
    bool CreateOnly = false,
    Func<EventSourceKind, string?>? Default = null,
    FieldShape Shape = FieldShape.Whole,
    IReadOnlyDictionary<string, string>? MemberDefaults = null,
    IReadOnlyList<string>? ReplacingMembers = null,
    Func<EventSourceKind, string?>? UndeclaredNote = null);

/// <summary>
/// The CreateEventSourceMapping members the planner diffs, in the Lambda API model's order, with AWS's defaults and
/// clear values: derived from the one member table, <see cref="MappingMemberCatalog.Members"/>.
/// </summary>
internal static class MappingFields
{
    public const string EventSourceArn = "EventSourceArn";
    public const string FunctionName = "FunctionName";
    public const string Enabled = "Enabled";
    public const string Tags = "Tags";
    public const string StartingPositionTimestamp = "StartingPositionTimestamp";
    public const string SelfManagedEventSource = "SelfManagedEventSource";
    public const string Topics = "Topics";
    public const string Queues = "Queues";
    public const string MaximumBatchingWindowInSeconds = "MaximumBatchingWindowInSeconds";

    public static IReadOnlyList<FieldRule> Rules { get; } =
    [
        .. MappingMemberCatalog.Members
            .Where(m => m.Diffed)
            .Select(m => new FieldRule(m.Name, m.CreateOnly, m.Default, m.Compare, m.MemberDefaults, m.ReplacingMembers, m.UndeclaredNote)),
    ];
}
