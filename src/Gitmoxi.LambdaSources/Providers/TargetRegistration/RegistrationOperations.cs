namespace Gitmoxi.LambdaSources.Providers.TargetRegistration;

/// <summary>Registers <see cref="TargetId"/> (a qualified function ARN), after deregistering <see cref="Deregister"/> (the function's other qualifiers).</summary>
internal sealed record RegisterTarget(string TargetGroupArn, string TargetId, IReadOnlyList<string> Deregister) : ChangeOperation
{
    internal override ApplyPhase Phase => ApplyPhase.Wire;
}

internal sealed record DeregisterTarget(string TargetGroupArn, string TargetId) : ChangeOperation
{
    internal override ApplyPhase Phase => ApplyPhase.RemoveWiring;
}
