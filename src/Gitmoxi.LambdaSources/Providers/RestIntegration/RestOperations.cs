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

/// <summary>
/// Deploys the REST API to the stage (<c>CreateDeployment</c>), so callers see the function's integration changes;
/// planned last, after every change of the function, and only when one of them is on the API.
/// </summary>
internal sealed record DeployRestApiStage(string RestApiId, string StageName) : ChangeOperation
{
    internal override ApplyPhase Phase => ApplyPhase.Deploy;
}
