using Gitmoxi.LambdaSources.Providers.BucketNotification;
using Gitmoxi.LambdaSources.Providers.EventRuleTarget;
using Gitmoxi.LambdaSources.Providers.EventSourceMapping;
using Gitmoxi.LambdaSources.Providers.LogSubscription;
using Gitmoxi.LambdaSources.Providers.RestIntegration;
using Gitmoxi.LambdaSources.Providers.RouteIntegration;
using Gitmoxi.LambdaSources.Providers.Schedule;
using Gitmoxi.LambdaSources.Providers.SnsSubscription;
using Gitmoxi.LambdaSources.Providers.TargetRegistration;

namespace Gitmoxi.LambdaSources.Providers;

/// <summary>
/// The one place providers are registered. A new source kind is a folder under <c>Providers/</c> (operations, a
/// reader, a pure diff, an applier) plus one line in <see cref="Wiring"/>, and its operations' lines on
/// <see cref="Planning.ChangeOperation"/> (the plan file's closed set).
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
