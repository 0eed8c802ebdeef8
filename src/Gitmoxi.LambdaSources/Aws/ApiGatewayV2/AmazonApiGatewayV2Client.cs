using Gitmoxi.LambdaSources.Aws.ApiGatewayV2.Model;

namespace Gitmoxi.LambdaSources.Aws.ApiGatewayV2;

/// <summary>
/// API Gateway v2's REST-JSON API over <see cref="RestJsonProtocol"/>, signed as <c>apigateway</c>. Methods, URIs and
/// camelCase member names follow the botocore <c>apigatewayv2</c> model; path members go to the URI, paging members
/// to the query, the rest to the JSON body.
/// </summary>
internal sealed class AmazonApiGatewayV2Client : IAmazonApiGatewayV2
{
    private const string Api = "/v2/apis/{apiId}";
    private const string Integrations = Api + "/integrations";

    private static readonly RestJsonOperation GetApi = new("GetApi", HttpMethod.Get, Api, true);
    private static readonly RestJsonOperation GetRoutes = new("GetRoutes", HttpMethod.Get, Api + "/routes", true);

    /// <summary>A PATCH that sets members to given values: repeating it leaves the same route.</summary>
    private static readonly RestJsonOperation UpdateRoute = new("UpdateRoute", HttpMethod.Patch, Api + "/routes/{routeId}", true);
    private static readonly RestJsonOperation GetIntegrations = new("GetIntegrations", HttpMethod.Get, Integrations, true);

    /// <summary>Not idempotent: a repeated create makes a second integration.</summary>
    private static readonly RestJsonOperation CreateIntegration = new("CreateIntegration", HttpMethod.Post, Integrations, false);

    /// <summary>Not idempotent: a repeated delete answers "not found" for a delete that worked.</summary>
    private static readonly RestJsonOperation DeleteIntegration = new("DeleteIntegration", HttpMethod.Delete, Integrations + "/{integrationId}", false);
    private static readonly RestJsonOperation GetStages = new("GetStages", HttpMethod.Get, Api + "/stages", true);

    private static readonly ApiGatewayV2JsonContext Json = ApiGatewayV2JsonContext.Default;

    private readonly RestJsonProtocol _rest;

    public AmazonApiGatewayV2Client(HttpClient httpClient, AwsSettings settings, TimeProvider? timeProvider = null, Random? random = null, ILogger? logger = null)
    {
        var errors = AwsServiceException.Factory((nameof(NotFoundException), e => new NotFoundException(e)));
        _rest = new RestJsonProtocol(new AwsRequestSender(httpClient, settings, AwsService.ApiGatewayV2, errors, timeProvider, random, logger));
        Paginators = new ApiGatewayV2PaginatorFactory(this);
    }

    public ApiGatewayV2PaginatorFactory Paginators { get; }

    public Task<GetApiResponse> GetApiAsync(GetApiRequest request, CancellationToken cancellationToken = default) =>
        _rest.SendAsync(GetApi, request, [("apiId", request?.ApiId)], [], null, Json.GetApiResponse, cancellationToken);

    public Task<GetRoutesResponse> GetRoutesAsync(GetRoutesRequest request, CancellationToken cancellationToken = default) =>
        _rest.SendAsync(
            GetRoutes, request, [("apiId", request?.ApiId)], Paging(request?.MaxResults, request?.NextToken), null, Json.GetRoutesResponse, cancellationToken);

    public Task<UpdateRouteResponse> UpdateRouteAsync(UpdateRouteRequest request, CancellationToken cancellationToken = default) =>
        _rest.SendAsync(
            UpdateRoute, request, [("apiId", request?.ApiId), ("routeId", request?.RouteId)], [], Json.UpdateRouteRequest, Json.UpdateRouteResponse, cancellationToken);

    public Task<GetIntegrationsResponse> GetIntegrationsAsync(GetIntegrationsRequest request, CancellationToken cancellationToken = default) =>
        _rest.SendAsync(
            GetIntegrations, request, [("apiId", request?.ApiId)], Paging(request?.MaxResults, request?.NextToken), null, Json.GetIntegrationsResponse, cancellationToken);

    public Task<CreateIntegrationResponse> CreateIntegrationAsync(CreateIntegrationRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        RestJsonProtocol.Required(request.IntegrationType, "IntegrationType");
        return _rest.SendAsync(
            CreateIntegration, request, [("apiId", request.ApiId)], [], Json.CreateIntegrationRequest, Json.CreateIntegrationResponse, cancellationToken);
    }

    public Task<DeleteIntegrationResponse> DeleteIntegrationAsync(DeleteIntegrationRequest request, CancellationToken cancellationToken = default) =>
        _rest.SendAsync<DeleteIntegrationRequest, DeleteIntegrationResponse>(
            DeleteIntegration, request, [("apiId", request?.ApiId), ("integrationId", request?.IntegrationId)], [], null, null, cancellationToken);

    public Task<GetStagesResponse> GetStagesAsync(GetStagesRequest request, CancellationToken cancellationToken = default) =>
        _rest.SendAsync(
            GetStages, request, [("apiId", request?.ApiId)], Paging(request?.MaxResults, request?.NextToken), null, Json.GetStagesResponse, cancellationToken);

    private static (string, string?)[] Paging(string? maxResults, string? nextToken) => [("maxResults", maxResults), ("nextToken", nextToken)];
}
