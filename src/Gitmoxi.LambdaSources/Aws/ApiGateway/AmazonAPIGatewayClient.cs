using Gitmoxi.LambdaSources.Aws.ApiGateway.Model;

namespace Gitmoxi.LambdaSources.Aws.ApiGateway;

/// <summary>
/// API Gateway's REST API (v1) operations over <see cref="RestJsonProtocol"/>, signed as <c>apigateway</c>. Methods,
/// URIs and member names follow the botocore <c>apigateway</c> model (2015-07-09): the URI members' wire names
/// (<c>restapi_id</c>, <c>resource_id</c>, <c>http_method</c>) are the labels, so they never reach a body; names as
/// AWSSDK.APIGateway's <c>AmazonAPIGatewayClient</c>.
/// </summary>
internal sealed class AmazonAPIGatewayClient(HttpClient httpClient, AwsSettings settings, TimeProvider? timeProvider = null, Random? random = null, ILogger? logger = null)
{
    private const string Method = "/restapis/{restapi_id}/resources/{resource_id}/methods/{http_method}";

    private static readonly RestJsonOperation GetResource = new("GetResource", HttpMethod.Get, "/restapis/{restapi_id}/resources/{resource_id}", true);
    private static readonly RestJsonOperation GetMethod = new("GetMethod", HttpMethod.Get, Method, true);

    /// <summary>A PUT of the whole integration: repeating it leaves the same integration.</summary>
    private static readonly RestJsonOperation PutIntegration = new("PutIntegration", HttpMethod.Put, Method + "/integration", true);

    /// <summary>A repeated delete answers "not found" for a delete that worked.</summary>
    private static readonly RestJsonOperation DeleteIntegration = new("DeleteIntegration", HttpMethod.Delete, Method + "/integration", false);
    private static readonly RestJsonOperation GetStages = new("GetStages", HttpMethod.Get, "/restapis/{restapi_id}/stages", true);

    /// <summary>Each call makes a new deployment: a repeat after a lost answer deploys the same state once more, harmless but not idempotent.</summary>
    private static readonly RestJsonOperation CreateDeployment = new("CreateDeployment", HttpMethod.Post, "/restapis/{restapi_id}/deployments", false);

    private static readonly RestApiJsonContext Json = RestApiJsonContext.Default;

    private readonly RestJsonProtocol _rest = new(new AwsRequestSender(
        httpClient, settings, AwsService.ApiGateway, AwsServiceException.Factory((nameof(NotFoundException), e => new NotFoundException(e))), timeProvider, random, logger));

    public Task<GetResourceResponse> GetResourceAsync(GetResourceRequest request, CancellationToken cancellationToken = default) =>
        _rest.SendAsync(GetResource, request, [("restapi_id", request?.RestApiId), ("resource_id", request?.ResourceId)], [], null, Json.GetResourceResponse, cancellationToken);

    public Task<GetMethodResponse> GetMethodAsync(GetMethodRequest request, CancellationToken cancellationToken = default) =>
        _rest.SendAsync(GetMethod, request, MethodLabels(request?.RestApiId, request?.ResourceId, request?.HttpMethod), [], null, Json.GetMethodResponse, cancellationToken);

    public Task<PutIntegrationResponse> PutIntegrationAsync(PutIntegrationRequest request, CancellationToken cancellationToken = default) =>
        _rest.SendAsync(
            PutIntegration, request, MethodLabels(request?.RestApiId, request?.ResourceId, request?.HttpMethod), [], Json.PutIntegrationRequest, Json.PutIntegrationResponse, cancellationToken);

    public Task<DeleteIntegrationResponse> DeleteIntegrationAsync(DeleteIntegrationRequest request, CancellationToken cancellationToken = default) =>
        _rest.SendAsync<DeleteIntegrationRequest, DeleteIntegrationResponse>(
            DeleteIntegration, request, MethodLabels(request?.RestApiId, request?.ResourceId, request?.HttpMethod), [], null, null, cancellationToken);

    public Task<GetStagesResponse> GetStagesAsync(GetStagesRequest request, CancellationToken cancellationToken = default) =>
        _rest.SendAsync(GetStages, request, [("restapi_id", request?.RestApiId)], [], null, Json.GetStagesResponse, cancellationToken);

    public Task<CreateDeploymentResponse> CreateDeploymentAsync(CreateDeploymentRequest request, CancellationToken cancellationToken = default) =>
        _rest.SendAsync(CreateDeployment, request, [("restapi_id", request?.RestApiId)], [], Json.CreateDeploymentRequest, Json.CreateDeploymentResponse, cancellationToken);

    private static (string, string?)[] MethodLabels(string? restApiId, string? resourceId, string? httpMethod) =>
        [("restapi_id", restApiId), ("resource_id", resourceId), ("http_method", httpMethod)];
}
