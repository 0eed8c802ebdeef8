namespace Gitmoxi.LambdaSources.Providers.EventRuleTarget;

/// <summary>
/// Puts the target <see cref="TargetId"/> (the tool's id for this repository and function) on the rule: the
/// qualified function as <c>Arn</c> and the declared target members, replacing the target of that id if there is one.
/// </summary>
/// <param name="Members">The declared <c>PutTargets</c> target members by their API names (<c>Input</c>, <c>RetryPolicy</c>, …).</param>
internal sealed record PutRuleTarget(string Rule, string EventBusName, string TargetId, string FunctionArn, JsonObject Members) : ChangeOperation
{
    internal override ApplyPhase Phase => ApplyPhase.Wire;
}

internal sealed record RemoveRuleTarget(string Rule, string EventBusName, string TargetId) : ChangeOperation
{
    internal override ApplyPhase Phase => ApplyPhase.RemoveWiring;
}
