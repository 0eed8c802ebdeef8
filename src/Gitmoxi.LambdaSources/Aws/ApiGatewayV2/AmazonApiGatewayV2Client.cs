using Gitmoxi.LambdaSources.Aws.ApiGatewayV2.Model;

namespace Gitmoxi.LambdaSources.Aws.ApiGatewayV2;

/// <summary>
/// API Gateway v2's REST-JSON API over <see cref="RestJsonProtocol"/>, signed as <c>apigateway</c>. Methods, URIs and
/// member names follow the botocore <c>apigatewayv2</c> model (2018-11-29); path members go to the URI, paging
/// members to the query, the rest to the JSON body. Names as AWSSDK.ApiGatewayV2's <c>AmazonApiGatewayV2Client</c>.
/// </summary>
internal sealed class AmazonApiGatewayV2Client(HttpClient httpClient, AwsSettings settings, TimeProvider? timeProvider = null, Random? random = null, ILogger? logger = null)
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

    private readonly RestJsonProtocol _rest = new(new AwsRequestSender(
        httpClient, settings, AwsService.ApiGatewayV2, AwsServiceException.Factory((nameof(NotFoundException), e => new NotFoundException(e))), timeProvider, random, logger));

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

    /// <summary>Every route of every page (<c>GetRoutes</c> following <c>nextToken</c>).</summary>
    public IAsyncEnumerable<Route> GetAllRoutes(GetRoutesRequest request) => AwsPaging.AllAsync(
        async (token, ct) =>
        {
            var page = await GetRoutesAsync(new() { ApiId = request.ApiId, MaxResults = request.MaxResults, NextToken = token }, ct);
            return (page.Items, page.NextToken);
        },
        request?.NextToken);

    /// <summary>Every integration of every page (<c>GetIntegrations</c> following <c>nextToken</c>).</summary>
    public IAsyncEnumerable<Integration> GetAllIntegrations(GetIntegrationsRequest request) => AwsPaging.AllAsync(
        async (token, ct) =>
        {
            var page = await GetIntegrationsAsync(new() { ApiId = request.ApiId, MaxResults = request.MaxResults, NextToken = token }, ct);
            return (page.Items, page.NextToken);
        },
        request?.NextToken);

    /// <summary>Every stage of every page (<c>GetStages</c> following <c>nextToken</c>).</summary>
    public IAsyncEnumerable<Stage> GetAllStages(GetStagesRequest request) => AwsPaging.AllAsync(
        async (token, ct) =>
        {
            var page = await GetStagesAsync(new() { ApiId = request.ApiId, MaxResults = request.MaxResults, NextToken = token }, ct);
            return (page.Items, page.NextToken);
        },
        request?.NextToken);

    private static (string, string?)[] Paging(string? maxResults, string? nextToken) => [("maxResults", maxResults), ("nextToken", nextToken)];
}
