using Gitmoxi.LambdaSources.Aws.ApiGatewayV2.Model;

namespace Gitmoxi.LambdaSources.Providers.RouteIntegration;

/// <summary>HTTP API route integrations: read by <see cref="RouteReader"/>, diffed by <see cref="RouteDiff"/>, applied here.</summary>
internal sealed class RouteProvider : IWiringProvider
{
    public IWiringReader StartRead(AwsClients aws, IReadOnlyList<FunctionDefinition> functions) => new RouteReader(aws);

    public bool Handles(ChangeOperation operation) => operation is SetRouteTarget or DetachRoute;

    public async Task<string?> ApplyAsync(ChangeOperation operation, ApplyContext context, CancellationToken cancellationToken)
    {
        var api = context.Aws.ApiGateway;
        switch (operation)
        {
            case SetRouteTarget set:
                var created = set.IntegrationId is null && set.Create is { } create ? await CreateIntegrationAsync(context, set.ApiId, create, cancellationToken) : null;
                var integrationId = set.IntegrationId ?? created ?? throw new GitmoxiException(DiagnosticCodes.ChangeFailed, "the plan names no integration for the route");
                await api.UpdateRouteAsync(new UpdateRouteRequest { ApiId = set.ApiId, RouteId = set.RouteId, Target = "integrations/" + integrationId }, cancellationToken);
                await DeleteIntegrationAsync(context, set.ApiId, set.DeleteIntegrationId, cancellationToken);
                return created;
            case DetachRoute detach:
                await api.UpdateRouteAsync(new UpdateRouteRequest { ApiId = detach.ApiId, RouteId = detach.RouteId, Target = string.Empty }, cancellationToken);
                await DeleteIntegrationAsync(context, detach.ApiId, detach.DeleteIntegrationId, cancellationToken);
                return null;
            default:
                throw new ArgumentOutOfRangeException(nameof(operation), operation, "Not a route operation.");
        }
    }

    private static async Task DeleteIntegrationAsync(ApplyContext context, string apiId, string? integrationId, CancellationToken cancellationToken)
    {
        if (integrationId is null)
        {
            return;
        }

        // A lost answer is reconciled by listing the API's integrations: gone is done, still there is deleted once more.
        await ReconciledDelete.RunAsync(
            $"DeleteIntegration {integrationId}",
            async () =>
            {
                try
                {
                    await context.Aws.ApiGateway.DeleteIntegrationAsync(new DeleteIntegrationRequest { ApiId = apiId, IntegrationId = integrationId }, cancellationToken);
                }
                catch (NotFoundException)
                {
                    // Already gone.
                }
            },
            () => IntegrationExistsAsync(context, apiId, integrationId, cancellationToken));
    }

    private static async Task<bool> IntegrationExistsAsync(ApplyContext context, string apiId, string integrationId, CancellationToken cancellationToken)
    {
        await foreach (var live in context.Aws.ApiGateway.Paginators.GetIntegrations(new GetIntegrationsRequest { ApiId = apiId }).WithCancellation(cancellationToken))
        {
            if (live.IntegrationId == integrationId)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Integrations have no natural key: after an unknown outcome, ours is the AWS_PROXY integration of this URI we describe as ours.</summary>
    private static async Task<string> CreateIntegrationAsync(ApplyContext context, string apiId, CreateIntegration create, CancellationToken cancellationToken)
    {
        var request = new CreateIntegrationRequest
        {
            ApiId = apiId,
            IntegrationType = create.IntegrationType,
            IntegrationUri = create.IntegrationUri,
            IntegrationMethod = create.IntegrationMethod,
            PayloadFormatVersion = create.PayloadFormatVersion,
            Description = create.Description,
        };
        return await ReconciledCreate.RunAsync(
            "CreateIntegration",
            async _ => (await context.Aws.ApiGateway.CreateIntegrationAsync(request, cancellationToken)).IntegrationId!,
            () => FindIntegrationAsync(context, request, cancellationToken),
            context.Time,
            cancellationToken);
    }

    private static async Task<string?> FindIntegrationAsync(ApplyContext context, CreateIntegrationRequest request, CancellationToken cancellationToken)
    {
        await foreach (var live in context.Aws.ApiGateway.Paginators.GetIntegrations(new GetIntegrationsRequest { ApiId = request.ApiId }).WithCancellation(cancellationToken))
        {
            if (live.IntegrationUri == request.IntegrationUri && live.IntegrationType == request.IntegrationType && live.Description == request.Description)
            {
                return live.IntegrationId;
            }
        }

        return null;
    }
}
