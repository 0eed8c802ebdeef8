namespace Gitmoxi.LambdaSources.Providers.LogSubscription;

/// <summary>Creates the subscription filter, or updates the one of this name, with the qualified function as destination.</summary>
internal sealed record PutLogSubscriptionFilter(string LogGroupName, string FilterName, string FilterPattern, string DestinationArn) : ChangeOperation
{
    internal override ApplyPhase Phase => ApplyPhase.Wire;
}

internal sealed record DeleteLogSubscriptionFilter(string LogGroupName, string FilterName) : ChangeOperation
{
    internal override ApplyPhase Phase => ApplyPhase.RemoveWiring;
}
