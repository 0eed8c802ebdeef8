namespace Gitmoxi.LambdaSources.Providers.RouteIntegration;

/// <summary>
/// Points a route at an integration: an existing one (<see cref="IntegrationId"/>) or one created first
/// (<see cref="Create"/>); then deletes <see cref="DeleteIntegrationId"/>, the integration this repository made that no
/// other route uses any more.
/// </summary>
internal sealed record SetRouteTarget(string ApiId, string RouteId, string? IntegrationId, CreateIntegration? Create, string? DeleteIntegrationId)
    : ChangeOperation
{
    internal override ApplyPhase Phase => ApplyPhase.Wire;
}

/// <summary>Clears a route's target (its source left the files); then deletes <see cref="DeleteIntegrationId"/> as in <see cref="SetRouteTarget"/>.</summary>
internal sealed record DetachRoute(string ApiId, string RouteId, string? DeleteIntegrationId) : ChangeOperation
{
    internal override ApplyPhase Phase => ApplyPhase.RemoveWiring;
}

/// <summary>
/// Deletes an integration that carries this repository's marker and that no route uses: left by an apply that was
/// stopped between creating and attaching it, or created by hand with the marker. Kept if a route uses it by then.
/// </summary>
internal sealed record DeleteOrphanIntegration(string ApiId, string IntegrationId) : ChangeOperation
{
    internal override ApplyPhase Phase => ApplyPhase.RemoveWiring;
}

/// <summary>The <c>CreateIntegration</c> request members, as sent.</summary>
/// <param name="Description">Marks the integration as this repository's (<see cref="RouteDiff.Marker"/>).</param>
internal sealed record CreateIntegration(string IntegrationType, string IntegrationUri, string IntegrationMethod, string PayloadFormatVersion, string Description);
