namespace Gitmoxi.LambdaSources.Providers.RestIntegration;

/// <summary>Puts the method's integration: <c>AWS_PROXY</c>, <c>POST</c>, <see cref="Uri"/> the function's invocation URI.</summary>
internal sealed record PutRestIntegration(string RestApiId, string ResourceId, string HttpMethod, string Uri) : ChangeOperation
{
    internal override ApplyPhase Phase => ApplyPhase.Wire;
}

/// <summary>Deletes the method's integration (its source left the files and prune is on); the method stays.</summary>
internal sealed record DeleteRestIntegration(string RestApiId, string ResourceId, string HttpMethod) : ChangeOperation
{
    internal override ApplyPhase Phase => ApplyPhase.RemoveWiring;
}
