namespace Gitmoxi.LambdaSources.Providers.RouteIntegration;

/// <summary>HTTP API route integrations: read by <see cref="RouteReader"/>, diffed by <see cref="RouteDiff"/>, applied by <see cref="RouteApplier"/>.</summary>
internal sealed class RouteProvider : IWiringProvider
{
    public IWiringReader StartRead(AwsClients aws, IReadOnlyList<FunctionDefinition> functions) => new RouteReader(aws);

    public bool Handles(ChangeOperation operation) => operation is SetRouteTarget or DetachRoute or DeleteOrphanIntegration;

    public async Task<string?> ApplyAsync(ChangeOperation operation, ApplyContext context, CancellationToken cancellationToken)
    {
        var applier = new RouteApplier(context);
        switch (operation)
        {
            case SetRouteTarget set:
                return await applier.SetTargetAsync(set, cancellationToken);
            case DetachRoute detach:
                await applier.DetachAsync(detach, cancellationToken);
                return null;
            case DeleteOrphanIntegration orphan:
                await applier.DeleteOrphanAsync(orphan, cancellationToken);
                return null;
            default:
                throw new ArgumentOutOfRangeException(nameof(operation), operation, "Not a route operation.");
        }
    }
}
