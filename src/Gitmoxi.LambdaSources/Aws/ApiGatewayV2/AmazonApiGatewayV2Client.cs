using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Gitmoxi.LambdaSources.Aws.ApiGatewayV2.Model;

namespace Gitmoxi.LambdaSources.Aws.ApiGatewayV2;

/// <summary>
/// API Gateway v2's REST-JSON API over <see cref="AwsRequestSender"/>, signed as <c>apigateway</c>. Methods, URIs and
/// camelCase member names follow the botocore <c>apigatewayv2</c> model; path members go to the URI, paging members
/// to the query, the rest to the JSON body.
/// </summary>
public sealed class AmazonApiGatewayV2Client : IAmazonApiGatewayV2
{
    private const string JsonContentType = "application/json";
    private const string Api = "/v2/apis/{apiId}";
    private const string Routes = "/v2/apis/{apiId}/routes";
    private const string RoutePath = "/v2/apis/{apiId}/routes/{routeId}";
    private const string Integrations = "/v2/apis/{apiId}/integrations";
    private const string IntegrationPath = "/v2/apis/{apiId}/integrations/{integrationId}";
    private const string Stages = "/v2/apis/{apiId}/stages";

    private static readonly ApiGatewayV2JsonContext Json = ApiGatewayV2JsonContext.Default;

    private readonly AwsRequestSender _sender;

    public AmazonApiGatewayV2Client(HttpClient httpClient, AwsSettings settings, TimeProvider? timeProvider = null, Random? random = null)
    {
        _sender = new AwsRequestSender(httpClient, settings, AwsService.ApiGatewayV2, AmazonApiGatewayV2Exception.Create, timeProvider, random);
        Paginators = new ApiGatewayV2PaginatorFactory(this);
    }

    public IApiGatewayV2PaginatorFactory Paginators { get; }

    public Task<GetApiResponse> GetApiAsync(GetApiRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return SendAsync(Get("GetApi", Api, Labels(("apiId", request.ApiId))), Json.GetApiResponse, cancellationToken);
    }

    public Task<GetRouteResponse> GetRouteAsync(GetRouteRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return SendAsync(
            Get("GetRoute", RoutePath, Labels(("apiId", request.ApiId), ("routeId", request.RouteId))), Json.GetRouteResponse, cancellationToken);
    }

    public Task<GetRoutesResponse> GetRoutesAsync(GetRoutesRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return SendAsync(
            Get("GetRoutes", Routes, Labels(("apiId", request.ApiId)), Paging(request.MaxResults, request.NextToken)),
            Json.GetRoutesResponse,
            cancellationToken);
    }

    /// <remarks>A PATCH that sets members to given values: repeating it leaves the same route.</remarks>
    public Task<UpdateRouteResponse> UpdateRouteAsync(UpdateRouteRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var labels = Labels(("apiId", request.ApiId), ("routeId", request.RouteId));
        var body = JsonSerializer.SerializeToNode(request, Json.UpdateRouteRequest)!.AsObject();
        body.Remove("apiId");
        body.Remove("routeId");
        return SendAsync(
            new AwsRequest
            {
                Operation = "UpdateRoute",
                Method = HttpMethod.Patch,
                ResourcePath = RoutePath,
                PathLabels = labels,
                Body = System.Text.Encoding.UTF8.GetBytes(body.ToJsonString()),
                ContentType = JsonContentType,
                IsIdempotent = true,
            },
            Json.UpdateRouteResponse,
            cancellationToken);
    }

    public Task<GetIntegrationResponse> GetIntegrationAsync(GetIntegrationRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return SendAsync(
            Get("GetIntegration", IntegrationPath, Labels(("apiId", request.ApiId), ("integrationId", request.IntegrationId))),
            Json.GetIntegrationResponse,
            cancellationToken);
    }

    public Task<GetIntegrationsResponse> GetIntegrationsAsync(GetIntegrationsRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return SendAsync(
            Get("GetIntegrations", Integrations, Labels(("apiId", request.ApiId)), Paging(request.MaxResults, request.NextToken)),
            Json.GetIntegrationsResponse,
            cancellationToken);
    }

    /// <remarks>Not idempotent: a repeated create makes a second integration.</remarks>
    public Task<CreateIntegrationResponse> CreateIntegrationAsync(CreateIntegrationRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        Required(request.IntegrationType, "IntegrationType");
        var labels = Labels(("apiId", request.ApiId));
        var body = JsonSerializer.SerializeToNode(request, Json.CreateIntegrationRequest)!.AsObject();
        body.Remove("apiId");
        return SendAsync(
            new AwsRequest
            {
                Operation = "CreateIntegration",
                Method = HttpMethod.Post,
                ResourcePath = Integrations,
                PathLabels = labels,
                Body = System.Text.Encoding.UTF8.GetBytes(body.ToJsonString()),
                ContentType = JsonContentType,
                IsIdempotent = false,
            },
            Json.CreateIntegrationResponse,
            cancellationToken);
    }

    /// <remarks>Not idempotent: a repeated delete answers "not found" for a delete that worked.</remarks>
    public async Task<DeleteIntegrationResponse> DeleteIntegrationAsync(DeleteIntegrationRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        await _sender.SendAsync(
            new AwsRequest
            {
                Operation = "DeleteIntegration",
                Method = HttpMethod.Delete,
                ResourcePath = IntegrationPath,
                PathLabels = Labels(("apiId", request.ApiId), ("integrationId", request.IntegrationId)),
                IsIdempotent = false,
            },
            cancellationToken);
        return new DeleteIntegrationResponse();
    }

    public Task<GetStagesResponse> GetStagesAsync(GetStagesRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return SendAsync(
            Get("GetStages", Stages, Labels(("apiId", request.ApiId)), Paging(request.MaxResults, request.NextToken)),
            Json.GetStagesResponse,
            cancellationToken);
    }

    private static AwsRequest Get(string operation, string path, Dictionary<string, string> labels, List<KeyValuePair<string, string>>? query = null) =>
        new()
        {
            Operation = operation,
            Method = HttpMethod.Get,
            ResourcePath = path,
            PathLabels = labels,
            Query = query ?? [],
            IsIdempotent = true,
        };

    private async Task<T> SendAsync<T>(AwsRequest request, JsonTypeInfo<T> responseType, CancellationToken cancellationToken)
        where T : new()
    {
        var response = await _sender.SendAsync(request, cancellationToken);
        if (response.Body.AsSpan().Trim(" \t\r\n"u8).IsEmpty)
        {
            return new T();
        }

        try
        {
            return JsonSerializer.Deserialize(response.Body, responseType) ?? new T();
        }
        catch (JsonException e)
        {
            throw new AwsUnexpectedResponseException(
                request.Operation, $"{request.Operation} succeeded, but its answer is not the JSON the API defines: {e.Message}", e);
        }
    }

    private static List<KeyValuePair<string, string>> Paging(string? maxResults, string? nextToken) =>
        [.. new[] { ("maxResults", maxResults), ("nextToken", nextToken) }
            .Where(p => p.Item2 is not null)
            .Select(p => new KeyValuePair<string, string>(p.Item1, p.Item2!))];

    private static Dictionary<string, string> Labels(params (string Name, string? Value)[] labels)
    {
        foreach (var (name, value) in labels)
        {
            Required(value, name);
        }

        return labels.ToDictionary(l => l.Name, l => l.Value!, StringComparer.Ordinal);
    }

    private static void Required(object? value, string member)
    {
        if (value is null || value is string { Length: 0 })
        {
            throw new ArgumentException($"The request member {member} is required.");
        }
    }
}
