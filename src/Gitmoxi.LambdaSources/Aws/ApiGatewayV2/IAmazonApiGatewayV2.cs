using Gitmoxi.LambdaSources.Aws.ApiGatewayV2.Model;

namespace Gitmoxi.LambdaSources.Aws.ApiGatewayV2;

/// <summary>
/// The API Gateway v2 operations the engine uses, named and shaped like AWSSDK.ApiGatewayV2's <c>IAmazonApiGatewayV2</c>
/// so the official package can replace this client.
/// </summary>
internal interface IAmazonApiGatewayV2
{
    ApiGatewayV2PaginatorFactory Paginators { get; }

    Task<GetApiResponse> GetApiAsync(GetApiRequest request, CancellationToken cancellationToken = default);

    Task<GetRoutesResponse> GetRoutesAsync(GetRoutesRequest request, CancellationToken cancellationToken = default);

    Task<UpdateRouteResponse> UpdateRouteAsync(UpdateRouteRequest request, CancellationToken cancellationToken = default);

    Task<GetIntegrationsResponse> GetIntegrationsAsync(GetIntegrationsRequest request, CancellationToken cancellationToken = default);

    Task<CreateIntegrationResponse> CreateIntegrationAsync(CreateIntegrationRequest request, CancellationToken cancellationToken = default);

    Task<DeleteIntegrationResponse> DeleteIntegrationAsync(DeleteIntegrationRequest request, CancellationToken cancellationToken = default);

    Task<GetStagesResponse> GetStagesAsync(GetStagesRequest request, CancellationToken cancellationToken = default);
}
