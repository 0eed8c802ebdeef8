namespace Gitmoxi.LambdaSources.Definitions;

/// <summary>What kind of poller an event source mapping runs, derived from its ARN or members.</summary>
internal enum EventSourceKind
{
    Sqs,
    Kinesis,
    DynamoDbStream,
    Msk,
    SelfManagedKafka,
    MQ,
    DocumentDb,
}

internal abstract record PushSource(SourceSpan Span);

internal sealed record ElbPushSource(string TargetGroupArn, SourceSpan Span) : PushSource(Span);

internal sealed record ApiGatewayPushSource(string ApiId, string RouteId, string? AliasStageVariableName, SourceSpan Span)
    : PushSource(Span);

/// <summary>
/// One declared <c>CreateEventSourceMapping</c> request, validated and with placeholders substituted.
/// <see cref="Members"/> holds exactly the members the file declares, by their API names, except
/// <c>FunctionName</c> (resolved into <see cref="FunctionDefinition"/>); the engine passes them through to AWS.
/// </summary>
internal sealed record EventSourceMappingDefinition(
    EventSourceKind Kind,
    string? EventSourceArn,
    JsonObject Members,
    IReadOnlyDictionary<string, SourceSpan> MemberSpans,
    SourceSpan Span);

/// <summary>
/// The event sources of one function: the files sharing one path prefix
/// (<c>orders/orders_lambdaeventsourcedef.json</c>, <c>orders/orders_lambdadef.json</c>, …).
/// </summary>
/// <param name="Prefix">The group's path prefix relative to the root, with '/' separators (e.g. <c>orders/orders</c>; empty prefix gives <c>orders/</c>).</param>
/// <param name="DefinitionFile">The <c>_lambdaeventsourcedef.json</c> path as it appears in spans.</param>
/// <param name="FunctionName">A function name or unqualified function ARN.</param>
/// <param name="Qualifier">The alias (or version) every source is wired to; null for the unqualified function.</param>
/// <param name="Environment">The Region and account <c>_lambdadepdef.json</c> declares; null for the run's own.</param>
internal sealed record FunctionDefinition(
    string Prefix,
    string DefinitionFile,
    string FunctionName,
    string? Qualifier,
    IReadOnlyList<PushSource> PushSources,
    IReadOnlyList<EventSourceMappingDefinition> EventSourceMappings,
    DeploymentEnvironment? Environment = null);

/// <summary>Everything read from a repository: the functions, and every problem of every file.</summary>
/// <param name="Repository">Where the files sit in their repository: what their owner identity is made of.</param>
/// <param name="ChangeScope">Set when a <see cref="DefinitionScope"/> narrowed <see cref="Functions"/> to the changed groups.</param>
internal sealed record DefinitionSet(
    IReadOnlyList<FunctionDefinition> Functions,
    IReadOnlyList<Diagnostic> Diagnostics,
    RepositoryScope? Repository = null,
    ScopeSummary? ChangeScope = null)
{
    public RepositoryScope Scope => Repository ?? RepositoryScope.Unknown;

    public bool HasErrors => Diagnostics.Any(d => d.IsError);
}

/// <summary>Host-supplied defaults (Action inputs, MSBuild properties).</summary>
/// <param name="RootDirectory">Spans name files relative to this directory; paths outside it are refused.</param>
/// <param name="Repository">The repository identity (<c>owner/name</c>) the host names; part of every owner record.</param>
/// <param name="Scope">Only the groups a change touches (and those it deleted); null for every group.</param>
internal sealed record DefinitionOptions(
    string RootDirectory,
    string? DefaultFunctionName = null,
    string? DefaultAlias = null,
    string? Repository = null,
    DefinitionScope? Scope = null);
