using Gitmoxi.LambdaSources.Providers;
using Gitmoxi.LambdaSources.Providers.BucketNotification;
using Gitmoxi.LambdaSources.Providers.EventRuleTarget;
using Gitmoxi.LambdaSources.Providers.EventSourceMapping;
using Gitmoxi.LambdaSources.Providers.LogSubscription;
using Gitmoxi.LambdaSources.Providers.RestIntegration;
using Gitmoxi.LambdaSources.Providers.RouteIntegration;
using Gitmoxi.LambdaSources.Providers.Schedule;
using Gitmoxi.LambdaSources.Providers.SnsSubscription;
using Gitmoxi.LambdaSources.Providers.TargetRegistration;

namespace Gitmoxi.LambdaSources.Planning;

/// <summary>
/// What apply does for one planned change: a closed set of sealed records, one set per provider, serialized in the
/// plan file under an <c>op</c> discriminator. Apply pattern-matches them; nothing else of the plan is read to apply it.
/// A provider's operations are listed here, in the file of its registration in <see cref="ProviderRegistry"/>.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "op", UnknownDerivedTypeHandling = JsonUnknownDerivedTypeHandling.FailSerialization)]
[JsonDerivedType(typeof(CreateMapping), "createMapping")]
[JsonDerivedType(typeof(UpdateMapping), "updateMapping")]
[JsonDerivedType(typeof(ReplaceMapping), "replaceMapping")]
[JsonDerivedType(typeof(DeleteMapping), "deleteMapping")]
[JsonDerivedType(typeof(AddStatement), "addStatement")]
[JsonDerivedType(typeof(ReplaceStatement), "replaceStatement")]
[JsonDerivedType(typeof(RemoveStatement), "removeStatement")]
[JsonDerivedType(typeof(RegisterTarget), "registerTarget")]
[JsonDerivedType(typeof(DeregisterTarget), "deregisterTarget")]
[JsonDerivedType(typeof(SetRouteTarget), "setRouteTarget")]
[JsonDerivedType(typeof(DetachRoute), "detachRoute")]
[JsonDerivedType(typeof(DeleteOrphanIntegration), "deleteOrphanIntegration")]
[JsonDerivedType(typeof(PutBucketNotification), "putBucketNotification")]
[JsonDerivedType(typeof(RemoveBucketNotification), "removeBucketNotification")]
[JsonDerivedType(typeof(CreateSchedule), "createSchedule")]
[JsonDerivedType(typeof(ReplaceSchedule), "replaceSchedule")]
[JsonDerivedType(typeof(DeleteSchedule), "deleteSchedule")]
[JsonDerivedType(typeof(PutRestIntegration), "putRestIntegration")]
[JsonDerivedType(typeof(DeleteRestIntegration), "deleteRestIntegration")]
[JsonDerivedType(typeof(DeployRestApiStage), "deployRestApiStage")]
[JsonDerivedType(typeof(SubscribeFunction), "subscribeFunction")]
[JsonDerivedType(typeof(SetSubscriptionAttributes), "setSubscriptionAttributes")]
[JsonDerivedType(typeof(UnsubscribeFunction), "unsubscribeFunction")]
[JsonDerivedType(typeof(PutRuleTarget), "putRuleTarget")]
[JsonDerivedType(typeof(RemoveRuleTarget), "removeRuleTarget")]
[JsonDerivedType(typeof(PutLogSubscriptionFilter), "putLogSubscriptionFilter")]
[JsonDerivedType(typeof(DeleteLogSubscriptionFilter), "deleteLogSubscriptionFilter")]
internal abstract record ChangeOperation
{
    /// <summary>
    /// When the operation runs within its function's apply: 0 permission adds and replaces, 1 wiring deletes,
    /// 2 other wiring, 3 permission removals, 4 deployments; so a source never runs without its permission, a delete
    /// frees what a create of the same source needs, and a deployment serves the API as the function's changes left it.
    /// </summary>
    [JsonIgnore]
    internal abstract ApplyPhase Phase { get; }
}

/// <summary>See <see cref="ChangeOperation.Phase"/>.</summary>
internal enum ApplyPhase
{
    GrantPermissions,
    RemoveWiring,
    Wire,
    RevokePermissions,
    Deploy,
}

/// <summary>
/// The one place providers are registered, next to the plan file's closed set of their operations: a new source kind is
/// a folder under <c>Providers/</c> (operations, a reader, a pure diff, an applier) plus one line in <see cref="Wiring"/>
/// and its operations' lines on <see cref="ChangeOperation"/>, both in this file.
/// </summary>
internal static class ProviderRegistry
{
    /// <summary>Every kind that wires a source to a function, in the order their changes are listed within a phase.</summary>
    public static IReadOnlyList<IWiringProvider> Wiring { get; } =
    [
        new MappingProvider(),
        new RegistrationProvider(),
        new RouteProvider(),
        new BucketNotificationProvider(),
        new ScheduleProvider(),
        new RestProvider(),
        new SubscriptionProvider(),
        new RuleTargetProvider(),
        new LogSubscriptionProvider(),
    ];

    /// <summary>The function's resource policy: the union of what the wiring requires.</summary>
    public static PermissionProvider Permissions { get; } = new();

    public static IEnumerable<IOperationApplier> Appliers => [.. Wiring, Permissions];
}
