namespace Gitmoxi.LambdaSources.Providers.SnsSubscription;

/// <summary>
/// Subscribes <see cref="Endpoint"/> (a qualified function ARN) to the topic with protocol <c>lambda</c> and these
/// <c>Subscribe</c> attributes; then unsubscribes <see cref="Replaces"/> (the subscription of the function's previous
/// qualifier), so no message goes undelivered while an alias moves.
/// </summary>
internal sealed record SubscribeFunction(string TopicArn, string Endpoint, IReadOnlyDictionary<string, string> Attributes, string? Replaces) : ChangeOperation
{
    internal override ApplyPhase Phase => ApplyPhase.Wire;
}

/// <summary>Sets attributes of a subscription in place (<c>SetSubscriptionAttributes</c>, one call each, in this order).</summary>
internal sealed record SetSubscriptionAttributes(string SubscriptionArn, IReadOnlyList<SubscriptionAttribute> Attributes) : ChangeOperation
{
    internal override ApplyPhase Phase => ApplyPhase.Wire;
}

/// <param name="Value">The value to set; the attribute's reset value when the file leaves it out.</param>
internal sealed record SubscriptionAttribute(string Name, string Value);

internal sealed record UnsubscribeFunction(string SubscriptionArn) : ChangeOperation
{
    internal override ApplyPhase Phase => ApplyPhase.RemoveWiring;
}
