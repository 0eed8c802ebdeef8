namespace Gitmoxi.LambdaSources.Planning;

/// <summary>
/// What AWS holds for one function's push sources, as values: the target groups and HTTP APIs its sources (declared
/// or recorded in its policy) refer to, and the resource policy of each qualifier read. The pure
/// <see cref="PushSourcePlanner"/> works on this alone.
/// </summary>
/// <param name="TargetGroups">By target group ARN; a group that does not exist is present with <c>Exists</c> false.</param>
/// <param name="Apis">By API id; an API that does not exist is present with <c>Exists</c> false.</param>
/// <param name="Policies">By qualifier (<see cref="PushSources.UnqualifiedKey"/> for the unqualified function): its statements.</param>
/// <param name="MissingAliases">Aliases a stage names that the function does not have.</param>
public sealed record LivePushState(
    IReadOnlyDictionary<string, LiveTargetGroup> TargetGroups,
    IReadOnlyDictionary<string, LiveHttpApi> Apis,
    IReadOnlyDictionary<string, IReadOnlyList<LiveStatement>> Policies,
    IReadOnlySet<string> MissingAliases);

/// <param name="RegisteredTargets">Ids (function ARNs, for a Lambda group) of the targets registered now.</param>
public sealed record LiveTargetGroup(string Arn, bool Exists, string? TargetType, IReadOnlyList<string> RegisteredTargets);

public sealed record LiveHttpApi(
    string ApiId,
    bool Exists,
    string? ProtocolType,
    IReadOnlyList<LiveRoute> Routes,
    IReadOnlyList<LiveIntegration> Integrations,
    IReadOnlyList<LiveStage> Stages);

/// <param name="Target"><c>integrations/{id}</c>, or null for a route without a target.</param>
public sealed record LiveRoute(string RouteId, string RouteKey, string? Target);

public sealed record LiveIntegration(string IntegrationId, string? IntegrationType, string? IntegrationUri, string? PayloadFormatVersion, string? Description);

public sealed record LiveStage(string StageName, IReadOnlyDictionary<string, string> Variables);

/// <summary>One statement of a function's resource policy, reduced to what a push-source permission consists of.</summary>
/// <param name="OtherConditions">Conditions besides <c>ArnLike AWS:SourceArn</c>, as canonical JSON; null when there are none.</param>
public sealed record LiveStatement(string Sid, string? Effect, string? Principal, string? Action, string? SourceArn, string? OtherConditions);
