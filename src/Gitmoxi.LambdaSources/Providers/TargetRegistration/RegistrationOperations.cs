using Gitmoxi.LambdaSources.Planning;

namespace Gitmoxi.LambdaSources.Providers.TargetRegistration;

/// <summary>Registers <see cref="TargetId"/> (a qualified function ARN), after deregistering <see cref="Deregister"/> (the function's other qualifiers).</summary>
public sealed record RegisterTarget(string TargetGroupArn, string TargetId, IReadOnlyList<string> Deregister) : ChangeOperation
{
    public override ApplyPhase Phase => ApplyPhase.Wire;
}

public sealed record DeregisterTarget(string TargetGroupArn, string TargetId) : ChangeOperation
{
    public override ApplyPhase Phase => ApplyPhase.RemoveWiring;
}
